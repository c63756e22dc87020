//! HTML pages: metadata (`og:*`, `article:*`, `author`, canonical link, JSON-LD
//! `NewsArticle`), the headline, the body container and the byline/date block of the page
//! head.

use std::sync::LazyLock;

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use super::container::{body_lines, in_box, selector};
use super::{Draft, byline, dates};

static META: LazyLock<Selector> = LazyLock::new(|| selector("meta"));
static CANONICAL: LazyLock<Selector> = LazyLock::new(|| selector("link[rel=canonical]"));
static JSON_LD: LazyLock<Selector> =
    LazyLock::new(|| selector("script[type='application/ld+json']"));
static TITLE: LazyLock<Selector> = LazyLock::new(|| selector("title"));
/// Headline elements, most specific first.
static HEADLINES: LazyLock<Vec<Selector>> = LazyLock::new(|| {
    [
        "[itemprop=headline]",
        ".article-head-title",
        "#title_area",
        ".media_end_head_headline",
        ".view_title",
        ".bbs_view_tit",
        ".board_view_tit",
        "h1.tit",
        "h3.tit",
        ".heading",
        ".subject",
        "article h1",
        "h1",
    ]
    .into_iter()
    .map(selector)
    .collect()
});
static ITEMPROP_TIME: LazyLock<Selector> =
    LazyLock::new(|| selector("[itemprop=datePublished], [itemprop=dateModified], time[datetime]"));
static HEAD_INFO: LazyLock<Selector> = LazyLock::new(|| {
    selector(
        "[class*=byline], [id*=byline], [class*=info], [class*=date], [class*=writer], [class*=reporter], \
         [class*=journalist], [class*=author], [itemprop=author], .article-head, .article_head, .view_top, \
         [class*=datestamp], dl.bbs_view, .board_view_head, .view_info, [class*=copy]",
    )
});

/// Longest head-info text looked at (longer ones are whole page sections, not bylines).
const HEAD_INFO_CHARS: usize = 300;
/// How many head-info elements are looked at.
const HEAD_INFO_ELEMENTS: usize = 40;

/// Deepest element nesting accepted; the HTML parser slows down quadratically beyond.
pub(crate) const MAX_NESTING: usize = 5000;

/// Elements that never or not necessarily have an end tag.
const UNCLOSED_TAGS: [&str; 20] = [
    "br", "img", "meta", "input", "link", "hr", "wbr", "source", "area", "col", "embed", "param",
    "track", "p", "li", "td", "tr", "option", "dt", "dd",
];

