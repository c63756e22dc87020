//! Ingest: the `dongne ingest` and `dongne stats` commands and the index library API, on
//! invented Korean articles.

mod common;

use std::path::Path;

use common::{assert_ok, dongne, ingest, record, stderr, stdout, write_dump};

use dongne::analysis::Analyzer;
use dongne::article::Article;
use dongne::article::RegionTags;
use dongne::index::document::{article_id, format_id};
use dongne::index::meta::{IndexMeta, META_FILE};
use dongne::index::schema::{dup_group_column, dup_group_query};
use dongne::index::{Fields, IndexHandle};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{Query, RangeQuery, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption, Term, Value};
use tantivy::{DateTime, Searcher, TantivyDocument};

const RELEASE: &str = "가온시는 오는 3월부터 관내 경로당 120곳에 공기청정기와 냉난방기를 새로 설치하는 \
어르신 건강 쉼터 사업을 추진한다고 밝혔다. 시는 이번 사업에 시비 4억2천만 원을 투입해 노후 설비를 \
교체하고, 겨울철 난방비 부담을 덜기 위해 경로당별 연료비 지원도 월 15만 원에서 20만 원으로 늘린다. \
아울러 보건소와 연계해 매달 한 차례 혈압과 혈당을 재는 찾아가는 건강 상담실을 운영하고, 치매 예방 \
체조 강사를 파견한다. 시 관계자는 어르신들이 가까운 곳에서 편안하게 여가를 보낼 수 있도록 시설을 \
꾸준히 개선하겠다고 말했다.";

/// The standard fixture dump: four articles from two invented papers, one of them a
/// syndicated copy of the release with another lead line.
fn fixture_lines() -> Vec<String> {
    vec![
        record(
            "https://hanbit.example.kr/news/1001",
            "2024-03-04 09:30",
            "한빛일보",
            "김하늘",
            "가온시, 경로당 120곳 건강 쉼터로 바꾼다",
            RELEASE,
        ),
        record(
            "https://dongne.example.kr/article/77",
            "2024-03-05 10:00",
            "동네뉴스",
            "박솔",
            "가온시 경로당에 공기청정기·냉난방기",
            &format!("[동네뉴스=박솔 기자] 가온시 어르신 쉼터가 새 단장에 나선다.\n{RELEASE}"),
        ),
        record(
            "https://hanbit.example.kr/news/1002",
            "2024-05-20 14:10",
            "한빛일보",
            "이도윤",
            "나래군 토요 직거래 장터 연다",
            "나래군은 지역 농산물 직거래 장터를 매주 토요일 군청 광장에서 연다고 밝혔다. 장터에는 \
             관내 농가 40여 곳이 참여해 제철 채소와 과일, 전통 장류를 시중보다 싸게 판매하며, 군은 \
             포장재와 천막을 무상으로 제공한다. 군 관계자는 생산자와 소비자가 직접 만나는 장터를 \
             통해 농가 소득을 높이고 먹거리 신뢰를 쌓겠다고 말했다.",
        ),
        record(
            "https://dongne.example.kr/article/80",
            "2024-07-01 08:00",
            "동네뉴스",
            "박솔",
            "가온천 물놀이장 개장",
            "가온시는 가온천 둔치에 조성한 물놀이장을 7월 1일부터 8월 말까지 무료로 운영한다. \
             물놀이장에는 안전요원 6명이 상주하고, 그늘막과 탈의실, 간이 샤워장이 마련됐다. 시는 \
             매일 수질 검사를 하고 결과를 누리집에 공개할 계획이다.",
        ),
    ]
}

fn analyzer() -> Analyzer {
    common::analyzer().clone()
}

fn open_searcher(index: &Path) -> (Searcher, Fields) {
    let handle = IndexHandle::open(index, &analyzer()).unwrap();
    let reader = handle.index().reader().unwrap();
    (reader.searcher(), *handle.fields())
}

