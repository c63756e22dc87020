//! Extraction of every supported input shape, checked field by field, and the
//! `dongne extract` command's output, summary and exit status.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, FixedOffset};
use dongne::article::Article;
use dongne::dump::SkipReason;
use dongne::extract::{self, ExtractOptions, Extracted};

use common::{gzip, warc_record, zip};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/extract")
        .join(name)
}

fn time(text: &str) -> Option<DateTime<FixedOffset>> {
    Some(DateTime::parse_from_rfc3339(text).expect("test time is valid"))
}

fn extract_with(path: &Path, options: &ExtractOptions) -> Vec<Extracted> {
    extract::extract_paths(&[path.to_path_buf()], options).collect()
}

fn articles(path: &Path) -> Vec<Article> {
    extract_with(path, &ExtractOptions::default())
        .into_iter()
        .filter_map(Result::ok)
        .collect()
}

/// The one article of a file that must hold exactly one and nothing skipped.
fn only_article(path: &Path) -> Article {
    let mut results = extract_with(path, &ExtractOptions::default());
    assert_eq!(results.len(), 1, "{}: {results:?}", path.display());
    results
        .remove(0)
        .unwrap_or_else(|skipped| panic!("skipped: {skipped}"))
}

fn lines(body: &str) -> Vec<&str> {
    body.lines().collect()
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn ndsoft_local_paper() {
    let path = fixture("ndsoft_local.html");
    let article = only_article(&path);
    assert_eq!(article.title, "광양시, 섬진강 둘레길 새 단장 마쳐");
    assert_eq!(
        lines(&article.body),
        [
            "광양시가 섬진강 둘레길 정비 사업을 마무리하고 시민에게 다시 개방했다고 8일 밝혔다.",
            "시는 지난 봄부터 낡은 데크를 교체하고 쉼터 세 곳을 새로 만들었다.",
            "시 관계자는 \"누구나 편하게 걷는 길로 가꾸겠다\"고 말했다.",
        ]
    );
    assert_eq!(article.reporters, strings(&["홍길동"]));
    assert_eq!(article.emails, strings(&["hong@dongne-ilbo.example"]));
    assert_eq!(article.press.as_deref(), Some("동네일보"));
    assert_eq!(article.published, time("2024-11-08T09:30:00+09:00"));
    assert_eq!(article.updated, time("2024-11-08T10:15:00+09:00"));
    assert_eq!(
        article.url.as_deref(),
        Some("https://www.dongne-ilbo.example/news/articleView.html?idxno=1001")
    );
    assert_eq!(article.dateline.as_deref(), Some("광양"));
    assert_eq!(article.section.as_deref(), Some("지역"));
    assert_eq!(article.issuer, None);
    assert_eq!(article.regions, None);
    assert_eq!(article.source.path, path.display().to_string());
    assert_eq!(article.source.record, None);
}

#[test]
fn related_boxes_about_other_municipalities_stay_out_of_the_body() {
    let article = only_article(&fixture("ndsoft_local.html"));
    for other in [
        "순천",
        "여수",
        "부안",
        "고창",
        "관련기사",
        "많이 본",
        "저작권",
        "사진=",
        "▲",
    ] {
        assert!(
            !article.body.contains(other),
            "body holds {other}: {}",
            article.body
        );
    }
}

#[test]
fn national_daily_with_json_ld() {
    let article = only_article(&fixture("national_jsonld.html"));
    assert_eq!(article.title, "대전 유성구, 마을버스 노선 두 개 늘린다");
    assert_eq!(
        lines(&article.body),
        [
            "대전 유성구가 내년부터 마을버스 노선을 두 개 늘린다.",
            "구는 주민 설문 결과를 반영해 노선을 정했다고 설명했다.",
            "새 노선은 내년 3월 운행을 시작한다.",
        ]
    );
    assert_eq!(article.reporters, strings(&["김철수", "이영희"]));
    assert!(article.emails.is_empty());
    assert_eq!(article.press.as_deref(), Some("한빛일보"));
    assert_eq!(article.published, time("2024-11-08T06:00:00+09:00"));
    assert_eq!(article.updated, time("2024-11-08T07:45:00+09:00"));
    assert_eq!(
        article.url.as_deref(),
        Some("https://www.hanbit-daily.example/society/2024/11/08/ABC123/")
    );
    assert_eq!(article.dateline.as_deref(), Some("대전"));
    assert_eq!(article.section.as_deref(), Some("사회"));
}

#[test]
fn json_ld_graph_without_a_body_and_boxes_beside_the_article() {
    let article = only_article(&fixture("graph_no_body.html"));
    assert_eq!(article.title, "청주시, 무심천 자전거길 야간 조명 설치");
    assert_eq!(
        lines(&article.body),
        [
            "청주시는 무심천 자전거길 12㎞ 구간에 야간 조명 300여 개를 설치한다고 20일 밝혔다.",
            "시는 어두운 구간에서 자전거와 보행자가 부딪치는 사고가 잇따르자 조명을 늘리기로 했다.",
            "공사는 다음 달 시작해 내년 3월 마무리된다. 시 관계자는 \"밤에도 안심하고 달릴 수 있게 하겠다\"고 말했다.",
        ]
    );
    for other in ["충주", "제천", "보은", "많이 본", "제공"] {
        assert!(!article.body.contains(other), "{other}: {}", article.body);
    }
    assert_eq!(article.reporters, strings(&["박소연", "정민호"]));
    assert_eq!(article.press.as_deref(), Some("충청한빛뉴스"));
    // The UTC time of the metadata, shown at 10:30 KST.
    assert_eq!(article.published, time("2024-11-20T10:30:00+09:00"));
    assert_eq!(
        article.published.map(|t| t.offset().local_minus_utc()),
        Some(9 * 3600)
    );
}

#[test]
fn body_held_only_in_next_data() {
    let article = only_article(&fixture("next_data.html"));
    assert_eq!(article.title, "강릉시, 안목해변 커피거리 주차장 넓힌다");
    // The page's own article, not the longer related one in the same data.
    assert_eq!(
        lines(&article.body),
        [
            "강릉시가 안목해변 커피거리 공영주차장을 120면 늘린다고 21일 밝혔다.",
            "주말마다 해변 앞 도로가 막히자 시는 옛 창고 부지를 사들여 주차장을 만들기로 했다.",
            "공사는 내년 봄 마무리되며, 시는 주차 요금을 30분에 500원으로 정했다.",
        ]
    );
    assert_eq!(article.reporters, strings(&["최은비"]));
    assert_eq!(article.press.as_deref(), Some("동해바람일보"));
    assert_eq!(article.published, time("2024-11-21T08:15:00+09:00"));
    assert_eq!(article.updated, time("2024-11-21T09:02:00+09:00"));
}

#[test]
fn old_table_layout_without_structured_data() {
    let article = only_article(&fixture("legacy_table.html"));
    assert_eq!(article.title, "고흥군, 녹동항 수산물 위판장 새로 짓는다");
    assert_eq!(
        lines(&article.body),
        [
            "고흥군이 녹동항 수산물 위판장을 새로 짓는다고 22일 밝혔다.",
            "지은 지 40년이 넘은 위판장은 비가 새고 냉동 시설이 낡아 어민들의 불만이 컸다.",
            "군은 국비와 군비 85억 원을 들여 내년 착공해 2026년 문을 열 계획이다.",
            "군 관계자는 \"어민과 상인이 함께 쓰기 편한 위판장으로 짓겠다\"고 말했다.",
        ]
    );
    for other in ["보성", "장흥", "주요뉴스", "전경", "저작권"] {
        assert!(!article.body.contains(other), "{other}: {}", article.body);
    }
    assert_eq!(article.reporters, strings(&["윤다솜"]));
    assert_eq!(article.emails, strings(&["yoon@goheung-news.example"]));
    assert_eq!(article.press.as_deref(), Some("고흥신문"));
    assert_eq!(article.published, time("2024-11-22T14:20:00+09:00"));
}

#[test]
fn portal_page() {
    let article = only_article(&fixture("portal.html"));
    assert_eq!(article.title, "서울 마포구, 주민 참여 예산 30억원 편성");
    assert_eq!(
        lines(&article.body),
        [
            "서울 마포구가 내년 주민 참여 예산으로 30억원을 편성했다고 8일 밝혔다.",
            "구는 동별 주민 회의에서 모은 제안 120건 가운데 45건을 골랐다.",
            "선정된 사업은 골목 조명 개선, 어린이 놀이터 보수 등이다.",
        ]
    );
    assert_eq!(article.reporters, strings(&["이영희"]));
    assert_eq!(article.emails, strings(&["lee@saebyeok.example"]));
    assert_eq!(article.press.as_deref(), Some("새벽뉴스"));
    assert_eq!(article.published, time("2024-11-08T15:10:00+09:00"));
    assert_eq!(article.updated, time("2024-11-08T16:20:00+09:00"));
    assert_eq!(
        article.url.as_deref(),
        Some("https://n.portal.example/article/999/0000012345")
    );
    assert_eq!(article.dateline.as_deref(), Some("서울"));
    assert_eq!(article.section, None);
}

#[test]
fn municipal_press_release_board() {
    let path = fixture("municipal_board.html");
    let article = only_article(&path);
    assert_eq!(article.title, "동네시, 겨울철 한파 쉼터 40곳 운영");
    assert_eq!(
        lines(&article.body),
        [
            "동네시는 12월부터 내년 2월까지 경로당과 주민센터 40곳을 한파 쉼터로 운영한다고 7일 밝혔다.",
            "쉼터에는 난방기와 담요, 따뜻한 음료가 준비된다.",
            "시 관계자는 \"어르신과 취약계층이 추위를 피할 수 있도록 하겠다\"고 말했다.",
        ]
    );
    assert!(article.reporters.is_empty());
    assert!(article.emails.is_empty());
    assert_eq!(article.press.as_deref(), Some("동네시청"));
    assert_eq!(article.published, time("2024-11-07T00:00:00+09:00"));
    assert_eq!(article.updated, None);
    assert_eq!(
        article.url.as_deref(),
        Some(path.display().to_string().as_str())
    );
    assert_eq!(article.dateline, None);
}

#[test]
fn several_reporters_and_no_false_names() {
    let article = only_article(&fixture("multi_reporter.html"));
    assert_eq!(article.title, "청주시 오송 생명과학단지 기업 유치 본격화");
    assert_eq!(
        lines(&article.body),
        [
            "청주=박민수·정하나 기자 = 청주시가 오송 생명과학단지에 바이오 기업을 유치하기 위한 설명회를 열었다.",
            "설명회에는 기업 관계자 80여 명이 참석했다.",
            "시는 청와대 기자단 간담회에서도 유치 계획을 소개했다. 기자회견은 오후에 열렸다.",
        ]
    );
    assert_eq!(article.reporters, strings(&["박민수", "정하나"]));
    assert_eq!(article.emails, strings(&["min@wind.example"]));
    assert_eq!(article.press.as_deref(), Some("충청바람신문"));
    assert_eq!(article.published, time("2024-11-06T11:00:00+09:00"));
    assert_eq!(article.dateline.as_deref(), Some("청주"));
}

const EUC_KR_PAGE: &str = "<html><head>{meta}<title>목포시 갓바위 해상보행교 야간 개방 - 남도소식</title></head><body>\
    <div class=\"article_txt\"><p>목포시가 갓바위 해상보행교를 밤 10시까지 개방한다고 4일 밝혔다.</p>\
    <p>시는 안전요원을 배치해 야간 방문객을 안내한다.</p><p>남궁민 기자 nam@namdo.example</p></div></body></html>";

fn check_euc_kr_article(article: &Article) {
    assert_eq!(article.title, "목포시 갓바위 해상보행교 야간 개방");
    assert_eq!(
        lines(&article.body),
        [
            "목포시가 갓바위 해상보행교를 밤 10시까지 개방한다고 4일 밝혔다.",
            "시는 안전요원을 배치해 야간 방문객을 안내한다."
        ]
    );
    assert_eq!(article.reporters, strings(&["남궁민"]));
    assert_eq!(article.emails, strings(&["nam@namdo.example"]));
}

#[test]
fn euc_kr_pages_declared_and_sniffed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let declared = EUC_KR_PAGE.replace(
        "{meta}",
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=euc-kr\">",
    );
    let undeclared = EUC_KR_PAGE.replace("{meta}", "");
    for (name, html) in [("declared.html", declared), ("sniffed.htm", undeclared)] {
        let (bytes, _, _) = encoding_rs::EUC_KR.encode(&html);
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).expect("write page");
        let article = only_article(&path);
        check_euc_kr_article(&article);
        // No site name, copyright or URL host: the name `<title>` appends after the
        // headline is the site's.
        assert_eq!(article.press.as_deref(), Some("남도소식"), "{name}");
    }
}

