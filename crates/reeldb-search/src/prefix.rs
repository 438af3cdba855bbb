//! The prefix fields' token filter: each word becomes every one of its prefixes, from its first
//! letter to the whole word, so that the last word of a query ("matr") is one term of the index
//! (docs/SEARCH.md, "Prefixes"). The whole word comes twice: its term frequency of 2 makes BM25
//! score a query word that is a whole word of a name above one that only begins a word, within
//! the same posting list.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Emits every prefix of each token (by characters, shortest first, the whole word last and
/// twice), at the token's position and offsets.
#[derive(Clone, Copy, Debug, Default)]
pub struct Prefixes;

impl TokenFilter for Prefixes {
    type Tokenizer<T: Tokenizer> = PrefixTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> PrefixTokenizer<T> {
        PrefixTokenizer(tokenizer)
    }
}

/// [`Prefixes`] over a tokenizer.
#[derive(Clone, Debug)]
pub struct PrefixTokenizer<T>(T);

impl<T: Tokenizer> Tokenizer for PrefixTokenizer<T> {
    type TokenStream<'a> = PrefixStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        PrefixStream {
            tail: self.0.token_stream(text),
            word: String::new(),
            ends: Vec::new(),
            next: 0,
            token: Token::default(),
        }
    }
}

/// The stream of [`PrefixTokenizer`]: the current word, the byte ends of its prefixes and the
/// next one to emit.
pub struct PrefixStream<S> {
    tail: S,
    word: String,
    ends: Vec<usize>,
    next: usize,
    token: Token,
}

impl<S: TokenStream> TokenStream for PrefixStream<S> {
    fn advance(&mut self) -> bool {
        while self.next >= self.ends.len() {
            if !self.tail.advance() {
                return false;
            }
            let t = self.tail.token();
            self.word.clone_from(&t.text);
            self.ends.clear();
            self.ends
                .extend(self.word.char_indices().skip(1).map(|(i, _)| i));
            if !self.word.is_empty() {
                self.ends.extend([self.word.len(); 2]);
            }
            self.next = 0;
            self.token.clone_from(t);
        }
        let end = self.ends[self.next];
        self.next += 1;
        self.token.text.clear();
        self.token.text.push_str(&self.word[..end]);
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use crate::schema;
    use tantivy::tokenizer::TokenStream;

    fn prefixes(text: &str) -> Vec<(String, usize)> {
        let mut a = schema::prefix_analyser();
        let mut s = a.token_stream(text);
        let mut out = Vec::new();
        while s.advance() {
            out.push((s.token().text.clone(), s.token().position));
        }
        out
    }

    #[test]
    fn every_prefix_of_every_folded_word_at_its_position_the_word_twice() {
        let p = |t: &str, pos| (t.to_owned(), pos);
        assert_eq!(
            prefixes("Amélie, Ü2"),
            vec![
                p("a", 0),
                p("am", 0),
                p("ame", 0),
                p("amel", 0),
                p("ameli", 0),
                p("amelie", 0),
                p("amelie", 0),
                p("u", 1),
                p("u2", 1),
                p("u2", 1),
            ]
        );
        // Letters outside ASCII stay whole characters.
        assert_eq!(
            prefixes("клуб"),
            vec![
                p("к", 0),
                p("кл", 0),
                p("клу", 0),
                p("клуб", 0),
                p("клуб", 0)
            ]
        );
        assert!(prefixes(" ,- ").is_empty());
    }
}