fn term(field: tantivy::schema::Field, text: &str) -> TermQuery {
    TermQuery::new(Term::from_field_text(field, text), IndexRecordOption::Basic)
}

/// The documents with facet `path` in `field`.
fn facet_term(field: tantivy::schema::Field, path: &str) -> TermQuery {
    TermQuery::new(
        Term::from_facet(field, &Facet::from(path)),
        IndexRecordOption::Basic,
    )
}

/// Articles in the duplicate group led by the article at `url`.
fn group_term(fields: &Fields, url: &str) -> RangeQuery {
    dup_group_query(fields, article_id(url))
}

fn count(searcher: &Searcher, query: &dyn Query) -> usize {
    searcher.search(query, &Count).unwrap()
}

fn first_doc(searcher: &Searcher, query: &dyn Query) -> TantivyDocument {
    let top = searcher
        .search(query, &TopDocs::with_limit(1).order_by_score())
        .unwrap();
    let (_, address) = top.first().expect("a match");
    searcher.doc(*address).unwrap()
}

fn text_of(doc: &TantivyDocument, field: tantivy::schema::Field) -> String {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string()
}

fn all_docs(searcher: &Searcher, fields: &Fields) -> Vec<(String, String, String)> {
    let top = searcher
        .search(
            &tantivy::query::AllQuery,
            &TopDocs::with_limit(1000).order_by_score(),
        )
        .unwrap();
    let mut docs: Vec<(String, String, String)> = top
        .iter()
        .map(|(_, address)| {
            let doc: TantivyDocument = searcher.doc(*address).unwrap();
            (
                text_of(&doc, fields.url),
                text_of(&doc, fields.body),
                dup_group_column(searcher.segment_reader(address.segment_ord), fields)
                    .and_then(|column| column.first(address.doc_id))
                    .map(format_id)
                    .unwrap_or_default(),
            )
        })
        .collect();
    docs.sort();
    docs
}

#[test]
fn ingest_then_look_up_by_id_url_and_filters() {
    let tmp = tempfile::tempdir().unwrap();
    let dump = write_dump(tmp.path(), "dump.jsonl", &fixture_lines());
    let index = tmp.path().join("elsewhere").join("idx");
    let output = ingest(&[&dump], &index, &[]);
    assert_ok(&output);
    assert!(stdout(&output).contains("4 added"), "{}", stdout(&output));
    assert!(
        index.join(META_FILE).is_file(),
        "index written where --index says"
    );

    let (searcher, fields) = open_searcher(&index);
    assert_eq!(count(&searcher, &tantivy::query::AllQuery), 4);

    let url = "https://hanbit.example.kr/news/1002";
    let id = format_id(article_id(url));
    let by_id = first_doc(&searcher, &term(fields.id, &id));
    assert_eq!(text_of(&by_id, fields.url), url);
    assert_eq!(
        text_of(&by_id, fields.title),
        "나래군 토요 직거래 장터 연다"
    );
    // Looking up by URL goes through the id.
    assert_eq!(
        count(&searcher, &term(fields.id, &format_id(article_id(url)))),
        1
    );

    assert_eq!(count(&searcher, &term(fields.reporter, "박솔")), 2);
    assert_eq!(count(&searcher, &term(fields.press, "한빛일보")), 2);
    assert_eq!(count(&searcher, &term(fields.body, "직거래")), 1);

    let kst = |y, m, d| {
        let t = chrono::NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
            .and_utc()
            .timestamp()
            - 9 * 3600;
        Term::from_field_date(fields.published, DateTime::from_timestamp_secs(t))
    };
    let spring = RangeQuery::new(
        std::ops::Bound::Included(kst(2024, 3, 1)),
        std::ops::Bound::Excluded(kst(2024, 6, 1)),
    );
    assert_eq!(count(&searcher, &spring), 3);
}

