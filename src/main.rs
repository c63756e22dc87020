//! The `dongne` command line: parses arguments and calls the library.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::{Parser, Subcommand};

use dongne::analysis::Analyzer;
use dongne::article::Article;
use dongne::dictionary;
use dongne::extract::{self, ExtractOptions, FieldOverride, Summary};
use dongne::index::ingest::{IngestOptions, ingest};
use dongne::index::stats::IndexStats;
use dongne::index::{DEFAULT_INDEX_DIR, IndexHandle};
use dongne::output::analyze::{AnalyzeReport, write_json, write_table};
use dongne::output::{self, style::Style};
use dongne::regions::{Gazetteer, Tagger};
use dongne::search;

/// Offline full-text search for Korean local news.
#[derive(Parser)]
#[command(name = "dongne", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build or describe the Korean dictionary.
    #[command(subcommand)]
    Dict(DictCommand),
    /// Show how the `ko` analyzer splits a text: tokens with tag, role, offsets, position.
    Analyze {
        /// The text; `-` reads standard input, one text per line.
        text: String,
        /// Print raw morphemes (particles and endings included) instead of search tokens.
        #[arg(long)]
        morphemes: bool,
        /// One JSON object per text.
        #[arg(long)]
        json: bool,
    },
    /// Pull clean articles out of saved pages and dumps (HTML, text, gz, zip, WARC, JSON
    /// Lines, CSV, xlsx); skipped files and records are reported on stderr.
    Extract {
        /// Files or directories (walked recursively).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print one JSON object per article instead of a readable summary.
        #[arg(long)]
        json: bool,
        /// Print only a report of the dump: coverage of title, date, reporters and press,
        /// body lengths and the most frequent skip reasons (JSON with `--json`).
        #[arg(long)]
        report: bool,
        /// Read an article field from a named column of JSON Lines / CSV / xlsx dumps
        /// (repeatable), e.g. `--field body=article_text`.
        #[arg(long = "field", value_name = "FIELD=COLUMN")]
        fields: Vec<FieldOverride>,
    },
    /// Add the articles of dumps to the index: replaces changed articles (same URL), skips
    /// unchanged ones, groups syndicated copies; prints a summary.
    Ingest {
        /// Files or directories (walked recursively).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The index directory (default: `index/` under the project root).
        #[arg(long)]
        index: Option<PathBuf>,
        /// Delete the index and build it afresh (after a dictionary or schema change).
        #[arg(long)]
        rebuild: bool,
        /// Analysis threads (default: one per core).
        #[arg(long)]
        threads: Option<usize>,
        /// Articles per commit.
        #[arg(long, default_value_t = 20_000)]
        batch: usize,
        /// Read an article field from a named column of JSON Lines / CSV / xlsx dumps
        /// (repeatable), e.g. `--field body=article_text`.
        #[arg(long = "field", value_name = "FIELD=COLUMN")]
        fields: Vec<FieldOverride>,
    },
    /// Describe the index: articles, date span, top regions, press and reporters, size,
    /// dictionary hash.
    Stats {
        /// The index directory (default: `index/` under the project root).
        #[arg(long)]
        index: Option<PathBuf>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// How many top values to list.
        #[arg(long, default_value_t = 10)]
        top: usize,
    },
    /// Measure (not test) on the shared corpus; see README.
    #[command(subcommand)]
    Bench(dongne::bench::Bench),
    /// List the gazetteer of regions, or show how an article is tagged.
    Regions(RegionsArgs),
    /// Search the index.
    #[command(after_long_help = search::syntax::QUERY_HELP)]
    Search(SearchArgs),
    /// Count matching articles per day, week or month.
    #[command(after_long_help = search::syntax::QUERY_HELP)]
    Trend(TrendArgs),
    /// Print one article in full (by id or URL) with its region evidence and its copies.
    Show {
        /// Article id or URL.
        key: String,
        /// The index directory (default: `index/` under the project root).
        #[arg(long)]
        index: Option<PathBuf>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(clap::Args)]
struct QueryArgs {
    /// The query (see the query language below; `""` for everything).
    query: String,
    /// The index directory (default: `index/` under the project root).
    #[arg(long)]
    index: Option<PathBuf>,
    /// Region name, short form, code or facet path (`전라남도`, `광양`, `46230`); repeatable,
    /// a province matches all its municipalities.
    #[arg(long)]
    region: Vec<String>,
    /// Published on or after: YYYY-MM-DD, YYYY-MM, YYYY, or an age like 7d, 2w, 3m, 1y.
    #[arg(long)]
    from: Option<String>,
    /// Published on or before (the whole day, month or year).
    #[arg(long)]
    to: Option<String>,
    /// Exact reporter name; repeatable.
    #[arg(long)]
    reporter: Vec<String>,
    /// Exact publisher name; repeatable.
    #[arg(long)]
    press: Vec<String>,
}

