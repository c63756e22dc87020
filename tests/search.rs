//! Ingest → search on invented local-news articles: the query language, filters, ranking,
//! duplicate groups, facets, trends, `show` and the errors users see. Needs the built
//! dictionary (the README's test command builds it).

mod common;

use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use chrono::{DateTime, Days, FixedOffset, NaiveDate, TimeZone};
use dongne::article::RegionTags;
use dongne::article::{Article, Source};
use dongne::search::{
    self, FacetKind, FilterArgs, Filters, Interval, SearchError, SearchIndex, SearchRequest,
    SortOrder,
};
use tempfile::TempDir;

fn kst() -> FixedOffset {
    FixedOffset::east_opt(9 * 3600).unwrap()
}

fn at(day: NaiveDate) -> DateTime<FixedOffset> {
    kst()
        .from_local_datetime(&day.and_hms_opt(10, 0, 0).unwrap())
        .unwrap()
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// An invented article.
fn article(
    n: u32,
    title: &str,
    body: &str,
    press: &str,
    reporter: &str,
    published: NaiveDate,
    region: Option<&str>,
) -> Article {
    Article {
        title: title.into(),
        body: body.into(),
        reporters: vec![reporter.into()],
        press: Some(press.into()),
        published: Some(at(published)),
        url: Some(format!("https://news.example/{n}")),
        regions: region.map(|path| RegionTags {
            region_primary: Some(path.into()),
            regions_mentioned: vec![path.into()],
            region_evidence: vec![format!("dateline {path}")],
        }),
        source: Source {
            path: "fixtures.jsonl".into(),
            record: Some(format!("line {n}")),
        },
        ..Article::default()
    }
}

const RELEASE: &str = "광양시는 청년 창업을 돕기 위해 창업 공간 스무 곳을 새로 연다고 밝혔다. \
                       입주 기업에는 임대료를 이 년간 면제하고 전문가 상담도 제공한다.";

fn recent() -> NaiveDate {
    search::dates::today_kst() - Days::new(3)
}

fn fixtures() -> Vec<Article> {
    vec![
        article(
            1,
            "광양시, 매화축제 준비 한창",
            "광양시는 다음 달 열리는 매화축제를 앞두고 교통 대책을 마련했다고 밝혔다. 시는 임시 \
             주차장 세 곳을 운영한다.",
            "광양신문",
            "김하늘",
            day("2024-03-05"),
            Some("/전라남도/광양시"),
        ),
        article(
            2,
            "순천만 정원 봄맞이 행사",
            "순천시는 국가정원에서 봄맞이 꽃 전시를 연다고 밝혔다. 관람객을 위한 셔틀버스도 \
             운행한다.",
            "순천일보",
            "박바다",
            day("2024-04-10"),
            Some("/전라남도/순천시"),
        ),
        article(
            3,
            "서울 중구 도심 축제 개막",
            "서울 중구는 도심 거리 축제를 개막했다. 광양에서 온 예술단도 공연에 참여했다.",
            "서울매일",
            "김하늘",
            day("2024-05-01"),
            Some("/서울특별시/중구"),
        ),
        article(
            4,
            "비급여 진료비 공개 확대",
            "보건 당국은 병원별 비급여 진료비 공개 항목을 늘린다고 발표했다. 환자 부담을 줄이기 \
             위한 조치다.",
            "전국신문",
            "이슬",
            day("2024-02-20"),
            None,
        ),
        article(
            5,
            "공무원 급여 인상 결정",
            "정부는 내년 공무원 급여를 소폭 인상하기로 결정했다. 지방 공무원도 같은 기준을 \
             적용받는다.",
            "전국신문",
            "최구름",
            day("2023-12-15"),
            None,
        ),
        article(
            6,
            "광양시, 청년 창업 공간 스무 곳 연다",
            RELEASE,
            "광양신문",
            "정바람",
            day("2024-06-02"),
            Some("/전라남도/광양시"),
        ),
        article(
            7,
            "광양시, 청년 창업 공간 스무 곳 연다",
            RELEASE,
            "남도일보",
            "한여름",
            day("2024-06-01"),
            Some("/전라남도/광양시"),
        ),
        article(
            8,
            "광양 제철소 안전 점검",
            "광양 태인동 제철소에서 설비 안전 점검이 진행됐다. 근로자 안전 교육도 함께 열렸다.",
            "광양신문",
            "정바람",
            recent(),
            Some("/전라남도/광양시/태인동"),
        ),
    ]
}

fn ingest(dir: &Path, articles: &[Article]) {
    common::index_of(dir, articles);
}

/// The fixture index, built once; the directory lives as long as the tests.
fn index() -> &'static (TempDir, SearchIndex) {
    static INDEX: OnceLock<(TempDir, SearchIndex)> = OnceLock::new();
    INDEX.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        ingest(dir.path(), &fixtures());
        let index = common::open_search(dir.path());
        (dir, index)
    })
}

