//! From raw documents to clean articles: each [`RawDocument`] read by [`crate::dump`] is
//! turned into an [`Article`], or skipped with a reason.
//!
//! Data flow: a page is decoded ([`crate::dump::charset`]) and read as HTML ([`html`]:
//! structured data and script-held bodies first, else the body the content scorer finds)
//! or as a plain-text save ([`text`]); a field record (JSON Lines, CSV, xlsx, NewsML item)
//! is mapped by [`fields`]. Each gives a draft whose body lines are cleaned by
//! [`boilerplate`]; then reporters and e-mails ([`byline`], all names normalised by
//! [`reporters`]), times ([`dates`]), the dateline place ([`dateline`]) and the publisher
//! ([`press`]) are filled in.
//!
//! For ingest, [`extract_file`] handles one file (so files can be spread over threads) and
//! [`extract_paths`] iterates over everything below some paths.

pub mod boilerplate;
pub mod byline;
pub mod container;
pub mod dateline;
pub mod dates;
pub mod fields;
pub mod html;
pub mod press;
pub mod report;
pub mod reporters;
mod scoring;
mod scripts;
mod structured;
pub mod text;
mod title;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::article::{Article, Entities, Source};
use crate::dump::{self, Content, RawDocument, SkipReason, SkippedRecord, charset};

pub use fields::{Field, FieldOverride, FieldOverrideError};

/// How to extract.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExtractOptions {
    /// Columns to read article fields from in JSON Lines / CSV / xlsx dumps, instead of
    /// the recognised names.
    pub fields: Vec<FieldOverride>,
}

/// The result for one document: an article, or why there is none.
pub type Extracted = Result<Article, SkippedRecord>;

/// What a page or record says about its article, before cleaning.
#[derive(Debug, Clone, Default)]
pub(crate) struct Draft {
    title: String,
    subtitle: Option<String>,
    lines: Vec<String>,
    /// Reporters and desks from structured values (metadata, a dump's reporter field).
    credits: reporters::Credits,
    emails: Vec<String>,
    press: Option<String>,
    /// Times stated by structured data or a dump's fields.
    dates: dates::LabelledDates,
    url: Option<String>,
    section: Option<String>,
    issuer: Option<String>,
    dateline: Option<String>,
    categories: Vec<String>,
    page: Option<String>,
    edition: Option<String>,
    entities: Entities,
    truncated: bool,
    excluded: Option<String>,
    /// Texts around the body (byline and date blocks of a page head, its tail).
    head_info: Vec<String>,
}

/// How many leading body lines may carry the dateline (a subtitle can come first).
const DATELINE_LINES: usize = 3;
/// How far from the end of the body a byline signed with an e-mail is looked for.
const SIGNED_TAIL_BYTES: usize = 400;
/// Characters of the first body line used as the title when there is no headline.
const TITLE_FROM_BODY_CHARS: usize = 100;
/// Longest title kept, in characters; a longer one is a mistaken extraction (a whole
/// paragraph in `<title>`), cut at a space with `…`.
pub const MAX_TITLE_CHARS: usize = 300;
/// How far into the body a lead byline (`(서울=뉴스1) 홍길동 기자 =`) may start.
const LEAD_BYLINE_BYTES: usize = 120;

/// Turns one raw document into an article.
pub fn extract_document(document: RawDocument, options: &ExtractOptions) -> Extracted {
    let RawDocument { source, content } = document;
    let (draft, page_url) = match content {
        Content::Page(page) => {
            let text = charset::decode(&page.bytes, page.charset.as_deref());
            let draft = if !looks_like_html(&text) {
                text::draft_from_text(&text)
            } else if html::nesting_estimate(&text) > html::MAX_NESTING {
                let reason = format!("HTML nested deeper than {} elements", html::MAX_NESTING);
                return Err(SkippedRecord {
                    source,
                    reason: SkipReason::Malformed(reason),
                });
            } else {
                html::draft_from_html(&text)
            };
            (draft, page.url)
        }
        Content::Fields(record) => (fields::draft_from_fields(&record, &options.fields), None),
    };
    finish(draft, page_url, &source).map_err(|reason| SkippedRecord { source, reason })
}

