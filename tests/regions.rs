//! Region tagging end to end, on invented articles analysed with the built dictionary, and
//! the resolver a search filter uses. The measurement on the shared press releases runs only
//! when `../shared` is present.

mod common;

use chrono::{DateTime, FixedOffset};
use dongne::article::Article;
use dongne::article::RegionTags;
use dongne::regions::{RegionError, Tagger};

use common::{analyzer, gazetteer};

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

/// Asserts the primary region of `tags`, showing all of them when it differs.
#[track_caller]
fn assert_primary(tags: &RegionTags, expected: Option<&str>) {
    assert_eq!(tags.region_primary.as_deref(), expected, "{tags:#?}");
}

/// Whether `evidence` has a line starting with `start` and containing `part`.
fn has_line(tags: &RegionTags, start: &str, part: &str) -> bool {
    tags.region_evidence
        .iter()
        .any(|e| e.starts_with(start) && e.contains(part))
}

#[test]
fn a_sub_municipal_name_alone_is_evidence_for_its_city() {
    let tags = tag(&article(
        "이웃돕기 성금 기탁 이어져",
        "지역 봉사단체 회원들이 하당동 행정복지센터에 성금 백만 원을 기탁했다. 하당동은 \
         성금을 홀로 사는 어르신들에게 전한다.",
        "2025-12-10",
    ));
    assert_primary(&tags, Some("/전라남도/목포시"));
    assert!(
        has_line(&tags, "locality 하당동", "/전라남도/목포시/하당동 +2"),
        "{tags:?}"
    );
    assert!(has_line(&tags, "subject 하당동", "+2"), "{tags:?}");
    assert_eq!(tags.regions_mentioned, ["/전라남도/목포시/하당동"]);

    // One passing mention is evidence, not yet a primary region.
    let passing = tag(&article(
        "이웃돕기 성금 기탁",
        "지역 봉사단체 회원들이 하당동 행정복지센터에 성금 백만 원을 기탁했다.",
        "2025-12-10",
    ));
    assert_primary(&passing, None);
    assert_eq!(passing.regions_mentioned, ["/전라남도/목포시/하당동"]);

    let township = tag(&article(
        "마을 이장단 정례회의 열려",
        "일로읍 이장단은 지난 5일 마을회관에서 정례회의를 열고 겨울철 안전 대책을 논의했다. \
         청계면 지역사회보장협의체도 함께했다.",
        "2025-12-10",
    ));
    assert_primary(&township, Some("/전라남도/무안군/일로읍"));
    assert!(has_line(&township, "lead 일로읍", "+4"), "{township:?}");
    assert!(
        has_line(&township, "locality 청계면", "/전라남도/무안군/청계면"),
        "{township:?}"
    );
}

#[test]
fn numbered_neighbourhoods_with_or_without_a_space() {
    for body in [
        "용당2동 주민자치회는 어르신 목욕 봉사를 했다고 밝혔다.",
        "용당 2동 주민자치회는 어르신 목욕 봉사를 했다고 밝혔다.",
    ] {
        let tags = tag(&article("어르신 목욕 봉사", body, "2025-12-10"));
        assert_eq!(
            tags.region_primary.as_deref(),
            Some("/전라남도/목포시/용당2동"),
            "{body}: {tags:?}"
        );
    }
}

#[test]
fn ambiguous_sub_municipal_names_need_context() {
    let alone = tag(&article(
        "중앙동 주민자치회 김장 나눔",
        "중앙동 주민자치회는 김장 김치 백 상자를 담가 이웃에 나눴다고 밝혔다.",
        "2025-12-10",
    ));
    assert_primary(&alone, None);
    assert!(alone.regions_mentioned.is_empty(), "{alone:?}");
    assert!(has_line(&alone, "title 중앙동", "unresolved"), "{alone:?}");

    let named = tag(&article(
        "중앙동 주민자치회 김장 나눔",
        "중앙동 주민자치회는 김장 김치 백 상자를 담가 이웃에 나눴다고 밝혔다. 여수시는 \
         참여한 회원들에게 감사를 전했다.",
        "2025-12-10",
    ));
    assert_primary(&named, Some("/전라남도/여수시/중앙동"));
    assert!(
        has_line(&named, "title 중앙동", "by co-mention"),
        "{named:?}"
    );

    // Two 전남 cities have a 중앙동: the province alone does not decide.
    let province = tag(&article(
        "전남 중앙동 주민자치회 김장 나눔",
        "김장 김치 백 상자를 담가 이웃에 나눴다.",
        "2025-12-10",
    ));
    assert!(
        has_line(&province, "title 중앙동", "unresolved"),
        "{province:?}"
    );

    let mut by_press = article(
        "강서구 둘레길 새 단장",
        "둘레길 정비를 마쳤다.",
        "2024-05-01",
    );
    by_press.press = Some("부산일보".into());
    assert!(has_line(&tag(&by_press), "title 강서구", "by press home"));
}

