//! The `ko` analyzer on realistic Korean text. Needs the built dictionary
//! (`dongne dict build`, done by the README's test command).

mod common;

use dongne::analysis::{Analyzer, AnalyzerOptions, SearchToken, TokenRole};
use unicode_normalization::UnicodeNormalization;

fn analyzer() -> Analyzer {
    common::analyzer().clone()
}

fn texts(tokens: &[SearchToken]) -> Vec<&str> {
    tokens.iter().map(|t| t.text.as_str()).collect()
}

#[test]
fn particles_are_stripped_from_place_names() {
    let tokens = analyzer().tokens("광양시는 광양시에서 광양시를");
    let words = texts(&tokens);
    assert_eq!(
        words.iter().filter(|w| **w == "광양시").count(),
        3,
        "{words:?}"
    );
    assert!(
        !words.iter().any(|w| ["는", "에서", "를"].contains(w)),
        "{words:?}"
    );
}

#[test]
fn compounds_yield_themselves_and_their_parts_at_shared_positions() {
    let tokens = analyzer().tokens("국회의원 선거");
    let compound = tokens
        .iter()
        .find(|t| t.text == "국회의원")
        .expect("compound kept");
    assert_eq!(compound.role, TokenRole::Compound);
    assert_eq!(compound.position_length, 2);
    let parts: Vec<_> = tokens
        .iter()
        .filter(|t| t.role == TokenRole::Part)
        .collect();
    assert_eq!(
        texts(&parts.iter().map(|t| (*t).clone()).collect::<Vec<_>>()),
        ["국회", "의원"]
    );
    assert_eq!(parts[0].position, compound.position);
    assert_eq!(parts[1].position, compound.position + 1);
    let next = tokens.iter().find(|t| t.text == "선거").unwrap();
    assert_eq!(
        next.position,
        compound.position + 2,
        "phrase positions continue after the parts"
    );
    // Offsets of the parts lie inside the compound.
    assert_eq!(
        &"국회의원 선거"[parts[1].byte_start..parts[1].byte_end],
        "의원"
    );
}

#[test]
fn inflected_verbs_yield_their_stems() {
    let tokens = analyzer().tokens("대표단이 선전시를 방문했다");
    let words = texts(&tokens);
    assert!(words.contains(&"방문"), "{words:?}");
    assert!(
        !words.iter().any(|w| w.contains('다')),
        "endings dropped: {words:?}"
    );
}

#[test]
fn nfd_hangul_analyses_like_nfc_with_original_offsets() {
    let nfc = "광양시는 투자환경을 소개했다";
    let nfd: String = nfc.nfd().collect();
    let a = analyzer();
    let from_nfc = a.tokens(nfc);
    let from_nfd = a.tokens(&nfd);
    assert_eq!(texts(&from_nfc), texts(&from_nfd));
    let first = &from_nfd[0];
    assert_eq!(
        nfd[first.byte_start..first.byte_end]
            .nfc()
            .collect::<String>(),
        "광양시"
    );
}

#[test]
fn middle_dot_lists_split_into_words() {
    for text in ["도로ㆍ지반ㆍ수자원", "도로·지반·수자원", "민․관․경제"] {
        let tokens = analyzer().tokens(text);
        assert!(tokens.len() >= 3, "{text}: {:?}", texts(&tokens));
        assert!(
            tokens.iter().all(|t| t.text.chars().count() <= 3),
            "{text}: {:?}",
            texts(&tokens)
        );
    }
}

#[test]
fn numbers_latin_and_hanja_are_kept() {
    let tokens = analyzer().tokens("인구 1,766만 명의 Huawei와 ＩＴ기업, 大公坊 방문");
    let words = texts(&tokens);
    for expected in ["1766", "huawei", "it", "인구"] {
        assert!(
            words.contains(&expected),
            "{expected} missing from {words:?}"
        );
    }
    assert!(
        words.iter().any(|w| w.contains('大')),
        "Hanja kept: {words:?}"
    );
}

