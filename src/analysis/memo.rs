//! The eojeol memo: segmentation remembered per piece.
//!
//! The analyzer segments each piece of a text (an eojeol, cut at punctuation: see
//! [`super::pieces`]) as a sentence of its own, so a piece's morphemes depend on the piece
//! alone, wherever it stands. Korean news repeats its pieces (`밝혔다`, `것으로`, `있다`): in
//! a year of national dailies most of them occurred earlier. So each worker remembers the
//! morphemes of the pieces it has seen and segments only the new ones: many at once, in one
//! string that puts each on a line of its own (lindera segments every line as a sentence).
//!
//! Each worker keeps its own memo. Sharing was measured and dropped: two workers of a
//! pipeline segment about a fifth more pieces than one would, but a table both consult cost
//! more than that lattice work (ingest was 5–9% slower with it), and so did passing each
//! other batches of segmented pieces to take into their own tables.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use lindera::token::Token;
use lindera::worker::SegmentWorker;
use lindera_dictionary::dictionary::DetailFields;
use rustc_hash::FxBuildHasher;

use super::morpheme::{self, EntryDetails, EntryLabels, MorphemeRef};
use super::normalize::Normalized;
use super::pieces::cut_pieces;

/// Longest piece remembered, in bytes; longer ones are segmented but not kept.
const MAX_KEY_BYTES: usize = 64;
/// Pieces remembered per worker before the memo starts afresh (a year of national dailies
/// has about 300,000 distinct ones; about 60 MB at most).
const MAX_PIECES: usize = 1 << 19;
/// Morphemes kept per worker before the memo starts afresh.
const MAX_SPANS: usize = 1 << 21;
/// Bytes of new pieces segmented in one call to lindera.
const BATCH_BYTES: usize = 8 * 1024;

/// The label combinations met so far, one copy each.
#[derive(Default)]
struct Labels(HashMap<Arc<EntryLabels>, (), FxBuildHasher>);

impl Labels {
    fn get(&mut self, labels: EntryLabels) -> Arc<EntryLabels> {
        if let Some((kept, ())) = self.0.get_key_value(&labels) {
            return Arc::clone(kept);
        }
        let kept = Arc::new(labels);
        self.0.insert(Arc::clone(&kept), ());
        kept
    }
}

impl EntryDetails {
    /// Reads the ko-dic fields: tag, semantic class, final consonant, reading, type, first
    /// tag, last tag, expression.
    fn read(mut fields: DetailFields<'_>, labels: &mut Labels) -> Self {
        let pos = match fields.next() {
            None | Some("UNK") => "UNKNOWN",
            Some(pos) => pos,
        };
        let semantic = morpheme::feature(fields.next()).map(Box::from);
        let kind = morpheme::feature(fields.nth(2)).map(Box::from);
        let expression = morpheme::feature(fields.nth(2)).map(Box::from);
        let labels = labels.get(EntryLabels {
            pos: pos.into(),
            semantic,
            kind,
        });
        Self::new(labels, expression)
    }

    fn of(token: &Token<'_>, labels: &mut Labels) -> Self {
        let id = token.word_id.id() as usize;
        let dictionary = token.dictionary;
        let fields = if token.word_id.is_unknown() {
            dictionary.unknown_word_details_iter(id)
        } else if token.word_id.is_system() {
            dictionary.word_details_iter(id)
        } else {
            match token.user_dictionary {
                Some(user) => user.word_details_iter(id),
                None => DetailFields::unk(),
            }
        };
        Self::read(fields, labels)
    }
}

/// One morpheme of a remembered piece: bytes relative to the piece, and its entry.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: u32,
    end: u32,
    details: u32,
}

/// A piece to segment: where it is in its text and the entry that will hold its morphemes.
#[derive(Debug, Clone, Copy)]
struct Pending {
    start: usize,
    end: usize,
    entry: u32,
}

/// Bytes of a piece kept inside its memo key (most are shorter); longer ones are boxed.
const INLINE_KEY_BYTES: usize = 22;

/// A piece as a memo key. Short ones are held inline, so that looking one up compares
/// bytes already in the table instead of following a pointer for each candidate.
#[derive(Debug, Clone)]
enum EojeolKey {
    Inline(u8, [u8; INLINE_KEY_BYTES]),
    Boxed(Box<[u8]>),
}

