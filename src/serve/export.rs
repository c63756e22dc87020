//! Exports of the current results: CSV for spreadsheets, JSON Lines like `dongne search
//! --json`. Up to [`MAX_EXPORT`] results, in the page's order.

use axum::http::header;
use axum::response::IntoResponse;

use super::api::Query;
use super::params::{MAX_EXPORT, Params};
use super::{AppState, ServeError, blocking};
use crate::search::execute::SearchHit;

/// `GET /export.csv`.
pub async fn csv(
    axum::extract::State(state): axum::extract::State<AppState>,
    Query(params): Query<Params>,
) -> Result<impl IntoResponse, ServeError> {
    let hits = results(state, params).await?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    let write = |writer: &mut csv::Writer<Vec<u8>>, row: &[&str]| {
        writer
            .write_record(row)
            .map_err(|err| ServeError::internal(format!("writing CSV: {err}")))
    };
    write(
        &mut writer,
        &[
            "id",
            "published",
            "press",
            "reporters",
            "region",
            "title",
            "url",
            "copies",
        ],
    )?;
    for hit in &hits {
        let a = &hit.article;
        let published = a.published.map(|t| t.to_rfc3339()).unwrap_or_default();
        let copies = hit.copies.to_string();
        write(
            &mut writer,
            &[
                &a.id,
                &published,
                a.press.as_deref().unwrap_or_default(),
                &a.reporters.join("; "),
                a.region_primary.as_deref().unwrap_or_default(),
                &a.title,
                &a.url,
                &copies,
            ],
        )?;
    }
    let body = writer
        .into_inner()
        .map_err(|err| ServeError::internal(format!("writing CSV: {err}")))?;
    Ok(download("text/csv; charset=utf-8", "dongne.csv", body))
}

/// `GET /export.jsonl`.
pub async fn json_lines(
    axum::extract::State(state): axum::extract::State<AppState>,
    Query(params): Query<Params>,
) -> Result<impl IntoResponse, ServeError> {
    let hits = results(state, params).await?;
    let mut body = Vec::new();
    crate::output::search::write_hits_json(&mut body, &hits)
        .map_err(|err| ServeError::internal(format!("writing JSON: {err}")))?;
    Ok(download(
        "application/jsonl; charset=utf-8",
        "dongne.jsonl",
        body,
    ))
}

/// `body` as a file to save, of type `kind`, named `file`.
fn download(kind: &'static str, file: &str, body: Vec<u8>) -> impl IntoResponse {
    let disposition = format!("attachment; filename=\"{file}\"");
    (
        [
            (header::CONTENT_TYPE, kind.to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
}

/// The results the parameters ask for, from the first, up to [`MAX_EXPORT`].
async fn results(state: AppState, params: Params) -> Result<Vec<SearchHit>, ServeError> {
    let params = Params {
        limit: None,
        offset: None,
        ..params.cleaned()
    };
    blocking(move || {
        let mut request = params.request(&state.gazetteer, Vec::new(), false)?;
        request.limit = MAX_EXPORT;
        Ok(state.backend.search(&request)?.results)
    })
    .await
}
