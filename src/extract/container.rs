//! What is never article text inside a page: scripts, forms and other non-text tags; boxes,
//! buttons and ads recognised by their class or id (`relation`, `popular`, `share` …);
//! hidden elements; figures (a photo with its caption).

use std::sync::LazyLock;

use regex::Regex;
use scraper::{ElementRef, Selector};

/// Tags whose content is never article text.
const SKIP_TAGS: [&str; 17] = [
    "script",
    "style",
    "noscript",
    "iframe",
    "button",
    "form",
    "nav",
    "aside",
    "figure",
    "figcaption",
    "select",
    "input",
    "svg",
    "template",
    "textarea",
    "object",
    "video",
];
/// Tags that end a line.
pub(crate) const BLOCK_TAGS: [&str; 27] = [
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "blockquote",
    "header",
    "footer",
    "dd",
    "dt",
    "dl",
    "pre",
    "hr",
    "td",
    "th",
    "main",
];

/// class/id values of boxes, buttons and ads inside or around articles.
static BOXY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)relat|recent|popular|most[-_]?view|best|rank|share|sns|social|(?:^|[-_\s])ads?(?:[-_\s\d]|$)|advert|banner|copyright|comment|recommend|photo[-_]?news|tag[-_]?list|caption|img[-_]?desc|photo[-_]?desc|hot[-_]?issue|latest|other[-_]?news|more[-_]?news|footer|gnb|lnb|menu|breadcrumb|navi",
    )
    .expect("valid box pattern")
});

pub(crate) fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("valid built-in selector")
}

/// Whether an element is a box, button bar or ad (by tag, class or id).
pub(crate) fn is_boxy(element: ElementRef<'_>) -> bool {
    let value = element.value();
    SKIP_TAGS.contains(&value.name())
        || value.id().is_some_and(|id| BOXY.is_match(id))
        || value
            .attr("class")
            .is_some_and(|class| BOXY.is_match(class))
}

/// Whether an element sits inside a box.
pub(crate) fn in_box(element: ElementRef<'_>) -> bool {
    element
        .ancestors()
        .filter_map(ElementRef::wrap)
        .any(is_boxy)
}

/// class/id values of figures and media blocks (a photo with its caption).
static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)photo|thumb|figure|caption|desc|(?:^|[-_\s])(?:img|image|pic|vod|video|movie)(?:[-_\s\d]|$)")
        .expect("valid figure pattern")
});

/// Longest text of a block named as a figure: longer ones hold more than a caption.
const FIGURE_CHARS: usize = 300;
/// Longest text of an unnamed table holding an image to be taken for a figure.
const PHOTO_TABLE_CHARS: usize = 100;

/// Whether an element holds no article text: scripts and other non-text tags, boxes,
/// hidden elements and figures (a photo with its caption).
pub(crate) fn is_left_out(element: ElementRef<'_>) -> bool {
    is_boxy(element) || is_hidden(element) || is_figure(element)
}

/// Whether an element is hidden (`hidden`, `aria-hidden`, `display: none`).
fn is_hidden(element: ElementRef<'_>) -> bool {
    let value = element.value();
    value.attr("hidden").is_some()
        || value.attr("aria-hidden") == Some("true")
        || value.attr("style").is_some_and(|style| {
            let style: String = style
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            style.contains("display:none") || style.contains("visibility:hidden")
        })
}

/// A photo or video block with at most a caption: a `figure`; an element named like one
/// (`photo`, `thumb`, `img_desc`) with little text; an unnamed table holding an image and a
/// line of caption at most (the layout tables of old sites hold whole articles).
fn is_figure(element: ElementRef<'_>) -> bool {
    let value = element.value();
    if value.name() == "figure" {
        return true;
    }
    let named = value.id().is_some_and(|id| FIGURE.is_match(id))
        || value.attr("class").is_some_and(|c| FIGURE.is_match(c));
    let table = matches!(value.name(), "table" | "dl");
    if !named && !table {
        return false;
    }
    let limit = if named {
        FIGURE_CHARS
    } else {
        let has_media = element.descendants().any(|n| {
            n.value()
                .as_element()
                .is_some_and(|e| matches!(e.name(), "img" | "video" | "picture" | "iframe"))
        });
        if !has_media {
            return false;
        }
        PHOTO_TABLE_CHARS
    };
    let mut chars = 0usize;
    for text in element.text() {
        chars += text.chars().filter(|c| !c.is_whitespace()).count();
        if chars > limit {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use scraper::Html;

    use super::*;
    use crate::extract::scoring::element_lines;

    #[test]
    fn walks_blocks_and_skips_boxes() {
        let doc = Html::parse_document(
            "<div id=articleBody><p>첫 <b>문단</b></p>둘째<br>셋째<script>x()</script>\
             <div class=relation_news>관련</div><figure><figcaption>캡션</figcaption></figure></div>",
        );
        let lines = doc
            .select(&selector("#articleBody"))
            .next()
            .map(element_lines)
            .unwrap_or_default();
        assert_eq!(lines, ["첫 문단", "둘째", "셋째"]);
    }
}
