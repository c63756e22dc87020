//! `--facets`: hit counts per value, as an aligned list or JSON lines.

use std::io::{self, Write};

use serde::Serialize;

use super::search::{region_text, write_json_line};
use super::style::Style;
use crate::search::facets::{FacetCounts, FacetKind};

/// Each facet as a heading and indented `count  value` lines.
pub fn write_facets(out: &mut impl Write, facets: &[FacetCounts], style: Style) -> io::Result<()> {
    for counts in facets {
        writeln!(out)?;
        writeln!(out, "{}", style.title(&format!("{}:", name(counts.facet))))?;
        if counts.values.is_empty() {
            writeln!(out, "  (none)")?;
        }
        for value in &counts.values {
            let shown = match counts.facet {
                FacetKind::Region => region_text(&value.value),
                _ => value.value.clone(),
            };
            let indent = "  ".repeat(value.depth + 1);
            writeln!(out, "{indent}{:>7}  {shown}", value.count)?;
        }
    }
    Ok(())
}

fn name(kind: FacetKind) -> &'static str {
    match kind {
        FacetKind::Region => "region",
        FacetKind::Month => "month",
        FacetKind::Press => "press",
        FacetKind::Reporter => "reporter",
    }
}

#[derive(Serialize)]
struct FacetLine<'a> {
    facet: FacetKind,
    value: &'a str,
    count: u64,
    depth: usize,
}

/// One JSON object per facet value: `{"facet":"press","value":"…","count":3,"depth":0}`.
pub fn write_facets_json(out: &mut impl Write, facets: &[FacetCounts]) -> io::Result<()> {
    for counts in facets {
        for value in &counts.values {
            write_json_line(
                out,
                &FacetLine {
                    facet: counts.facet,
                    value: &value.value,
                    count: value.count,
                    depth: value.depth,
                },
            )?;
        }
    }
    Ok(())
}