#[test]
fn region_facets_are_searchable() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("idx");
    let analyzer = analyzer();
    let handle = IndexHandle::create(&index, &analyzer).unwrap();
    let mut writer = handle.writer(&analyzer, 50_000_000).unwrap();
    let article = Article {
        title: "가온시 물놀이장 개장".into(),
        body: "가온시는 가온천 둔치 물놀이장을 무료로 운영한다.".into(),
        url: Some("https://dongne.example.kr/article/81".into()),
        regions: Some(RegionTags {
            region_primary: Some("/강원특별자치도/가온시".into()),
            regions_mentioned: vec!["/강원도/가온시".into(), "/강원특별자치도/가온시".into()],
            region_evidence: vec!["title 가온시".into()],
        }),
        ..Article::default()
    };
    common::add(&mut writer, &article);
    writer.finish().unwrap();

    let (searcher, fields) = open_searcher(&index);
    let facet = |path: &str| facet_term(fields.region, path);
    assert_eq!(count(&searcher, &facet("/강원특별자치도/가온시")), 1);
    assert_eq!(count(&searcher, &facet("/강원도/가온시")), 1);
    assert_eq!(count(&searcher, &facet("/전라남도/나주시")), 0);
    let doc = first_doc(&searcher, &facet("/강원도/가온시"));
    assert_eq!(
        text_of(&doc, fields.region_primary),
        "/강원특별자치도/가온시"
    );
}

#[test]
fn reingest_changes_nothing_and_a_changed_article_replaces_the_old() {
    let tmp = tempfile::tempdir().unwrap();
    let mut lines = fixture_lines();
    let dump = write_dump(tmp.path(), "dump.jsonl", &lines);
    let index = tmp.path().join("idx");
    assert_ok(&ingest(&[&dump], &index, &[]));
    let before = {
        let (searcher, fields) = open_searcher(&index);
        all_docs(&searcher, &fields)
    };

    let again = ingest(&[&dump], &index, &[]);
    assert_ok(&again);
    let out = stdout(&again);
    assert!(
        out.contains("0 added, 0 updated, 4 exact duplicates skipped"),
        "{out}"
    );
    let (searcher, fields) = open_searcher(&index);
    assert_eq!(all_docs(&searcher, &fields), before);

    lines[3] = record(
        "https://dongne.example.kr/article/80",
        "2024-07-01 08:00",
        "동네뉴스",
        "박솔",
        "가온천 물놀이장 개장 연기",
        "가온시는 장마로 가온천 수위가 높아져 물놀이장 개장을 7월 15일로 미룬다고 밝혔다. 시는 \
         둔치 시설 점검을 마친 뒤 안전요원 배치와 수질 검사를 거쳐 문을 열 계획이다.",
    );
    let dump = write_dump(tmp.path(), "dump.jsonl", &lines);
    let updated = ingest(&[&dump], &index, &[]);
    assert_ok(&updated);
    assert!(
        stdout(&updated).contains("0 added, 1 updated, 3 exact duplicates skipped"),
        "{}",
        stdout(&updated)
    );
    let (searcher, fields) = open_searcher(&index);
    assert_eq!(count(&searcher, &tantivy::query::AllQuery), 4);
    assert_eq!(count(&searcher, &term(fields.body, "장마")), 1);
    assert_eq!(count(&searcher, &term(fields.body, "샤워장")), 0);
    let id = format_id(article_id("https://dongne.example.kr/article/80"));
    assert_eq!(count(&searcher, &term(fields.id, &id)), 1);
}

