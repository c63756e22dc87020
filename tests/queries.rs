//! Queries as readers type them, on invented articles: a word reads the same alone and in
//! an article, quotes and brackets change nothing, plain words are ranked rather than all
//! required, spacing and particles do not matter, zero results are explained, synonyms
//! widen a word, and pasted text is never a syntax error. Needs the built dictionary.

mod common;

use std::sync::OnceLock;

use dongne::article::Article;
use dongne::article::RegionTags;
use dongne::search::explain::FilterChange;
use dongne::search::{self, FilterArgs, SearchIndex, SearchRequest, SearchResults, Synonyms};
use tempfile::TempDir;

fn article(n: u32, title: &str, body: &str, region: Option<&str>) -> Article {
    Article {
        title: title.into(),
        body: body.into(),
        url: Some(format!("https://news.example/{n}")),
        press: Some("가온일보".into()),
        regions: region.map(|path| RegionTags {
            region_primary: Some(path.into()),
            regions_mentioned: vec![path.into()],
            region_evidence: Vec::new(),
        }),
        ..Article::default()
    }
}

fn fixtures() -> Vec<Article> {
    vec![
        article(
            1,
            "주민 설명회 열려",
            "빛가람 혁신도시 나주시 주민들이 모여 대표가 라면 등 간식을 나눴다.",
            Some("/전라남도/나주시"),
        ),
        article(
            2,
            "태풍 북상에 비상",
            "태풍 ‘하이선’이 북상하자 “새마을부녀회,”는 (군수 김산)는 대비를 서둘렀다.",
            None,
        ),
        article(
            3,
            "가온 배 축제 개막",
            "가온시는 올해도 가온 배 축제를 열어 배 농가를 돕는다고 밝혔다.",
            Some("/전라남도/고흥군"),
        ),
        article(
            4,
            "전기요금 인상 검토",
            "한국전력공사는 여름철 전기요금 체계를 다시 검토한다고 밝혔다.",
            None,
        ),
        article(
            5,
            "매화 축제 준비 한창",
            "광양시는 매화 축제를 앞두고 주차장을 늘렸다.",
            Some("/전라남도/광양시"),
        ),
    ]
}

/// The fixture index with a synonym group, built once.
fn index() -> &'static (TempDir, SearchIndex) {
    static INDEX: OnceLock<(TempDir, SearchIndex)> = OnceLock::new();
    INDEX.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        common::index_of(dir.path(), &fixtures());
        let synonyms = Synonyms::parse("# test\n한전\t한국전력공사\t한국전력\n");
        let index = common::open_search(dir.path()).with_synonyms(synonyms);
        (dir, index)
    })
}

fn search(query: &str) -> SearchResults {
    index()
        .1
        .search(&SearchRequest::new(query))
        .unwrap_or_else(|e| panic!("{query}: {e}"))
}

