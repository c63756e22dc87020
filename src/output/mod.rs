//! Rendering results for people (aligned text, colour on a terminal) and for scripts (JSON).

pub mod analyze;
pub mod extract;
pub mod facets;
pub mod html;
pub mod ingest;
pub mod notes;
pub mod search;
pub mod show;
pub mod stats;
pub mod style;
pub mod svg;
pub mod trend;
