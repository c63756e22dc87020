//! The eojeol memo: segmentation remembered per space-separated word.
//!
//! lindera keeps a run of whitespace in its lattice as one `SPACE` word, whose context ids
//! are the same whatever the run holds. Every path through a sentence passes through it, so
//! the best path splits at every space: the segmentation of a word between spaces (an
//! eojeol, `광양시에서`) depends only on the word itself and on what stands at its two ends:
//! a space, or the start of a sentence (after `\n`, `\t` or at the start of the text) on
//! the left, a space or the end of the text on the right. Korean news repeats its eojeols
//! (`밝혔다.`, `것으로`, `있다`): in a year of national dailies 87% of them, 82% of the
//! bytes, occurred earlier. So each worker remembers the morphemes of the eojeols it has
//! seen, keyed by the eojeol and its two ends, and segments only the new ones: together, in
//! one string that puts each between the same ends it has in its text.
//!
//! Each worker keeps its own memo. Sharing was measured and dropped: two workers of a
//! pipeline segment about a fifth more eojeols than one would, but a table both consult cost
//! more than that lattice work (ingest was 5–9% slower with it), and so did passing each
//! other batches of segmented eojeols to take into their own tables.
//!
//! The result is exactly lindera's segmentation of the whole text; the memo is left out
//! (the text is segmented as a whole) where that would not hold: for a text holding a
//! dictionary word that contains whitespace (mecab-ko-dic has five, such as `에듀 `), for a
//! sentence long enough for lindera to cut it, and whenever a morpheme would not lie inside
//! one eojeol.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use lindera::token::Token;
use lindera::worker::SegmentWorker;
use lindera_dictionary::dictionary::DetailFields;
use rustc_hash::FxBuildHasher;

use super::morpheme::{self, EntryDetails, EntryLabels, MorphemeRef};
use super::normalize::Normalized;

/// Longest eojeol remembered, in bytes; longer ones are segmented but not kept.
const MAX_KEY_BYTES: usize = 64;
/// Eojeols remembered per worker before the memo starts afresh (a year of national dailies
/// has 296,000 distinct ones; about 60 MB at most).
const MAX_EOJEOLS: usize = 1 << 19;
/// Morphemes kept per worker before the memo starts afresh.
const MAX_SPANS: usize = 1 << 21;
/// Bytes of new eojeols segmented in one call to lindera.
const BATCH_BYTES: usize = 8 * 1024;
/// Sentences this long may be cut by lindera (at 32 KiB without `\n`, `\t`, `。`, `、`), where
/// the eojeols would not be; such texts are segmented whole.
const LONG_SENTENCE_BYTES: usize = 30 * 1024;

/// How a dictionary's texts split into eojeols: the ASCII characters lindera reads as
/// nothing but `SPACE`, and the dictionary words that contain whitespace (a text that
/// holds one is segmented whole).
#[derive(Debug, Clone)]
pub struct EojeolSplit {
    separators: [bool; 128],
    /// Searchers for the words with whitespace, built once.
    spaced_words: Vec<memchr::memmem::Finder<'static>>,
}

impl EojeolSplit {
    /// The split for `segmenter`'s dictionary, whose words with whitespace (system and user
    /// dictionary) are `spaced_words`; `None` when its space is not a plain `SPACE`
    /// character.
    pub fn new(
        segmenter: &lindera::segmenter::Segmenter,
        spaced_words: Vec<String>,
    ) -> Option<Self> {
        let definition = &segmenter.dictionary.character_definition;
        let space = definition.category_id_by_name("SPACE")?;
        let mut separators = [false; 128];
        for c in [' ', '\t', '\n', '\r', '\u{b}', '\u{c}'] {
            separators[c as usize] = definition.lookup_categories(c) == [space];
        }
        (separators[usize::from(b' ')] && separators[usize::from(b'\n')]).then(|| Self {
            separators,
            spaced_words: spaced_words
                .iter()
                .map(|word| memchr::memmem::Finder::new(word).into_owned())
                .collect(),
        })
    }

    fn is_separator(&self, byte: u8) -> bool {
        self.separators
            .get(usize::from(byte))
            .copied()
            .unwrap_or(false)
    }

