//! Region tagging end to end, on invented articles analysed with the built dictionary, and
//! the resolver a search filter uses. The measurement on the shared press releases runs only
//! when `../shared` is present.

mod common;

use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset};
use dongne::analysis::Analyzer;
use dongne::article::Article;
use dongne::regions::{Gazetteer, RegionError, RegionTags, Tagger};

fn analyzer() -> &'static Analyzer {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    ANALYZER.get_or_init(|| {
        Analyzer::load_default().expect("the dictionary is built (run the README's set-up)")
    })
}

fn gazetteer() -> &'static Gazetteer {
    static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
    GAZETTEER.get_or_init(|| Gazetteer::load_default().unwrap())
}

fn published(date: &str) -> Option<DateTime<FixedOffset>> {
    Some(DateTime::parse_from_rfc3339(&format!("{date}T10:00:00+09:00")).unwrap())
}

fn article(title: &str, body: &str, date: &str) -> Article {
    Article {
        title: title.into(),
        body: body.into(),
        published: published(date),
        ..Article::default()
    }
}

fn tag(article: &Article) -> RegionTags {
    Tagger::new(gazetteer()).tag_with(analyzer(), article)
}

/// Whether a search filtered on `query` finds an article tagged `tags` (its primary region):
/// the facet filter matches when one of the resolved paths is the tag or an ancestor of it.
fn found_by(query: &str, tags: &RegionTags) -> bool {
    let primary = tags.region_primary.as_deref().unwrap_or_default();
    gazetteer()
        .resolve_facets(query)
        .unwrap()
        .iter()
        .any(|p| primary == p || primary.starts_with(&format!("{p}/")))
}

#[test]
fn lead_subject_with_parenthesis_decides_the_county() {
    let tags = tag(&article(
        "가을 들녘 체험 행사 열려",
        "고흥군(군수 김가상)은 오는 주말 들녘 체험 행사를 연다고 밝혔다. 행사에는 전남 각지에서 가족이 참여한다.",
        "2024-10-02",
    ));
    assert_eq!(tags.region_primary.as_deref(), Some("/전라남도/고흥군"));
    assert!(
        tags.region_evidence
            .iter()
            .any(|e| e.starts_with("lead 고흥군")),
        "{tags:?}"
    );
}

#[test]
fn dateline_and_title_signals() {
    let mut a = article(
        "첫눈에 도로 통제",
        "밤사이 내린 눈으로 일부 도로가 통제됐다.",
        "2019-12-01",
    );
    a.dateline = Some("춘천".into());
    assert_eq!(tag(&a).region_primary.as_deref(), Some("/강원도/춘천시"));
    let b = article(
        "광양시, 청년 창업 공간 문 열어",
        "청년 창업 공간이 문을 열었다.",
        "2024-11-08",
    );
    assert_eq!(tag(&b).region_primary.as_deref(), Some("/전라남도/광양시"));
}

#[test]
fn issuer_and_press_home_signals() {
    let mut a = article(
        "도서관 야간 개방",
        "도서관을 밤 열 시까지 연다.",
        "2025-06-01",
    );
    a.issuer = Some("나주시".into());
    assert_eq!(tag(&a).region_primary.as_deref(), Some("/전라남도/나주시"));

    let mut b = article(
        "강서구, 둘레길 새 단장",
        "둘레길 정비를 마쳤다.",
        "2024-05-01",
    );
    b.press = Some("부산일보".into());
    let tags = tag(&b);
    assert_eq!(
        tags.region_primary.as_deref(),
        Some("/부산광역시/강서구"),
        "{tags:?}"
    );
}

#[test]
fn ambiguous_names_by_co_mention_or_left_unresolved() {
    let co = tag(&article(
        "중구, 골목 축제 준비",
        "대구 도심의 중구가 골목 축제를 준비한다. 중구 상인회가 함께한다.",
        "2024-05-01",
    ));
    assert_eq!(
        co.region_primary.as_deref(),
        Some("/대구광역시/중구"),
        "{co:?}"
    );

    let gwangju = tag(&article(
        "광주시, 하천 정비 마쳐",
        "경기도 광주시는 하천 정비를 마쳤다고 밝혔다.",
        "2024-05-01",
    ));
    assert_eq!(
        gwangju.region_primary.as_deref(),
        Some("/경기도/광주시"),
        "{gwangju:?}"
    );

    let open = tag(&article(
        "고성군, 해변 정화 활동",
        "주민들이 해변을 청소했다.",
        "2024-05-01",
    ));
    assert_eq!(open.region_primary, None, "{open:?}");
    assert!(open.region_evidence[0].contains("unresolved"), "{open:?}");
}

#[test]
fn a_city_name_decides_its_non_autonomous_district_and_nested_names_take_the_outer() {
    let pohang = tag(&article(
        "포항 남구 해안 산책로 개통",
        "포항 남구에 해안 산책로가 생겼다.",
        "2024-05-01",
    ));
    assert_eq!(
        pohang.region_primary.as_deref(),
        Some("/경상북도/포항시/남구"),
        "{pohang:?}"
    );

    let jeju = tag(&article(
        "제주 감귤 수확 시작",
        "감귤 수확이 시작됐다.",
        "2024-11-01",
    ));
    assert_eq!(
        jeju.region_primary.as_deref(),
        Some("/제주특별자치도"),
        "{jeju:?}"
    );
}

