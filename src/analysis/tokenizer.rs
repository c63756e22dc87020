//! The `ko` analyzer as a tantivy tokenizer.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::{Analyzer, AnalyzerWorker, SearchToken};

/// Name under which the analyzer is registered with tantivy, for the index and for queries.
pub const TOKENIZER_NAME: &str = "ko";

/// tantivy adapter over [`Analyzer`]. Each clone (tantivy clones per indexing thread) gets
/// its own segmentation worker, reused across documents.
pub struct KoTokenizer {
    analyzer: Analyzer,
    worker: AnalyzerWorker,
    buffer: Vec<SearchToken>,
}

impl KoTokenizer {
    /// A tokenizer over `analyzer`.
    pub fn new(analyzer: Analyzer) -> Self {
        let worker = analyzer.worker();
        Self {
            analyzer,
            worker,
            buffer: Vec::new(),
        }
    }
}

impl Clone for KoTokenizer {
    fn clone(&self) -> Self {
        Self::new(self.analyzer.clone())
    }
}

impl Tokenizer for KoTokenizer {
    type TokenStream<'a> = KoTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> KoTokenStream<'a> {
        self.buffer.clear();
        self.worker.tokens(text, &mut self.buffer);
        KoTokenStream {
            tokens: self.buffer.iter(),
            current: Token::default(),
        }
    }
}

/// The tokens of one text, in order.
pub struct KoTokenStream<'a> {
    tokens: std::slice::Iter<'a, SearchToken>,
    current: Token,
}

impl TokenStream for KoTokenStream<'_> {
    fn advance(&mut self) -> bool {
        match self.tokens.next() {
            Some(t) => {
                self.current.text.clear();
                self.current.text.push_str(&t.text);
                self.current.offset_from = t.byte_start;
                self.current.offset_to = t.byte_end;
                self.current.position = t.position;
                self.current.position_length = t.position_length;
                true
            }
            None => false,
        }
    }

    fn token(&self) -> &Token {
        &self.current
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.current
    }
}