#[test]
fn unknown_words_are_never_dropped() {
    let tokens = analyzer().tokens("따궁팡 쀍쀍 방문");
    let covered: String = tokens
        .iter()
        .filter(|t| t.role != TokenRole::Part)
        .map(|t| t.text.clone())
        .collect();
    assert!(covered.contains("쀍"), "{:?}", texts(&tokens));
}

#[test]
fn prefixes_stay_attached_to_their_noun() {
    // `비/XPN 급여/NNG`: dropping the prefix would index the opposite word.
    let tokens = analyzer().tokens("비급여 항목");
    let whole = tokens
        .iter()
        .find(|t| t.text == "비급여")
        .expect("joined prefix");
    assert_eq!(whole.role, TokenRole::Compound);
    let noun = tokens.iter().find(|t| t.text == "급여").unwrap();
    assert_eq!(
        (noun.role, noun.position),
        (TokenRole::Part, whole.position)
    );
}

#[test]
fn user_dictionary_keeps_local_names_whole() {
    let with_user = analyzer();
    let without_user = Analyzer::load(&AnalyzerOptions {
        user_dictionary: None,
        ..common::home().analyzer_options(Vec::new()).unwrap()
    })
    .unwrap();
    let text = "광양매화축제에 다녀왔다";
    let with = with_user.tokens(text);
    let without = without_user.tokens(text);
    assert!(texts(&with).contains(&"광양매화축제"), "{:?}", texts(&with));
    assert!(
        texts(&with).contains(&"매화"),
        "parts of a user compound: {:?}",
        texts(&with)
    );
    assert!(!texts(&without).contains(&"광양매화축제"));
    assert_ne!(with_user.fingerprint(), without_user.fingerprint());
}

#[test]
fn fingerprint_mismatch_is_a_clear_error() {
    let a = analyzer();
    let mut recorded = a.fingerprint().clone();
    a.fingerprint().check_compatible(&recorded).unwrap();
    recorded.dictionary_hash = "0123456789abcdef".into();
    let err = a
        .fingerprint()
        .check_compatible(&recorded)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("0123456789abcdef") && err.contains("Rebuild"),
        "{err}"
    );
}

#[test]
fn tantivy_index_finds_particle_and_compound_variants() {
    use tantivy::collector::Count;
    use tantivy::query::TermQuery;
    use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
    use tantivy::{Index, Term, doc};

    let analyzer = analyzer();
    let mut schema = Schema::builder();
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(dongne::analysis::TOKENIZER_NAME)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let body = schema.add_text_field(
        "body",
        TextOptions::default().set_indexing_options(indexing),
    );
    let index = Index::create_in_ram(schema.build());
    index.tokenizers().register(
        dongne::analysis::TOKENIZER_NAME,
        dongne::analysis::KoTokenizer::new(analyzer),
    );
    let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
    writer
        .add_document(doc!(body => "광양시는 광양환경운동연합과 협약을 체결했다"))
        .unwrap();
    writer.commit().unwrap();
    let searcher = index.reader().unwrap().searcher();
    for word in ["광양시", "광양", "환경", "협약", "체결"] {
        let query = TermQuery::new(Term::from_field_text(body, word), IndexRecordOption::Basic);
        assert_eq!(searcher.search(&query, &Count).unwrap(), 1, "{word}");
    }
}

/// Texts whose words meet every kind of neighbour: spaces, line and tab breaks, a text's
/// start and end, runs of whitespace, sentence ends, quotes, brackets and commas, Latin and
/// numbers, list separators, full-width letters and repeats of every word.
const EOJEOL_TEXTS: &[&str] = &[
    "광양시는 국회의원과 협약을 체결했다. 대표단이 선전시를 방문했고, 비급여 항목과 인구 \
     1,766만 명의 Huawei를 소개했다. 광양시는 다시 협약을 체결했다.",
    "광양시는",
    "  광양시는  협약을\n\n체결했다.\t대표단이 \n 선전시를\r\n방문했다 ",
    "\n광양시는 협약을 체결했다。대표단이、선전시를 방문했다",
    "에듀 테크 박람회가 열렸다. 에듀테크 기업 영치기 영차 소리",
    "도로ㆍ지반ㆍ수자원 분야 ＡＩ 기술을 KOREA 2024에 선보였다.",
    "홍길동 기자 hong@news.example.kr / 기사승인 : 2024-11-08 08:10:20",
    "태풍 ‘하이선’이 북상하자 “새마을부녀회,”는 (군수 김산)는 [속보] 대비했다",
    "",
    " ",
];