#[test]
fn nfd_text_is_normalised() {
    use unicode_normalization::UnicodeNormalization;
    let dir = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(fixture("text_save.txt")).expect("fixture");
    let path = dir.path().join("mac_save");
    std::fs::write(&path, text.nfd().collect::<String>()).expect("write");
    let article = only_article(&path);
    assert_eq!(article.title, "여수시, 돌산 해안 산책로 야간 조명 설치");
    assert_eq!(article.reporters, strings(&["김바다"]));
}

fn check_text_save(article: &Article) {
    assert_eq!(article.title, "여수시, 돌산 해안 산책로 야간 조명 설치");
    assert_eq!(
        lines(&article.body),
        [
            "해안 산책로 2km 구간에 경관 조명",
            "[여수=바다뉴스] 여수시가 돌산 해안 산책로 2km 구간에 야간 경관 조명을 설치했다고 5일 밝혔다.",
            "조명은 해가 진 뒤부터 밤 11시까지 켜진다.",
            "시는 관광객이 밤에도 안전하게 걸을 수 있을 것으로 기대했다.",
        ]
    );
    assert_eq!(article.reporters, strings(&["김바다"]));
    assert!(article.emails.is_empty());
    assert_eq!(article.press.as_deref(), Some("바다뉴스"));
    assert_eq!(article.published, time("2024-11-05T14:20:00+09:00"));
    assert_eq!(article.updated, None);
    assert_eq!(article.dateline.as_deref(), Some("여수"));
    for other in ["순천", "광양", "최신뉴스", "PHOTO", "저작권"] {
        assert!(!article.body.contains(other), "body holds {other}");
    }
}

