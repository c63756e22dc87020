//! dongne on an OpenSearch cluster, against a real node: ingest, the same queries on both
//! engines, and the errors a user meets. Skipped (with the reason printed) unless
//! `DONGNE_OPENSEARCH_URL` names a node with the nori plugin (`scripts/opensearch.sh start`
//! prints one).

mod common;

use std::collections::HashSet;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;

use common::{analyzer, assert_ok, dongne, open_search, stderr, stdout};
use dongne::opensearch::{Client, ClusterError, ClusterIndex, Connection};
use dongne::search::{Backend, FacetKind, Filters, Interval, SearchRequest, SearchResults};
use serde_json::json;

/// The node to test against, or `None` after printing why the tests are skipped.
fn node() -> Option<String> {
    match std::env::var("DONGNE_OPENSEARCH_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            println!(
                "skipped: DONGNE_OPENSEARCH_URL is not set (scripts/opensearch.sh start prints \
                 a node's URL)"
            );
            None
        }
    }
}

fn connection(url: &str, index: &str) -> Connection {
    Connection {
        url: url.to_string(),
        index: index.to_string(),
        ..Connection::default()
    }
}

/// The dumps both engines ingest: the samples, the test fixtures, a generated corpus of
/// invented local news and, when the shared data is beside the project, a corpus of press
/// releases.
fn dumps() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = vec![
        root.join("samples/dump"),
        root.join("tests/fixtures/extract"),
        root.join("tests/fixtures/newsml"),
        generated_corpus().to_path_buf(),
    ];
    let shared = root.join("../shared/corpus/naju-press-releases-2025.jsonl");
    if shared.is_file() {
        paths.push(shared);
    } else {
        println!(
            "note: {} is absent; only the samples, fixtures and generated articles are compared",
            shared.display()
        );
    }
    paths.iter().map(|p| p.display().to_string()).collect()
}

/// 160 invented articles of local news (a fixed pseudo-random mix of places, topics,
/// publishers, reporters and dates), written once per test run: enough titles for 50+
/// queries without the shared data.
fn generated_corpus() -> &'static Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let dir = DIR.get_or_init(|| {
        const PLACES: [&str; 12] = [
            "광양시",
            "순천시",
            "여수시",
            "목포시",
            "나주시",
            "춘천시",
            "원주시",
            "강릉시",
            "전주시",
            "군산시",
            "청주시",
            "천안시",
        ];
        const TOPICS: [&str; 40] = [
            "도서관",
            "주차장",
            "체육관",
            "공원",
            "하천",
            "버스",
            "보건소",
            "복지관",
            "전통시장",
            "농산물",
            "관광",
            "청년",
            "일자리",
            "창업",
            "방역",
            "예산",
            "조례",
            "공연",
            "박물관",
            "미술관",
            "미세먼지",
            "폐기물",
            "재활용",
            "태양광",
            "수소",
            "전기차",
            "충전소",
            "아파트",
            "상수도",
            "하수도",
            "태풍",
            "폭염",
            "한파",
            "제설",
            "산불",
            "소방서",
            "어린이집",
            "경로당",
            "자전거",
            "해수욕장",
        ];
        const ACTIONS: [&str; 6] = ["확충", "개선", "점검", "지원", "착공", "개방"];
        const PRESSES: [&str; 4] = ["가온일보", "누리신문", "다온뉴스", "라온타임스"];
        const REPORTERS: [&str; 6] = ["김하늘", "박솔", "이바다", "최가람", "정나래", "한별"];
        let mut state: u64 = 0x5eed;
        let mut next = |n: usize| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize % n
        };
        let lines: Vec<String> = (0..160)
            .map(|i| {
                let place = PLACES[next(PLACES.len())];
                let (a, b) = (TOPICS[next(TOPICS.len())], TOPICS[next(TOPICS.len())]);
                let action = ACTIONS[next(ACTIONS.len())];
                let title = format!("{a} {b} {action}, {place} 나선다");
                // Sentences drawn from a pool with other topics and numbers, so that no two
                // bodies read as copies of each other.
                let mut body =
                    format!("{place}는 {a}와 {b} 분야의 {action} 계획을 마련했다고 밝혔다.");
                for _ in 0..5 {
                    let (c, d) = (TOPICS[next(TOPICS.len())], TOPICS[next(TOPICS.len())]);
                    let n = next(900) + 10;
                    let sentence = match next(6) {
                        0 => format!(" 올해 {c} 관련 예산 {n}억원을 {d} 사업과 함께 쓴다."),
                        1 => format!(" 주민 {n}명이 참여한 설명회에서 {c} 문제가 먼저 나왔다."),
                        2 => format!(" {c} 시설 {n}곳은 {d} 점검을 마친 뒤 문을 연다."),
                        3 => format!(" 시 관계자는 \"{c}와 {d}를 주민과 함께 풀겠다\"고 말했다."),
                        4 => format!(" 지난해 {c} 민원은 {n}건으로 {d} 민원보다 많았다."),
                        _ => format!(" {d} 담당 부서는 {c} 현장을 {n}차례 찾았다."),
                    };
                    body.push_str(&sentence);
                }
                common::record(
                    &format!("https://generated.example/{i}"),
                    &format!("2025-{:02}-{:02}", next(12) + 1, next(28) + 1),
                    PRESSES[next(PRESSES.len())],
                    REPORTERS[next(REPORTERS.len())],
                    &title,
                    &body,
                )
            })
            .collect();
        let dir = tempfile::tempdir().unwrap();
        common::write_dump(dir.path(), "generated.jsonl", &lines);
        dir
    });
    dir.path()
}