#[test]
fn the_eojeol_memo_gives_the_morphemes_of_every_piece_segmented_afresh() {
    let analyzer = analyzer();
    let afresh = analyzer.without_eojeol_memo();
    let mut worker = analyzer.worker();
    // The first round fills the memo, the second reads from it.
    for round in 0..2 {
        for text in EOJEOL_TEXTS {
            assert_eq!(
                worker.morphemes(text),
                afresh.morphemes(text),
                "round {round}: {text:?}"
            );
            let mut memoised = Vec::new();
            worker.tokens(text, &mut memoised);
            assert_eq!(memoised, afresh.tokens(text), "round {round}: {text:?}");
        }
    }
    // A word longer than a memo key is segmented, not remembered, and still agrees.
    let long = "광양시는 협약을 체결했다 ".repeat(1_200) + &"가".repeat(200);
    assert_eq!(worker.morphemes(&long), afresh.morphemes(&long));
}

#[test]
fn a_text_is_segmented_piece_by_piece() {
    // Each piece is segmented as a sentence of its own: the morphemes of a text are those of
    // its pieces, wherever the pieces stand.
    let analyzer = analyzer();
    for text in EOJEOL_TEXTS {
        let mut pieces = Vec::new();
        dongne::analysis::pieces::cut_pieces(text, &mut pieces);
        let mut expected = Vec::new();
        for piece in pieces {
            for mut m in analyzer.morphemes(&text[piece.clone()]) {
                m.byte_start += piece.start;
                m.byte_end += piece.start;
                expected.push(m);
            }
        }
        let found = analyzer.morphemes(text);
        let strip = |ms: &[dongne::analysis::Morpheme]| -> Vec<(String, String, usize, usize)> {
            ms.iter()
                .map(|m| (m.surface.clone(), m.pos.clone(), m.byte_start, m.byte_end))
                .collect()
        };
        // Normalisation may change a surface (full-width letters), never where it is.
        if text.nfc().collect::<String>() == *text && !text.contains('Ａ') {
            assert_eq!(strip(&found), strip(&expected), "{text:?}");
        }
    }
}

#[test]
fn a_word_gives_the_same_tokens_alone_between_words_quoted_and_before_a_comma() {
    let analyzer = analyzer();
    for word in [
        "나주시",
        "하이선",
        "새마을부녀회",
        "라면",
        "고물가로",
        "희망자",
        "듯",
        "김정은",
        "광양매화축제",
    ] {
        let alone: Vec<String> = analyzer.tokens(word).into_iter().map(|t| t.text).collect();
        for (before, after) in [
            ("혁신도시 ", " 주민"),
            ("\n", "\n"),
            ("‘", "’이"),
            ("“", "”라며"),
            ("(", ")는"),
            ("", ","),
            ("[", "]"),
        ] {
            let text = format!("{before}{word}{after}");
            let inside: Vec<String> = analyzer
                .tokens(&text)
                .into_iter()
                .filter(|t| t.byte_start >= before.len() && t.byte_end <= before.len() + word.len())
                .map(|t| t.text)
                .collect();
            assert_eq!(inside, alone, "{word} in {text:?}");
        }
    }
}

#[test]
fn the_eojeol_memo_agrees_with_segmenting_afresh_on_the_national_dailies() {
    let Some(text) = common::shared_corpus("national-dailies-2019.jsonl") else {
        return;
    };
    let analyzer = analyzer();
    let afresh = analyzer.without_eojeol_memo();
    // Two workers take the articles in turns, as in a pipeline.
    let mut memos = [analyzer.worker(), analyzer.worker()];
    let mut plain = afresh.worker();
    let mut texts = 0;
    for (n, line) in text.lines().take(1_500).enumerate() {
        let record: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        for field in ["title", "body"] {
            let text = record[field].as_str().unwrap_or_default();
            let memo = &mut memos[n % 2];
            assert_eq!(memo.morphemes(text), plain.morphemes(text), "{text}");
            texts += 1;
        }
    }
    eprintln!("{texts} texts segmented alike");
}

