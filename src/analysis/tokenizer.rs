//! The `ko` analyzer as a tantivy tokenizer, and the hand-off of tokens computed ahead.
//!
//! Ingest analyses articles in its own worker threads; tantivy's indexing thread only
//! records the tokens. tantivy's pre-tokenized values would carry them, but tantivy copies
//! such a value, every token's text included, each time it reads it (three times per
//! field). Instead ingest gives tantivy plain text and leaves the tokens of that very text
//! in a [`TokenHandoff`]; the index's `ko` tokenizer takes them from there instead of
//! analysing again. A text without tokens waiting is analysed, so the result is the same
//! either way.

use std::collections::hash_map::Entry;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::filter::{TokenRef, TokenSink};
use super::{Analyzer, AnalyzerWorker};

/// Name under which the analyzer is registered with tantivy, for the index and for queries.
pub const TOKENIZER_NAME: &str = "ko";

/// Search tokens packed for indexing: their texts in one string, the rest in one array (two
/// allocations for a whole text, where tantivy's tokens take one per token).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PackedTokens {
    texts: String,
    tokens: Vec<PackedToken>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct PackedToken {
    text_end: usize,
    offset_from: usize,
    offset_to: usize,
    position: usize,
    position_length: usize,
}

impl PackedTokens {
    /// Bytes held on the heap.
    pub fn heap_bytes(&self) -> usize {
        self.texts.capacity() + self.tokens.capacity() * std::mem::size_of::<PackedToken>()
    }

    /// Room for about `tokens` tokens whose texts take about `text_bytes` bytes.
    pub fn with_capacity(tokens: usize, text_bytes: usize) -> Self {
        Self {
            texts: String::with_capacity(text_bytes),
            tokens: Vec::with_capacity(tokens),
        }
    }

    /// Removes every token, keeping the allocations.
    pub fn clear(&mut self) {
        self.texts.clear();
        self.tokens.clear();
    }

    /// The tokens as tantivy reads them.
    pub fn stream(&self) -> PackedTokenStream<'_> {
        PackedTokenStream {
            tokens: self,
            next: 0,
            current: Token::default(),
        }
    }
}

impl TokenSink for PackedTokens {
    fn push_token(&mut self, token: TokenRef<'_>) {
        self.texts.push_str(token.text);
        self.tokens.push(PackedToken {
            text_end: self.texts.len(),
            offset_from: token.byte_start,
            offset_to: token.byte_end,
            position: token.position,
            position_length: token.position_length,
        });
    }
}

/// tantivy's view of [`PackedTokens`]: one token at a time, in one reused [`Token`].
pub struct PackedTokenStream<'a> {
    tokens: &'a PackedTokens,
    next: usize,
    current: Token,
}

impl TokenStream for PackedTokenStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(token) = self.tokens.tokens.get(self.next) else {
            return false;
        };
        let text_start = match self.next {
            0 => 0,
            n => self.tokens.tokens[n - 1].text_end,
        };
        self.next += 1;
        self.current.text.clear();
        self.current
            .text
            .push_str(&self.tokens.texts[text_start..token.text_end]);
        self.current.offset_from = token.offset_from;
        self.current.offset_to = token.offset_to;
        self.current.position = token.position;
        self.current.position_length = token.position_length;
        true
    }

    fn token(&self) -> &Token {
        &self.current
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.current
    }
}

/// Where a text is in memory: its address and length. Two texts alive at once never share
/// it (empty texts, which can, are never handed off).
type TextKey = (usize, usize);

fn key_of(text: &str) -> TextKey {
    (text.as_ptr() as usize, text.len())
}

/// Tokens waiting for tantivy, each under the text it belongs to.
///
/// Whoever leaves tokens for a text keeps that text where it is (a `String` that is not
/// changed) until the tokenizer has taken them or it has [taken](Self::take) them back, so
/// that no other text can come to have its key meanwhile.
#[derive(Debug, Default)]
pub struct TokenHandoff {
    waiting: Mutex<FxHashMap<TextKey, PackedTokens>>,
    /// Texts whose tokens the tokenizer took.
    indexed: AtomicU64,
}

impl TokenHandoff {
    /// Leaves the tokens of `text`; returns whether they were left (not for an empty text,
    /// nor for one already waiting).
    pub fn leave(&self, text: &str, tokens: PackedTokens) -> bool {
        if text.is_empty() {
            return false;
        }
        match self.lock().entry(key_of(text)) {
            Entry::Occupied(_) => false,
            Entry::Vacant(slot) => {
                slot.insert(tokens);
                true
            }
        }
    }

    /// Takes the tokens left for `text`, if any.
    pub fn take(&self, text: &str) -> Option<PackedTokens> {
        if text.is_empty() {
            return None;
        }
        self.lock().remove(&key_of(text))
    }

    /// Takes the tokens left for `text` to index them (counted in [`Self::indexed`]).
    fn take_to_index(&self, text: &str) -> Option<PackedTokens> {
        let tokens = self.take(text);
        if tokens.is_some() {
            self.indexed.fetch_add(1, Ordering::Relaxed);
        }
        tokens
    }

    /// How many texts were indexed from tokens left here (not analysed again).
    pub fn indexed(&self) -> u64 {
        self.indexed.load(Ordering::Relaxed)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, FxHashMap<TextKey, PackedTokens>> {
        // The map is consistent after every operation, so a panic elsewhere leaves it usable.
        self.waiting.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// tantivy adapter over [`Analyzer`]. Each clone (tantivy clones per indexing thread) gets
/// its own segmentation worker, reused across documents.
pub struct KoTokenizer {
    analyzer: Analyzer,
    worker: AnalyzerWorker,
    tokens: PackedTokens,
    handoff: Option<Arc<TokenHandoff>>,
}

impl KoTokenizer {
    /// A tokenizer over `analyzer`.
    pub fn new(analyzer: Analyzer) -> Self {
        Self::build(analyzer, None)
    }

    /// A tokenizer over `analyzer` that first looks for tokens left in `handoff`.
    pub fn with_handoff(analyzer: Analyzer, handoff: Arc<TokenHandoff>) -> Self {
        Self::build(analyzer, Some(handoff))
    }

    fn build(analyzer: Analyzer, handoff: Option<Arc<TokenHandoff>>) -> Self {
        let worker = analyzer.worker();
        Self {
            analyzer,
            worker,
            tokens: PackedTokens::default(),
            handoff,
        }
    }
}

impl Clone for KoTokenizer {
    fn clone(&self) -> Self {
        Self::build(self.analyzer.clone(), self.handoff.clone())
    }
}

impl Tokenizer for KoTokenizer {
    type TokenStream<'a> = PackedTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PackedTokenStream<'a> {
        match self
            .handoff
            .as_ref()
            .and_then(|handoff| handoff.take_to_index(text))
        {
            Some(tokens) => self.tokens = tokens,
            None => {
                self.tokens.clear();
                self.worker.tokens(text, &mut self.tokens);
            }
        }
        self.tokens.stream()
    }
}
