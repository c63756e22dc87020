//! `dongne extract --report`: how well a dump extracts, as a check of a new source before
//! ingesting it. Per-field coverage (title, published, reporters, press), body lengths,
//! what dumps mark (truncated, excluded, desks only), and the most frequent reasons records
//! were skipped.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Extracted;

/// Bodies shorter than this many characters are counted as short (a teaser, a caption, a
/// body the extractor cut).
pub const SHORT_BODY_CHARS: usize = 200;
/// How many skip reasons the report lists.
pub const TOP_REASONS: usize = 10;

/// Coverage counts over a run of extraction results.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    /// Articles extracted.
    pub articles: u64,
    /// Articles with a title.
    pub title: u64,
    /// Articles with a publication time.
    pub published: u64,
    /// Articles with at least one reporter.
    pub reporters: u64,
    /// Articles crediting desks or teams and no reporter.
    pub desks_only: u64,
    /// Articles with a press.
    pub press: u64,
    /// Articles whose body is shorter than [`SHORT_BODY_CHARS`].
    pub short_body: u64,
    /// Articles the source marks as cut short.
    pub truncated: u64,
    /// Articles the source excludes from analysis (kept).
    pub excluded: u64,
    /// Body lengths in characters, for the percentiles.
    #[serde(skip)]
    body_chars: Vec<usize>,
    /// Skipped files and records.
    pub skipped: u64,
    /// Skips by reason (the reason's message).
    pub reasons: BTreeMap<String, u64>,
}

impl Report {
    /// Counts one result.
    pub fn add(&mut self, result: &Extracted) {
        let article = match result {
            Ok(article) => article,
            Err(skipped) => {
                self.skipped += 1;
                *self.reasons.entry(skipped.reason.to_string()).or_default() += 1;
                return;
            }
        };
        self.articles += 1;
        let count = |yes: bool| u64::from(yes);
        self.title += count(!article.title.is_empty());
        self.published += count(article.published.is_some());
        self.reporters += count(!article.reporters.is_empty());
        self.desks_only += count(article.reporters.is_empty() && !article.desks.is_empty());
        self.press += count(article.press.is_some());
        let chars = article.body.chars().count();
        self.short_body += count(chars < SHORT_BODY_CHARS);
        self.truncated += count(article.truncated);
        self.excluded += count(article.excluded.is_some());
        self.body_chars.push(chars);
    }

    /// The body length (characters) below which `share` of the bodies fall.
    pub fn body_percentile(&self, share: f64) -> Option<usize> {
        let mut sorted = self.body_chars.clone();
        sorted.sort_unstable();
        let last = sorted.len().checked_sub(1)?;
        let at = ((last as f64) * share.clamp(0.0, 1.0)).round() as usize;
        sorted.get(at).copied()
    }

    /// The report as JSON: the counts, body length percentiles and the top skip reasons.
    pub fn to_json(&self) -> serde_json::Value {
        let mut json = serde_json::to_value(self).unwrap_or_default();
        if let Some(object) = json.as_object_mut() {
            object.insert(
                "body_chars".into(),
                serde_json::json!({
                    "p10": self.body_percentile(0.1),
                    "median": self.body_percentile(0.5),
                    "p90": self.body_percentile(0.9),
                }),
            );
            object.insert(
                "top_reasons".into(),
                serde_json::to_value(self.top_reasons()).unwrap_or_default(),
            );
        }
        json
    }

    /// The most frequent skip reasons, most frequent first.
    pub fn top_reasons(&self) -> Vec<(&str, u64)> {
        let mut reasons: Vec<(&str, u64)> = self
            .reasons
            .iter()
            .map(|(reason, n)| (reason.as_str(), *n))
            .collect();
        reasons.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        reasons.truncate(TOP_REASONS);
        reasons
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, Source};
    use crate::dump::{SkipReason, SkippedRecord};

    #[test]
    fn counts_fields_lengths_and_reasons() {
        let mut report = Report::default();
        let article = Article {
            title: "제목".into(),
            body: "가".repeat(300),
            reporters: vec!["홍길동".into()],
            ..Article::default()
        };
        report.add(&Ok(article));
        report.add(&Ok(Article {
            body: "짧다".into(),
            desks: vec!["사회부".into()],
            truncated: true,
            ..Article::default()
        }));
        let skip = |reason: SkipReason| {
            Err(SkippedRecord {
                source: Source::default(),
                reason,
            })
        };
        report.add(&skip(SkipReason::NoArticle("no body text".into())));
        report.add(&skip(SkipReason::NoArticle("no body text".into())));
        report.add(&skip(SkipReason::Malformed("CSV: bad".into())));
        assert_eq!((report.articles, report.title, report.reporters), (2, 1, 1));
        assert_eq!(
            (report.desks_only, report.short_body, report.truncated),
            (1, 1, 1)
        );
        assert_eq!(report.body_percentile(0.9), Some(300));
        assert_eq!(
            report.top_reasons(),
            [("no article: no body text", 2), ("malformed: CSV: bad", 1)]
        );
        let mut text = Vec::new();
        crate::output::extract::write_report(&mut text, &report).unwrap();
        let text = String::from_utf8(text).unwrap();
        assert!(text.contains("reporters           1 / 2 (50.0%)"), "{text}");
    }
}
