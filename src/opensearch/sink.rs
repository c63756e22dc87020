//! Ingest into the cluster: the same pipeline as the local index (extraction, tagging,
//! analysis, duplicate groups), its articles sent in bounded bulk requests under their
//! dongne ids, so that a second run updates or skips and an interrupted run resumes.

use std::sync::mpsc::{Receiver, SyncSender, channel, sync_channel};
use std::thread::JoinHandle;
use std::time::Duration;

use serde_json::{Value, json};
use tantivy::schema::Schema;

use super::client::Client;
use super::document::{dedup_state, source_of};
use super::{ClusterError, ClusterIndex};
use crate::index::dedup::{Decision, DedupIndex};
use crate::index::document::{PreparedArticle, format_id, parse_id};
use crate::index::schema::{Fields, build_schema};
use crate::index::{IngestSummary, WriteOutcome};
use crate::ingest::pipeline::Sink;

/// Articles per bulk request.
pub const BULK_ARTICLES: usize = 500;
/// Bytes of request body after which a bulk request is sent, whatever its article count.
pub const BULK_BYTES: usize = 8 << 20;
/// Tries of one bulk request (or of its refused items) before giving up.
const TRIES: u32 = 8;
/// First wait after a refusal; doubled each time, at most [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_millis(500);
const MAX_BACKOFF: Duration = Duration::from_secs(30);
/// Stored articles read per page when loading the duplicate-detection state.
const SCROLL_PAGE: usize = 2000;

/// Why the cluster did not take a document, as the summary counts it.
pub const REJECTED: &str = "rejected by the cluster";

/// A bulk request waiting to be sent: its body and, in order, each article's id and outcome.
struct Bulk {
    body: Vec<u8>,
    pending: Vec<(u64, WriteOutcome)>,
}

/// What sending a bulk request gave: the articles the cluster did not take (id, outcome,
/// reason), the retries, and an error that stopped the sending.
#[derive(Default)]
struct Sent {
    rejected: Vec<(u64, WriteOutcome, String)>,
    retries: u64,
    error: Option<ClusterError>,
}

/// Writes prepared articles into the cluster's index. Bulk requests are sent on a thread
/// of their own, one at a time with one more waiting, so the cluster indexes while the
/// pipeline analyses the next articles.
pub struct ClusterWriter {
    client: Client,
    schema: Schema,
    fields: Fields,
    dedup: DedupIndex,
    body: Vec<u8>,
    pending: Vec<(u64, WriteOutcome)>,
    queue: Option<SyncSender<Bulk>>,
    sent: Receiver<Sent>,
    sender: Option<JoinHandle<()>>,
    summary: IngestSummary,
    /// Rejected documents: id and reason, for the log.
    pub rejections: Vec<(String, String)>,
    /// Bulk requests retried after a 429 or 503 (or a node that did not answer).
    pub retries: u64,
}

impl ClusterWriter {
    /// A writer into `index` (created or checked by [`ClusterIndex::open_for_ingest`]),
    /// loading every stored article's duplicate-detection state from the cluster.
    pub fn new(index: &ClusterIndex) -> Result<Self, ClusterError> {
        let (schema, fields) = build_schema();
        let dedup = load_dedup(&index.client)?;
        set_refresh(&index.client, INGEST_REFRESH)?;
        let (queue, bulks) = sync_channel::<Bulk>(1);
        let (results, sent) = channel::<Sent>();
        let client = index.client.clone();
        let sender = std::thread::spawn(move || {
            let mut failed = false;
            for bulk in bulks {
                // After an error the rest is not sent: the ingest stops with that error.
                if failed {
                    continue;
                }
                let outcome = send_bulk(&client, bulk);
                failed = outcome.error.is_some();
                if results.send(outcome).is_err() {
                    break;
                }
            }
        });
        Ok(Self {
            client: index.client.clone(),
            schema,
            fields,
            dedup,
            body: Vec::new(),
            pending: Vec::new(),
            queue: Some(queue),
            sent,
            sender: Some(sender),
            summary: IngestSummary::default(),
            rejections: Vec::new(),
            retries: 0,
        })
    }