fn run(args: &[String]) -> std::process::Output {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    dongne(&args)
}

/// Ingests the dumps into a local index in `dir` and into `index` on the node at `url`.
fn ingest_both(dir: &Path, url: &str, index: &str) {
    let mut local = vec!["ingest".to_string()];
    local.extend(dumps());
    local.extend(["--index".into(), dir.display().to_string(), "-q".into()]);
    assert_ok(&run(&local));
    let mut cluster = vec!["ingest".to_string()];
    cluster.extend(dumps());
    cluster.extend([
        "--url".into(),
        url.into(),
        "--cluster-index".into(),
        index.into(),
        "--rebuild".into(),
    ]);
    let output = run(&cluster);
    assert_ok(&output);
    println!("cluster ingest: {}", stdout(&output).trim());
}

fn request(query: &str, filters: &Filters) -> SearchRequest {
    SearchRequest {
        filters: filters.clone(),
        all_copies: true,
        ..SearchRequest::new(query)
    }
}

fn ids(results: &SearchResults) -> Vec<String> {
    results
        .results
        .iter()
        .map(|h| h.article.id.clone())
        .collect()
}

/// Share of the top 10 of either engine found in the other's top 10 (1 when both are empty).
fn overlap(a: &[String], b: &[String]) -> f64 {
    let longer = a.len().max(b.len());
    if longer == 0 {
        return 1.0;
    }
    let a: HashSet<&String> = a.iter().collect();
    b.iter().filter(|id| a.contains(id)).count() as f64 / longer as f64
}

