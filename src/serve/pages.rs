//! The page handlers: HTML for people, and the bundled assets.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};

use super::api::Query;
use super::params::Params;
use super::{AppState, ServeError, blocking, views};
use crate::output::html::{self, article_page, search_page};

/// `GET /`: the search page (a search when parameters are given).
pub async fn search(State(state): State<AppState>, Query(params): Query<Params>) -> Response {
    let params = params.cleaned();
    let rendered = blocking(move || {
        let (status, page) = views::search_page(&state, &params);
        Ok((status, Html(search_page::render(&page).into_string())))
    })
    .await;
    match rendered {
        Ok(page) => page.into_response(),
        Err(err) => error_page(err),
    }
}

/// `GET /articles/{id}`: one article in full.
pub async fn article(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(params): Query<Params>,
) -> Response {
    let params = params.cleaned();
    let rendered = blocking(move || {
        let page = views::article_page(&state, &id, &params)?;
        Ok(Html(article_page::render(&page).into_string()))
    })
    .await;
    match rendered {
        Ok(page) => page.into_response(),
        Err(err) => error_page(err),
    }
}

/// An error as a page.
fn error_page(err: ServeError) -> Response {
    let body = maud::html! {
        h1 { "찾을 수 없습니다" }
        p role="alert" { (err.message) }
        p { a href="/" { "처음으로" } }
    };
    let page = html::layout("오류", &html::SearchForm::default(), body);
    (err.status, Html(page.into_string())).into_response()
}

/// `GET /assets/style.css`.
pub async fn style() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        html::STYLE,
    )
}

/// `GET /assets/app.js`.
pub async fn script() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        html::SCRIPT,
    )
}
