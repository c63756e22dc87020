//! The pages' views: what the search and article pages show, with every link made from the
//! parameters of the request.

use axum::http::StatusCode;

use super::AppState;
use super::api::ALL_FACETS;
use super::params::{By, Params, Sort};
use crate::output::html::SearchForm;
use crate::output::html::article_page::ArticlePage;
use crate::output::html::search_page::{Choice, Link, Picker, ResultView, SearchPage};
use crate::output::svg::trend_chart;
use crate::regions::{Gazetteer, RegionId};
use crate::search::FacetKind;
use crate::search::dates::today_kst;
use crate::search::facets::FacetCounts;
use crate::search::trend::Bucket;

/// The search page for `params`, and the status to send it with.
pub fn search_page(state: &AppState, params: &Params) -> (StatusCode, SearchPage) {
    let mut page = SearchPage {
        form: form(params),
        asked: !params.q.trim().is_empty()
            || !params.region.is_empty()
            || !params.press.is_empty()
            || !params.reporter.is_empty()
            || params.from.is_some()
            || params.to.is_some(),
        keep: keep(params),
        dates: (
            params.from.clone().unwrap_or_default(),
            params.to.clone().unwrap_or_default(),
        ),
        active: active_filters(params),
        ..SearchPage::default()
    };
    let gazetteer = &state.gazetteer;
    let filters = params.filters(gazetteer);
    page.picker = picker(
        gazetteer,
        filters
            .as_ref()
            .map(|f| f.regions.as_slice())
            .unwrap_or(&[]),
    );
    if !page.asked {
        return (StatusCode::OK, page);
    }
    let outcome = params
        .request(gazetteer, ALL_FACETS.to_vec(), true)
        .and_then(|request| Ok(state.backend.search(&request)?));
    let results = match outcome {
        Ok(results) => results,
        Err(err) => {
            page.error = Some(err.message);
            return (err.status, page);
        }
    };
    let (offset, limit) = (params.offset(), params.limit());
    page.total = results.total;
    page.range = (
        (offset + 1).min(results.total),
        (offset + results.results.len()).min(results.total),
    );
    page.previous = (offset > 0).then(|| {
        Params {
            offset: Some(offset.saturating_sub(limit)).filter(|&o| o > 0),
            ..params.clone()
        }
        .link("/")
    });
    page.next = (offset + limit < results.total).then(|| {
        Params {
            offset: Some(offset + limit),
            ..params.clone()
        }
        .link("/")
    });
    page.sorts = [(Sort::Relevance, "관련도순"), (Sort::Newest, "최신순")]
        .into_iter()
        .map(|(sort, label)| Link {
            label: label.into(),
            href: Params {
                sort: (sort != Sort::Relevance).then_some(sort),
                ..params.first_page()
            }
            .link("/"),
            current: params.sort.unwrap_or_default() == sort,
            ..Link::default()
        })
        .collect();
    page.facets = results
        .facets
        .iter()
        .map(|counts| facet_links(counts, params))
        .collect();
    page.results = results
        .results
        .into_iter()
        .map(|hit| {
            let copies = if hit.copies > 1 {
                state
                    .backend
                    .show(&hit.article.id, gazetteer)
                    .map(|shown| {
                        shown
                            .copies
                            .into_iter()
                            .map(|copy| {
                                let href = article_link(&copy.id, params);
                                (copy, href)
                            })
                            .collect()
                    })
                    .unwrap_or_default()
            } else {
                Vec::new()
            };
            ResultView {
                href: article_link(&hit.article.id, params),
                hit,
                copies,
            }
        })
        .collect();
    page.notes = results.notes;
    page.periods = [(By::Day, "일"), (By::Week, "주"), (By::Month, "월")]
        .into_iter()
        .map(|(by, label)| Link {
            label: label.into(),
            href: Params {
                by: Some(by),
                ..params.clone()
            }
            .link("/"),
            current: params.by.unwrap_or_default() == by,
            ..Link::default()
        })
        .collect();
    let interval = params.interval();
    page.trend = Some(
        filters
            .map_err(|err| err.message)
            .and_then(|filters| {
                state
                    .backend
                    .trend(&params.q, &filters, interval)
                    .map_err(|err| err.to_string())
            })
            .map(|buckets| {
                let link = |bucket: &Bucket| {
                    let last = interval
                        .next(bucket.start)
                        .and_then(|next| next.pred_opt())
                        .unwrap_or(bucket.start);
                    Params {
                        from: Some(bucket.start.to_string()),
                        to: Some(last.to_string()),
                        ..params.first_page()
                    }
                    .link("/")
                };
                trend_chart(&buckets, Some(&link))
            }),
    );
    page.exports = [
        ("CSV로 내보내기", "/export.csv"),
        ("JSON Lines로 내보내기", "/export.jsonl"),
    ]
    .into_iter()
    .map(|(label, path)| Link {
        label: label.into(),
        href: params.first_page().link(path),
        ..Link::default()
    })
    .collect();
    (StatusCode::OK, page)
}

/// The article page, its links leading back to the search of `params`.
pub fn article_page(
    state: &AppState,
    id: &str,
    params: &Params,
) -> Result<ArticlePage, super::ServeError> {
    let shown = state.backend.show(id, &state.gazetteer)?;
    let copy_links = shown
        .copies
        .iter()
        .map(|copy| article_link(&copy.id, params))
        .collect();
    Ok(ArticlePage {
        shown,
        form: form(params),
        back: params.link("/"),
        copy_links,
    })
}

fn article_link(id: &str, params: &Params) -> String {
    params.link(&format!("/articles/{id}"))
}