#[test]
fn syndicated_copies_are_grouped() {
    let tmp = tempfile::tempdir().unwrap();
    let mut lines = fixture_lines();
    // The same release, byte for byte, under a third URL, with a trailing signature.
    lines.push(record(
        "https://namdo.example.kr/view/5",
        "2024-03-04 11:00",
        "남도타임스",
        "정유리",
        "가온시 경로당 건강 쉼터 사업",
        RELEASE,
    ));
    lines.push(record(
        "https://namdo.example.kr/view/6",
        "2024-03-04 11:30",
        "남도타임스",
        "정유리",
        "가온시 경로당 건강 쉼터 사업(종합)",
        &format!("{RELEASE}\n문의: 가온시 노인복지과 033-000-0000. 정유리 기자"),
    ));
    let dump = write_dump(tmp.path(), "dump.jsonl", &lines);
    let index = tmp.path().join("idx");
    let output = ingest(&[&dump], &index, &[]);
    assert_ok(&output);
    assert!(
        stdout(&output).contains(
            "6 added, 0 updated, 0 exact duplicates skipped, 3 syndicated copies grouped"
        ),
        "{}",
        stdout(&output)
    );
    let (searcher, fields) = open_searcher(&index);
    let leader = group_term(&fields, "https://hanbit.example.kr/news/1001");
    // Each copy is kept under its own URL, all in the first one's group.
    assert_eq!(count(&searcher, &leader), 4);
    assert_eq!(count(&searcher, &tantivy::query::AllQuery), 6);

    // The grouping survives into the next run: a fourth copy joins the same group.
    let copy = record(
        "https://gaon.example.kr/press/2024-031",
        "2024-03-06 09:00",
        "가온시청",
        "",
        "어르신 건강 쉼터 사업 추진",
        &format!("가온시 보도자료\n{RELEASE}"),
    );
    let dump = write_dump(tmp.path(), "more.jsonl", &[copy]);
    let output = ingest(&[&dump], &index, &[]);
    assert_ok(&output);
    assert!(
        stdout(&output).contains("1 added, 0 updated, 0 exact duplicates skipped, 1 syndicated"),
        "{}",
        stdout(&output)
    );
    let (searcher, _) = open_searcher(&index);
    assert_eq!(count(&searcher, &leader), 5);
}

#[test]
fn unreadable_files_are_skipped_and_counted() {
    let tmp = tempfile::tempdir().unwrap();
    let dump_dir = tmp.path().join("dump");
    std::fs::create_dir(&dump_dir).unwrap();
    let mut lines = fixture_lines();
    lines.insert(
        1,
        "{\"url\": \"https://broken.example.kr/1\", \"title\": ".into(),
    );
    write_dump(&dump_dir, "a.jsonl", &lines);
    std::fs::write(
        dump_dir.join("image.bin"),
        [0u8, 159, 146, 150, 0, 1, 2, 3, 255, 0],
    )
    .unwrap();
    std::fs::write(
        dump_dir.join("broken.gz"),
        [0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5],
    )
    .unwrap();
    let index = tmp.path().join("idx");
    let output = ingest(&[&dump_dir], &index, &[]);
    let out = stdout(&output);
    assert!(out.contains("4 added"), "{out}\n{}", stderr(&output));
    assert!(out.contains("3 skipped"), "{out}\n{}", stderr(&output));
    // The broken JSON line and the truncated gzip data.
    assert!(out.contains("(2 malformed, 1 unknown format)"), "{out}");
    let err = stderr(&output);
    assert!(err.contains("image.bin"), "{err}");
    assert!(err.contains("broken.gz"), "{err}");
    let (searcher, _) = open_searcher(&index);
    assert_eq!(count(&searcher, &tantivy::query::AllQuery), 4);
}

#[test]
fn a_second_writer_gets_a_lock_error() {
    let tmp = tempfile::tempdir().unwrap();
    let dump = write_dump(tmp.path(), "dump.jsonl", &fixture_lines());
    let index = tmp.path().join("idx");
    let analyzer = analyzer();
    let handle = IndexHandle::create(&index, &analyzer).unwrap();
    let writer = handle.writer(&analyzer, 50_000_000).unwrap();
    let output = ingest(&[&dump], &index, &[]);
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(err.contains("is locked by process"), "{err}");
    assert!(err.contains(&index.display().to_string()), "{err}");
    assert!(err.contains("another `dongne ingest` is running"), "{err}");
    drop(writer);
    assert_ok(&ingest(&[&dump], &index, &[]));
}

