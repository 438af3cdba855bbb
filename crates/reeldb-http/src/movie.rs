//! TMDB section "Movies": `/3/movie/{movie_id}` with the sub-resources built so far, and
//! `/3/movie/latest`.
//!
//! Each handler validates its parameters, then reads everything in one job on a database
//! thread ([`read_json`]). A movie path id is a TMDB id or an IMDb id (`tt0137523`), which
//! resolves through the movie's `imdb_id` external id, as TMDB does.

use crate::AppState;
use crate::error::{ApiError, ApiResult, envelope};
use crate::extract::{
    Appends, Params, Part, WithAppends, appended, changes_window, owner_videos, read_json,
};
use crate::movie_lists::{recommendations_of, similar_of};
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use reeldb_store::{Db, LanguageFilter, MOVIE_EXTERNAL_IDS, Owner};
use reeldb_wire::Status;
use reeldb_wire::movie::MovieDetails;
use reeldb_wire::params::{Language, Page};
use reeldb_wire::tv_series::SeriesImages;

const BASE: &str = "/3/movie/{movie_id}";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/3/movie/latest", get(latest))
        .route(BASE, get(details).fallback(other_method))
        .route(
            &format!("{BASE}/alternative_titles"),
            get(alternative_titles),
        )
        .route(&format!("{BASE}/changes"), get(changes))
        .route(&format!("{BASE}/credits"), get(credits))
        .route(&format!("{BASE}/external_ids"), get(external_ids))
        .route(&format!("{BASE}/images"), get(images))
        .route(&format!("{BASE}/keywords"), get(keywords))
        .route(&format!("{BASE}/release_dates"), get(release_dates))
        .route(&format!("{BASE}/reviews"), get(reviews))
        .route(&format!("{BASE}/translations"), get(translations))
        .route(&format!("{BASE}/videos"), get(videos))
        .route(&format!("{BASE}/watch/providers"), get(watch_providers))
}

/// Any other method on `/3/movie/{movie_id}`. A name that is no movie id answers like an
/// unknown route (404/34); a movie id is a movie path that only answers GET (405/42). (The list
/// routes beside this one, `/3/movie/popular` and the others, are routes of their own.)
async fn other_method(path: Path<String>) -> Response {
    match MovieAt::parse(path) {
        Ok(_) => envelope(Status::MethodNotSupported),
        Err(_) => envelope(Status::NotFound),
    }
}

/// A movie's path id, validated: a TMDB id (digits) or an IMDb id (`tt` and digits); anything
/// else is TMDB's 404/34.
#[derive(Debug, Clone)]
enum MovieAt {
    Tmdb(i64),
    Imdb(String),
}

impl MovieAt {
    fn parse(Path(id): Path<String>) -> ApiResult<MovieAt> {
        let id = id.trim();
        let digits =
            |s: &str| !s.is_empty() && s.len() <= 18 && s.bytes().all(|b| b.is_ascii_digit());
        if digits(id) {
            return id
                .parse()
                .map(MovieAt::Tmdb)
                .map_err(|_| ApiError(Status::NotFound));
        }
        match id.strip_prefix("tt") {
            Some(n) if digits(n) => Ok(MovieAt::Imdb(id.to_owned())),
            _ => Err(ApiError(Status::NotFound)),
        }
    }

    /// The movie's TMDB id, or 404/34 when the catalog does not hold it (one statement).
    fn find(&self, db: &mut Db) -> ApiResult<i64> {
        let found = match self {
            MovieAt::Tmdb(id) => db.movie_exists(*id)?.then_some(*id),
            MovieAt::Imdb(imdb) => db.movie_by_imdb_id(imdb)?,
        };
        found.ok_or(ApiError(Status::NotFound))
    }
}

/// Answers with what `f` builds for the movie a path names (a TMDB or IMDb id; 404/34 when
/// the catalog does not hold it), all in one job on a database thread.
pub(crate) async fn of_movie<T, F>(
    state: &AppState,
    path: Path<String>,
    f: F,
) -> ApiResult<Response>
where
    F: FnOnce(&mut Db, i64) -> ApiResult<T> + Send + 'static,
    T: serde::Serialize + Send + 'static,
{
    let at = MovieAt::parse(path)?;
    read_json(state, move |db| {
        let id = at.find(db)?;
        f(db, id)
    })
    .await
}

