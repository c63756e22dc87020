//! `serve-load`: `dongne serve` under load on loopback. Concurrent clients send the search
//! benchmark's query mix to `/api/search` for a fixed time; the report gives throughput,
//! latency percentiles, failed requests and the server's resident memory over the run.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use dongne::search::SortOrder;

use crate::search::{ms, percentile, query_mix, synthetic_index};

/// Options of `serve-load`.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeLoadOptions {
    /// The index to serve; the search benchmark's synthetic index when not given (built
    /// first when missing).
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// Articles of the synthetic index to build.
    #[arg(long, default_value_t = 100_000)]
    pub articles: usize,
    /// The corpus (JSON Lines) the synthetic index is built from.
    #[arg(long)]
    pub corpus: Option<PathBuf>,
    /// Concurrent clients.
    #[arg(long, default_value_t = 32)]
    pub clients: usize,
    /// Seconds of load, after a warm-up round.
    #[arg(long, default_value_t = 60)]
    pub seconds: u64,
    /// Requests per second from all clients together in the paced phase.
    #[arg(long, default_value_t = 200.0)]
    pub rate: f64,
}

/// Errors of the load benchmark.
#[derive(Debug, thiserror::Error)]
pub enum ServeLoadError {
    /// The index could not be found or built.
    #[error(transparent)]
    Index(#[from] crate::search::SearchBenchError),
    /// The server could not be started or read.
    #[error("dongne serve: {0}")]
    Server(String),
    /// A process could not be run.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// A served index, stopped when dropped.
struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the `dongne` binary built beside this one, serving `index` on a free port.
fn start_server(index: &Path) -> Result<Server, ServeLoadError> {
    use std::io::{BufRead, BufReader};
    let exe = std::env::current_exe()?.with_file_name("dongne");
    let mut child = Command::new(&exe)
        .args(["serve", "--addr", "127.0.0.1:0", "--index"])
        .arg(index)
        .env("DONGNE_HOME", crate::home().root())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|err| ServeLoadError::Server(format!("{}: {err}", exe.display())))?;
    let stderr = child.stderr.take().expect("stderr is piped");
    let mut lines = BufReader::new(stderr).lines();
    let base = lines
        .by_ref()
        .map_while(Result::ok)
        .find_map(|line| {
            let rest = line.split("http://").nth(1)?;
            Some(format!("http://{}", rest.split('/').next()?))
        })
        .ok_or_else(|| ServeLoadError::Server("it never said where it listens".into()))?;
    std::thread::spawn(move || lines.for_each(drop));
    Ok(Server { child, base })
}

/// The `/api/search` paths of the query mix.
fn request_paths() -> Vec<String> {
    query_mix()
        .into_iter()
        .map(|(query, filters, sort, _facets)| {
            let mut url = form_urlencoded::Serializer::new(String::from("/api/search?"));
            url.append_pair("q", &query);
            for region in &filters.regions {
                url.append_pair("region", region);
            }
            for (key, value) in [("from", &filters.from), ("to", &filters.to)] {
                if let Some(value) = value {
                    url.append_pair(key, value);
                }
            }
            if sort == SortOrder::Newest {
                url.append_pair("sort", "newest");
            }
            url.finish()
        })
        .collect()
}

/// Resident memory of process `pid` in MiB (Linux `/proc`): anonymous (the heap: what a
/// leak grows) and file-backed (index pages mapped in: bounded by the index size).
fn resident_mib(pid: u32) -> Option<(f64, f64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| -> Option<f64> {
        let kib: f64 = status
            .lines()
            .find_map(|line| line.strip_prefix(name))?
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()
            .ok()?;
        Some(kib / 1024.0)
    };
    Some((field("RssAnon:")?, field("RssFile:")?))
}

/// What one client saw.
#[derive(Default)]
struct ClientReport {
    latencies: Vec<Duration>,
    failures: Vec<String>,
}

/// Sends `paths` in turns (starting at `first`) until `stop`, when paced one every `every`
/// from `first_due` on.
/// A paced request's latency counts from when it was due, so a slow answer that delays the
/// next requests counts against them too.
fn client(
    base: &str,
    paths: &[String],
    first: usize,
    every: Option<Duration>,
    first_due: Instant,
    stop: &AtomicBool,
) -> ClientReport {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into();
    let mut report = ClientReport::default();
    let mut next = first;
    let mut due = first_due;
    while !stop.load(Ordering::Relaxed) {
        let path = &paths[next % paths.len()];
        next += 1;
        if every.is_some()
            && let Some(wait) = due.checked_duration_since(Instant::now())
        {
            std::thread::sleep(wait);
        }
        let start = if every.is_some() { due } else { Instant::now() };
        due += every.unwrap_or_default();
        let outcome = agent
            .get(&format!("{base}{path}"))
            .call()
            .map_err(|err| err.to_string())
            .and_then(|mut response| {
                let status = response.status().as_u16();
                let body = response.body_mut().read_to_string();
                match (status, body) {
                    (200, Ok(_)) => Ok(()),
                    (status, body) => Err(format!("{status}: {}", body.unwrap_or_default())),
                }
            });
        report.latencies.push(start.elapsed());
        if let Err(why) = outcome {
            report.failures.push(format!("{path}: {why}"));
        }
    }
    report
}

/// What a phase of load measured.
struct Phase {
    latencies: Vec<Duration>,
    failures: Vec<String>,
    seconds: f64,
    /// (second, anonymous MiB, file-backed MiB) each second.
    memory: Vec<(u64, f64, f64)>,
}

/// `clients` clients on `server` for `seconds`, paced one request every `every` each.
fn load(
    server: &Server,
    paths: &[String],
    clients: usize,
    every: Option<Duration>,
    seconds: u64,
) -> Phase {
    let stop = AtomicBool::new(false);
    let started = Instant::now();
    let mut memory = Vec::new();
    let reports: Vec<ClientReport> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..clients)
            .map(|i| {
                let (stop, base) = (&stop, &server.base);
                // Paced clients start spread over one interval, not in a burst.
                let first_due =
                    started + every.unwrap_or_default().mul_f64(i as f64 / clients as f64);
                scope.spawn(move || client(base, paths, i * 13, every, first_due, stop))
            })
            .collect();
        while started.elapsed() < Duration::from_secs(seconds) {
            if let Some((anon, file)) = resident_mib(server.child.id()) {
                memory.push((started.elapsed().as_secs(), anon, file));
            }
            std::thread::sleep(Duration::from_secs(1));
        }
        stop.store(true, Ordering::Relaxed);
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let mut latencies: Vec<Duration> = reports.iter().flat_map(|r| r.latencies.clone()).collect();
    latencies.sort();
    Phase {
        latencies,
        failures: reports.into_iter().flat_map(|r| r.failures).collect(),
        seconds: seconds as f64,
        memory,
    }
}

