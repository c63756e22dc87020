//! A dump of good articles mixed with every kind of bad input (broken containers, lying
//! lengths, wrong character sets, absurd sizes), generated here and run through
//! `dongne ingest`: the good articles are indexed and searchable, every bad file or record is
//! named on stderr with its reason, and the summary counts them. Then hostile queries against
//! that index: each gives a clear error or a sensible result, quickly.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Output;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use tempfile::TempDir;
use unicode_normalization::UnicodeNormalization;

use common::{
    assert_ok, dongne, ingest, record, search_json, search_notes, stderr, stdout, warc_record,
    warc_record_claiming, zip,
};

/// An article expected in the index, found by its marker word.
struct Found {
    /// A Latin word only this article holds.
    marker: &'static str,
    /// The exact title, when the case checks it.
    title: Option<String>,
    /// Texts the stored body must hold.
    body_has: Vec<String>,
    /// Texts the stored body must not hold.
    body_lacks: Vec<String>,
    /// Whether a publication time is stored.
    dated: bool,
}

/// A skip expected on stderr.
struct Skipped {
    /// The record inside the file (`line 2`), if any.
    record: Option<&'static str>,
    /// The kind counted in the summary.
    kind: &'static str,
    /// Words the reason must contain.
    reason: &'static str,
}

/// One generated input file and what ingest must make of it.
struct Case {
    name: &'static str,
    bytes: Vec<u8>,
    found: Vec<Found>,
    skipped: Vec<Skipped>,
}

fn found(marker: &'static str) -> Found {
    Found {
        marker,
        title: None,
        body_has: Vec::new(),
        body_lacks: Vec::new(),
        dated: true,
    }
}

fn skipped(record: Option<&'static str>, kind: &'static str, reason: &'static str) -> Skipped {
    Skipped {
        record,
        kind,
        reason,
    }
}

/// Three invented paragraphs about a town, holding `marker`.
fn paragraphs(marker: &str) -> [String; 3] {
    [
        format!("가온시는 {marker} 주민 설명회를 열고 하천 정비 계획을 공개했다고 8일 밝혔다."),
        "시는 올해 예산 12억 원을 들여 산책로와 쉼터를 고치고, 여름철 물놀이장도 새로 만든다."
            .to_string(),
        "시 관계자는 주민 의견을 모아 공사 일정을 정하겠다고 말했다.".to_string(),
    ]
}

/// A news page in the shape of a Korean local paper's CMS, declaring `charset` if given.
fn page_with(title: &str, body_html: &str, charset: Option<&str>) -> String {
    let meta = charset
        .map(|c| format!("<meta http-equiv=\"Content-Type\" content=\"text/html; charset={c}\">"))
        .unwrap_or_default();
    format!(
        "<!DOCTYPE html><html><head>{meta}<title>{title} - 동네일보</title></head><body>\n\
         <div class=\"menu\"><a href=\"/\">홈</a> <a href=\"/local\">지역</a></div>\n\
         <div class=\"info\">홍길동 기자 · 기사승인 : 2024-11-08 08:10:20</div>\n\
         <div id=\"article-view-content-div\">{body_html}</div>\n\
         <p class=\"copy\">[저작권자ⓒ 동네일보 무단전재 및 재배포 금지]</p></body></html>"
    )
}

fn paragraphs_html(marker: &str) -> String {
    paragraphs(marker)
        .iter()
        .map(|p| format!("<p>{p}</p>"))
        .collect()
}

fn page(title: &str, marker: &str, charset: Option<&str>) -> String {
    page_with(title, &paragraphs_html(marker), charset)
}

/// A found article with its title and first paragraph checked.
fn found_page(marker: &'static str, title: &str) -> Found {
    Found {
        title: Some(title.to_string()),
        body_has: paragraphs(marker).to_vec(),
        ..found(marker)
    }
}

/// Deterministic pseudo-random bytes (xorshift), never zero when `no_nul`.
fn noise(len: usize, seed: u64, no_nul: bool) -> Vec<u8> {
    let mut state = seed.max(1);
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let byte = (state >> 24) as u8;
            if no_nul { byte.max(1) } else { byte }
        })
        .collect()
}

