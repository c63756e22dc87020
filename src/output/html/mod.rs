//! The web page: HTML made with maud (templates checked when compiling, every value
//! escaped), the style sheet and the small script that only improves it. The server hands
//! each page a view whose links are already made ([`crate::serve`]).

pub mod article_page;
pub mod search_page;

use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::search::execute::Highlighted;

/// The style sheet, served at [`STYLE_PATH`].
pub const STYLE: &str = include_str!("assets/style.css");
/// The script, served at [`SCRIPT_PATH`]; the page works without it.
pub const SCRIPT: &str = include_str!("assets/app.js");
/// Where the style sheet is served.
pub const STYLE_PATH: &str = "/assets/style.css";
/// Where the script is served.
pub const SCRIPT_PATH: &str = "/assets/app.js";

/// A page: `title`, the search form (holding `query` and `hidden` fields that keep the
/// filters), and `body`.
pub fn layout(title: &str, form: &SearchForm, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="ko" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — 동네 뉴스 검색" }
                link rel="stylesheet" href=(STYLE_PATH);
                script src=(SCRIPT_PATH) defer {}
            }
            body {
                a class="skip" href="#main" { "본문으로 건너뛰기" }
                header {
                    a class="home" href="/" { "동네" }
                    (search_form(form))
                }
                main id="main" { (body) }
                footer { "dongne — 지역 뉴스 검색. 모든 데이터는 이 컴퓨터 안에 있습니다." }
            }
        }
    }
}

/// What the search form holds.
#[derive(Debug, Clone, Default)]
pub struct SearchForm {
    /// The query.
    pub query: String,
    /// Filters kept across a new query: `(name, value)`.
    pub hidden: Vec<(&'static str, String)>,
}

fn search_form(form: &SearchForm) -> Markup {
    html! {
        form class="search" role="search" method="get" action="/" {
            label for="q" class="visually-hidden" { "검색어" }
            input id="q" name="q" type="search" value=(form.query)
                placeholder="검색어 (예: 광양 매화축제)" autocomplete="off";
            @for (name, value) in &form.hidden {
                input type="hidden" name=(name) value=(value);
            }
            button type="submit" { "검색" }
            details class="help" {
                summary { "검색 문법" }
                (query_help())
            }
        }
    }
}

/// The query language, in Korean.
fn query_help() -> Markup {
    let rows = [
        (
            "광양 매화",
            "두 낱말이 모두 있는 기사가 먼저, 일부만 있는 기사가 뒤에 나옵니다",
        ),
        ("광양 OR 순천", "어느 한쪽이라도 있는 기사"),
        ("축제 -광양", "광양이 없는 기사"),
        ("\"매화 축제\"", "낱말이 이 순서로 붙어 있는 기사"),
        ("title:광양", "제목에만 (body: 본문에만)"),
        ("reporter:홍길동", "기자 이름 (press:광양신문 언론사)"),
        ("(광양 OR 순천) 축제", "묶기"),
    ];
    html! {
        table {
            @for (query, meaning) in rows {
                tr { td { code { (query) } } td { (meaning) } }
            }
        }
        p { "조사·어미는 빼고 찾습니다 (광양시에서 → 광양시). 띄어쓰기가 달라도, 따옴표로 감싸도 같은 낱말을 찾습니다." }
    }
}

/// An excerpt with its matches marked: each piece escaped first, then wrapped in `<mark>`.
pub fn snippet(snippet: &Highlighted) -> Markup {
    let mut pieces: Vec<(bool, &str)> = Vec::new();
    let mut at = 0;
    for range in &snippet.ranges {
        if let (Some(before), Some(matched)) = (
            snippet.text.get(at..range.start),
            snippet.text.get(range.clone()),
        ) {
            pieces.push((false, before));
            pieces.push((true, matched));
            at = range.end;
        }
    }
    pieces.push((false, snippet.text.get(at..).unwrap_or_default()));
    html! {
        @for (marked, text) in pieces {
            @if marked { mark { (text) } } @else { (text) }
        }
    }
}

/// A line break per paragraph of `text` (escaped).
pub fn paragraphs(text: &str) -> Markup {
    html! {
        @for paragraph in text.split('\n').filter(|p| !p.trim().is_empty()) {
            p { (paragraph) }
        }
    }
}

/// Nothing, for an empty attribute-free spot.
pub fn nothing() -> Markup {
    PreEscaped(String::new())
}
