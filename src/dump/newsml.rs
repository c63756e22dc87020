//! NewsML 1.x, as the Korea Press Foundation (KPF) distributes newspaper articles: a
//! `NewsML` document (or a lone `NewsItem`) whose items each become one field record for
//! [`crate::extract::fields`]:
//!
//! - `title` and `subtitle` from `NewsLines/HeadLine` and `SubHeadLine`;
//! - `byline` from every `ByLine` and the `Creator` parties (`문동성,손재호`, `김경택 기자`),
//!   `email` from e-mail properties;
//! - `date` from `NewsManagement/FirstCreated` (else `ThisRevisionCreated`, the envelope's
//!   `DateAndTime`, `DateId`), `updated` from `ThisRevisionCreated` when later
//!   (`20030902T175841+0900`);
//! - `news_id` from `Identification/NewsIdentifier/NewsItemId`
//!   (`01400351.20030902085903010`: its first eight digits are the press code) and `url`
//!   from the `PublicIdentifier` URN (a stable key);
//! - `press` from the `Source` party, `provider` from the `Provider` party (the press code
//!   of the item id comes between the two, see [`crate::extract::fields`]);
//! - `section`, `page` and `edition` from `Property` and `NewsLine` elements so named
//!   (`Section`, `PageNumber`, `Edition`, `면`, `판` …), `dateline` from `DateLine`;
//! - `body` from the `DataContent` of text content items: plain text, escaped HTML or inline
//!   markup (`<p>`), paragraphs kept.
//!
//! Entities are decoded (the XML ones by the parser; HTML ones such as `&nbsp;`, which KPF
//! items use undeclared, beforehand). Text is decoded from the encoding the XML
//! declaration names when it is not UTF-8.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;
use roxmltree::{Document, Node};

use super::{Content, DocumentSink, Location, RawDocument, SkipReason, charset};

static XML_ENCODING: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    regex::bytes::Regex::new(r#"^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']"#)
        .expect("valid XML declaration pattern")
});
static DOCTYPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?s)<!DOCTYPE[^\[>]*(?:\[.*?\]\s*)?>").expect("valid DOCTYPE pattern")
});
static ENTITY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"&([A-Za-z][A-Za-z0-9]{1,31});").expect("valid entity pattern"));

/// Entities XML itself defines.
const XML_ENTITIES: [&str; 5] = ["amp", "lt", "gt", "quot", "apos"];

/// Whether the start of a file is NewsML 1.x.
pub fn is_newsml(head: &[u8]) -> bool {
    let head = &head[..head.len().min(4096)];
    let text = String::from_utf8_lossy(head);
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    (trimmed.starts_with("<?xml") || trimmed.starts_with("<!DOCTYPE") || trimmed.starts_with('<'))
        && (text.contains("<NewsML") || text.contains("<NewsItem"))
}

/// Reads the items of a NewsML document, one field record each (`item 1`, `item 2` …).
pub(crate) fn read_newsml(bytes: &[u8], location: &Location, sink: &mut DocumentSink<'_>) {
    let declared = XML_ENCODING
        .captures(bytes)
        .and_then(|caps| caps.get(1))
        .map(|m| String::from_utf8_lossy(m.as_bytes()).into_owned());
    let text = charset::decode(bytes, declared.as_deref());
    let text = html_entities_decoded(&text);
    let malformed = |err: String| location.skip(SkipReason::Malformed(format!("NewsML: {err}")));
    let options = || roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    // A DOCTYPE whose internal subset refers to external parameter entities (`%nitf;`)
    // cannot be read without its files: it is dropped and the document read again.
    let without_doctype;
    let document = match Document::parse_with_options(&text, options()) {
        Ok(document) => document,
        Err(first) => {
            without_doctype = DOCTYPE.replace(&text, "");
            match Document::parse_with_options(&without_doctype, options()) {
                Ok(document) if without_doctype.len() < text.len() => document,
                _ => return sink(Err(malformed(first.to_string()))),
            }
        }
    };
    let envelope_date = first_text(document.root(), &["DateAndTime"]);
    let items: Vec<Node<'_, '_>> = document
        .descendants()
        .filter(|n| is(n, "NewsItem"))
        .collect();
    if items.is_empty() {
        return sink(Err(
            location.skip(SkipReason::NoArticle("NewsML without a NewsItem".into()))
        ));
    }
    for (index, item) in items.into_iter().enumerate() {
        let fields = item_fields(item, envelope_date.as_deref());
        sink(Ok(RawDocument {
            source: location.inner(&format!("item {}", index.saturating_add(1))),
            content: Content::Fields(fields),
        }));
    }
}

/// `text` with HTML named entities the XML does not declare written as characters (`&nbsp;`
/// → U+00A0); XML's own five stay for the parser.
fn html_entities_decoded(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    ENTITY.replace_all(text, |caps: &regex::Captures<'_>| {
        let name = caps.get(1).map_or("", |m| m.as_str());
        if XML_ENTITIES.contains(&name) || declared_entity(text, name) {
            return caps[0].to_string();
        }
        let decoded: String = scraper::Html::parse_fragment(&caps[0])
            .root_element()
            .text()
            .collect();
        if decoded.is_empty() || decoded == caps[0] {
            // Unknown to HTML too: keep it as text rather than fail the document.
            format!("&amp;{name};")
        } else {
            decoded
        }
    })
}

