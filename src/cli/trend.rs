//! `dongne trend`: matching articles per period.

use std::io::Write;
use std::process::ExitCode;

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use clap::ValueEnum;
use dongne::output::{self, style::Style};
use dongne::search::Interval;

use super::Context;
use super::query::QueryArgs;

/// Arguments of `dongne trend`.
#[derive(clap::Args)]
pub struct TrendArgs {
    #[command(flatten)]
    query: QueryArgs,
    /// Length of a period.
    #[arg(long, value_enum, default_value_t = Period::Month)]
    by: Period,
    /// Print CSV.
    #[arg(long, conflicts_with = "json")]
    csv: bool,
    /// Print JSON lines.
    #[arg(long)]
    json: bool,
    /// Write the chart as SVG to this file (for reports) instead of printing it.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["csv", "json"])]
    svg: Option<PathBuf>,
}

/// Length of a trend period.
#[derive(Clone, Copy, ValueEnum)]
enum Period {
    /// Calendar days.
    Day,
    /// ISO weeks, Monday to Sunday.
    Week,
    /// Calendar months.
    Month,
}

impl From<Period> for Interval {
    fn from(period: Period) -> Self {
        match period {
            Period::Day => Interval::Day,
            Period::Week => Interval::Week,
            Period::Month => Interval::Month,
        }
    }
}

/// Counts the matching articles per period and prints them (bars, CSV or JSON lines).
pub fn run(args: TrendArgs, context: &Context) -> Result<ExitCode> {
    let filters = args.query.filters()?;
    let index = args.query.open(context)?;
    let buckets = index.trend(&args.query.query, &filters, args.by.into())?;
    if let Some(file) = &args.svg {
        let chart = output::svg::trend_chart(&buckets, None).into_string();
        std::fs::write(file, chart).with_context(|| format!("writing {}", file.display()))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.csv {
        output::trend::write_csv(&mut out, &buckets)?;
    } else if args.json {
        output::trend::write_json(&mut out, &buckets)?;
    } else {
        output::trend::write_chart(&mut out, &buckets, Style::detect())?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
