//! HTML pages. Structured data first ([`structured`]: JSON-LD, metas, microdata; and
//! [`scripts`]: bodies held in script JSON), then what the page shows: the body the
//! content scorer finds ([`scoring`]), headline elements, the byline and date block around
//! the body, the site's logo and copyright line. Each field is chosen among these by
//! agreement or by a fixed order of trust.

use std::sync::LazyLock;

use scraper::{ElementRef, Html, Selector};

use super::container::{in_box, selector};
use super::reporters::{self, Credits};
use super::scoring::element_lines;
use super::title::{self, Source};
use super::{Draft, dates, press, scoring, scripts, structured};

static TITLE: LazyLock<Selector> = LazyLock::new(|| selector("title"));
/// Headline elements (and the first few headings of the page).
static HEADLINES: LazyLock<Selector> = LazyLock::new(|| {
    selector(
        "h1, h2, h3, h4, [class*=title], [class*=tit], [id*=title], [class*=headline], \
         [class*=subject], [class*=heading]",
    )
});
static MICRODATA_BODY: LazyLock<Selector> = LazyLock::new(|| selector("[itemprop=articleBody]"));
static HEAD_INFO: LazyLock<Selector> = LazyLock::new(|| {
    selector(
        "[class*=byline], [id*=byline], [class*=info], [class*=date], [class*=writer], [class*=reporter], \
         [class*=journalist], [class*=author], [itemprop=author], [class*=datestamp], [class*=copy]",
    )
});
/// Copyright notices.
static COPYRIGHTS: LazyLock<Selector> = LazyLock::new(|| selector("[class*=copy], [id*=copy]"));
/// Site logos: an image named or placed as one.
static LOGOS: LazyLock<Selector> = LazyLock::new(|| {
    selector(
        "img[src*=logo][alt], [class*=logo] img[alt], [id*=logo] img[alt], [class*=Logo] img[alt], \
         [class*=logo], [id*=logo]",
    )
});

/// Longest head-info text looked at (longer ones are whole page sections, not bylines).
const HEAD_INFO_CHARS: usize = 300;
/// How many head-info elements are looked at.
const HEAD_INFO_ELEMENTS: usize = 40;
/// How many headline elements are candidates.
const HEADLINE_ELEMENTS: usize = 40;
/// Lines before the body read as its head (byline, dates) and after it as its tail.
const HEAD_LINES: usize = 25;
const TAIL_LINES: usize = 12;
/// Leading body lines looked at for a repeated headline.
const LEAD_LINES: usize = 5;
/// Longest label standing on a line of its own before its value (`등록일`, `날짜`).
const LABEL_CHARS: usize = 6;
/// A structured body shorter than `NUM/DEN` of the page's body it is part of is a summary.
const SUMMARY_RATIO_NUM: usize = 3;
const SUMMARY_RATIO_DEN: usize = 5;
/// Fewest characters of a body.
const MIN_BODY_CHARS: usize = 40;

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
    let facts = structured::read(&doc);
    let page = scoring::page_text(&doc);
    let document_title: String = doc
        .select(&TITLE)
        .next()
        .map(element_text)
        .unwrap_or_default();
    let script = page_script_article(&doc, &facts, &document_title);

    let mut lines = choose_body(&doc, &facts, script.as_ref(), &page);

    let mut candidates: Vec<(Source, String)> = Vec::new();
    candidates.extend(
        facts
            .headline
            .iter()
            .map(|t| (Source::Structured, t.clone())),
    );
    candidates.extend(facts.titles.iter().map(|t| (Source::Meta, t.clone())));
    if let Some(t) = script.as_ref().and_then(|s| s.title.clone()) {
        candidates.push((Source::Script, t));
    }
    candidates.extend(
        doc.select(&HEADLINES)
            .filter(|e| !in_box(*e))
            .map(element_text)
            .filter(|t| !t.is_empty() && t.chars().count() <= 300)
            .take(HEADLINE_ELEMENTS)
            .map(|t| (Source::Element, t)),
    );
    candidates.extend(
        title::document_pieces(&document_title)
            .into_iter()
            .map(|t| (Source::Document, t)),
    );
    // The first line of text, signatures, dates and captions aside.
    let lead = super::boilerplate::clean(lines.iter().take(LEAD_LINES).map(String::as_str));
    if let Some(first) = lead.lines.into_iter().next() {
        candidates.push((Source::Body, first));
    }
    let title = title::choose(&candidates).unwrap_or_default();
    // The headline repeated in the body (first line, image captions) is not body text.
    lines.retain(|line| !same_headline(line, &title));

    let mut credits = Credits::default();
    for author in facts
        .authors
        .iter()
        .chain(script.iter().flat_map(|s| &s.authors))
    {
        credits.merge(reporters::normalize(author));
    }

    let mut head_info: Vec<String> = doc
        .select(&HEAD_INFO)
        .filter(|e| !in_box(*e))
        .map(element_text)
        .filter(|t| !t.is_empty() && t.chars().count() <= HEAD_INFO_CHARS)
        .take(HEAD_INFO_ELEMENTS)
        .collect();
    let head = page.head_lines(HEAD_LINES, HEAD_INFO_CHARS);
    // A label and its value on lines of their own (`<dt>날짜</dt><dd>2024.11.08</dd>`).
    let pairs: Vec<String> = head
        .windows(2)
        .filter(|w| w[0].chars().count() <= LABEL_CHARS)
        .map(|w| format!("{} {}", w[0], w[1]))
        .collect();
    head_info.extend(head);
    head_info.extend(pairs);
    head_info.extend(page.tail_lines(TAIL_LINES, HEAD_INFO_CHARS));

    let press = site_press(&doc, &facts, &document_title, &title, &head_info);

    let structured_dates = dates::LabelledDates {
        published: script
            .as_ref()
            .and_then(|s| s.published)
            .or(facts.published),
        updated: script.as_ref().and_then(|s| s.updated).or(facts.updated),
    };

    Draft {
        title,
        lines,
        credits,
        press,
        dates: structured_dates,
        url: facts.url,
        section: facts.section,
        head_info,
        ..Draft::default()
    }
}

