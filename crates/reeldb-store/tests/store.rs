//! Store conformance, on every engine: each fact a [`Writer`] applies reads back, replace
//! semantics remove what a list no longer names and log it, a dropped writer leaves nothing,
//! conflicting ids are refused, the change log honours its window, API keys work, and a commit
//! is durable.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use reeldb_store::testing::{TestDb, TestEngine, engines};
use reeldb_store::write::{CreditFact, CreditKind, EpisodeFields, SeasonFields};
use reeldb_store::{EPISODE_EXTERNAL_IDS, EpisodeRef, SEASON_EXTERNAL_IDS, SeasonRef};
use reeldb_store::{Owner, Store, StoreError, Writer};
use reeldb_wire::common::{
    ChangeGroup, ChangeItem, Changes, CountryOffers, CreditPerson, Image, ProviderOffer, Video,
    WatchProviders,
};
use reeldb_wire::params::Language;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// A person of aggregate credits: id, `(credit_id, episode_count)` of each role, total.
type AggregateLine<'a> = (i64, Vec<(&'a str, Option<i64>)>, Option<i64>);

/// A window holding every TMDB time string.
const ALL_TIME: (&str, &str) = ("0000-01-01 00:00:00 UTC", "9999-12-31 23:59:59 UTC");

fn lang(s: &str) -> Language {
    s.parse().unwrap()
}

/// Runs `f` in one write transaction and commits; the number of changes it recorded.
async fn write(store: &Store, f: impl FnOnce(&mut Writer) + Send + 'static) -> u64 {
    store
        .write(move |w| {
            f(w);
            Ok::<_, StoreError>(w.changes_recorded())
        })
        .await
        .unwrap()
}

/// `(key, action)` of every change of `owner`, in log order.
async fn log(store: &Store, owner: Owner) -> Vec<(String, String)> {
    let changes = store
        .run(move |db| db.changes(owner, ALL_TIME.0, ALL_TIME.1))
        .await
        .unwrap();
    let mut items: Vec<(String, &ChangeItem)> = changes
        .changes
        .iter()
        .flat_map(|g| g.items.iter().map(move |i| (g.key.clone(), i)))
        .collect();
    // Groups come in order of each key's first change; the log order is by time, then id
    // allocation, which within one second is the order written.
    items.sort_by(|a, b| a.1.time.cmp(&b.1.time));
    items
        .into_iter()
        .map(|(k, i)| (k, i.action.clone()))
        .collect()
}

/// The items of one key of `owner`'s change log.
async fn items(store: &Store, owner: Owner, key: &str) -> Vec<ChangeItem> {
    store
        .run(move |db| db.changes(owner, ALL_TIME.0, ALL_TIME.1))
        .await
        .unwrap()
        .changes
        .into_iter()
        .filter(|g| g.key == key)
        .flat_map(|g| g.items)
        .collect()
}

fn person(id: i64, name: &str) -> CreditPerson {
    CreditPerson {
        adult: Some(false),
        gender: Some(2),
        id,
        known_for_department: Some("Acting".into()),
        name: Some(name.into()),
        original_name: Some(name.into()),
        popularity: Some(1.5),
        profile_path: Some(format!("/{id}.jpg")),
    }
}

fn cast(credit_id: &str, person_id: i64, character: &str, order: i64) -> CreditFact {
    CreditFact {
        credit_id: credit_id.into(),
        person_id,
        character: Some(character.into()),
        department: None,
        job: None,
        order: Some(order),
        episode_count: None,
    }
}

fn crew(credit_id: &str, person_id: i64, department: &str, job: &str) -> CreditFact {
    CreditFact {
        credit_id: credit_id.into(),
        person_id,
        character: None,
        department: Some(department.into()),
        job: Some(job.into()),
        order: None,
        episode_count: None,
    }
}

fn counted(mut c: CreditFact, n: i64) -> CreditFact {
    c.episode_count = Some(n);
    c
}

/// Game of Thrones' pilot, as the episode tests address it.
const PILOT: EpisodeRef = EpisodeRef {
    id: 63056,
    series_id: 1399,
    season_number: 1,
    episode_number: 1,
};

/// Writes the pilot and its season's id.
fn pilot(w: &mut Writer) {
    w.ensure_season_id(1399, 1, 3624).unwrap();
    w.upsert_episode(&episode(63056, 1399, 1, 1)).unwrap();
}

fn episode(id: i64, series_id: i64, season_number: i64, episode_number: i64) -> EpisodeFields {
    EpisodeFields {
        id,
        series_id,
        season_number,
        episode_number,
        air_date: Some("2011-04-17".into()),
        episode_type: Some(Some("standard".into())),
        production_code: Some(format!("{season_number}0{episode_number}")),
        runtime: Some(62),
        still_path: Some(format!("/still-{id}.jpg")),
        vote_average: Some(8.1),
        vote_count: Some(300),
    }
}

fn image(path: &str, lang: Option<&str>, vote: f64) -> Image {
    Image {
        aspect_ratio: Some(0.667),
        height: Some(1500),
        iso_3166_1: None,
        iso_639_1: lang.map(str::to_owned),
        file_path: path.into(),
        vote_average: Some(vote),
        vote_count: Some(3),
        width: Some(1000),
    }
}

fn offer(id: i64, name: &str, priority: i64) -> ProviderOffer {
    ProviderOffer {
        logo_path: Some(format!("/logo-{id}.jpg")),
        provider_id: id,
        provider_name: Some(name.into()),
        display_priority: Some(priority),
    }
}

fn expect_invalid(r: reeldb_store::Result<()>, what: &str) {
    match r {
        Err(StoreError::Invalid(msg)) => assert!(!msg.is_empty(), "{what}"),
        other => panic!("{what}: expected Invalid, got {other:?}"),
    }
}

