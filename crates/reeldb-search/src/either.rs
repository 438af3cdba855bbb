//! One query word in either of two fields (a name field and its twin for other names), scored as
//! the sum of the fields' BM25 scores with the first field boosted (docs/SEARCH.md).
//!
//! tantivy's `BooleanQuery` of two `Should` terms would do the same, but through its buffered
//! union, which answers a far `seek` by scoring every posting of both terms in the next 4,096
//! documents. The words of a query are intersected, so their unions are sought far and often;
//! [`Either`] seeks each term's own skip list instead.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, TermQuery, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, Term};

/// A word as `first` (its score times `first_boost`) or as `second`.
#[derive(Clone, Debug)]
pub struct Either {
    pub first: Term,
    pub first_boost: Score,
    pub second: Term,
}

impl Query for Either {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let weight = |term: &Term| {
            TermQuery::new(term.clone(), IndexRecordOption::WithFreqs).weight(scoring)
        };
        Ok(Box::new(EitherWeight {
            first: weight(&self.first)?,
            first_boost: self.first_boost,
            second: weight(&self.second)?,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        visitor(&self.first, false);
        visitor(&self.second, false);
    }
}

struct EitherWeight {
    first: Box<dyn Weight>,
    first_boost: Score,
    second: Box<dyn Weight>,
}

impl Weight for EitherWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let first = self.first.scorer(reader, boost * self.first_boost)?;
        let second = self.second.scorer(reader, boost)?;
        let doc = first.doc().min(second.doc());
        Ok(Box::new(EitherScorer { first, second, doc }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )));
        }
        Ok(Explanation::new(
            "sum of the word's scores in either field",
            scorer.score(),
        ))
    }
}

/// The union of two scorers, each sought on its own.
struct EitherScorer {
    first: Box<dyn Scorer>,
    second: Box<dyn Scorer>,
    doc: DocId,
}

impl DocSet for EitherScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        if self.first.doc() == self.doc {
            self.first.advance();
        }
        if self.second.doc() == self.doc {
            self.second.advance();
        }
        self.doc = self.first.doc().min(self.second.doc());
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        if self.first.doc() < target {
            self.first.seek(target);
        }
        if self.second.doc() < target {
            self.second.seek(target);
        }
        self.doc = self.first.doc().min(self.second.doc());
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.first
            .size_hint()
            .saturating_add(self.second.size_hint())
    }
}

impl Scorer for EitherScorer {
    fn score(&mut self) -> Score {
        let mut score = 0.0;
        if self.first.doc() == self.doc {
            score += self.first.score();
        }
        if self.second.doc() == self.doc {
            score += self.second.score();
        }
        score
    }
}

#[cfg(test)]
mod tests {
    use super::Either;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
    use tantivy::schema::{IndexRecordOption, STRING, Schema, TEXT};
    use tantivy::{DocAddress, Index, TantivyDocument, Term};

    /// Intersected with another word, `Either` matches and scores as a boolean union of the two
    /// terms, across blocks of postings and over far seeks.
    #[test]
    fn matches_and_scores_as_a_union_of_its_terms() {
        let mut b = Schema::builder();
        let (a, k, other) = (
            b.add_text_field("a", TEXT),
            b.add_text_field("k", TEXT),
            b.add_text_field("o", STRING),
        );
        let index = Index::create_in_ram(b.build());
        let mut w = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for i in 0..20_000u32 {
            let mut d = TantivyDocument::default();
            if i % 3 == 0 {
                d.add_text(a, if i % 2 == 0 { "x x" } else { "x y" });
            }
            if i % 5 == 0 || i % 7 == 0 {
                d.add_text(k, "x");
            }
            if i % 11 == 0 || i > 19_990 {
                d.add_text(other, "z");
            }
            w.add_document(d).unwrap();
        }
        w.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let term = |f, t: &str| Term::from_field_text(f, t);
        let either = Either {
            first: term(a, "x"),
            first_boost: 2.0,
            second: term(k, "x"),
        };
        let union = BooleanQuery::new(vec![
            (
                Occur::Should,
                Box::new(BoostQuery::new(
                    Box::new(TermQuery::new(term(a, "x"), IndexRecordOption::WithFreqs)),
                    2.0,
                )) as Box<dyn Query>,
            ),
            (
                Occur::Should,
                Box::new(TermQuery::new(term(k, "x"), IndexRecordOption::WithFreqs)),
            ),
        ]);
        let with_z = |q: Box<dyn Query>| {
            BooleanQuery::new(vec![
                (Occur::Must, q),
                (
                    Occur::Must,
                    Box::new(TermQuery::new(term(other, "z"), IndexRecordOption::Basic)),
                ),
            ])
        };
        let top = |q: &dyn Query| -> (usize, Vec<(u32, DocAddress)>) {
            let (n, hits) = searcher
                .search(q, &(Count, TopDocs::with_limit(10_000).order_by_score()))
                .unwrap();
            let hits = hits
                .into_iter()
                .map(|(s, d)| ((s * 1000.0).round() as u32, d))
                .collect();
            (n, hits)
        };
        let alone = top(&either);
        assert_eq!(alone, top(&union));
        assert!(alone.0 > 9000, "{}", alone.0);
        let crossed = top(&with_z(Box::new(either)));
        assert_eq!(crossed, top(&with_z(Box::new(union))));
        assert!(crossed.0 > 500, "{}", crossed.0);
    }
}