fn json_line(marker: &str, date: &str, title: &str) -> String {
    let body = paragraphs(marker).join("\n");
    let url = format!("https://dongne.example.kr/news/{marker}");
    record(&url, date, "동네일보", "홍길동", title, &body)
}

fn http_response(html: &str) -> Vec<u8> {
    format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}").into_bytes()
}

fn warc_page(marker: &str) -> Vec<u8> {
    let html = page(&format!("{marker} 기사"), marker, None);
    warc_record(
        "response",
        &format!("https://dongne.example.kr/warc/{marker}"),
        "application/http; msgtype=response",
        &http_response(&html),
    )
}

fn warc_page_claiming(marker: &str, change: isize) -> Vec<u8> {
    let html = page(&format!("{marker} 기사"), marker, None);
    let block = http_response(&html);
    let length = block.len().saturating_add_signed(change);
    warc_record_claiming(
        "response",
        &format!("https://dongne.example.kr/warc/{marker}"),
        "application/http; msgtype=response",
        &block,
        length,
    )
}

fn container_cases() -> Vec<Case> {
    // gzip: a sync point after two lines, then the stream is cut inside the third.
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let lines = [
        json_line("gzipone", "2024-11-08 08:10", "압축 파일 첫 기사"),
        json_line("gziptwo", "2024-11-08 08:20", "압축 파일 둘째 기사"),
    ];
    std::io::Write::write_all(&mut encoder, (lines.join("\n") + "\n").as_bytes()).unwrap();
    std::io::Write::flush(&mut encoder).unwrap();
    let synced = encoder.get_ref().len();
    let third = json_line("gzipthree", "2024-11-08 08:30", "압축 파일 셋째 기사");
    std::io::Write::write_all(&mut encoder, third.as_bytes()).unwrap();
    let whole = encoder.finish().unwrap();
    let cut = synced + (whole.len() - synced) / 2;

    let zip_bytes = zip(&[
        ("a.html", page("압축 첫 기사", "zipone", None).into_bytes()),
        (
            "b.html",
            page("압축 둘째 기사", "ziptwo", None).into_bytes(),
        ),
    ]);
    let warc_cut = [warc_page("warccutone"), warc_page("warccuttwo")].concat();
    let first_len = warc_page("warccutone").len();
    let lying = [
        warc_page("warcone"),
        warc_page_claiming("warctwo", 200),
        warc_page("warcthree"),
        warc_page_claiming("warcfour", -40),
        warc_page("warcfive"),
    ]
    .concat();
    vec![
        Case {
            name: "cut.jsonl.gz",
            bytes: whole[..cut].to_vec(),
            found: vec![found("gzipone"), found("gziptwo")],
            skipped: vec![skipped(Some("line 3"), "malformed", "gzip")],
        },
        Case {
            name: "cut.zip",
            bytes: zip_bytes[..zip_bytes.len() * 6 / 10].to_vec(),
            found: vec![],
            skipped: vec![skipped(None, "malformed", "zip")],
        },
        Case {
            name: "cut.warc",
            bytes: warc_cut[..first_len + (warc_cut.len() - first_len) / 2].to_vec(),
            found: vec![found("warccutone")],
            skipped: vec![skipped(Some("record 2"), "malformed", "cut short")],
        },
        Case {
            name: "lying.warc",
            bytes: lying,
            found: vec![found("warcone"), found("warcthree"), found("warcfive")],
            skipped: vec![
                skipped(Some("record 2"), "malformed", "Content-Length"),
                skipped(Some("record 4"), "malformed", "Content-Length"),
            ],
        },
        Case {
            name: "no-length.warc",
            bytes: [
                b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 99999999999999999999\r\n\r\nx\r\n\r\n"
                    .to_vec(),
                warc_page("warcafter"),
            ]
            .concat(),
            found: vec![found("warcafter")],
            skipped: vec![skipped(Some("record 1"), "malformed", "Content-Length")],
        },
    ]
}

