//! The `ko` analyzer: Korean text → search tokens, identically at index and query time.
//!
//! Steps: [`normalize`] (NFC, full-width folding, lower case, list separators) → lindera
//! segmentation over the dongne dictionary (MeCab-compatible, `Mode::Normal`) → [`filter`]
//! (stop set, compound decomposition, stems). [`tokenizer`] wraps it for tantivy.

pub mod filter;
pub mod memo;
pub mod morpheme;
pub mod normalize;
pub mod pieces;
pub mod tokenizer;
pub mod user_dictionary;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use lindera::dictionary::Dictionary;
use lindera::mode::Mode;
use lindera::segmenter::Segmenter;
use lindera::worker::SegmentWorker;
use serde::{Deserialize, Serialize};

pub use filter::{SearchToken, TokenRef, TokenRole, TokenSink};
use memo::EojeolMemo;
pub use morpheme::{ExpressionParts, Morpheme, MorphemeFields, MorphemeRef};
pub use tokenizer::{KoTokenizer, PackedTokens, TOKENIZER_NAME, TokenHandoff};

use crate::dictionary::{self, DictionaryError, DictionaryInfo};

/// Errors of setting up the analyzer.
#[derive(Debug, thiserror::Error)]
pub enum AnalysisError {
    /// The dictionary is missing or broken.
    #[error(transparent)]
    Dictionary(#[from] DictionaryError),
    /// An index was built with different analysis than the one loaded now.
    #[error(
        "the index was built with {recorded}, but the analyzer now uses {current}; its tokens \
         would not match. Rebuild the index (`dongne ingest --rebuild …`) or restore that dictionary"
    )]
    FingerprintMismatch {
        /// What the index recorded.
        recorded: String,
        /// What is loaded now.
        current: String,
    },
    /// The user dictionary could not be read or has a malformed row.
    #[error(
        "user dictionary {path}: {reason}. Rows are `surface,POS,reading` or full mecab-ko-dic rows; see README"
    )]
    UserDictionary {
        /// The CSV file.
        path: PathBuf,
        /// What lindera reported.
        reason: String,
    },
}

/// What the analyzer is built from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalyzerOptions {
    /// Directory of the built dictionary.
    pub dictionary: PathBuf,
    /// The user dictionary's rows; `None` for none.
    pub user_dictionary: Option<UserRows>,
    /// Place names added as proper nouns (the gazetteer's 시·도 and 시·군·구, see
    /// [`user_dictionary`]).
    pub place_names: Vec<String>,
}

/// User dictionary rows and where they come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRows {
    /// The CSV rows.
    pub csv: String,
    /// The file they were read from, for messages (the built-in rows name their source file).
    pub origin: PathBuf,
}

impl UserRows {
    /// The rows of the file at `path`.
    pub fn read(path: &Path) -> Result<Self, AnalysisError> {
        Ok(Self {
            csv: std::fs::read_to_string(path).map_err(DictionaryError::io(path))?,
            origin: path.to_path_buf(),
        })
    }

    /// The user dictionary shipped with dongne ([`user_dictionary::BUILT_IN`]).
    pub fn built_in() -> Self {
        Self {
            csv: user_dictionary::BUILT_IN.to_string(),
            origin: PathBuf::from(dictionary::DEFAULT_USER_DICTIONARY),
        }
    }
}

/// What an index records about the analysis it was built with; a different fingerprint
/// means different tokens, so the index must be rebuilt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnalysisFingerprint {
    /// Content hash of the built dictionary.
    pub dictionary_hash: String,
    /// BLAKE3 of the user dictionary rows (the user's file and the gazetteer's place names).
    pub user_dictionary_hash: String,
    /// Version of the cutting, segmentation and token filter rules.
    pub filter_version: u32,
}

impl AnalysisFingerprint {
    /// Checks that an index recorded with `recorded` can be searched with this analysis.
    pub fn check_compatible(&self, recorded: &AnalysisFingerprint) -> Result<(), AnalysisError> {
        if self == recorded {
            Ok(())
        } else {
            Err(AnalysisError::FingerprintMismatch {
                recorded: recorded.to_string(),
                current: self.to_string(),
            })
        }
    }
}

impl std::fmt::Display for AnalysisFingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "dictionary {}, user dictionary {}, analysis v{}",
            self.dictionary_hash,
            if self.user_dictionary_hash.is_empty() {
                "none"
            } else {
                &self.user_dictionary_hash
            },
            self.filter_version
        )
    }
}

/// Bumped whenever [`pieces`], the segmentation of pieces, [`filter`] or [`normalize`]
/// changes what tokens come out. Version 2: every piece is segmented as a sentence of its
/// own.
pub const FILTER_VERSION: u32 = 2;

/// The Korean analyzer; cheap to clone (the dictionary is shared and memory-mapped).
#[derive(Clone)]
pub struct Analyzer {
    segmenter: Segmenter,
    fingerprint: AnalysisFingerprint,
    /// Whether workers remember the pieces they segmented (see [`memo`]).
    remembers: bool,
}

