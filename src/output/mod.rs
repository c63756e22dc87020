//! Rendering results for people (aligned text, colour on a terminal) and for scripts (JSON).

pub mod analyze;
pub mod facets;
pub mod notes;
pub mod search;
pub mod show;
pub mod style;
pub mod trend;