/// Whether the document's DTD declares entity `name`.
fn declared_entity(text: &str, name: &str) -> bool {
    text.contains(&format!("<!ENTITY {name} ")) || text.contains(&format!("<!ENTITY {name}\t"))
}

/// The field record of one `NewsItem`.
fn item_fields(item: Node<'_, '_>, envelope_date: Option<&str>) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut put = |key: &str, value: Option<String>| {
        if let Some(value) = value
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
        {
            fields.push((key.to_string(), value));
        }
    };
    put("title", first_text(item, &["HeadLine"]));
    put("subtitle", first_text(item, &["SubHeadLine"]));
    let mut bylines: Vec<String> = all_text(item, "ByLine");
    let creators: Vec<Node<'_, '_>> = item
        .descendants()
        .filter(|n| is(n, "Creator"))
        .flat_map(|c| c.descendants().filter(|n| is(n, "Party")))
        .collect();
    bylines.extend(creators.iter().filter_map(|party| party_name(*party)));
    put("byline", Some(bylines.join("\n")));
    let emails: Vec<String> = item
        .descendants()
        .filter(|n| is(n, "Property"))
        .filter(|p| name_attr(p).is_some_and(|n| n.to_lowercase().contains("mail")))
        .filter_map(|p| p.attribute("Value").map(str::to_string))
        .collect();
    put("email", Some(emails.join(" ")));

    let first_created = first_text(item, &["FirstCreated"]);
    let revision = first_text(item, &["ThisRevisionCreated"]);
    // A DateLine is a place (`서울`) or a date (`2003.09.02`).
    let dateline = first_text(item, &["DateLine"]);
    let (dated_line, place) = match dateline {
        Some(line) if line.chars().any(|c| c.is_ascii_digit()) => (Some(line), None),
        other => (None, other),
    };
    let published = first_created
        .clone()
        .or_else(|| revision.clone())
        .or(dated_line)
        .or_else(|| envelope_date.map(str::to_string))
        .or_else(|| first_text(item, &["DateId"]));
    put("date", published);
    if first_created.is_some() && revision != first_created {
        put("updated", revision);
    }
    put("dateline", place);

    put("news_id", first_text(item, &["NewsItemId"]));
    put("url", first_text(item, &["PublicIdentifier"]));
    let party_of = |container: &str| {
        item.descendants()
            .filter(|n| is(n, container))
            .flat_map(|c| c.descendants().filter(|n| is(n, "Party")))
            .find_map(party_name)
    };
    put("press", party_of("Source"));
    put("provider", party_of("Provider"));

    let properties = named_values(item);
    let property = |names: &[&str]| {
        properties.iter().find_map(|(name, value)| {
            let name = name.to_lowercase();
            names
                .iter()
                .any(|wanted| name == *wanted || name.contains(wanted))
                .then(|| value.clone())
        })
    };
    put(
        "section",
        property(&["section", "섹션", "category", "분류"]),
    );
    put("page", property(&["page", "면"]));
    put("edition", property(&["edition", "판"]));

    put("body", Some(body_text(item)));
    fields
}

/// `(name, value)` of the item's `Property` elements (`FormalName`, `Value`) and news lines
/// (`NewsLineType/@FormalName`, `NewsLineText`).
fn named_values(item: Node<'_, '_>) -> Vec<(String, String)> {
    let properties = item
        .descendants()
        .filter(|n| is(n, "Property"))
        .filter_map(|p| {
            Some((
                name_attr(&p)?.to_string(),
                p.attribute("Value")?.to_string(),
            ))
        });
    let lines = item
        .descendants()
        .filter(|n| is(n, "NewsLine"))
        .filter_map(|line| {
            let kind = line.children().find(|n| is(n, "NewsLineType"))?;
            let text = line.children().find(|n| is(n, "NewsLineText"))?;
            Some((name_attr(&kind)?.to_string(), node_text(text)))
        });
    properties.chain(lines).collect()
}

/// The name of a `Party`: its `FormalName`, else a name property, else its text.
fn party_name(party: Node<'_, '_>) -> Option<String> {
    name_attr(&party)
        .map(str::to_string)
        .or_else(|| {
            party
                .children()
                .filter(|n| is(n, "Property"))
                .find(|p| name_attr(p).is_some_and(|n| n.eq_ignore_ascii_case("name")))
                .and_then(|p| p.attribute("Value").map(str::to_string))
        })
        .or_else(|| Some(node_text(party)))
        .filter(|name| !name.trim().is_empty())
}

fn name_attr<'a>(node: &Node<'a, '_>) -> Option<&'a str> {
    node.attribute("FormalName")
}

