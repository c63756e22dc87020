//! The query language: a small hand-written lexer and recursive-descent parser.
//!
//! ```text
//! query    := or_expr
//! or_expr  := and_expr ("OR" and_expr)*
//! and_expr := unary (["AND"] unary)*          words side by side are ANDed
//! unary    := "-" unary | [field ":"] primary
//! primary  := WORD | "\"" PHRASE "\"" | "(" or_expr ")"
//! field    := "title" | "body" | "reporter" | "press"
//! ```
//!
//! Whitespace and control characters separate words. A `-` only excludes at the start of a
//! word (`코로나-19` is one word). `OR` and `AND` are keywords only in capitals. A field
//! prefix applies to everything inside the word, phrase or group that follows it; an unknown
//! one (`author:`) is an error, while a colon after digits (`10:30`) or in a URL is text.
//! Errors carry the byte offset they were found at, for a caret under the query.

use std::ops::Range;

use unicode_width::UnicodeWidthStr;

/// The query language, for `--help` (the README has the same list).
pub const QUERY_HELP: &str = "\
Query language:
  광양 매화          both words (words side by side are ANDed; `AND` may be written)
  광양 OR 순천       either word (OR binds looser than AND: `a b OR c` is `(a b) OR c`)
  축제 -광양         exclude a word (also -\"phrase\", -(group), -title:word)
  \"매화 축제\"        an exact phrase: the words in order, next to each other
  title:광양         only in headlines (body: only in bodies)
  reporter:홍길동    exact reporter name; press:광양신문 exact publisher (quote names with spaces)
  (광양 OR 순천) 축제  parentheses group; a prefix applies to a group: title:(광양 OR 순천)
Words are analysed like the articles: particles and endings are dropped (광양시에서 finds
광양시), a part finds its compounds (광양 finds 광양시), a prefixed noun stays whole (비급여
does not find plain 급여). Title matches rank higher. An empty query (\"\") lists everything
that passes the filters.";

/// Deepest nesting of parentheses and exclusions accepted (bounds recursion).
pub const MAX_DEPTH: usize = 32;
/// Longest query accepted, in bytes.
pub const MAX_QUERY_BYTES: usize = 64 * 1024;

/// Which field a word or phrase is restricted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryField {
    /// The headline only (`title:`).
    Title,
    /// The body only (`body:`).
    Body,
    /// An exact reporter name (`reporter:`).
    Reporter,
    /// An exact publisher name (`press:`).
    Press,
}

impl QueryField {
    fn from_prefix(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().as_str() {
            "title" => Some(Self::Title),
            "body" => Some(Self::Body),
            "reporter" => Some(Self::Reporter),
            "press" => Some(Self::Press),
            _ => None,
        }
    }
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// One word as typed; the analyzer decides which tokens it becomes.
    Word {
        /// Field restriction, `None` for title and body.
        field: Option<QueryField>,
        /// The word.
        text: String,
        /// Byte range in the query.
        span: Range<usize>,
    },
    /// A quoted phrase: its tokens must appear in order, next to each other.
    Phrase {
        /// Field restriction, `None` for title and body.
        field: Option<QueryField>,
        /// The text between the quotes.
        text: String,
        /// Byte range in the query, quotes included.
        span: Range<usize>,
    },
    /// Every child must match (an empty list matches everything).
    And(Vec<Node>),
    /// At least one child must match.
    Or(Vec<Node>),
    /// The child must not match.
    Not(Box<Node>),
}

/// A query that does not parse, with the byte offset of the problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", render_syntax_error(.query, .offset, .reason))]
pub struct SyntaxError {
    /// What is wrong, for people.
    pub reason: String,
    /// The query as given.
    pub query: String,
    /// Byte offset of the problem in `query`.
    pub offset: usize,
}

impl SyntaxError {
    /// Column (1-based, in characters) of the problem.
    pub fn column(&self) -> usize {
        self.query
            .get(..self.offset)
            .map_or(0, |before| before.chars().count())
            + 1
    }
}

/// `bad query syntax at column N: reason`, then the query and a caret under the problem.
fn render_syntax_error(query: &str, offset: &usize, reason: &str) -> String {
    let shown: String = query
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let before = query.get(..*offset).unwrap_or(query);
    let column = before.chars().count() + 1;
    let pad = UnicodeWidthStr::width(before);
    format!(
        "bad query syntax at column {column}: {reason}\n  {shown}\n  {}^",
        " ".repeat(pad)
    )
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    LParen,
    RParen,
    Or,
    And,
    Minus,
    Field(QueryField),
    Word(String),
    Phrase(String),
}

#[derive(Debug)]
struct Lexeme {
    tok: Tok,
    span: Range<usize>,
}

fn is_separator(c: char) -> bool {
    c.is_whitespace() || c.is_control()
}

fn ends_word(c: char) -> bool {
    is_separator(c) || matches!(c, '(' | ')' | '"')
}

fn lex(query: &str) -> Result<Vec<Lexeme>, SyntaxError> {
    let error = |offset: usize, reason: &str| SyntaxError {
        reason: reason.to_string(),
        query: query.to_string(),
        offset,
    };
    let mut out = Vec::new();
    let mut chars = query.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if is_separator(c) {
            chars.next();
            continue;
        }
        let single = |tok| Lexeme {
            tok,
            span: start..start + c.len_utf8(),
        };
        match c {
            '(' => {
                chars.next();
                out.push(single(Tok::LParen));
            }
            ')' => {
                chars.next();
                out.push(single(Tok::RParen));
            }
            '"' => {
                chars.next();
                let body_start = start + 1;
                let Some(close) = query[body_start..].find('"') else {
                    return Err(error(start, "this quote is never closed"));
                };
                let end = body_start + close;
                out.push(Lexeme {
                    tok: Tok::Phrase(query[body_start..end].to_string()),
                    span: start..end + 1,
                });
                while chars.peek().is_some_and(|&(i, _)| i <= end) {
                    chars.next();
                }
            }
            '-' => {
                chars.next();
                match chars.peek() {
                    Some(&(_, next)) if !is_separator(next) && next != ')' => {
                        out.push(single(Tok::Minus));
                    }
                    _ => {
                        return Err(error(
                            start,
                            "`-` must be followed directly by a word, phrase or group to exclude",
                        ));
                    }
                }
            }
            _ => {
                let mut end = start;
                let mut prefix = false;
                while let Some(&(i, c)) = chars.peek() {
                    if ends_word(c) {
                        break;
                    }
                    end = i + c.len_utf8();
                    chars.next();
                    // A known field name followed by `:` is a prefix; the rest is lexed anew.
                    if c == ':' {
                        let name = &query[start..i];
                        if let Some(field) = QueryField::from_prefix(name) {
                            out.push(Lexeme {
                                tok: Tok::Field(field),
                                span: start..end,
                            });
                            prefix = true;
                            break;
                        }
                        if looks_like_field(name, &query[end..]) {
                            return Err(error(start, &unknown_field(name)));
                        }
                    }
                }
                if prefix {
                    continue;
                }
                let word = &query[start..end];
                let tok = match word {
                    "OR" => Tok::Or,
                    "AND" => Tok::And,
                    _ => Tok::Word(word.to_string()),
                };
                out.push(Lexeme {
                    tok,
                    span: start..end,
                });
            }
        }
    }
    Ok(out)
}

