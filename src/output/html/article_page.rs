//! The page of one article: its full text, reporters, press, dates, why it is tagged with
//! its regions, its copies and the link to the original.

use maud::{Markup, html};

use super::{SearchForm, layout, paragraphs};
use crate::output::search::{date_text, region_text};
use crate::search::execute::{ShownArticle, StoredArticle};

/// Everything the article page shows, links made.
#[derive(Debug)]
pub struct ArticlePage {
    /// The article with its copies and region evidence.
    pub shown: ShownArticle,
    /// The form (back to the search it came from).
    pub form: SearchForm,
    /// The search it came from.
    pub back: String,
    /// The page of each copy.
    pub copy_links: Vec<String>,
}

/// The page.
pub fn render(page: &ArticlePage) -> Markup {
    let a = &page.shown.article;
    let body = html! {
        article class="full" {
            p { a href=(page.back) { "← 검색 결과로" } }
            h1 { (a.title) }
            dl class="facts" {
                dt { "입력" } dd { (date_text(a)) }
                @if let Some(press) = &a.press { dt { "언론사" } dd { (press) } }
                @if !a.reporters.is_empty() { dt { "기자" } dd { (a.reporters.join(", ")) } }
                @if let Some(region) = &a.region_primary { dt { "지역" } dd { (region_text(region)) } }
                @if let Some(dateline) = &a.dateline { dt { "발신지" } dd { (dateline) } }
                @if let Some(section) = &a.section { dt { "분류" } dd { (section) } }
            }
            @if is_link(&a.url) {
                p { a href=(a.url) rel="noopener noreferrer nofollow" { "원문 보기" } }
            } @else {
                p class="meta" { "출처: " (a.url) }
            }
            div class="body" { (paragraphs(&a.body)) }
            @if !page.shown.region_evidence.is_empty() {
                section {
                    h2 { "지역을 정한 근거" }
                    ul class="evidence" {
                        @for line in &page.shown.region_evidence { li { (line) } }
                    }
                }
            }
            @if !page.shown.copies.is_empty() {
                section {
                    h2 { "같은 기사 " (page.shown.copies.len()) "건" }
                    ul { @for (copy, href) in page.shown.copies.iter().zip(&page.copy_links) { li { (copy_line(copy, href)) } } }
                }
            }
        }
    };
    layout(&a.title, &page.form, body)
}

fn copy_line(copy: &StoredArticle, href: &str) -> Markup {
    html! {
        a href=(href) { (copy.title) } " "
        span class="meta" { (date_text(copy)) " · " (copy.press.clone().unwrap_or_default()) }
    }
}

/// Whether `url` is a web address (a dump's file path is shown, not linked).
fn is_link(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}