    /// Whether `text` can be segmented eojeol by eojeol: no sentence lindera might cut (see
    /// [`LONG_SENTENCE_BYTES`]) and no dictionary word with whitespace.
    fn applies_to(&self, text: &str) -> bool {
        !has_long_sentence(text)
            && !self
                .spaced_words
                .iter()
                .any(|word| word.find(text.as_bytes()).is_some())
    }
}

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

/// One morpheme of a remembered eojeol: bytes relative to the eojeol, and its entry.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: u32,
    end: u32,
    details: u32,
}

/// An eojeol (or a whole text) to segment: where it is in its text, its two ends and the
/// entry that will hold its morphemes.
#[derive(Debug, Clone, Copy)]
struct Pending {
    start: usize,
    end: usize,
    sentence_start: bool,
    text_end: bool,
    entry: u32,
}

/// Bytes of an eojeol kept inside its memo key (most are shorter); longer ones are boxed.
const INLINE_KEY_BYTES: usize = 22;

/// An eojeol as a memo key. Short ones are held inline, so that looking one up compares
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
    /// Entry of each remembered eojeol, one map per combination of its two ends.
    known: [HashMap<EojeolKey, u32, FxBuildHasher>; 4],
    /// Morphemes of entry `i`: a range of `spans`.
    entries: Vec<Range<u32>>,
    spans: Vec<Span>,
    /// Interned entry details and their index by word source and id.
    details: Vec<EntryDetails>,
    detail_ids: HashMap<u64, u32, FxBuildHasher>,
    labels: Labels,
    /// Per text analysed by the current call: its eojeols as (start, entry).
    plans: Vec<Vec<(usize, u32)>>,
    pending: Vec<Pending>,
    batch: String,
}

impl EojeolMemo {
    /// Starts a call that analyses `texts` texts: forgets everything when full, and clears
    /// the plans of the previous call.
    pub fn begin(&mut self, texts: usize) {
        if self.entries.len() > MAX_EOJEOLS || self.spans.len() > MAX_SPANS {
            self.forget();
        }
        self.plans.resize_with(texts, Vec::new);
        self.plans.iter_mut().for_each(Vec::clear);
    }

    fn forget(&mut self) {
        self.known.iter_mut().for_each(HashMap::clear);
        self.entries.clear();
        self.spans.clear();
        self.details.clear();
        self.detail_ids.clear();
    }

    /// Segments text number `slot` of this call (normalised `text`), eojeol by eojeol where
    /// `split` applies, else whole.
    pub fn segment(
        &mut self,
        worker: &mut SegmentWorker,
        slot: usize,
        text: &str,
        split: Option<&EojeolSplit>,
    ) {
        if let Some(split) = split.filter(|split| split.applies_to(text)) {
            let first_entry = self.entries.len();
            let known_before = self.known.each_ref().map(HashMap::len);
            if self.segment_eojeols(worker, slot, text, split) {
                return;
            }
            // A morpheme crossed an eojeol: forget what this text added, segment it whole.
            self.entries.truncate(first_entry);
            for (known, before) in self.known.iter_mut().zip(known_before) {
                if known.len() != before {
                    known.retain(|_, entry| (*entry as usize) < first_entry);
                }
            }
        }
        self.plans[slot].clear();
        let entry = self.reserve();
        self.plans[slot].push((0, entry));
        self.pending.clear();
        self.pending.push(Pending {
            start: 0,
            end: text.len(),
            sentence_start: true,
            text_end: true,
            entry,
        });
        // Whole, the text always gives its own morphemes: nothing can cross.
        self.segment_pending(worker, text, true);
    }

    fn reserve(&mut self) -> u32 {
        self.entries.push(0..0);
        (self.entries.len() - 1) as u32
    }