/// Backdrops, logos and posters of a movie (the series' shape: same keys, same order).
fn movie_images(db: &mut Db, id: i64, filter: &LanguageFilter) -> ApiResult<SeriesImages> {
    let owner = Owner::movie(id);
    Ok(SeriesImages {
        backdrops: db.images(owner, "backdrop", filter)?,
        id,
        logos: db.images(owner, "logo", filter)?,
        posters: db.images(owner, "poster", filter)?,
    })
}

/// A sub-resource's body by its `append_to_response` name; `None` for names that are not one
/// built yet (TMDB ignores unknown names).
fn sub_resource(
    db: &mut Db,
    id: i64,
    name: &str,
    lang: &Language,
    appends: &Appends,
) -> ApiResult<Option<Part>> {
    let owner = Owner::movie(id);
    Ok(Some(match name {
        "alternative_titles" => appended(&db.movie_alternative_titles(id, None)?)?,
        "credits" => appended(&db.movie_credits(id)?)?,
        "external_ids" => appended(&db.external_ids(owner, MOVIE_EXTERNAL_IDS)?)?,
        "images" => appended(&movie_images(db, id, &appends.images)?)?,
        "keywords" => appended(&db.movie_keywords(id)?)?,
        "translations" => appended(&db.movie_translations(id)?)?,
        "release_dates" => appended(&db.movie_release_dates(id)?)?,
        "reviews" => appended(&db.owner_reviews(owner, lang, appends.page)?)?,
        "videos" => appended(&owner_videos(db, owner, &appends.videos)?)?,
        "watch/providers" => appended(&db.watch_providers(owner)?)?,
        "similar" => appended(&similar_of(db, id, appends.page, lang)?)?,
        "recommendations" => appended(&recommendations_of(db, id, appends.page, lang)?)?,
        // The names older clients still send: credits, videos and releases in their old shapes.
        "casts" => appended(&db.movie_credits(id)?)?,
        "trailers" => appended(&db.movie_trailers(id, &appends.videos)?)?,
        "releases" => appended(&db.movie_releases(id)?)?,
        // Appended changes cover the default window (the last 24 hours).
        "changes" => {
            let (start, end) = changes_window(&Params::default())?;
            appended(&db.changes(owner, &start, &end)?)?
        }
        _ => return Ok(None),
    }))
}

/// Details of movie `id` with its appended parts, or 404/34.
fn details_of(
    db: &mut Db,
    id: i64,
    lang: &Language,
    appends: &Appends,
) -> ApiResult<WithAppends<MovieDetails>> {
    let body = db
        .movie_details(id, lang)?
        .ok_or(ApiError(Status::NotFound))?;
    appends.apply(db, body, |db, name| {
        sub_resource(db, id, name, lang, appends)
    })
}

/// `GET /3/movie/{movie_id}` (movie-details), with `append_to_response` of its sub-resources.
async fn details(
    State(state): State<AppState>,
    path: Path<String>,
    params: Params,
) -> ApiResult<Response> {
    let lang = params.language()?;
    let appends = Appends::parse(&params)?;
    let at = MovieAt::parse(path)?;
    read_json(&state, move |db| {
        let id = match &at {
            MovieAt::Tmdb(id) => *id,
            imdb => imdb.find(db)?,
        };
        details_of(db, id, &lang, &appends)
    })
    .await
}

/// `GET /3/movie/latest` (movie-latest-id): the details of the movie with the highest id.
async fn latest(State(state): State<AppState>, params: Params) -> ApiResult<Response> {
    let lang = params.language()?;
    let appends = Appends::parse(&params)?;
    read_json(&state, move |db| {
        let id = db.latest_movie_id()?.ok_or(ApiError(Status::NotFound))?;
        details_of(db, id, &lang, &appends)
    })
    .await
}

/// `GET /3/movie/{movie_id}/alternative_titles` (movie-alternative-titles): under `titles`,
/// only the `country` given (an ISO 3166-1 code, any case) when there is one.
async fn alternative_titles(
    State(state): State<AppState>,
    path: Path<String>,
    params: Params,
) -> ApiResult<Response> {
    let country = params
        .get("country")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_ascii_uppercase);
    let at = MovieAt::parse(path)?;
    read_json(&state, move |db| {
        let id = at.find(db)?;
        Ok(db.movie_alternative_titles(id, country.as_deref())?)
    })
    .await
}

/// `GET /3/movie/{movie_id}/credits` (movie-credits): cast (with `cast_id`) and crew.
async fn credits(
    State(state): State<AppState>,
    path: Path<String>,
    params: Params,
) -> ApiResult<Response> {
    params.language()?;
    let at = MovieAt::parse(path)?;
    read_json(&state, move |db| {
        let id = at.find(db)?;
        Ok(db.movie_credits(id)?)
    })
    .await
}