#[test]
fn plain_text_save_like_the_seed() {
    let path = fixture("text_save.txt");
    let article = only_article(&path);
    check_text_save(&article);
    assert_eq!(
        article.url.as_deref(),
        Some(path.display().to_string().as_str())
    );
}

#[test]
fn gzip_and_zip_variants() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read(fixture("text_save.txt")).expect("fixture");
    let page = std::fs::read(fixture("ndsoft_local.html")).expect("fixture");
    let jsonl = std::fs::read(fixture("articles.jsonl")).expect("fixture");

    let gz = dir.path().join("save.txt.gz");
    std::fs::write(&gz, gzip(&text)).expect("write");
    check_text_save(&only_article(&gz));

    let archive = dir.path().join("pages.zip");
    let members = [
        ("pages/local.html", page),
        ("pages/save.txt", text.clone()),
        ("dump/articles.jsonl.gz", gzip(&jsonl)),
    ];
    std::fs::write(&archive, zip(&members)).expect("write");
    let results = extract_with(&archive, &ExtractOptions::default());
    let found: Vec<&Article> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(found.len(), 5, "{results:?}");
    assert_eq!(found[0].title, "광양시, 섬진강 둘레길 새 단장 마쳐");
    assert_eq!(found[0].source.record.as_deref(), Some("pages/local.html"));
    check_text_save(found[1]);
    assert_eq!(found[1].source.record.as_deref(), Some("pages/save.txt"));
    assert_eq!(found[2].title, "강릉시, 경포호 산책로 재정비");
    assert_eq!(
        found[2].source.record.as_deref(),
        Some("dump/articles.jsonl.gz, line 1")
    );
    assert_eq!(found[2].source.path, archive.display().to_string());
}

