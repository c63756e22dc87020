//! Articles from field records (JSON Lines, CSV, spreadsheets): which field is the title,
//! body, date ... by common names in English and Korean (BigKinds exports included),
//! overridable per field with `--field body=article_text`.

use std::str::FromStr;

use super::{Draft, byline, dates};

/// The article fields a record's columns are mapped to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Headline.
    Title,
    /// Body text.
    Body,
    /// Publication date.
    Published,
    /// Update date.
    Updated,
    /// Article URL.
    Url,
    /// Publisher.
    Press,
    /// Reporter(s).
    Reporter,
    /// Issuing body of a press release.
    Issuer,
    /// Section or category.
    Section,
}

impl Field {
    const ALL: [Field; 9] = [
        Field::Title,
        Field::Body,
        Field::Published,
        Field::Updated,
        Field::Url,
        Field::Press,
        Field::Reporter,
        Field::Issuer,
        Field::Section,
    ];

    /// The name used on the command line (`title`, `body`, `date` ...).
    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Body => "body",
            Field::Published => "date",
            Field::Updated => "updated",
            Field::Url => "url",
            Field::Press => "press",
            Field::Reporter => "reporter",
            Field::Issuer => "issuer",
            Field::Section => "section",
        }
    }

    /// Column names recognised for this field (compared case-insensitively).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Title => &["title", "headline", "제목", "기사제목"],
            Field::Body => &[
                "body",
                "text",
                "content",
                "본문",
                "article_body",
                "articlebody",
                "기사본문",
                "내용",
            ],
            Field::Published => &[
                "date",
                "published",
                "published_at",
                "publishedat",
                "datetime",
                "date_published",
                "datepublished",
                "pubdate",
                "일자",
                "날짜",
                "작성일",
                "등록일",
                "발행일",
            ],
            Field::Updated => &[
                "updated",
                "updated_at",
                "modified",
                "modified_at",
                "datemodified",
                "수정일",
            ],
            Field::Url => &["url", "link", "canonical_url", "주소", "링크"],
            Field::Press => &[
                "press",
                "source",
                "publisher",
                "언론사",
                "매체",
                "site_name",
            ],
            Field::Reporter => &[
                "reporter",
                "reporters",
                "author",
                "authors",
                "byline",
                "기고자",
                "기자",
                "작성자",
            ],
            Field::Issuer => &[
                "source_org",
                "issuer",
                "issuing_body",
                "organization",
                "기관",
                "발행기관",
                "부서",
            ],
            Field::Section => &[
                "category",
                "section",
                "통합 분류1",
                "분류",
                "섹션",
                "카테고리",
            ],
        }
    }
}

/// `--field NAME=COLUMN`: read article field `NAME` from column `COLUMN`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldOverride {
    /// The article field.
    pub field: Field,
    /// The column (JSON key, CSV or spreadsheet header) to read it from.
    pub column: String,
}

/// A malformed `--field` option.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "expected FIELD=COLUMN with FIELD one of title, body, date, updated, url, press, reporter, issuer, section; got `{0}`"
)]
pub struct FieldOverrideError(String);

impl FromStr for FieldOverride {
    type Err = FieldOverrideError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let error = || FieldOverrideError(text.to_string());
        let (name, column) = text.split_once('=').ok_or_else(error)?;
        let name = name.trim().to_lowercase();
        let field = Field::ALL
            .into_iter()
            .find(|f| f.name() == name || (name == "published" && *f == Field::Published))
            .ok_or_else(error)?;
        let column = column.trim();
        if column.is_empty() {
            return Err(error());
        }
        Ok(FieldOverride {
            field,
            column: column.to_string(),
        })
    }
}

/// The value of `field` in a record: the overriding column if one is given and present,
/// else the first recognised alias present.
fn lookup<'r>(
    record: &'r [(String, String)],
    field: Field,
    overrides: &[FieldOverride],
) -> Option<&'r str> {
    let by_name = |name: &str| {
        record
            .iter()
            .find(|(key, value)| key.trim().eq_ignore_ascii_case(name) && !value.is_empty())
            .map(|(_, v)| v.as_str())
    };
    let chosen = overrides
        .iter()
        .find(|o| o.field == field)
        .and_then(|o| by_name(&o.column));
    chosen.or_else(|| field.aliases().iter().find_map(|alias| by_name(alias)))
}

/// What a field record says about its article.
pub(crate) fn draft_from_fields(record: &[(String, String)], overrides: &[FieldOverride]) -> Draft {
    let get = |field| lookup(record, field, overrides).map(str::to_string);
    let title = get(Field::Title).unwrap_or_default();
    let body = lookup(record, Field::Body, overrides).unwrap_or_default();
    // Whitespace is collapsed when the lines are cleaned.
    let mut lines: Vec<String> = body
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect();
    // Press-release dumps often repeat the headline as the first body line.
    if !title.is_empty()
        && lines
            .first()
            .is_some_and(|first| first.split_whitespace().eq(title.split_whitespace()))
    {
        lines.remove(0);
    }
    Draft {
        title,
        lines,
        reporters: get(Field::Reporter)
            .map(|r| byline::names_from_author(&r))
            .unwrap_or_default(),
        emails: get(Field::Reporter)
            .map(|r| byline::find_emails(&r))
            .unwrap_or_default(),
        press: get(Field::Press),
        dates: dates::LabelledDates {
            published: get(Field::Published).and_then(|d| dates::parse_datetime(&d)),
            updated: get(Field::Updated).and_then(|d| dates::parse_datetime(&d)),
        },
        url: get(Field::Url),
        section: get(Field::Section),
        issuer: get(Field::Issuer),
        ..Draft::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn maps_aliases_and_overrides() {
        let rec = record(&[
            ("제목", "제목이다"),
            ("article_text", "본문"),
            ("text", "다른 본문"),
            ("일자", "20241108"),
        ]);
        assert_eq!(lookup(&rec, Field::Title, &[]), Some("제목이다"));
        assert_eq!(lookup(&rec, Field::Body, &[]), Some("다른 본문"));
        let over: FieldOverride = "body=article_text".parse().expect("valid override");
        assert_eq!(lookup(&rec, Field::Body, &[over]), Some("본문"));
        assert!("nonsense=x".parse::<FieldOverride>().is_err());
        assert!("body=".parse::<FieldOverride>().is_err());
    }
}
