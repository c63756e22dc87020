//! The user dictionary the analyzer loads: `dictionaries/user.csv` plus one entry per
//! official name of a 시·도 or 시·군·구 of the gazetteer (읍·면·동 are left to mecab-ko-dic).
//!
//! mecab-ko-dic lacks or mis-analyses many municipality names on their own (`나주시` alone →
//! `나/NP 주/VV 시/EP`, `남구` → `남/VV 구/EC`), which would make the very queries this tool is
//! for miss. Every official name (`나주시`, `고흥군`, `해운대구`, `전라남도`) therefore becomes a
//! proper place noun; a name ending in an administrative suffix is a compound of its stem and
//! the suffix (`나주시` → `나주` + `시`), so the stem still finds it.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use lindera::dictionary::{Dictionary, UserDictionary};
use lindera_dictionary::builder::DictionaryBuilder;

use super::AnalysisError;

/// Left and right context ids of mecab-ko-dic's place nouns (`NNP,지명`), without and with a
/// final consonant.
const PLACE_IDS_OPEN: (u16, u16) = (1789, 3552);
const PLACE_IDS_CLOSED: (u16, u16) = (1789, 3553);
/// Word cost of a place name: a little cheaper than mecab-ko-dic's own place entries (about
/// 5,000), so the name wins over splits through it; at 3,000 or less it starts to beat longer
/// dictionary words that contain it (`남구로역` → `남구` + `로역`).
const PLACE_COST: i16 = 4000;
/// Administrative suffixes split off as compound parts, longest first.
const SUFFIXES: [&str; 9] = [
    "특별자치시",
    "특별자치도",
    "특별시",
    "광역시",
    "자치구",
    "시",
    "군",
    "구",
    "도",
];

/// The user dictionary dongne ships, built into the program.
pub const BUILT_IN: &str = include_str!("../../dictionaries/user.csv");

/// The rows for the user dictionary: the user's rows (if any) then the place names, each once
/// and in order. Place names are only added when `dictionary` has mecab-ko-dic's place-noun
/// context ids (a smaller test dictionary would otherwise index past its connection matrix).
pub fn user_dictionary_csv(
    user_rows: Option<&str>,
    place_names: &[String],
    dictionary: &Dictionary,
) -> String {
    let mut csv = user_rows.unwrap_or_default().to_string();
    if !csv.is_empty() && !csv.ends_with('\n') {
        csv.push('\n');
    }
    if !has_place_context_ids(dictionary) {
        return csv;
    }
    csv.push_str(&place_rows(place_names));
    csv
}

/// The user dictionary rows of `place_names` (each once, in order): proper place nouns, a
/// name with an administrative suffix a compound of its stem and the suffix.
pub fn place_rows(place_names: &[String]) -> String {
    let names: BTreeSet<&str> = place_names.iter().map(String::as_str).collect();
    names.into_iter().map(place_row).collect()
}

/// Builds the lindera user dictionary from `csv`.
pub fn build(
    csv: &str,
    dictionary: &Dictionary,
    origin: &Path,
) -> Result<UserDictionary, AnalysisError> {
    DictionaryBuilder::new((*dictionary.metadata).clone())
        .build_user_dict_from_reader(csv.as_bytes())
        .map_err(|err| AnalysisError::UserDictionary {
            path: origin.to_path_buf(),
            reason: err.to_string(),
        })
}

fn has_place_context_ids(dictionary: &Dictionary) -> bool {
    let matrix = &dictionary.connection_cost_matrix;
    let (small, large) = (
        matrix.forward_size.min(matrix.backward_size),
        matrix.forward_size.max(matrix.backward_size),
    );
    [PLACE_IDS_OPEN, PLACE_IDS_CLOSED]
        .iter()
        .all(|&(left, right)| u32::from(left) < small && u32::from(right) < large)
}

fn has_final_consonant(word: &str) -> bool {
    word.chars()
        .last()
        .is_some_and(|c| ('가'..='힣').contains(&c) && !(c as u32 - '가' as u32).is_multiple_of(28))
}

/// One full mecab-ko-dic row for an official name.
fn place_row(name: &str) -> String {
    let closed = has_final_consonant(name);
    let (left, right) = if closed {
        PLACE_IDS_CLOSED
    } else {
        PLACE_IDS_OPEN
    };
    let final_consonant = if closed { "T" } else { "F" };
    let split = SUFFIXES.iter().find_map(|suffix| {
        let stem = name.strip_suffix(suffix)?;
        (stem.chars().count() >= 2).then_some((stem, *suffix))
    });
    let mut row = format!("{name},{left},{right},{PLACE_COST},NNP,지명,{final_consonant},{name},");
    match split {
        Some((stem, suffix)) => {
            let _ = writeln!(row, "Compound,*,*,{stem}/NNP/지명+{suffix}/NNG/*");
        }
        None => row.push_str("*,*,*,*\n"),
    }
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_names_become_compounds_of_stem_and_suffix() {
        assert_eq!(
            place_row("나주시"),
            format!(
                "나주시,1789,3552,{PLACE_COST},NNP,지명,F,나주시,Compound,*,*,나주/NNP/지명+시/NNG/*\n"
            )
        );
        assert!(place_row("고흥군").contains(",T,고흥군,Compound,*,*,고흥/NNP/지명+군/NNG/*"));
        assert!(place_row("광주광역시").ends_with("광주/NNP/지명+광역시/NNG/*\n"));
        // A one-syllable stem stays whole: `중구` is not `중` + `구`.
        assert!(place_row("중구").ends_with(",*,*,*,*\n"));
    }
}