fn record_dump_cases() -> Vec<Case> {
    let jsonl = [
        json_line("jsonone", "2024-11-08 08:10", "첫 줄 기사"),
        "{\"title\": \"끊긴 줄\", \"body\": \"본문이 중간에".to_string(),
        json_line("jsonthree", "2024-11-08 08:30", "셋째 줄 기사"),
    ]
    .join("\n");
    let body = |marker: &str| paragraphs(marker).join(" ");
    let csv = format!(
        "title,body,date,url\n\
         첫 행 기사,\"{}\",2024-11-08,https://dongne.example.kr/csv/1\n\
         쉼표가 샌 행,가온시는 예산 3억,원을 들인다,2024-11-08,https://dongne.example.kr/csv/2\n\
         셋째 행 기사,\"{}\",2024-11-08\n",
        body("csvone"),
        body("csvthree"),
    );
    let dates = [
        json_line("datemonth", "2024-13-45 08:10", "열셋째 달 기사"),
        json_line("dateyearone", "0001-01-01T09:00:00+09:00", "서기 1년 기사"),
        json_line("dategood", "2024-11-08 08:10", "제대로 된 날짜 기사"),
    ]
    .join("\n");
    let no_urls = ["urlless", "urllesstoo"]
        .map(|marker| {
            serde_json::json!({"title": format!("{marker} 주소 없는 기사"), "body": paragraphs(marker).join("\n")})
                .to_string()
        })
        .join("\n");
    let workbook = zip(&[
        ("xl/workbook.xml", b"<not really a workbook".to_vec()),
        ("[Content_Types].xml", b"garbage".to_vec()),
    ]);
    let mut old_xls = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    old_xls.extend(noise(4096, 7, false));
    let undated = |marker| Found {
        dated: false,
        ..found(marker)
    };
    vec![
        Case {
            name: "broken-line.jsonl",
            bytes: jsonl.into_bytes(),
            found: vec![found("jsonone"), found("jsonthree")],
            skipped: vec![skipped(Some("line 2"), "malformed", "JSON")],
        },
        Case {
            name: "ragged.csv",
            bytes: csv.into_bytes(),
            found: vec![found("csvone"), found("csvthree")],
            skipped: vec![skipped(Some("row 3"), "malformed", "5 fields")],
        },
        Case {
            name: "dates.jsonl",
            bytes: dates.into_bytes(),
            found: vec![
                undated("datemonth"),
                undated("dateyearone"),
                found("dategood"),
            ],
            skipped: vec![],
        },
        Case {
            name: "no-urls.jsonl",
            bytes: no_urls.into_bytes(),
            found: vec![
                Found {
                    dated: false,
                    ..found("urlless")
                },
                Found {
                    dated: false,
                    ..found("urllesstoo")
                },
            ],
            skipped: vec![],
        },
        Case {
            name: "text.xlsx",
            bytes: "이 파일은 스프레드시트가 아닙니다\n".as_bytes().to_vec(),
            found: vec![],
            skipped: vec![skipped(None, "unknown format", "not an xlsx workbook")],
        },
        Case {
            name: "old.xlsx",
            bytes: old_xls,
            found: vec![],
            skipped: vec![skipped(None, "unknown format", "not an xlsx workbook")],
        },
        Case {
            name: "broken.xlsx",
            bytes: workbook,
            found: vec![],
            skipped: vec![skipped(None, "malformed", "xlsx")],
        },
    ]
}