impl EojeolKey {
    fn new(bytes: &[u8]) -> Self {
        if bytes.len() <= INLINE_KEY_BYTES {
            let mut inline = [0; INLINE_KEY_BYTES];
            inline[..bytes.len()].copy_from_slice(bytes);
            EojeolKey::Inline(bytes.len() as u8, inline)
        } else {
            EojeolKey::Boxed(bytes.into())
        }
    }

    fn as_bytes(&self) -> &[u8] {
        match self {
            EojeolKey::Inline(len, bytes) => &bytes[..usize::from(*len)],
            EojeolKey::Boxed(bytes) => bytes,
        }
    }
}

impl std::borrow::Borrow<[u8]> for EojeolKey {
    fn borrow(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl PartialEq for EojeolKey {
    fn eq(&self, other: &Self) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for EojeolKey {}

impl std::hash::Hash for EojeolKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // As the bytes hash, so that a map of keys can be searched by bytes.
        self.as_bytes().hash(state);
    }
}

/// The remembered segmentations of one worker, and the plan of the texts being analysed.
#[derive(Default)]
pub struct EojeolMemo {
    /// Entry of each remembered piece.
    known: HashMap<EojeolKey, u32, FxBuildHasher>,
    /// Morphemes of entry `i`: a range of `spans`.
    entries: Vec<Range<u32>>,
    spans: Vec<Span>,
    /// Interned entry details and their index by word source and id.
    details: Vec<EntryDetails>,
    detail_ids: HashMap<u64, u32, FxBuildHasher>,
    labels: Labels,
    /// Per text analysed by the current call: its pieces as (start, entry).
    plans: Vec<Vec<(usize, u32)>>,
    /// The pieces of the text being planned.
    ranges: Vec<Range<usize>>,
    pending: Vec<Pending>,
    batch: String,
    /// Remember nothing: every piece is segmented afresh (for comparisons).
    forgetful: bool,
}

impl EojeolMemo {
    /// A memo that remembers nothing: the same morphemes, every piece segmented afresh.
    pub fn forgetful() -> Self {
        Self {
            forgetful: true,
            ..Self::default()
        }
    }

    /// Starts a call that analyses `texts` texts: forgets everything when full, and clears
    /// the plans of the previous call.
    pub fn begin(&mut self, texts: usize) {
        if self.forgetful || self.entries.len() > MAX_PIECES || self.spans.len() > MAX_SPANS {
            self.forget();
        }
        self.plans.resize_with(texts, Vec::new);
        self.plans.iter_mut().for_each(Vec::clear);
    }

    fn forget(&mut self) {
        self.known.clear();
        self.entries.clear();
        self.spans.clear();
        self.details.clear();
        self.detail_ids.clear();
    }

    /// Segments text number `slot` of this call (normalised `text`) piece by piece: looks
    /// each piece up, and segments the new ones.
    pub fn segment(&mut self, worker: &mut SegmentWorker, slot: usize, text: &str) {
        let mut plan = std::mem::take(&mut self.plans[slot]);
        plan.clear();
        self.pending.clear();
        let mut ranges = std::mem::take(&mut self.ranges);
        ranges.clear();
        cut_pieces(text, &mut ranges);
        for range in ranges.drain(..) {
            let piece = &text[range.clone()];
            let entry = match self.known.get(piece.as_bytes()) {
                Some(&entry) => entry,
                None => {
                    self.entries.push(0..0);
                    let entry = (self.entries.len() - 1) as u32;
                    if piece.len() <= MAX_KEY_BYTES {
                        self.known.insert(EojeolKey::new(piece.as_bytes()), entry);
                    }
                    self.pending.push(Pending {
                        start: range.start,
                        end: range.end,
                        entry,
                    });
                    entry
                }
            };
            plan.push((range.start, entry));
        }
        self.ranges = ranges;
        self.plans[slot] = plan;
        self.segment_pending(worker, text);
    }

