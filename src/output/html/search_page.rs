//! The search page: the results with their snippets and copies, the notes on the query, the
//! filters with their counts, the region picker, the trend chart and the exports.

use maud::{Markup, html};

use super::{SearchForm, layout, snippet};
use crate::output::search::{date_text, region_text};
use crate::search::FilterKind;
use crate::search::execute::{QueryNotes, SearchHit, StoredArticle};
use crate::search::explain::FilterChange;

/// Everything the search page shows, links made.
#[derive(Debug, Default)]
pub struct SearchPage {
    /// The form, with the query and the filters it keeps.
    pub form: SearchForm,
    /// Whether anything was asked (an empty first visit shows no results).
    pub asked: bool,
    /// A message when the search could not run (a bad date, an unknown region).
    pub error: Option<String>,
    /// Filters in force, each with the link that removes it.
    pub active: Vec<Link>,
    /// What search made of the query.
    pub notes: QueryNotes,
    /// Results (groups of copies counted once).
    pub total: usize,
    /// The results on this page.
    pub results: Vec<ResultView>,
    /// `11–20` of `total`.
    pub range: (usize, usize),
    /// The previous and next pages.
    pub previous: Option<String>,
    /// The next page.
    pub next: Option<String>,
    /// The orders, the current one marked.
    pub sorts: Vec<Link>,
    /// The filters with their counts, per kind (`지역`, `언론사`, `기자`, `월`).
    pub facets: Vec<(&'static str, Vec<Link>)>,
    /// The parameters in force (`q`, `region`, `from`, …), kept by the picker and date forms
    /// beside the value each sets.
    pub keep: Vec<(&'static str, String)>,
    /// The region picker.
    pub picker: Picker,
    /// The date range of the form.
    pub dates: (String, String),
    /// The trend chart (SVG), or why there is none.
    pub trend: Option<Result<Markup, String>>,
    /// The chart's periods (day, week, month), the current one marked.
    pub periods: Vec<Link>,
    /// Links to the exports (CSV, JSON Lines).
    pub exports: Vec<Link>,
}

/// A link: its text, where it goes, a count, how deep it sits and whether it is the current
/// choice.
#[derive(Debug, Clone, Default)]
pub struct Link {
    /// The text.
    pub label: String,
    /// The target.
    pub href: String,
    /// A count shown beside it.
    pub count: Option<u64>,
    /// Indentation level (regions below their province).
    pub depth: usize,
    /// Whether it is in force.
    pub current: bool,
}

/// One result.
#[derive(Debug)]
pub struct ResultView {
    /// The hit.
    pub hit: SearchHit,
    /// Its page.
    pub href: String,
    /// The other copies of its text (when it has some).
    pub copies: Vec<(StoredArticle, String)>,
}

/// The region picker: 시·도, then the 시·군·구 of the chosen one, then its 읍·면·동.
#[derive(Debug, Default)]
pub struct Picker {
    /// Levels, each `(label, choices)`; a choice's value is a facet path.
    pub levels: Vec<(&'static str, Vec<Choice>)>,
}

/// One choice of a picker level.
#[derive(Debug, Clone)]
pub struct Choice {
    /// The region path sent.
    pub value: String,
    /// The name shown (today's, with former names).
    pub label: String,
    /// Whether it is the one filtered on.
    pub selected: bool,
}

/// The page.
pub fn render(page: &SearchPage) -> Markup {
    let title = if page.form.query.is_empty() {
        "검색".to_string()
    } else {
        page.form.query.clone()
    };
    let body = html! {
        div class="columns" {
            aside class="filters" aria-label="필터" { (filters(page)) }
            section class="results" aria-label="검색 결과" { (results(page)) }
        }
    };
    layout(&title, &page.form, body)
}

fn filters(page: &SearchPage) -> Markup {
    html! {
        @if !page.active.is_empty() {
            section {
                h2 { "적용한 필터" }
                ul class="chips" {
                    @for link in &page.active {
                        li { a href=(link.href) aria-label=(format!("{} 필터 빼기", link.label)) { (link.label) " ✕" } }
                    }
                }
            }
        }
        section {
            h2 { "지역" }
            // One form per level, so only the level chosen is sent.
            @for (i, (label, choices)) in page.picker.levels.iter().enumerate() {
                form class="picker" method="get" action="/" {
                    (kept(&page.keep, &["region"]))
                    label for=(format!("region-{i}")) { (label) }
                    select id=(format!("region-{i}")) name="region" data-autosubmit {
                        option value="" { "전체" }
                        @for choice in choices {
                            option value=(choice.value) selected[choice.selected] { (choice.label) }
                        }
                    }
                    button type="submit" { "선택" }
                }
            }
        }
        section {
            h2 { "기간" }
            form class="dates" method="get" action="/" {
                (kept(&page.keep, &["from", "to"]))
                label for="from" { "부터" }
                input id="from" name="from" type="date" value=(page.dates.0);
                label for="to" { "까지" }
                input id="to" name="to" type="date" value=(page.dates.1);
                button type="submit" { "기간 적용" }
            }
        }
        @for (title, links) in &page.facets {
            @if !links.is_empty() {
                section {
                    h2 { (title) }
                    ul class="facet" {
                        @for link in links {
                            li class=(format!("depth-{}", link.depth.min(3))) {
                                a href=(link.href) aria-current=[link.current.then_some("true")] {
                                    (link.label)
                                }
                                @if let Some(count) = link.count { " " span class="count" { (count) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Hidden fields for the parameters in `keep`, except those named in `set`.
fn kept(keep: &[(&'static str, String)], set: &[&str]) -> Markup {
    html! {
        @for (name, value) in keep.iter().filter(|(name, _)| !set.contains(name)) {
            input type="hidden" name=(name) value=(value);
        }
    }
}

fn results(page: &SearchPage) -> Markup {
    html! {
        @if let Some(error) = &page.error {
            p class="error" role="alert" { (error) }
        }
        (notes(page))
        @if page.asked && page.error.is_none() {
            div class="bar" {
                p class="count" {
                    "결과 " strong { (page.total) } "건"
                    @if page.total > 0 { " · " (page.range.0) "–" (page.range.1) }
                }
                nav class="sorts" aria-label="정렬" {
                    @for link in &page.sorts {
                        a href=(link.href) aria-current=[link.current.then_some("true")] { (link.label) }
                    }
                }
            }
            ol class="hits" start=(page.range.0.max(1)) {
                @for result in &page.results { li { (hit(result)) } }
            }
            (pagination(page))
            section class="trend" aria-label="기사 추이" {
                h2 { "기사 추이" }
                nav class="periods" aria-label="기간 단위" {
                    @for link in &page.periods {
                        a href=(link.href) aria-current=[link.current.then_some("true")] { (link.label) }
                    }
                }
                @match &page.trend {
                    Some(Ok(chart)) => (chart),
                    Some(Err(why)) => p { (why) },
                    None => {}
                }
            }
            section class="exports" {
                h2 { "내보내기" }
                @for link in &page.exports {
                    a href=(link.href) download { (link.label) } " "
                }
            }
        }
    }
}

fn notes(page: &SearchPage) -> Markup {
    let notes = &page.notes;
    html! {
        @if let Some(reason) = &notes.read_as_plain_words {
            p class="note" { "검색 문법으로 읽을 수 없어 낱말로 찾았습니다 (" (reason) ")." }
        }
        @for synonym in &notes.synonyms {
            p class="note" { (synonym.word) "는 " (synonym.also.join(", ")) "도 찾았습니다." }
        }
        @if !notes.read_otherwise.is_empty() {
            p class="note" { "띄어쓰기·조사를 달리해서도 찾았습니다: " (notes.read_otherwise.join(", ")) }
        }
        @if !notes.not_all_required.is_empty() {
            p class="note" {
                "모든 낱말이 있는 기사는 " (notes.complete) "건입니다. 그 뒤에 낱말 일부만 있는 기사를 보여 줍니다."
            }
        }
        @if let Some(explanation) = &notes.explanation {
            section class="explain" {
                h2 { "이렇게 찾았습니다" }
                ul {
                    @for word in &explanation.words {
                        li {
                            code { (word.text) } " → " (word.tokens.join(" ")) " · 기사 " (word.articles) "건"
                            @if !word.suggestions.is_empty() {
                                " · 이 낱말은 어떨까요: "
                                @for (i, suggestion) in word.suggestions.iter().enumerate() {
                                    @if i > 0 { ", " }
                                    a href=(format!("/?q={}", urlencode(suggestion))) { (suggestion) }
                                }
                            }
                        }
                    }
                }
                @if !explanation.filters.is_empty() {
                    p {
                        @for (i, report) in explanation.filters.iter().enumerate() {
                            @if i > 0 { " · " }
                            (report.articles) "건 "
                            @match &report.change {
                                FilterChange::WiderRegions(paths) => {
                                    (paths.iter().map(|p| region_text(p)).collect::<Vec<_>>().join(", ")) "에서"
                                }
                                FilterChange::Without(kind) => { (filter_name(*kind)) " 필터 없이" }
                                FilterChange::NoFilters => "필터 없이",
                            }
                        }
                    }
                }
            }
        }
    }
}

fn hit(result: &ResultView) -> Markup {
    let a = &result.hit.article;
    let mut details = vec![date_text(a)];
    details.extend(a.press.clone());
    if !a.reporters.is_empty() {
        details.push(a.reporters.join(", "));
    }
    details.extend(a.region_primary.as_deref().map(region_text));
    html! {
        article class="hit" {
            h3 { a href=(result.href) { (a.title) } }
            p class="meta" { (details.join(" · ")) }
            @if let Some(found) = &result.hit.snippet {
                p class="snippet" { (snippet(found)) }
            }
            @if !result.hit.missing.is_empty() {
                p class="missing" { "없는 낱말: " (result.hit.missing.join(", ")) }
            }
            @if result.hit.copies > 1 {
                details class="copies" {
                    summary { "같은 내용의 기사 " (result.hit.copies - 1) "건 더" }
                    ul {
                        @for (copy, href) in &result.copies {
                            li {
                                a href=(href) { (copy.title) }
                                " " span class="meta" { (date_text(copy)) " · " (copy.press.clone().unwrap_or_default()) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn pagination(page: &SearchPage) -> Markup {
    html! {
        nav class="pages" aria-label="쪽" {
            @if let Some(href) = &page.previous { a href=(href) rel="prev" { "← 이전" } }
            @if let Some(href) = &page.next { a href=(href) rel="next" { "다음 →" } }
        }
    }
}

/// `text` for a query string.
pub fn urlencode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

fn filter_name(kind: FilterKind) -> &'static str {
    match kind {
        FilterKind::Region => "지역",
        FilterKind::Dates => "기간",
        FilterKind::Reporter => "기자",
        FilterKind::Press => "언론사",
    }
}
