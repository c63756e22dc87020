//! Rendering results for people (aligned text, colour on a terminal) and for scripts (JSON).

pub mod analyze;