/// The page's own article among those of its script data: the one whose headline agrees
/// with the page's title metas or `<title>` (the longest one when the page states no
/// title).
fn page_script_article(
    doc: &Html,
    facts: &structured::Structured,
    document_title: &str,
) -> Option<scripts::ScriptArticle> {
    let stated: Vec<String> = facts
        .headline
        .iter()
        .chain(&facts.titles)
        .cloned()
        .chain(title::document_pieces(document_title))
        .collect();
    scripts::articles(doc).into_iter().find(|article| {
        stated.is_empty()
            || article
                .title
                .as_deref()
                .is_some_and(|t| stated.iter().any(|s| title::agree(s, t)))
    })
}

/// The article's lines: a structured body (JSON-LD or microdata `articleBody`, script data)
/// unless it lost the paragraphs the scored page body keeps, else the scored body.
fn choose_body(
    doc: &Html,
    facts: &structured::Structured,
    script: Option<&scripts::ScriptArticle>,
    page: &scoring::PageText,
) -> Vec<String> {
    let scored = page.body_lines();
    let microdata = doc
        .select(&MICRODATA_BODY)
        .map(element_lines)
        .find(|lines| char_count(lines) >= MIN_BODY_CHARS);
    let ld = facts
        .body
        .as_deref()
        .filter(|b| b.chars().count() >= MIN_BODY_CHARS)
        .map(scoring::text_or_markup_lines);
    let script_lines = script
        .map(|s| s.lines.clone())
        .filter(|l| char_count(l) >= MIN_BODY_CHARS);
    let structured = microdata.or(ld).or(script_lines);
    let scored = (char_count(&scored) >= MIN_BODY_CHARS).then_some(scored);
    match (structured, scored) {
        // A one-line structured body lost its paragraphs, or a short one is a summary; the
        // page still has the whole.
        (Some(short), Some(scored))
            if covers(&scored, &short.join(" "))
                && ((short.len() == 1 && scored.len() > 1)
                    || char_count(&short) * SUMMARY_RATIO_DEN
                        < char_count(&scored) * SUMMARY_RATIO_NUM) =>
        {
            scored
        }
        (Some(structured), _) => structured,
        (None, Some(scored)) => scored,
        (None, None) => Vec::new(),
    }
}

/// Whether `lines` hold most of the words of `text`.
fn covers(lines: &[String], text: &str) -> bool {
    let joined = lines.join(" ");
    let words: Vec<&str> = text.split_whitespace().collect();
    let found = words.iter().filter(|w| joined.contains(**w)).count();
    found * 5 >= words.len() * 4
}

fn char_count(lines: &[String]) -> usize {
    lines.iter().map(|l| l.chars().count()).sum()
}

/// Whether two texts are the same headline, quotes, punctuation and spacing aside.
fn same_headline(a: &str, b: &str) -> bool {
    let letters = |t: &str| {
        t.chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
    };
    let a = letters(a);
    !a.is_empty() && a == letters(b)
}

fn element_text(element: ElementRef<'_>) -> String {
    super::boilerplate::collapse_spaces(&element.text().collect::<String>())
}

/// The publisher, from the most trusted source that names a plausible one: JSON-LD
/// `publisher`, an `article:author` naming an outlet, `og:site_name`, the site logo, the
/// copyright line, the site name `<title>` appends.
fn site_press(
    doc: &Html,
    facts: &structured::Structured,
    document_title: &str,
    title: &str,
    head_info: &[String],
) -> Option<String> {
    let declared = facts.press.iter().cloned();
    let logos = doc.select(&LOGOS).filter_map(|e| {
        let text = e
            .value()
            .attr("alt")
            .map(str::to_string)
            .unwrap_or_else(|| element_text(e));
        press::from_logo(&text)
    });
    // Copyright notices around the body, and the page's copyright elements wherever they
    // stand (often inside a box of links).
    let notices = doc
        .select(&COPYRIGHTS)
        .map(element_text)
        .filter(|t| t.chars().count() <= HEAD_INFO_CHARS);
    let copyright: Vec<String> = head_info
        .iter()
        .cloned()
        .chain(notices)
        .filter(|t| super::boilerplate::is_copyright(t))
        .filter_map(|t| press::from_copyright(&t))
        .collect();
    // A copyright line in Korean names the outlet as readers know it; a site's English one
    // (`Copyright © Dongne Inc.`) after its logo.
    let (korean, latin): (Vec<String>, Vec<String>) = copyright
        .into_iter()
        .partition(|name| name.chars().any(|c| ('가'..='힣').contains(&c)));
    let appended = press::from_document_title(document_title, title);
    declared
        .chain(korean)
        .chain(logos)
        .chain(latin)
        .chain(appended)
        .find(|p| press::is_plausible(p))
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
}
