//! Articles from field records (JSON Lines, CSV, spreadsheets, NewsML items): which field is
//! the title, body, date ... by common names in English and Korean, overridable per field
//! with `--field body=article_text`.
//!
//! BigKinds exports are read exactly: `기고자` goes through the reporter normaliser (desks
//! apart), `인물`/`위치`/`기관` become entity lists, `통합 분류1`–`3` categories, the press
//! code of `뉴스 식별자` names the press when `언론사` is missing, `분석제외 여부` marks the
//! article (it is kept), and a `본문` as long as the export keeps (200 characters) is flagged
//! as truncated.

use std::str::FromStr;

use super::{Draft, byline, dates, press, reporters, scoring};
use crate::article::Entities;

/// The article fields a record's columns are mapped to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Headline.
    Title,
    /// Subheadline.
    Subtitle,
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
    /// Provider of a news feed (NewsML `Provider`): the press when neither a press field
    /// nor a known press code names it, unless it is the distributor itself.
    Provider,
    /// A KPF or BigKinds news id (`01100101.20241108093000001`), whose first eight digits
    /// are the press code.
    NewsId,
    /// Reporter(s).
    Reporter,
    /// Reporters' e-mail addresses.
    Email,
    /// Issuing body of a press release.
    Issuer,
    /// Section or category.
    Section,
    /// Further categories (BigKinds `통합 분류1`–`3`).
    Category,
    /// Dateline place.
    Dateline,
    /// Print page.
    Page,
    /// Print edition.
    Edition,
    /// People named (BigKinds `인물`).
    People,
    /// Places named (BigKinds `위치`).
    Places,
    /// Organisations named (BigKinds `기관`).
    Organizations,
    /// Why the source excludes the article from analysis (BigKinds `분석제외 여부`).
    Excluded,
}

impl Field {
    const ALL: [Field; 21] = [
        Field::Title,
        Field::Subtitle,
        Field::Body,
        Field::Published,
        Field::Updated,
        Field::Url,
        Field::Press,
        Field::Provider,
        Field::NewsId,
        Field::Reporter,
        Field::Email,
        Field::Issuer,
        Field::Section,
        Field::Category,
        Field::Dateline,
        Field::Page,
        Field::Edition,
        Field::People,
        Field::Places,
        Field::Organizations,
        Field::Excluded,
    ];

    /// The name used on the command line (`title`, `body`, `date` ...).
    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Subtitle => "subtitle",
            Field::Body => "body",
            Field::Published => "date",
            Field::Updated => "updated",
            Field::Url => "url",
            Field::Press => "press",
            Field::Provider => "provider",
            Field::NewsId => "news_id",
            Field::Reporter => "reporter",
            Field::Email => "email",
            Field::Issuer => "issuer",
            Field::Section => "section",
            Field::Category => "category",
            Field::Dateline => "dateline",
            Field::Page => "page",
            Field::Edition => "edition",
            Field::People => "people",
            Field::Places => "places",
            Field::Organizations => "organizations",
            Field::Excluded => "excluded",
        }
    }

    /// Column names recognised for this field (compared case-insensitively).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Title => &["title", "headline", "제목", "기사제목"],
            Field::Subtitle => &["subtitle", "subheadline", "부제", "부제목"],
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
            Field::Provider => &["provider", "distributor"],
            Field::NewsId => &["news_id", "뉴스 식별자", "newsitemid"],
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
            Field::Email => &["email", "emails", "e-mail", "이메일"],
            Field::Issuer => &[
                "source_org",
                "issuer",
                "issuing_body",
                "organization",
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
            Field::Category => &["categories", "통합 분류1", "통합 분류2", "통합 분류3"],
            Field::Dateline => &["dateline"],
            Field::Page => &["page", "면", "지면"],
            Field::Edition => &["edition", "판"],
            Field::People => &["people", "persons", "인물"],
            Field::Places => &["places", "locations", "위치"],
            Field::Organizations => &["organizations", "orgs", "기관"],
            Field::Excluded => &["excluded", "분석제외 여부"],
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
    "expected FIELD=COLUMN with FIELD one of title, subtitle, body, date, updated, url, press, provider, news_id, reporter, email, issuer, section, category, dateline, page, edition, people, places, organizations, excluded; got `{0}`"
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
    overridden(record, field, overrides).or_else(|| {
        field
            .aliases()
            .iter()
            .find_map(|alias| by_name(record, alias))
    })
}

/// The value of the column named `name` (case aside), if present and not empty.
fn by_name<'r>(record: &'r [(String, String)], name: &str) -> Option<&'r str> {
    record
        .iter()
        .find(|(key, value)| key.trim().eq_ignore_ascii_case(name) && !value.is_empty())
        .map(|(_, v)| v.as_str())
}