/// Extracts every article of one file, in order, passing each result to `sink`.
pub fn extract_file(path: &Path, options: &ExtractOptions, sink: &mut dyn FnMut(Extracted)) {
    dump::read_file(path, &mut |document| {
        sink(document.and_then(|document| extract_document(document, options)));
    });
}

/// Extracts every article of every file at or below `paths`, file by file (one file's
/// results are collected before they are yielded; to stream a huge dump, or to spread files
/// over threads, list them with [`dump::find_files`] and call [`extract_file`] on each).
pub fn extract_paths(
    paths: &[PathBuf],
    options: &ExtractOptions,
) -> impl Iterator<Item = Extracted> {
    let options = options.clone();
    dump::find_files(paths).into_iter().flat_map(move |file| {
        let mut results = Vec::new();
        match file {
            Ok(path) => extract_file(&path, &options, &mut |result| results.push(result)),
            Err(skipped) => results.push(Err(skipped)),
        }
        results
    })
}

/// Whether decoded page text is HTML rather than a plain-text save.
fn looks_like_html(text: &str) -> bool {
    let head: String = text.chars().take(4096).collect::<String>().to_lowercase();
    [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<meta",
        "<div",
        "<p>",
        "<p ",
        "<article",
        "<title",
    ]
    .iter()
    .any(|tag| head.contains(tag))
}

