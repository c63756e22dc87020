//! The parameters of the page and the API, named like the command line's options: `q`,
//! `region` (repeatable), `from`, `to`, `press`, `reporter`, `sort`, `limit`, `offset`,
//! `by`. A search is a link: the same parameters give the same results on `/` and on
//! `/api/search`.

use serde::{Deserialize, Serialize};

use super::error::ServeError;
use crate::regions::Gazetteer;
use crate::search::{
    FacetKind, FilterArgs, Filters, Interval, SearchRequest, SortOrder, resolve_filters,
};

/// Longest query accepted, in bytes.
pub const MAX_QUERY_BYTES: usize = 2048;
/// Most results on one page.
pub const MAX_LIMIT: usize = 100;
/// Results on a page when none is asked for.
pub const DEFAULT_LIMIT: usize = 10;
/// Most results an export holds.
pub const MAX_EXPORT: usize = 10_000;
/// Most values of one filter.
const MAX_VALUES: usize = 20;

/// Result order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Best match first.
    #[default]
    Relevance,
    /// Most recent first.
    Newest,
    /// Earliest first.
    Oldest,
}

/// Length of a trend period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum By {
    /// Days.
    Day,
    /// ISO weeks.
    Week,
    /// Months.
    #[default]
    Month,
}

/// The parameters of a search, as the URL carries them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Params {
    /// The query (the command line's query language).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub q: String,
    /// Region names, codes or paths (any matches).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub region: Vec<String>,
    /// Published on or after.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Published on or before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// Publishers (any matches).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub press: Vec<String>,
    /// Reporters (any matches).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reporter: Vec<String>,
    /// Result order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<Sort>,
    /// Results on the page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<usize>,
    /// Results skipped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<usize>,
    /// Trend period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<By>,
}

impl Params {
    /// The parameters without empty values (a form sends `from=` for an empty date field).
    pub fn cleaned(mut self) -> Self {
        let blank = |v: &Option<String>| v.as_deref().is_some_and(|s| s.trim().is_empty());
        if blank(&self.from) {
            self.from = None;
        }
        if blank(&self.to) {
            self.to = None;
        }
        for list in [&mut self.region, &mut self.press, &mut self.reporter] {
            list.retain(|v| !v.trim().is_empty());
            let mut seen = Vec::new();
            list.retain(|v| {
                let new = !seen.contains(v);
                seen.push(v.clone());
                new
            });
        }
        self
    }

    /// Checks the limits: query length, page size, number of filter values.
    pub fn check(&self) -> Result<(), ServeError> {
        if self.q.len() > MAX_QUERY_BYTES {
            return Err(ServeError::bad(format!(
                "the query is longer than {MAX_QUERY_BYTES} bytes; shorten it"
            )));
        }
        if self.limit.is_some_and(|l| l > MAX_LIMIT) {
            return Err(ServeError::bad(format!(
                "limit is at most {MAX_LIMIT}; page with offset for more"
            )));
        }
        if self.region.len() + self.press.len() + self.reporter.len() > MAX_VALUES {
            return Err(ServeError::bad(format!(
                "at most {MAX_VALUES} region, press and reporter values together"
            )));
        }
        Ok(())
    }

    /// Results on the page.
    pub fn limit(&self) -> usize {
        self.limit.unwrap_or(DEFAULT_LIMIT)
    }

    /// Results skipped.
    pub fn offset(&self) -> usize {
        self.offset.unwrap_or(0)
    }

    /// The trend period.
    pub fn interval(&self) -> Interval {
        match self.by.unwrap_or_default() {
            By::Day => Interval::Day,
            By::Week => Interval::Week,
            By::Month => Interval::Month,
        }
    }

    /// The filters, region names resolved through `gazetteer`.
    pub fn filters(&self, gazetteer: &Gazetteer) -> Result<Filters, ServeError> {
        let args = FilterArgs {
            regions: self.region.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            reporters: self.reporter.clone(),
            presses: self.press.clone(),
        };
        Ok(resolve_filters(&args, gazetteer)?)
    }

    /// The search these parameters ask for, with `facets` counted and snippets when
    /// `snippets`.
    pub fn request(
        &self,
        gazetteer: &Gazetteer,
        facets: Vec<FacetKind>,
        snippets: bool,
    ) -> Result<SearchRequest, ServeError> {
        self.check()?;
        Ok(SearchRequest {
            query: self.q.clone(),
            filters: self.filters(gazetteer)?,
            sort: match self.sort.unwrap_or_default() {
                Sort::Relevance => SortOrder::Relevance,
                Sort::Newest => SortOrder::Newest,
                Sort::Oldest => SortOrder::Oldest,
            },
            limit: self.limit(),
            offset: self.offset(),
            all_copies: false,
            facets,
            snippets,
            explain: false,
        })
    }

    /// The query string of these parameters (`q=…&region=…`), for links.
    pub fn query_string(&self) -> String {
        serde_html_form::to_string(self).unwrap_or_default()
    }

    /// A link to `path` with these parameters.
    pub fn link(&self, path: &str) -> String {
        let query = self.query_string();
        if query.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{query}")
        }
    }

    /// These parameters on their first page.
    pub fn first_page(&self) -> Self {
        Self {
            offset: None,
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_values_round_trip_through_a_link() {
        let params = Params {
            q: "광양 매화".into(),
            region: vec!["전라남도".into(), "/전라남도/광양시".into()],
            by: Some(By::Week),
            ..Params::default()
        };
        let link = params.query_string();
        let read: Params = serde_html_form::from_str(&link).unwrap();
        assert_eq!(read, params);
        assert!(
            link.contains("region=") && link.contains("by=week"),
            "{link}"
        );
    }

    #[test]
    fn empty_form_fields_are_no_filter() {
        let read: Params = serde_html_form::from_str("q=%EA%B0%80&from=&to=&region=").unwrap();
        let read = read.cleaned();
        assert_eq!((read.from, read.to, read.region.len()), (None, None, 0));
    }

    #[test]
    fn limits_are_checked() {
        let too_many = Params {
            limit: Some(MAX_LIMIT + 1),
            ..Params::default()
        };
        assert!(too_many.check().is_err());
        let too_long = Params {
            q: "가".repeat(MAX_QUERY_BYTES),
            ..Params::default()
        };
        assert!(too_long.check().is_err());
    }
}