#[tokio::test]
async fn episode_and_season_fields_read_back_and_changes_are_logged() {
    for engine in engines() {
        let db = TestDb::new(engine).await.unwrap();
        let s = &db.store;
        assert!(s.catalog_is_empty().await.unwrap());
        let changes = write(s, move |w| {
            w.upsert_season(
                1399,
                1,
                &SeasonFields {
                    id: 3624,
                    object_id: Some("5256c89f19c2956ff6046d47".into()),
                    air_date: Some("2011-04-17".into()),
                    poster_path: Some("/poster.jpg".into()),
                    vote_average: Some(8.3),
                },
            )
            .unwrap();
            w.set_translation(
                Owner::season(3624),
                "en",
                "US",
                Some("Season 1"),
                Some("S1"),
            )
            .unwrap();
            for n in 1..=2 {
                w.upsert_episode(&episode(63055 + n, 1399, 1, n)).unwrap();
            }
            w.set_translation(
                Owner::episode(63056),
                "en",
                "US",
                Some("Winter Is Coming"),
                Some("Jon Arryn is dead."),
            )
            .unwrap();
            assert!(w.changes_recorded() > 0);
        })
        .await;
        let n = changes;
        assert!(n > 0, "{engine:?}");
        assert!(!s.catalog_is_empty().await.unwrap());

        let season = SeasonRef {
            id: 3624,
            series_id: 1399,
            season_number: 1,
        };
        assert_eq!(
            s.run(move |db| db.season_ref(1399, 1)).await.unwrap(),
            Some(season)
        );
        assert_eq!(
            s.run(move |db| db.season_by_id(3624)).await.unwrap(),
            Some(season)
        );
        assert_eq!(s.run(move |db| db.season_ref(1399, 2)).await.unwrap(), None);
        let ep = EpisodeRef {
            id: 63056,
            series_id: 1399,
            season_number: 1,
            episode_number: 1,
        };
        assert_eq!(
            s.run(move |db| db.episode_ref(1399, 1, 1)).await.unwrap(),
            Some(ep)
        );
        assert_eq!(
            s.run(move |db| db.episode_by_id(63056)).await.unwrap(),
            Some(ep)
        );
        assert_eq!(s.run(move |db| db.episode_by_id(1)).await.unwrap(), None);

        let d = s
            .run(move |db| db.episode_details(&ep, &lang("en-US")))
            .await
            .unwrap();
        assert_eq!(d.id, 63056);
        assert_eq!(d.name.as_deref(), Some("Winter Is Coming"));
        assert_eq!(d.overview.as_deref(), Some("Jon Arryn is dead."));
        assert_eq!(d.air_date.as_deref(), Some("2011-04-17"));
        assert_eq!(d.production_code.as_deref(), Some("101"));
        assert_eq!(d.runtime, Some(62));
        assert_eq!(d.still_path.as_deref(), Some("/still-63056.jpg"));
        assert_eq!(d.vote_average, Some(8.1));
        assert_eq!(d.vote_count, Some(300));
        assert_eq!((d.season_number, d.episode_number), (1, 1));
        // No translation in a language: empty strings, as TMDB sends.
        let d = s
            .run(move |db| db.episode_details(&ep, &lang("de-DE")))
            .await
            .unwrap();
        assert_eq!(d.name.as_deref(), Some(""));
        assert_eq!(d.overview.as_deref(), Some(""));

        let sd = s
            .run(move |db| db.season_details(&season, &lang("en-US")))
            .await
            .unwrap();
        assert_eq!(sd.object_id.as_deref(), Some("5256c89f19c2956ff6046d47"));
        assert_eq!(sd.name.as_deref(), Some("Season 1"));
        assert_eq!(sd.overview.as_deref(), Some("S1"));
        assert_eq!(sd.poster_path.as_deref(), Some("/poster.jpg"));
        assert_eq!(sd.vote_average, Some(8.3));
        let numbers: Vec<(i64, i64, Option<String>)> = sd
            .episodes
            .iter()
            .map(|e| (e.id, e.episode_number, e.episode_type.clone()))
            .collect();
        assert_eq!(
            numbers,
            [
                (63056, 1, Some("standard".into())),
                (63057, 2, Some("standard".into()))
            ]
        );
        assert_eq!(sd.episodes[0].show_id, Some(1399));
        assert_eq!(sd.episodes[0].name.as_deref(), Some("Winter Is Coming"));

        assert_eq!(
            log(s, Owner::season(3624)).await,
            [
                ("season".into(), "created".into()),
                ("air_date".into(), "added".into()),
                ("poster_path".into(), "added".into()),
                ("name".into(), "added".into()),
                ("overview".into(), "added".into()),
            ]
        );
        let created = items(s, Owner::episode(63056), "episode").await;
        assert_eq!(created.len(), 1);
        assert_eq!(created[0].action, "created");
        assert_eq!(
            created[0].value,
            Some(json!({"episode_number": 1, "season_number": 1}))
        );
        let name = items(s, Owner::episode(63056), "name").await;
        assert_eq!(name[0].iso_639_1.as_deref(), Some("en"));
        assert_eq!(name[0].iso_3166_1.as_deref(), Some("US"));
        assert!(
            s.run(move |db| db.has_history(Owner::series(1399)))
                .await
                .unwrap(),
            "the series was created"
        );

        // The same facts again change nothing.
        let changes = write(s, move |w| {
            w.upsert_episode(&episode(63056, 1399, 1, 1)).unwrap();
            w.set_translation(
                Owner::episode(63056),
                "en",
                "US",
                Some("Winter Is Coming"),
                Some("Jon Arryn is dead."),
            )
            .unwrap();
        })
        .await;
        assert_eq!(changes, 0, "{engine:?}");

        // A changed field is logged with its old and new value; an unsaid episode_type stays.
        let changes = write(s, move |w| {
            let mut f = episode(63056, 1399, 1, 1);
            f.runtime = Some(61);
            f.episode_type = None;
            w.upsert_episode(&f).unwrap();
        })
        .await;
        assert_eq!(changes, 1);
        let runtime = items(s, Owner::episode(63056), "runtime").await;
        assert_eq!(runtime.len(), 1);
        assert_eq!(runtime[0].action, "updated");
        assert_eq!(runtime[0].value, Some(json!(61)));
        assert_eq!(runtime[0].original_value, Some(json!(62)));
        let d = s
            .run(move |db| db.episode_details(&ep, &lang("en-US")))
            .await
            .unwrap();
        assert_eq!(d.runtime, Some(61));
        let sd = s
            .run(move |db| db.season_details(&season, &lang("en-US")))
            .await
            .unwrap();
        assert_eq!(sd.episodes[0].episode_type.as_deref(), Some("standard"));
        db.cleanup().await;
    }
}

