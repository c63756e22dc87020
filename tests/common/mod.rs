//! Helpers shared by the test files: running the `dongne` binary, writing invented dumps
//! (JSON Lines, gzip, zip, WARC) and reading search results back.
// Each test file uses only some of the helpers.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;

use dongne::analysis::Analyzer;
use dongne::article::Article;
use dongne::home::Home;
use dongne::index::{ArticleWriter, IndexHandle, WriteOutcome};
use dongne::regions::{Gazetteer, Tagger};
use dongne::search::{self, SearchIndex};

/// The project itself as the data home: its `dictionaries/`, with the dictionary the
/// README's set-up builds.
pub fn home() -> Home {
    Home::new(env!("CARGO_MANIFEST_DIR"))
}

/// The analyzer of the project's dictionaries, with the gazetteer's place names; built once.
pub fn analyzer() -> &'static Analyzer {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    ANALYZER.get_or_init(|| {
        let names = Gazetteer::municipal_names()
            .expect("the gazetteer reads")
            .into_iter()
            .map(str::to_string)
            .collect();
        let options = home()
            .analyzer_options(names)
            .expect("the user dictionary reads");
        Analyzer::load(&options).expect("the dictionary is built (run the README's set-up)")
    })
}

/// The built-in gazetteer, loaded once.
pub fn gazetteer() -> &'static Gazetteer {
    static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
    GAZETTEER.get_or_init(|| Gazetteer::load_default().expect("the gazetteer reads"))
}

/// The index in `dir` opened for searching, with the project's synonyms.
pub fn open_search(dir: &Path) -> SearchIndex {
    let synonyms = home().synonyms().expect("the synonyms read");
    search::open(dir, analyzer().clone())
        .unwrap_or_else(|err| panic!("{}: {err}", dir.display()))
        .with_synonyms(synonyms)
}

/// Prepares `article` (analysis, region tags unless it has them) and writes it.
pub fn add(writer: &mut ArticleWriter, article: &Article) -> WriteOutcome {
    let mut worker = analyzer().worker();
    let prepared = dongne::ingest::prepare(
        article.clone(),
        &mut worker,
        &Tagger::new(gazetteer()),
        writer.fields(),
    );
    writer.write(prepared).expect("the article is written")
}

/// A new index in `dir` holding `articles`.
pub fn index_of(dir: &Path, articles: &[Article]) {
    let handle = IndexHandle::create(dir, analyzer()).expect("a new index");
    let mut writer = handle
        .writer(analyzer(), 50_000_000)
        .expect("the index's writer");
    for article in articles {
        add(&mut writer, article);
    }
    writer.finish().expect("the index commits");
}

/// The text of `../shared/corpus/NAME`, or `None` after printing why the test is skipped
/// when the shared data is not beside the project.
pub fn shared_corpus(name: &str) -> Option<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(name);
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(_) => {
            println!("skipped: {} is absent", path.display());
            None
        }
    }
}

/// Runs the `dongne` binary with `args` (no colour, the project as its data home) and waits
/// for it.
pub fn dongne(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dongne"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("DONGNE_HOME", env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run dongne")
}

/// The arguments of `dongne ingest PATH… --index INDEX EXTRA…`.
pub fn ingest_args(paths: &[&Path], index: &Path, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["ingest".to_string()];
    args.extend(paths.iter().map(|p| p.display().to_string()));
    args.extend(["--index".to_string(), index.display().to_string()]);
    args.extend(extra.iter().map(|s| s.to_string()));
    args
}

/// Runs `dongne ingest PATH… --index INDEX EXTRA…`.
pub fn ingest(paths: &[&Path], index: &Path, extra: &[&str]) -> Output {
    let args = ingest_args(paths, index, extra);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    dongne(&args)
}

/// Standard output as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Fails the test with both outputs unless the command succeeded.
pub fn assert_ok(output: &Output) {
    assert!(
        output.status.success(),
        "stdout: {}\nstderr: {}",
        stdout(output),
        stderr(output)
    );
}