impl QueryArgs {
    fn filters(&self) -> Result<search::Filters, search::SearchError> {
        search::resolve_filters(&search::FilterArgs {
            regions: self.region.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            reporters: self.reporter.clone(),
            presses: self.press.clone(),
        })
    }

    fn open(&self) -> Result<search::SearchIndex, search::SearchError> {
        search::open(&index_dir(self.index.clone()))
    }
}

#[derive(clap::Args)]
struct SearchArgs {
    #[command(flatten)]
    query: QueryArgs,
    /// Order: relevance, newest or oldest.
    #[arg(long, default_value = "relevance")]
    sort: search::SortOrder,
    /// Results to print.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Results to skip.
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// List every copy of duplicated articles instead of one with `copies: N`.
    #[arg(long)]
    all_copies: bool,
    /// Hit counts per value of these facets: region, month, press, reporter (comma-separated).
    #[arg(long, value_delimiter = ',')]
    facets: Vec<search::FacetKind>,
    /// One JSON object per result (every stored field and the score), then per facet value.
    #[arg(long)]
    json: bool,
    /// Print only the number of results.
    #[arg(long, conflicts_with = "json")]
    count: bool,
    /// Show how the query was read (each word's tokens and article count) even when it
    /// finds something.
    #[arg(long)]
    explain: bool,
}

#[derive(clap::Args)]
struct TrendArgs {
    #[command(flatten)]
    query: QueryArgs,
    /// Period: day, week or month.
    #[arg(long, default_value = "month")]
    by: search::Interval,
    /// Print CSV.
    #[arg(long, conflicts_with = "json")]
    csv: bool,
    /// Print JSON lines.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
struct RegionsArgs {
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

#[derive(Subcommand)]
enum DictCommand {
    /// Build the lindera dictionary from mecab-ko-dic (the python-mecab-ko-dic wheel, a
    /// directory of compiled MeCab files, or the mecab-ko-dic source).
    Build {
        /// The wheel / zip, compiled directory, source directory or source .tar.gz.
        #[arg(long)]
        source: PathBuf,
        /// Where to write the built dictionary.
        #[arg(long, default_value = dictionary::DEFAULT_DICTIONARY_DIR)]
        output: PathBuf,
    },
    /// Print source, entry count, build date and content hash of a built dictionary.
    Info {
        /// The built dictionary.
        #[arg(long, default_value = dictionary::DEFAULT_DICTIONARY_DIR)]
        dictionary: PathBuf,
    },
}

fn main() -> Result<()> {
    restore_default_sigpipe();
    let cli = Cli::parse();
    match cli.command {
        Command::Dict(DictCommand::Build { source, output }) => {
            let info = dictionary::build_dictionary(&dictionary::BuildOptions { source, output })?;
            println!("{}", serde_json::to_string_pretty(&info)?);
        }
        Command::Dict(DictCommand::Info { dictionary }) => {
            let info = dictionary::DictionaryInfo::load(&dictionary)?;
            println!("{}", serde_json::to_string_pretty(&info)?);
        }
        Command::Bench(bench) => bench.run()?,
        Command::Analyze {
            text,
            morphemes,
            json,
        } => {
            let analyzer = Analyzer::load_default()?;
            let texts: Vec<String> = if text == "-" {
                std::io::stdin().lines().collect::<Result<_, _>>()?
            } else {
                vec![text]
            };
            let mut worker = analyzer.worker();
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let mut tokens = Vec::new();
            for text in &texts {
                let found = worker.morphemes(text);
                tokens.clear();
                dongne::analysis::filter::search_tokens(&found, &mut tokens);
                let report = AnalyzeReport {
                    text,
                    tokens: (!morphemes).then_some(tokens.as_slice()),
                    morphemes: morphemes.then_some(found.as_slice()),
                };
                if json {
                    write_json(&mut out, &report)?
                } else {
                    write_table(&mut out, &report)?
                }
            }
        }
        Command::Extract {
            paths,
            json,
            report,
            fields,
        } => {
            let options = ExtractOptions { fields };
            let summary = if report {
                run_report(&paths, json, &options)?
            } else {
                let summary = run_extract(&paths, json, &options)?;
                eprintln!("{summary}");
                summary
            };
            if summary.skipped_total() > 0 {
                std::process::exit(1);
            }
        }
        Command::Ingest {
            paths,
            index,
            rebuild,
            threads,
            batch,
            fields,
        } => {
            let analyzer = Analyzer::load_default()?;
            let mut options = IngestOptions::new(index_dir(index));
            options.rebuild = rebuild;
            options.pipeline.batch_articles = batch;
            if let Some(threads) = threads {
                options.pipeline.threads = threads;
            }
            options.extract = ExtractOptions { fields };
            let summary = ingest(&paths, &analyzer, &options)?;
            println!("{summary}");
        }
        Command::Stats { index, json, top } => {
            let handle = IndexHandle::open_unchecked(&index_dir(index))?;
            let stats = IndexStats::collect(&handle, top)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&stats)?);
            } else {
                print!("{stats}");
            }
        }
        Command::Regions(args) => regions(args)?,
        Command::Search(args) => run_search(args)?,
        Command::Trend(args) => {
            let filters = args.query.filters()?;
            let index = args.query.open()?;
            let buckets = index.trend(&args.query.query, &filters, args.by)?;
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            if args.csv {
                output::trend::write_csv(&mut out, &buckets)?;
            } else if args.json {
                output::trend::write_json(&mut out, &buckets)?;
            } else {
                output::trend::write_chart(&mut out, &buckets, Style::detect())?;
            }
        }
        Command::Show { key, index, json } => {
            let shown = search::open(&index_dir(index))?.show(&key)?;
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            if json {
                output::search::write_json_line(&mut out, &shown)?;
            } else {
                output::show::write_article(&mut out, &shown, Style::detect())?;
            }
        }
    }
    Ok(())
}