#[tokio::test]
async fn translations_pick_region_and_replace_logs_deletions() {
    for engine in engines() {
        let db = TestDb::new(engine).await.unwrap();
        let s = &db.store;
        let owner = Owner::episode(63056);
        let list = vec![
            (
                "en".to_owned(),
                "US".to_owned(),
                Some("Winter Is Coming".to_owned()),
                Some("Overview".to_owned()),
            ),
            (
                "fr".into(),
                "CA".into(),
                Some("L'hiver approche".into()),
                Some("Québec".into()),
            ),
            (
                "fr".into(),
                "FR".into(),
                Some("L'hiver vient".into()),
                Some("France".into()),
            ),
        ];
        write(s, {
            let list = list.clone();
            move |w| {
                w.upsert_episode(&episode(63056, 1399, 1, 1)).unwrap();
                w.replace_translations(owner, &list).unwrap();
            }
        })
        .await;

        let t = s.run(move |db| db.translations(owner)).await.unwrap();
        assert_eq!(t.id, 63056);
        let got: Vec<(&str, &str, Option<&str>, Option<&str>)> = t
            .translations
            .iter()
            .map(|t| {
                (
                    t.iso_639_1.as_str(),
                    t.iso_3166_1.as_str(),
                    t.data.name.as_deref(),
                    t.english_name.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("en", "US", Some("Winter Is Coming"), Some("English")),
                ("fr", "CA", Some("L'hiver approche"), Some("French")),
                ("fr", "FR", Some("L'hiver vient"), Some("French")),
            ]
        );
        let pick = |l: &'static str| async move {
            s.run(move |db| db.translated(owner, &lang(l)))
                .await
                .unwrap()
        };
        assert_eq!(pick("fr-FR").await.name.as_deref(), Some("L'hiver vient"));
        assert_eq!(
            pick("fr-CA").await.name.as_deref(),
            Some("L'hiver approche")
        );
        // Another region of the language: its first region.
        assert_eq!(
            pick("fr-BE").await.name.as_deref(),
            Some("L'hiver approche")
        );
        assert_eq!(pick("de-DE").await.name.as_deref(), Some(""));

        // Replacing with a list that lacks fr-CA removes it and logs each field's removal.
        let changes = write(s, {
            let kept = [list[0].clone(), list[2].clone()];
            move |w| {
                w.replace_translations(owner, &kept).unwrap();
            }
        })
        .await;
        assert_eq!(changes, 2);
        assert_eq!(
            s.run(move |db| db.translations(owner))
                .await
                .unwrap()
                .translations
                .len(),
            2
        );
        assert_eq!(pick("fr-CA").await.name.as_deref(), Some("L'hiver vient"));
        let gone: Vec<ChangeItem> = items(s, owner, "name")
            .await
            .into_iter()
            .filter(|i| i.action == "deleted")
            .collect();
        assert_eq!(gone.len(), 1);
        assert_eq!(gone[0].iso_639_1.as_deref(), Some("fr"));
        assert_eq!(gone[0].iso_3166_1.as_deref(), Some("CA"));
        assert_eq!(gone[0].original_value, Some(json!("L'hiver approche")));
        assert_eq!(gone[0].value, None);
        let overview_deleted = items(s, owner, "overview")
            .await
            .iter()
            .filter(|i| i.action == "deleted")
            .count();
        assert_eq!(overview_deleted, 1);

        // The same list again: nothing.
        let changes = write(s, {
            let kept = [list[0].clone(), list[2].clone()];
            move |w| {
                w.replace_translations(owner, &kept).unwrap();
            }
        })
        .await;
        assert_eq!(changes, 0);
        db.cleanup().await;
    }
}

#[tokio::test]
async fn episode_credits_replace_and_fall_back_to_season_regulars() {
    for engine in engines() {
        let db = TestDb::new(engine).await.unwrap();
        let s = &db.store;
        let (ep, owner) = (PILOT, Owner::episode(PILOT.id));
        write(s, move |w| {
            pilot(w);
            for (id, name) in [(1, "Ned"), (2, "Cat"), (3, "Director"), (4, "Writer")] {
                w.upsert_person(&person(id, name)).unwrap();
            }
            w.replace_credits(
                owner,
                CreditKind::Crew,
                &[
                    crew("c3", 3, "Directing", "Director"),
                    crew("c4", 4, "Writing", "Writer"),
                ],
            )
            .unwrap();
            w.replace_credits(owner, CreditKind::Guest, &[cast("g2", 2, "Catelyn", 5)])
                .unwrap();
            w.set_season_regulars(3624, &[cast("r1", 1, "Eddard Stark", 0)], &[])
                .unwrap();
        })
        .await;

        let c = s.run(move |db| db.episode_credits(&ep)).await.unwrap();
        assert_eq!(c.id, 63056);
        let crew_ids: Vec<(&str, Option<&str>)> = c
            .crew
            .iter()
            .map(|c| (c.credit_id.as_str(), c.job.as_deref()))
            .collect();
        assert_eq!(crew_ids, [("c3", Some("Director")), ("c4", Some("Writer"))]);
        assert_eq!(c.crew[0].person, person(3, "Director"));
        assert_eq!(c.guest_stars.len(), 1);
        assert_eq!(c.guest_stars[0].character.as_deref(), Some("Catelyn"));
        assert_eq!(c.guest_stars[0].order, Some(5));
        assert_eq!(c.guest_stars[0].person, person(2, "Cat"));
        // No cast of its own: the season's regulars.
        let cast_ids: Vec<&str> = c.cast.iter().map(|c| c.credit_id.as_str()).collect();
        assert_eq!(cast_ids, ["r1"]);
        let d = s
            .run(move |db| db.episode_details(&ep, &lang("en-US")))
            .await
            .unwrap();
        assert_eq!(d.crew.len(), 2);
        assert_eq!(d.guest_stars.len(), 1);

        // Replace: c4 goes (logged deleted), c3 changes job (updated), c5 arrives (added).
        let changes = write(s, move |w| {
            w.replace_credits(
                owner,
                CreditKind::Crew,
                &[
                    crew("c5", 4, "Writing", "Screenplay"),
                    crew("c3", 3, "Directing", "Co-Director"),
                ],
            )
            .unwrap();
            w.replace_credits(owner, CreditKind::Cast, &[cast("e1", 1, "Ned", 0)])
                .unwrap();
        })
        .await;
        assert_eq!(changes, 4);
        let c = s.run(move |db| db.episode_credits(&ep)).await.unwrap();
        let crew_ids: Vec<(&str, Option<&str>)> = c
            .crew
            .iter()
            .map(|c| (c.credit_id.as_str(), c.job.as_deref()))
            .collect();
        assert_eq!(
            crew_ids,
            [("c5", Some("Screenplay")), ("c3", Some("Co-Director"))]
        );
        let cast_ids: Vec<&str> = c.cast.iter().map(|c| c.credit_id.as_str()).collect();
        assert_eq!(cast_ids, ["e1"], "the episode's own cast wins");
        let crew_log: Vec<(String, Option<Value>, Option<Value>)> = items(s, owner, "crew")
            .await
            .into_iter()
            .skip(2)
            .map(|i| (i.action, i.value, i.original_value))
            .collect();
        assert_eq!(
            crew_log,
            [
                (
                    "deleted".into(),
                    None,
                    Some(
                        json!({"credit_id": "c4", "person_id": 4, "department": "Writing", "job": "Writer"})
                    )
                ),
                (
                    "added".into(),
                    Some(
                        json!({"credit_id": "c5", "person_id": 4, "department": "Writing", "job": "Screenplay"})
                    ),
                    None
                ),
                (
                    "updated".into(),
                    Some(
                        json!({"credit_id": "c3", "person_id": 3, "department": "Directing", "job": "Co-Director"})
                    ),
                    None
                ),
            ]
        );

        // An empty list removes them all.
        let changes = write(s, move |w| {
            w.replace_credits(owner, CreditKind::Guest, &[]).unwrap();
        })
        .await;
        assert_eq!(changes, 1);
        assert!(
            s.run(move |db| db.episode_credits(&ep))
                .await
                .unwrap()
                .guest_stars
                .is_empty()
        );
        let guest_log = items(s, owner, "guest_stars").await;
        assert_eq!(guest_log.last().unwrap().action, "deleted");
        db.cleanup().await;
    }
}

