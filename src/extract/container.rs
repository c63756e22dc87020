//! Choosing the element that holds the article text and turning it into lines: JSON-LD
//! `articleBody`, `itemprop=articleBody`, the containers Korean news CMSs use, and for
//! unknown layouts the element with the most paragraph text. Boxes, buttons, scripts and
//! figures inside the container are left out.

use std::sync::LazyLock;

use regex::Regex;
use scraper::{ElementRef, Html, Node, Selector};

/// Article containers of common Korean news CMSs and municipal boards, most specific first.
const CONTAINERS: &str = "[itemprop=articleBody], #article-view-content-div, #articleBody, #articleBodyContents, \
     #newsct_article, #dic_area, #articeBody, #article_body, #articleText, #news_body_area, #newsEndContents, \
     #textBody, #CmAdContent, .article_txt, .news_body, .article_body, .article-body, .article_view, .news_text, \
     .view_con, .view-content, .view_cont, .viewContent, .bbs_view_cont, .board_view_cont, .bbs_con, \
     .board-view-content, .news_txt, .article-text, .story-news, .news-article-body";

static CONTAINER: LazyLock<Selector> = LazyLock::new(|| selector(CONTAINERS));
static CANDIDATES: LazyLock<Selector> =
    LazyLock::new(|| selector("div, article, section, td, main"));

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
const BLOCK_TAGS: [&str; 27] = [
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
        r"(?i)relat|recent|popular|most[-_]?view|best|rank|share|sns|social|print|font[-_]?size|(?:^|[-_\s])ads?(?:[-_\s\d]|$)|advert|banner|copyright|comment|recommend|photo[-_]?news|tag[-_]?list|caption|img[-_]?desc|photo[-_]?desc|hot[-_]?issue|latest|other[-_]?news|more[-_]?news|footer|gnb|lnb|menu|breadcrumb|navi",
    )
    .expect("valid box pattern")
});

/// Minimum characters for a container to count as holding the article.
const MIN_BODY_CHARS: usize = 40;

pub(crate) fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("valid built-in selector")
}

/// The article's lines: from JSON-LD `articleBody` if given, else the known container,
/// else the densest element.
pub(crate) fn body_lines(doc: &Html, ld_body: Option<&str>) -> Vec<String> {
    if let Some(body) = ld_body.filter(|b| b.chars().count() >= MIN_BODY_CHARS) {
        if body.contains('<') {
            let fragment = Html::parse_fragment(body);
            return element_lines(fragment.root_element());
        }
        return body.lines().map(str::to_string).collect();
    }
    let known = doc
        .select(&CONTAINER)
        .map(element_lines)
        .find(|lines| char_count(lines) >= MIN_BODY_CHARS);
    if let Some(lines) = known {
        return lines;
    }
    densest(doc).map(element_lines).unwrap_or_default()
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

/// The element with the most paragraph text of its own (direct text and `<p>` children,
/// links discounted), outside boxes.
fn densest(doc: &Html) -> Option<ElementRef<'_>> {
    doc.select(&CANDIDATES)
        .filter(|el| !is_boxy(*el))
        .map(|el| (own_text_score(el), el))
        .filter(|(score, _)| *score >= MIN_BODY_CHARS)
        .max_by_key(|(score, _)| *score)
        .filter(|(_, el)| !in_box(*el))
        .map(|(_, el)| el)
}

fn own_text_score(element: ElementRef<'_>) -> usize {
    element
        .children()
        .map(|child| match child.value() {
            Node::Text(text) => text.trim().chars().count(),
            Node::Element(inner)
                if matches!(inner.name(), "p" | "span" | "font" | "b" | "strong") =>
            {
                ElementRef::wrap(child).map_or(0, |p| {
                    let all: usize = p.text().map(|t| t.trim().chars().count()).sum();
                    let links: usize = p
                        .descendants()
                        .filter_map(ElementRef::wrap)
                        .filter(|e| e.value().name() == "a")
                        .map(|a| a.text().map(|t| t.trim().chars().count()).sum::<usize>())
                        .sum();
                    all.saturating_sub(links.saturating_mul(2))
                })
            }
            _ => 0,
        })
        .sum()
}

/// One step of the walk over an element's content.
enum Step<'a> {
    Enter(ElementRef<'a>),
    Text(&'a str),
    EndBlock,
}

/// The text of an element as lines, block elements breaking lines, boxes left out.
pub(crate) fn element_lines(root: ElementRef<'_>) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    let mut stack = vec![Step::Enter(root)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Text(text) => current.push_str(text),
            Step::EndBlock => flush(&mut current, &mut lines),
            Step::Enter(element) => {
                if element != root && is_boxy(element) {
                    continue;
                }
                let block = BLOCK_TAGS.contains(&element.value().name());
                if block {
                    flush(&mut current, &mut lines);
                    stack.push(Step::EndBlock);
                }
                let children: Vec<Step<'_>> = element
                    .children()
                    .filter_map(|child| match child.value() {
                        Node::Text(text) => Some(Step::Text(text)),
                        Node::Element(_) => ElementRef::wrap(child).map(Step::Enter),
                        _ => None,
                    })
                    .collect();
                stack.extend(children.into_iter().rev());
            }
        }
    }
    flush(&mut current, &mut lines);
    lines
}

fn flush(current: &mut String, lines: &mut Vec<String>) {
    let line = super::boilerplate::collapse_spaces(current);
    if !line.is_empty() {
        lines.push(line);
    }
    current.clear();
}

fn char_count(lines: &[String]) -> usize {
    lines.iter().map(|l| l.chars().count()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_blocks_and_skips_boxes() {
        let doc = Html::parse_document(
            "<div id=articleBody><p>첫 <b>문단</b></p>둘째<br>셋째<script>x()</script>\
             <div class=relation_news>관련</div><figure><figcaption>캡션</figcaption></figure></div>",
        );
        let lines = doc
            .select(&CONTAINER)
            .next()
            .map(element_lines)
            .unwrap_or_default();
        assert_eq!(lines, ["첫 문단", "둘째", "셋째"]);
    }

    #[test]
    fn falls_back_to_the_densest_element() {
        let text = "광양시는 오늘 새 도서관을 열었다고 밝혔다. 시민 누구나 이용할 수 있다.";
        let html = format!(
            "<div class=menu><a>홈</a></div><div class=x><p>{text}</p><p>{text}</p></div>\
             <div class=recent_news><p>{text}{text}{text}</p></div>"
        );
        let lines = body_lines(&Html::parse_document(&html), None);
        assert_eq!(lines.len(), 2);
    }
}