    /// Plans text `slot` as eojeols, segments the new ones; false when a morpheme crossed.
    fn segment_eojeols(
        &mut self,
        worker: &mut SegmentWorker,
        slot: usize,
        text: &str,
        split: &EojeolSplit,
    ) -> bool {
        let bytes = text.as_bytes();
        let mut plan = std::mem::take(&mut self.plans[slot]);
        plan.clear();
        self.pending.clear();
        let mut at = 0;
        while at < bytes.len() {
            if split.is_separator(bytes[at]) {
                at += 1;
                continue;
            }
            let start = at;
            while at < bytes.len() && !split.is_separator(bytes[at]) {
                at += 1;
            }
            let sentence_start = start == 0 || matches!(bytes[start - 1], b'\n' | b'\t');
            let text_end = at == bytes.len();
            let word = &text[start..at];
            let ends = ends_index(sentence_start, text_end);
            let entry = match self.known[ends].get(word.as_bytes()) {
                Some(&entry) => entry,
                None => {
                    let entry = self.reserve();
                    if word.len() <= MAX_KEY_BYTES {
                        self.known[ends].insert(EojeolKey::new(word.as_bytes()), entry);
                    }
                    self.pending.push(Pending {
                        start,
                        end: at,
                        sentence_start,
                        text_end,
                        entry,
                    });
                    entry
                }
            };
            plan.push((start, entry));
        }
        self.plans[slot] = plan;
        self.segment_pending(worker, text, false)
    }

    /// Segments the pending eojeols of `text` in batches, each between the ends it has in
    /// its text (or `text` itself, `whole`); false when a morpheme crossed an eojeol.
    fn segment_pending(&mut self, worker: &mut SegmentWorker, text: &str, whole: bool) -> bool {
        let pending = std::mem::take(&mut self.pending);
        let mut ok = true;
        let mut batch = std::mem::take(&mut self.batch);
        let mut placed: Vec<(usize, Pending)> = Vec::new();
        for (i, item) in pending.iter().enumerate() {
            let word = &text[item.start..item.end];
            if whole {
                batch.clear();
                batch.push_str(word);
                placed.push((0, *item));
            } else {
                batch.push(if item.sentence_start { '\n' } else { ' ' });
                placed.push((batch.len(), *item));
                batch.push_str(word);
                if !item.text_end {
                    batch.push(' ');
                }
            }
            let next_len = pending
                .get(i + 1)
                .map_or(usize::MAX, |p| p.end - p.start + 2);
            if batch.len().saturating_add(next_len) > BATCH_BYTES || i + 1 == pending.len() {
                ok &= self.store(worker, &batch, &placed);
                batch.clear();
                placed.clear();
            }
        }
        self.batch = batch;
        self.pending = pending;
        ok
    }

    /// Segments `batch` and stores the morphemes of each placed eojeol (at its offset in the
    /// batch); false when a morpheme is not inside one.
    fn store(
        &mut self,
        worker: &mut SegmentWorker,
        batch: &str,
        placed: &[(usize, Pending)],
    ) -> bool {
        // Segmentation only fails on internal lattice errors; such text yields no morphemes.
        let tokens = worker.segment(batch).unwrap_or_default();
        let mut tokens = tokens.iter().peekable();
        for &(offset, item) in placed {
            let end = offset + (item.end - item.start);
            let first = self.spans.len() as u32;
            while let Some(token) = tokens.next_if(|t| t.byte_start < end) {
                if token.byte_start < offset || token.byte_end > end {
                    return false;
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
        tokens.next().is_none()
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
            // The morphemes of eojeols met long ago are out of the cache: ask for those of a
            // later eojeol now, so that the wait overlaps this one's work.
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

/// How many eojeols ahead [`EojeolMemo::read`] asks for morphemes.
const PREFETCH_AHEAD: usize = 8;

/// Asks the processor to bring `value` into the cache ahead of its use.
#[inline(always)]
fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is a hint: it reads nothing into the program and cannot fault.
    unsafe {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        _mm_prefetch::<_MM_HINT_T0>(std::ptr::from_ref(value).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}

/// Which of the four maps of remembered eojeols (by their two ends) an eojeol belongs to.
fn ends_index(sentence_start: bool, text_end: bool) -> usize {
    usize::from(sentence_start) | usize::from(text_end) << 1
}

/// Whether `text` has a sentence lindera might cut (see [`LONG_SENTENCE_BYTES`]).
fn has_long_sentence(text: &str) -> bool {
    if text.len() < LONG_SENTENCE_BYTES {
        return false;
    }
    let mut last = 0;
    for (at, c) in text.char_indices() {
        if matches!(c, '\n' | '\t' | '。' | '、') {
            last = at;
        } else if at - last >= LONG_SENTENCE_BYTES {
            return true;
        }
    }
    false
}
