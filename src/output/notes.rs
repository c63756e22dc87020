//! What search made of a query, for people: read as plain words, words not all required,
//! other spacings, synonyms, and why nothing was found.

use std::io::{self, Write};

use serde::Serialize;

use super::search::write_json_line;
use super::style::Style;
use crate::search::FilterKind;
use crate::search::execute::{QueryNotes, SearchResults};
use crate::search::explain::{Explanation, FilterChange};

/// Whether the notes say anything beyond the count.
pub fn has_news(notes: &QueryNotes) -> bool {
    notes.read_as_plain_words.is_some()
        || !notes.not_all_required.is_empty()
        || !notes.read_otherwise.is_empty()
        || !notes.synonyms.is_empty()
        || notes.explanation.is_some()
}

/// `note:` lines before the results.
pub fn write_notes(out: &mut impl Write, results: &SearchResults, style: Style) -> io::Result<()> {
    let notes = &results.notes;
    let note = |text: String| style.dim(&format!("note: {text}"));
    if let Some(reason) = &notes.read_as_plain_words {
        writeln!(out, "{}", note(format!("read as plain words ({reason})")))?;
    }
    for synonym in &notes.synonyms {
        writeln!(
            out,
            "{}",
            note(format!(
                "{} also finds {}",
                synonym.word,
                synonym.also.join(", ")
            ))
        )?;
    }
    if !notes.read_otherwise.is_empty() {
        writeln!(
            out,
            "{}",
            note(format!(
                "also read with other spacings and particles: {}",
                notes.read_otherwise.join(", ")
            ))
        )?;
    }
    if !notes.not_all_required.is_empty() {
        writeln!(
            out,
            "{}",
            note(format!(
                "{} with every word of {}; the rest have most of them",
                notes.complete,
                notes.not_all_required.join(" ")
            ))
        )?;
    }
    Ok(())
}

/// The explanation: each word as read with its article count and suggestions, then what
/// the filters left out (`0 in 고흥군 · 12 in 전라남도 · 40 without the region filter`).
pub fn write_explanation(
    out: &mut impl Write,
    explanation: &Explanation,
    style: Style,
) -> io::Result<()> {
    let regions = &explanation.regions;
    writeln!(out, "{}", style.title("How the query was read:"))?;
    for word in &explanation.words {
        let mut line = format!(
            "  {}  →  {}  ({} {})",
            word.text,
            if word.tokens.is_empty() {
                "nothing searchable".to_string()
            } else {
                word.tokens.join(" ")
            },
            word.articles,
            if word.articles == 1 {
                "article"
            } else {
                "articles"
            }
        );
        if !word.suggestions.is_empty() {
            line.push_str(&format!("; did you mean {}?", word.suggestions.join(", ")));
        }
        writeln!(out, "{line}")?;
    }
    if explanation.filters.is_empty() {
        return Ok(());
    }
    let here = if regions.is_empty() {
        "0 with these filters".to_string()
    } else {
        format!("0 in {}", place_names(regions))
    };
    let mut parts = vec![here];
    for report in &explanation.filters {
        let what = match &report.change {
            FilterChange::WiderRegions(regions) => format!("in {}", place_names(regions)),
            FilterChange::Without(kind) => format!("without the {} filter", name(*kind)),
            FilterChange::NoFilters => "without filters".to_string(),
        };
        parts.push(format!("{} {what}", report.articles));
    }
    writeln!(out, "{}", style.title("Filters:"))?;
    writeln!(out, "  {}", parts.join(" · "))
}

/// The places of region paths, each once (a region's paths under its old and new names give
/// `전라남도 or 전남광주통합특별시`).
fn place_names(paths: &[String]) -> String {
    let mut names: Vec<&str> = Vec::new();
    for path in paths {
        let name = path.trim_matches('/').rsplit('/').next().unwrap_or(path);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names.join(" or ")
}

fn name(kind: FilterKind) -> &'static str {
    match kind {
        FilterKind::Region => "region",
        FilterKind::Dates => "date",
        FilterKind::Reporter => "reporter",
        FilterKind::Press => "press",
    }
}

#[derive(Serialize)]
struct NotesLine<'a> {
    notes: &'a QueryNotes,
}

/// `{"notes": {...}}` after the JSON results, when the notes say anything beyond the count.
pub fn write_notes_json(out: &mut impl Write, results: &SearchResults) -> io::Result<()> {
    if has_news(&results.notes) {
        write_json_line(
            out,
            &NotesLine {
                notes: &results.notes,
            },
        )?;
    }
    Ok(())
}
