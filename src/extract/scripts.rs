//! Articles held in a page's scripts rather than its markup: `__NEXT_DATA__` and other
//! `application/json` scripts, and JSON assigned in a script (`window.__INITIAL_STATE__ =
//! {…}`, `Fusion.globalContent={…}`). The JSON is searched for objects with a body: a text
//! field (`articleBody`, `body`, `content`, `html` …, plain or HTML) or a list of content
//! elements (`[{"type": "text", "content": "…"}, …]`); each one's headline, authors and
//! dates are read from it (or the objects around it). Which of them is the page's article
//! is for the page's other statements to tell ([`super::html`]).

use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset};
use scraper::{Html, Selector};
use serde_json::{Map, Value};

use super::container::selector;
use super::dates;
use super::scoring::text_or_markup_lines;

static SCRIPTS: LazyLock<Selector> = LazyLock::new(|| selector("script:not([src])"));

/// Fewest Hangul syllables (or `\u` escapes) in a script worth parsing.
const MIN_HANGUL: usize = 100;
/// Fewest Hangul syllables in a body.
const MIN_BODY_HANGUL: usize = 30;
/// Most JSON values tried per page (assignments in large scripts).
const MAX_ATTEMPTS: usize = 40;

/// An article found in a page's script data.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ScriptArticle {
    /// Headline.
    pub title: Option<String>,
    /// Body lines.
    pub lines: Vec<String>,
    /// Author values.
    pub authors: Vec<String>,
    /// First publication time.
    pub published: Option<DateTime<FixedOffset>>,
    /// Last update time.
    pub updated: Option<DateTime<FixedOffset>>,
}

/// The articles of the page's script data, longest body first (a page's data often holds
/// other articles too: related stories, a cache of recent ones).
pub(crate) fn articles(doc: &Html) -> Vec<ScriptArticle> {
    let mut found: Vec<(usize, ScriptArticle)> = Vec::new();
    let mut attempts = 0usize;
    for script in doc.select(&SCRIPTS) {
        let kind = script.value().attr("type").unwrap_or_default();
        if kind.contains("ld+json") || kind.starts_with("text/template") {
            continue;
        }
        let text: String = script.text().collect();
        if !worth_parsing(&text) {
            continue;
        }
        for value in json_values(&text, &mut attempts) {
            for article in articles_in(&value) {
                if !found.iter().any(|(_, a)| a.lines == article.1.lines) {
                    found.push(article);
                }
            }
        }
        if attempts >= MAX_ATTEMPTS {
            break;
        }
    }
    found.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    found.into_iter().map(|(_, article)| article).collect()
}

fn worth_parsing(text: &str) -> bool {
    let hangul = text
        .chars()
        .filter(|c| is_hangul(*c))
        .take(MIN_HANGUL)
        .count();
    hangul >= MIN_HANGUL || text.matches("\\u").nth(MIN_HANGUL).is_some()
}

fn is_hangul(c: char) -> bool {
    ('가'..='힣').contains(&c)
}

/// The JSON values of a script: the whole text when it is JSON, else each value assigned
/// with `=` (up to the page's attempt budget).
fn json_values(text: &str, attempts: &mut usize) -> Vec<Value> {
    let trimmed = text.trim();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        *attempts += 1;
        return first_value(trimmed).into_iter().collect();
    }
    let mut values = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find('=') {
        let at = from + found + 1;
        from = at;
        let rest = text[at..].trim_start();
        if !rest.starts_with('{') || *attempts >= MAX_ATTEMPTS {
            continue;
        }
        *attempts += 1;
        if let Some(value) = first_value(rest) {
            values.push(value);
        }
    }
    values
}

/// The JSON value at the start of `text` (what follows it, `;` and more code, is ignored).
fn first_value(text: &str) -> Option<Value> {
    serde_json::Deserializer::from_str(text)
        .into_iter::<Value>()
        .next()?
        .ok()
        .filter(|v| v.is_object() || v.is_array())
}

/// Every object of `value` with a body, as an article, with the body's Hangul count.
fn articles_in(value: &Value) -> Vec<(usize, ScriptArticle)> {
    let mut bodies: Vec<Found<'_>> = Vec::new();
    let mut path: Vec<&Map<String, Value>> = Vec::new();
    visit(value, &mut path, &mut bodies);
    bodies
        .into_iter()
        .map(|(score, objects, lines)| (score, article_of(&objects, lines)))
        .collect()
}

