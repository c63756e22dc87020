//! HTTP to the cluster: one agent with the connection's credentials and TLS settings, JSON
//! in and out, and errors that say what to check.

use std::path::PathBuf;
use std::time::Duration;

use serde_json::Value;
use ureq::http;
use ureq::tls::{PemItem, RootCerts, TlsConfig};

use super::ClusterError;

/// Where the cluster is and how to log in.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Connection {
    /// Base URL of a node (`http://127.0.0.1:9200`, `https://search.example:9200`).
    pub url: String,
    /// The index holding the articles.
    #[serde(default = "default_index")]
    pub index: String,
    /// User for HTTP basic authentication.
    #[serde(default)]
    pub user: Option<String>,
    /// Password for HTTP basic authentication.
    #[serde(default)]
    pub password: Option<String>,
    /// PEM file of the certificate authorities to trust (instead of the system's).
    #[serde(default)]
    pub ca_file: Option<PathBuf>,
    /// Accept any server certificate (test clusters with self-signed certificates only).
    #[serde(default)]
    pub insecure: bool,
}

/// The index name used when none is given.
pub const DEFAULT_INDEX: &str = "dongne";

fn default_index() -> String {
    DEFAULT_INDEX.to_string()
}

/// Longest wait for one request (a bulk request or a large search included).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(120);
/// Longest wait to connect.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Largest response read (a page of stored articles).
const MAX_RESPONSE_BYTES: u64 = 1 << 30;

/// A connection to the cluster (clones share the agent's connections).
#[derive(Clone)]
pub struct Client {
    agent: ureq::Agent,
    base: String,
    authorization: Option<String>,
    /// The index holding the articles.
    pub index: String,
}

/// A response: status and body.
pub struct Response {
    /// HTTP status.
    pub status: u16,
    /// Body bytes.
    pub body: Vec<u8>,
}

impl Client {
    /// A client for `connection` (reads its CA file now).
    pub fn new(connection: &Connection) -> Result<Self, ClusterError> {
        let mut tls = TlsConfig::builder().disable_verification(connection.insecure);
        if let Some(path) = &connection.ca_file {
            let pem = std::fs::read(path).map_err(|err| ClusterError::CaFile {
                path: path.clone(),
                reason: err.to_string(),
            })?;
            let mut certs = Vec::new();
            for item in ureq::tls::parse_pem(&pem) {
                match item {
                    Ok(PemItem::Certificate(cert)) => certs.push(cert),
                    Ok(_) => {}
                    Err(err) => {
                        return Err(ClusterError::CaFile {
                            path: path.clone(),
                            reason: err.to_string(),
                        });
                    }
                }
            }
            if certs.is_empty() {
                return Err(ClusterError::CaFile {
                    path: path.clone(),
                    reason: "no PEM certificate in it".to_string(),
                });
            }
            tls = tls.root_certs(RootCerts::new_with_certs(&certs));
        }
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(REQUEST_TIMEOUT))
            .timeout_connect(Some(CONNECT_TIMEOUT))
            .tls_config(tls.build())
            .build()
            .into();
        let authorization = connection.user.as_ref().map(|user| {
            use base64::Engine as _;
            let pair = format!("{user}:{}", connection.password.as_deref().unwrap_or(""));
            format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(pair)
            )
        });
        Ok(Self {
            agent,
            base: connection.url.trim_end_matches('/').to_string(),
            authorization,
            index: connection.index.clone(),
        })
    }

    /// The node's base URL.
    pub fn url(&self) -> &str {
        &self.base
    }

    /// Sends `method path` with `body` (of `content_type`); any answer is returned, only a
    /// failure to talk to the node is an error.
    pub fn send(
        &self,
        method: &str,
        path: &str,
        body: Option<(&str, Vec<u8>)>,
    ) -> Result<Response, ClusterError> {
        let mut request = http::Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base));
        if let Some(authorization) = &self.authorization {
            request = request.header("authorization", authorization);
        }
        let (content_type, bytes) = body.unwrap_or(("application/json", Vec::new()));
        let request = request
            .header("content-type", content_type)
            .body(bytes)
            .map_err(|err| ClusterError::Unreachable {
                url: self.base.clone(),
                reason: err.to_string(),
            })?;
        let response = self
            .agent
            .run(request)
            .map_err(|err| ClusterError::Unreachable {
                url: self.base.clone(),
                reason: err.to_string(),
            })?;
        let status = response.status().as_u16();
        let body = response
            .into_body()
            .with_config()
            .limit(MAX_RESPONSE_BYTES)
            .read_to_vec()
            .map_err(|err| ClusterError::Unreachable {
                url: self.base.clone(),
                reason: err.to_string(),
            })?;
        Ok(Response { status, body })
    }

    /// Sends JSON and reads JSON; an error status becomes an error naming `what` was asked.
    pub fn json(
        &self,
        method: &str,
        path: &str,
        body: Option<&Value>,
        what: &str,
    ) -> Result<Value, ClusterError> {
        let body = body.map(|b| ("application/json", b.to_string().into_bytes()));
        let response = self.send(method, path, body)?;
        self.check(&response, what)?;
        serde_json::from_slice(&response.body).map_err(|err| ClusterError::Answer {
            what: what.to_string(),
            reason: err.to_string(),
        })
    }

    /// An error for a response whose status is not a success.
    pub fn check(&self, response: &Response, what: &str) -> Result<(), ClusterError> {
        match response.status {
            200..=299 => Ok(()),
            401 => Err(ClusterError::Unauthorized {
                url: self.base.clone(),
            }),
            403 => Err(ClusterError::Forbidden {
                url: self.base.clone(),
                what: what.to_string(),
            }),
            status => Err(ClusterError::Status {
                what: what.to_string(),
                status,
                reason: reason_of(&response.body),
            }),
        }
    }
}

/// The cluster's own explanation in an error body (`error.reason`), else the body.
pub fn reason_of(body: &[u8]) -> String {
    let parsed: Option<Value> = serde_json::from_slice(body).ok();
    let reason = parsed.as_ref().and_then(|v| {
        let error = v.get("error")?;
        error
            .get("root_cause")
            .and_then(|c| c.get(0))
            .and_then(|c| c.get("reason"))
            .or_else(|| error.get("reason"))
            .and_then(Value::as_str)
            .map(str::to_string)
            .or_else(|| error.as_str().map(str::to_string))
    });
    reason.unwrap_or_else(|| {
        let text = String::from_utf8_lossy(body);
        text.chars().take(300).collect()
    })
}