#[test]
fn another_dictionary_or_schema_needs_a_rebuild() {
    let tmp = tempfile::tempdir().unwrap();
    let dump = write_dump(tmp.path(), "dump.jsonl", &fixture_lines());
    let index = tmp.path().join("idx");
    assert_ok(&ingest(&[&dump], &index, &[]));

    let mut meta = IndexMeta::load(&index).unwrap();
    let original = meta.clone();
    meta.analysis.dictionary_hash = "0123456789abcdef".into();
    meta.save(&index).unwrap();
    let output = ingest(&[&dump], &index, &[]);
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(err.contains("dictionary 0123456789abcdef"), "{err}");
    assert!(err.contains("dongne ingest --rebuild"), "{err}");

    meta = original.clone();
    meta.schema_version = 1;
    meta.save(&index).unwrap();
    let output = ingest(&[&dump], &index, &[]);
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(err.contains("schema v1"), "{err}");
    assert!(err.contains("dongne ingest --rebuild"), "{err}");

    let rebuilt = ingest(&[&dump], &index, &["--rebuild"]);
    assert_ok(&rebuilt);
    assert!(stdout(&rebuilt).contains("4 added"), "{}", stdout(&rebuilt));
    assert_eq!(IndexMeta::load(&index).unwrap(), original);
}

#[test]
fn stats_describe_the_index() {
    let tmp = tempfile::tempdir().unwrap();
    let dump = write_dump(tmp.path(), "dump.jsonl", &fixture_lines());
    let index = tmp.path().join("idx");
    assert_ok(&ingest(&[&dump], &index, &[]));
    let output = dongne(&["stats", "--json", "--index", &index.display().to_string()]);
    assert_ok(&output);
    let stats: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(stats["articles"], 4);
    assert_eq!(stats["dup_groups"], 3);
    assert_eq!(stats["earliest"], "2024-03-04T00:30:00Z");
    assert_eq!(stats["latest"], "2024-06-30T23:00:00Z");
    assert_eq!(stats["top_press"][0]["articles"], 2);
    assert_eq!(stats["top_reporters"][0]["value"], "박솔");
    assert!(stats["size_on_disk"].as_u64().unwrap() > 0);
    assert_eq!(
        stats["meta"]["analysis"]["dictionary_hash"],
        analyzer().fingerprint().dictionary_hash
    );
}

#[test]
fn ingest_tags_regions_as_then() {
    let tmp = tempfile::tempdir().unwrap();
    let line = record(
        "https://hanbit.example.kr/news/2019-77",
        "2019-02-11 09:00",
        "한빛일보",
        "김하늘",
        "춘천시, 봄내 어린이 도서관 문 연다",
        "(춘천=한빛일보) 김하늘 기자 = 춘천시는 다음 달 석사동에 어린이 전용 도서관을 연다고 \
         11일 밝혔다. 춘천시는 도서관에 그림책 2만 권과 놀이형 열람실을 갖추고, 주말에는 \
         지역 작가와 함께하는 책 읽기 모임을 운영한다.",
    );
    let dump = write_dump(tmp.path(), "dump.jsonl", &[line]);
    let index = tmp.path().join("idx");
    assert_ok(&ingest(&[&dump], &index, &[]));
    let (searcher, fields) = open_searcher(&index);
    let facet = |path: &str| facet_term(fields.region, path);
    // Indexed under the name of the day; the resolver maps 강원특별자치도 to it at query time.
    assert_eq!(count(&searcher, &facet("/강원도/춘천시")), 1);
    assert_eq!(count(&searcher, &facet("/강원도")), 1);
    let doc = first_doc(&searcher, &facet("/강원도/춘천시"));
    assert_eq!(text_of(&doc, fields.region_primary), "/강원도/춘천시");
}