    /// Sends what is pending, waits for every bulk request, refreshes the index (so
    /// searches see everything) and returns the summary.
    pub fn finish(mut self) -> Result<IngestSummary, ClusterError> {
        self.flush()?;
        self.queue = None;
        if let Some(sender) = self.sender.take() {
            let _ = sender.join();
        }
        self.collect()?;
        set_refresh(&self.client, REFRESH)?;
        let path = format!("/{}/_refresh", self.client.index);
        self.client
            .json("POST", &path, None, "refreshing the index")?;
        Ok(std::mem::take(&mut self.summary))
    }

    /// Queues the pending articles as one bulk request, and counts what the requests sent
    /// so far gave.
    fn flush(&mut self) -> Result<(), ClusterError> {
        if !self.pending.is_empty() {
            let bulk = Bulk {
                body: std::mem::take(&mut self.body),
                pending: std::mem::take(&mut self.pending),
            };
            if let Some(queue) = &self.queue {
                // The sender only stops after an error, which collect() reports.
                let _ = queue.send(bulk);
            }
        }
        self.collect()
    }

    /// Counts the results of the bulk requests sent so far.
    fn collect(&mut self) -> Result<(), ClusterError> {
        while let Ok(sent) = self.sent.try_recv() {
            self.retries += sent.retries;
            for (id, outcome, reason) in sent.rejected {
                self.reject(id, outcome, reason);
            }
            if let Some(error) = sent.error {
                return Err(error);
            }
        }
        Ok(())
    }

    /// Counts a document the cluster did not take as skipped instead of written.
    fn reject(&mut self, id: u64, outcome: WriteOutcome, reason: String) {
        let grouped = match outcome {
            WriteOutcome::Added { grouped } => {
                self.summary.added -= 1;
                grouped
            }
            WriteOutcome::Updated { grouped } => {
                self.summary.updated -= 1;
                grouped
            }
            WriteOutcome::Unchanged => false,
        };
        if grouped {
            self.summary.grouped -= 1;
        }
        self.summary.skip(REJECTED);
        self.rejections.push((format_id(id), reason));
    }
}

impl Drop for ClusterWriter {
    fn drop(&mut self) {
        self.queue = None;
        if let Some(sender) = self.sender.take() {
            let _ = sender.join();
        }
    }
}

/// Sends one bulk request; refused items (429, 503) are sent again with backoff, other
/// failures are returned as rejected.
fn send_bulk(client: &Client, bulk: Bulk) -> Sent {
    let mut sent = Sent::default();
    let Bulk {
        mut body,
        mut pending,
    } = bulk;
    let mut backoff = FIRST_BACKOFF;
    for attempt in 1..=TRIES {
        let answer = match client.send(
            "POST",
            "/_bulk",
            Some(("application/x-ndjson", body.clone())),
        ) {
            Ok(response) if matches!(response.status, 429 | 502 | 503 | 504) => None,
            Ok(response) => match client.check(&response, "a bulk request").and_then(|()| {
                serde_json::from_slice::<Value>(&response.body).map_err(|err| {
                    ClusterError::Answer {
                        what: "a bulk request".into(),
                        reason: err.to_string(),
                    }
                })
            }) {
                Ok(answer) => Some(answer),
                Err(err) => {
                    sent.error = Some(err);
                    return sent;
                }
            },
            Err(ClusterError::Unreachable { .. }) if attempt < TRIES => None,
            Err(err) => {
                sent.error = Some(err);
                return sent;
            }
        };
        let Some(answer) = answer else {
            sent.retries += 1;
            std::thread::sleep(backoff);
            backoff = (backoff * 2).min(MAX_BACKOFF);
            continue;
        };
        let items = answer
            .get("items")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let lines: Vec<&[u8]> = body.split(|&b| b == b'\n').collect();
        let mut again = Vec::new();
        let mut again_pending = Vec::new();
        for (at, (id, outcome)) in pending.iter().enumerate() {
            let result = items.get(at).and_then(|item| item.get("index"));
            let status = result
                .and_then(|r| r.get("status"))
                .and_then(Value::as_u64)
                .unwrap_or(0);
            if (200..300).contains(&status) {
                continue;
            }
            if matches!(status, 429 | 503) && attempt < TRIES {
                again.extend_from_slice(lines[2 * at]);
                again.push(b'\n');
                again.extend_from_slice(lines[2 * at + 1]);
                again.push(b'\n');
                again_pending.push((*id, *outcome));
                continue;
            }
            let reason = result
                .and_then(|r| r.get("error"))
                .map(|e| {
                    let kind = e.get("type").and_then(Value::as_str).unwrap_or("error");
                    let why = e.get("reason").and_then(Value::as_str).unwrap_or("");
                    format!("{kind}: {why}")
                })
                .unwrap_or_else(|| format!("no answer for the item (status {status})"));
            sent.rejected.push((*id, *outcome, reason));
        }
        if again.is_empty() {
            return sent;
        }
        sent.retries += 1;
        std::thread::sleep(backoff);
        backoff = (backoff * 2).min(MAX_BACKOFF);
        body = again;
        pending = again_pending;
    }
    for (id, outcome) in pending {
        sent.rejected.push((
            id,
            outcome,
            "refused every time (cluster overloaded)".into(),
        ));
    }
    sent
}