/// An article's fields from the object holding its body, or the objects around it
/// (outermost first in `objects`, the body's own object last).
fn article_of(objects: &[&Map<String, Value>], lines: Vec<String>) -> ScriptArticle {
    let lookup = |keys: &[&str]| objects.iter().rev().find_map(|o| string_at(o, keys));
    let title = lookup(&["headline", "title", "subject", "articleTitle", "headlines"]);
    let authors = objects
        .iter()
        .rev()
        .find_map(|o| {
            [
                "author",
                "authors",
                "byline",
                "writer",
                "reporter",
                "reporters",
                "credits",
            ]
            .iter()
            .find_map(|k| o.get(*k))
            .map(names_in)
            .filter(|n| !n.is_empty())
        })
        .unwrap_or_default();
    let time = |keys: &[&str]| lookup(keys).and_then(|t| dates::parse_datetime(&t));
    ScriptArticle {
        title,
        lines,
        authors,
        published: time(&[
            "first_publish_date",
            "firstPublishDate",
            "display_date",
            "displayDate",
            "datePublished",
            "publish_date",
            "publishDate",
            "published_at",
            "publishedAt",
            "pubDate",
            "created_date",
            "createdAt",
        ]),
        updated: time(&[
            "last_updated_date",
            "dateModified",
            "updated_at",
            "updatedAt",
            "modified",
        ]),
    }
}

/// A body found: its Hangul count, the objects from the root to the one holding it, its
/// lines.
type Found<'a> = (usize, Vec<&'a Map<String, Value>>, Vec<String>);

fn visit<'a>(value: &'a Value, path: &mut Vec<&'a Map<String, Value>>, found: &mut Vec<Found<'a>>) {
    match value {
        Value::Object(object) => {
            path.push(object);
            if let Some(lines) = body_of(object) {
                let score: usize = lines
                    .iter()
                    .map(|l| l.chars().filter(|c| is_hangul(*c)).count())
                    .sum();
                if score >= MIN_BODY_HANGUL {
                    found.push((score, path.clone(), lines));
                }
            }
            for child in object.values() {
                visit(child, path, found);
            }
            path.pop();
        }
        Value::Array(items) => {
            for item in items {
                visit(item, path, found);
            }
        }
        _ => {}
    }
}

/// Keys of body text fields (compared case-insensitively, `_` ignored).
const BODY_KEYS: [&str; 10] = [
    "articlebody",
    "body",
    "bodyhtml",
    "content",
    "contents",
    "contenthtml",
    "articlecontent",
    "newscontent",
    "html",
    "text",
];

/// Words in the key of a list of content elements (`content_elements`, `blocks`,
/// `paragraphs`).
const ELEMENT_LIST_WORDS: [&str; 5] = ["content", "body", "element", "paragraph", "block"];

/// Types of content elements that hold text.
const TEXT_TYPES: [&str; 6] = ["text", "paragraph", "p", "header", "heading", "quote"];

/// The body an object holds: its longest body text field, or the text of a list of content
/// elements.
fn body_of(object: &Map<String, Value>) -> Option<Vec<String>> {
    let mut found: Option<Vec<String>> = None;
    for (key, value) in object {
        let key: String = key
            .chars()
            .filter(|c| *c != '_')
            .collect::<String>()
            .to_lowercase();
        let lines = match value {
            Value::String(text) if BODY_KEYS.contains(&key.as_str()) && text.len() >= 200 => {
                text_lines(text)
            }
            Value::Array(items)
                if ELEMENT_LIST_WORDS.iter().any(|w| key.contains(w))
                    && items.iter().filter(|i| i.is_object()).count() >= 2 =>
            {
                element_texts(items)
            }
            _ => continue,
        };
        let longer = |a: &[String], b: &[String]| {
            a.iter().map(String::len).sum::<usize>() > b.iter().map(String::len).sum::<usize>()
        };
        if !lines.is_empty() && found.as_deref().is_none_or(|f| longer(&lines, f)) {
            found = Some(lines);
        }
    }
    found
}

/// The texts of content elements (`{"type": "text", "content": "…"}`), one line each; empty
/// unless most elements with a type are text elements or the list has text elements only.
fn element_texts(items: &[Value]) -> Vec<String> {
    let mut lines = Vec::new();
    for item in items.iter().filter_map(Value::as_object) {
        let kind = item.get("type").and_then(Value::as_str).unwrap_or("text");
        if !TEXT_TYPES.contains(&kind.to_lowercase().as_str()) {
            continue;
        }
        if let Some(text) = ["content", "text", "html"]
            .iter()
            .find_map(|k| item.get(*k).and_then(Value::as_str))
        {
            lines.extend(text_lines(text));
        }
    }
    lines
}

