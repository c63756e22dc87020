//! Korea's municipalities: the dated gazetteer, the resolver from what users type, and the
//! tagger that decides which region an article is about.

use serde::{Deserialize, Serialize};

/// The regions an article is about, with the evidence that decided them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RegionTags {
    /// Facet path of the region the article is about (`/전라남도/광양시`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region_primary: Option<String>,
    /// Facet paths of every region mentioned, deduplicated.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions_mentioned: Vec<String>,
    /// Human-readable evidence, strongest first (`dateline 광양`, `title 광양시`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub region_evidence: Vec<String>,
}