fn warc_records() -> Vec<Vec<u8>> {
    let euc_kr_html = EUC_KR_PAGE.replace("{meta}", "");
    let (euc_kr, _, _) = encoding_rs::EUC_KR.encode(&euc_kr_html);
    let mut first = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=EUC-KR\r\n\r\n".to_vec();
    first.extend_from_slice(&euc_kr);

    let board = std::fs::read(fixture("municipal_board.html")).expect("fixture");
    let mut second = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
    for chunk in board.chunks(500) {
        second.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        second.extend_from_slice(chunk);
        second.extend_from_slice(b"\r\n");
    }
    second.extend_from_slice(b"0\r\n\r\n");

    let http = "application/http; msgtype=response";
    vec![
        warc_record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: test\r\n",
        ),
        warc_record(
            "request",
            "https://namdo.example/a/1",
            "application/http; msgtype=request",
            b"GET /a/1 HTTP/1.1\r\n\r\n",
        ),
        warc_record("response", "<https://namdo.example/a/1>", http, &first),
        warc_record("response", "https://city.example/board/7", http, &second),
        warc_record(
            "response",
            "https://city.example/logo.png",
            http,
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
        ),
    ]
}

fn check_warc(results: &[Extracted], path: &Path) {
    assert_eq!(results.len(), 3, "{results:?}");
    let first = results[0].as_ref().expect("first response");
    check_euc_kr_article(first);
    assert_eq!(first.url.as_deref(), Some("https://namdo.example/a/1"));
    // The site name `<title>` appends, before the URL's host.
    assert_eq!(first.press.as_deref(), Some("남도소식"));
    assert_eq!(first.source.path, path.display().to_string());
    assert_eq!(first.source.record.as_deref(), Some("record 3"));
    let second = results[1].as_ref().expect("second response");
    assert_eq!(second.title, "동네시, 겨울철 한파 쉼터 40곳 운영");
    assert_eq!(second.published, time("2024-11-07T00:00:00+09:00"));
    assert_eq!(second.url.as_deref(), Some("https://city.example/board/7"));
    assert_eq!(second.source.record.as_deref(), Some("record 4"));
    let skipped = results[2].as_ref().expect_err("image is skipped");
    assert_eq!(skipped.reason, SkipReason::NotAPage("image/png".into()));
    assert_eq!(skipped.source.record.as_deref(), Some("record 5"));
}