/// Whether `name:` before `rest` is meant as a field prefix: a name of Latin letters (not a
/// time like `10:30`, not the scheme of a URL).
fn looks_like_field(name: &str, rest: &str) -> bool {
    name.len() >= 2 && name.bytes().all(|b| b.is_ascii_alphabetic()) && !rest.starts_with("//")
}

fn unknown_field(name: &str) -> String {
    format!(
        "unknown field `{name}`: the fields are title, body, reporter, press (quote a word with \
         a colon to search it as text)"
    )
}

struct Parser<'q> {
    query: &'q str,
    lexemes: Vec<Lexeme>,
    next: usize,
}

/// Parses a query. A blank query parses to an empty [`Node::And`] (everything matches).
pub fn parse(query: &str) -> Result<Node, SyntaxError> {
    if query.len() > MAX_QUERY_BYTES {
        return Err(SyntaxError {
            reason: format!("the query is longer than {MAX_QUERY_BYTES} bytes"),
            query: query.chars().take(80).collect(),
            offset: 0,
        });
    }
    let mut parser = Parser {
        query,
        lexemes: lex(query)?,
        next: 0,
    };
    let node = parser.or_expr(0)?;
    if let Some(extra) = parser.lexemes.get(parser.next) {
        // or_expr only stops early at a `)` without its `(`.
        return Err(parser.error(extra.span.start, "this `)` has no matching `(`"));
    }
    Ok(node)
}

