//! Korean morphological analysis (interface stand-in until the analyzer lands).

mod morpheme;

pub use morpheme::Morpheme;