#[test]
fn warc_with_two_responses_plain_and_per_record_gzip() {
    let dir = tempfile::tempdir().expect("temp dir");
    let records = warc_records();
    let plain = dir.path().join("crawl.warc");
    std::fs::write(&plain, records.concat()).expect("write");
    check_warc(&extract_with(&plain, &ExtractOptions::default()), &plain);

    let gzipped = dir.path().join("crawl.warc.gz");
    let members: Vec<u8> = records.iter().flat_map(|r| gzip(r)).collect();
    std::fs::write(&gzipped, members).expect("write");
    check_warc(
        &extract_with(&gzipped, &ExtractOptions::default()),
        &gzipped,
    );
}

#[test]
fn json_lines_with_flexible_fields() {
    let path = fixture("articles.jsonl");
    let results = extract_with(&path, &ExtractOptions::default());
    assert_eq!(results.len(), 5);

    let first = results[0].as_ref().expect("line 1");
    assert_eq!(first.title, "강릉시, 경포호 산책로 재정비");
    assert_eq!(
        first.body,
        "강릉시가 경포호 산책로를 다시 정비한다.시는 내년 상반기까지 공사를 마칠 계획이다."
    );
    assert_eq!(first.reporters, strings(&["최동해"]));
    assert_eq!(first.emails, strings(&["east@donghae.example"]));
    assert_eq!(first.press.as_deref(), Some("동해일보"));
    assert_eq!(first.published, time("2024-11-08T00:00:00+09:00"));
    assert_eq!(first.url.as_deref(), Some("https://donghae.example/news/1"));
    assert_eq!(first.dateline.as_deref(), Some("강릉"));
    assert_eq!(first.section.as_deref(), Some("지역"));
    assert_eq!(first.source.record.as_deref(), Some("line 1"));

    let second = results[1].as_ref().expect("line 2");
    assert_eq!(second.title, "속초시 설악동 상가 활성화 지원");
    assert_eq!(
        lines(&second.body),
        [
            "속초시는 설악동 상가에 간판 교체 비용을 지원한다.",
            "지원은 내년 1월부터 신청받는다."
        ]
    );
    assert_eq!(second.reporters, strings(&["윤설악"]));
    assert_eq!(second.press.as_deref(), Some("설악신문"));
    assert_eq!(second.published, time("2024-11-07T09:00:00+09:00"));
    // Without a URL, file and record stand for it, so records of one dump stay apart.
    assert_eq!(
        second.url.as_deref(),
        Some(format!("{} (line 2)", path.display()).as_str())
    );

    let third = results[2].as_ref().expect("line 3");
    assert_eq!(third.title, "나루시, 청년 창업 공간 개소");
    assert_eq!(
        third.body, "나루시는 옛 시장 건물을 고쳐 청년 창업 공간을 열었다고 밝혔다.",
        "repeated headline dropped"
    );
    assert_eq!(third.issuer.as_deref(), Some("나루시"));
    assert_eq!(third.published, time("2025-06-02T00:00:00+00:00"));
    assert_eq!(third.section.as_deref(), Some("나루"));
    assert_eq!(third.press.as_deref(), Some("naru.example"));

    let broken = results[3].as_ref().expect_err("line 4 is broken JSON");
    assert_eq!(broken.reason.kind(), "malformed");
    assert_eq!(broken.source.record.as_deref(), Some("line 4"));
    let unmapped = results[4]
        .as_ref()
        .expect_err("line 5 has its body under an unknown name");
    assert_eq!(unmapped.reason.kind(), "no article");

    let options = ExtractOptions {
        fields: vec!["body=article_text".parse().expect("override")],
    };
    let results = extract_with(&path, &options);
    let fifth = results[4]
        .as_ref()
        .expect("line 5 with --field body=article_text");
    assert_eq!(fifth.title, "삼척시 해변 안전요원 배치");
    assert_eq!(fifth.body, "삼척시는 여름 해변에 안전요원을 배치한다.");
    assert_eq!(fifth.reporters, strings(&["한바다"]));
    assert_eq!(fifth.published, time("2024-06-01T10:00:00+09:00"));
    assert_eq!(fifth.url.as_deref(), Some("https://donghae.example/news/2"));
    assert!(
        results[0]
            .as_ref()
            .is_ok_and(|a| a.body.starts_with("강릉시가")),
        "other fields still found"
    );
}