/// `GET /3/movie/{movie_id}/external_ids` (movie-external-ids).
async fn external_ids(State(state): State<AppState>, path: Path<String>) -> ApiResult<Response> {
    let at = MovieAt::parse(path)?;
    read_json(&state, move |db| {
        let id = at.find(db)?;
        Ok(db.external_ids(Owner::movie(id), MOVIE_EXTERNAL_IDS)?)
    })
    .await
}

/// `GET /3/movie/{movie_id}/images` (movie-images): backdrops, logos and posters, best rated
/// first, filtered by `language` and `include_image_language`.
async fn images(
    State(state): State<AppState>,
    path: Path<String>,
    params: Params,
) -> ApiResult<Response> {
    let filter = params.media_filter("include_image_language")?;
    let at = MovieAt::parse(path)?;
    read_json(&state, move |db| {
        let id = at.find(db)?;
        movie_images(db, id, &filter)
    })
    .await
}

/// `GET /3/movie/{movie_id}/keywords` (movie-keywords): the list is under `keywords`.
async fn keywords(State(state): State<AppState>, path: Path<String>) -> ApiResult<Response> {
    let at = MovieAt::parse(path)?;
    read_json(&state, move |db| {
        let id = at.find(db)?;
        Ok(db.movie_keywords(id)?)
    })
    .await
}

/// `GET /3/movie/{movie_id}/reviews` (movie-reviews): the movie's reviews in the requested
/// language (and those of unknown language), oldest first, 20 a page.
async fn reviews(
    State(state): State<AppState>,
    path: Path<String>,
    params: Params,
) -> ApiResult<Response> {
    let lang = params.language()?;
    let page = Page::parse_param(params.get("page"))?.get();
    let at = MovieAt::parse(path)?;
    read_json(&state, move |db| {
        let id = at.find(db)?;
        Ok(db.owner_reviews(Owner::movie(id), &lang, page)?)
    })
    .await
}

/// `GET /3/movie/{movie_id}/release_dates` (movie-release-dates): releases per country.
async fn release_dates(State(state): State<AppState>, path: Path<String>) -> ApiResult<Response> {
    let at = MovieAt::parse(path)?;
    read_json(&state, move |db| {
        let id = at.find(db)?;
        Ok(db.movie_release_dates(id)?)
    })
    .await
}

/// `GET /3/movie/{movie_id}/translations` (movie-translations): title, overview, homepage,
/// tagline and runtime per language.
async fn translations(State(state): State<AppState>, path: Path<String>) -> ApiResult<Response> {
    let at = MovieAt::parse(path)?;
    read_json(&state, move |db| {
        let id = at.find(db)?;
        Ok(db.movie_translations(id)?)
    })
    .await
}

/// `GET /3/movie/{movie_id}/videos` (movie-videos).
async fn videos(
    State(state): State<AppState>,
    path: Path<String>,
    params: Params,
) -> ApiResult<Response> {
    let filter = params.media_filter("include_video_language")?;
    let at = MovieAt::parse(path)?;
    read_json(&state, move |db| {
        let id = at.find(db)?;
        owner_videos(db, Owner::movie(id), &filter)
    })
    .await
}

/// `GET /3/movie/{movie_id}/watch/providers` (movie-watch-providers).
async fn watch_providers(
    State(state): State<AppState>,
    path: Path<String>,
    params: Params,
) -> ApiResult<Response> {
    params.language()?;
    let at = MovieAt::parse(path)?;
    read_json(&state, move |db| {
        let id = at.find(db)?;
        Ok(db.watch_providers(Owner::movie(id))?)
    })
    .await
}

/// `GET /3/movie/{movie_id}/changes` (movie-changes): the window rules of every changes op; a
/// movie no longer held still answers for its logged history.
async fn changes(
    State(state): State<AppState>,
    path: Path<String>,
    params: Params,
) -> ApiResult<Response> {
    let (start, end) = changes_window(&params)?;
    let at = MovieAt::parse(path)?;
    read_json(&state, move |db| {
        let id = match &at {
            MovieAt::Tmdb(id) => {
                if !db.movie_exists(*id)? && !db.has_history(Owner::movie(*id))? {
                    return Err(ApiError(Status::NotFound));
                }
                *id
            }
            imdb => imdb.find(db)?,
        };
        Ok(db.changes(Owner::movie(id), &start, &end)?)
    })
    .await
}