/// Article numbers found, in rank order.
fn found(query: &str) -> Vec<String> {
    search(query)
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

#[test]
fn a_word_typed_alone_finds_it_mid_sentence() {
    // In an article `나주시` follows `혁신도시` and `라면` follows `대표가`; typed alone they
    // give the same tokens.
    assert_eq!(found("나주시"), ["1"]);
    assert_eq!(found("라면"), ["1"]);
    assert_eq!(found("혁신도시 나주시"), ["1"]);
}

#[test]
fn quotes_and_brackets_do_not_change_a_word() {
    assert_eq!(found("하이선"), ["2"]);
    assert_eq!(found("‘하이선’"), ["2"]);
    assert_eq!(found("새마을부녀회"), ["2"]);
    assert_eq!(found("김산"), ["2"]);
}

#[test]
fn plain_words_an_article_lacks_are_not_all_required() {
    let results = search("매화 축제 취소");
    assert_eq!(results.notes.complete, 0);
    assert_eq!(results.notes.not_all_required, ["매화", "축제", "취소"]);
    let first = &results.results[0];
    assert_eq!(first.article.url, "https://news.example/5");
    assert_eq!(first.missing, ["취소"]);
    // The article with every word comes first, those with most of them after it.
    let both = search("매화 축제");
    assert_eq!(both.notes.complete, 1);
    assert!(both.results[0].missing.is_empty());
    assert_eq!(both.results[1].missing, ["매화"]);
    // When a page has every word, nothing is relaxed.
    let page = index()
        .1
        .search(&SearchRequest {
            limit: 1,
            ..SearchRequest::new("매화 축제")
        })
        .unwrap();
    assert!(page.notes.not_all_required.is_empty());
    assert_eq!(page.total, 1);
    // Explicit syntax stays strict.
    assert!(found("매화 AND 취소").is_empty());
    assert!(found("\"매화 취소\"").is_empty());
}

#[test]
fn spacing_and_particles_do_not_matter() {
    // `가온배축제` alone reads 가온 + 배축; the article writes 가온 배 축제.
    let joined = search("가온배축제");
    assert_eq!(found("가온배축제"), ["3"]);
    assert_eq!(joined.notes.read_otherwise, ["가온배축제"]);
    // `가온시` alone reads 가온 + 씨; the article writes 가온시는 (가온 + 시 + 는).
    assert_eq!(found("가온시"), ["3"]);
}

/// The results of `query` filtered to 광양시.
fn in_gwangyang(query: &str) -> search::SearchResults {
    let filters = search::resolve_filters(
        &FilterArgs {
            regions: vec!["광양시".into()],
            ..FilterArgs::default()
        },
        common::gazetteer(),
    )
    .unwrap();
    index()
        .1
        .search(&SearchRequest {
            filters,
            ..SearchRequest::new(query)
        })
        .unwrap()
}

#[test]
fn zero_results_say_why() {
    let results = in_gwangyang("축졔 배");
    assert!(results.results.is_empty());
    let explanation = results.notes.explanation.expect("an explanation");
    let misspelt = &explanation.words[0];
    assert_eq!((misspelt.text.as_str(), misspelt.articles), ("축졔", 0));
    assert!(
        misspelt.suggestions.contains(&"축제".to_string()),
        "{misspelt:?}"
    );
    assert_eq!(explanation.words[1].articles, 1);
    // Nothing in 광양시 or 전라남도, since 축졔 is nowhere; the counts say so per change.
    assert!(explanation.filters.iter().any(|f| matches!(
        &f.change,
        FilterChange::WiderRegions(paths) if paths.iter().any(|p| p == "/전라남도")
    )));
    assert!(
        explanation.filters.iter().all(|f| f.articles == 0),
        "{explanation:?}"
    );
    // A word the articles have, filtered where they are not: the filter gets the blame.
    let filtered = in_gwangyang("하이선");
    let explanation = filtered.notes.explanation.expect("an explanation");
    let without = explanation
        .filters
        .iter()
        .find(|f| f.change == FilterChange::NoFilters)
        .expect("a count without filters");
    assert_eq!(without.articles, 1);
}

#[test]
fn initial_consonants_suggest_words() {
    let results = search("ㄱㅇㅅ");
    let explanation = results.notes.explanation.expect("an explanation");
    assert!(
        explanation.words[0]
            .suggestions
            .contains(&"광양시".to_string()),
        "{explanation:?}"
    );
}

#[test]
fn synonyms_widen_a_word_and_say_so() {
    let results = search("한전");
    assert_eq!(found("한전"), ["4"]);
    assert_eq!(results.notes.synonyms.len(), 1);
    assert_eq!(results.notes.synonyms[0].word, "한전");
    assert_eq!(results.notes.synonyms[0].also, ["한국전력공사", "한국전력"]);
    // With its particle, too.
    assert_eq!(found("한전이"), ["4"]);
}

#[test]
fn pasted_text_with_syntax_characters_is_read_as_plain_words() {
    for pasted in [
        "[속보] 가온시, \"가온 배 축제 - 개막",
        "태풍 - ‘하이선’ 북상 (2보",
        "AND 매화 축제 OR",
    ] {
        let results = search(pasted);
        assert!(
            results.notes.read_as_plain_words.is_some(),
            "{pasted}: {:?}",
            results.notes
        );
        assert!(!results.results.is_empty(), "{pasted}");
    }
    assert_eq!(found("[속보] 가온시, \"가온 배 축제 - 개막")[0], "3");
    assert_eq!(found("태풍 - ‘하이선’ 북상 (2보")[0], "2");
}