impl Analyzer {
    /// Loads the dictionary (memory-mapped) and the user dictionary.
    pub fn load(options: &AnalyzerOptions) -> Result<Self, AnalysisError> {
        let info = DictionaryInfo::load(&options.dictionary)?;
        let dictionary = load_dictionary(&options.dictionary)?;
        let user_rows = options.user_dictionary.as_ref();
        let user_csv = user_dictionary::user_dictionary_csv(
            user_rows.map(|rows| rows.csv.as_str()),
            &options.place_names,
            &dictionary,
        );
        let user_dictionary = user_dictionary::build(
            &user_csv,
            &dictionary,
            user_rows.map_or(Path::new(dictionary::DEFAULT_USER_DICTIONARY), |rows| {
                &rows.origin
            }),
        )?;
        let user_dictionary_hash = blake3::hash(user_csv.as_bytes()).to_hex()[..16].to_string();
        // Every piece is segmented as a sentence of its own, so no candidate ever follows a
        // space: the left-space penalty never applies, and its table (about 100 ms to build
        // over 816k entries) is not built.
        let mut dictionary = dictionary;
        let mut metadata = (*dictionary.metadata).clone();
        metadata.space_penalty = None;
        dictionary.metadata = Arc::new(metadata);
        let segmenter = Segmenter::new(Mode::Normal, dictionary, Some(user_dictionary));
        Ok(Self {
            segmenter,
            remembers: true,
            fingerprint: AnalysisFingerprint {
                dictionary_hash: info.content_hash,
                user_dictionary_hash,
                filter_version: FILTER_VERSION,
            },
        })
    }

    /// What an index built with this analyzer must record.
    pub fn fingerprint(&self) -> &AnalysisFingerprint {
        &self.fingerprint
    }

    /// The lindera segmenter underneath, configured exactly as the analyzer uses it (for
    /// comparisons such as `dongne bench analysis`).
    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    /// The same analyzer without the eojeol memo: every piece segmented afresh (for
    /// comparisons such as `dongne bench analysis`; the tokens are the same).
    pub fn without_eojeol_memo(&self) -> Self {
        Self {
            remembers: false,
            ..self.clone()
        }
    }

    /// A worker that reuses its buffers across calls (one per thread).
    pub fn worker(&self) -> AnalyzerWorker {
        AnalyzerWorker {
            worker: self.segmenter.new_worker(),
            memo: if self.remembers {
                EojeolMemo::default()
            } else {
                EojeolMemo::forgetful()
            },
        }
    }

    /// Every morpheme of `text` (particles included), offsets into `text`.
    pub fn morphemes(&self, text: &str) -> Vec<Morpheme> {
        self.worker().morphemes(text)
    }

    /// The search tokens of `text`, offsets into `text`.
    pub fn tokens(&self, text: &str) -> Vec<SearchToken> {
        let mut out = Vec::new();
        self.worker().tokens(text, &mut out);
        out
    }
}

/// Per-thread analysis state: lindera's lattice and the eojeol memo.
pub struct AnalyzerWorker {
    worker: SegmentWorker,
    memo: EojeolMemo,
}

impl AnalyzerWorker {
    /// Every morpheme of `text` (particles included), owned, offsets into `text`.
    pub fn morphemes(&mut self, text: &str) -> Vec<Morpheme> {
        self.with_morphemes([text], |[found]| {
            found.iter().map(MorphemeRef::to_morpheme).collect()
        })
    }

    /// Appends the search tokens of `text` to `out`.
    pub fn tokens(&mut self, text: &str, out: &mut impl TokenSink) {
        self.with_morphemes([text], |[found]| filter::search_tokens(found, out));
    }

    /// Segments `texts` and hands `f` their morphemes, borrowed (no allocation per
    /// morpheme), offsets into each text: several texts at once, so an article's title and
    /// body can be read side by side.
    pub fn with_morphemes<const N: usize, R>(
        &mut self,
        texts: [&str; N],
        f: impl FnOnce([&[MorphemeRef<'_>]; N]) -> R,
    ) -> R {
        let normalized = texts.map(normalize::normalize);
        self.memo.begin(N);
        for (slot, text) in normalized.iter().enumerate() {
            self.memo.segment(&mut self.worker, slot, &text.text);
        }
        let mut found: [Vec<MorphemeRef<'_>>; N] =
            std::array::from_fn(|slot| Vec::with_capacity(self.memo.morphemes_in(slot)));
        for (slot, (text, out)) in normalized.iter().zip(&mut found).enumerate() {
            self.memo.read(slot, text, out);
        }
        f(found.each_ref().map(Vec::as_slice))
    }
}

/// Loads (memory-maps) the built dictionary in `dir`.
pub fn load_dictionary(dir: &Path) -> Result<Dictionary, DictionaryError> {
    lindera::dictionary::load_fs_dictionary_with_options(dir, true).map_err(|err| {
        DictionaryError::Lindera(format!(
            "{}: {err}. Rebuild it with `dongne dict build`",
            dir.display()
        ))
    })
}