fn regions(args: RegionsArgs) -> Result<()> {
    let gazetteer = Gazetteer::load_default()?;
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
            println!(
                "{}\t{}\t{}\t{}\t{}",
                r.code.as_deref().unwrap_or("-"),
                r.path,
                r.kind.as_str(),
                r.validity(),
                r.aliases.join(",")
            );
        }
        return Ok(());
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
    if let Some(date) = date.and_then(|d| d.and_hms_opt(0, 0, 0)) {
        article.published = date
            .and_local_timezone(chrono::FixedOffset::east_opt(9 * 3600).expect("KST"))
            .single();
    }
    article.dateline = dateline.or(article.dateline);
    article.issuer = issuer.or(article.issuer);
    article.press = press.or(article.press);
    let analyzer = Analyzer::load_default()?;
    let tags = Tagger::new(&gazetteer).tag_with(&analyzer, &article);
    println!("primary: {}", tags.region_primary.as_deref().unwrap_or("-"));
    println!("mentioned: {}", tags.regions_mentioned.join(" "));
    for line in &tags.region_evidence {
        println!("  {line}");
    }
    Ok(())
}

fn run_search(args: SearchArgs) -> Result<()> {
    let filters = args.query.filters()?;
    let index = args.query.open()?;
    let style = Style::detect();
    let request = search::SearchRequest {
        query: args.query.query,
        filters,
        sort: args.sort,
        limit: if args.count { 0 } else { args.limit },
        offset: args.offset,
        all_copies: args.all_copies,
        facets: args.facets,
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
    Ok(())
}

/// Output piped into a program that stops reading (`dongne search … | head`) ends dongne
/// quietly, as it does other command-line tools, instead of failing on the next write.
fn restore_default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: sets the disposition of SIGPIPE back to the default before any thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// The index directory given, else `index/` under the project root.
fn index_dir(given: Option<PathBuf>) -> PathBuf {
    given.unwrap_or_else(|| dongne::analysis::project_root().join(DEFAULT_INDEX_DIR))
}

/// Prints a coverage report of the articles below `paths`.
fn run_report(paths: &[PathBuf], json: bool, options: &ExtractOptions) -> Result<Summary> {
    let mut summary = Summary::default();
    let mut report = extract::report::Report::default();
    for result in extract::extract_paths(paths, options) {
        summary.add(&result);
        report.add(&result);
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&report.to_json())?);
    } else {
        print!("{report}");
    }
    Ok(summary)
}

/// Prints every article below `paths` and reports skips on stderr.
fn run_extract(paths: &[PathBuf], json: bool, options: &ExtractOptions) -> Result<Summary> {
    let analyzer = Analyzer::load_default()?;
    let gazetteer = Gazetteer::load_default()?;
    let tagger = Tagger::new(&gazetteer);
    let mut summary = Summary::default();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for result in extract::extract_paths(paths, options) {
        summary.add(&result);
        match result {
            Ok(mut article) => {
                if article.regions.is_none() {
                    article.regions = Some(tagger.tag_with(&analyzer, &article));
                }
                if json {
                    writeln!(out, "{}", serde_json::to_string(&article)?)?;
                } else {
                    writeln!(out, "{}\n", extract::describe(&article))?;
                }
            }
            Err(skipped) => eprintln!("skipped {skipped}"),
        }
    }
    out.flush()?;
    Ok(summary)
}