/// The value of the column given for `field` with `--field`, if any and present.
fn overridden<'r>(
    record: &'r [(String, String)],
    field: Field,
    overrides: &[FieldOverride],
) -> Option<&'r str> {
    overrides
        .iter()
        .find(|o| o.field == field)
        .and_then(|o| by_name(record, &o.column))
}

/// The values of every column of `field` in a record (the overriding column alone when
/// it is given and present), in record order.
fn lookup_all<'r>(
    record: &'r [(String, String)],
    field: Field,
    overrides: &[FieldOverride],
) -> Vec<&'r str> {
    if let Some(chosen) = overridden(record, field, overrides) {
        return vec![chosen];
    }
    record
        .iter()
        .filter(|(key, value)| {
            !value.is_empty()
                && field
                    .aliases()
                    .iter()
                    .any(|a| key.trim().eq_ignore_ascii_case(a))
        })
        .map(|(_, value)| value.as_str())
        .collect()
}

/// Columns that only BigKinds exports have.
const BIGKINDS_COLUMNS: [&str; 3] = ["뉴스 식별자", "분석제외 여부", "통합 분류1"];
/// Characters of body BigKinds exports keep; a body this long is taken as cut short.
const BIGKINDS_BODY_CHARS: usize = 200;
/// How many characters short of [`BIGKINDS_BODY_CHARS`] a cut body may be (whitespace
/// trimmed at the cut).
const BIGKINDS_CUT_SLACK: usize = 10;
/// `분석제외 여부` values that mean the article is not excluded.
const NOT_EXCLUDED: [&str; 6] = ["n", "no", "아니오", "0", "false", "-"];

/// What a field record says about its article.
pub(crate) fn draft_from_fields(record: &[(String, String)], overrides: &[FieldOverride]) -> Draft {
    let get = |field| lookup(record, field, overrides).map(str::to_string);
    let all = |field| lookup_all(record, field, overrides);
    let title = get(Field::Title).unwrap_or_default();
    let body = lookup(record, Field::Body, overrides).unwrap_or_default();
    // Whitespace is collapsed when the lines are cleaned; a body in markup (escaped HTML
    // of a NewsML item, an HTML column) is read as a page fragment.
    let mut lines = scoring::text_or_markup_lines(body);
    // Press-release dumps often repeat the headline as the first body line.
    if !title.is_empty()
        && lines
            .first()
            .is_some_and(|first| first.split_whitespace().eq(title.split_whitespace()))
    {
        lines.remove(0);
    }
    let mut credits = reporters::Credits::default();
    let mut emails = Vec::new();
    for value in all(Field::Reporter) {
        credits.merge(reporters::normalize(value));
        emails.extend(byline::find_emails(value));
    }
    for value in all(Field::Email) {
        emails.extend(byline::find_emails(value));
    }
    let bigkinds = record
        .iter()
        .any(|(key, _)| BIGKINDS_COLUMNS.contains(&key.trim()));
    let code = get(Field::NewsId)
        .as_deref()
        .and_then(press::code_of_id)
        .map(str::to_string);
    let press = get(Field::Press)
        .or_else(|| {
            code.as_deref()
                .and_then(press::name_of_code)
                .map(str::to_string)
        })
        .or_else(|| get(Field::Provider).filter(|p| !press::is_distributor(p)))
        .or(code);
    Draft {
        title,
        subtitle: get(Field::Subtitle),
        lines,
        credits,
        emails,
        press,
        dates: dates::LabelledDates {
            published: get(Field::Published).and_then(|d| dates::parse_datetime(&d)),
            updated: get(Field::Updated).and_then(|d| dates::parse_datetime(&d)),
        },
        url: get(Field::Url),
        section: get(Field::Section),
        issuer: get(Field::Issuer),
        dateline: get(Field::Dateline),
        categories: super::dedup(all(Field::Category).into_iter().map(str::to_string)),
        page: get(Field::Page),
        edition: get(Field::Edition),
        entities: Entities {
            people: list_values(&all(Field::People)),
            places: list_values(&all(Field::Places)),
            organizations: list_values(&all(Field::Organizations)),
        },
        truncated: bigkinds
            && body.trim().chars().count() + BIGKINDS_CUT_SLACK >= BIGKINDS_BODY_CHARS,
        excluded: get(Field::Excluded)
            .filter(|v| !NOT_EXCLUDED.contains(&v.trim().to_lowercase().as_str())),
        ..Draft::default()
    }
}

/// The items of list cells (`광양,섬진강`, `홍길동, 김철수`), trimmed and deduplicated.
fn list_values(cells: &[&str]) -> Vec<String> {
    super::dedup(
        cells
            .iter()
            .flat_map(|cell| cell.split([',', '\n', ';', '|']))
            .map(|item| item.trim().to_string()),
    )
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