#[test]
fn an_interrupted_ingest_keeps_its_commits_and_completes_on_rerun() {
    let tmp = tempfile::tempdir().unwrap();
    let lines = fixture_lines();
    let dump = write_dump(tmp.path(), "dump.jsonl", &lines);
    let index = tmp.path().join("idx");
    let analyzer = analyzer();
    {
        // A run that dies after its first commit: two articles committed, one not.
        let handle = IndexHandle::create(&index, &analyzer).unwrap();
        let mut writer = handle.writer(&analyzer, 50_000_000).unwrap();
        let articles: Vec<Article> = dongne::extract::extract_paths(
            std::slice::from_ref(&dump),
            &dongne::extract::ExtractOptions::default(),
        )
        .flatten()
        .collect();
        common::add(&mut writer, &articles[0]);
        common::add(&mut writer, &articles[2]);
        writer.commit().unwrap();
        common::add(&mut writer, &articles[3]);
        // Dropped without committing, like a killed process.
    }
    let (searcher, _) = open_searcher(&index);
    assert_eq!(count(&searcher, &tantivy::query::AllQuery), 2);

    let output = ingest(&[&dump], &index, &[]);
    assert_ok(&output);
    assert!(
        stdout(&output).contains("2 added, 0 updated, 2 exact duplicates skipped"),
        "{}",
        stdout(&output)
    );
    let (searcher, fields) = open_searcher(&index);
    assert_eq!(count(&searcher, &tantivy::query::AllQuery), 4);
    for line in &lines {
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        let id = format_id(article_id(record["url"].as_str().unwrap()));
        assert_eq!(count(&searcher, &term(fields.id, &id)), 1, "{id}");
    }
}

#[test]
fn bigkinds_export_keeps_desks_entities_and_marks() {
    let tmp = tempfile::tempdir().unwrap();
    let export = tmp.path().join("NewsResult_20230512-20230512.xlsx");
    common::write_bigkinds_export(&export);
    let index = tmp.path().join("idx");
    assert_ok(&ingest(&[&export], &index, &[]));

    let (searcher, fields) = open_searcher(&index);
    let entity = |path: &str| facet_term(fields.entity, path);
    assert_eq!(count(&searcher, &entity("/위치/광양")), 1);
    assert_eq!(count(&searcher, &entity("/기관/광양시")), 1);
    assert_eq!(count(&searcher, &entity("/인물/김광양")), 1);
    assert_eq!(count(&searcher, &entity("/위치/여수")), 1);
    assert_eq!(count(&searcher, &term(fields.reporter, "양승수")), 1);
    assert_eq!(count(&searcher, &term(fields.reporter, "7NEWS팀")), 0);

    let hits = common::search_json(&index, "섬진강 둘레길");
    let extra = &hits[0]["extra"];
    assert_eq!(extra["truncated"], true);
    assert_eq!(extra["entities"]["places"][0], "광양");
    assert_eq!(extra["categories"][1], "사회>교육_시험");
    let team = &common::search_json(&index, "순천만 야간 개장")[0];
    assert_eq!(team["extra"]["desks"][0], "7NEWS팀");
    // An excluded row is kept and marked.
    let excluded = &common::search_json(&index, "밤바다 축제")[0];
    assert_eq!(excluded["extra"]["excluded"], "중복");
}

#[test]
fn the_tokenizer_indexes_the_tokens_ingest_left_for_it() {
    // Each article's title and body are analysed once, on the workers; tantivy's tokenizer
    // takes their tokens instead of analysing again: two hand-offs per article.
    let tmp = tempfile::tempdir().unwrap();
    let analyzer = analyzer();
    let handle = IndexHandle::create(&tmp.path().join("idx"), &analyzer).unwrap();
    let mut writer = handle.writer(&analyzer, 50_000_000).unwrap();
    let handoff = writer.handoff();
    let articles = 20;
    for n in 0..articles {
        let article = Article {
            url: Some(format!("https://dongne.example.kr/news/{n}")),
            title: format!("가온시 소식 {n}"),
            body: format!("가온시는 {n}번째 주민 설명회를 열었다. 홍길동 기자"),
            ..Article::default()
        };
        common::add(&mut writer, &article);
    }
    writer.finish().unwrap();
    assert_eq!(handoff.indexed(), 2 * articles);
}
