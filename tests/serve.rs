//! `dongne serve` over real HTTP: every route of the page and the API, bad parameters (400)
//! and unknown ids (404), escaping of hostile articles, the token, and an ingest committing
//! while the server answers.

mod common;

use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};
use dongne::article::{Article, RegionTags};
use dongne::serve::{self, Access, AppState};
use tempfile::TempDir;

fn published(date: &str) -> Option<DateTime<FixedOffset>> {
    Some(DateTime::parse_from_rfc3339(&format!("{date}T09:00:00+09:00")).unwrap())
}

fn article(n: u32, title: &str, body: &str, press: &str, date: &str, region: &str) -> Article {
    Article {
        title: title.into(),
        body: body.into(),
        url: Some(format!("https://news.example/{n}")),
        press: Some(press.into()),
        reporters: vec!["김하늘".into()],
        published: published(date),
        regions: Some(RegionTags {
            region_primary: Some(region.into()),
            regions_mentioned: vec![region.into()],
            region_evidence: Vec::new(),
        }),
        ..Article::default()
    }
}

/// The fixture articles: a festival story with a copy, others, and a hostile one.
pub fn fixtures() -> Vec<Article> {
    let festival = "광양시는 매화 축제 기간에 임시 주차장 열두 곳을 운영한다고 밝혔다.";
    vec![
        article(
            1,
            "광양 매화 축제 개막",
            festival,
            "광양신문",
            "2025-03-05",
            "/전라남도/광양시",
        ),
        article(
            2,
            "광양 매화 축제 개막",
            festival,
            "남도일보",
            "2025-03-06",
            "/전라남도/광양시",
        ),
        article(
            3,
            "순천 정원 봄 축제",
            "순천시는 국가정원에서 봄 축제를 연다.",
            "순천일보",
            "2025-04-10",
            "/전라남도/순천시",
        ),
        article(
            4,
            "서울 중구 거리 축제",
            "서울 중구는 도심 거리 축제를 연다.",
            "서울매일",
            "2025-05-01",
            "/서울특별시/중구",
        ),
        article(
            5,
            "<script>window.__pwned=1</script>가온 축제 소식",
            "가온 축제에 <img src=x onerror=\"window.__pwned=1\"> 주민이 몰렸다.",
            "가온일보",
            "2025-06-01",
            "/전라남도/광양시",
        ),
    ]
}

/// The fixture index, built once.
fn index_dir() -> &'static TempDir {
    static DIR: OnceLock<TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        common::index_of(dir.path(), &fixtures());
        dir
    })
}

/// A server on a free loopback port over the fixture index, with `access`.
fn server(access: Access) -> SocketAddr {
    let state = AppState {
        backend: Arc::new(common::open_search(index_dir().path())),
        gazetteer: Arc::new(common::gazetteer().clone()),
    };
    let router = serve::router(state, access);
    let (ready, bound) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        runtime
            .block_on(serve::run(router, "127.0.0.1:0".parse().unwrap(), |addr| {
                ready.send(addr).unwrap()
            }))
            .unwrap();
    });
    bound.recv_timeout(Duration::from_secs(10)).unwrap()
}

fn open_server() -> SocketAddr {
    static ADDR: OnceLock<SocketAddr> = OnceLock::new();
    *ADDR.get_or_init(|| server(Access::Open))
}

/// A client that reports every status (no error for 4xx) and follows no redirect.
fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into()
}

/// Status, content type and body of `GET path`.
fn get(addr: SocketAddr, path: &str) -> (u16, String, String) {
    let mut response = agent().get(&format!("http://{addr}{path}")).call().unwrap();
    let status = response.status().as_u16();
    let kind = header(&response, "content-type");
    let body = response.body_mut().read_to_string().unwrap_or_default();
    (status, kind, body)
}

fn header(response: &ureq::http::Response<ureq::Body>, name: &str) -> String {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|err| panic!("{err}: {body}"))
}