#[test]
fn csv_with_header_names() {
    let results = extract_with(&fixture("articles.csv"), &ExtractOptions::default());
    assert_eq!(results.len(), 2, "{results:?}");
    let first = results[0].as_ref().expect("row 2");
    assert_eq!(first.title, "태백시, 폐광지역 관광열차 증편");
    assert_eq!(
        lines(&first.body),
        [
            "태백시는 관광열차를 주말에 두 번 더 운행한다.",
            "시는 승객이 늘어 증편을 결정했다."
        ]
    );
    assert_eq!(first.reporters, strings(&["서태백"]));
    assert_eq!(first.emails, strings(&["seo@mountain.example"]));
    assert_eq!(first.press.as_deref(), Some("산골일보"));
    assert_eq!(first.published, time("2024-11-08T10:30:00+09:00"));
    assert_eq!(first.url.as_deref(), Some("https://mountain.example/a/7"));
    assert_eq!(first.section.as_deref(), Some("경제"));
    assert_eq!(first.source.record.as_deref(), Some("row 2"));
    let second = results[1].as_ref().expect("row 3");
    assert_eq!(second.title, "정선군 5일장 주차장 확충");
    assert!(second.reporters.is_empty());
    assert_eq!(second.published, time("2024-11-06T00:00:00+09:00"));
    assert_eq!(second.source.record.as_deref(), Some("row 3"));
}

#[test]
fn euc_kr_csv_as_korean_spreadsheets_save_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = "제목,본문,일자,언론사\n영월군 단종문화제 준비,영월군이 단종문화제 준비에 들어갔다.,20240410,강원산골\n";
    let (bytes, _, _) = encoding_rs::EUC_KR.encode(csv);
    let path = dir.path().join("export.csv");
    std::fs::write(&path, &bytes).expect("write");
    let article = only_article(&path);
    assert_eq!(article.title, "영월군 단종문화제 준비");
    assert_eq!(article.body, "영월군이 단종문화제 준비에 들어갔다.");
    assert_eq!(article.published, time("2024-04-10T00:00:00+09:00"));
    assert_eq!(article.press.as_deref(), Some("강원산골"));
}