fn form(params: &Params) -> SearchForm {
    SearchForm {
        query: params.q.clone(),
        hidden: keep(params)
            .into_iter()
            .filter(|(name, _)| *name != "q")
            .collect(),
    }
}

/// The parameters as `(name, value)` pairs, for hidden form fields (the page position left
/// out: a new choice starts on the first page).
fn keep(params: &Params) -> Vec<(&'static str, String)> {
    let first = params.first_page();
    let mut out = Vec::new();
    if !first.q.is_empty() {
        out.push(("q", first.q.clone()));
    }
    out.extend(first.region.iter().map(|v| ("region", v.clone())));
    out.extend(first.from.iter().map(|v| ("from", v.clone())));
    out.extend(first.to.iter().map(|v| ("to", v.clone())));
    out.extend(first.press.iter().map(|v| ("press", v.clone())));
    out.extend(first.reporter.iter().map(|v| ("reporter", v.clone())));
    if let Some(sort) = first.sort {
        out.push(("sort", serde_plain(&sort)));
    }
    if let Some(by) = first.by {
        out.push(("by", serde_plain(&by)));
    }
    out
}

fn serde_plain<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The filters in force, each with the link that removes it.
fn active_filters(params: &Params) -> Vec<Link> {
    let base = params.first_page();
    let mut out = Vec::new();
    let removing = |label: String, change: &dyn Fn(&mut Params)| {
        let mut without = base.clone();
        change(&mut without);
        Link {
            label,
            href: without.link("/"),
            ..Link::default()
        }
    };
    for region in &params.region {
        out.push(removing(
            crate::output::search::region_text(region),
            &|p: &mut Params| p.region.retain(|r| r != region),
        ));
    }
    if params.from.is_some() || params.to.is_some() {
        out.push(removing(
            format!(
                "{} ~ {}",
                params.from.as_deref().unwrap_or(""),
                params.to.as_deref().unwrap_or("")
            ),
            &|p: &mut Params| (p.from, p.to) = (None, None),
        ));
    }
    for press in &params.press {
        out.push(removing(press.clone(), &|p: &mut Params| {
            p.press.retain(|v| v != press)
        }));
    }
    for reporter in &params.reporter {
        out.push(removing(format!("{reporter} 기자"), &|p: &mut Params| {
            p.reporter.retain(|v| v != reporter)
        }));
    }
    out
}

/// A facet's values as links that narrow the search to them.
fn facet_links(counts: &FacetCounts, params: &Params) -> (&'static str, Vec<Link>) {
    let base = params.first_page();
    let title = match counts.facet {
        FacetKind::Region => "지역별",
        FacetKind::Press => "언론사",
        FacetKind::Reporter => "기자",
        FacetKind::Month => "월별",
    };
    let links = counts
        .values
        .iter()
        .map(|value| {
            let mut narrowed = base.clone();
            let (label, current) = match counts.facet {
                FacetKind::Region => {
                    narrowed.region = vec![value.value.clone()];
                    let name = value
                        .value
                        .trim_end_matches('/')
                        .rsplit('/')
                        .next()
                        .unwrap_or(&value.value)
                        .to_string();
                    (name, params.region.contains(&value.value))
                }
                FacetKind::Press => {
                    narrowed.press = vec![value.value.clone()];
                    (value.value.clone(), params.press.contains(&value.value))
                }
                FacetKind::Reporter => {
                    narrowed.reporter = vec![value.value.clone()];
                    (value.value.clone(), params.reporter.contains(&value.value))
                }
                FacetKind::Month => {
                    (narrowed.from, narrowed.to) =
                        (Some(value.value.clone()), Some(value.value.clone()));
                    (value.value.clone(), false)
                }
            };
            Link {
                label,
                href: narrowed.link("/"),
                count: Some(value.count),
                depth: value.depth,
                current,
            }
        })
        .collect();
    (title, links)
}

/// The picker: today's 시·도, then the 시·군·구 of the one filtered on, then what lies in
/// that one; each name with its former names.
fn picker(gazetteer: &Gazetteer, filtered: &[String]) -> Picker {
    let today = today_kst();
    let current: Vec<RegionId> = (0..gazetteer.regions().len())
        .filter(|&id| gazetteer.region(id).valid_on(today))
        .collect();
    let choices = |parent: Option<RegionId>| -> Vec<(RegionId, Choice)> {
        current
            .iter()
            .filter(|&&id| gazetteer.region(id).parent == parent)
            .map(|&id| {
                let region = gazetteer.region(id);
                let mut former: Vec<&str> = region
                    .predecessors
                    .iter()
                    .map(|&p| gazetteer.region(p).name.as_str())
                    .filter(|name| *name != region.name)
                    .collect();
                former.dedup();
                let label = if former.is_empty() {
                    region.name.clone()
                } else {
                    format!("{} (옛 {})", region.name, former.join("·"))
                };
                let selected = filtered.iter().any(|path| {
                    path == &region.path || path.starts_with(&format!("{}/", region.path))
                });
                (
                    id,
                    Choice {
                        value: region.path.clone(),
                        label,
                        selected,
                    },
                )
            })
            .collect()
    };
    let mut levels = Vec::new();
    let mut parent = None;
    for label in ["시·도", "시·군·구", "읍·면·동"] {
        let level = choices(parent);
        if level.is_empty() {
            break;
        }
        parent = level.iter().find(|(_, c)| c.selected).map(|(id, _)| *id);
        levels.push((label, level.into_iter().map(|(_, c)| c).collect()));
        if parent.is_none() {
            break;
        }
    }
    Picker { levels }
}
