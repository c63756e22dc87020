//! `dongne analyze`: tokens (or raw morphemes) of a text, like Elasticsearch's `_analyze`.

use std::io::{self, Write};

use serde::Serialize;

use crate::analysis::{Morpheme, SearchToken};

/// What `dongne analyze` prints for one input text.
#[derive(Serialize)]
pub struct AnalyzeReport<'a> {
    /// The analysed text.
    pub text: &'a str,
    /// Search tokens (absent with `--morphemes`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tokens: Option<&'a [SearchToken]>,
    /// Raw morphemes (with `--morphemes`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub morphemes: Option<&'a [Morpheme]>,
}

/// Writes the report as one JSON line.
pub fn write_json(out: &mut impl Write, report: &AnalyzeReport) -> io::Result<()> {
    serde_json::to_writer(&mut *out, report)?;
    writeln!(out)
}

/// Writes the report as an aligned table.
pub fn write_table(out: &mut impl Write, report: &AnalyzeReport) -> io::Result<()> {
    if let Some(tokens) = report.tokens {
        writeln!(
            out,
            "{:<4} {:<16} {:<10} {:<9} {:>5}..{:<5}",
            "pos", "token", "tag", "role", "start", "end"
        )?;
        for t in tokens {
            let position = if t.position_length > 1 {
                format!("{}+{}", t.position, t.position_length)
            } else {
                t.position.to_string()
            };
            let role = format!("{:?}", t.role).to_lowercase();
            writeln!(
                out,
                "{position:<4} {:<16} {:<10} {role:<9} {:>5}..{:<5}",
                t.text, t.pos, t.byte_start, t.byte_end
            )?;
        }
    }
    if let Some(morphemes) = report.morphemes {
        writeln!(
            out,
            "{:<16} {:<10} {:<12} {:>5}..{:<5} expression",
            "surface", "tag", "type", "start", "end"
        )?;
        for m in morphemes {
            writeln!(
                out,
                "{:<16} {:<10} {:<12} {:>5}..{:<5} {}",
                m.surface,
                m.pos,
                m.kind.as_deref().unwrap_or("-"),
                m.byte_start,
                m.byte_end,
                m.expression.as_deref().unwrap_or("")
            )?;
        }
    }
    Ok(())
}