#[test]
fn bigkinds_xlsx_export() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("NewsResult_20230512-20230512.xlsx");
    let values = common::write_bigkinds_export(&path);
    let found = articles(&path);
    assert_eq!(found.len(), values.len());

    let first = &found[0];
    assert_eq!(first.title, "광양시, 섬진강 둘레길 새 단장");
    assert_eq!(first.reporters, strings(&["김수경", "양승수", "이민준"]));
    assert!(first.desks.is_empty());
    // 언론사 empty: the press code of 뉴스 식별자 names it.
    assert_eq!(first.press.as_deref(), Some("한국일보"));
    assert_eq!(first.published, time("2023-05-12T00:00:00+09:00"));
    assert_eq!(first.categories, strings(&["지역>전남", "사회>교육_시험"]));
    assert_eq!(first.section.as_deref(), Some("지역>전남"));
    assert_eq!(first.entities.people, strings(&["김광양", "박섬진"]));
    assert_eq!(first.entities.places, strings(&["광양", "섬진강"]));
    assert_eq!(
        first.entities.organizations,
        strings(&["광양시", "전라남도"])
    );
    assert!(first.truncated, "a 200-character 본문 is cut short");
    assert_eq!(first.excluded, None);
    assert_eq!(first.source.record.as_deref(), Some("row 2"));

    let second = &found[1];
    assert_eq!(
        second.reporters,
        strings(&["최서인", "장서윤", "이찬규", "황수빈"])
    );
    assert_eq!(second.press.as_deref(), Some("경향신문"));
    assert!(!second.truncated, "a short 본문 is whole");
    // Marked, not dropped.
    assert_eq!(second.excluded.as_deref(), Some("중복"));

    let team = &found[2];
    assert!(team.reporters.is_empty());
    assert_eq!(team.desks, strings(&["7NEWS팀"]));
    assert_eq!(team.press.as_deref(), Some("동네방송"));
    assert_eq!(found[3].desks, strings(&["사회부"]));
    assert!(found[3].reporters.is_empty());
    assert_eq!(found[4].reporters, strings(&["권지혜", "조성은"]));
    assert_eq!(found[5].reporters, strings(&["홍길동"]));
    assert_eq!(found[5].emails, strings(&["hong@dongne.example"]));

    // Every reporter value read is a clean person name.
    let names: Vec<&String> = found.iter().flat_map(|a| &a.reporters).collect();
    assert_eq!(names.len(), 10);
    assert!(
        names.iter().all(|n| dongne::extract::reporters::is_name(n)),
        "{names:?}"
    );
}

#[test]
fn hostile_inputs_are_skipped_not_panicked_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = std::fs::read(fixture("ndsoft_local.html")).expect("fixture");
    let warc = warc_records().concat();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("truncated.gz", gzip(&page)[..40].to_vec()),
        (
            "truncated.zip",
            zip(&[("a.html", page.clone())])[..60].to_vec(),
        ),
        ("truncated.warc", warc[..warc.len() / 2].to_vec()),
        (
            "bad-length.warc",
            b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 99999999999999999999\r\n\r\nx"
                .to_vec(),
        ),
        ("binary.bin", vec![0, 1, 2, 3, 255, 0, 7]),
        ("empty.html", Vec::new()),
        ("deep.html", "<div>".repeat(50_000).into_bytes()),
        ("deep-p.html", "<p><b>".repeat(50_000).into_bytes()),
        (
            "bad-date.jsonl",
            br#"{"title":"t","body":"b","date":"2024-13-45T99:99:99"}"#.to_vec(),
        ),
    ];
    for (name, bytes) in &cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        let results = extract_with(&path, &ExtractOptions::default());
        assert!(!results.is_empty(), "{name}: no result at all");
    }
    let dated = articles(&dir.path().join("bad-date.jsonl"));
    assert_eq!(dated.len(), 1);
    assert_eq!(dated[0].published, None);
}

