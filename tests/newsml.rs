//! KPF NewsML 1.x items: fields read from the NewsML structure, entities decoded, EUC-KR,
//! escaped HTML and inline NITF bodies, several items per file, and items in directories and
//! zip archives read like any dump.

mod common;

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use dongne::article::Article;
use dongne::extract::{self, ExtractOptions};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/newsml")
        .join(name)
}

fn articles(path: &Path) -> Vec<Article> {
    extract::extract_paths(&[path.to_path_buf()], &ExtractOptions::default())
        .map(|result| result.unwrap_or_else(|skipped| panic!("skipped: {skipped}")))
        .collect()
}

fn time(text: &str) -> Option<DateTime<FixedOffset>> {
    Some(DateTime::parse_from_rfc3339(text).expect("test time is valid"))
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn a_kpf_item_with_every_field() {
    let found = articles(&fixture("kpf_single.xml"));
    assert_eq!(found.len(), 1);
    let article = &found[0];
    // `&quot;` decoded.
    assert_eq!(article.title, "동네시 \"재래시장 주차장 두 배로\"");
    assert_eq!(
        article.subtitle.as_deref(),
        Some("시장 상인회와 협약…내년 봄 착공")
    );
    assert_eq!(article.reporters, strings(&["문동성", "손재호"]));
    assert_eq!(article.published, time("2003-09-02T17:58:41+09:00"));
    assert_eq!(article.updated, None);
    // The press code of the item id, not the distributing foundation.
    assert_eq!(article.press.as_deref(), Some("국민일보"));
    assert_eq!(article.section.as_deref(), Some("사회"));
    assert_eq!(article.page.as_deref(), Some("A8"));
    assert_eq!(article.edition.as_deref(), Some("40판"));
    assert_eq!(article.dateline.as_deref(), Some("동네시"));
    assert_eq!(
        article.url.as_deref(),
        Some("urn:newsml:kpf.or.kr:20030902:01100201.20030902085903010:1")
    );
    assert_eq!(article.body.lines().count(), 3);
    assert!(
        article
            .body
            .ends_with("\"장보기가 한결 편해질 것\"이라고 말했다.")
    );
    assert_eq!(article.source.record.as_deref(), Some("item 1"));
}

#[test]
fn euc_kr_item_with_escaped_html_and_an_unknown_press_code() {
    let found = articles(&fixture("kpf_euckr.xml"));
    let article = &found[0];
    // `&nbsp;` is no XML entity; it is decoded, not fatal.
    assert_eq!(article.title, "가온군, 마을버스 노선 세 곳 신설");
    assert_eq!(article.reporters, strings(&["김경택"]));
    assert_eq!(article.emails, strings(&["kkt@gaon-news.example"]));
    assert_eq!(
        article.body,
        "가온군이 다음 달부터 마을버스 노선 세 곳을 새로 운행한다고 3일 밝혔다.\n\
         군은 버스가 닿지 않던 산골 마을·농공단지를 잇는다고 설명했다."
    );
    assert_eq!(article.published, time("2003-09-03T08:12:00+09:00"));
    assert_eq!(article.updated, time("2003-09-03T09:30:00+09:00"));
    // A code the table does not document stays a code.
    assert_eq!(article.press.as_deref(), Some("01400351"));
    assert_eq!(article.page.as_deref(), Some("12"));
}

#[test]
fn two_items_nitf_markup_cdata_and_creators() {
    let found = articles(&fixture("kpf_two_items.xml"));
    assert_eq!(found.len(), 2);
    let first = &found[0];
    assert_eq!(first.title, "새벽 시장 사람들");
    assert_eq!(
        first.body,
        "새벽 네 시, 수산시장의 불이 켜진다.\n상인들은 경매가 끝나기 전에 좋은 물건을 고르려 바쁘게 움직인다."
    );
    assert!(
        !first.body.contains("사진 자료"),
        "photo items are not text"
    );
    assert_eq!(first.reporters, strings(&["박새벽"]));
    assert_eq!(first.emails, strings(&["dawn@hanbit.example"]));
    assert_eq!(first.section.as_deref(), Some("기획"));
    assert_eq!(first.press.as_deref(), Some("한겨레"));
    let second = &found[1];
    assert_eq!(second.title, "[사설] 골목 상권을 살릴 길");
    assert_eq!(second.reporters, strings(&["이한결", "정다운"]));
    assert_eq!(second.published, time("2003-09-04T06:20:00+09:00"));
    assert_eq!(second.source.record.as_deref(), Some("item 2"));
}

#[test]
fn items_in_zips_and_directories_read_like_any_dump() {
    let dir = tempfile::tempdir().expect("temp dir");
    let names = ["kpf_single.xml", "kpf_euckr.xml", "kpf_two_items.xml"];
    let members: Vec<(&str, Vec<u8>)> = names
        .iter()
        .map(|name| (*name, std::fs::read(fixture(name)).expect("fixture")))
        .collect();
    let zip_path = dir.path().join("kpf_20030902.zip");
    std::fs::write(&zip_path, common::zip(&members)).expect("write zip");
    let from_zip = articles(&zip_path);
    assert_eq!(from_zip.len(), 4);
    assert_eq!(
        from_zip[1].source.record.as_deref(),
        Some("kpf_euckr.xml, item 1")
    );
    let from_dir = articles(&fixture(""));
    assert_eq!(from_dir.len(), 4);
    let titles = |list: &[Article]| {
        let mut titles: Vec<String> = list.iter().map(|a| a.title.clone()).collect();
        titles.sort();
        titles
    };
    assert_eq!(titles(&from_zip), titles(&from_dir));
}

#[test]
fn malformed_newsml_is_skipped_with_its_file_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("broken.xml");
    std::fs::write(
        &path,
        "<?xml version=\"1.0\"?>\n<NewsML><NewsItem><HeadLine>끝나지 않은",
    )
    .expect("write");
    let results: Vec<_> =
        extract::extract_paths(std::slice::from_ref(&path), &ExtractOptions::default()).collect();
    assert_eq!(results.len(), 1);
    let skipped = results[0].as_ref().expect_err("skipped");
    assert_eq!(skipped.source.path, path.display().to_string());
    assert!(
        skipped.reason.to_string().starts_with("malformed: NewsML"),
        "{}",
        skipped.reason
    );
}