/// One JSON Lines record.
pub fn record(
    url: &str,
    date: &str,
    press: &str,
    reporter: &str,
    title: &str,
    body: &str,
) -> String {
    serde_json::json!({
        "url": url, "date": date, "press": press, "reporter": reporter,
        "category": "지역", "title": title, "body": body,
    })
    .to_string()
}

/// Writes `lines` as a dump file `name` in `dir`.
pub fn write_dump(dir: &Path, name: &str, lines: &[String]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, lines.join("\n") + "\n").expect("write dump");
    path
}

/// `bytes` gzipped.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("gzip");
    encoder.finish().expect("gzip")
}

/// A zip archive of the named members.
pub fn zip(members: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in members {
        writer
            .start_file(*name, zip::write::SimpleFileOptions::default())
            .expect("zip member");
        writer.write_all(bytes).expect("zip write");
    }
    writer.finish().expect("zip").into_inner()
}

/// One WARC record with the given headers and block, its Content-Length true.
pub fn warc_record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    warc_record_claiming(kind, uri, content_type, block, block.len())
}

/// One WARC record whose Content-Length says `length`, whatever the block's size.
pub fn warc_record_claiming(
    kind: &str,
    uri: &str,
    content_type: &str,
    block: &[u8],
    length: usize,
) -> Vec<u8> {
    let mut record = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-11-08T00:00:00Z\r\n\
         Content-Type: {content_type}\r\nContent-Length: {length}\r\n\r\n"
    )
    .into_bytes();
    record.extend_from_slice(block);
    record.extend_from_slice(b"\r\n\r\n");
    record
}

/// Every article `dongne search QUERY --json --all-copies` finds in `index`, copies listed
/// (the result lines, without the notes line).
pub fn search_json(index: &Path, query: &str) -> Vec<serde_json::Value> {
    let index = index.display().to_string();
    let output = dongne(&[
        "search",
        query,
        "--index",
        &index,
        "--json",
        "--all-copies",
        "--limit",
        "100000",
    ]);
    assert_ok(&output);
    stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object per line"))
        .filter(|line: &serde_json::Value| line.get("url").is_some())
        .collect()
}

/// The `{"notes": …}` line of `dongne search QUERY --json` in `index`, if it printed one.
pub fn search_notes(index: &Path, query: &str) -> Option<serde_json::Value> {
    let index = index.display().to_string();
    let output = dongne(&["search", query, "--index", &index, "--json"]);
    assert_ok(&output);
    stdout(&output)
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).expect("a JSON object"))
        .find_map(|line| line.get("notes").cloned())
}

/// The header of a BigKinds (빅카인즈) news export, as the site writes it.
pub const BIGKINDS_HEADER: [&str; 19] = [
    "뉴스 식별자",
    "일자",
    "언론사",
    "기고자",
    "제목",
    "통합 분류1",
    "통합 분류2",
    "통합 분류3",
    "사건/사고 분류1",
    "사건/사고 분류2",
    "사건/사고 분류3",
    "인물",
    "위치",
    "기관",
    "키워드",
    "특성추출(가중치순 상위 50개)",
    "본문",
    "URL",
    "분석제외 여부",
];

/// A body of exactly 200 characters, cut mid-sentence as BigKinds exports cut them.
pub fn bigkinds_cut_body(start: &str) -> String {
    let filler = " 시는 주민 의견을 모아 사업 계획을 다듬고 내년 예산에 반영하겠다고 설명했다.";
    let mut body = start.to_string();
    while body.chars().count() < 200 {
        body.push_str(filler);
    }
    body.chars().take(200).collect()
}