fn filters(args: FilterArgs) -> Filters {
    search::resolve_filters(&args, common::gazetteer()).unwrap()
}

fn run(request: SearchRequest) -> Vec<String> {
    index()
        .1
        .search(&request)
        .unwrap_or_else(|e| panic!("{}: {e}", request.query))
        .results
        .into_iter()
        .map(|h| {
            h.article
                .url
                .trim_start_matches("https://news.example/")
                .to_string()
        })
        .collect()
}

/// Article numbers found for `query`, in rank order.
fn found(query: &str) -> Vec<String> {
    run(SearchRequest {
        limit: 100,
        ..SearchRequest::new(query)
    })
}

/// Article numbers found, sorted.
fn found_set(query: &str) -> Vec<String> {
    let mut v = found(query);
    v.sort();
    v
}

fn filtered(query: &str, args: FilterArgs) -> Vec<String> {
    let mut v = run(SearchRequest {
        limit: 100,
        filters: filters(args),
        ..SearchRequest::new(query)
    });
    v.sort();
    v
}

#[test]
fn words_find_their_articles() {
    assert_eq!(found_set("매화축제"), ["1"]);
    assert_eq!(found_set("셔틀버스 관람객"), ["2"]);
    assert_eq!(found_set("제철소"), ["8"]);
    assert!(found("없는낱말쿠쿠").is_empty());
}

#[test]
fn particle_attached_words_find_the_noun() {
    assert_eq!(found_set("광양시에서"), ["1", "6"]);
    assert_eq!(found_set("광양시는"), found_set("광양시"));
}

#[test]
fn compound_parts_find_the_compound() {
    // `광양` is a part of `광양시` (1, 6) and a word of its own (3, 8).
    assert_eq!(found_set("광양"), ["1", "3", "6", "8"]);
}

#[test]
fn prefixed_nouns_do_not_match_the_bare_noun() {
    assert_eq!(found_set("비급여"), ["4"]);
    assert_eq!(found_set("급여"), ["4", "5"]);
}

#[test]
fn phrases_need_adjacent_words_in_order() {
    assert_eq!(found_set("\"교통 대책\""), ["1"]);
    assert!(found("\"대책 교통\"").is_empty());
    assert_eq!(found_set("\"안전 점검\""), ["8"]);
}

#[test]
fn exclusions_or_fields_and_groups() {
    assert_eq!(found_set("광양 -축제"), ["6", "8"]);
    assert_eq!(found_set("순천 OR 비급여"), ["2", "4"]);
    assert_eq!(found_set("title:광양"), ["1", "6", "8"]);
    assert_eq!(found_set("reporter:김하늘"), ["1", "3"]);
    assert_eq!(found_set("press:전국신문 -비급여"), ["5"]);
    assert_eq!(found_set("(순천 OR 비급여) -진료비"), ["2"]);
    assert_eq!(found_set("title:(제철소 OR 매화축제)"), ["1", "8"]);
    assert_eq!(found_set("-광양 -급여"), ["2"]);
    assert!(found("-광양 -급여 -순천").is_empty());
}

#[test]
fn title_matches_rank_first() {
    // 광양 is in the titles of 1, 6 and 8 but only in the body of 3.
    assert_eq!(found("광양").last().map(String::as_str), Some("3"));
}