#[test]
fn words_containing_place_names_are_not_places() {
    let tags = tag(&article(
        "장터 풍경",
        "광주리에 담긴 채소와 중구난방 늘어선 좌판, 남구로역에서 내린 손님들. 예산이 부족하다며 고성이 오갔다.",
        "2024-05-01",
    ));
    assert_eq!(tags, RegionTags::default());
}

#[test]
fn an_article_about_two_cities() {
    let tags = tag(&article(
        "여수시·순천시 공동 관광 상품 출시",
        "두 도시가 함께 만든 관광 상품이 나왔다. 여수시와 순천시는 내년까지 이를 운영한다.",
        "2024-05-01",
    ));
    assert_eq!(tags.regions_mentioned.len(), 2, "{tags:?}");
    assert!(
        tags.regions_mentioned
            .contains(&"/전라남도/여수시".to_string())
    );
    assert!(
        tags.regions_mentioned
            .contains(&"/전라남도/순천시".to_string())
    );
}

#[test]
fn a_national_article_has_no_region() {
    let tags = tag(&article(
        "기준금리 동결",
        "중앙은행이 기준금리를 동결했다. 물가 흐름을 더 지켜보겠다는 판단이다.",
        "2024-05-01",
    ));
    assert_eq!(tags, RegionTags::default());
}

#[test]
fn renamed_regions_are_found_by_old_and_new_names() {
    let gangwon_2019 = tag(&article(
        "강원도 산불 진화",
        "강원도 산림 당국이 산불을 진화했다.",
        "2019-04-05",
    ));
    assert_eq!(gangwon_2019.region_primary.as_deref(), Some("/강원도"));
    assert!(found_by("강원특별자치도", &gangwon_2019));
    assert!(found_by("강원도", &gangwon_2019));

    let gwangyang_2024 = tag(&article(
        "광양시, 항만 물류 설명회",
        "광양시는 항만 물류 설명회를 열었다.",
        "2024-03-01",
    ));
    assert_eq!(
        gwangyang_2024.region_primary.as_deref(),
        Some("/전라남도/광양시")
    );
    for query in [
        "전남광주통합특별시",
        "광주특별시",
        "전라남도",
        "전남",
        "광양",
        "광양시",
        "46230",
    ] {
        assert!(found_by(query, &gwangyang_2024), "{query}");
    }
    assert!(!found_by("여수시", &gwangyang_2024));

    let gwangyang_2027 = tag(&article(
        "광양시, 항만 물류 설명회",
        "광양시는 항만 물류 설명회를 열었다.",
        "2027-03-01",
    ));
    assert_eq!(
        gwangyang_2027.region_primary.as_deref(),
        Some("/전남광주통합특별시/광양시")
    );
    assert!(found_by("광양", &gwangyang_2027) && found_by("46230", &gwangyang_2027));
}

#[test]
fn resolver_errors_list_candidates() {
    match gazetteer().resolve("중구") {
        Err(RegionError::Ambiguous { candidates, .. }) => {
            assert!(candidates.len() >= 6, "{candidates:?}");
            assert!(candidates.contains(&"서울특별시 중구".to_string()));
        }
        other => panic!("{other:?}"),
    }
    let message = gazetteer().resolve("강서구").unwrap_err().to_string();
    assert!(message.starts_with("강서구: ambiguous"), "{message}");
    assert!(matches!(
        gazetteer().resolve("아틀란티스"),
        Err(RegionError::Unknown { .. })
    ));
}

/// Share of the shared municipal press releases whose primary region is the issuing body.
/// Skips (with a message) when `../shared` is absent.
#[test]
fn press_releases_are_tagged_with_their_issuer() {
    let Some(text) = common::shared_corpus("naju-press-releases-2025.jsonl") else {
        return;
    };
    let (mut total, mut hits) = (0, 0);
    for line in text.lines() {
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        let field = |name: &str| record[name].as_str().unwrap_or_default().to_string();
        let issuer = field("source_org");
        let a = Article {
            title: field("title"),
            body: field("body"),
            issuer: Some(issuer.clone()),
            published: DateTime::parse_from_rfc3339(&field("published_at")).ok(),
            ..Article::default()
        };
        let tags = tag(&a);
        let expected = gazetteer().resolve_facets(&issuer).unwrap();
        total += 1;
        if tags
            .region_primary
            .as_ref()
            .is_some_and(|p| expected.contains(p))
        {
            hits += 1;
        } else {
            println!(
                "miss {}: {} → {:?}",
                field("id"),
                field("title"),
                tags.region_primary
            );
            for e in &tags.region_evidence {
                println!("    {e}");
            }
        }
    }
    let share = hits as f64 / total as f64;
    println!("primary = issuer: {hits}/{total} = {:.1}%", share * 100.0);
    assert!(share >= 0.97, "{share}");
}
