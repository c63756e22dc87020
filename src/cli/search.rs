//! `dongne search`: find articles, print them for people or scripts.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use clap::ValueEnum;
use dongne::output::{self, style::Style};
use dongne::search::{FacetKind, SearchRequest, SortOrder};

use super::Context;
use super::query::QueryArgs;

/// Arguments of `dongne search`.
#[derive(clap::Args)]
pub struct SearchArgs {
    #[command(flatten)]
    query: QueryArgs,
    /// Order of the results.
    #[arg(long, value_enum, default_value_t = Sort::Relevance)]
    sort: Sort,
    /// Results to print.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Results to skip.
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// List every copy of duplicated articles instead of one with `copies: N`.
    #[arg(long)]
    all_copies: bool,
    /// Hit counts per value of these facets (comma-separated).
    #[arg(long, value_enum, value_delimiter = ',')]
    facets: Vec<Facet>,
    /// One JSON object per result (every stored field and the score), then per facet value,
    /// then the notes on the query.
    #[arg(long)]
    json: bool,
    /// Print only the number of results with every word.
    #[arg(long, conflicts_with = "json")]
    count: bool,
    /// Show how the query was read (each word's tokens and article count) even when it
    /// finds something.
    #[arg(long)]
    explain: bool,
}

/// Order of the results.
#[derive(Clone, Copy, ValueEnum)]
enum Sort {
    /// Best BM25 score first (title matches boosted); newest first among equals.
    Relevance,
    /// Most recently published first.
    Newest,
    /// Earliest published first.
    Oldest,
}

impl From<Sort> for SortOrder {
    fn from(sort: Sort) -> Self {
        match sort {
            Sort::Relevance => SortOrder::Relevance,
            Sort::Newest => SortOrder::Newest,
            Sort::Oldest => SortOrder::Oldest,
        }
    }
}

/// A facet to count.
#[derive(Clone, Copy, ValueEnum)]
enum Facet {
    /// Regions: provinces, their municipalities and below.
    Region,
    /// Publication months.
    Month,
    /// Publishers.
    Press,
    /// Reporters.
    Reporter,
}

impl From<Facet> for FacetKind {
    fn from(facet: Facet) -> Self {
        match facet {
            Facet::Region => FacetKind::Region,
            Facet::Month => FacetKind::Month,
            Facet::Press => FacetKind::Press,
            Facet::Reporter => FacetKind::Reporter,
        }
    }
}

/// Searches and prints the results (text, JSON lines or a count).
pub fn run(args: SearchArgs, context: &Context) -> Result<ExitCode> {
    let filters = args.query.filters()?;
    let index = args.query.open(context)?;
    let style = Style::detect();
    let request = SearchRequest {
        query: args.query.query,
        filters,
        sort: args.sort.into(),
        limit: if args.count { 0 } else { args.limit },
        offset: args.offset,
        all_copies: args.all_copies,
        facets: args.facets.into_iter().map(FacetKind::from).collect(),
        snippets: !args.json && !args.count,
        explain: args.explain,
    };
    let results = index.search(&request)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.count {
        writeln!(out, "{}", results.notes.complete)?;
        output::facets::write_facets(&mut out, &results.facets, style)?;
    } else if args.json {
        output::search::write_json(&mut out, &results)?;
        output::facets::write_facets_json(&mut out, &results.facets)?;
    } else {
        output::search::write_results(&mut out, &results, args.offset, style)?;
        output::facets::write_facets(&mut out, &results.facets, style)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