#[test]
fn municipality_names_analyse_whole_even_on_their_own() {
    // mecab-ko-dic alone splits a bare `나주시` into `나/NP 주/VV 시/EP`; the gazetteer's
    // names in the user dictionary keep it whole, with its stem as a part.
    let a = analyzer();
    for (text, whole, stem) in [
        ("나주시", "나주시", "나주"),
        ("고흥군은", "고흥군", "고흥"),
        ("해운대구에", "해운대구", "해운대"),
    ] {
        let tokens = a.tokens(text);
        assert!(
            texts(&tokens).contains(&whole),
            "{text}: {:?}",
            texts(&tokens)
        );
        assert!(
            texts(&tokens).contains(&stem),
            "{text}: {:?}",
            texts(&tokens)
        );
    }
    // Longer dictionary words that contain a name are not broken up.
    assert_eq!(texts(&a.tokens("남구로역"))[0], "남구로역");
}

/// Every token of a tantivy token stream: text, offsets, position, position length.
fn streamed(
    tokenizer: &mut dongne::analysis::KoTokenizer,
    text: &str,
) -> Vec<(String, usize, usize, usize, usize)> {
    use tantivy::tokenizer::{TokenStream, Tokenizer};
    let mut stream = tokenizer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        let t = stream.token();
        out.push((
            t.text.clone(),
            t.offset_from,
            t.offset_to,
            t.position,
            t.position_length,
        ));
    }
    out
}

/// The analyzer's tokens of `text` as [`streamed`] gives them.
fn as_streamed(analyzer: &Analyzer, text: &str) -> Vec<(String, usize, usize, usize, usize)> {
    analyzer
        .tokens(text)
        .into_iter()
        .map(|t| {
            (
                t.text,
                t.byte_start,
                t.byte_end,
                t.position,
                t.position_length,
            )
        })
        .collect()
}

#[test]
fn tokenizer_streams_the_analyzer_tokens() {
    let analyzer = analyzer();
    let text = "광양시의회는 국회의원 선거를 앞두고 비급여 항목 1,766건을 공개했다.";
    let expected = as_streamed(&analyzer, text);
    let mut tokenizer = dongne::analysis::KoTokenizer::new(analyzer);
    assert_eq!(streamed(&mut tokenizer, text), expected);
    // The tokenizer is reused across texts.
    assert_eq!(streamed(&mut tokenizer, text), expected);
    assert!(streamed(&mut tokenizer, "").is_empty());
}

#[test]
fn tokenizer_takes_tokens_left_for_the_very_text_only() {
    use dongne::analysis::{KoTokenizer, PackedTokens, TokenHandoff};
    use std::sync::Arc;
    let analyzer = analyzer();
    let handoff = Arc::new(TokenHandoff::default());
    let mut tokenizer = KoTokenizer::with_handoff(analyzer.clone(), Arc::clone(&handoff));
    let text = String::from("나주시는 혁신도시에서 축제를 연다");
    // Tokens left for this text are streamed instead of analysing it: left tokens of
    // another text show that they, not a new analysis, were used.
    let mut left = PackedTokens::default();
    analyzer.worker().tokens("순천만 정원", &mut left);
    assert!(handoff.leave(&text, left.clone()));
    assert!(!handoff.leave(&text, left), "one entry per text");
    let other = as_streamed(&analyzer, "순천만 정원");
    assert_eq!(streamed(&mut tokenizer, &text), other);
    // They are taken once: the same text again, or an equal text elsewhere in memory, is
    // analysed.
    let analysed = as_streamed(&analyzer, &text);
    assert_eq!(streamed(&mut tokenizer, &text), analysed);
    assert!(handoff.leave(&text, PackedTokens::default()));
    let copy = text.clone();
    assert_eq!(streamed(&mut tokenizer, &copy), analysed);
    // Tokens taken back are gone; an empty text is never handed off.
    handoff.take(&text);
    assert!(handoff.take(&text).is_none());
    assert!(!handoff.leave("", PackedTokens::default()));
}
