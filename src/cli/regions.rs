//! `dongne regions`: the gazetteer, and how one article is tagged.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Subcommand;
use dongne::article::{Article, kst};
use dongne::extract::{self, ExtractOptions};
use dongne::regions::Tagger;

use super::Context;

/// Arguments of `dongne regions`.
#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct RegionsArgs {
    #[command(subcommand)]
    command: Option<RegionsCommand>,
    /// Only regions of this name (and inside it), kind (`일반구`) or code.
    filter: Option<String>,
}

#[derive(Subcommand)]
enum RegionsCommand {
    /// Tag one article: a file (first line title, rest body) or the text itself.
    Tag {
        /// File to read, or the text (first line title, rest body).
        article: String,
        /// Publication date (YYYY-MM-DD); names are read as of this day. Default: today.
        #[arg(long)]
        date: Option<chrono::NaiveDate>,
        /// Dateline place (`춘천`).
        #[arg(long)]
        dateline: Option<String>,
        /// Issuing body of a press release (`나주시`).
        #[arg(long)]
        issuer: Option<String>,
        /// Publisher (`광양신문`).
        #[arg(long)]
        press: Option<String>,
    },
}

/// Lists regions, or tags an article and prints the decision with its evidence.
pub fn run(args: RegionsArgs, context: &Context) -> Result<ExitCode> {
    let gazetteer = context.gazetteer()?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let Some(RegionsCommand::Tag {
        article,
        date,
        dateline,
        issuer,
        press,
    }) = args.command
    else {
        for id in gazetteer.list(args.filter.as_deref())? {
            let r = gazetteer.region(id);
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}",
                r.code.as_deref().unwrap_or("-"),
                r.path,
                r.kind.as_str(),
                r.validity(),
                r.aliases.join(",")
            )?;
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    };
    // A file goes through extraction; anything else is the text itself (first line title).
    let path = PathBuf::from(&article);
    let extracted = path
        .is_file()
        .then(|| {
            extract::extract_paths(std::slice::from_ref(&path), &ExtractOptions::default()).next()
        })
        .flatten()
        .transpose()
        .map_err(|skipped| anyhow::anyhow!("{skipped}"))?;
    let mut article = extracted.unwrap_or_else(|| {
        let (title, body) = article.split_once('\n').unwrap_or((&article, ""));
        Article {
            title: title.trim().to_string(),
            body: body.trim().to_string(),
            ..Article::default()
        }
    });
    if let Some(midnight) = date.and_then(|d| d.and_hms_opt(0, 0, 0)) {
        article.published = midnight.and_local_timezone(kst()).single();
    }
    article.dateline = dateline.or(article.dateline);
    article.issuer = issuer.or(article.issuer);
    article.press = press.or(article.press);
    let tags = Tagger::new(&gazetteer).tag_with(&context.analyzer()?, &article);
    writeln!(
        out,
        "primary: {}",
        tags.region_primary.as_deref().unwrap_or("-")
    )?;
    writeln!(out, "mentioned: {}", tags.regions_mentioned.join(" "))?;
    for line in &tags.region_evidence {
        writeln!(out, "  {line}")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
