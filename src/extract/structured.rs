//! What a page states about its article in structured form: JSON-LD (`NewsArticle`,
//! `Article` … also inside `@graph` and lists), `<meta>` tags (`og:*`, `article:*`,
//! `twitter:*`, `author`, `dable:*`) and microdata (`itemprop` inside an `Article` scope).
//! Values are gathered as candidates; [`super::html`] chooses among them and what the page
//! shows.

use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset};
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use super::container::selector;
use super::{dates, press, reporters};

static META: LazyLock<Selector> = LazyLock::new(|| selector("meta"));
static CANONICAL: LazyLock<Selector> = LazyLock::new(|| selector("link[rel=canonical]"));
static JSON_LD: LazyLock<Selector> =
    LazyLock::new(|| selector("script[type='application/ld+json']"));
static ITEMPROP: LazyLock<Selector> = LazyLock::new(|| selector("[itemprop]"));
static ITEMSCOPE: LazyLock<Selector> = LazyLock::new(|| selector("[itemscope][itemtype]"));
static ITEM_NAME: LazyLock<Selector> = LazyLock::new(|| selector("[itemprop=name]"));

/// Structured statements of a page.
#[derive(Debug, Clone, Default)]
pub(crate) struct Structured {
    /// JSON-LD or microdata `headline`.
    pub headline: Option<String>,
    /// Title metas (`og:title`, `twitter:title`, `title`).
    pub titles: Vec<String>,
    /// Author values (names, possibly with titles, e-mails, several per value).
    pub authors: Vec<String>,
    /// Publisher candidates, most trusted first.
    pub press: Vec<String>,
    /// Publication time.
    pub published: Option<DateTime<FixedOffset>>,
    /// Update time.
    pub updated: Option<DateTime<FixedOffset>>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Section.
    pub section: Option<String>,
    /// Article body text (JSON-LD `articleBody`), paragraphs separated by line breaks when
    /// the page kept them, possibly HTML.
    pub body: Option<String>,
}

/// Reads the structured data of a parsed page.
pub(crate) fn read(doc: &Html) -> Structured {
    let metas = metas(doc);
    let meta = |keys: &[&str]| -> Vec<String> {
        keys.iter()
            .flat_map(|key| metas.iter().filter(move |(k, v)| k == key && !v.is_empty()))
            .map(|(_, v)| v.clone())
            .collect()
    };
    let ld = json_ld_article(doc);
    let ld_text = |key: &str| {
        ld.as_ref()
            .map(|o| value_text(o.get(key)))
            .filter(|t| !t.is_empty())
    };
    let micro = microdata(doc);
    let micro_text = |key: &str| {
        micro
            .iter()
            .find(|(k, v)| k == key && !v.is_empty())
            .map(|(_, v)| v.clone())
    };

    let headline = ld_text("headline").or_else(|| micro_text("headline"));
    let titles = meta(&["og:title", "twitter:title", "title"]);

    let mut authors: Vec<String> = ld
        .as_ref()
        .map(|o| author_values(o.get("author")))
        .unwrap_or_default();
    authors.extend(meta(&[
        "author",
        "article:author",
        "og:article:author",
        "dable:author",
        "byl",
        "dc.creator",
    ]));
    authors.extend(micro_text("author"));

    // An author meta names the outlet on some sites (`동네일보`, `뉴시스 | 네이버`), a
    // person on others.
    let outlet_authors = meta(&["article:author", "og:article:author"])
        .into_iter()
        .map(|v| press::first_part(&v).to_string())
        .filter(|v| reporters::normalize(v).names.is_empty() || reporters::is_outlet(v));
    let mut press: Vec<String> = ld
        .as_ref()
        .map(|o| value_text(o.get("publisher")))
        .into_iter()
        .chain(outlet_authors)
        .chain(meta(&["og:site_name", "application-name"]))
        .chain(micro_text("publisher"))
        .collect();
    press.retain(|p| !p.is_empty());

    let time = |ld_key: &str, meta_keys: &[&str], micro_key: &str| {
        ld_text(ld_key)
            .into_iter()
            .chain(meta(meta_keys))
            .chain(micro_text(micro_key))
            .find_map(|t| dates::parse_datetime(&t))
    };
    let published = time(
        "datePublished",
        &[
            "article:published_time",
            "og:published_time",
            "pubdate",
            "publishdate",
            "og:regdate",
            "date",
            "dc.date",
        ],
        "datePublished",
    );
    let updated = time(
        "dateModified",
        &["article:modified_time", "og:updated_time", "lastmod"],
        "dateModified",
    );

    let url = doc
        .select(&CANONICAL)
        .find_map(|e| e.value().attr("href"))
        .map(str::to_string)
        .into_iter()
        .chain(meta(&["og:url"]))
        .chain(ld_text("url"))
        .find(|u| u.starts_with("http"));

    Structured {
        headline,
        titles,
        authors,
        press,
        published,
        updated,
        url,
        section: meta(&["article:section", "section"])
            .into_iter()
            .next()
            .or_else(|| ld_text("articleSection")),
        body: ld_text("articleBody"),
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
            is_article_type(&value_text(object.get("@type"))).then_some(object)
        }
        _ => None,
    }
}

