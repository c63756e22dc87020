//! The article record that flows through the pipeline: produced by extraction, enriched by
//! region tagging, written by the index and shown by search; and the time zone of Korean
//! news.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// Korea Standard Time's offset from UTC, in seconds.
pub const KST_OFFSET_SECS: i32 = 9 * 3600;

/// Korea Standard Time (UTC+9, no daylight saving): the time of every date an article or a
/// filter gives without a zone.
pub fn kst() -> FixedOffset {
    FixedOffset::east_opt(KST_OFFSET_SECS).expect("UTC+9 is a valid offset")
}

/// Where an article came from: the file it was read from and, for multi-record dumps
/// (JSON Lines, CSV, WARC, zip, xlsx), the record inside it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// Path of the file as given on the command line (or found below a given directory).
    pub path: String,
    /// Record inside the file: `line 12`, `row 5`, `record 3`, a zip member name, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.record {
            Some(record) => write!(f, "{} ({record})", self.path),
            None => f.write_str(&self.path),
        }
    }
}

/// Named entities listed by a dump, each list deduplicated in the dump's order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entities {
    /// People (BigKinds `인물`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<String>,
    /// Places (BigKinds `위치`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<String>,
    /// Organisations (BigKinds `기관`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organizations: Vec<String>,
}

impl Entities {
    /// Whether no entity is listed.
    pub fn is_empty(&self) -> bool {
        self.people.is_empty() && self.places.is_empty() && self.organizations.is_empty()
    }
}

/// One news article, as clean as extraction could make it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Headline.
    pub title: String,
    /// Subheadline, when the source states one apart from the body (NewsML `SubHeadLine`,
    /// a dump's `subtitle` column).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// Body text without boilerplate; paragraphs are separated by `\n`.
    pub body: String,
    /// Reporter names (`홍길동`, without the `기자` title).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reporters: Vec<String>,
    /// Desks and teams credited instead of or beside reporters (`사회부`, `7NEWS팀`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub desks: Vec<String>,
    /// E-mail addresses found in bylines and signatures.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub emails: Vec<String>,
    /// Publisher name (`뉴스스텝`, `연합뉴스`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub press: Option<String>,
    /// First publication time; KST when the page gives no zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<DateTime<FixedOffset>>,
    /// Last update time, when the page states one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<DateTime<FixedOffset>>,
    /// Canonical URL, else the WARC target URI or the file path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Place of the dateline (`춘천` from `(춘천=연합뉴스)`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<String>,
    /// Section or category the page states (`사회`, `지역`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// Body that issued the text, for press releases (`나주시`, `광주광역시`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// Categories a dump assigns (BigKinds `통합 분류1`–`3`, `사회>사건_사고`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// Print page of a newspaper article (`A12`, `1`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// Print edition of a newspaper article (`40판`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
    /// Named entities a dump lists for the article (BigKinds `인물`, `위치`, `기관`).
    #[serde(default, skip_serializing_if = "Entities::is_empty")]
    pub entities: Entities,
    /// Whether the body is cut short by the source (BigKinds exports keep 200 characters).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
    /// Why the source excludes the article from analysis (BigKinds `분석제외 여부`: `중복`,
    /// `예외` …); the article is kept and marked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excluded: Option<String>,
    /// Region tagging, filled in by [`crate::regions`] after extraction.
    #[serde(default, skip_serializing_if = "Option::is_none", flatten)]
    pub regions: Option<RegionTags>,
    /// File and record the article was read from.
    pub source: Source,
}

/// The regions an article is about, with the evidence that decided them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RegionTags {
    /// Facet path of the region the article is about (`/전라남도/광양시`), if any, as it was
    /// named on the publication date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region_primary: Option<String>,
    /// Facet paths of every region mentioned, deduplicated, highest score first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions_mentioned: Vec<String>,
    /// Human-readable evidence, strongest first, each line with what it scored
    /// (`dateline 광양 → /전라남도/광양시 +16`), then the decision
    /// (`primary /전라남도/광양시 (/전라남도/광양시 21, …)`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub region_evidence: Vec<String>,
}