#[test]
fn short_sub_municipal_names_that_are_words_need_their_city() {
    let word = tag(&article(
        "주말 귀성 행렬",
        "귀성객의 이동이 많아 고속도로가 붐볐다. 서면으로 신청하면 된다.",
        "2024-09-15",
    ));
    assert_eq!(word, RegionTags::default());
    let place = tag(&article(
        "안산 상록구 이동 주민 잔치",
        "안산시 이동 주민들이 마을 잔치를 열었다.",
        "2024-09-15",
    ));
    assert!(
        has_line(&place, "title 이동", "/경기도/안산시/상록구/이동"),
        "{place:?}"
    );
}

#[test]
fn subject_patterns_with_any_particle() {
    let tags = tag(&article(
        "주민 건강 강좌 개설",
        "무안군(군수 김가상)는 주민 건강 강좌를 연다고 밝혔다. 강좌는 매주 열린다. \
         목포시에서 온 강사가 강의를 맡는다.",
        "2025-12-10",
    ));
    assert_primary(&tags, Some("/전라남도/무안군"));
    assert!(has_line(&tags, "lead 무안군", "+4"), "{tags:?}");
}

#[test]
fn organisations_named_after_a_region() {
    let tags = tag(&article(
        "생활개선회 김장 나눔 행사",
        "한국생활개선무안군연합회는 회원 오십 명이 모여 김장 나눔 행사를 열었다고 밝혔다. \
         목포시학교밖청소년지원센터 청소년들도 봉사에 나섰다.",
        "2025-12-10",
    ));
    assert_primary(&tags, Some("/전라남도/무안군"));
    assert!(has_line(&tags, "lead 무안군", "+4"), "{tags:?}");
    assert!(has_line(&tags, "organisation 목포시", "+1"), "{tags:?}");

    let foundation = tag(&article(
        "나주문화재단, 청년 예술가 전시 개최",
        "재단은 오는 20일까지 청년 예술가 전시를 연다.",
        "2025-12-10",
    ));
    assert_primary(&foundation, Some("/전라남도/나주시"));
    assert!(has_line(&foundation, "title 나주", "+5"), "{foundation:?}");
}

#[test]
fn repeated_mentions_count_up_to_a_cap() {
    let tags = tag(&article(
        "여름 바다 축제",
        "올여름 여수 바다에서 축제가 열린다. 여수 밤바다 공연과 여수 불꽃놀이, 여수 요트 \
         체험, 여수 수산시장 장터가 이어진다. 순천에서 온 공연단도 함께한다.",
        "2024-07-01",
    ));
    assert_primary(&tags, Some("/전라남도/여수시"));
    assert!(has_line(&tags, "body 여수 ×", "+4"), "{tags:?}");
}

#[test]
fn a_real_tie_has_no_primary_region() {
    let tags = tag(&article(
        "두 군 자매결연",
        "오늘 담양군과 순창군이 자매결연을 맺었다. 협약식에는 담양군수와 순창군수가 \
         참석했다.",
        "2025-12-10",
    ));
    assert_primary(&tags, None);
    assert!(
        tags.region_evidence
            .last()
            .unwrap()
            .starts_with("no primary: a tie"),
        "{tags:?}"
    );
}

#[test]
fn every_line_of_evidence_has_its_weight() {
    let mut a = article(
        "광양시, 매화축제 준비",
        "광양시(시장 김가상)는 매화축제를 앞두고 교통 대책을 마련했다.",
        "2024-03-05",
    );
    a.press = Some("광양신문".into());
    a.dateline = Some("광양".into());
    let tags = tag(&a);
    let (decision, lines) = tags.region_evidence.split_last().unwrap();
    assert!(
        lines.iter().all(|l| l.ends_with(char::is_numeric)),
        "{lines:?}"
    );
    assert_eq!(decision, "primary /전라남도/광양시 (/전라남도/광양시 28)");
}

