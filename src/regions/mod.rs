//! Korea's municipalities: the dated gazetteer, the resolver from what users type, and the
//! tagger that decides which region an article is about.
//!
//! # Data
//! [`Gazetteer`] holds every 시·도, 시·군·구, 일반구 and 행정시 of `dictionaries/regions.tsv`
//! and every 읍·면·동 of `dictionaries/regions-emd.tsv`, one row per *version* (name, kind,
//! parent, validity dates), linked to the versions that succeeded it;
//! `dictionaries/local-press.tsv` gives local presses' home regions and
//! `dictionaries/region-homographs.tsv` the short forms that are also common words. All are
//! compiled in ([`Gazetteer::load_default`]) or read from given files ([`Gazetteer::load`]).
//!
//! # Facet paths and renamed regions
//! Every version has a hierarchical facet path made of the names of it and its parents as
//! they were while it was valid: `/강원도/춘천시` until 2023-06-10, `/강원특별자치도/춘천시`
//! from 2023-06-11; `/전라남도/광양시` until 2026-06-30, `/전남광주통합특별시/광양시` after.
//!
//! Articles are indexed under the *as-then* paths only ([`RegionTags`]: the tagger reads
//! names as of the publication date). History is applied at query time: the
//! [resolver](Gazetteer::resolve) turns a name into its whole *lineage* (see [`history`]) —
//! the versions that continue one another (renames, moves to another parent) and the
//! regions absorbed into it — and a search filters on any of their paths. So
//! `강원특별자치도` yields `/강원특별자치도` and `/강원도` (finding 2019 stories),
//! `전남광주통합특별시` yields itself, `/전라남도` and `/광주광역시` (finding a 2024 광양시
//! story), `전라남도` yields `/전라남도`, and `광양`, `광양시` or `46230` yield both 광양시
//! paths. A tantivy facet term matches its descendants, so `/전라남도` matches
//! `/전라남도/광양시`. Indexes never need rebuilding when a later change is added to the
//! gazetteer: only the resolver's answer grows.
//!
//! # Tagging
//! [`Tagger`] reads region names from the words of the title and body ([`mentions`]), adds
//! the dateline, the issuer and the press home, decides ambiguous names (`중구`, `광주`,
//! `중앙동`) from the name right before, co-mentioned regions or the press home — leaving them
//! unresolved when nothing decides — and scores each municipality by the [`Signal`]s that
//! name it (a 읍·면·동 scores for its 시·군·구). The primary region is the best score of at
//! least 3; a tie goes to the region containing the tied ones, or none; a 시·도 gives way to a
//! 시·군·구 inside it that is in the dateline, title or lead, and a 시·군·구 to its one
//! 읍·면·동 there. docs/regions.md has the weights and how they were tuned.

mod error;
mod evidence;
mod gazetteer;
pub mod history;
pub mod mentions;
mod resolver;
mod tagger;
mod words;

pub use error::RegionError;
pub use evidence::{Decision, Evidence, Signal};
pub use gazetteer::{
    DEFAULT_GAZETTEER, DEFAULT_HOMOGRAPHS, DEFAULT_LOCAL_PRESS, Gazetteer, Kind, Region, RegionId,
};
pub use tagger::Tagger;