fn charset_cases() -> Vec<Case> {
    let euc_kr = |html: &str| encoding_rs::EUC_KR.encode(html).0.into_owned();
    let mut invalid = page("깨진 바이트가 섞인 기사", "badutf", Some("utf-8")).into_bytes();
    let at = invalid.windows(4).position(|w| w == b"</p>").unwrap();
    invalid.splice(at..at, [0xFF, 0xFE]);
    let han = "한".as_bytes();
    let at = invalid.len() - 20;
    invalid.splice(at..at, han[..2].iter().copied());
    let with_nuls = page("널 문자가 섞인 기사", "nulbytes", None)
        .replace("</p>", "</p>\0\0")
        .replace("물놀이장", "물놀\0이장");
    let nfd: String = page("맥에서 저장한 기사", "nfdpage", None).nfd().collect();
    vec![
        Case {
            name: "euc-kr-says-utf-8.html",
            bytes: euc_kr(&page("인코딩을 잘못 밝힌 기사", "euckrlie", Some("utf-8"))),
            found: vec![found_page("euckrlie", "인코딩을 잘못 밝힌 기사")],
            skipped: vec![],
        },
        Case {
            name: "utf-8-says-euc-kr.html",
            bytes: page("반대로 밝힌 기사", "utflie", Some("euc-kr")).into_bytes(),
            found: vec![found_page("utflie", "반대로 밝힌 기사")],
            skipped: vec![],
        },
        Case {
            name: "undeclared-euc-kr.html",
            bytes: euc_kr(&page("선언 없는 완성형 기사", "euckrbare", None)),
            found: vec![found_page("euckrbare", "선언 없는 완성형 기사")],
            skipped: vec![],
        },
        Case {
            name: "invalid-utf-8.html",
            bytes: invalid,
            found: vec![Found {
                body_has: paragraphs("badutf")[1..].to_vec(),
                ..found_page("badutf", "깨진 바이트가 섞인 기사")
            }],
            skipped: vec![],
        },
        Case {
            name: "nul-bytes.html",
            bytes: with_nuls.into_bytes(),
            found: vec![found_page("nulbytes", "널 문자가 섞인 기사")],
            skipped: vec![],
        },
        Case {
            name: "nfd.html",
            bytes: nfd.into_bytes(),
            found: vec![found_page("nfdpage", "맥에서 저장한 기사")],
            skipped: vec![],
        },
    ]
}

fn odd_page_cases() -> Vec<Case> {
    let nested = (0..10).fold(paragraphs_html("nestedtables"), |inner, _| {
        format!("<table><tr><td>{inner}</td></tr></table>")
    });
    let links: String = (0..100_000)
        .map(|i| format!("<li><a href=\"/news/{i}\">소식 {i}</a></li>"))
        .collect();
    let links_page = page_with(
        "링크 10만 개 옆의 기사",
        &paragraphs_html("manylinks"),
        None,
    )
    .replace(
        "<div class=\"menu\">",
        &format!("<div class=\"menu\"><ul>{links}</ul>"),
    );
    let sentence = "onelinepage 가온시는 하천 정비 사업을 추진하며 주민 의견을 듣는다. ";
    let one_line = sentence.repeat(1024 * 1024 / sentence.len());
    let long_title = "긴제목 ".repeat(2500);
    let mut huge = page("아주 큰 페이지", "hugepage", None).into_bytes();
    huge.extend(b"<p>".iter().chain(&[b'x'; 50 * 1024 * 1024]));
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(noise(8192, 3, false));
    vec![
        Case {
            name: "empty.html",
            bytes: Vec::new(),
            found: vec![],
            skipped: vec![skipped(None, "no article", "empty file")],
        },
        Case {
            name: "empty.jsonl",
            bytes: Vec::new(),
            found: vec![],
            skipped: vec![skipped(None, "no article", "empty file")],
        },
        Case {
            name: "image.html",
            bytes: png,
            found: vec![],
            skipped: vec![skipped(None, "unknown format", "binary")],
        },
        Case {
            name: "noise.html",
            bytes: noise(65_536, 11, true),
            found: vec![],
            skipped: vec![skipped(None, "unknown format", "binary")],
        },
        Case {
            name: "nested-tables.html",
            bytes: page_with("표 속의 기사", &nested, None).into_bytes(),
            found: vec![found_page("nestedtables", "표 속의 기사")],
            skipped: vec![],
        },
        Case {
            name: "links.html",
            bytes: links_page.into_bytes(),
            found: vec![Found {
                body_lacks: vec!["소식 99999".into()],
                ..found_page("manylinks", "링크 10만 개 옆의 기사")
            }],
            skipped: vec![],
        },
        Case {
            name: "one-line.txt",
            bytes: one_line.into_bytes(),
            found: vec![Found {
                dated: false,
                title: Some(
                    sentence
                        .repeat(3)
                        .chars()
                        .take(100)
                        .collect::<String>()
                        .trim()
                        .into(),
                ),
                ..found("onelinepage")
            }],
            skipped: vec![],
        },
        Case {
            name: "long-title.html",
            bytes: page(long_title.trim(), "longtitle", None).into_bytes(),
            found: vec![found("longtitle")],
            skipped: vec![],
        },
        Case {
            name: "huge.html",
            bytes: huge,
            found: vec![],
            skipped: vec![skipped(None, "too large", "32 MiB")],
        },
    ]
}