/// An upper estimate of how deeply elements nest: the most start tags ever open
/// (end tags subtracted, void and optionally closed elements not counted).
pub(crate) fn nesting_estimate(html: &str) -> usize {
    let mut depth = 0usize;
    let mut deepest = 0usize;
    for tag in html.split('<').skip(1) {
        let (closing, tag) = match tag.strip_prefix('/') {
            Some(rest) => (true, rest),
            None => (false, tag),
        };
        let name: String = tag
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() || UNCLOSED_TAGS.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if !tag.split('>').next().unwrap_or_default().ends_with('/') {
            depth = depth.saturating_add(1);
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// What a page's HTML says about its article.
pub(crate) fn draft_from_html(html: &str) -> Draft {
    let doc = Html::parse_document(html);
    let metas = metas(&doc);
    let meta = |keys: &[&str]| {
        keys.iter().find_map(|key| {
            metas
                .iter()
                .find(|(k, v)| k == key && !v.is_empty())
                .map(|(_, v)| v.clone())
        })
    };
    let ld = json_ld_article(&doc);
    let ld_text = |key: &str| {
        ld.as_ref()
            .map(|o| value_text(o.get(key)))
            .filter(|t| !t.is_empty())
    };
    let site_name = meta(&["og:site_name"]).or_else(|| {
        ld.as_ref()
            .map(|o| value_text(o.get("publisher")))
            .filter(|t| !t.is_empty())
    });

    let title = ld_text("headline")
        .or_else(|| meta(&["og:title", "twitter:title", "title"]))
        .or_else(|| {
            HEADLINES
                .iter()
                .flat_map(|s| doc.select(s))
                .map(element_text)
                .find(|t| !t.is_empty())
        })
        .or_else(|| doc.select(&TITLE).map(element_text).next())
        .map(|t| strip_site_suffix(&t, site_name.as_deref()))
        .unwrap_or_default();

    let mut reporters: Vec<String> = ld
        .as_ref()
        .map(|o| authors(o.get("author")))
        .unwrap_or_default();
    if reporters.is_empty() {
        reporters = meta(&[
            "author",
            "article:author",
            "dable:author",
            "byl",
            "dc.creator",
        ])
        .map(|a| byline::names_from_author(&a))
        .unwrap_or_default();
    }

    let time = |ld_key: &str, meta_keys: &[&str], itemprop: &str| {
        ld_text(ld_key)
            .or_else(|| meta(meta_keys))
            .or_else(|| {
                doc.select(&ITEMPROP_TIME)
                    .filter(|e| e.value().attr("itemprop").is_none_or(|p| p == itemprop))
                    .find_map(|e| {
                        e.value()
                            .attr("content")
                            .or_else(|| e.value().attr("datetime"))
                            .map(str::to_string)
                    })
            })
            .and_then(|t| dates::parse_datetime(&t))
    };
    let stated = dates::LabelledDates {
        published: time(
            "datePublished",
            &[
                "article:published_time",
                "og:published_time",
                "pubdate",
                "date",
            ],
            "datePublished",
        ),
        updated: time(
            "dateModified",
            &["article:modified_time", "og:updated_time", "lastmod"],
            "dateModified",
        ),
    };

    let url = doc
        .select(&CANONICAL)
        .find_map(|e| e.value().attr("href"))
        .map(str::to_string)
        .or_else(|| meta(&["og:url"]))
        .or_else(|| ld_text("url"))
        .filter(|u| u.starts_with("http"));

    let head_info: Vec<String> = doc
        .select(&HEAD_INFO)
        .filter(|e| !in_box(*e))
        .map(element_text)
        .filter(|t| !t.is_empty() && t.chars().count() <= HEAD_INFO_CHARS)
        .take(HEAD_INFO_ELEMENTS)
        .collect();

    Draft {
        title,
        lines: body_lines(&doc, ld_text("articleBody").as_deref()),
        reporters,
        press: site_name,
        dates: stated,
        url,
        section: meta(&["article:section", "section"]).or_else(|| ld_text("articleSection")),
        head_info,
        ..Draft::default()
    }
}

/// `(key, content)` of every `<meta>`, keys lowercase (`property`, `name` or `itemprop`).
fn metas(doc: &Html) -> Vec<(String, String)> {
    doc.select(&META)
        .filter_map(|e| {
            let v = e.value();
            let key = v
                .attr("property")
                .or_else(|| v.attr("name"))
                .or_else(|| v.attr("itemprop"))?;
            Some((
                key.trim().to_lowercase(),
                super::boilerplate::collapse_spaces(v.attr("content")?),
            ))
        })
        .collect()
}

/// The first JSON-LD object that describes an article (also inside `@graph` and lists).
fn json_ld_article(doc: &Html) -> Option<serde_json::Map<String, Value>> {
    doc.select(&JSON_LD).find_map(|script| {
        let text: String = script.text().collect();
        let value: Value = serde_json::from_str(text.trim()).ok()?;
        find_article(value)
    })
}

fn find_article(value: Value) -> Option<serde_json::Map<String, Value>> {
    match value {
        Value::Array(items) => items.into_iter().find_map(find_article),
        Value::Object(mut object) => {
            if let Some(graph) = object.remove("@graph") {
                return find_article(graph);
            }
            let kind = value_text(object.get("@type"));
            let article = kind.contains("Article")
                || kind.contains("NewsArticle")
                || kind == "ReportageNews"
                || kind == "BlogPosting"
                || object.contains_key("articleBody");
            article.then_some(object)
        }
        _ => None,
    }
}

/// A JSON-LD value as text: strings, `name` of objects, lists joined.
fn value_text(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(text)) => super::boilerplate::collapse_lines(text),
        Some(Value::Object(object)) => value_text(object.get("name")),
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| value_text(Some(i)))
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
        Some(Value::Number(number)) => number.to_string(),
        _ => String::new(),
    }
}

/// Reporter names from a JSON-LD `author` (string, object or list).
fn authors(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items.iter().flat_map(|i| authors(Some(i))).collect(),
        Some(other) => byline::names_from_author(&value_text(Some(other))),
        None => Vec::new(),
    }
}

fn element_text(element: ElementRef<'_>) -> String {
    super::boilerplate::collapse_spaces(&element.text().collect::<String>())
}

/// A headline without the site name that `<title>`s append (`제목 - 동네일보`,
/// `제목 < 사회 < 기사본문 - 동네일보`, `제목 | 동네일보`).
fn strip_site_suffix(title: &str, site_name: Option<&str>) -> String {
    let title = title.trim();
    if let Some(site) = site_name.filter(|s| !s.is_empty())
        && let Some(rest) = title.strip_suffix(site)
    {
        return rest
            .trim_end_matches([' ', '-', '|', ':', '<', '–'])
            .trim()
            .to_string();
    }
    for separator in [" < ", " | ", " - ", " :: ", " – "] {
        if let Some((head, tail)) = title.split_once(separator)
            && head.chars().count() >= 5
            && tail.chars().count() <= 40
        {
            return head.trim().to_string();
        }
    }
    title.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimates_nesting() {
        assert_eq!(
            nesting_estimate("<div><p>a<br>b</p><img src=x><div/></div>"),
            1
        );
        assert_eq!(nesting_estimate(&"<div><span>".repeat(10)), 20);
    }

    #[test]
    fn strips_site_names_from_titles() {
        assert_eq!(
            strip_site_suffix("광양시 대표단 방문 - 동네일보", None),
            "광양시 대표단 방문"
        );
        assert_eq!(
            strip_site_suffix("광양시 대표단 방문 < 사회 < 기사본문 - 동네일보", None),
            "광양시 대표단 방문"
        );
        assert_eq!(
            strip_site_suffix("광양시 대표단 방문 | 동네일보", Some("동네일보")),
            "광양시 대표단 방문"
        );
    }
}
