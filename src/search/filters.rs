//! Filters next to the query: regions (hierarchical facets), a date range, reporters and
//! publishers. They restrict the hits without changing their scores.

use std::ops::Bound as RangeBound;

use chrono::{DateTime, NaiveDate, Utc};
use tantivy::Term;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Facet, Field, IndexRecordOption};
use unicode_normalization::UnicodeNormalization;

use super::SearchError;
use super::dates::{Bound, parse_bound};
use crate::index::schema::Fields;

/// Filters as typed on the command line.
#[derive(Debug, Clone, Default)]
pub struct FilterArgs {
    /// Region names, short forms, codes or facet paths (any of them matches).
    pub regions: Vec<String>,
    /// Start date (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `7d`, ...).
    pub from: Option<String>,
    /// End date, inclusive.
    pub to: Option<String>,
    /// Reporter names (any of them matches).
    pub reporters: Vec<String>,
    /// Publisher names (any of them matches).
    pub presses: Vec<String>,
}

/// A kind of filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FilterKind {
    /// Regions.
    Region,
    /// The date range.
    Dates,
    /// Reporters.
    Reporter,
    /// Publishers.
    Press,
}

/// Resolved filters.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    /// Region facet paths; an article matches a path or anything below it.
    pub regions: Vec<String>,
    /// Published at or after.
    pub from: Option<DateTime<Utc>>,
    /// Published before.
    pub until: Option<DateTime<Utc>>,
    /// Exact reporter names.
    pub reporters: Vec<String>,
    /// Exact publisher names.
    pub presses: Vec<String>,
}

impl Filters {
    /// Resolves dates against `today` (KST) and region names with `resolve_region`, which
    /// returns the facet paths a name stands for.
    pub fn resolve(
        args: &FilterArgs,
        today: NaiveDate,
        mut resolve_region: impl FnMut(&str) -> Result<Vec<String>, SearchError>,
    ) -> Result<Self, SearchError> {
        let mut regions = Vec::new();
        for name in &args.regions {
            for path in resolve_region(name)? {
                if !regions.contains(&path) {
                    regions.push(path);
                }
            }
        }
        let from = args
            .from
            .as_deref()
            .map(|d| parse_bound(d, Bound::From, today))
            .transpose()?;
        let until = args
            .to
            .as_deref()
            .map(|d| parse_bound(d, Bound::To, today))
            .transpose()?;
        if let (Some(from), Some(until)) = (from, until)
            && from >= until
        {
            return Err(SearchError::EmptyDateRange {
                from: args.from.clone().unwrap_or_default(),
                to: args.to.clone().unwrap_or_default(),
            });
        }
        let names = |values: &[String]| -> Vec<String> {
            values
                .iter()
                .map(|v| v.trim().nfc().collect::<String>())
                .filter(|v| !v.is_empty())
                .collect()
        };
        Ok(Self {
            regions,
            from,
            until,
            reporters: names(&args.reporters),
            presses: names(&args.presses),
        })
    }

    /// The kinds of filter set, in the order [`Filters::queries`] gives them.
    pub fn active(&self) -> Vec<FilterKind> {
        let mut out = Vec::new();
        if !self.regions.is_empty() {
            out.push(FilterKind::Region);
        }
        if self.from.is_some() || self.until.is_some() {
            out.push(FilterKind::Dates);
        }
        if !self.reporters.is_empty() {
            out.push(FilterKind::Reporter);
        }
        if !self.presses.is_empty() {
            out.push(FilterKind::Press);
        }
        out
    }

    /// These filters without those of `kind`.
    pub fn without(&self, kind: FilterKind) -> Self {
        let mut out = self.clone();
        match kind {
            FilterKind::Region => out.regions.clear(),
            FilterKind::Dates => (out.from, out.until) = (None, None),
            FilterKind::Reporter => out.reporters.clear(),
            FilterKind::Press => out.presses.clear(),
        }
        out
    }

    /// These filters with each region path replaced by its parent's (`/전라남도/고흥군` →
    /// `/전라남도`); a top-level region stays.
    pub fn with_wider_regions(&self) -> Self {
        let mut regions: Vec<String> = Vec::new();
        for path in &self.regions {
            let trimmed = path.trim_end_matches('/');
            let parent = match trimmed.rfind('/') {
                Some(0) | None => trimmed,
                Some(at) => &trimmed[..at],
            };
            if !regions.iter().any(|r| r == parent) {
                regions.push(parent.to_string());
            }
        }
        Self {
            regions,
            ..self.clone()
        }
    }

    /// One query per active filter, scoring zero, to be ANDed with the text query.
    pub fn queries(&self, fields: &Fields) -> Vec<Box<dyn Query>> {
        let mut out = Vec::new();
        let facets: Vec<Term> = self
            .regions
            .iter()
            .filter_map(|path| Facet::from_text(path).ok())
            .map(|facet| Term::from_facet(fields.region, &facet))
            .collect();
        if !self.regions.is_empty() {
            // Paths that do not parse as facets match nothing rather than everything.
            out.push(any_of(facets));
        }
        if self.from.is_some() || self.until.is_some() {
            // tantivy counts nanoseconds in an i64 (years 1678 to 2262): bounds beyond that
            // range are moved to its ends, where no article is.
            let term = |t: DateTime<Utc>| {
                let secs = t
                    .timestamp()
                    .clamp(-INDEX_TIME_LIMIT_SECS, INDEX_TIME_LIMIT_SECS);
                Term::from_field_date(
                    fields.published,
                    tantivy::DateTime::from_timestamp_secs(secs),
                )
            };
            let lower = self
                .from
                .map_or(RangeBound::Unbounded, |t| RangeBound::Included(term(t)));
            let upper = self
                .until
                .map_or(RangeBound::Unbounded, |t| RangeBound::Excluded(term(t)));
            out.push(zero_score(Box::new(RangeQuery::new(lower, upper))));
        }
        for (values, field) in [
            (&self.reporters, fields.reporter),
            (&self.presses, fields.press),
        ] {
            if !values.is_empty() {
                out.push(any_of(exact_terms(field, values)));
            }
        }
        out
    }
}

/// Seconds from 1970 that tantivy's nanosecond dates hold either way (about 292 years).
const INDEX_TIME_LIMIT_SECS: i64 = i64::MAX / 1_000_000_000;

fn exact_terms(field: Field, values: &[String]) -> Vec<Term> {
    values
        .iter()
        .map(|v| Term::from_field_text(field, v))
        .collect()
}

/// Matches documents with any of `terms` (none: no document), scoring zero.
fn any_of(terms: Vec<Term>) -> Box<dyn Query> {
    let clauses: Vec<(Occur, Box<dyn Query>)> = terms
        .into_iter()
        .map(|t| {
            (
                Occur::Should,
                Box::new(TermQuery::new(t, IndexRecordOption::Basic)) as Box<dyn Query>,
            )
        })
        .collect();
    zero_score(Box::new(BooleanQuery::new(clauses)))
}

fn zero_score(query: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(query, 0.0))
}