impl Phase {
    /// Requests answered per second.
    fn rate(&self) -> f64 {
        self.latencies.len() as f64 / self.seconds
    }

    fn p99(&self) -> f64 {
        ms(percentile(&self.latencies, 0.99))
    }

    fn print(&self, title: &str) {
        println!(
            "{title}: {} requests, {:.0} requests/s, {} failed; latency p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
            self.latencies.len(),
            self.rate(),
            self.failures.len(),
            ms(percentile(&self.latencies, 0.50)),
            ms(percentile(&self.latencies, 0.90)),
            self.p99(),
            ms(percentile(&self.latencies, 1.0))
        );
        for failure in self.failures.iter().take(5) {
            println!("  failed: {failure}");
        }
    }

    /// Growth of the anonymous memory from the end of the first tenth of the phase (caches
    /// filled) to its end, in MiB.
    fn heap_growth(&self) -> Option<f64> {
        let settled = self.memory.get(self.memory.len() / 10)?;
        Some(self.memory.last()?.1 - settled.1)
    }

    fn print_memory(&self) {
        let (Some(first), Some(last)) = (self.memory.first(), self.memory.last()) else {
            println!("server memory: not readable here");
            return;
        };
        let settled = self.memory[self.memory.len() / 10];
        let line = |(at, anon, file): (u64, f64, f64)| format!("{anon:.0}+{file:.0} MiB at {at} s");
        println!(
            "server memory (anonymous+file-backed): {}, {}, {}; anonymous growth after {} s: {:+.1} MiB",
            line(*first),
            line(settled),
            line(*last),
            settled.0,
            self.heap_growth().unwrap_or_default()
        );
    }
}

/// Runs the benchmark and prints its report: a paced phase at the target rate (latency,
/// failures, memory over time), then an unpaced one (the server's capacity).
pub fn run(options: &ServeLoadOptions) -> Result<(), ServeLoadError> {
    let index = synthetic_index(
        options.index.as_deref(),
        options.articles,
        options.corpus.as_deref(),
    )?;
    let server = start_server(&index)?;
    let paths = request_paths();
    // One warm-up round over the mix: the index's files in the page cache.
    for path in &paths {
        let _ = ureq::get(&format!("{}{path}", server.base)).call();
    }
    println!(
        "dongne serve on {} ({} /api/search requests in the mix), {} clients",
        index.display(),
        paths.len(),
        options.clients
    );
    let every = Duration::from_secs_f64(options.clients as f64 / options.rate);
    let paced = load(
        &server,
        &paths,
        options.clients,
        Some(every),
        options.seconds,
    );
    paced.print(&format!(
        "paced at {} requests/s for {} s",
        options.rate, options.seconds
    ));
    paced.print_memory();
    let capacity = load(&server, &paths, options.clients, None, CAPACITY_SECONDS);
    capacity.print(&format!("unpaced for {CAPACITY_SECONDS} s"));
    println!(
        "targets: capacity >= 200 requests/s {}; paced p99 <= 50 ms {}; no failures {}; anonymous memory growth {}",
        verdict(capacity.rate() >= 200.0),
        verdict(paced.p99() <= 50.0),
        verdict(paced.failures.is_empty() && capacity.failures.is_empty()),
        paced
            .heap_growth()
            .map_or("unknown".to_string(), |g| format!("{g:+.1} MiB")),
    );
    Ok(())
}

/// Seconds of the unpaced phase.
const CAPACITY_SECONDS: u64 = 10;

fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "MISSED" }
}
