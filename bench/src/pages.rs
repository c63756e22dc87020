//! `dongne bench pages`: page extraction against a directory of saved pages with a
//! `gold.jsonl` (by default `../shared/pages`), scored as that directory's README says: title
//! equal after collapsing whitespace; published (`YYYY-MM-DDTHH:MM` as the JSON output gives
//! it) starting with the gold; every gold reporter inside some extracted reporter with at
//! most one extra; the gold press inside the extracted press; the whitespace-token F1 of the
//! body, 0 when the body holds a string of another box of the page.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use dongne::extract::{self, ExtractOptions};

/// Options of `dongne bench pages`.
#[derive(Debug, Clone, clap::Args)]
pub struct PagesBenchOptions {
    /// Directory of pages with `gold.jsonl` [default: ../shared/pages].
    #[arg(long)]
    pub pages: Option<PathBuf>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Errors of the pages benchmark.
#[derive(Debug, thiserror::Error)]
pub enum PagesBenchError {
    /// `gold.jsonl` could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// A line of `gold.jsonl` is not a gold record.
    #[error("{path}, line {line}: {message}")]
    Gold {
        /// The file.
        path: PathBuf,
        /// Line number (1-based).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The report could not be written as JSON.
    #[error("report: {0}")]
    Report(String),
}

/// One page's expected extraction.
#[derive(Debug, Clone, Deserialize)]
pub struct Gold {
    /// File name inside the pages directory.
    pub file: String,
    /// Headline.
    #[serde(default)]
    pub title: String,
    /// `YYYY-MM-DD HH:MM` (KST) or `YYYY-MM-DD`.
    #[serde(default)]
    pub published: String,
    /// Reporter names (empty for press releases).
    #[serde(default)]
    pub reporters: Vec<String>,
    /// Publisher.
    #[serde(default)]
    pub press: String,
    /// Paragraphs joined by newlines.
    #[serde(default)]
    pub body: String,
    /// Strings of other boxes of the page.
    #[serde(default)]
    pub must_not_contain: Vec<String>,
}

/// The fields scored, in report order.
pub const FIELDS: [&str; 4] = ["title", "published", "reporters", "press"];

/// The score of one page.
#[derive(Debug, Clone, Serialize)]
pub struct PageScore {
    /// File name.
    pub file: String,
    /// Fields scored (gold not empty) and whether each is right.
    pub fields: Vec<(String, bool)>,
    /// Body token F1 (0 when a box string is in the body).
    pub body_f1: f64,
    /// Whether the body holds a string of another box.
    pub box_in_body: bool,
    /// Why nothing was extracted, if nothing was.
    pub skipped: Option<String>,
}

/// Scores over a pages directory.
#[derive(Debug, Clone, Serialize)]
pub struct PagesReport {
    /// The directory.
    pub pages: String,
    /// Per-page scores, in gold order.
    pub scores: Vec<PageScore>,
    /// Accuracy per field (over the pages whose gold has it).
    pub accuracy: Vec<(String, f64)>,
    /// Mean body F1.
    pub mean_body_f1: f64,
}

/// Runs `dongne bench pages` and prints its report.
pub fn run(options: &PagesBenchOptions) -> Result<(), PagesBenchError> {
    let dir = options
        .pages
        .clone()
        .unwrap_or_else(|| super::shared_dir().join("pages"));
    if !dir.join("gold.jsonl").is_file() {
        println!(
            "bench pages: {} not found (the shared pages sit beside the project as \
             ../shared/pages); nothing to measure",
            dir.join("gold.jsonl").display()
        );
        return Ok(());
    }
    let report = measure(&dir)?;
    if options.json {
        let json = serde_json::to_string_pretty(&report)
            .map_err(|e| PagesBenchError::Report(e.to_string()))?;
        println!("{json}");
    } else {
        print!("{report}");
    }
    Ok(())
}

/// Reads `dir/gold.jsonl`.
pub fn read_gold(dir: &Path) -> Result<Vec<Gold>, PagesBenchError> {
    let path = dir.join("gold.jsonl");
    let text = std::fs::read_to_string(&path).map_err(|source| PagesBenchError::Io {
        path: path.clone(),
        source,
    })?;
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| {
            serde_json::from_str(line).map_err(|err| PagesBenchError::Gold {
                path: path.clone(),
                line: index + 1,
                message: err.to_string(),
            })
        })
        .collect()
}

/// Extracts and scores every page of `dir`.
pub fn measure(dir: &Path) -> Result<PagesReport, PagesBenchError> {
    let golds = read_gold(dir)?;
    let scores: Vec<PageScore> = golds.iter().map(|gold| score_page(dir, gold)).collect();
    let mut asked: HashMap<&str, usize> = HashMap::new();
    let mut right: HashMap<&str, usize> = HashMap::new();
    for score in &scores {
        for (field, ok) in &score.fields {
            let key = FIELDS.iter().find(|f| **f == field).copied().unwrap_or("");
            *asked.entry(key).or_default() += 1;
            *right.entry(key).or_default() += usize::from(*ok);
        }
    }
    let accuracy = FIELDS
        .iter()
        .filter(|f| asked.contains_key(*f))
        .map(|f| {
            let n = asked.get(f).copied().unwrap_or(0).max(1);
            (
                f.to_string(),
                right.get(f).copied().unwrap_or(0) as f64 / n as f64,
            )
        })
        .collect();
    let mean_body_f1 = scores.iter().map(|s| s.body_f1).sum::<f64>() / scores.len().max(1) as f64;
    Ok(PagesReport {
        pages: dir.display().to_string(),
        scores,
        accuracy,
        mean_body_f1,
    })
}

/// The article of one page as `dongne extract --json` writes it, or why there is none.
fn extracted_json(path: &Path) -> Result<Value, String> {
    let first = extract::extract_paths(&[path.to_path_buf()], &ExtractOptions::default())
        .next()
        .ok_or_else(|| "nothing read".to_string())?;
    let article = first.map_err(|skipped| skipped.reason.to_string())?;
    serde_json::to_value(&article).map_err(|err| err.to_string())
}

fn score_page(dir: &Path, gold: &Gold) -> PageScore {
    let (article, skipped) = match extracted_json(&dir.join(&gold.file)) {
        Ok(article) => (article, None),
        Err(reason) => (Value::Null, Some(reason)),
    };
    let text = |key: &str| article.get(key).and_then(Value::as_str).unwrap_or_default();
    let reporters: Vec<&str> = article
        .get("reporters")
        .and_then(Value::as_array)
        .map(|names| names.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let published: String = text("published")
        .replace(' ', "T")
        .chars()
        .take(16)
        .collect();
    let gold_published = gold.published.replace(' ', "T");
    let checks = [
        (
            "title",
            !gold.title.is_empty(),
            words(text("title")) == words(&gold.title),
        ),
        (
            "published",
            !gold.published.is_empty(),
            published.starts_with(&gold_published),
        ),
        (
            "reporters",
            true,
            gold.reporters
                .iter()
                .all(|name| reporters.iter().any(|r| r.contains(name.as_str())))
                && reporters.len() <= gold.reporters.len() + 1,
        ),
        (
            "press",
            !gold.press.is_empty(),
            text("press").contains(&gold.press),
        ),
    ];
    let body = text("body");
    let box_in_body = gold
        .must_not_contain
        .iter()
        .any(|s| body.contains(s.as_str()));
    PageScore {
        file: gold.file.clone(),
        fields: checks
            .into_iter()
            .filter(|(_, asked, _)| *asked)
            .map(|(field, _, ok)| (field.to_string(), ok))
            .collect(),
        body_f1: if box_in_body {
            0.0
        } else {
            token_f1(body, &gold.body)
        },
        box_in_body,
        skipped,
    }
}

/// Whitespace-separated words joined by single spaces.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// F1 of the whitespace-separated token multisets of `found` and `gold`.
pub fn token_f1(found: &str, gold: &str) -> f64 {
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for token in found.split_whitespace() {
        counts.entry(token).or_default().0 += 1;
    }
    for token in gold.split_whitespace() {
        counts.entry(token).or_default().1 += 1;
    }
    let overlap: usize = counts.values().map(|(a, b)| (*a).min(*b)).sum();
    let found_total: usize = counts.values().map(|(a, _)| a).sum();
    let gold_total: usize = counts.values().map(|(_, b)| b).sum();
    if overlap == 0 {
        return 0.0;
    }
    let precision = overlap as f64 / found_total as f64;
    let recall = overlap as f64 / gold_total as f64;
    2.0 * precision * recall / (precision + recall)
}

impl std::fmt::Display for PagesReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for score in &self.scores {
            let wrong: Vec<&str> = score
                .fields
                .iter()
                .filter(|(_, ok)| !ok)
                .map(|(field, _)| field.as_str())
                .chain(score.box_in_body.then_some("box in body"))
                .collect();
            if !wrong.is_empty() || score.body_f1 < 0.95 {
                write!(f, "{}: ", score.file)?;
                if let Some(reason) = &score.skipped {
                    write!(f, "skipped ({reason}); ")?;
                }
                if !wrong.is_empty() {
                    write!(f, "{}; ", wrong.join(", "))?;
                }
                writeln!(f, "body F1 {:.2}", score.body_f1)?;
            }
        }
        let fields: Vec<String> = self
            .accuracy
            .iter()
            .map(|(field, share)| format!("{field} {share:.2}"))
            .collect();
        writeln!(
            f,
            "pages: {}, body F1 {:.2} (n={}, {})",
            fields.join(", "),
            self.mean_body_f1,
            self.scores.len(),
            self.pages
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_f1_counts_repeated_tokens() {
        assert!((token_f1("가 나 다", "가 나 다") - 1.0).abs() < 1e-9);
        assert_eq!(token_f1("", "가"), 0.0);
        // Two of three found tokens are right, two of two gold tokens found.
        assert!((token_f1("가 가 나", "가 나") - 0.8).abs() < 1e-9);
    }
}