const FESTIVAL: &str = "%EC%B6%95%EC%A0%9C"; // 축제
const PLUM: &str = "%EB%A7%A4%ED%99%94"; // 매화: the article with a copy

#[test]
fn the_page_searches_filters_and_escapes_hostile_articles() {
    let addr = open_server();
    let (status, kind, page) = get(addr, "/");
    assert_eq!((status, kind.as_str()), (200, "text/html; charset=utf-8"));
    assert!(
        page.contains("name=\"q\"") && page.contains("시·도"),
        "{page}"
    );

    let (status, _, page) = get(addr, &format!("/?q={FESTIVAL}"));
    assert_eq!(status, 200);
    assert!(page.contains("<mark>축제</mark>"), "{page}");
    // Copies are counted and listed.
    assert!(page.contains("같은 내용의 기사 1건 더"), "{page}");
    // The hostile title and body are text, never markup.
    assert!(!page.contains("<script>window"), "{page}");
    assert!(
        page.contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;"),
        "{page}"
    );
    assert!(!page.contains("<img src=x"), "{page}");
    // Filters with counts, a trend chart whose bars narrow the dates, exports.
    assert!(
        page.contains("<svg") && page.contains("from=2025-03-01"),
        "{page}"
    );
    assert!(page.contains("/export.csv?q="), "{page}");

    let (status, _, page) = get(
        addr,
        &format!("/?q={FESTIVAL}&region=%EA%B4%91%EC%96%91%EC%8B%9C"),
    );
    assert_eq!(status, 200);
    assert!(
        page.contains("광양 매화 축제 개막") && !page.contains("순천 정원"),
        "{page}"
    );

    let (status, _, page) = get(addr, &format!("/?q={FESTIVAL}&from=2025-13-01"));
    assert_eq!(status, 400);
    assert!(page.contains("bad date"), "{page}");
}

#[test]
fn the_article_page_shows_text_copies_and_link() {
    let addr = open_server();
    let search = json(&get(addr, &format!("/api/search?q={PLUM}")).2);
    let id = search["results"][0]["id"].as_str().unwrap().to_string();
    let (status, _, page) = get(addr, &format!("/articles/{id}?q={PLUM}"));
    assert_eq!(status, 200);
    assert!(
        page.contains("<h1>") && page.contains("원문 보기"),
        "{page}"
    );
    assert!(page.contains("같은 기사"), "{page}");
    let (status, _, page) = get(addr, "/articles/0000000000000000");
    assert_eq!(status, 404);
    assert!(page.contains("no article"), "{page}");
}

#[test]
fn exports_hold_the_results() {
    let addr = open_server();
    let (status, kind, csv) = get(addr, &format!("/export.csv?q={FESTIVAL}"));
    assert_eq!((status, kind.as_str()), (200, "text/csv; charset=utf-8"));
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("id,published,press,reporters,region,title,url,copies")
    );
    assert_eq!(lines.count(), 4, "{csv}");
    let (status, _, jsonl) = get(addr, &format!("/export.jsonl?q={FESTIVAL}"));
    assert_eq!(status, 200);
    assert!(jsonl.lines().all(|l| json(l)["url"].is_string()), "{jsonl}");
}