#[test]
fn region_filters_are_hierarchical_and_resolved() {
    let region = |names: &[&str]| FilterArgs {
        regions: names.iter().map(|s| s.to_string()).collect(),
        ..FilterArgs::default()
    };
    assert_eq!(filtered("", region(&["전라남도"])), ["1", "2", "6", "8"]);
    assert_eq!(filtered("", region(&["전남"])), ["1", "2", "6", "8"]);
    assert_eq!(filtered("", region(&["광양"])), ["1", "6", "8"]);
    assert_eq!(
        filtered("", region(&["광양시", "순천시"])),
        ["1", "2", "6", "8"]
    );
    assert_eq!(filtered("", region(&["서울 중구"])), ["3"]);
    assert_eq!(filtered("", region(&["태인동"])), ["8"]);
    assert_eq!(filtered("", region(&["광양 태인동"])), ["8"]);
    assert_eq!(filtered("축제", region(&["전라남도"])), ["1"]);
}

#[test]
fn date_reporter_and_press_filters_combine() {
    let dates = |from: &str, to: &str| FilterArgs {
        from: (!from.is_empty()).then(|| from.to_string()),
        to: (!to.is_empty()).then(|| to.to_string()),
        ..FilterArgs::default()
    };
    assert_eq!(filtered("", dates("2024-03", "2024-04")), ["1", "2"]);
    assert_eq!(filtered("", dates("2024-03-05", "2024-03-05")), ["1"]);
    assert_eq!(filtered("", dates("", "2023")), ["5"]);
    assert_eq!(filtered("", dates("7d", "")), ["8"]);
    assert_eq!(filtered("광양", dates("1y", "")), ["8"]);
    let names = FilterArgs {
        reporters: vec!["김하늘".into()],
        ..FilterArgs::default()
    };
    assert_eq!(filtered("", names), ["1", "3"]);
    let combined = FilterArgs {
        regions: vec!["전라남도".into()],
        presses: vec!["광양신문".into()],
        from: Some("2024-03".into()),
        to: Some("2024-06".into()),
        ..FilterArgs::default()
    };
    assert_eq!(filtered("광양", combined), ["1", "6"]);
}

#[test]
fn sort_orders_limit_and_offset() {
    let page = |sort, limit, offset| {
        run(SearchRequest {
            sort,
            limit,
            offset,
            filters: filters(FilterArgs {
                regions: vec!["전라남도".into()],
                ..FilterArgs::default()
            }),
            ..SearchRequest::new("")
        })
    };
    assert_eq!(page(SortOrder::Newest, 10, 0), ["8", "6", "2", "1"]);
    // A duplicate group is represented by its best-placed copy: the oldest is 7.
    assert_eq!(page(SortOrder::Oldest, 10, 0), ["1", "2", "7", "8"]);
    assert_eq!(page(SortOrder::Oldest, 2, 1), ["2", "7"]);
    assert!(page(SortOrder::Oldest, 5, 10).is_empty());
    assert_eq!(page(SortOrder::Relevance, 1, 0).len(), 1);
}

#[test]
fn duplicate_groups_are_shown_once_with_their_copies() {
    let results = index().1.search(&SearchRequest::new("창업")).unwrap();
    assert_eq!((results.total, results.hits), (1, 2));
    assert_eq!(results.results[0].copies, 2);
    let all = index()
        .1
        .search(&SearchRequest {
            all_copies: true,
            ..SearchRequest::new("창업")
        })
        .unwrap();
    assert_eq!(all.total, 2);
    assert_eq!(all.results.len(), 2);
}

#[test]
fn facets_count_hits_per_value() {
    let results = index()
        .1
        .search(&SearchRequest {
            facets: vec![
                FacetKind::Region,
                FacetKind::Month,
                FacetKind::Press,
                FacetKind::Reporter,
            ],
            ..SearchRequest::new("광양")
        })
        .unwrap();
    let values = |kind: FacetKind| -> Vec<(String, u64)> {
        results
            .facets
            .iter()
            .find(|f| f.facet == kind)
            .unwrap()
            .values
            .iter()
            .map(|v| (v.value.clone(), v.count))
            .collect()
    };
    let region = values(FacetKind::Region);
    assert_eq!(region[0], ("/전라남도".to_string(), 4));
    assert_eq!(region[1], ("/전라남도/광양시".to_string(), 4));
    assert_eq!(region[2], ("/전라남도/광양시/태인동".to_string(), 1));
    let depths: Vec<usize> = results
        .facets
        .iter()
        .find(|f| f.facet == FacetKind::Region)
        .unwrap()
        .values
        .iter()
        .take(3)
        .map(|v| v.depth)
        .collect();
    assert_eq!(depths, [0, 1, 2]);
    assert!(region.contains(&("/서울특별시".to_string(), 1)));
    let press = values(FacetKind::Press);
    assert_eq!(press[0], ("광양신문".to_string(), 3));
    assert!(press.contains(&("남도일보".to_string(), 1)));
    assert!(values(FacetKind::Month).contains(&("2024-06".to_string(), 2)));
    // Ties are listed by name.
    assert_eq!(
        values(FacetKind::Reporter)[..2],
        [("김하늘".to_string(), 2), ("정바람".to_string(), 2)]
    );
}