#[test]
fn report_of_a_dump_via_the_command() {
    let dir = tempfile::tempdir().expect("temp dir");
    let export = dir.path().join("export.xlsx");
    common::write_bigkinds_export(&export);
    std::fs::write(dir.path().join("empty.html"), "").expect("write");
    std::fs::write(dir.path().join("bad.jsonl"), "{not json\n").expect("write");
    let output = Command::new(env!("CARGO_BIN_EXE_dongne"))
        .env("DONGNE_HOME", env!("CARGO_MANIFEST_DIR"))
        .args(["extract", "--report"])
        .arg(dir.path())
        .output()
        .expect("run dongne");
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(1),
        "skips make the exit status 1"
    );
    assert!(text.contains("6 articles, 2 skipped"), "{text}");
    assert!(text.contains("reporters           4 / 6 (66.7%)"), "{text}");
    assert!(text.contains("desks only          2 / 6 (33.3%)"), "{text}");
    assert!(text.contains("truncated           1 / 6"), "{text}");
    assert!(text.contains("excluded            1 / 6"), "{text}");
    assert!(text.contains("no article: empty file"), "{text}");
    assert!(text.contains("malformed: JSON"), "{text}");

    let output = Command::new(env!("CARGO_BIN_EXE_dongne"))
        .env("DONGNE_HOME", env!("CARGO_MANIFEST_DIR"))
        .args(["extract", "--report", "--json"])
        .arg(&export)
        .output()
        .expect("run dongne");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON report");
    assert_eq!(json["articles"], 6);
    assert_eq!(json["press"], 6);
    assert_eq!(json["body_chars"]["p90"], 200);
}

#[test]
fn broken_file_among_good_ones_via_the_command() {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["ndsoft_local.html", "portal.html", "articles.csv"] {
        std::fs::copy(fixture(name), dir.path().join(name)).expect("copy fixture");
    }
    std::fs::create_dir(dir.path().join("sub")).expect("sub dir");
    std::fs::copy(fixture("text_save.txt"), dir.path().join("sub/save")).expect("copy fixture");
    std::fs::write(
        dir.path().join("sub/broken.warc"),
        b"WARC/1.1\r\nWARC-Type: response\r\n\r\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("empty.html"),
        b"<html><body><div class=menu>home</div></body></html>",
    )
    .expect("write");

    let output = Command::new(env!("CARGO_BIN_EXE_dongne"))
        .env("DONGNE_HOME", env!("CARGO_MANIFEST_DIR"))
        .args(["extract", "--json"])
        .arg(dir.path())
        .output()
        .expect("run dongne");
    assert_eq!(
        output.status.code(),
        Some(1),
        "skips make the exit status 1"
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let titles: Vec<String> = stdout
        .lines()
        .map(|line| {
            serde_json::from_str::<Article>(line)
                .expect("one JSON article per line")
                .title
        })
        .collect();
    assert_eq!(titles.len(), 5, "{stdout}");
    assert!(titles.contains(&"광양시, 섬진강 둘레길 새 단장 마쳐".to_string()));
    assert!(titles.contains(&"여수시, 돌산 해안 산책로 야간 조명 설치".to_string()));
    assert!(
        stderr.contains("broken.warc (record 1): malformed"),
        "{stderr}"
    );
    assert!(stderr.contains("empty.html: no article"), "{stderr}");
    assert!(
        stderr.contains("5 articles, 2 skipped (1 malformed, 1 no article)"),
        "{stderr}"
    );

    let output = Command::new(env!("CARGO_BIN_EXE_dongne"))
        .env("DONGNE_HOME", env!("CARGO_MANIFEST_DIR"))
        .arg("extract")
        .arg(fixture("portal.html"))
        .output()
        .expect("run dongne");
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.starts_with("서울 마포구, 주민 참여 예산 30억원 편성\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("2024-11-08 15:10 +09:00 · 새벽뉴스 · 이영희"),
        "{stdout}"
    );
    assert!(
        stdout.contains("https://n.portal.example/article/999/0000012345"),
        "{stdout}"
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("1 articles, 0 skipped"));
}

#[test]
fn seed_page_from_shared_data() {
    let seed = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/seed/000_6c02386d7f1a29bc.txt"
    ));
    if !seed.exists() {
        println!("skipping: {} is absent", seed.display());
        return;
    }
    let article = only_article(seed);
    assert!(
        article.title.starts_with("광양시 민관경제 대표단"),
        "{}",
        article.title
    );
    assert_eq!(article.reporters, strings(&["최선경"]));
    assert_eq!(article.published, time("2024-11-08T08:10:20+09:00"));
    assert_eq!(article.press.as_deref(), Some("뉴스스텝"));
    let last = article.body.lines().last().unwrap_or_default();
    assert!(
        last.ends_with("알려졌다."),
        "body ends before the copyright line: {last}"
    );
    for other in ["전남대", "부안군", "고창군", "저작권", "최신뉴스"] {
        assert!(!article.body.contains(other), "body holds {other}");
    }
}
