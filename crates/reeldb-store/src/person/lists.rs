//! Person lists: popular people (with `known_for` computed from their credits), the latest
//! person, and the images tagged with a person.
//!
//! Tagged images are rows linking a person to an image another object owns (`tagged_image`).
//! Their `media` shows that owner's fields from the catalog: series through
//! [`Db::series_summaries`], seasons and episodes from their rows. Movies have no table yet: a
//! tagged image of a movie keeps the movie's fields as the source sent them (JSON in
//! `tagged_image.media`), served back as they came until movies join the catalog.

use crate::db::Db;
use crate::write::{Writer, bool_int};
use crate::{Owner, Result};
use reeldb_wire::common::Paged;
use reeldb_wire::params::Language;
use reeldb_wire::person::{
    ByMediaType, KnownForMovie, KnownForTv, PersonDetails, PopularPeople, PopularPerson,
    SeasonTagged, TaggedImage, TaggedImages, TaggedMedia, TvMedia,
};
use std::collections::HashMap;

/// People a page of `/person/popular` holds.
pub const PEOPLE_PER_PAGE: u64 = 20;

type PopularRow = (
    i64,
    Option<i64>,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<f64>,
    Option<String>,
);

impl Db {
    /// `GET /3/person/latest`: the person with the highest id (four statements).
    pub fn latest_person(&mut self, lang: &Language) -> Result<Option<PersonDetails>> {
        let id: Option<i64> = self.scalar("SELECT MAX(id) FROM person", &[])?;
        match id {
            Some(id) => self.person_details(id, lang),
            None => Ok(None),
        }
    }

    /// `GET /3/person/popular`: people by popularity, best first (ties by id), with the true
    /// totals; each with `known_for`, their three most popular titles among their credits
    /// (`Db::known_for`; at most ten statements: count, page, known_for 8).
    pub fn popular_people(&mut self, page: u32, lang: &Language) -> Result<PopularPeople> {
        let total: i64 = self.scalar("SELECT COUNT(*) FROM person", &[])?;
        let offset = (i64::from(page) - 1) * PEOPLE_PER_PAGE as i64;
        let rows: Vec<PopularRow> = self.query(
            "SELECT id, adult, gender, known_for_department, name, original_name, popularity, profile_path FROM person
             ORDER BY COALESCE(popularity, 0) DESC, id LIMIT $1 OFFSET $2",
            &[&(PEOPLE_PER_PAGE as i64), &offset],
        )?;
        let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
        let mut known = self.known_for(&ids, lang)?;
        let results = rows
            .into_iter()
            .map(
                |(id, adult, gender, dept, name, original_name, popularity, profile_path)| {
                    PopularPerson {
                        adult: adult.map(|a| a != 0),
                        gender,
                        id,
                        known_for: known
                            .remove(&id)
                            .unwrap_or_default()
                            .into_iter()
                            .map(|k| match k {
                                ByMediaType::Tv(tv) => ByMediaType::Tv(KnownForTv {
                                    tv: tv.into(),
                                    media_type: "tv".into(),
                                }),
                                ByMediaType::Movie(m) => ByMediaType::Movie(KnownForMovie {
                                    movie: m.into(),
                                    media_type: "movie".into(),
                                }),
                            })
                            .collect(),
                        known_for_department: dept,
                        name,
                        original_name,
                        popularity,
                        profile_path,
                    }
                },
            )
            .collect();
        Ok(Paged::new(
            page,
            PEOPLE_PER_PAGE,
            total.max(0) as u64,
            results,
        ))
    }
}

/// Images a page of tagged images holds.
pub const TAGGED_PER_PAGE: u64 = 50;

struct TaggedRow {
    image_id: String,
    file_path: String,
    image_type: Option<String>,
    aspect_ratio: Option<f64>,
    height: Option<i64>,
    width: Option<i64>,
    iso_639_1: Option<String>,
    vote_average: Option<f64>,
    vote_count: Option<i64>,
    media_type: String,
    media_id: i64,
    media: Option<String>,
}
crate::from_row!(TaggedRow {
    image_id,
    file_path,
    image_type,
    aspect_ratio,
    height,
    width,
    iso_639_1,
    vote_average,
    vote_count,
    media_type,
    media_id,
    media,
});