/// Queries made from the words of the indexed titles: single words, pairs, phrases,
/// alternatives and exclusions.
fn queries(local: &dyn Backend) -> Vec<(&'static str, String)> {
    let everything = local
        .search(&SearchRequest {
            limit: 400,
            all_copies: true,
            ..SearchRequest::new("")
        })
        .unwrap();
    let mut worker = analyzer().worker();
    let mut tokens = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut pairs: Vec<(String, String)> = Vec::new();
    for hit in &everything.results {
        tokens.clear();
        worker.tokens(&hit.article.title, &mut tokens);
        let nouns: Vec<String> = tokens
            .iter()
            .filter(|t| t.pos.starts_with("NN") && t.text.chars().count() >= 2)
            .map(|t| t.text.clone())
            .collect();
        if let Some(first) = nouns.first()
            && !words.contains(first)
        {
            words.push(first.clone());
        }
        if let [a, b, ..] = nouns.as_slice()
            && !a.contains(b.as_str())
            && !b.contains(a.as_str())
            && !pairs.contains(&(a.clone(), b.clone()))
        {
            pairs.push((a.clone(), b.clone()));
        }
    }
    let mut out = Vec::new();
    out.extend(words.iter().take(34).map(|w| ("word", w.clone())));
    out.extend(
        pairs
            .iter()
            .take(12)
            .map(|(a, b)| ("two words", format!("{a} {b}"))),
    );
    out.extend(
        pairs
            .iter()
            .skip(12)
            .take(4)
            .map(|(a, b)| ("or", format!("{a} OR {b}"))),
    );
    out.extend(
        pairs
            .iter()
            .skip(16)
            .take(4)
            .map(|(a, b)| ("not", format!("{a} -{b}"))),
    );
    out.extend(
        words
            .iter()
            .skip(30)
            .take(4)
            .map(|w| ("phrase", format!("\"{w}\""))),
    );
    out
}

/// Filters to compare: the most frequent regions, publishers, reporters and months.
fn filter_sets(local: &dyn Backend) -> Vec<(String, Filters)> {
    let facets = local
        .search(&SearchRequest {
            facets: vec![
                FacetKind::Region,
                FacetKind::Press,
                FacetKind::Reporter,
                FacetKind::Month,
            ],
            limit: 0,
            ..SearchRequest::new("")
        })
        .unwrap()
        .facets;
    let mut out = Vec::new();
    for counts in facets {
        for value in counts.values.iter().take(5) {
            let mut filters = Filters::default();
            match counts.facet {
                FacetKind::Region => filters.regions.push(value.value.clone()),
                FacetKind::Press => filters.presses.push(value.value.clone()),
                FacetKind::Reporter => filters.reporters.push(value.value.clone()),
                FacetKind::Month => {
                    let month = chrono::NaiveDate::parse_from_str(
                        &format!("{}-01", value.value),
                        "%Y-%m-%d",
                    )
                    .unwrap();
                    let start = dongne::search::dates::start_of_day(month);
                    let next = month.checked_add_months(chrono::Months::new(1)).unwrap();
                    filters.from = Some(start);
                    filters.until = Some(dongne::search::dates::start_of_day(next));
                }
            }
            out.push((format!("{:?} {}", counts.facet, value.value), filters));
        }
    }
    out
}