fn cases() -> Vec<Case> {
    let mut cases = container_cases();
    cases.extend(record_dump_cases());
    cases.extend(charset_cases());
    cases.extend(odd_page_cases());
    cases
}

/// The index built from all cases, the ingest's output and the cases; built once.
fn hostile_index() -> &'static (TempDir, Output, Vec<Case>) {
    static INDEX: OnceLock<(TempDir, Output, Vec<Case>)> = OnceLock::new();
    INDEX.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let dump = tmp.path().join("dump");
        std::fs::create_dir(&dump).unwrap();
        let cases = cases();
        for case in &cases {
            std::fs::write(dump.join(case.name), &case.bytes).unwrap();
        }
        let output = ingest(&[&dump], &tmp.path().join("idx"), &[]);
        (tmp, output, cases)
    })
}

fn index_dir() -> std::path::PathBuf {
    hostile_index().0.path().join("idx")
}

#[test]
fn bad_inputs_are_reported_and_good_articles_around_them_indexed() {
    let (tmp, output, cases) = hostile_index();
    let (out, err) = (stdout(output), stderr(output));
    assert_ok(output);
    assert!(!err.contains("panicked"), "{err}");
    let dump = tmp.path().join("dump");

    let mut kinds: BTreeMap<String, u64> = BTreeMap::new();
    for case in cases {
        let path = dump.join(case.name).display().to_string();
        for skip in &case.skipped {
            *kinds.entry(skip.kind.to_string()).or_default() += 1;
            let source = match skip.record {
                Some(record) => format!("skipped {path} ({record}): "),
                None => format!("skipped {path}: "),
            };
            let line = err.lines().find(|l| l.starts_with(&source));
            let line = line.unwrap_or_else(|| panic!("{}: no `{source}` in\n{err}", case.name));
            assert!(line.contains(skip.reason), "{}: {line}", case.name);
        }
        let named = err.lines().filter(|l| l.contains(&path)).count();
        assert_eq!(
            named,
            case.skipped.len(),
            "{}: skips named\n{err}",
            case.name
        );
    }
    let articles: usize = cases.iter().map(|c| c.found.len()).sum();
    let expected = format!("{articles} added, 0 updated, 0 exact duplicates skipped");
    assert!(out.contains(&expected), "{out}");
    let skips: u64 = kinds.values().sum();
    let breakdown = format!(
        "{skips} skipped{}",
        dongne::output::extract::skip_breakdown(&kinds)
    );
    assert!(
        out.trim_end().ends_with(&breakdown),
        "{out}\nwanted {breakdown}\n{err}"
    );
    assert_eq!(search_json(&index_dir(), "").len(), articles);
    println!(
        "{} input files: {articles} articles indexed, {skips} files and records skipped",
        cases.len()
    );
}

#[test]
fn each_good_article_is_found_and_stored_as_written() {
    let (_, output, cases) = hostile_index();
    assert_ok(output);
    for case in cases {
        for want in &case.found {
            let hits = search_json(&index_dir(), want.marker);
            assert_eq!(hits.len(), 1, "{}: {} hits", case.name, want.marker);
            let hit = &hits[0];
            let (title, body) = (
                hit["title"].as_str().unwrap(),
                hit["body"].as_str().unwrap(),
            );
            if let Some(expected) = &want.title {
                assert_eq!(title, expected, "{}", case.name);
            }
            for text in &want.body_has {
                assert!(
                    body.contains(text.as_str()),
                    "{}: {text} not in {body}",
                    case.name
                );
            }
            for text in &want.body_lacks {
                assert!(
                    !body.contains(text.as_str()),
                    "{}: {text} in body",
                    case.name
                );
            }
            assert_eq!(
                hit["published"].is_string(),
                want.dated,
                "{}: {hit}",
                case.name
            );
            assert!(
                !body.contains('\0') && !title.contains('\0'),
                "{}",
                case.name
            );
        }
    }
}