#[test]
fn trends_count_per_period() {
    let buckets = index()
        .1
        .trend(
            "광양",
            &filters(FilterArgs {
                to: Some("2024-12".into()),
                ..FilterArgs::default()
            }),
            Interval::Month,
        )
        .unwrap();
    let shown: Vec<(&str, u64)> = buckets
        .iter()
        .map(|b| (b.period.as_str(), b.count))
        .collect();
    assert_eq!(
        shown,
        [
            ("2024-03", 1),
            ("2024-04", 0),
            ("2024-05", 1),
            ("2024-06", 2)
        ]
    );
}

#[test]
fn show_prints_an_article_with_its_copies() {
    let index = &index().1;
    let shown = index
        .show("https://news.example/6", common::gazetteer())
        .unwrap();
    assert_eq!(shown.article.title, "광양시, 청년 창업 공간 스무 곳 연다");
    assert_eq!(shown.copies.len(), 1);
    assert_eq!(shown.copies[0].url, "https://news.example/7");
    // Each piece of evidence with its weight, then the decision.
    assert!(
        shown
            .region_evidence
            .iter()
            .any(|e| e == "title 광양시 → /전라남도/광양시 +5"),
        "{:?}",
        shown.region_evidence
    );
    assert!(
        shown
            .region_evidence
            .last()
            .is_some_and(|e| e.starts_with("primary /전라남도/광양시 (")),
        "{:?}",
        shown.region_evidence
    );
    let mut printed = Vec::new();
    dongne::output::show::write_article(
        &mut printed,
        &shown,
        dongne::output::style::Style::plain(),
    )
    .unwrap();
    let printed = String::from_utf8(printed).unwrap();
    assert!(
        printed.contains("title 광양시 → /전라남도/광양시 +5"),
        "{printed}"
    );
    let by_id = index.show(&shown.article.id, common::gazetteer()).unwrap();
    assert_eq!(by_id.article.url, "https://news.example/6");
    assert!(matches!(
        index.show("nothing", common::gazetteer()),
        Err(SearchError::NotFound(_))
    ));
}