/// Writes a synthetic BigKinds export (`.xlsx`) with the real header and the reporter
/// values BigKinds gives: repeated and space-separated co-reporters, names joined by dots
/// with a stray bracket, desks, `외 1명`, datelines and e-mails. Returns its rows' 기고자.
pub fn write_bigkinds_export(path: &Path) -> Vec<String> {
    let rows: Vec<[String; 19]> = vec![
        bigkinds_row(
            "01101101.20230512093000001",
            "",
            "김수경 기자\n김수경 기자  양승수 기자  이민준 기자",
            "광양시, 섬진강 둘레길 새 단장",
            &bigkinds_cut_body(
                "광양시가 섬진강 둘레길 정비 사업을 마무리하고 시민에게 다시 개방했다고 12일 밝혔다.",
            ),
            ["지역>전남", "사회>교육_시험", ""],
            ["김광양,박섬진", "광양,섬진강", "광양시,전라남도"],
            "",
        ),
        bigkinds_row(
            "01100101.20230512100000002",
            "",
            "최서인.장서윤.이찬규.황수빈(",
            "여수시, 밤바다 축제 준비",
            "여수시는 밤바다 축제를 준비하고 있다고 밝혔다.",
            ["문화>축제", "", ""],
            ["", "여수", "여수시"],
            "중복",
        ),
        bigkinds_row(
            "02100101.20230512110000003",
            "동네방송",
            "7NEWS팀",
            "순천만 정원 야간 개장",
            "순천만 국가정원이 야간 개장을 시작했다고 밝혔다.",
            ["지역>전남", "", ""],
            ["", "순천", ""],
            "",
        ),
        bigkinds_row(
            "01400351.20230512120000004",
            "동네일보",
            "사회부",
            "목포 해상케이블카 점검",
            "목포 해상케이블카가 정기 점검에 들어갔다고 밝혔다.",
            ["사회>안전", "", ""],
            ["", "목포", ""],
            "",
        ),
        bigkinds_row(
            "01400351.20230512130000005",
            "동네일보",
            "권지혜 조성은 기자 외 1명",
            "나주시, 혁신도시 공원 확장",
            "나주시는 혁신도시 공원을 넓힌다고 밝혔다.",
            ["지역>전남", "", ""],
            ["", "나주", "나주시"],
            "",
        ),
        bigkinds_row(
            "01400351.20230512140000006",
            "동네일보",
            "(광주=동네일보) 홍길동 기자 hong@dongne.example",
            "광주 버스 노선 개편",
            "광주시는 버스 노선을 개편한다고 밝혔다.",
            ["지역>광주", "", ""],
            ["", "광주", "광주광역시"],
            "",
        ),
    ];
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (col, name) in (0u16..).zip(BIGKINDS_HEADER) {
        sheet.write_string(0, col, name).expect("header");
    }
    for (row, values) in (1u32..).zip(&rows) {
        for (col, value) in (0u16..).zip(values) {
            if col == 1 {
                // BigKinds writes the date as a number (20230512).
                let date: f64 = value.parse().expect("date");
                sheet.write_number(row, col, date).expect("date");
            } else {
                sheet.write_string(row, col, value).expect("cell");
            }
        }
    }
    workbook.save(path).expect("save xlsx");
    rows.into_iter().map(|row| row[3].clone()).collect()
}

/// One row of [`write_bigkinds_export`] in [`BIGKINDS_HEADER`] order.
#[allow(clippy::too_many_arguments)]
fn bigkinds_row(
    id: &str,
    press: &str,
    reporters: &str,
    title: &str,
    body: &str,
    categories: [&str; 3],
    entities: [&str; 3],
    excluded: &str,
) -> [String; 19] {
    let date = id.get(9..17).unwrap_or("20230512");
    [
        id,
        date,
        press,
        reporters,
        title,
        categories[0],
        categories[1],
        categories[2],
        "",
        "",
        "",
        entities[0],
        entities[1],
        entities[2],
        "",
        "",
        body,
        "",
        excluded,
    ]
    .map(str::to_string)
}

/// `dongne serve` on a free port over `index`; the child and its address.
pub fn spawn_serve(index: &Path) -> (Child, SocketAddr) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dongne"))
        .args(["serve", "--addr", "127.0.0.1:0", "--index"])
        .arg(index)
        .env("DONGNE_HOME", env!("CARGO_MANIFEST_DIR"))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The address is in the line that announces it; the rest of stderr is drained so the
    // server never writes into a full pipe.
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let addr = lines
        .by_ref()
        .map_while(Result::ok)
        .find_map(|line| {
            let rest = line.split("http://").nth(1)?;
            rest.split('/').next()?.parse().ok()
        })
        .expect("dongne serve announces its address");
    std::thread::spawn(move || lines.for_each(drop));
    (child, addr)
}