impl Sink for ClusterWriter {
    type Error = ClusterError;

    fn fields(&self) -> &Fields {
        &self.fields
    }

    fn write(&mut self, prepared: PreparedArticle) -> Result<(), ClusterError> {
        self.summary.text_bytes += prepared.text_len as u64;
        let outcome = match self.dedup.decide(
            prepared.id,
            prepared.content_hash,
            prepared.signature,
        ) {
            Decision::Unchanged => WriteOutcome::Unchanged,
            Decision::Write {
                group,
                replaces,
                grouped,
            } => {
                let action =
                    json!({"index": {"_index": self.client.index, "_id": format_id(prepared.id)}});
                let source = source_of(&prepared, group, &self.schema);
                self.body.extend_from_slice(action.to_string().as_bytes());
                self.body.push(b'\n');
                self.body.extend_from_slice(source.to_string().as_bytes());
                self.body.push(b'\n');
                let outcome = if replaces {
                    WriteOutcome::Updated { grouped }
                } else {
                    WriteOutcome::Added { grouped }
                };
                self.pending.push((prepared.id, outcome));
                outcome
            }
        };
        self.summary.count(outcome);
        if self.pending.len() >= BULK_ARTICLES || self.body.len() >= BULK_BYTES {
            self.flush()?;
        }
        Ok(())
    }

    fn skip(&mut self, reason: &str) {
        self.summary.skip(reason);
    }

    fn commit(&mut self) -> Result<(), ClusterError> {
        self.flush()?;
        self.summary.commits += 1;
        Ok(())
    }

    fn written(&self) -> u64 {
        self.summary.added + self.summary.updated
    }
}

/// How often the index shows new articles to searches: while ingesting, seldom (each
/// refresh costs the cluster a new segment), else within a second.
const INGEST_REFRESH: &str = "30s";
/// The refresh interval of an index outside ingests.
pub const REFRESH: &str = "1s";

fn set_refresh(client: &Client, interval: &str) -> Result<(), ClusterError> {
    let body = json!({"index": {"refresh_interval": interval}});
    let path = format!("/{}/_settings", client.index);
    client
        .json("PUT", &path, Some(&body), "setting the refresh interval")
        .map(drop)
}