#[test]
fn both_engines_agree_on_filters_and_mostly_on_the_top_ten() {
    let Some(url) = node() else { return };
    let dir = tempfile::tempdir().unwrap();
    let index = "dongne-test-parity";
    ingest_both(dir.path(), &url, index);
    let local = open_search(dir.path());
    let cluster = ClusterIndex::open(&connection(&url, index), analyzer().clone())
        .unwrap()
        .with_synonyms(common::home().synonyms().unwrap());

    // Filters alone: identical counts. With a word: the cluster's hits for the word and
    // the filter are exactly its hits for the word that the filter lets through locally.
    let filters = filter_sets(&local);
    assert!(
        filters.len() >= 8,
        "too few filter values: {}",
        filters.len()
    );
    let words = queries(&local);
    let every = |backend: &dyn Backend, query: &str, filters: &Filters| -> HashSet<String> {
        let request = SearchRequest {
            limit: 5000,
            ..request(query, filters)
        };
        ids(&backend.search(&request).unwrap())
            .into_iter()
            .collect()
    };
    let word = words[0].1.as_str();
    let word_hits = every(&cluster, word, &Filters::default());
    for (name, filters) in &filters {
        let here = local.search(&request("", filters)).unwrap();
        let there = cluster.search(&request("", filters)).unwrap();
        assert_eq!(
            here.hits, there.hits,
            "filter {name}: local {} vs cluster {}",
            here.hits, there.hits
        );
        let allowed = every(&local, "", filters);
        let expected: HashSet<String> = word_hits.intersection(&allowed).cloned().collect();
        assert_eq!(
            every(&cluster, word, filters),
            expected,
            "filter {name} with `{word}`"
        );
    }
    println!(
        "filters: {} filters give identical counts on both engines, and the same cut of a \
         word's hits",
        filters.len()
    );

    // Trends of everything (dates only): identical per day, week and month.
    for interval in [Interval::Day, Interval::Week, Interval::Month] {
        let none = Filters::default();
        assert_eq!(
            local.trend("", &none, interval).unwrap(),
            cluster.trend("", &none, interval).unwrap(),
            "{interval:?}"
        );
    }

    // Text queries: top-10 overlap.
    assert!(words.len() >= 50, "only {} queries", words.len());
    let mut by_kind: std::collections::BTreeMap<&str, (f64, usize)> = Default::default();
    let mut sum = 0.0;
    for (kind, query) in &words {
        let here = local.search(&request(query, &Filters::default())).unwrap();
        let there = cluster
            .search(&request(query, &Filters::default()))
            .unwrap();
        let share = overlap(&ids(&here), &ids(&there));
        if share < 1.0 {
            println!(
                "  {kind} `{query}`: overlap {share:.2} (hits local {}, cluster {})",
                here.hits, there.hits
            );
        }
        let entry = by_kind.entry(kind).or_default();
        entry.0 += share;
        entry.1 += 1;
        sum += share;
    }
    for (kind, (total, n)) in &by_kind {
        println!(
            "top-10 overlap, {kind}: {:.3} over {n} queries",
            total / *n as f64
        );
    }
    let average = sum / words.len() as f64;
    println!(
        "top-10 overlap: {average:.3} average over {} queries",
        words.len()
    );
    assert!(average >= 0.8, "top-10 overlap {average:.3} < 0.8");
}

#[test]
fn ingest_again_skips_what_the_cluster_holds() {
    let Some(url) = node() else { return };
    let index = "dongne-test-again";
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sample = root.join("samples/dump").display().to_string();
    let args = |extra: &[&str]| {
        let mut args = vec![
            "ingest",
            sample.as_str(),
            "--url",
            url.as_str(),
            "--cluster-index",
            index,
        ];
        args.extend(extra);
        dongne(&args)
    };
    let first = args(&["--rebuild"]);
    assert_ok(&first);
    let second = args(&[]);
    assert_ok(&second);
    assert!(
        stdout(&second).starts_with("0 added, 0 updated, 9 exact duplicates skipped"),
        "{}",
        stdout(&second)
    );
    let client = Client::new(&connection(&url, index)).unwrap();
    let count = client
        .json("GET", &format!("/{index}/_count"), None, "a count")
        .unwrap();
    assert_eq!(count["count"], json!(9));
    // Search and show through the command line, as a user would.
    let found = dongne(&[
        "search",
        "광양",
        "--url",
        &url,
        "--cluster-index",
        index,
        "--json",
    ]);
    assert_ok(&found);
    let first: serde_json::Value =
        serde_json::from_str(stdout(&found).lines().next().unwrap()).unwrap();
    let id = first["id"].as_str().unwrap();
    let shown = dongne(&["show", id, "--url", &url, "--cluster-index", index]);
    assert_ok(&shown);
    assert!(stdout(&shown).contains("광양"), "{}", stdout(&shown));
    // And through `dongne serve`'s API.
    let mut server = std::process::Command::new(env!("CARGO_BIN_EXE_dongne"))
        .args([
            "serve",
            "--url",
            &url,
            "--cluster-index",
            index,
            "--addr",
            "127.0.0.1:0",
        ])
        .env("DONGNE_HOME", env!("CARGO_MANIFEST_DIR"))
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(server.stderr.take().unwrap()),
        &mut line,
    )
    .unwrap();
    let base = line
        .split_whitespace()
        .rfind(|word| word.starts_with("http://"))
        .map(|word| word.trim_end_matches('/').to_string());
    let answer = base.map(|base| {
        ureq::get(format!("{base}/api/search?q=%EA%B4%91%EC%96%91"))
            .call()
            .and_then(|mut r| r.body_mut().read_to_string())
    });
    let _ = server.kill();
    let _ = server.wait();
    let answer = answer
        .unwrap_or_else(|| panic!("no address in `{line}`"))
        .unwrap();
    let answer: serde_json::Value = serde_json::from_str(&answer).unwrap();
    assert_eq!(answer["hits"], json!(3), "{answer}");
}

