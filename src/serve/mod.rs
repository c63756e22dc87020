//! `dongne serve`: the search page and the JSON API, from one process, offline.
//!
//! [`router`] maps the routes: the page (`/`, `/articles/{id}`, the exports and the
//! bundled assets) and the API (`/api/search`, `/api/trend`, `/api/facets`,
//! `/api/articles/{id}`, `/api/regions`, described in `docs/openapi.yaml`). Searches run on
//! the blocking pool against a [`Backend`]; every response carries a Content-Security-Policy
//! and requests time out. The server only reads: nothing it serves comes from the file
//! system but the bundled assets.

mod api;
mod auth;
mod error;
mod export;
mod pages;
pub mod params;
mod views;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use axum::routing::get;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

pub use error::ServeError;

use crate::regions::Gazetteer;
use crate::search::Backend;

/// How long a request may take before the server answers 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);

/// The policy every page is served with: nothing but its own assets, no frames, no inline
/// script.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; \
     frame-ancestors 'none'";

/// What the server searches.
#[derive(Clone)]
pub struct AppState {
    /// The articles.
    pub backend: Arc<dyn Backend>,
    /// Regions: filters, the picker and region evidence.
    pub gazetteer: Arc<Gazetteer>,
}

/// Who may use the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// Anyone who can reach it (loopback, or a network the operator chose to open it to).
    Open,
    /// Only requests bearing this token (an `Authorization: Bearer` header, or the cookie
    /// a first visit with `?token=` sets).
    Token(String),
}

/// The routes, with `access` enforced.
pub fn router(state: AppState, access: Access) -> Router {
    let routes = Router::new()
        .route("/", get(pages::search))
        .route("/articles/{id}", get(pages::article))
        .route("/export.csv", get(export::csv))
        .route("/export.jsonl", get(export::json_lines))
        .route(crate::output::html::STYLE_PATH, get(pages::style))
        .route(crate::output::html::SCRIPT_PATH, get(pages::script))
        .route("/api/search", get(api::search))
        .route("/api/trend", get(api::trend))
        .route("/api/facets", get(api::facets))
        .route("/api/articles/{id}", get(api::article))
        .route("/api/regions", get(api::regions))
        .fallback(api::not_found)
        .with_state(state);
    let routes = match access {
        Access::Open => routes,
        Access::Token(token) => routes.layer(axum::middleware::from_fn_with_state(
            Arc::new(token),
            auth::require_token,
        )),
    };
    routes
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(header_layer(
            header::CONTENT_SECURITY_POLICY,
            CONTENT_SECURITY_POLICY,
        ))
        .layer(header_layer(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(header_layer(header::REFERRER_POLICY, "no-referrer"))
        .layer(header_layer(header::X_FRAME_OPTIONS, "DENY"))
}

fn header_layer(name: HeaderName, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value))
}

/// Serves `router` on `addr` until the process is interrupted (Ctrl-C); `ready` is called
/// with the address bound (a port of 0 picks a free one).
pub async fn run(
    router: Router,
    addr: SocketAddr,
    ready: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    ready(listener.local_addr()?);
    axum::serve(listener, router)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

/// Runs `work` (a search: CPU-bound, blocking) on the blocking pool.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, ServeError> + Send + 'static,
) -> Result<T, ServeError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|err| ServeError::internal(format!("the search stopped: {err}")))?
}