impl Parser<'_> {
    fn error(&self, offset: usize, reason: &str) -> SyntaxError {
        SyntaxError {
            reason: reason.to_string(),
            query: self.query.to_string(),
            offset,
        }
    }

    fn peek(&self) -> Option<&Lexeme> {
        self.lexemes.get(self.next)
    }

    fn end_offset(&self) -> usize {
        self.query.len()
    }

    fn check_depth(&self, depth: usize, offset: usize) -> Result<(), SyntaxError> {
        if depth > MAX_DEPTH {
            Err(self.error(
                offset,
                &format!("groups and exclusions nest more than {MAX_DEPTH} deep"),
            ))
        } else {
            Ok(())
        }
    }

    fn or_expr(&mut self, depth: usize) -> Result<Node, SyntaxError> {
        let mut alternatives = vec![self.and_expr(depth)?];
        while let Some(Lexeme { tok: Tok::Or, span }) = self.peek() {
            let at = span.start;
            if alternatives.last() == Some(&Node::And(Vec::new())) {
                return Err(self.error(at, "`OR` needs something to search on its left"));
            }
            self.next += 1;
            let right = self.and_expr(depth)?;
            if right == Node::And(Vec::new()) {
                return Err(self.error(at, "`OR` needs something to search on its right"));
            }
            alternatives.push(right);
        }
        Ok(if alternatives.len() == 1 {
            alternatives.pop().unwrap_or(Node::And(Vec::new()))
        } else {
            Node::Or(alternatives)
        })
    }

    fn and_expr(&mut self, depth: usize) -> Result<Node, SyntaxError> {
        let mut items = Vec::new();
        while let Some(lexeme) = self.peek() {
            match lexeme.tok {
                Tok::Or | Tok::RParen => break,
                Tok::And => {
                    let at = lexeme.span.start;
                    self.next += 1;
                    let right_missing = self
                        .peek()
                        .is_none_or(|l| matches!(l.tok, Tok::Or | Tok::And | Tok::RParen));
                    if items.is_empty() || right_missing {
                        return Err(self.error(at, "`AND` needs something to search on both sides"));
                    }
                }
                _ => items.push(self.unary(depth)?),
            }
        }
        Ok(if items.len() == 1 {
            items.pop().unwrap_or(Node::And(Vec::new()))
        } else {
            Node::And(items)
        })
    }

    fn unary(&mut self, depth: usize) -> Result<Node, SyntaxError> {
        let Some(lexeme) = self.peek() else {
            return Err(self.error(self.end_offset(), "the query ends too early"));
        };
        match lexeme.tok {
            Tok::Minus => {
                let at = lexeme.span.start;
                self.check_depth(depth + 1, at)?;
                self.next += 1;
                Ok(Node::Not(Box::new(self.unary(depth + 1)?)))
            }
            Tok::Field(field) => {
                let at = lexeme.span.start;
                self.next += 1;
                if self
                    .peek()
                    .is_none_or(|l| !matches!(l.tok, Tok::Word(_) | Tok::Phrase(_) | Tok::LParen))
                {
                    return Err(self.error(
                        at,
                        "a field prefix must be followed by a word, a phrase or a group",
                    ));
                }
                let mut node = self.primary(depth)?;
                set_field(&mut node, field);
                Ok(node)
            }
            _ => self.primary(depth),
        }
    }

    fn primary(&mut self, depth: usize) -> Result<Node, SyntaxError> {
        let Some(lexeme) = self.lexemes.get(self.next) else {
            return Err(self.error(self.end_offset(), "the query ends too early"));
        };
        let span = lexeme.span.clone();
        match &lexeme.tok {
            Tok::Word(text) => {
                let text = text.clone();
                self.next += 1;
                Ok(Node::Word {
                    field: None,
                    text,
                    span,
                })
            }
            Tok::Phrase(text) => {
                let text = text.clone();
                self.next += 1;
                Ok(Node::Phrase {
                    field: None,
                    text,
                    span,
                })
            }
            Tok::LParen => {
                self.check_depth(depth + 1, span.start)?;
                self.next += 1;
                let inner = self.or_expr(depth + 1)?;
                match self.peek() {
                    Some(Lexeme {
                        tok: Tok::RParen, ..
                    }) => {
                        self.next += 1;
                        if inner == Node::And(Vec::new()) {
                            return Err(self.error(span.start, "these parentheses are empty"));
                        }
                        Ok(inner)
                    }
                    _ => Err(self.error(span.start, "this `(` is never closed")),
                }
            }
            Tok::RParen => Err(self.error(span.start, "this `)` has no matching `(`")),
            Tok::Or | Tok::And => Err(self.error(
                span.start,
                "`OR`/`AND` needs something to search on both sides",
            )),
            Tok::Minus | Tok::Field(_) => {
                Err(self.error(span.start, "expected a word, a phrase or a group here"))
            }
        }
    }
}