#[test]
fn sub_municipal_names_resolve_for_search() {
    let mokpo = [
        "/전남광주통합특별시/목포시/하당동",
        "/전라남도/목포시/하당동",
    ];
    assert_eq!(gazetteer().resolve_facets("하당동").unwrap(), mokpo);
    assert_eq!(gazetteer().resolve_facets("목포 하당동").unwrap(), mokpo);
    assert_eq!(gazetteer().resolve_facets("4611075700").unwrap(), mokpo);
    assert_eq!(
        gazetteer().resolve_facets("창신1동").unwrap(),
        gazetteer().resolve_facets("창신제1동").unwrap()
    );
    match gazetteer().resolve("중앙동") {
        Err(RegionError::Ambiguous { candidates, .. }) => {
            assert!(candidates.len() >= 30, "{candidates:?}");
            assert!(
                candidates.iter().any(|c| c.ends_with("여수시 중앙동")),
                "{candidates:?}"
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        gazetteer().resolve_facets("여수 중앙동").unwrap(),
        [
            "/전남광주통합특별시/여수시/중앙동",
            "/전라남도/여수시/중앙동"
        ]
    );
    let tags = tag(&article(
        "하당동 주민 음악회",
        "하당동 주민자치회는 주민 음악회를 열었다고 밝혔다.",
        "2025-12-10",
    ));
    assert!(
        found_by("하당동", &tags) && found_by("목포시", &tags),
        "{tags:?}"
    );
    assert!(!found_by("용당2동", &tags));
}

/// Share of the shared municipal press releases whose primary region is the issuing body,
/// read from their text alone (issuer and URL left out), as `../shared/eval/regions.py`
/// measures it: the releases of municipal issuers, read through extraction, a hit when the
/// issuer's name is in the primary region's path. Skips (with a message) when `../shared`
/// is absent.
#[test]
fn press_releases_are_tagged_with_their_issuer_from_text_alone() {
    for (file, bar) in [
        ("naju-press-releases-2025.jsonl", 0.97),
        ("jeonnam-press-releases-2025-12-dev.jsonl", 0.97),
    ] {
        let Some(text) = common::shared_corpus(file) else {
            return;
        };
        let records: Vec<serde_json::Value> = text
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .filter(|r: &serde_json::Value| {
                let issuer = r["source_org"].as_str().unwrap_or_default();
                ["시", "군", "구", "도", "광역시", "특별시"]
                    .iter()
                    .any(|end| issuer.ends_with(end))
                    && !issuer.contains("교육")
            })
            .collect();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("text-only.jsonl");
        let lines: Vec<String> = records
            .iter()
            .enumerate()
            .map(|(i, r)| {
                serde_json::json!({
                    "id": i.to_string(),
                    "title": r["title"],
                    "body": r["body"],
                    "published_at": r.get("published_at").cloned().unwrap_or_default(),
                })
                .to_string()
            })
            .collect();
        std::fs::write(&path, lines.join("\n")).unwrap();
        let articles: Vec<Article> = dongne::extract::extract_paths(
            std::slice::from_ref(&path),
            &dongne::extract::ExtractOptions::default(),
        )
        .map(|a| a.unwrap())
        .collect();
        assert_eq!(articles.len(), records.len());
        let mut hits = 0;
        for (record, article) in records.iter().zip(&articles) {
            let issuer = record["source_org"].as_str().unwrap_or_default();
            let tags = tag(article);
            if tags
                .region_primary
                .as_deref()
                .is_some_and(|p| p.contains(issuer))
            {
                hits += 1;
            } else {
                println!(
                    "miss: {issuer} → {:?}: {}",
                    tags.region_primary, article.title
                );
                for line in &tags.region_evidence {
                    println!("    {line}");
                }
            }
        }
        let share = hits as f64 / records.len() as f64;
        println!(
            "{file}: primary = issuer, text only: {hits}/{} = {share:.3}",
            records.len()
        );
        assert!(share >= bar, "{file}: {share:.3} < {bar}");
    }
}
