//! Errors of the server, each with the HTTP status it answers with and a message a person
//! can act on: as JSON on the API, as a page on the site.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::search::SearchError;

/// A request that cannot be answered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ServeError {
    /// The status to answer with.
    pub status: StatusCode,
    /// What went wrong and what to do about it.
    pub message: String,
}

impl ServeError {
    /// A request with a bad parameter (400).
    pub fn bad(message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    /// Something asked for that does not exist (404).
    pub fn not_found(message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }

    /// A failure of the server itself (500).
    pub fn internal(message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: message.into(),
        }
    }
}

impl From<SearchError> for ServeError {
    fn from(err: SearchError) -> Self {
        match err {
            SearchError::NotFound(_) => Self::not_found(err.to_string()),
            SearchError::Syntax(_)
            | SearchError::Date(_)
            | SearchError::EmptyDateRange { .. }
            | SearchError::Region(_)
            | SearchError::NothingSearchable(_)
            | SearchError::TooManyPeriods { .. } => Self::bad(err.to_string()),
            other => Self::internal(other.to_string()),
        }
    }
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: &'a str,
    status: u16,
}

impl IntoResponse for ServeError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: &self.message,
            status: self.status.as_u16(),
        };
        (self.status, Json(body)).into_response()
    }
}