/// Lines of a text field, whitespace collapsed.
fn text_lines(text: &str) -> Vec<String> {
    text_or_markup_lines(text)
        .iter()
        .map(|l| super::boilerplate::collapse_spaces(l))
        .collect()
}

/// The first string of `object` at one of `keys` (a nested object's `basic`, `main` or
/// `name` counts, as in `"headlines": {"basic": "…"}`).
fn string_at(object: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|key| {
        let text = match object.get(*key)? {
            Value::String(text) => text.clone(),
            Value::Object(inner) => ["basic", "main", "name"]
                .iter()
                .find_map(|k| inner.get(*k).and_then(Value::as_str))?
                .to_string(),
            _ => return None,
        };
        let text = super::boilerplate::collapse_spaces(&text);
        (!text.is_empty()).then_some(text)
    })
}

/// Author names in an author value: strings, objects' `name` (or their `by` list, as in
/// `"credits": {"by": [{"name": "…"}]}`), lists of either.
fn names_in(value: &Value) -> Vec<String> {
    match value {
        Value::String(text) => vec![text.clone()],
        Value::Array(items) => items.iter().flat_map(names_in).collect(),
        Value::Object(object) => match object.get("name").and_then(Value::as_str) {
            Some(name) => vec![name.to_string()],
            None => ["by", "author", "authors"]
                .iter()
                .filter_map(|k| object.get(*k))
                .flat_map(names_in)
                .collect(),
        },
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraph(n: usize) -> String {
        format!(
            "{n}번째 문단이다. 광양시는 섬진강 둘레길 정비 사업을 마무리하고 시민에게 다시 개방했다고 밝혔다. 시 관계자는 누구나 편하게 걷는 길로 가꾸겠다고 말했다."
        )
    }

    #[test]
    fn next_data_body_and_fields() {
        let body = format!("<p>{}</p><p>{}</p>", paragraph(1), paragraph(2));
        let json = serde_json::json!({"props": {"pageProps": {"article": {
            "title": "섬진강 둘레길 새 단장", "body": body,
            "author": {"name": "홍길동 기자"}, "publishedAt": "2024-11-08T09:30:00+09:00"}}}});
        let html = format!(
            "<html><body><div id=root></div><script id=__NEXT_DATA__ type=application/json>{json}</script></body></html>"
        );
        let found = articles(&Html::parse_document(&html))
            .into_iter()
            .next()
            .expect("an article");
        assert_eq!(found.title.as_deref(), Some("섬진강 둘레길 새 단장"));
        assert_eq!(found.lines, [paragraph(1), paragraph(2)]);
        assert_eq!(found.authors, ["홍길동 기자"]);
        assert_eq!(
            found.published.map(|t| t.to_rfc3339()).as_deref(),
            Some("2024-11-08T09:30:00+09:00")
        );
    }

    #[test]
    fn assigned_state_with_content_elements() {
        let json = serde_json::json!({"headlines": {"basic": "둘레길 새 단장"},
            "credits": {"by": [{"name": "홍길동"}, {"name": "김철수"}]},
            "first_publish_date": "2024-11-08T00:30:00Z", "created_date": "2024-11-08T00:10:00Z",
            "content_elements": [
                {"type": "text", "content": paragraph(1)},
                {"type": "image", "caption": "사진 설명이다."},
                {"type": "text", "content": paragraph(2)}]});
        let html = format!(
            "<html><body><script>var x = 1; window.__INITIAL_STATE__ = {json};\nrender();</script></body></html>"
        );
        let found = articles(&Html::parse_document(&html))
            .into_iter()
            .next()
            .expect("an article");
        assert_eq!(found.title.as_deref(), Some("둘레길 새 단장"));
        assert_eq!(found.lines, [paragraph(1), paragraph(2)]);
        assert_eq!(found.authors, ["홍길동", "김철수"]);
        assert_eq!(
            found.published.map(|t| t.to_rfc3339()).as_deref(),
            Some("2024-11-08T00:30:00+00:00")
        );
    }

    #[test]
    fn scripts_without_an_article_give_nothing() {
        let html = "<html><body><script>var a = {\"x\": 1};</script></body></html>";
        assert!(articles(&Html::parse_document(html)).is_empty());
    }
}