/// Credit lists show the person's current fields, which a credit row keeps: written with the
/// row whatever the order of the person and the credit in a transaction, taken again when the
/// person changes later, and cleared when the row names a person the catalog does not hold.
#[tokio::test]
async fn credit_rows_keep_their_persons_current_fields() {
    for engine in engines() {
        let db = TestDb::new(engine).await.unwrap();
        let s = &db.store;
        let (ep, owner) = (PILOT, Owner::episode(PILOT.id));
        // The credits first, their people after, in one transaction; person 3 has no row yet.
        write(s, move |w| {
            pilot(w);
            w.replace_credits(
                owner,
                CreditKind::Guest,
                &[cast("g1", 1, "Ned", 0), cast("g3", 3, "Jon", 1)],
            )
            .unwrap();
            w.replace_credits(
                owner,
                CreditKind::Crew,
                &[crew("c2", 2, "Writing", "Writer")],
            )
            .unwrap();
            w.upsert_person(&person(1, "Ned")).unwrap();
            w.upsert_person(&person(2, "Writer")).unwrap();
        })
        .await;
        let people = |c: &reeldb_wire::tv::EpisodeCredits| -> Vec<CreditPerson> {
            let mut v: Vec<CreditPerson> = c.guest_stars.iter().map(|g| g.person.clone()).collect();
            v.extend(c.crew.iter().map(|g| g.person.clone()));
            v
        };
        let unknown = |id| CreditPerson {
            adult: None,
            gender: None,
            id,
            known_for_department: None,
            name: None,
            original_name: None,
            popularity: None,
            profile_path: None,
        };
        let c = s.run(move |db| db.episode_credits(&ep)).await.unwrap();
        assert_eq!(
            people(&c),
            [person(1, "Ned"), unknown(3), person(2, "Writer")],
            "{engine:?}"
        );

        // Later transactions change people only: every credit row of theirs follows.
        write(s, move |w| {
            let mut ned = person(1, "Eddard Stark");
            ned.popularity = Some(42.0);
            ned.profile_path = None;
            w.upsert_person(&ned).unwrap();
            w.upsert_person(&person(3, "Jon Snow")).unwrap();
        })
        .await;
        let c = s.run(move |db| db.episode_credits(&ep)).await.unwrap();
        let mut ned = person(1, "Eddard Stark");
        ned.popularity = Some(42.0);
        ned.profile_path = None;
        assert_eq!(
            people(&c),
            [ned, person(3, "Jon Snow"), person(2, "Writer")],
            "{engine:?}"
        );

        // A row moved to a person without a row keeps nothing of the one before.
        write(s, move |w| {
            w.replace_credits(
                owner,
                CreditKind::Crew,
                &[crew("c2", 99, "Writing", "Writer")],
            )
            .unwrap();
        })
        .await;
        let c = s.run(move |db| db.episode_credits(&ep)).await.unwrap();
        assert_eq!(c.crew[0].person, unknown(99), "{engine:?}");
        let drift = s
            .run(reeldb_store::testing::credit_person_drift)
            .await
            .unwrap();
        assert_eq!(drift, 0, "{engine:?}");
        db.cleanup().await;
    }
}

#[tokio::test]
async fn people_changes_are_logged() {
    for engine in engines() {
        let db = TestDb::new(engine).await.unwrap();
        let s = &db.store;
        write(s, move |w| {
            w.upsert_person(&person(7, "Tim Van Patten")).unwrap();
        })
        .await;
        let changes = write(s, move |w| {
            let mut p = person(7, "Timothy Van Patten");
            p.popularity = Some(9.0);
            w.upsert_person(&p).unwrap();
            // Popularity is not a logged field; the name is.
        })
        .await;
        assert_eq!(changes, 1);
        let name = items(s, Owner::person(7), "name").await;
        let actions: Vec<&str> = name.iter().map(|i| i.action.as_str()).collect();
        assert_eq!(actions, ["added", "updated"]);
        assert_eq!(name[1].value, Some(json!("Timothy Van Patten")));
        assert_eq!(name[1].original_value, Some(json!("Tim Van Patten")));
        db.cleanup().await;
    }
}

