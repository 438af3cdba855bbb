//! Tests of the request parser (`request.rs`).

use super::*;

#[test]
fn parses_season_and_episode_paths() {
    let r = Request::parse("/3/tv/1396/season/1?append_to_response=credits,images&language=fr-FR")
        .unwrap();
    assert_eq!(
        r.resource,
        Resource::Season {
            series_id: 1396,
            season_number: 1,
            sub: SeasonSub::Details
        }
    );
    assert_eq!(r.language.to_string(), "fr-FR");
    assert!(r.filtered_media);
    assert_eq!(r.append.names().collect::<Vec<_>>(), ["credits", "images"]);
    let r = Request::parse("https://api.themoviedb.org/3/tv/1/season/0/episode/3/credits").unwrap();
    assert_eq!(
        r.resource,
        Resource::Episode {
            series_id: 1,
            season_number: 0,
            episode_number: 3,
            sub: EpisodeSub::Credits
        }
    );
    let r = Request::parse("/3/tv/1/season/2/watch/providers").unwrap();
    assert_eq!(
        r.resource,
        Resource::Season {
            series_id: 1,
            season_number: 2,
            sub: SeasonSub::WatchProviders
        }
    );
    assert!(matches!(
        Request::parse("/3/tv/season/9/changes").unwrap().resource,
        Resource::SeasonChanges { season_id: 9 }
    ));
}

#[test]
fn parses_network_review_and_changes_list_paths() {
    assert_eq!(
        Request::parse("/3/network/49/images").unwrap().resource,
        Resource::Network {
            id: 49,
            sub: NetworkSub::Images
        }
    );
    assert_eq!(
        Request::parse("/3/network/49").unwrap().resource,
        Resource::Network {
            id: 49,
            sub: NetworkSub::Details
        }
    );
    assert_eq!(
        Request::parse("/3/review/640b2aeecaaca20079decdcc")
            .unwrap()
            .resource,
        Resource::Review {
            id: "640b2aeecaaca20079decdcc".into()
        }
    );
    assert_eq!(
        Request::parse("/3/tv/1399/reviews?page=1")
            .unwrap()
            .resource,
        Resource::SeriesReviews { series_id: 1399 }
    );
    for list in ["/3/tv/changes", "/3/person/changes?page=2"] {
        let err = Request::parse(list).unwrap_err();
        assert!(
            matches!(&err, ImportError::BadRequest(_, why) if why.contains("computed")),
            "{err}"
        );
    }
    assert!(matches!(
        Request::parse("/3/network/49/tv"),
        Err(ImportError::Unsupported(_))
    ));
}

#[test]
fn parses_series_extras_and_episode_groups() {
    let r = Request::parse("/3/tv/1399/content_ratings").unwrap();
    assert_eq!(
        r.resource,
        Resource::SeriesExtra {
            series_id: 1399,
            sub: SeriesExtraSub::ContentRatings
        }
    );
    let r = Request::parse("/3/tv/episode_group/5acf93e60e0a26346d0000ce").unwrap();
    assert_eq!(
        r.resource,
        Resource::EpisodeGroup {
            id: "5acf93e60e0a26346d0000ce".into()
        }
    );
    assert!(matches!(
        Request::parse("/3/tv/x/keywords"),
        Err(ImportError::BadRequest(..))
    ));
    assert!(matches!(
        Request::parse("/3/tv/1399/lists"),
        Err(ImportError::Unsupported(_))
    ));
}

#[test]
fn parses_series_paths() {
    let r = Request::parse("/3/tv/1399?append_to_response=credits,images").unwrap();
    assert_eq!(
        r.resource,
        Resource::Series {
            series_id: 1399,
            sub: SeriesSub::Details
        }
    );
    assert_eq!(
        Request::parse("/3/tv/1399/watch/providers")
            .unwrap()
            .resource,
        Resource::Series {
            series_id: 1399,
            sub: SeriesSub::WatchProviders
        }
    );
    assert_eq!(
        Request::parse("/3/tv/1399/changes?start_date=2023-03-05")
            .unwrap()
            .resource,
        Resource::Series {
            series_id: 1399,
            sub: SeriesSub::Changes
        }
    );
    assert_eq!(
        Request::parse("/3/tv/latest").unwrap().resource,
        Resource::SeriesLatest
    );
    assert!(matches!(
        Request::parse("/3/tv/1399/keywords_typo"),
        Err(ImportError::Unsupported(_))
    ));
    assert!(matches!(
        Request::parse("/3/tv/x"),
        Err(ImportError::Unsupported(_))
    ));
}

#[test]
fn parses_person_and_credit_paths() {
    let r = Request::parse("/3/person/31?append_to_response=images,tv_credits").unwrap();
    assert_eq!(
        r.resource,
        Resource::Person {
            person_id: 31,
            sub: PersonSub::Details
        }
    );
    let r = Request::parse("/3/person/31/tagged_images?page=2").unwrap();
    assert_eq!(
        r.resource,
        Resource::Person {
            person_id: 31,
            sub: PersonSub::TaggedImages { page: 2 }
        }
    );
    assert_eq!(
        Request::parse("/3/person/popular?page=3").unwrap().resource,
        Resource::PopularPeople { page: 3 }
    );
    assert_eq!(
        Request::parse("/3/person/latest").unwrap().resource,
        Resource::PersonLatest
    );
    assert_eq!(
        Request::parse("/3/credit/52542282760ee313280017f9")
            .unwrap()
            .resource,
        Resource::Credit {
            credit_id: "52542282760ee313280017f9".into()
        }
    );
    assert!(matches!(
        Request::parse("/3/person/x/images"),
        Err(ImportError::BadRequest(..))
    ));
}

#[test]
fn parses_tv_lists() {
    assert_eq!(
        Request::parse("/3/tv/top_rated?page=2").unwrap().resource,
        Resource::TvList {
            list: TvListName::TopRated
        }
    );
    assert_eq!(
        Request::parse("/3/tv/on_the_air?timezone=Europe/Paris")
            .unwrap()
            .resource,
        Resource::TvList {
            list: TvListName::OnTheAir
        }
    );
    assert_eq!(
        Request::parse("/3/tv/1399/recommendations?language=fr-FR")
            .unwrap()
            .resource,
        Resource::TvRelated {
            series_id: 1399,
            list: TvRelatedName::Recommendations
        }
    );
    assert!(matches!(
        Request::parse("/3/tv/x/similar"),
        Err(ImportError::BadRequest(..))
    ));
}

#[test]
fn rejects_what_it_cannot_import() {
    assert!(matches!(
        Request::parse("/3/movie/550/lists"),
        Err(ImportError::Unsupported(_))
    ));
    assert!(matches!(
        Request::parse("/3/tv/x/season/1"),
        Err(ImportError::BadRequest(..))
    ));
    assert!(matches!(
        Request::parse("tv/1/season/1"),
        Err(ImportError::BadRequest(..))
    ));
    assert!(matches!(
        Request::parse("/3/tv/1/season/1?language=english"),
        Err(ImportError::BadRequest(..))
    ));
}