#[test]
fn nfd_pages_match_nfc_queries_and_long_titles_are_cut() {
    let index = index_dir();
    // The query is NFC; the page was saved in NFD. Articles with one of the two words follow
    // the one with both.
    let hits = search_json(&index, "물놀이장 nfdpage");
    let complete: Vec<_> = hits.iter().filter(|h| h.get("missing").is_none()).collect();
    assert_eq!(complete.len(), 1, "{hits:?}");
    assert_eq!(hits[0], *complete[0]);
    assert_eq!(search_json(&index, "\"맥에서 저장한\"").len(), 1);
    let hit = &search_json(&index, "longtitle")[0];
    let title = hit["title"].as_str().unwrap();
    assert!(
        title.chars().count() <= 301,
        "{} chars",
        title.chars().count()
    );
    assert!(
        title.starts_with("긴제목 긴제목") && title.ends_with('…'),
        "{title}"
    );
}

/// How many search and trend commands [`run_bounded`] ran.
static COMMANDS_RUN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Runs `dongne ARGS… --index INDEX`, failing the test on a panic or a slow run.
fn run_bounded(args: &[&str]) -> Output {
    let index = index_dir().display().to_string();
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--index", &index]);
    COMMANDS_RUN.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let started = Instant::now();
    let output = dongne(&all);
    let took = started.elapsed();
    assert!(took < Duration::from_secs(20), "{args:?} took {took:?}");
    assert!(
        !stderr(&output).contains("panicked"),
        "{args:?}: {}",
        stderr(&output)
    );
    output
}

/// A query that must fail with a message holding each of `words`.
fn refused(args: &[&str], words: &[&str]) {
    let output = run_bounded(args);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{args:?}: {err}");
    for word in words {
        assert!(err.contains(word), "{args:?}: `{word}` not in {err}");
    }
}

/// Markers a search finds, sorted.
fn markers(args: &[&str]) -> Vec<String> {
    let mut all = args.to_vec();
    all.extend(["--json", "--all-copies", "--limit", "1000"]);
    let output = run_bounded(&all);
    assert_ok(&output);
    let mut urls: Vec<String> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|line| line.get("url").is_some())
        .map(|line| line["url"].to_string())
        .collect();
    urls.sort();
    urls
}