/// A query as search reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadQuery {
    /// The parsed query, or its plain words when it does not parse.
    pub node: Node,
    /// Why the query was read as plain words, when it does not parse.
    pub not_parsed: Option<SyntaxError>,
    /// Whether `AND` is written: then every word is required.
    pub explicit_and: bool,
}

/// Reads `query`: parsed when it parses; otherwise (pasted text such as `트럼프 - 김정은` or
/// `"도주 우려”`) as plain words, with the syntax characters `"`, `(`, `)` and a lone `-`
/// removed, and the reason kept for the reader. An over-long query, or one of nothing but
/// syntax, is an error.
pub fn read(query: &str) -> Result<ReadQuery, SyntaxError> {
    match parse(query) {
        Ok(node) => Ok(ReadQuery {
            node,
            not_parsed: None,
            explicit_and: lex(query).is_ok_and(|lexemes| lexemes.iter().any(|l| l.tok == Tok::And)),
        }),
        Err(err) if query.len() > MAX_QUERY_BYTES => Err(err),
        Err(err) => match plain_words(query) {
            // Nothing but syntax (`-`, `(((`): there is nothing to read as words.
            Node::And(words) if words.is_empty() => Err(err),
            node => Ok(ReadQuery {
                node,
                not_parsed: Some(err),
                explicit_and: false,
            }),
        },
    }
}

/// The words of `query` as text, without syntax.
fn plain_words(query: &str) -> Node {
    let mut words = Vec::new();
    let mut rest = query;
    while let Some(start) = rest.find(|c: char| !is_separator(c)) {
        let word_start = query.len() - rest.len() + start;
        let len = rest[start..]
            .find(is_separator)
            .unwrap_or(rest.len() - start);
        let word = &query[word_start..word_start + len];
        rest = &query[word_start + len..];
        let text: String = word
            .chars()
            .filter(|c| !matches!(c, '"' | '(' | ')'))
            .collect();
        if text.chars().any(|c| c != '-') {
            words.push(Node::Word {
                field: None,
                text,
                span: word_start..word_start + len,
            });
        }
    }
    if words.len() == 1 {
        words.pop().unwrap_or(Node::And(Vec::new()))
    } else {
        Node::And(words)
    }
}