    /// Segments the pending pieces of `text` in batches, each on a line of its own.
    fn segment_pending(&mut self, worker: &mut SegmentWorker, text: &str) {
        let pending = std::mem::take(&mut self.pending);
        let mut batch = std::mem::take(&mut self.batch);
        let mut placed: Vec<(usize, Pending)> = Vec::new();
        batch.clear();
        for (i, item) in pending.iter().enumerate() {
            placed.push((batch.len(), *item));
            batch.push_str(&text[item.start..item.end]);
            batch.push('\n');
            let next_len = pending
                .get(i + 1)
                .map_or(usize::MAX, |p| p.end - p.start + 1);
            if batch.len().saturating_add(next_len) > BATCH_BYTES || i + 1 == pending.len() {
                self.store(worker, &batch, &placed);
                batch.clear();
                placed.clear();
            }
        }
        self.batch = batch;
        self.pending = pending;
    }

    /// Segments `batch` and stores the morphemes of each placed piece (at its offset in the
    /// batch).
    fn store(&mut self, worker: &mut SegmentWorker, batch: &str, placed: &[(usize, Pending)]) {
        // Segmentation only fails on internal lattice errors; such text yields no morphemes.
        let tokens = worker.segment(batch).unwrap_or_default();
        let mut tokens = tokens.iter().peekable();
        for &(offset, item) in placed {
            let end = offset + (item.end - item.start);
            let first = self.spans.len() as u32;
            while let Some(token) = tokens.next_if(|t| t.byte_start < end) {
                // Every line is a sentence: no morpheme leaves its piece.
                if token.byte_start < offset || token.byte_end > end {
                    continue;
                }
                let details = self.intern(token);
                self.spans.push(Span {
                    start: (token.byte_start - offset) as u32,
                    end: (token.byte_end - offset) as u32,
                    details,
                });
            }
            self.entries[item.entry as usize] = first..self.spans.len() as u32;
        }
    }

    fn intern(&mut self, token: &Token<'_>) -> u32 {
        let source = if token.word_id.is_unknown() {
            1
        } else if token.word_id.is_system() {
            0
        } else {
            2
        };
        let key = u64::from(token.word_id.id()) | source << 32;
        match self.detail_ids.get(&key) {
            Some(&index) => index,
            None => {
                self.details.push(EntryDetails::of(token, &mut self.labels));
                let index = (self.details.len() - 1) as u32;
                self.detail_ids.insert(key, index);
                index
            }
        }
    }

    /// How many morphemes text `slot` has (as segmented by [`EojeolMemo::segment`]).
    pub fn morphemes_in(&self, slot: usize) -> usize {
        self.plans[slot]
            .iter()
            .map(|&(_, entry)| self.entries[entry as usize].len())
            .sum()
    }

    /// Appends the morphemes of text `slot` (as segmented by [`EojeolMemo::segment`]) to
    /// `out`, with offsets into the caller's original text.
    pub fn read<'a>(
        &'a self,
        slot: usize,
        normalized: &'a Normalized<'_>,
        out: &mut Vec<MorphemeRef<'a>>,
    ) {
        let text: &'a str = &normalized.text;
        let plan = &self.plans[slot];
        for (i, &(start, entry)) in plan.iter().enumerate() {
            // The morphemes of pieces met long ago are out of the cache: ask for those of a
            // later piece now, so that the wait overlaps this one's work.
            if let Some(&(_, ahead)) = plan.get(i + PREFETCH_AHEAD) {
                let first = self.entries[ahead as usize].start as usize;
                if let Some(span) = self.spans.get(first) {
                    prefetch(span);
                }
            }
            let range = &self.entries[entry as usize];
            for span in &self.spans[range.start as usize..range.end as usize] {
                let (from, to) = (start + span.start as usize, start + span.end as usize);
                let details = &self.details[span.details as usize];
                // The caller reads every morpheme's entry next.
                prefetch(details);
                out.push(MorphemeRef::new(
                    &text[from..to],
                    details,
                    normalized.original_offset(from),
                    normalized.original_offset(to),
                ));
            }
        }
    }
}

/// How many pieces ahead [`EojeolMemo::read`] asks for morphemes.
const PREFETCH_AHEAD: usize = 8;

/// Asks the processor to bring `value` into the cache ahead of its use.
#[inline(always)]
fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is a hint: it reads nothing into the program and cannot fault.
    #[allow(unsafe_code)]
    unsafe {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        _mm_prefetch::<_MM_HINT_T0>(std::ptr::from_ref(value).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}
