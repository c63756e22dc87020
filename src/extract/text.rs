//! Plain-text page saves: the headline on the first line, then byline, buttons, body,
//! copyright line and the site's boxes, as a reader sees the page. A first line longer than
//! any headline ([`super::MAX_TITLE_CHARS`]) is body text.

use super::Draft;

/// What a plain-text page save says about its article.
pub(crate) fn draft_from_text(text: &str) -> Draft {
    let mut lines = text
        .lines()
        .map(super::boilerplate::collapse_spaces)
        .filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or_default();
    // A first line too long for a headline is text (a save without one, or all on one line).
    let (title, lead) = if first.chars().count() > super::MAX_TITLE_CHARS {
        (String::new(), Some(first))
    } else {
        (first, None)
    };
    Draft {
        title,
        lines: lead.into_iter().chain(lines).collect(),
        ..Draft::default()
    }
}
