//! `dongne search` results: a readable list for people, JSON lines for scripts, or a count.

use std::io::{self, Write};

use serde::Serialize;

use super::style::Style;
use crate::search::execute::{Highlighted, SearchHit, SearchResults, StoredArticle};

/// `2024-03-05 14:20` (KST), or `-`.
pub fn date_text(article: &StoredArticle) -> String {
    article.published.map_or_else(
        || "-".to_string(),
        |t| t.format("%Y-%m-%d %H:%M").to_string(),
    )
}

/// `전라남도 광양시` from `/전라남도/광양시`.
pub fn region_text(path: &str) -> String {
    path.trim_matches('/').replace('/', " ")
}

/// `3 results`, or `3 results (5 articles with copies)` when copies were folded in.
fn result_count(results: usize, articles: usize) -> String {
    let noun = if results == 1 { "result" } else { "results" };
    if articles > results {
        format!("{results} {noun} ({articles} articles with copies)")
    } else {
        format!("{results} {noun}")
    }
}

/// Title, `date · press · reporters · region`, URL and snippet of each result.
pub fn write_results(
    out: &mut impl Write,
    results: &SearchResults,
    offset: usize,
    style: Style,
) -> io::Result<()> {
    super::notes::write_notes(out, results, style)?;
    writeln!(
        out,
        "{}",
        style.dim(&result_count(results.total, results.hits))
    )?;
    if let Some(explanation) = &results.notes.explanation {
        writeln!(out)?;
        super::notes::write_explanation(out, explanation, style)?;
    }
    for (i, hit) in results.results.iter().enumerate() {
        let a = &hit.article;
        let copies = if hit.copies > 1 {
            format!("  [copies: {}]", hit.copies)
        } else {
            String::new()
        };
        writeln!(out)?;
        writeln!(
            out,
            "{:>3}. {}{copies}",
            offset + i + 1,
            style.title(&one_line(&a.title))
        )?;
        let mut details = vec![date_text(a)];
        details.extend(a.press.clone());
        if !a.reporters.is_empty() {
            details.push(a.reporters.join(", "));
        }
        details.extend(a.region_primary.as_deref().map(region_text));
        writeln!(out, "     {}", style.dim(&details.join(" · ")))?;
        writeln!(out, "     {}", style.dim(&a.url))?;
        if !hit.missing.is_empty() {
            writeln!(
                out,
                "     {}",
                style.dim(&format!("without: {}", hit.missing.join(" ")))
            )?;
        }
        if let Some(snippet) = &hit.snippet {
            writeln!(out, "     {}", render_snippet(snippet, style))?;
        }
    }
    Ok(())
}

/// Replaces line breaks and control characters with spaces.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The snippet on one line with its matches styled.
pub fn render_snippet(snippet: &Highlighted, style: Style) -> String {
    let mut out = String::new();
    let mut at = 0;
    for range in &snippet.ranges {
        if let (Some(before), Some(matched)) = (
            snippet.text.get(at..range.start),
            snippet.text.get(range.clone()),
        ) {
            out.push_str(&one_line(before));
            out.push_str(&style.matched(&one_line(matched)));
            at = range.end;
        }
    }
    out.push_str(&one_line(snippet.text.get(at..).unwrap_or_default()));
    out.trim().to_string()
}

/// One JSON object per result: every stored field, the score, the copy count and the
/// words it lacks; then the notes on the query, when they say anything.
pub fn write_json(out: &mut impl Write, results: &SearchResults) -> io::Result<()> {
    write_hits_json(out, &results.results)?;
    super::notes::write_notes_json(out, results)
}

/// One JSON object per result.
pub fn write_hits_json(out: &mut impl Write, hits: &[SearchHit]) -> io::Result<()> {
    hits.iter().try_for_each(|hit| write_json_line(out, hit))
}

/// One value as a JSON line.
pub fn write_json_line(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    writeln!(out)
}
