//! Plain-text page saves: the headline on the first line, then byline, buttons, body,
//! copyright line and the site's boxes, as a reader sees the page.

use super::Draft;

/// What a plain-text page save says about its article.
pub(crate) fn draft_from_text(text: &str) -> Draft {
    let mut lines = text
        .lines()
        .map(super::boilerplate::collapse_spaces)
        .filter(|l| !l.is_empty());
    let title = lines.next().unwrap_or_default();
    Draft {
        title,
        lines: lines.collect(),
        ..Draft::default()
    }
}