#[test]
fn errors_say_what_to_do() {
    let empty = tempfile::tempdir().unwrap();
    let err = search::open(empty.path(), common::analyzer().clone())
        .err()
        .unwrap()
        .to_string();
    assert!(
        err.starts_with("no index at ") && err.contains("dongne ingest"),
        "{err}"
    );

    // Pasted text that does not parse is read as plain words, and says where it broke.
    let pasted = index().1.search(&SearchRequest::new("광양 (매화")).unwrap();
    let note = pasted.notes.read_as_plain_words.unwrap_or_default();
    assert!(
        note.contains("column 4") && note.contains("never closed"),
        "{note}"
    );
    assert_eq!(found_set("광양 (매화"), found_set("광양 매화"));

    let region = |name: &str| {
        search::resolve_filters(
            &FilterArgs {
                regions: vec![name.into()],
                ..FilterArgs::default()
            },
            common::gazetteer(),
        )
        .unwrap_err()
        .to_string()
    };
    let ambiguous = region("중구");
    assert!(
        ambiguous.contains("서울") && ambiguous.contains("부산"),
        "{ambiguous}"
    );
    let unknown = region("가나다라시");
    assert!(unknown.contains("no such region"), "{unknown}");

    let date = search::resolve_filters(
        &FilterArgs {
            from: Some("2024-13-01".into()),
            ..FilterArgs::default()
        },
        common::gazetteer(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        date.contains("bad date") && date.contains("YYYY-MM-DD"),
        "{date}"
    );

    let nothing = index().1.search(&SearchRequest::new("에서")).unwrap_err();
    assert!(
        matches!(nothing, SearchError::NothingSearchable(_)),
        "{nothing}"
    );
}

/// What a hostile query must give.
#[derive(Debug)]
enum Expect {
    /// Results, the query read as it is written.
    Parsed,
    /// Results, the query read as plain words (with a note).
    PlainWords,
    /// A syntax error: nothing but syntax.
    Syntax,
    /// Nothing to search (only particles, or empty quotes).
    NothingSearchable,
}

#[test]
fn hostile_queries_give_results_or_the_expected_error() {
    let many_or = vec!["광양"; 1000].join(" OR ");
    let long = "매화 ".repeat(2000);
    for (query, expect) in [
        ("\"광양", Expect::PlainWords),
        ("(((", Expect::Syntax),
        (")", Expect::Syntax),
        ("-", Expect::Syntax),
        ("광양 -", Expect::PlainWords),
        ("--광양", Expect::Parsed),
        ("OR", Expect::PlainWords),
        ("title:", Expect::PlainWords),
        ("\u{0}\u{1b}[31m", Expect::Parsed),
        ("\"\"", Expect::NothingSearchable),
        ("-\"\"", Expect::NothingSearchable),
        ("reporter:\"\"", Expect::NothingSearchable),
        (many_or.as_str(), Expect::Parsed),
        (long.as_str(), Expect::Parsed),
        ("광양\u{200b}시", Expect::Parsed),
    ] {
        let outcome = index().1.search(&SearchRequest::new(query));
        let ok = match (&outcome, &expect) {
            (Ok(results), Expect::Parsed) => results.notes.read_as_plain_words.is_none(),
            (Ok(results), Expect::PlainWords) => results.notes.read_as_plain_words.is_some(),
            (Err(SearchError::Syntax(_)), Expect::Syntax) => true,
            (Err(SearchError::NothingSearchable(_)), Expect::NothingSearchable) => true,
            _ => false,
        };
        let shown = outcome.map(|r| r.notes).map_err(|e| e.to_string());
        assert!(ok, "{query:?}: expected {expect:?}, got {shown:?}");
    }
    assert_eq!(found_set(&many_or), found_set("광양"));
}

fn dongne(args: &[&str]) -> (String, String, bool) {
    let out = Command::new(env!("CARGO_BIN_EXE_dongne"))
        .env("DONGNE_HOME", env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.success(),
    )
}

#[test]
fn the_command_line_prints_results_json_counts_and_errors() {
    let dir = index().0.path().to_str().unwrap();
    let (out, _, ok) = dongne(&["search", "광양", "--index", dir, "--count"]);
    assert!(ok);
    assert_eq!(out.trim(), "4");
    let (out, _, ok) = dongne(&["search", "창업", "--index", dir, "--json"]);
    assert!(ok);
    let line: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(line["copies"], 2);
    assert!(line["score"].as_f64().unwrap() > 0.0);
    assert_eq!(line["press"], "광양신문");
    let (out, _, ok) = dongne(&["search", "매화축제", "--index", dir, "--facets", "press"]);
    assert!(ok);
    assert!(
        out.contains("광양시, 매화축제 준비 한창") && out.contains("[매화"),
        "{out}"
    );
    assert!(out.contains("press:") && out.contains("광양신문"), "{out}");
    let (out, _, ok) = dongne(&["trend", "광양", "--index", dir, "--csv", "--to", "2024"]);
    assert!(ok);
    assert!(
        out.starts_with("period,start,count\n2024-03,2024-03-01,1"),
        "{out}"
    );
    let (out, _, ok) = dongne(&["show", "https://news.example/1", "--index", dir]);
    assert!(
        ok && out.contains("evidence") && out.contains("교통 대책"),
        "{out}"
    );
    let (out, _, ok) = dongne(&["search", "광양 \"매화", "--index", dir]);
    assert!(
        ok && out.starts_with("note: read as plain words") && out.contains("never closed"),
        "{out}"
    );
    let (_, err, ok) = dongne(&["search", "광양", "--index", "/nonexistent-dongne-index"]);
    assert!(!ok && err.contains("no index at"), "{err}");
}