/// Applies a field prefix to every word and phrase below `node` that has none of its own.
fn set_field(node: &mut Node, to: QueryField) {
    match node {
        Node::Word { field, .. } | Node::Phrase { field, .. } => {
            field.get_or_insert(to);
        }
        Node::And(children) | Node::Or(children) => {
            children.iter_mut().for_each(|c| set_field(c, to));
        }
        Node::Not(child) => set_field(child, to),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str) -> Node {
        Node::Word {
            field: None,
            text: text.into(),
            span: 0..0,
        }
    }

    /// The tree with spans cleared, for comparisons.
    fn shape(node: Node) -> Node {
        match node {
            Node::Word { field, text, .. } => Node::Word {
                field,
                text,
                span: 0..0,
            },
            Node::Phrase { field, text, .. } => Node::Phrase {
                field,
                text,
                span: 0..0,
            },
            Node::And(c) => Node::And(c.into_iter().map(shape).collect()),
            Node::Or(c) => Node::Or(c.into_iter().map(shape).collect()),
            Node::Not(c) => Node::Not(Box::new(shape(*c))),
        }
    }

    fn parsed(query: &str) -> Node {
        shape(parse(query).unwrap_or_else(|e| panic!("{query}: {e}")))
    }

    fn error(query: &str) -> SyntaxError {
        parse(query).expect_err(query)
    }

    #[test]
    fn words_are_anded_and_or_binds_looser() {
        assert_eq!(
            parsed("광양 매화"),
            Node::And(vec![word("광양"), word("매화")])
        );
        assert_eq!(
            parsed("광양 매화 OR 순천"),
            Node::Or(vec![
                Node::And(vec![word("광양"), word("매화")]),
                word("순천")
            ])
        );
        assert_eq!(parsed("광양 AND 매화"), parsed("광양 매화"));
        assert_eq!(parsed("or"), word("or"), "keywords only in capitals");
    }

    #[test]
    fn exclusions_phrases_fields_and_groups() {
        assert_eq!(
            parsed("축제 -광양"),
            Node::And(vec![word("축제"), Node::Not(Box::new(word("광양")))])
        );
        assert_eq!(parsed("코로나-19"), word("코로나-19"));
        assert_eq!(
            parsed("\"매화 축제\""),
            Node::Phrase {
                field: None,
                text: "매화 축제".into(),
                span: 0..0
            }
        );
        assert_eq!(
            parsed("title:(광양 OR 순천) reporter:홍길동"),
            Node::And(vec![
                Node::Or(vec![
                    Node::Word {
                        field: Some(QueryField::Title),
                        text: "광양".into(),
                        span: 0..0
                    },
                    Node::Word {
                        field: Some(QueryField::Title),
                        text: "순천".into(),
                        span: 0..0
                    },
                ]),
                Node::Word {
                    field: Some(QueryField::Reporter),
                    text: "홍길동".into(),
                    span: 0..0
                },
            ])
        );
        assert_eq!(
            parsed("-title:\"매화 축제\""),
            Node::Not(Box::new(Node::Phrase {
                field: Some(QueryField::Title),
                text: "매화 축제".into(),
                span: 0..0
            }))
        );
        assert_eq!(parsed("10:30"), word("10:30"), "a time is text");
        assert_eq!(
            parsed("https://a.kr/1"),
            word("https://a.kr/1"),
            "so is a URL"
        );
        assert_eq!(
            parsed("\"author:홍길동\""),
            Node::Phrase {
                field: None,
                text: "author:홍길동".into(),
                span: 0..0
            }
        );
    }

    #[test]
    fn spans_point_into_the_query() {
        let query = "광양 \"매화 축제\"";
        let Node::And(items) = parse(query).unwrap() else {
            panic!()
        };
        let Node::Phrase { span, .. } = &items[1] else {
            panic!()
        };
        assert_eq!(&query[span.clone()], "\"매화 축제\"");
    }

    #[test]
    fn blank_queries_match_everything() {
        assert_eq!(parsed(""), Node::And(vec![]));
        assert_eq!(parsed(" \t\u{1}\n"), Node::And(vec![]));
    }

    #[test]
    fn errors_point_at_the_problem() {
        let e = error("광양 \"매화 축제");
        assert_eq!((e.offset, e.column()), (7, 4));
        let shown = e.to_string();
        assert!(shown.contains("never closed"), "{shown}");
        // 광양 is two wide characters: the caret sits under the quote, 5 columns in.
        assert!(shown.ends_with("\n       ^"), "{shown:?}");

        assert!(error("(광양 매화").reason.contains("never closed"));
        assert_eq!(error("광양 매화)").offset, "광양 매화".len());
        assert_eq!(error("광양 - 매화").offset, "광양 ".len());
        assert!(error("광양 -").reason.contains("`-`"));
        assert!(error("OR 광양").reason.contains("left"));
        assert!(error("광양 OR").reason.contains("right"));
        assert!(error("광양 OR OR 매화").reason.contains("right"));
        assert!(error("()").reason.contains("empty"));
        assert!(error("title:").reason.contains("field prefix"));
        assert!(error("title: OR 광양").reason.contains("field prefix"));
        assert!(error("AND 광양").reason.contains("AND"));
        let e = error("광양 author:홍길동");
        assert_eq!(e.offset, "광양 ".len());
        assert!(e.reason.contains("unknown field `author`"), "{}", e.reason);
    }

    #[test]
    fn pasted_text_that_does_not_parse_is_read_as_plain_words() {
        for (pasted, words) in [
            (
                "[Car리뷰천車만별]⑥ 테슬라 모델3, 지금 사도 돼? - 2부",
                vec![
                    "[Car리뷰천車만별]⑥",
                    "테슬라",
                    "모델3,",
                    "지금",
                    "사도",
                    "돼?",
                    "2부",
                ],
            ),
            ("\"도주 우려있다” (속보", vec!["도주", "우려있다”", "속보"]),
            ("트럼프 - 김정은 AND", vec!["트럼프", "김정은", "AND"]),
        ] {
            let read = read(pasted).unwrap();
            assert!(read.not_parsed.is_some(), "{pasted}");
            let Node::And(items) = shape(read.node) else {
                panic!("{pasted}")
            };
            assert_eq!(items, words.into_iter().map(word).collect::<Vec<_>>());
        }
        let strict = read("\"매화 축제\" -광양").unwrap();
        assert_eq!(strict.not_parsed, None);
        assert!(!strict.explicit_and);
        assert!(read("광양 AND 매화").unwrap().explicit_and);
        assert!(read(&"가 ".repeat(30_000)).is_err());
        assert!(
            read("-").is_err() && read("(((").is_err(),
            "nothing but syntax"
        );
    }

    #[test]
    fn hostile_input_is_bounded() {
        let deep = "(".repeat(10_000);
        assert!(error(&deep).reason.contains("nest"));
        let negations = "-".repeat(100) + "광양";
        assert!(error(&negations).reason.contains("nest"));
        let many = vec!["광양"; 1000].join(" OR ");
        let Node::Or(items) = parsed(&many) else {
            panic!()
        };
        assert_eq!(items.len(), 1000);
        let long = "가".repeat(10 * 1024 / 3);
        assert_eq!(parsed(&long), word(&long));
        assert!(error(&"가 ".repeat(30_000)).reason.contains("longer"));
        assert_eq!(parsed("\u{0}광양\u{7}"), word("광양"));
        assert!(parse("\"\"").is_ok());
    }
}