#[tokio::test]
async fn season_regulars_and_aggregate() {
    for engine in engines() {
        let db = TestDb::new(engine).await.unwrap();
        let s = &db.store;
        let season = SeasonRef {
            id: 3624,
            series_id: 1399,
            season_number: 1,
        };
        let owner = Owner::season(3624);
        let r1 = cast("r1", 1, "Eddard Stark", 0);
        let g1 = cast("g1", 2, "Guard", 40);
        let d1 = crew("d1", 3, "Directing", "Director");
        write(s, {
            let (r1, g1, d1) = (r1.clone(), g1.clone(), d1.clone());
            move |w| {
                w.ensure_season_id(1399, 1, 3624).unwrap();
                for n in 1..=3 {
                    w.upsert_episode(&episode(63055 + n, 1399, 1, n)).unwrap();
                }
                for (id, name) in [(1, "Ned"), (2, "Guest"), (3, "Director")] {
                    w.upsert_person(&person(id, name)).unwrap();
                }
                w.set_season_regulars(3624, std::slice::from_ref(&r1), std::slice::from_ref(&d1))
                    .unwrap();
                w.set_season_aggregate(
                    3624,
                    &[counted(r1.clone(), 3), counted(g1.clone(), 1)],
                    &[counted(d1.clone(), 2)],
                )
                .unwrap();
                // An episode's own guest credit for someone the stated aggregate already lists.
                w.replace_credits(
                    Owner::episode(63056),
                    CreditKind::Guest,
                    &[cast("g1-e1", 2, "Guard", 40)],
                )
                .unwrap();
            }
        })
        .await;

        let c = s.run(move |db| db.season_credits(&season)).await.unwrap();
        assert_eq!(c.id, 3624);
        let ids: Vec<&str> = c.cast.iter().map(|c| c.credit_id.as_str()).collect();
        assert_eq!(ids, ["r1"], "aggregate-only credits are not regulars");
        assert_eq!(c.crew.len(), 1);
        assert_eq!(c.crew[0].job.as_deref(), Some("Director"));

        let a = s
            .run(move |db| db.season_aggregate_credits(&season))
            .await
            .unwrap();
        assert_eq!(a.id, 3624);
        let got: Vec<AggregateLine> = a
            .cast
            .iter()
            .map(|c| {
                (
                    c.person.id,
                    c.roles
                        .iter()
                        .map(|r| (r.credit_id.as_str(), r.episode_count))
                        .collect(),
                    c.total_episode_count,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (1, vec![("r1", Some(3))], Some(3)),
                (2, vec![("g1", Some(1))], Some(1))
            ],
            "the stated aggregate, without the episode's credit id again"
        );
        assert_eq!(a.crew.len(), 1);
        assert_eq!(a.crew[0].department.as_deref(), Some("Directing"));
        assert_eq!(a.crew[0].jobs[0].episode_count, Some(2));
        assert_eq!(a.crew[0].person, person(3, "Director"));

        // r1 stops being a regular: logged, gone from /credits, kept in the aggregate.
        let changes = write(s, {
            let d1 = d1.clone();
            move |w| {
                w.set_season_regulars(3624, &[], std::slice::from_ref(&d1))
                    .unwrap();
            }
        })
        .await;
        assert_eq!(changes, 1);
        assert!(
            s.run(move |db| db.season_credits(&season))
                .await
                .unwrap()
                .cast
                .is_empty()
        );
        let a = s
            .run(move |db| db.season_aggregate_credits(&season))
            .await
            .unwrap();
        assert_eq!(a.cast.len(), 2);
        let last = items(s, owner, "cast").await.pop().unwrap();
        assert_eq!(last.action, "deleted");
        assert_eq!(last.original_value, Some(json!({"credit_id": "r1"})));

        // The aggregate without r1: r1 leaves the season entirely, and that is logged.
        let changes = write(s, {
            let (g1, d1) = (g1.clone(), d1.clone());
            move |w| {
                w.set_season_aggregate(3624, &[counted(g1, 1)], &[counted(d1, 2)])
                    .unwrap();
            }
        })
        .await;
        assert_eq!(changes, 1);
        let a = s
            .run(move |db| db.season_aggregate_credits(&season))
            .await
            .unwrap();
        let people: Vec<i64> = a.cast.iter().map(|c| c.person.id).collect();
        assert_eq!(people, [2]);
        let last = items(s, owner, "cast").await.pop().unwrap();
        assert_eq!(last.action, "deleted");
        assert_eq!(
            last.original_value
                .as_ref()
                .and_then(|v| v.get("credit_id")),
            Some(&json!("r1"))
        );

        // The same facts again record nothing.
        let changes = write(s, move |w| {
            w.set_season_regulars(3624, &[], std::slice::from_ref(&d1))
                .unwrap();
            w.set_season_aggregate(3624, &[counted(g1, 1)], &[counted(d1, 2)])
                .unwrap();
        })
        .await;
        assert_eq!(changes, 0);
        db.cleanup().await;
    }
}

#[tokio::test]
async fn images_and_videos_replace_and_filter() {
    for engine in engines() {
        let db = TestDb::new(engine).await.unwrap();
        let s = &db.store;
        let owner = Owner::season(3624);
        write(s, move |w| {
            w.ensure_season_id(1399, 1, 3624).unwrap();
            w.replace_images(
                owner,
                "poster",
                &[
                    image("/en.jpg", Some("en"), 5.0),
                    image("/fr.jpg", Some("fr"), 6.0),
                    image("/none.jpg", None, 1.0),
                ],
                true,
            )
            .unwrap();
        })
        .await;
        let paths = |imgs: Vec<Image>| imgs.into_iter().map(|i| i.file_path).collect::<Vec<_>>();
        assert_eq!(
            paths(
                s.run(move |db| db.images(owner, "poster", &None))
                    .await
                    .unwrap()
            ),
            ["/fr.jpg", "/en.jpg", "/none.jpg"],
            "best rated first"
        );
        assert_eq!(
            paths(
                s.run(move |db| db.images(owner, "poster", &Some(vec![Some("en".into()), None])))
                    .await
                    .unwrap()
            ),
            ["/en.jpg", "/none.jpg"]
        );
        assert!(
            s.run(move |db| db.images(owner, "still", &None))
                .await
                .unwrap()
                .is_empty()
        );
        let full = s
            .run(move |db| db.images(owner, "poster", &None))
            .await
            .unwrap();
        assert_eq!(full[1], image("/en.jpg", Some("en"), 5.0));
        // Details: the best poster in the language, else the one named, else the best rated.
        let sd = s
            .run(move |db| {
                let season = db.season_by_id(3624)?.unwrap();
                db.season_details(&season, &lang("en-US"))
            })
            .await
            .unwrap();
        assert_eq!(sd.poster_path.as_deref(), Some("/en.jpg"));

        // A partial (language-filtered) list adds and updates, removes nothing.
        let changes = write(s, move |w| {
            w.replace_images(
                owner,
                "poster",
                &[
                    image("/en.jpg", Some("en"), 7.0),
                    image("/en2.jpg", Some("en"), 2.0),
                ],
                false,
            )
            .unwrap();
        })
        .await;
        assert_eq!(changes, 1, "one image added");
        assert_eq!(
            paths(
                s.run(move |db| db.images(owner, "poster", &None))
                    .await
                    .unwrap()
            ),
            ["/en.jpg", "/fr.jpg", "/en2.jpg", "/none.jpg"]
        );

        // A full list removes what it lacks, each logged.
        let changes = write(s, move |w| {
            w.replace_images(owner, "poster", &[image("/fr.jpg", Some("fr"), 6.0)], true)
                .unwrap();
        })
        .await;
        assert_eq!(changes, 3);
        assert_eq!(
            paths(
                s.run(move |db| db.images(owner, "poster", &None))
                    .await
                    .unwrap()
            ),
            ["/fr.jpg"]
        );
        let log = items(s, owner, "images").await;
        let deleted: Vec<&Value> = log
            .iter()
            .filter(|i| i.action == "deleted")
            .filter_map(|i| i.original_value.as_ref())
            .collect();
        assert_eq!(deleted.len(), 3);
        assert!(
            deleted.contains(&&json!({"poster": {"file_path": "/none.jpg", "iso_639_1": null}}))
        );
        assert_eq!(log.iter().filter(|i| i.action == "added").count(), 4);

        // Videos: newest first, filtered by language, replaced the same way.
        let video = |id: &str, lang: &str, published: &str| Video {
            iso_639_1: Some(lang.into()),
            iso_3166_1: Some("US".into()),
            name: Some(format!("Video {id}")),
            key: Some(format!("key-{id}")),
            site: Some("YouTube".into()),
            size: Some(1080),
            kind: Some("Trailer".into()),
            official: Some(true),
            published_at: Some(published.into()),
            id: id.into(),
        };
        let v1 = video("v1", "en", "2011-01-01T00:00:00.000Z");
        let v2 = video("v2", "de", "2012-01-01T00:00:00.000Z");
        write(s, {
            let both = [v1.clone(), v2.clone()];
            move |w| {
                w.replace_videos(owner, &both, true).unwrap();
            }
        })
        .await;
        assert_eq!(
            s.run(move |db| db.videos(owner, &None)).await.unwrap(),
            [v2.clone(), v1.clone()]
        );
        assert_eq!(
            s.run(move |db| db.videos(owner, &Some(vec![Some("en".into())])))
                .await
                .unwrap(),
            [v1]
        );
        let changes = write(s, {
            let v2 = v2.clone();
            move |w| {
                w.replace_videos(owner, std::slice::from_ref(&v2), true)
                    .unwrap();
            }
        })
        .await;
        assert_eq!(changes, 1);
        assert_eq!(
            s.run(move |db| db.videos(owner, &None)).await.unwrap(),
            [v2]
        );
        let last = items(s, owner, "videos").await.pop().unwrap();
        assert_eq!(last.action, "deleted");
        assert_eq!(last.original_value, Some(json!({"id": "v1"})));
        db.cleanup().await;
    }
}

#[tokio::test]
async fn external_ids_set_and_remove() {
    for engine in engines() {
        let db = TestDb::new(engine).await.unwrap();
        let s = &db.store;
        let owner = Owner::episode(63056);
        let changes = write(s, move |w| {
            w.ensure_episode(63056, 1399, 1, 1).unwrap();
            w.set_external_ids(
                owner,
                &[
                    ("imdb_id".into(), Some("tt1480055".into())),
                    ("tvdb_id".into(), Some("3254641".into())),
                    ("freebase_id".into(), None),
                    ("wikidata_id".into(), Some("Q1".into())),
                ],
            )
            .unwrap();
        })
        .await;
        assert_eq!(changes, 3 + 2, "three ids, the episode and its series");
        let ids = s
            .run(move |db| db.external_ids(owner, EPISODE_EXTERNAL_IDS))
            .await
            .unwrap();
        assert_eq!(
            Value::Object(ids),
            json!({"id": 63056, "imdb_id": "tt1480055", "freebase_mid": null, "freebase_id": null,
                   "tvdb_id": 3254641, "tvrage_id": null, "wikidata_id": "Q1"})
        );
        let keys: Vec<String> = s
            .run(move |db| db.external_ids(Owner::season(1), SEASON_EXTERNAL_IDS))
            .await
            .unwrap()
            .keys()
            .cloned()
            .collect();
        assert_eq!(
            keys,
            [
                "id",
                "freebase_mid",
                "freebase_id",
                "tvdb_id",
                "tvrage_id",
                "wikidata_id"
            ]
        );

        let changes = write(s, move |w| {
            w.set_external_ids(
                owner,
                &[
                    ("imdb_id".into(), None),
                    ("tvdb_id".into(), Some("3254642".into())),
                ],
            )
            .unwrap();
        })
        .await;
        assert_eq!(changes, 2);
        let ids = s
            .run(move |db| db.external_ids(owner, EPISODE_EXTERNAL_IDS))
            .await
            .unwrap();
        assert_eq!(ids["imdb_id"], Value::Null);
        assert_eq!(ids["tvdb_id"], json!(3254642));
        let imdb = items(s, owner, "imdb_id").await;
        assert_eq!(imdb[1].action, "deleted");
        assert_eq!(imdb[1].original_value, Some(json!("tt1480055")));
        let tvdb = items(s, owner, "tvdb_id").await;
        assert_eq!(tvdb[1].action, "updated");
        assert_eq!(tvdb[1].value, Some(json!("3254642")));
        assert_eq!(tvdb[1].original_value, Some(json!("3254641")));
        db.cleanup().await;
    }
}

#[tokio::test]
async fn watch_providers_replace_per_country() {
    for engine in engines() {
        let db = TestDb::new(engine).await.unwrap();
        let s = &db.store;
        let owner = Owner::season(3624);
        let us = CountryOffers {
            link: Some("https://example.test/us".into()),
            flatrate: Some(vec![offer(1899, "Max", 1), offer(8, "Netflix", 2)]),
            buy: Some(vec![offer(2, "Apple TV", 4)]),
            ..Default::default()
        };
        let gb = CountryOffers {
            link: Some("https://example.test/gb".into()),
            rent: Some(vec![offer(3, "Google Play", 9)]),
            ..Default::default()
        };
        let wp = |results: Vec<(&str, CountryOffers)>| WatchProviders {
            id: 3624,
            results: results
                .into_iter()
                .map(|(c, o)| (c.to_owned(), o))
                .collect::<BTreeMap<_, _>>(),
        };
        write(s, {
            let both = wp(vec![("US", us.clone()), ("GB", gb.clone())]);
            move |w| {
                w.ensure_season_id(1399, 1, 3624).unwrap();
                w.replace_watch_providers(owner, &both).unwrap();
            }
        })
        .await;
        assert_eq!(
            s.run(move |db| db.watch_providers(owner)).await.unwrap(),
            wp(vec![("US", us.clone()), ("GB", gb.clone())])
        );
        write(s, {
            let gb_only = wp(vec![("GB", gb.clone())]);
            move |w| {
                w.replace_watch_providers(owner, &gb_only).unwrap();
            }
        })
        .await;
        assert_eq!(
            s.run(move |db| db.watch_providers(owner)).await.unwrap(),
            wp(vec![("GB", gb)])
        );
        assert_eq!(
            s.run(move |db| db.watch_providers(Owner::season(1)))
                .await
                .unwrap(),
            wp(vec![]).tap_id(1)
        );
        db.cleanup().await;
    }
}

trait TapId {
    fn tap_id(self, id: i64) -> Self;
}

impl TapId for WatchProviders {
    fn tap_id(mut self, id: i64) -> Self {
        self.id = id;
        self
    }
}

fn change(id: &str, action: &str, time: &str, value: Value) -> ChangeItem {
    ChangeItem {
        id: id.into(),
        action: action.into(),
        time: time.into(),
        iso_639_1: None,
        iso_3166_1: None,
        value: Some(value),
        original_value: None,
    }
}

#[tokio::test]
async fn imported_changes_and_the_window_bounds() {
    for engine in engines() {
        let db = TestDb::new(engine).await.unwrap();
        let s = &db.store;
        let owner = Owner::season(3624);
        let groups = vec![
            ChangeGroup {
                key: "images".into(),
                items: vec![
                    change(
                        "a00000000000000000000001",
                        "added",
                        "2016-04-20 00:00:00 UTC",
                        json!({"poster": {"file_path": "/a.jpg"}}),
                    ),
                    change(
                        "a00000000000000000000003",
                        "added",
                        "2016-04-22 00:00:00 UTC",
                        json!({"poster": {"file_path": "/c.jpg"}}),
                    ),
                ],
            },
            ChangeGroup {
                key: "name".into(),
                items: vec![ChangeItem {
                    iso_639_1: Some("de".into()),
                    original_value: Some(json!("Staffel 1")),
                    ..change(
                        "a00000000000000000000002",
                        "updated",
                        "2016-04-21 12:30:00 UTC",
                        json!("Staffel Eins"),
                    )
                }],
            },
        ];
        write(s, {
            let groups = groups.clone();
            move |w| {
                w.import_changes(owner, &groups).unwrap();
                assert_eq!(w.changes_recorded(), 3);
            }
        })
        .await;
        // Again: already present, nothing added.
        let changes = write(s, {
            let groups = groups.clone();
            move |w| {
                w.import_changes(owner, &groups).unwrap();
            }
        })
        .await;
        assert_eq!(changes, 0, "{engine:?}");

        let ids = |c: &Changes| -> Vec<(String, Vec<String>)> {
            c.changes
                .iter()
                .map(|g| {
                    (
                        g.key.clone(),
                        g.items.iter().map(|i| i.id.clone()).collect(),
                    )
                })
                .collect()
        };
        let window = |a: &'static str, b: &'static str| async move {
            s.run(move |db| db.changes(owner, a, b)).await.unwrap()
        };
        let all = window(ALL_TIME.0, ALL_TIME.1).await;
        assert_eq!(
            ids(&all),
            [
                (
                    "images".into(),
                    vec![
                        "a00000000000000000000001".into(),
                        "a00000000000000000000003".into()
                    ]
                ),
                ("name".into(), vec!["a00000000000000000000002".into()]),
            ]
        );
        assert_eq!(
            all.changes[1].items[0], groups[1].items[0],
            "read back whole"
        );
        assert_eq!(all.changes[0].items[0], groups[0].items[0]);
        // Start inclusive, end exclusive.
        let w = window("2016-04-20 00:00:00 UTC", "2016-04-22 00:00:00 UTC").await;
        assert_eq!(
            ids(&w),
            [
                ("images".into(), vec!["a00000000000000000000001".into()]),
                ("name".into(), vec!["a00000000000000000000002".into()]),
            ]
        );
        let w = window("2016-04-20 00:00:01 UTC", "2016-04-22 00:00:01 UTC").await;
        assert_eq!(
            ids(&w),
            [
                ("name".into(), vec!["a00000000000000000000002".into()]),
                ("images".into(), vec!["a00000000000000000000003".into()]),
            ],
            "groups in order of each key's first change in the window"
        );
        let w = window("2016-04-21 12:30:00 UTC", "2016-04-21 12:30:01 UTC").await;
        assert_eq!(
            ids(&w),
            [("name".into(), vec!["a00000000000000000000002".into()])]
        );
        assert!(
            window("2016-04-23 00:00:00 UTC", "2016-05-01 00:00:00 UTC")
                .await
                .changes
                .is_empty()
        );
        assert!(
            s.run(move |db| db.changes(Owner::episode(3624), ALL_TIME.0, ALL_TIME.1))
                .await
                .unwrap()
                .changes
                .is_empty(),
            "another owner kind with the same id"
        );
        assert!(s.run(move |db| db.has_history(owner)).await.unwrap());
        assert!(
            !s.run(move |db| db.has_history(Owner::season(1)))
                .await
                .unwrap()
        );

        // Changes recorded now fall in a window around now, not in an old one.
        write(s, move |w| {
            w.upsert_person(&person(1, "Ned")).unwrap();
        })
        .await;
        let now = time::OffsetDateTime::now_utc();
        let start = reeldb_store::tmdb_time(now - time::Duration::days(1));
        let end = reeldb_store::tmdb_time(now + time::Duration::seconds(1));
        let recent = s
            .run(move |db| db.changes(Owner::person(1), &start, &end))
            .await
            .unwrap();
        assert_eq!(
            recent.changes.len(),
            4,
            "name, profile_path, gender, department"
        );
        let old = s
            .run(move |db| db.changes(Owner::person(1), ALL_TIME.0, "2016-01-01 00:00:00 UTC"))
            .await
            .unwrap();
        assert!(old.changes.is_empty());
        db.cleanup().await;
    }
}

#[tokio::test]
async fn a_dropped_writer_leaves_nothing() {
    for engine in engines() {
        let db = TestDb::new(engine).await.unwrap();
        let s = &db.store;
        s.run(|db| {
            let mut w = Writer::begin(db).unwrap();
            w.upsert_season(
                1399,
                1,
                &SeasonFields {
                    id: 3624,
                    ..Default::default()
                },
            )
            .unwrap();
            w.upsert_episode(&episode(63056, 1399, 1, 1)).unwrap();
            w.upsert_person(&person(1, "Ned")).unwrap();
            w.set_translation(Owner::episode(63056), "en", "US", Some("Name"), None)
                .unwrap();
            w.replace_credits(
                Owner::episode(63056),
                CreditKind::Crew,
                &[crew("c1", 1, "Directing", "Director")],
            )
            .unwrap();
            w.replace_images(
                Owner::episode(63056),
                "still",
                &[image("/s.jpg", None, 1.0)],
                true,
            )
            .unwrap();
            w.set_external_ids(
                Owner::episode(63056),
                &[("imdb_id".into(), Some("tt1".into()))],
            )
            .unwrap();
            assert!(w.changes_recorded() > 5);
            // Dropped here without commit: the transaction is rolled back at once.
            drop(w);
            assert!(!db.in_transaction());
            Ok::<_, StoreError>(())
        })
        .await
        .unwrap();
        // And a write whose closure fails is rolled back too.
        let failed = s
            .write(|w| {
                w.upsert_episode(&episode(63056, 1399, 1, 1)).unwrap();
                w.upsert_person(&person(1, "Ned")).unwrap();
                Err::<(), _>(StoreError::Invalid("abandoned".into()))
            })
            .await;
        assert!(matches!(failed, Err(StoreError::Invalid(_))), "{failed:?}");
        assert!(s.catalog_is_empty().await.unwrap(), "{engine:?}");
        assert_eq!(s.run(move |db| db.season_ref(1399, 1)).await.unwrap(), None);
        assert_eq!(
            s.run(move |db| db.episode_by_id(63056)).await.unwrap(),
            None
        );
        for owner in [
            Owner::series(1399),
            Owner::season(3624),
            Owner::episode(63056),
            Owner::person(1),
        ] {
            assert!(
                !s.run(move |db| db.has_history(owner)).await.unwrap(),
                "{owner:?}"
            );
        }
        assert!(
            s.run(move |db| db.images(Owner::episode(63056), "still", &None))
                .await
                .unwrap()
                .is_empty()
        );
        assert!(
            s.run(move |db| db.translations(Owner::episode(63056)))
                .await
                .unwrap()
                .translations
                .is_empty()
        );
        let ids = s
            .run(move |db| db.external_ids(Owner::episode(63056), EPISODE_EXTERNAL_IDS))
            .await
            .unwrap();
        assert_eq!(ids["imdb_id"], Value::Null);
        // The pool is healthy afterwards: a new writer commits.
        write(s, move |w| {
            w.upsert_episode(&episode(63056, 1399, 1, 1)).unwrap();
        })
        .await;
        assert!(
            s.run(move |db| db.episode_by_id(63056))
                .await
                .unwrap()
                .is_some()
        );
        db.cleanup().await;
    }
}

#[tokio::test]
async fn conflicting_ids_are_invalid() {
    for engine in engines() {
        let db = TestDb::new(engine).await.unwrap();
        let s = &db.store;
        write(s, move |w| {
            w.ensure_season_id(1399, 1, 3624).unwrap();
            w.upsert_episode(&episode(63056, 1399, 1, 1)).unwrap();
        })
        .await;

        let season = |id| SeasonFields {
            id,
            ..Default::default()
        };
        write(s, move |w| {
            expect_invalid(
                w.upsert_episode(&episode(99, 1399, 1, 1)),
                "another episode id at a taken position",
            );
            expect_invalid(
                w.ensure_episode(99, 1399, 1, 1),
                "ensure: another id at a taken position",
            );
            expect_invalid(
                w.ensure_episode(63056, 1399, 1, 2),
                "ensure: the episode id already at another position",
            );
            expect_invalid(
                w.ensure_season_id(1399, 1, 3625),
                "the season has another id",
            );
            expect_invalid(
                w.ensure_season_id(1399, 2, 3624),
                "the season id belongs to another season",
            );
            expect_invalid(
                w.upsert_season(1399, 1, &season(3625)),
                "upsert: the season has another id",
            );
            expect_invalid(
                w.upsert_season(1399, 2, &season(3624)),
                "upsert: the season id belongs to another season",
            );
            expect_invalid(
                w.upsert_season(1400, 1, &season(3624)),
                "upsert: the season id belongs to another series",
            );
            // The same ids where they already are: fine.
            w.ensure_season_id(1399, 1, 3624).unwrap();
            w.ensure_episode(63056, 1399, 1, 1).unwrap();
        })
        .await;

        assert_eq!(
            s.run(move |db| db.season_by_id(3624))
                .await
                .unwrap()
                .map(|r| r.season_number),
            Some(1)
        );
        assert_eq!(s.run(move |db| db.season_ref(1399, 2)).await.unwrap(), None);
        assert_eq!(
            s.run(move |db| db.episode_by_id(63056))
                .await
                .unwrap()
                .map(|e| e.episode_number),
            Some(1)
        );
        assert_eq!(s.run(move |db| db.episode_by_id(99)).await.unwrap(), None);
        db.cleanup().await;
    }
}

#[tokio::test]
async fn api_keys() {
    for engine in engines() {
        let db = TestDb::new(engine).await.unwrap();
        let s = &db.store;
        assert_eq!(s.api_key_count().await.unwrap(), 0);
        let key = s.create_api_key().await.unwrap();
        let other = s.create_api_key().await.unwrap();
        assert_ne!(key, other);
        for k in [&key, &other] {
            assert_eq!(k.len(), 32, "{k}");
            assert!(k.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f')), "{k}");
        }
        assert_eq!(s.api_key_count().await.unwrap(), 2);
        assert!(s.api_key_is_valid(&key).await.unwrap());
        assert!(s.api_key_is_valid(&other).await.unwrap());
        assert!(s.api_key_is_valid(&key.to_ascii_uppercase()).await.unwrap());
        let mut near = key.clone();
        let last = near.pop().unwrap();
        assert!(!s.api_key_is_valid(&near).await.unwrap(), "a prefix");
        near.push(if last == '0' { '1' } else { '0' });
        assert!(!s.api_key_is_valid(&near).await.unwrap(), "one digit off");
        assert!(!s.api_key_is_valid("").await.unwrap());
        assert!(!s.api_key_is_valid(&format!("{key}{key}")).await.unwrap());
        assert!(
            !s.api_key_is_valid("00000000000000000000000000000000")
                .await
                .unwrap()
        );
        // Only the hash is stored.
        let stored: Vec<(String,)> = s
            .run(|db| db.query("SELECT key_hash FROM api_key", &[]))
            .await
            .unwrap();
        let stored: Vec<String> = stored.into_iter().map(|(h,)| h).collect();
        assert_eq!(stored.len(), 2);
        assert!(
            stored
                .iter()
                .all(|h| h.len() == 64 && *h != key && *h != other)
        );
        db.cleanup().await;
    }
}

#[tokio::test]
async fn a_sqlite_commit_is_visible_to_a_second_open() {
    let db = TestDb::new(TestEngine::Sqlite).await.unwrap();
    write(&db.store, move |w| {
        w.upsert_episode(&episode(63056, 1399, 1, 1)).unwrap();
        w.set_translation(
            Owner::episode(63056),
            "en",
            "US",
            Some("Winter Is Coming"),
            None,
        )
        .unwrap();
    })
    .await;
    let key = db.store.create_api_key().await.unwrap();

    let second = Store::open(&db.db).await.unwrap();
    second.migrate().await.unwrap();
    let ep = second
        .run(move |db| db.episode_by_id(63056))
        .await
        .unwrap()
        .unwrap();
    let d = second
        .run(move |db| db.episode_details(&ep, &lang("en-US")))
        .await
        .unwrap();
    assert_eq!(d.name.as_deref(), Some("Winter Is Coming"));
    assert!(second.api_key_is_valid(&key).await.unwrap());

    // And the other way: what the second store commits, the first sees.
    write(&second, move |w| {
        w.upsert_episode(&episode(63057, 1399, 1, 2)).unwrap();
    })
    .await;
    second.close().await;
    assert!(
        db.store
            .run(move |db| db.episode_by_id(63057))
            .await
            .unwrap()
            .is_some()
    );
    // Closed and reopened from the file alone.
    db.store.close().await;
    let third = Store::open(&db.db).await.unwrap();
    assert!(
        third
            .run(move |db| db.episode_by_id(63057))
            .await
            .unwrap()
            .is_some()
    );
    assert!(!third.catalog_is_empty().await.unwrap());
    third.close().await;
    db.cleanup().await;
}

/// A NULL float and then a real one through the same prepared statement on one connection
/// (a regression test: sqlx 0.8.6 declared a NULL `f64` to PostgreSQL as `float4`, which broke
/// the cached statement's later non-NULL binds; kept as a plain behaviour test on every engine).
#[tokio::test]
async fn null_then_real_floats_share_a_statement() {
    for engine in engines() {
        let db = TestDb::new(engine).await.unwrap();
        write(&db.store, move |w| {
            for (n, vote) in [(1, None), (2, Some(7.5)), (3, None), (4, Some(8.0))] {
                w.upsert_episode(&EpisodeFields {
                    id: 900 + n,
                    series_id: 90,
                    season_number: 1,
                    episode_number: n,
                    vote_average: vote,
                    ..Default::default()
                })
                .unwrap_or_else(|e| panic!("episode {n} on {engine:?}: {e}"));
                w.upsert_person(&CreditPerson {
                    id: 9000 + n,
                    popularity: vote,
                    ..Default::default()
                })
                .unwrap_or_else(|e| panic!("person {n} on {engine:?}: {e}"));
            }
        })
        .await;
        let ep = db
            .store
            .run(move |db| db.episode_by_id(902))
            .await
            .unwrap()
            .unwrap();
        let details = db
            .store
            .run(move |db| db.episode_details(&ep, &lang("en-US")))
            .await
            .unwrap();
        assert_eq!(details.vote_average, Some(7.5), "{engine:?}");
        db.cleanup().await;
    }
}