#[test]
fn hostile_queries_give_clear_errors_or_sensible_results() {
    let q = |query: &str| vec!["search".to_string(), query.to_string()];
    let run = |query: &str| {
        let args = q(query);
        markers(&args.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let fail = |query: &str, words: &[&str]| {
        let args = q(query);
        refused(&args.iter().map(String::as_str).collect::<Vec<_>>(), words)
    };
    // Pasted text that does not parse is read as plain words, and the notes say why.
    let plain = |query: &str, words: Option<&str>, reasons: &[&str]| {
        let notes = search_notes(&index_dir(), query).expect("notes");
        let note = notes["read_as_plain_words"].as_str().unwrap_or_default();
        for reason in reasons {
            assert!(note.contains(reason), "{query}: `{reason}` not in {note}");
        }
        if let Some(words) = words {
            assert_eq!(run(query), run(words), "{query}");
        }
    };
    plain(
        "\"가온시 하천",
        Some("가온시 하천"),
        &["column 1", "never closed"],
    );
    plain(
        "하천 \"가온시",
        Some("하천 가온시"),
        &["column 4", "never closed"],
    );
    plain(
        "(가온시 OR 하천",
        Some("가온시 or 하천"),
        &["column 1", "never closed"],
    );
    plain("가온시)", Some("가온시"), &["column 4", "no matching `(`"]);
    plain("가온시 -", Some("가온시"), &["column 5", "`-`"]);
    plain("OR OR OR", Some("or or or"), &["OR"]);
    plain("title:", Some("title"), &["field prefix"]);
    plain(
        "author:홍길동",
        None,
        &[
            "column 1",
            "unknown field `author`",
            "title, body, reporter, press",
        ],
    );
    plain(
        "가온시 Title:하천 Writer:홍길동",
        None,
        &["column 14", "unknown field `Writer`"],
    );
    // Nothing but syntax has no words to read.
    fail("-", &["column 1", "`-`"]);
    fail(&"(".repeat(10_000), &["nest"]);

    let all = run("");
    assert_eq!(all.len(), search_json(&index_dir(), "").len());
    let town = run("가온시");
    assert!(!town.is_empty());
    assert_eq!(run(&"가온시 ".repeat(1_024)), town, "a 10 KB query");
    assert_eq!(run(&("가온시 OR ".repeat(999) + "가온시")), town);
    let many: Vec<String> = (0..995)
        .map(|i| {
            format!(
                "zq{}",
                char::from(b'a' + (i % 26) as u8)
                    .to_string()
                    .repeat(1 + i / 26)
            )
        })
        .chain(["nfdpage", "csvone", "warcfive", "jsonthree", "gzipone"].map(String::from))
        .collect();
    assert_eq!(run(&many.join(" OR ")).len(), 5, "1,000 OR'd terms");
    assert_eq!(
        run("\u{1}nfdpage\u{7f}\u{1b}"),
        run("nfdpage"),
        "control characters"
    );
    assert!(run(&"가".repeat(10 * 1024 / 3)).is_empty(), "a 10 KB word");
    assert_eq!(
        run("10:30"),
        run("10 AND 30"),
        "a time is text, not a field"
    );
    fail("\"\"", &["nothing to search"]);

    let dated = |from: &str, to: &str| markers(&["search", "", "--from", from, "--to", to]);
    let undated = hostile_index()
        .2
        .iter()
        .flat_map(|c| &c.found)
        .filter(|f| !f.dated);
    let undated = undated.count();
    assert_eq!(dated("0001-01-01", "9999-12-31").len(), all.len() - undated);
    assert!(dated("1800", "1899").is_empty());
    let filter = |option: &str, value: &str, words: &[&str]| {
        refused(&["search", "가온시", option, value], words)
    };
    filter("--from", "2024-13-45", &["bad date", "no month 13"]);
    filter("--to", "2024-02-30", &["bad date", "no day 30"]);
    filter("--from", "99999-01-01", &["bad date", "YYYY-MM-DD"]);
    filter("--from", "100000000y", &["bad date"]);
    filter("--from", "99999999999d", &["bad date"]);
    refused(
        &["search", "", "--from", "2030", "--to", "2020"],
        &["after"],
    );
    let trend = run_bounded(&["trend", "", "--by", "day", "--from", "0001-01-01", "--csv"]);
    assert!(
        trend.status.success() || stderr(&trend).contains("periods"),
        "{}",
        stderr(&trend)
    );
    let ran = COMMANDS_RUN.load(std::sync::atomic::Ordering::Relaxed);
    println!("{ran} queries: hostile ones and their comparisons, none slow, none panicked");
}

#[test]
fn the_summary_survives_a_rerun_without_duplicates() {
    let (tmp, output, _) = hostile_index();
    assert_ok(output);
    let before = search_json(&index_dir(), "").len();
    // A second index from the same dump, to leave the shared one alone.
    let index = tmp.path().join("again");
    let dump: &Path = &tmp.path().join("dump");
    assert_ok(&ingest(&[dump], &index, &["--batch", "4"]));
    let again = ingest(&[dump], &index, &[]);
    assert_ok(&again);
    assert!(
        stdout(&again).contains(&format!("0 added, 0 updated, {before} exact duplicates")),
        "{}",
        stdout(&again)
    );
    assert_eq!(search_json(&index, "").len(), before);
}
