//! `dongne stats`: what an index holds, for people.

use std::io::{self, Write};

use crate::index::stats::IndexStats;

/// Articles, dates, size, how the index was built, its largest parts and top values.
pub fn write_stats(out: &mut impl Write, stats: &IndexStats) -> io::Result<()> {
    writeln!(
        out,
        "articles       {} ({} duplicate groups)",
        stats.articles, stats.dup_groups
    )?;
    writeln!(
        out,
        "published      {} … {}",
        stats.earliest.as_deref().unwrap_or("-"),
        stats.latest.as_deref().unwrap_or("-")
    )?;
    writeln!(
        out,
        "size on disk   {:.1} MB in {} segments",
        stats.size_on_disk as f64 / 1e6,
        stats.segments
    )?;
    writeln!(
        out,
        "built with     schema v{}, {}",
        stats.meta.schema_version, stats.meta.analysis
    )?;
    let parts: Vec<String> = stats
        .largest_parts
        .iter()
        .map(|p| format!("{} {:.2} MB", p.part, p.bytes as f64 / 1e6))
        .collect();
    writeln!(out, "largest parts  {}", parts.join(", "))?;
    for (label, list) in [
        ("top regions", &stats.top_regions),
        ("top press", &stats.top_press),
        ("top reporters", &stats.top_reporters),
    ] {
        let items: Vec<String> = list
            .iter()
            .map(|c| format!("{} {}", c.value, c.articles))
            .collect();
        writeln!(out, "{label:<14} {}", items.join(", "))?;
    }
    Ok(())
}