/// Cleans the draft's body and fills in what the body and page head tell.
fn finish(
    mut draft: Draft,
    page_url: Option<String>,
    source: &Source,
) -> Result<Article, SkipReason> {
    let cleaned = boilerplate::clean(std::mem::take(&mut draft.lines));
    if cleaned.lines.is_empty() {
        return Err(SkipReason::NoArticle("no body text".into()));
    }
    let lead = cleaned
        .lines
        .first()
        .map(String::as_str)
        .unwrap_or_default();
    let lead_head = lead
        .get(..floor_char_boundary(lead, LEAD_BYLINE_BYTES))
        .unwrap_or_default();
    let meta_text: Vec<&str> = draft
        .head_info
        .iter()
        .chain(&cleaned.meta)
        .map(String::as_str)
        .chain([lead_head])
        .collect();
    let body_meta: Vec<&str> = cleaned
        .meta
        .iter()
        .map(String::as_str)
        .chain([lead_head])
        .collect();
    let mut credits = draft.credits;
    // Signature lines in and right after the body credit the article's reporters, beside
    // what metadata says (a report of several articles signs each part).
    credits.add_names(
        body_meta
            .iter()
            .flat_map(|t| byline::find_line_bylines(t))
            .flat_map(|b| b.names)
            .chain(
                cleaned
                    .lines
                    .iter()
                    .flat_map(|l| byline::find_broadcast_names(l)),
            ),
    );
    let head_bylines: Vec<byline::Byline> = draft
        .head_info
        .iter()
        .flat_map(|t| byline::find_line_bylines(t))
        .collect();
    if credits.names.is_empty() {
        credits.add_names(head_bylines.iter().flat_map(|b| b.names.iter().cloned()));
    }
    if credits.names.is_empty() {
        let last = cleaned.lines.last().map(String::as_str).unwrap_or_default();
        let from = floor_char_boundary(last, last.len().saturating_sub(SIGNED_TAIL_BYTES));
        credits.add_names(byline::find_signed_names(
            last.get(from..).unwrap_or_default(),
        ));
    }
    let mut emails = draft.emails;
    emails.extend(meta_text.iter().flat_map(|t| byline::find_emails(t)));

    let visible = meta_text
        .iter()
        .fold(dates::LabelledDates::default(), |found, t| {
            found.or(dates::find_labelled(t))
        });
    let mut stated = dates::LabelledDates {
        published: dates::prefer_shown(draft.dates.published, visible.published),
        updated: draft.dates.updated.or(visible.updated),
    };
    if stated.published.is_none() {
        stated.published = draft.head_info.iter().find_map(|t| dates::find_any(t));
    }

    let url = draft.url.or(page_url);
    let press = draft
        .press
        .or_else(|| cleaned.copyright.as_deref().and_then(press::from_copyright))
        .or_else(|| {
            let notices = draft
                .head_info
                .iter()
                .filter(|t| boilerplate::is_copyright(t));
            notices.filter_map(|t| press::from_copyright(t)).next()
        })
        .or_else(|| url.as_deref().and_then(press::from_url));
    let dateline = draft.dateline.or_else(|| {
        cleaned
            .lines
            .iter()
            .take(DATELINE_LINES)
            .find_map(|line| dateline::from_lead(line))
            .or_else(|| {
                body_meta
                    .iter()
                    .flat_map(|t| byline::find_line_bylines(t))
                    .chain(head_bylines)
                    .find_map(|b| b.place)
            })
    });
    // The dateline and a lead byline (`(춘천=연합뉴스) 홍길동 기자 =`) are fields, not text.
    let body = cleaned
        .lines
        .iter()
        .enumerate()
        .map(|(i, line)| match i {
            0 => dateline::strip_lead_in(line, press.as_deref()),
            _ => line.as_str(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let title = match boilerplate::collapse_spaces(&draft.title) {
        title if title.is_empty() => lead.chars().take(TITLE_FROM_BODY_CHARS).collect(),
        title => title,
    };
    let title = cut_title(title.trim());
    Ok(Article {
        title,
        subtitle: draft.subtitle,
        body,
        reporters: credits.names,
        desks: credits.desks,
        emails: dedup(emails),
        press,
        published: stated
            .published
            .map(|t| t.with_timezone(&crate::article::kst())),
        updated: stated
            .updated
            .map(|t| t.with_timezone(&crate::article::kst())),
        // Without a URL, the file and record name the article (records of one dump apart).
        url: url.or_else(|| Some(source.to_string())),
        dateline,
        section: draft.section,
        issuer: draft.issuer,
        categories: draft.categories,
        page: draft.page,
        edition: draft.edition,
        entities: draft.entities,
        truncated: draft.truncated,
        excluded: draft.excluded,
        regions: None,
        source: source.clone(),
    })
}

/// `title` cut to [`MAX_TITLE_CHARS`] characters (at the last space, if any, then `…`).
fn cut_title(title: &str) -> String {
    let Some((end, _)) = title.char_indices().nth(MAX_TITLE_CHARS) else {
        return title.to_string();
    };
    let head = title.get(..end).unwrap_or(title);
    let head = head.rsplit_once(' ').map_or(head, |(before, _)| before);
    format!("{}…", head.trim_end())
}

/// The largest char boundary of `text` at or before `at`.
fn floor_char_boundary(text: &str, at: usize) -> usize {
    (0..=at.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

/// `items` without empty and repeated values, first mention first.
pub(crate) fn dedup(items: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut kept = Vec::new();
    push_new(&mut kept, items);
    kept
}

/// Adds to `list` the non-empty `items` it does not hold yet, in order.
pub(crate) fn push_new(list: &mut Vec<String>, items: impl IntoIterator<Item = String>) {
    for item in items {
        if !item.is_empty() && !list.contains(&item) {
            list.push(item);
        }
    }
}

/// Counts of outcomes over a run: articles, and skips by reason.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Articles extracted.
    pub articles: u64,
    /// Skipped files and records, by [`SkipReason::kind`].
    pub skipped: BTreeMap<&'static str, u64>,
}

impl Summary {
    /// Counts one result.
    pub fn add(&mut self, result: &Extracted) {
        match result {
            Ok(_) => self.articles = self.articles.saturating_add(1),
            Err(skipped) => {
                let count = self.skipped.entry(skipped.reason.kind()).or_default();
                *count = count.saturating_add(1);
            }
        }
    }

    /// Total skipped.
    pub fn skipped_total(&self) -> u64 {
        self.skipped
            .values()
            .fold(0, |sum, n| sum.saturating_add(*n))
    }
}