/// Reads the id, content hash, group and signature of every stored article.
fn load_dedup(client: &Client) -> Result<DedupIndex, ClusterError> {
    let mut dedup = DedupIndex::default();
    let what = "reading the stored articles' duplicate groups";
    client.json(
        "POST",
        &format!("/{}/_refresh", client.index),
        None,
        "refreshing the index",
    )?;
    let first = json!({
        "size": SCROLL_PAGE,
        "sort": ["_doc"],
        "_source": ["dup_group", "content_hash", "signature"],
        "query": {"match_all": {}},
    });
    let mut page = client.json(
        "POST",
        &format!("/{}/_search?scroll=2m", client.index),
        Some(&first),
        what,
    )?;
    loop {
        let hits = page
            .pointer("/hits/hits")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        if hits.is_empty() {
            break;
        }
        for hit in &hits {
            let id = hit.get("_id").and_then(Value::as_str).and_then(parse_id);
            let state = hit.get("_source").and_then(dedup_state);
            if let (Some(id), Some((hash, group, signature))) = (id, state) {
                dedup.insert(id, hash, group, signature);
            }
        }
        let Some(scroll) = page.get("_scroll_id").and_then(Value::as_str) else {
            break;
        };
        let next = json!({"scroll": "2m", "scroll_id": scroll});
        page = client.json("POST", "/_search/scroll", Some(&next), what)?;
    }
    if let Some(scroll) = page.get("_scroll_id").and_then(Value::as_str) {
        let _ = client.json(
            "DELETE",
            "/_search/scroll",
            Some(&json!({"scroll_id": scroll})),
            "closing a scroll",
        );
    }
    Ok(dedup)
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};
    use std::net::TcpListener;

    use super::*;
    use crate::opensearch::Connection;

    /// A node that answers each request with the next of `answers` (status, body) and
    /// returns the bodies it was sent.
    fn node(answers: Vec<(u16, String)>) -> (String, std::thread::JoinHandle<Vec<String>>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let served = std::thread::spawn(move || {
            let mut bodies = Vec::new();
            for (status, body) in answers {
                let (mut stream, _) = listener.accept().unwrap();
                let mut request = Vec::new();
                let mut buf = [0u8; 8192];
                // Headers, then as many body bytes as content-length says.
                loop {
                    let n = stream.read(&mut buf).unwrap();
                    request.extend_from_slice(&buf[..n]);
                    let text = String::from_utf8_lossy(&request).to_string();
                    if let Some(end) = text.find("\r\n\r\n") {
                        let length = text[..end]
                            .lines()
                            .find_map(|l| {
                                l.to_lowercase()
                                    .strip_prefix("content-length:")
                                    .map(|v| v.trim().parse::<usize>().unwrap())
                            })
                            .unwrap_or(0);
                        if request.len() >= end + 4 + length {
                            bodies.push(String::from_utf8_lossy(&request[end + 4..]).to_string());
                            break;
                        }
                    }
                }
                write!(
                    stream,
                    "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                )
                .unwrap();
            }
            bodies
        });
        (url, served)
    }

    fn bulk(ids: &[u64]) -> Bulk {
        let mut body = Vec::new();
        for id in ids {
            body.extend_from_slice(
                format!("{{\"index\":{{\"_id\":\"{id}\"}}}}\n{{}}\n").as_bytes(),
            );
        }
        Bulk {
            body,
            pending: ids
                .iter()
                .map(|&id| (id, WriteOutcome::Added { grouped: false }))
                .collect(),
        }
    }

    #[test]
    fn refused_requests_and_items_are_sent_again_and_failures_reported() {
        let item = |status: u16| {
            if status == 201 {
                json!({"index": {"status": 201}})
            } else {
                json!({"index": {"status": status, "error": {"type": "mapper_parsing_exception", "reason": "bad date"}}})
            }
        };
        let (url, served) = node(vec![
            // The whole request refused, then item 2 refused (429) and item 3 rejected.
            (429, "{}".into()),
            (
                200,
                json!({"items": [item(201), item(429), item(400)]}).to_string(),
            ),
            (200, json!({"items": [item(201)]}).to_string()),
        ]);
        let client = Client::new(&Connection {
            url,
            ..Connection::default()
        })
        .unwrap();
        let sent = send_bulk(&client, bulk(&[1, 2, 3]));
        let bodies = served.join().unwrap();
        assert!(sent.error.is_none());
        assert_eq!(sent.retries, 2);
        assert_eq!(sent.rejected.len(), 1);
        assert_eq!(sent.rejected[0].0, 3);
        assert!(
            sent.rejected[0]
                .2
                .contains("mapper_parsing_exception: bad date")
        );
        // The last request carried only the refused item.
        assert_eq!(bodies.len(), 3);
        assert_eq!(bodies[2], "{\"index\":{\"_id\":\"2\"}}\n{}\n");
    }
}
