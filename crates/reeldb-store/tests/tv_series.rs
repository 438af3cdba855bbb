//! Series list fields, on every engine: what `set_series_summary` applies reads back through
//! `series_summaries` in the order asked, in the language asked, with its changes logged once.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use reeldb_store::testing::{TestDb, engines};
use reeldb_store::{Owner, StoreError};
use reeldb_wire::params::Language;
use reeldb_wire::tv::TvSummary;

fn summary(id: i64, name: &str, genres: Vec<i64>) -> TvSummary {
    TvSummary {
        adult: Some(false),
        backdrop_path: Some(format!("/b{id}.jpg")),
        genre_ids: genres,
        id,
        origin_country: vec!["US".into(), "GB".into()],
        original_language: Some("en".into()),
        original_name: Some(name.into()),
        overview: Some(format!("About {name}")),
        popularity: Some(12.5),
        poster_path: None,
        first_air_date: Some("2011-04-17".into()),
        name: Some(name.into()),
        vote_average: Some(8.4),
        vote_count: Some(21000),
    }
}

#[tokio::test]
async fn summaries_read_back_in_order_and_language() {
    for engine in engines() {
        let db = TestDb::new(engine).await.unwrap();
        let (a, b) = (
            summary(1399, "Game of Thrones", vec![10765, 18]),
            summary(66732, "Stranger Things", vec![]),
        );
        let mut fr = a.clone();
        fr.name = Some("Le Trône de fer".into());
        fr.overview = None;
        let (a2, b2) = (a.clone(), b.clone());
        let changes = db
            .store
            .write(move |w| {
                w.set_series_summary(&a2, "en-US")?;
                w.set_series_summary(&b2, "en-US")?;
                w.set_series_summary(&fr, "fr-FR")?;
                Ok::<_, StoreError>(w.changes_recorded())
            })
            .await
            .unwrap();
        assert!(changes > 0);
        let again = {
            let (a, b) = (a.clone(), b.clone());
            db.store
                .write(move |w| {
                    w.set_series_summary(&a, "en-US")?;
                    w.set_series_summary(&b, "en-US")?;
                    Ok::<_, StoreError>(w.changes_recorded())
                })
                .await
                .unwrap()
        };
        assert_eq!(again, 0, "the same facts log nothing on {engine:?}");
        let got = db
            .store
            .read(|db| {
                let en: Language = "en-US".parse().unwrap();
                let fr: Language = "fr-FR".parse().unwrap();
                let en = db.series_summaries(&[66732, 5, 1399], &en)?;
                let fr = db.series_summaries(&[1399], &fr)?;
                let countries = db.code_list(Owner::series(1399), "origin_country")?;
                Ok::<_, StoreError>((en, fr, countries))
            })
            .await
            .unwrap();
        assert_eq!(got.0, vec![b.clone(), a.clone()], "{engine:?}");
        assert_eq!(got.1[0].name.as_deref(), Some("Le Trône de fer"));
        assert_eq!(
            got.1[0].overview.as_deref(),
            Some(""),
            "no French overview: empty"
        );
        assert_eq!(got.2, ["US", "GB"]);
        db.cleanup().await;
    }
}
