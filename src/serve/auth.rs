//! The token check for a server reachable from other machines: a bearer token, or a cookie
//! that a first visit with `?token=` sets (so the page can be opened from a link).

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use subtle::ConstantTimeEq;

use super::ServeError;

/// Name of the cookie holding the token.
const COOKIE: &str = "dongne_token";

/// Passes requests bearing `token`; a `?token=` visit gets the cookie and is sent on
/// without it; anything else is refused (401).
pub async fn require_token(
    State(token): State<Arc<String>>,
    request: Request,
    next: Next,
) -> Response {
    let headers = request.headers();
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| {
            pair.trim()
                .strip_prefix(&format!("{COOKIE}="))
                .map(str::to_string)
        })
        .next();
    if [bearer, cookie.as_deref()]
        .into_iter()
        .any(|sent| matches(sent, &token))
    {
        return next.run(request).await;
    }
    let query = request.uri().query().unwrap_or_default();
    let given = form_urlencoded::parse(query.as_bytes())
        .find(|(key, _)| key == "token")
        .map(|(_, value)| value.into_owned());
    if matches(given.as_deref(), &token) {
        let rest: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(
                form_urlencoded::parse(query.as_bytes()).filter(|(key, _)| key != "token"),
            )
            .finish();
        let path = request.uri().path();
        let target = if rest.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{rest}")
        };
        let mut response = Redirect::to(&target).into_response();
        if let Ok(cookie) = HeaderValue::from_str(&format!(
            "{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/"
        )) {
            response.headers_mut().insert(header::SET_COOKIE, cookie);
        }
        return response;
    }
    ServeError {
        status: StatusCode::UNAUTHORIZED,
        message: "this server needs its token: send `Authorization: Bearer TOKEN`, or open \
                  the page once with `?token=TOKEN`"
            .into(),
    }
    .into_response()
}

/// Whether `sent` is the token, compared in constant time so that response times do not
/// tell how much of a guess was right.
fn matches(sent: Option<&str>, token: &str) -> bool {
    sent.is_some_and(|sent| bool::from(sent.as_bytes().ct_eq(token.as_bytes())))
}
