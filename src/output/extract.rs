//! `dongne extract`: articles described for people, the summary of a run, and the report of
//! a dump's coverage.

use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::article::Article;
use crate::extract::Summary;
use crate::extract::report::{Report, SHORT_BODY_CHARS};

/// A short readable description of an article: title, then date · press · reporters, the
/// URL and the first line of the body.
pub fn describe(article: &Article) -> String {
    let mut facts = Vec::new();
    if let Some(published) = article.published {
        facts.push(published.format("%Y-%m-%d %H:%M %:z").to_string());
    }
    facts.extend(article.press.clone());
    if !article.reporters.is_empty() {
        facts.push(article.reporters.join("·"));
    }
    let first_line: String = article
        .body
        .lines()
        .next()
        .unwrap_or_default()
        .chars()
        .take(120)
        .collect();
    format!(
        "{}\n  {}\n  {}\n  {}\n  [{}]",
        article.title,
        facts.join(" · "),
        article.url.as_deref().unwrap_or_default(),
        first_line,
        article.source
    )
}

/// ` (2 malformed, 1 unreadable)` from skip counts by reason; empty when nothing was skipped.
pub fn skip_breakdown<K: std::fmt::Display>(skipped: &BTreeMap<K, u64>) -> String {
    if skipped.is_empty() {
        return String::new();
    }
    let kinds: Vec<String> = skipped
        .iter()
        .map(|(kind, n)| format!("{n} {kind}"))
        .collect();
    format!(" ({})", kinds.join(", "))
}

/// `8 articles, 2 skipped (1 malformed, 1 unreadable)`.
pub fn summary_line(summary: &Summary) -> String {
    format!(
        "{} articles, {} skipped{}",
        summary.articles,
        summary.skipped_total(),
        skip_breakdown(&summary.skipped)
    )
}

/// The coverage of each field, body lengths and the most frequent skip reasons.
pub fn write_report(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let total = report.articles.max(1) as f64;
    let articles = report.articles;
    let line = |out: &mut dyn Write, name: &str, n: u64| {
        writeln!(
            out,
            "  {name:<12} {n:>8} / {articles} ({:.1}%)",
            100.0 * n as f64 / total
        )
    };
    writeln!(
        out,
        "{} articles, {} skipped",
        report.articles, report.skipped
    )?;
    writeln!(out, "coverage:")?;
    line(out, "title", report.title)?;
    line(out, "published", report.published)?;
    line(out, "reporters", report.reporters)?;
    line(out, "press", report.press)?;
    if report.desks_only > 0 {
        line(out, "desks only", report.desks_only)?;
    }
    let percentile = |share| report.body_percentile(share).unwrap_or(0);
    writeln!(
        out,
        "body length (characters): median {}, 10% below {}, 90% below {}",
        percentile(0.5),
        percentile(0.1),
        percentile(0.9)
    )?;
    line(
        out,
        &format!("< {SHORT_BODY_CHARS} chars"),
        report.short_body,
    )?;
    if report.truncated > 0 {
        line(out, "truncated", report.truncated)?;
    }
    if report.excluded > 0 {
        line(out, "excluded", report.excluded)?;
    }
    if !report.reasons.is_empty() {
        writeln!(out, "most frequent skip reasons:")?;
        for (reason, n) in report.top_reasons() {
            writeln!(out, "  {n:>8}  {reason}")?;
        }
    }
    Ok(())
}
