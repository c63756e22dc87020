//! The generic body finder: the page's text as lines (block elements break lines; scripts,
//! hidden elements, boxes and figures are left out), each line weighed as article text or
//! boilerplate, and the element whose lines weigh most is the article.
//!
//! A line weighs its characters when it reads as Korean prose: it has a sentence ending
//! (`다.`, `다”`, `요.`, `까?`) or is long with few links. A reporter's signature or the
//! copyright notice weighs a little for (they close an article). Labels, menus, headings,
//! counters and link lists (related, popular, latest boxes) weigh their length against; the
//! heading of a box of other articles weighs heavily against. An element's
//! score is the sum over its lines, so the best element holds the article's paragraphs and
//! as little else as possible; among elements with the same lines the innermost wins.

use std::sync::LazyLock;

use scraper::{ElementRef, Html, Node, Selector};

use super::container::{BLOCK_TAGS, is_left_out, selector};

static BODY: LazyLock<Selector> = LazyLock::new(|| selector("body"));

/// A line of page text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    /// The text, whitespace collapsed.
    pub text: String,
    /// How much it counts for (positive) or against (negative) being article text.
    pub weight: i64,
    /// Whether it is mostly link text (a related headline, a menu entry).
    pub link: bool,
}

/// A page's text and where its article is.
#[derive(Debug, Clone, Default)]
pub(crate) struct PageText {
    /// Every line of the page, in document order.
    pub lines: Vec<Line>,
    /// The lines of the best-scoring element.
    pub body: std::ops::Range<usize>,
}

impl PageText {
    /// The article's lines.
    pub fn body_lines(&self) -> Vec<String> {
        text_lines(self.lines.get(self.body.clone()).unwrap_or_default())
    }

    /// Up to `n` short lines right before the body (the article head: byline, dates).
    pub fn head_lines(&self, n: usize, max_chars: usize) -> Vec<String> {
        let start = self.body.start;
        self.lines[start.saturating_sub(n)..start.min(self.lines.len())]
            .iter()
            .filter(|l| l.text.chars().count() <= max_chars)
            .map(|l| l.text.clone())
            .collect()
    }

    /// Up to `n` short lines right after the body (signatures, copyright).
    pub fn tail_lines(&self, n: usize, max_chars: usize) -> Vec<String> {
        let end = self.body.end.min(self.lines.len());
        self.lines[end..(end + n).min(self.lines.len())]
            .iter()
            .filter(|l| l.text.chars().count() <= max_chars)
            .map(|l| l.text.clone())
            .collect()
    }
}

