//! The JSON API: the command line's searches as HTTP, the same parameters and fields.

use axum::Json;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::params::Params;
use super::{AppState, ServeError, blocking};
use crate::regions::{Gazetteer, Region};
use crate::search::execute::{QueryNotes, SearchHit, ShownArticle};
use crate::search::facets::FacetCounts;
use crate::search::trend::Bucket;
use crate::search::{FacetKind, Interval};

/// The parameters of a request, read from its query string (repeated keys allowed).
pub struct Query<T>(pub T);

impl<S: Send + Sync, T: for<'de> Deserialize<'de>> FromRequestParts<S> for Query<T> {
    type Rejection = ServeError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ServeError> {
        let query = parts.uri.query().unwrap_or_default();
        serde_html_form::from_str(query)
            .map(Query)
            .map_err(|err| ServeError::bad(format!("bad parameters: {err}")))
    }
}

/// `/api/search`: one page of results with the notes on the query.
#[derive(Debug, Serialize)]
pub struct SearchResponse {
    /// Results (copies counted once).
    pub total: usize,
    /// Matching articles, copies included.
    pub hits: usize,
    /// Results skipped.
    pub offset: usize,
    /// Results asked for.
    pub limit: usize,
    /// The page: every stored field, the score, copies and the words each result lacks.
    pub results: Vec<SearchHit>,
    /// What search made of the query.
    pub notes: QueryNotes,
}

/// `GET /api/search`.
pub async fn search(
    State(state): State<AppState>,
    Query(params): Query<Params>,
) -> Result<Json<SearchResponse>, ServeError> {
    let params = params.cleaned();
    blocking(move || {
        let request = params.request(&state.gazetteer, Vec::new(), false)?;
        let results = state.backend.search(&request)?;
        Ok(Json(SearchResponse {
            total: results.total,
            hits: results.hits,
            offset: request.offset,
            limit: request.limit,
            results: results.results,
            notes: results.notes,
        }))
    })
    .await
}

/// `/api/trend`: matching articles per period.
#[derive(Debug, Serialize)]
pub struct TrendResponse {
    /// The period.
    pub by: Interval,
    /// Counts per period, empty periods included.
    pub buckets: Vec<Bucket>,
}

/// `GET /api/trend`.
pub async fn trend(
    State(state): State<AppState>,
    Query(params): Query<Params>,
) -> Result<Json<TrendResponse>, ServeError> {
    let params = params.cleaned();
    blocking(move || {
        params.check()?;
        let filters = params.filters(&state.gazetteer)?;
        let by = params.interval();
        let buckets = state.backend.trend(&params.q, &filters, by)?;
        Ok(Json(TrendResponse { by, buckets }))
    })
    .await
}

/// `/api/facets`: counts per region, month, press and reporter.
#[derive(Debug, Serialize)]
pub struct FacetsResponse {
    /// Each facet's values, most frequent first.
    pub facets: Vec<FacetCounts>,
}

/// `GET /api/facets`.
pub async fn facets(
    State(state): State<AppState>,
    Query(params): Query<Params>,
) -> Result<Json<FacetsResponse>, ServeError> {
    let params = params.cleaned();
    blocking(move || {
        let mut request = params.request(&state.gazetteer, ALL_FACETS.to_vec(), false)?;
        request.limit = 0;
        let results = state.backend.search(&request)?;
        Ok(Json(FacetsResponse {
            facets: results.facets,
        }))
    })
    .await
}

/// Every facet, in the order the page lists them.
pub const ALL_FACETS: [FacetKind; 4] = [
    FacetKind::Region,
    FacetKind::Press,
    FacetKind::Reporter,
    FacetKind::Month,
];

/// `GET /api/articles/{id}`: the article, its copies and its region evidence.
pub async fn article(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<ShownArticle>, ServeError> {
    blocking(move || Ok(Json(state.backend.show(&id, &state.gazetteer)?))).await
}

/// The parameters of `/api/regions`.
#[derive(Debug, Default, Deserialize)]
pub struct RegionParams {
    /// Only the regions directly inside this path.
    #[serde(default)]
    pub parent: Option<String>,
    /// The day the names are read on (default: today).
    #[serde(default)]
    pub date: Option<NaiveDate>,
}

/// One region of `/api/regions`.
#[derive(Debug, Serialize)]
pub struct RegionEntry {
    /// Facet path (`/전라남도/목포시/하당동`), as named on the day.
    pub path: String,
    /// Name.
    pub name: String,
    /// Kind (`시`, `군`, `동` …).
    pub kind: &'static str,
    /// Official code, when known.
    pub code: Option<String>,
    /// Short forms and other spellings.
    pub aliases: Vec<String>,
    /// The paths it continues (renamed, merged or moved from).
    pub former: Vec<String>,
}

/// `/api/regions`: regions in force on a day, with their former paths.
#[derive(Debug, Serialize)]
pub struct RegionsResponse {
    /// The day.
    pub date: NaiveDate,
    /// The regions, in gazetteer order.
    pub regions: Vec<RegionEntry>,
}

/// `GET /api/regions`.
pub async fn regions(
    State(state): State<AppState>,
    Query(params): Query<RegionParams>,
) -> Result<Json<RegionsResponse>, ServeError> {
    let date = params.date.unwrap_or_else(crate::search::dates::today_kst);
    let gazetteer = &state.gazetteer;
    let parent = params.parent.as_deref().map(|p| p.trim_end_matches('/'));
    if let Some(parent) = parent.filter(|p| !p.is_empty()) {
        check_parent(gazetteer, parent, date)?;
    }
    let regions = gazetteer
        .regions()
        .iter()
        .filter(|r| r.valid_on(date))
        .filter(|r| {
            parent.is_none_or(|parent| {
                r.path
                    .rsplit_once('/')
                    .is_some_and(|(above, _)| above == parent)
            })
        })
        .map(|r| RegionEntry {
            path: r.path.clone(),
            name: r.name.clone(),
            kind: r.kind.as_str(),
            code: r.code.clone(),
            aliases: r.aliases.clone(),
            former: r
                .predecessors
                .iter()
                .map(|&id| gazetteer.region(id).path.clone())
                .collect(),
        })
        .collect();
    Ok(Json(RegionsResponse { date, regions }))
}

/// A 404 unless `parent` is the path of a region that exists on `date`.
fn check_parent(gazetteer: &Gazetteer, parent: &str, date: NaiveDate) -> Result<(), ServeError> {
    let same_path: Vec<&Region> = gazetteer
        .regions()
        .iter()
        .filter(|r| r.path == parent)
        .collect();
    if same_path.iter().any(|r| r.valid_on(date)) {
        return Ok(());
    }
    Err(ServeError::not_found(match same_path.first() {
        Some(region) => format!(
            "`{parent}` is not a region on {date} (it existed {}); ask with a date inside \
             that span, or list today's regions without a parent",
            region.validity()
        ),
        None => format!(
            "no region `{parent}`; a parent is a path such as `/서울특별시` or \
             `/서울특별시/중구`, as listed without a parent"
        ),
    }))
}

/// Any other path: 404 as JSON.
pub async fn not_found() -> ServeError {
    ServeError::not_found(
        "no such page. The page is `/`; the API is under `/api/` (search, trend, facets, \
         articles/ID, regions)",
    )
}