#[test]
fn a_node_that_does_not_answer_is_named() {
    let Some(_) = node() else { return };
    // A port nothing listens on: bind one, then close it.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let output = dongne(&["search", "광양", "--url", &url]);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(
        message.contains(&format!("cannot reach the cluster at {url}")),
        "{message}"
    );
    assert!(message.contains("is it running"), "{message}");
}

#[test]
fn a_wrong_password_is_named() {
    // The test node runs without security; a one-answer server plays a node that refuses
    // the credentials.
    let Some(_) = node() else { return };
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let server = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut request = [0u8; 4096];
        let read = stream.read(&mut request).unwrap();
        let body = r#"{"error":"unauthorized"}"#;
        write!(
            stream,
            "HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        String::from_utf8_lossy(&request[..read]).into_owned()
    });
    let output = dongne(&[
        "search",
        "광양",
        "--url",
        &url,
        "--user",
        "reader",
        "--password",
        "wrong",
    ]);
    let request = server.join().unwrap();
    assert!(
        request.to_lowercase().contains("authorization: basic "),
        "{request}"
    );
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(
        message.contains("refused the credentials (HTTP 401)"),
        "{message}"
    );
    assert!(
        message.contains("check the user name and password"),
        "{message}"
    );
}

#[test]
fn an_index_from_another_dongne_is_named() {
    let Some(url) = node() else { return };
    let index = "dongne-test-old";
    let client = Client::new(&connection(&url, index)).unwrap();
    let _ = client.send("DELETE", &format!("/{index}"), None);
    // An index as an older dongne made it: no mapping version.
    let old = json!({"mappings": {"properties": {"title": {"type": "text"}}}});
    client
        .json(
            "PUT",
            &format!("/{index}"),
            Some(&old),
            "creating an old index",
        )
        .unwrap();
    let err = ClusterIndex::open(&connection(&url, index), analyzer().clone())
        .err()
        .expect("an old mapping is refused");
    assert!(
        matches!(err, ClusterError::OtherMapping { found: 0, .. }),
        "{err}"
    );
    let output = dongne(&["search", "광양", "--url", &url, "--cluster-index", index]);
    assert!(
        stderr(&output).contains("ingest again with a rebuild"),
        "{}",
        stderr(&output)
    );
    // The rebuild makes it usable.
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/dump");
    let sample = sample.display().to_string();
    assert_ok(&dongne(&[
        "ingest",
        &sample,
        "--url",
        &url,
        "--cluster-index",
        index,
        "--rebuild",
    ]));
    assert!(ClusterIndex::open(&connection(&url, index), analyzer().clone()).is_ok());
    let _ = client.send("DELETE", &format!("/{index}"), None);
}

#[test]
fn a_missing_index_says_to_ingest() {
    let Some(url) = node() else { return };
    let output = dongne(&[
        "search",
        "광양",
        "--url",
        &url,
        "--cluster-index",
        "dongne-test-none",
    ]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("no index `dongne-test-none`")
            && stderr(&output).contains("ingest into it first"),
        "{}",
        stderr(&output)
    );
}