#[test]
fn the_api_answers_every_route_and_refuses_bad_parameters() {
    let addr = open_server();
    let search = json(&get(addr, &format!("/api/search?q={FESTIVAL}&limit=2")).2);
    assert_eq!(search["total"], 4);
    assert_eq!(search["results"].as_array().unwrap().len(), 2);
    assert!(search["results"][0]["title"].is_string());

    let trend = json(&get(addr, &format!("/api/trend?q={FESTIVAL}&by=week")).2);
    assert_eq!(trend["by"], "week");
    assert!(trend["buckets"].as_array().unwrap().len() > 10);

    let facets = json(&get(addr, &format!("/api/facets?q={FESTIVAL}")).2);
    let kinds: Vec<&str> = facets["facets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["facet"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["region", "press", "reporter", "month"]);

    let plum = json(&get(addr, &format!("/api/search?q={PLUM}")).2);
    let id = plum["results"][0]["id"].as_str().unwrap();
    let shown = json(&get(addr, &format!("/api/articles/{id}")).2);
    assert_eq!(shown["id"], id);
    assert_eq!(shown["copies"].as_array().unwrap().len(), 1);

    let regions = json(
        &get(
            addr,
            "/api/regions?parent=/%EC%A0%84%EB%9D%BC%EB%82%A8%EB%8F%84&date=2025-01-01",
        )
        .2,
    );
    let names: Vec<&str> = regions["regions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"광양시") && names.len() > 20, "{names:?}");

    for (path, status, says) in [
        ("/api/search?limit=1000".to_string(), 400, "limit"),
        ("/api/search?from=2025-13-01".to_string(), 400, "bad date"),
        ("/api/search?sort=bogus".to_string(), 400, "bad parameters"),
        (format!("/api/search?q={}", "x".repeat(3000)), 400, "longer"),
        (
            "/api/search?region=%EA%B0%80%EB%82%98%EB%8B%A4%EB%9D%BC%EC%8B%9C".to_string(),
            400,
            "no such region",
        ),
        ("/api/trend?by=year".to_string(), 400, "bad parameters"),
        (
            "/api/regions?date=yesterday".to_string(),
            400,
            "bad parameters",
        ),
        (
            "/api/regions?parent=/%EC%A0%84%EB%9D%BC%EB%82%A8%EB%8F%84&date=2026-12-01".to_string(),
            404,
            "not a region on 2026-12-01",
        ),
        ("/api/regions?parent=/nowhere".to_string(), 404, "no region"),
        (
            "/api/articles/0000000000000000".to_string(),
            404,
            "no article",
        ),
        ("/nowhere".to_string(), 404, "no such page"),
        ("/assets/../Cargo.toml".to_string(), 404, "no such page"),
    ] {
        let (got, kind, body) = get(addr, &path);
        assert_eq!(got, status, "{path}: {body}");
        assert_eq!(kind, "application/json", "{path}");
        assert!(
            json(&body)["error"].as_str().unwrap().contains(says),
            "{path}: {body}"
        );
    }
}

#[test]
fn every_response_carries_the_security_headers() {
    let addr = open_server();
    for path in ["/", "/api/search?q=x", "/nowhere", "/assets/style.css"] {
        let response = agent().get(&format!("http://{addr}{path}")).call().unwrap();
        let policy = header(&response, "content-security-policy");
        assert!(
            policy.contains("default-src 'none'") && policy.contains("script-src 'self'"),
            "{path}: {policy}"
        );
        assert_eq!(header(&response, "x-content-type-options"), "nosniff");
    }
}

#[test]
fn a_token_guards_the_server() {
    let token = "correct-horse-battery-staple";
    let addr = server(Access::Token(token.into()));
    let (status, _, body) = get(addr, "/api/search?q=x");
    assert_eq!(status, 401, "{body}");
    assert!(body.contains("token"), "{body}");
    let response = agent()
        .get(&format!("http://{addr}/api/search?q=x"))
        .header("Authorization", &format!("Bearer {token}"))
        .call()
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let response = agent()
        .get(&format!("http://{addr}/?q=x&token={token}"))
        .call()
        .unwrap();
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(header(&response, "location"), "/?q=x");
    let cookie = header(&response, "set-cookie");
    assert!(cookie.starts_with(&format!("dongne_token={token}")) && cookie.contains("HttpOnly"));
    let response = agent()
        .get(&format!("http://{addr}/?q=x"))
        .header("Cookie", &format!("dongne_token={token}"))
        .call()
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
}

#[test]
fn other_machines_need_a_token_or_public() {
    let output = common::dongne(&["serve", "--addr", "0.0.0.0:0", "--index", "/nonexistent"]);
    assert!(!output.status.success());
    let err = common::stderr(&output);
    assert!(err.contains("--token") && err.contains("--public"), "{err}");
    let output = common::dongne(&["serve", "--addr", "127.0.0.1:0", "--token", "short"]);
    assert!(common::stderr(&output).contains("too short"));
}

#[test]
fn searches_see_an_ingest_commit_while_the_server_answers() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("idx");
    let first: Vec<String> = (0..5)
        .map(|n| {
            common::record(
                &format!("https://live.example/{n}"),
                "2025-01-02",
                "가온일보",
                "박솔",
                &format!("가온 소식 {n}"),
                "가온시는 새 도서관을 연다고 밝혔다.",
            )
        })
        .collect();
    let dump = common::write_dump(tmp.path(), "first.jsonl", &first);
    common::assert_ok(&common::ingest(&[&dump], &index, &[]));
    let (mut child, addr) = common::spawn_serve(&index);
    let count = || {
        json(&get(addr, "/api/search?q=%EB%8F%84%EC%84%9C%EA%B4%80&limit=0").2)["total"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(count(), 5);
    let more: Vec<String> = (5..400)
        .map(|n| {
            common::record(
                &format!("https://live.example/{n}"),
                "2025-01-03",
                "가온일보",
                "박솔",
                &format!("가온 소식 {n}"),
                "가온시는 새 도서관을 연다고 밝혔다.",
            )
        })
        .collect();
    let dump = common::write_dump(tmp.path(), "more.jsonl", &more);
    let mut ingest = Command::new(env!("CARGO_BIN_EXE_dongne"))
        .args(common::ingest_args(&[&dump], &index, &["--batch", "50"]))
        .env("DONGNE_HOME", env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Requests made during and after the ingest all succeed; the new articles show within
    // seconds of its end.
    let mut during = 0;
    let mut ended: Option<Instant> = None;
    let mut seen = 0;
    while ended.is_none_or(|at| at.elapsed() < Duration::from_secs(10)) {
        let (status, _, body) = get(addr, "/api/search?q=%EB%8F%84%EC%84%9C%EA%B4%80&limit=0");
        assert_eq!(status, 200, "{body}");
        seen = json(&body)["total"].as_u64().unwrap();
        if ended.is_none() {
            if ingest.try_wait().unwrap().is_some() {
                ended = Some(Instant::now());
            } else {
                during += 1;
            }
        }
        if seen == 400 && ended.is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    common::assert_ok(&ingest.wait_with_output().unwrap());
    assert!(during > 0, "no request was made while the ingest ran");
    child.kill().unwrap();
    assert_eq!(seen, 400, "the server saw {seen} of 400 articles");
}

#[test]
fn the_openapi_file_describes_every_api_route() {
    let spec =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/openapi.yaml")).unwrap();
    let documented: Vec<&str> = spec
        .lines()
        .filter_map(|line| line.strip_prefix("  /")?.strip_suffix(':'))
        .collect();
    assert_eq!(
        documented,
        [
            "api/search",
            "api/trend",
            "api/facets",
            "api/articles/{id}",
            "api/regions"
        ]
    );
    let addr = open_server();
    let id = json(&get(addr, "/api/search?limit=1").2)["results"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    for path in documented {
        let path = format!("/{}", path.replace("{id}", &id));
        let (status, kind, body) = get(addr, &path);
        assert_eq!(
            (status, kind.as_str()),
            (200, "application/json"),
            "{path}: {body}"
        );
    }
}

#[test]
fn a_taken_port_says_how_to_pick_another() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let index = index_dir().path().display().to_string();
    let output = common::dongne(&["serve", "--addr", &addr, "--index", &index]);
    assert!(!output.status.success());
    let err = common::stderr(&output);
    assert!(err.contains("is taken") && err.contains("--addr"), "{err}");
}