/// One step of the walk.
enum Step<'a> {
    Enter(ElementRef<'a>),
    Exit { block: bool, link: bool },
    Text(&'a str),
}

/// An element's lines: `first..end` of the page's lines, at nesting `depth`.
struct Span {
    first: usize,
    end: usize,
    depth: usize,
}

/// Walks the page and finds its article.
pub(crate) fn page_text(doc: &Html) -> PageText {
    let root = doc
        .select(&BODY)
        .next()
        .unwrap_or_else(|| doc.root_element());
    let (mut lines, spans) = walk(root);
    // The heading of a box of links set between paragraphs weighs as a label: its links
    // weigh against already, and the article goes on after it.
    for i in 0..lines.len() {
        if lines[i].weight == BOX_HEADING_WEIGHT && inline_link_box(&lines, i) {
            lines[i].weight = short_line_weight(&lines[i].text);
        }
    }
    let body = best_span(&lines, &spans);
    PageText { lines, body }
}

/// The text of an element as lines (what [`page_text`] leaves out left out).
pub(crate) fn element_lines(root: ElementRef<'_>) -> Vec<String> {
    text_lines(&walk(root).0)
}

/// The lines of a text that may be HTML markup (an `articleBody`, a script's body field, a
/// dump's body column): markup is read as a page fragment, plain text is split at line
/// breaks (whitespace is collapsed later).
pub(crate) fn text_or_markup_lines(text: &str) -> Vec<String> {
    if looks_like_markup(text) {
        element_lines(Html::parse_fragment(text).root_element())
    } else {
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect()
    }
}

/// Whether a text is HTML markup rather than text that happens to hold `<` (`<저작권자 …>`).
fn looks_like_markup(text: &str) -> bool {
    text.contains('<')
        && [
            "<p>", "<p ", "<br", "</p>", "</div>", "<div", "<P>", "<BR", "</P>",
        ]
        .iter()
        .any(|tag| text.contains(tag))
}

/// The texts of lines inside an article: link lines (related headlines set between
/// paragraphs) left out, and so is the heading of such a box of links.
fn text_lines(lines: &[Line]) -> Vec<String> {
    lines
        .iter()
        .enumerate()
        .filter(|(i, line)| {
            let heading_of_links =
                || super::boilerplate::is_box_heading(&line.text) && inline_link_box(lines, *i);
            !line.link && !heading_of_links()
        })
        .map(|(_, line)| line.text.clone())
        .collect()
}

/// Whether line `at` heads a box of links set between paragraphs: links follow it, then two
/// lines of text (the article going on), not text and links again (a box of headlines with
/// summaries, where other articles start).
fn inline_link_box(lines: &[Line], at: usize) -> bool {
    let after = lines.get(at + 1..).unwrap_or_default();
    let links = after.iter().take_while(|l| l.link).count();
    links > 0
        && after
            .get(links..links + 2)
            .is_some_and(|next| next.iter().all(|l| !l.link))
}

/// Tags left out without breaking the line they stand in.
const INLINE_LEFT_OUT: [&str; 9] = [
    "script", "style", "noscript", "template", "svg", "input", "button", "select", "textarea",
];

/// The lines of `root` and the span of lines of each element in it.
fn walk(root: ElementRef<'_>) -> (Vec<Line>, Vec<Span>) {
    let mut walk = Walk::default();
    let mut stack = vec![Step::Enter(root)];
    let mut open: Vec<usize> = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    while let Some(step) = stack.pop() {
        match step {
            Step::Text(text) => walk.push_text(text),
            Step::Exit { block, link } => {
                if block {
                    walk.flush();
                }
                if link {
                    walk.links = walk.links.saturating_sub(1);
                }
                if let Some(index) = open.pop()
                    && let Some(span) = spans.get_mut(index)
                {
                    span.end = walk.lines.len();
                }
            }
            Step::Enter(element) => {
                let name = element.value().name();
                if element != root && is_left_out(element) {
                    // A figure or box between two runs of text separates them.
                    if !INLINE_LEFT_OUT.contains(&name) {
                        walk.flush();
                    }
                    continue;
                }
                let block = BLOCK_TAGS.contains(&name);
                if block {
                    walk.flush();
                }
                let link = name == "a";
                if link {
                    walk.links += 1;
                }
                open.push(spans.len());
                spans.push(Span {
                    first: walk.lines.len(),
                    end: walk.lines.len(),
                    depth: open.len(),
                });
                stack.push(Step::Exit { block, link });
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
    walk.flush();
    (walk.lines, spans)
}

/// The span of the highest total weight, innermost on ties.
fn best_span(lines: &[Line], spans: &[Span]) -> std::ops::Range<usize> {
    let mut prefix = Vec::with_capacity(lines.len() + 1);
    prefix.push(0i64);
    for line in lines {
        let last = prefix.last().copied().unwrap_or(0);
        prefix.push(last + line.weight);
    }
    let score = |span: &Span| prefix[span.end] - prefix[span.first];
    spans
        .iter()
        .filter(|span| span.end > span.first)
        .max_by(|a, b| {
            score(a)
                .cmp(&score(b))
                .then((b.end - b.first).cmp(&(a.end - a.first)))
                .then(a.depth.cmp(&b.depth))
        })
        .filter(|span| score(span) > 0)
        .map_or(0..0, |span| span.first..span.end)
}

/// The lines being built.
#[derive(Default)]
struct Walk {
    lines: Vec<Line>,
    current: String,
    link_chars: usize,
    links: usize,
}

impl Walk {
    fn push_text(&mut self, text: &str) {
        if self.links > 0 {
            self.link_chars += text.chars().filter(|c| !c.is_whitespace()).count();
        }
        self.current.push_str(text);
    }

    fn flush(&mut self) {
        let text = super::boilerplate::collapse_spaces(&self.current);
        if !text.is_empty() {
            let weight = line_weight(&text, self.link_chars);
            let chars = text.chars().filter(|c| !c.is_whitespace()).count();
            let link = self.link_chars * 2 > chars;
            self.lines.push(Line { text, weight, link });
        }
        self.current.clear();
        self.link_chars = 0;
    }
}

/// Longest signature or copyright line taken for a cue.
const CUE_CHARS: usize = 120;
/// What a signature or copyright line counts for.
const CUE_WEIGHT: i64 = 20;
/// Longest line taken for a box heading.
const BOX_HEADING_CHARS: usize = 30;
/// What a box heading counts for.
const BOX_HEADING_WEIGHT: i64 = -150;
/// Fewest characters of a line read as a sentence.
const SENTENCE_CHARS: usize = 15;
/// Fewest characters of a long line read as text without a sentence ending.
const LONG_CHARS: usize = 100;

/// How much a line counts for being article text (see the module docs).
pub(crate) fn line_weight(text: &str, link_chars: usize) -> i64 {
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
    if chars == 0 {
        return 0;
    }
    let own = chars.saturating_sub(link_chars);
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    // A reporter's signature or the copyright notice closes an article: a cue for the
    // element that holds it.
    if chars <= CUE_CHARS
        && (super::byline::is_signature_line(text) || super::boilerplate::is_copyright(text))
    {
        return CUE_WEIGHT;
    }
    // A box of other articles starts here: whatever holds it holds more than the article.
    if chars <= BOX_HEADING_CHARS && super::boilerplate::is_box_heading(text) {
        return BOX_HEADING_WEIGHT;
    }
    if link_chars * 2 > chars {
        return -count(chars) - 5;
    }
    if chars >= SENTENCE_CHARS && sentence_endings(text) > 0 {
        return count(own);
    }
    if chars >= LONG_CHARS && link_chars * 5 < chars {
        return count(own / 2);
    }
    short_line_weight(text)
}

/// What a line that is neither prose nor links counts for: its length, against, and more
/// for a line without a letter (counters and scores: `0%`, `12`, `3.5`).
fn short_line_weight(text: &str) -> i64 {
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
    let counter = if text.chars().any(char::is_alphabetic) {
        0
    } else {
        COUNTER_PENALTY
    };
    -3 - counter - i64::try_from(chars).unwrap_or(i64::MAX)
}

/// What a line without a letter counts against beyond its length.
const COUNTER_PENALTY: i64 = 10;

/// How many Korean sentence endings a text has (`다.`, `다”`, `요.`, `까?` …).
pub(crate) fn sentence_endings(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(2)
        .filter(|w| {
            matches!(w[0], '다' | '요' | '죠' | '까' | '네' | '라')
                && matches!(w[1], '.' | '?' | '!' | '”' | '"' | '’' | '\'' | '…')
        })
        .count()
        + usize::from(text.ends_with('다'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(html: &str) -> Vec<String> {
        page_text(&Html::parse_document(html)).body_lines()
    }

    #[test]
    fn prose_outweighs_menus_and_link_lists() {
        let para = "광양시는 오늘 새 도서관을 열었다고 밝혔다. 시민 누구나 이용할 수 있다.";
        let html = format!(
            "<body><div><ul><li><a href=/>홈</a></li><li><a href=/n>뉴스</a></li></ul>\
             <div class=x><h1>제목</h1><div id=a><p>{para}</p><p>{para}</p></div>\
             <ul><li><a href=/1>다른 군의 소식이 여기에 길게 이어진다 정말 길게</a></li>\
             <li><a href=/2>또 다른 시의 소식도 여기에 길게 이어진다 아주 길게</a></li></ul></div></div></body>"
        );
        assert_eq!(body(&html), [para, para]);
    }

    #[test]
    fn hidden_elements_and_figures_are_left_out() {
        let para = "광양시는 오늘 새 도서관을 열었다고 밝혔다. 시민 누구나 이용할 수 있다.";
        let html = format!(
            "<body><div id=a><div style='display: none'>━</div><p>{para}</p>\
             <table class=article_photo><tr><td><img src=a.jpg></td></tr><tr><td>도서관 모습이다.</td></tr></table>\
             <p>{para}</p></div></body>"
        );
        assert_eq!(body(&html), [para, para]);
    }

    #[test]
    fn text_nodes_split_by_line_breaks_are_lines() {
        let html = "<body><div id=a>첫 문단은 여기에서 끝난다고 말했다.<br><br>둘째 문단도 여기에서 끝난다고 밝혔다.<br></div>\
                    <div class=footer>회사소개 | 광고문의</div></body>";
        assert_eq!(
            body(html),
            [
                "첫 문단은 여기에서 끝난다고 말했다.",
                "둘째 문단도 여기에서 끝난다고 밝혔다."
            ]
        );
    }

    #[test]
    fn related_links_between_paragraphs_stay_out() {
        let para = "광양시는 오늘 새 도서관을 열었다고 밝혔다. 시민 누구나 이용할 수 있다. \
                    도서관은 밤 10시까지 문을 열고, 주말에는 어린이 독서 교실도 운영한다고 시는 설명했다.";
        let html = format!(
            "<body><div id=a><p>{para}</p><p>{para}</p><p>관련기사</p>\
             <p><a href=/1>순천시, 정원 야간 개장</a></p><p>▶ <a href=/2>여수시 밤바다 축제 개막</a></p>\
             <p>{para}</p><p>{para}</p></div></body>"
        );
        assert_eq!(body(&html), [para, para, para, para]);
    }

    #[test]
    fn sentence_endings_are_counted() {
        assert_eq!(sentence_endings("밝혔다. 말했다”라고 했다"), 3);
        assert_eq!(sentence_endings("회사소개 광고문의"), 0);
    }
}