/// Whether a schema.org type names an article (`NewsArticle`, `Article`, `ReportageNews`,
/// `BlogPosting` …; also a list of types or a full URL).
fn is_article_type(kind: &str) -> bool {
    kind.contains("Article") || kind.contains("ReportageNews") || kind.contains("BlogPosting")
}

/// A JSON-LD value as text: strings, `name` of objects, lists joined.
pub(crate) fn value_text(value: Option<&Value>) -> String {
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

/// Author values of a JSON-LD `author` (string, object or list), one per author.
fn author_values(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items.iter().flat_map(|i| author_values(Some(i))).collect(),
        Some(other) => Some(value_text(Some(other)))
            .filter(|t| !t.is_empty())
            .into_iter()
            .collect(),
        None => Vec::new(),
    }
}

/// `(itemprop, value)` of the microdata inside the page's first `Article` scope (`itemtype`
/// naming an article type); empty when there is none.
fn microdata(doc: &Html) -> Vec<(String, String)> {
    let Some(scope) = doc
        .select(&ITEMSCOPE)
        .find(|e| e.value().attr("itemtype").is_some_and(is_article_type))
    else {
        return Vec::new();
    };
    scope
        .select(&ITEMPROP)
        .filter_map(|e| {
            let name = e.value().attr("itemprop")?.trim().to_string();
            let value = if name == "articleBody" {
                String::new()
            } else {
                item_value(e)
            };
            Some((name, value))
        })
        .collect()
}

/// The value of a microdata property: `content`, `datetime` or `href`, else its text (the
/// `name` inside a nested scope, such as an author `Person`).
fn item_value(element: ElementRef<'_>) -> String {
    let value = element.value();
    if let Some(v) = value
        .attr("content")
        .or_else(|| value.attr("datetime"))
        .or_else(|| value.attr("href").filter(|_| value.name() == "link"))
    {
        return super::boilerplate::collapse_spaces(v);
    }
    if value.attr("itemscope").is_some()
        && let Some(name) = element.select(&ITEM_NAME).next().map(item_value)
    {
        return name;
    }
    super::boilerplate::collapse_spaces(&element.text().collect::<String>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_graph_meta_and_microdata() {
        let html = r#"<html><head>
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"동네일보"},
              {"@type":["NewsArticle"],"headline":"새 도서관 개관","datePublished":"2024-11-08T09:30:00+09:00",
               "author":[{"@type":"Person","name":"홍길동 기자"},{"@type":"Person","name":"김철수"}],
               "publisher":{"@type":"Organization","name":"동네일보"}}]}</script>
            <meta property="og:title" content="새 도서관 개관 - 동네일보">
            <meta property="og:site_name" content="동네일보">
            </head><body>
            <div itemscope itemtype="https://schema.org/NewsArticle">
              <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">박영희</span></span>
            </div></body></html>"#;
        let found = read(&Html::parse_document(html));
        assert_eq!(found.headline.as_deref(), Some("새 도서관 개관"));
        assert_eq!(found.titles, ["새 도서관 개관 - 동네일보"]);
        assert_eq!(found.authors, ["홍길동 기자", "김철수", "박영희"]);
        assert_eq!(found.press.first().map(String::as_str), Some("동네일보"));
        assert_eq!(
            found.published.map(|t| t.to_rfc3339()).as_deref(),
            Some("2024-11-08T09:30:00+09:00")
        );
    }
}
