//! `dongne show`: one article in full, with its region evidence and its copies.

use std::io::{self, Write};

use super::search::{date_text, region_text};
use super::style::Style;
use crate::search::execute::{ShownArticle, StoredArticle};

/// Headline, details, body, regions with evidence, then one line per copy.
pub fn write_article(out: &mut impl Write, shown: &ShownArticle, style: Style) -> io::Result<()> {
    let a = &shown.article;
    writeln!(out, "{}", style.title(&a.title))?;
    let field = |out: &mut dyn Write, name: &str, value: &str| -> io::Result<()> {
        if value.is_empty() {
            Ok(())
        } else {
            writeln!(out, "{} {value}", style.dim(&format!("{name:<10}")))
        }
    };
    field(out, "id", &a.id)?;
    field(out, "url", &a.url)?;
    field(out, "published", &date_text(a))?;
    field(out, "press", a.press.as_deref().unwrap_or_default())?;
    field(out, "reporters", &a.reporters.join(", "))?;
    field(out, "section", a.section.as_deref().unwrap_or_default())?;
    field(out, "dateline", a.dateline.as_deref().unwrap_or_default())?;
    field(out, "source", a.source.as_deref().unwrap_or_default())?;
    field(
        out,
        "region",
        &a.region_primary
            .as_deref()
            .map(region_text)
            .unwrap_or_default(),
    )?;
    let tags = a.region_tags.as_ref();
    let list = |key: &str| -> Vec<String> {
        tags.and_then(|t| t.get(key))
            .and_then(|v| v.as_array())
            .map(|items| {
                items
                    .iter()
                    .filter_map(|i| i.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mentioned: Vec<String> = list("regions_mentioned")
        .iter()
        .map(|p| region_text(p))
        .collect();
    field(out, "mentioned", &mentioned.join(", "))?;
    for (i, evidence) in shown.region_evidence.iter().enumerate() {
        field(out, if i == 0 { "evidence" } else { "" }, evidence)?;
    }
    writeln!(out)?;
    writeln!(out, "{}", a.body)?;
    if !shown.copies.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            style.title(&format!("copies: {}", shown.copies.len()))
        )?;
        for copy in &shown.copies {
            writeln!(out, "  {}", copy_line(copy))?;
        }
    }
    Ok(())
}

/// `date · press · id · url` of a copy.
fn copy_line(a: &StoredArticle) -> String {
    let mut parts = vec![date_text(a)];
    parts.extend(a.press.clone());
    parts.push(a.id.clone());
    parts.push(a.url.clone());
    parts.join(" · ")
}