impl Db {
    /// `GET /3/person/{id}/tagged_images`: one page, in stored order, each image with its
    /// owner's fields (at most eleven statements: count, page, series 4, seasons 2, episodes 2;
    /// the person check is the caller's).
    pub fn tagged_images(
        &mut self,
        person_id: i64,
        page: u32,
        lang: &Language,
    ) -> Result<TaggedImages> {
        let total: i64 = self.scalar(
            "SELECT COUNT(*) FROM tagged_image WHERE person_id = $1",
            &[&person_id],
        )?;
        let offset = (i64::from(page) - 1) * TAGGED_PER_PAGE as i64;
        let rows: Vec<TaggedRow> = self.query(
            "SELECT image_id, file_path, image_type, aspect_ratio, height, width, iso_639_1, vote_average, vote_count,
               media_type, media_id, media
             FROM tagged_image WHERE person_id = $1 ORDER BY position, image_id LIMIT $2 OFFSET $3",
            &[&person_id, &(TAGGED_PER_PAGE as i64), &offset],
        )?;
        let ids = |t: &str| -> Vec<i64> {
            let mut v: Vec<i64> = rows
                .iter()
                .filter(|r| r.media_type == t)
                .map(|r| r.media_id)
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let series: HashMap<i64, _> = self
            .series_summaries(&ids("tv"), lang)?
            .into_iter()
            .map(|s| (s.id, s))
            .collect();
        let seasons: HashMap<i64, _> = self
            .season_media(&ids("season"), lang)?
            .into_iter()
            .map(|s| (s.id, s))
            .collect();
        let episodes: HashMap<i64, _> = self
            .episode_media(&ids("episode"), lang)?
            .into_iter()
            .map(|e| (e.id, e))
            .collect();
        let results = rows
            .into_iter()
            .filter_map(|r| {
                let media = match r.media_type.as_str() {
                    "tv" => TaggedMedia::Tv(TvMedia {
                        tv: series.get(&r.media_id)?.clone(),
                        media_type: "tv".into(),
                    }),
                    "season" => TaggedMedia::Season(SeasonTagged {
                        season: seasons.get(&r.media_id)?.clone(),
                        media_type: "tv_season".into(),
                    }),
                    "episode" => TaggedMedia::Episode(episodes.get(&r.media_id)?.clone()),
                    _ => serde_json::from_str(r.media.as_deref()?).ok()?,
                };
                Some(TaggedImage {
                    aspect_ratio: r.aspect_ratio,
                    file_path: r.file_path,
                    height: r.height,
                    id: r.image_id,
                    iso_639_1: r.iso_639_1,
                    vote_average: r.vote_average,
                    vote_count: r.vote_count,
                    width: r.width,
                    image_type: r.image_type,
                    media,
                    media_type: r.media_type,
                })
            })
            .collect();
        let p = Paged::new(page, TAGGED_PER_PAGE, total.max(0) as u64, results);
        Ok(TaggedImages {
            id: person_id,
            page: p.page,
            results: p.results,
            total_pages: p.total_pages,
            total_results: p.total_results,
        })
    }
}

impl Writer<'_> {
    /// Stores one page of a person's tagged images (page `page`, `TAGGED_PER_PAGE` a page:
    /// positions follow the page). The media's own fields are stored by the caller for
    /// series, seasons and episodes; a movie's are kept here as the source sent them.
    pub fn set_tagged_images(
        &mut self,
        person_id: i64,
        page: u32,
        images: &[TaggedImage],
    ) -> Result<()> {
        self.ensure_person(person_id)?;
        let owner = Owner::person(person_id);
        let known: Vec<(String,)> = self.db.query(
            "SELECT image_id FROM tagged_image WHERE person_id = $1",
            &[&person_id],
        )?;
        let first = (i64::from(page) - 1) * TAGGED_PER_PAGE as i64;
        for (i, t) in images.iter().enumerate() {
            let (media_id, media) = match &t.media {
                TaggedMedia::Movie(m) => (m.movie.id, serde_json::to_string(&t.media).ok()),
                TaggedMedia::Tv(s) => (s.tv.id, None),
                TaggedMedia::Season(s) => (s.season.id, None),
                TaggedMedia::Episode(e) => (e.id, None),
            };
            self.db.execute(
                "INSERT INTO tagged_image (person_id, image_id, file_path, image_type, aspect_ratio, height, width, iso_639_1,
                   vote_average, vote_count, media_type, media_id, media, position)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
                 ON CONFLICT (person_id, image_id) DO UPDATE SET file_path = excluded.file_path, image_type = excluded.image_type,
                   aspect_ratio = excluded.aspect_ratio, height = excluded.height, width = excluded.width,
                   iso_639_1 = excluded.iso_639_1, vote_average = excluded.vote_average, vote_count = excluded.vote_count,
                   media_type = excluded.media_type, media_id = excluded.media_id, media = excluded.media,
                   position = excluded.position",
                &[
                    &person_id,
                    &t.id,
                    &t.file_path,
                    &t.image_type,
                    &t.aspect_ratio,
                    &t.height,
                    &t.width,
                    &t.iso_639_1,
                    &t.vote_average,
                    &t.vote_count,
                    &t.media_type,
                    &media_id,
                    &media,
                    &(first + i as i64),
                ],
            )?;
            if !known.iter().any(|(k,)| *k == t.id) {
                let v = serde_json::json!({"id": t.id, "file_path": t.file_path, "media_type": t.media_type});
                self.record(owner, "tagged_images", "added", None, None, Some(v), None)?;
            }
        }
        Ok(())
    }

    /// Sets a person's fields as a popular-people entry states them.
    pub fn set_popular_person(&mut self, p: &PopularPerson) -> Result<()> {
        self.ensure_person(p.id)?;
        type Old = (Option<String>, Option<String>, Option<i64>, Option<String>);
        let (o_name, o_profile, o_gender, o_dept): Old = self.db.query_one(
            "SELECT name, profile_path, gender, known_for_department FROM person WHERE id = $1",
            &[&p.id],
        )?;
        self.db.execute(
            "UPDATE person SET adult = $2, gender = $3, known_for_department = $4, name = $5, popularity = $6,
               profile_path = $7, original_name = COALESCE($8, original_name) WHERE id = $1",
            &[
                &p.id,
                &bool_int(p.adult),
                &p.gender,
                &p.known_for_department,
                &p.name,
                &p.popularity,
                &p.profile_path,
                &p.original_name,
            ],
        )?;
        self.people_seen.remove(&p.id);
        self.person_changed(p.id);
        let owner = Owner::person(p.id);
        self.diff_field(owner, "name", &o_name, &p.name)?;
        self.diff_field(owner, "profile_path", &o_profile, &p.profile_path)?;
        self.diff_field(owner, "gender", &o_gender, &p.gender)?;
        self.diff_field(
            owner,
            "known_for_department",
            &o_dept,
            &p.known_for_department,
        )
    }
}
