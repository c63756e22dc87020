//! Choosing a page's headline by agreement. Every source that names one — JSON-LD, script
//! data, `og:title` and the other title metas, headline elements, the pieces of `<title>`
//! (`제목 - 동네일보`, `제목 < 사회 < 동네일보`) and the first body line — is a candidate; a
//! candidate is supported by each source that says the same or the same followed by more
//! (`제목 #동네`, `제목, 동네시, 동네`: site names and keywords appended). The candidate with
//! the most support wins, the most trusted source breaking ties.

/// Where a headline candidate comes from, most trusted first; the weight is its support.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Source {
    /// JSON-LD or microdata `headline`.
    Structured,
    /// Script data (`__NEXT_DATA__` …).
    Script,
    /// `og:title`, `twitter:title`, `title` meta.
    Meta,
    /// A headline element of the page (`h1`, `.tit` …).
    Element,
    /// A piece of `<title>`.
    Document,
    /// The first line of the body.
    Body,
}

impl Source {
    fn weight(self) -> usize {
        match self {
            Source::Structured | Source::Script => 3,
            Source::Meta => 2,
            Source::Element | Source::Document | Source::Body => 1,
        }
    }
}

/// Shortest headline (longer ones are cut when the article is finished).
const MIN_TITLE_CHARS: usize = 4;

/// Separators `<title>` puts between the headline and site or section names.
const SEPARATORS: [&str; 8] = [" - ", " | ", " < ", " > ", " :: ", " : ", " – ", " — "];

/// The pieces of a `<title>` that may be the headline: the whole, and each run of leading
/// parts before a separator.
pub(crate) fn document_pieces(title: &str) -> Vec<String> {
    let title = words(title);
    let mut pieces = vec![title.clone()];
    for (at, _) in title.match_indices(['-', '|', '<', '>', ':', '–', '—']) {
        if SEPARATORS.iter().any(|s| {
            title
                .get(at.saturating_sub(1)..)
                .is_some_and(|t| t.starts_with(s))
        }) {
            let head = title[..at].trim();
            if !head.is_empty() && !pieces.iter().any(|p| p == head) {
                pieces.push(head.to_string());
            }
        }
    }
    pieces
}

/// The best-supported headline among `candidates`.
pub(crate) fn choose(candidates: &[(Source, String)]) -> Option<String> {
    let normal: Vec<(Source, String)> = candidates
        .iter()
        .map(|(source, text)| (*source, words(text)))
        .filter(|(_, text)| text.chars().nth(MIN_TITLE_CHARS - 1).is_some())
        .collect();
    normal
        .iter()
        .map(|(source, text)| {
            // Each source supports at most once (its best agreeing text).
            let mut supporters: Vec<Source> = normal
                .iter()
                .filter(|(_, other)| extends(other, text))
                .map(|(s, _)| *s)
                .collect();
            supporters.sort();
            supporters.dedup();
            let support: usize = supporters.iter().map(|s| s.weight()).sum();
            (support, *source, text)
        })
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
        .map(|(_, _, text)| text.clone())
}

/// Whether two headlines are the same one, one perhaps with words appended.
pub(crate) fn agree(a: &str, b: &str) -> bool {
    let (a, b) = (words(a), words(b));
    !a.is_empty() && !b.is_empty() && (extends(&a, &b) || extends(&b, &a))
}

/// Whether `longer` is `text` or `text` followed by appended words (after a space or a
/// separator).
fn extends(longer: &str, text: &str) -> bool {
    match longer.strip_prefix(text) {
        Some("") => true,
        Some(rest) => rest.starts_with([' ', ',', '#', '|', '<', '-', ':', '[', '(', '/']),
        None => false,
    }
}

/// Words joined by single spaces.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pick(candidates: &[(Source, &str)]) -> Option<String> {
        let owned: Vec<(Source, String)> = candidates
            .iter()
            .map(|(s, t)| (*s, t.to_string()))
            .collect();
        choose(&owned)
    }

    #[test]
    fn appended_site_names_and_keywords_lose() {
        assert_eq!(
            pick(&[
                (Source::Meta, "홈플러스 고기 대방출 #동네머니"),
                (Source::Document, "홈플러스 고기 대방출"),
                (Source::Element, "홈플러스 고기 대방출"),
            ])
            .as_deref(),
            Some("홈플러스 고기 대방출")
        );
        let mut candidates = vec![(
            Source::Meta,
            "도서관 개관, 동네시, 전라남도 동네, Dongne City",
        )];
        let pieces = document_pieces("도서관 개관 < 보도자료 < 열린시정 - 동네시청");
        candidates.extend(pieces.iter().map(|p| (Source::Document, p.as_str())));
        assert_eq!(pick(&candidates).as_deref(), Some("도서관 개관"));
    }

    #[test]
    fn agreement_beats_a_lone_headline_element() {
        assert_eq!(
            pick(&[
                (Source::Element, "만족도조사 결과"),
                (Source::Element, "동네군 누리집, 웹 접근성 인증"),
                (Source::Body, "동네군 누리집, 웹 접근성 인증"),
                (Source::Document, "알림마당>동네뉴스>보도자료 > 상세"),
            ])
            .as_deref(),
            Some("동네군 누리집, 웹 접근성 인증")
        );
    }

    #[test]
    fn title_pieces() {
        assert_eq!(
            document_pieces("제목이다 - 사회 | 동네일보"),
            ["제목이다 - 사회 | 동네일보", "제목이다", "제목이다 - 사회"]
        );
        assert_eq!(document_pieces("A-B 합의"), ["A-B 합의"]);
    }
}