/// The body: the text of every `DataContent` of a text content item (or of any content
/// item when none says it is text), joined by line breaks.
fn body_text(item: Node<'_, '_>) -> String {
    let contents: Vec<Node<'_, '_>> = item
        .descendants()
        .filter(|n| is(n, "ContentItem"))
        .collect();
    let texts = contents.iter().filter(|content| {
        content
            .children()
            .find(|n| is(n, "MediaType"))
            .and_then(|m| name_attr(&m))
            .is_none_or(|kind| kind.eq_ignore_ascii_case("text"))
    });
    texts
        .flat_map(|content| content.children().filter(|n| is(n, "DataContent")))
        .map(content_text)
        .filter(|t| !t.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Elements of inline markup in `DataContent` (NITF or XHTML) that end a paragraph.
const BLOCKS: [&str; 12] = [
    "p",
    "br",
    "div",
    "li",
    "tr",
    "hl1",
    "hl2",
    "h1",
    "h2",
    "h3",
    "block",
    "body.content",
];

/// The text of a `DataContent`: its text with line breaks where inline markup ends a
/// paragraph. Escaped HTML (`&lt;p&gt;`) arrives as text with tags, which
/// [`crate::extract::fields`] reads as markup.
fn content_text(node: Node<'_, '_>) -> String {
    let mut text = String::new();
    for descendant in node.descendants().skip(1) {
        if descendant.is_text() {
            text.push_str(descendant.text().unwrap_or_default());
        } else if descendant.is_element()
            && BLOCKS.contains(&descendant.tag_name().name().to_lowercase().as_str())
        {
            text.push('\n');
        }
    }
    text
}

/// The text of the first descendant (or `node` itself) named one of `names`.
fn first_text(node: Node<'_, '_>, names: &[&str]) -> Option<String> {
    node.descendants()
        .find(|n| names.iter().any(|name| is(n, name)))
        .map(node_text)
        .filter(|t| !t.is_empty())
}

/// The texts of every descendant named `name`.
fn all_text(node: Node<'_, '_>, name: &str) -> Vec<String> {
    node.descendants()
        .filter(|n| is(n, name))
        .map(node_text)
        .filter(|t| !t.is_empty())
        .collect()
}

/// All text inside `node`, whitespace collapsed.
fn node_text(node: Node<'_, '_>) -> String {
    let text: String = node
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `node` is an element named `name` (namespace aside, case aside).
fn is(node: &Node<'_, '_>, name: &str) -> bool {
    node.is_element() && node.tag_name().name().eq_ignore_ascii_case(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_newsml() {
        assert!(is_newsml(
            b"<?xml version=\"1.0\"?>\n<NewsML Version=\"1.2\">"
        ));
        assert!(is_newsml(b"<NewsItem>"));
        assert!(!is_newsml(b"<?xml version=\"1.0\"?><rss>"));
        assert!(!is_newsml(b"<html><body>NewsML</body></html>"));
    }

    fn titles(xml: &str) -> Vec<String> {
        let location = Location::file(std::path::Path::new("a.xml"));
        let mut found = Vec::new();
        read_newsml(xml.as_bytes(), &location, &mut |doc| {
            found.push(match doc {
                Ok(RawDocument {
                    content: Content::Fields(fields),
                    ..
                }) => fields
                    .into_iter()
                    .find(|(k, _)| k == "title")
                    .map(|(_, v)| v)
                    .unwrap_or_default(),
                Ok(_) => String::new(),
                Err(skipped) => skipped.to_string(),
            })
        });
        found
    }

    #[test]
    fn doctypes_with_external_subsets_are_read() {
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE NewsML PUBLIC \"urn:newsml:iptc.org:20001006:NewsMLv1.0:1\" \"NewsMLv1.0.dtd\" [\n<!ENTITY % nitf SYSTEM \"nitf-2-5.dtd\">\n%nitf;\n]>\n<NewsML><NewsItem><NewsComponent><NewsLines><HeadLine>제목</HeadLine></NewsLines></NewsComponent></NewsItem></NewsML>";
        assert_eq!(titles(xml), ["제목"]);
    }

    #[test]
    fn entity_bombs_are_refused_quickly() {
        let mut xml = String::from(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE NewsML [\n<!ENTITY a0 \"가가가가가가가가가가\">\n",
        );
        for i in 1..12 {
            let prev = format!("&a{};", i - 1).repeat(10);
            xml.push_str(&format!("<!ENTITY a{i} \"{prev}\">\n"));
        }
        xml.push_str("]>\n<NewsML><NewsItem><HeadLine>&a11;</HeadLine></NewsItem></NewsML>");
        let found = titles(&xml);
        assert_eq!(found.len(), 1);
        assert!(found[0].contains("malformed"), "{}", found[0]);
    }

    #[test]
    fn html_entities_become_characters() {
        assert_eq!(
            html_entities_decoded("A&nbsp;B &quot;C&quot; &middot; &zzz;"),
            "A\u{a0}B &quot;C&quot; · &amp;zzz;"
        );
    }
}
