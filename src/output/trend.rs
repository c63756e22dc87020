//! `dongne trend`: counts per period as a text bar chart, CSV or JSON lines.

use std::io::{self, Write};

use super::search::write_json_line;
use super::style::Style;
use crate::search::trend::Bucket;

/// Width of the longest bar, in characters.
pub const BAR_WIDTH: usize = 50;

/// `period  ████▌  count` per bucket, bars scaled to the largest count.
pub fn write_chart(out: &mut impl Write, buckets: &[Bucket], style: Style) -> io::Result<()> {
    if buckets.is_empty() {
        return writeln!(out, "no matching articles with a publication date");
    }
    let max = buckets.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let label_width = buckets.iter().map(|b| b.period.len()).max().unwrap_or(0);
    for bucket in buckets {
        // Eighths of a character for smooth bar ends.
        let eighths = (bucket.count * BAR_WIDTH as u64 * 8).div_ceil(max) as usize;
        let mut bar = "█".repeat(eighths / 8);
        if let Some(partial) = (eighths % 8).checked_sub(1) {
            bar.push(['▏', '▎', '▍', '▌', '▋', '▊', '▉'][partial]);
        }
        writeln!(
            out,
            "{:<label_width$}  {} {}",
            bucket.period,
            style.title(&bar),
            bucket.count
        )?;
    }
    Ok(())
}

/// `period,start,count` with a header line.
pub fn write_csv(out: &mut impl Write, buckets: &[Bucket]) -> io::Result<()> {
    writeln!(out, "period,start,count")?;
    for b in buckets {
        writeln!(out, "{},{},{}", b.period, b.start, b.count)?;
    }
    Ok(())
}

/// One JSON object per period: `{"period":"2024-03","start":"2024-03-01","count":12}`.
pub fn write_json(out: &mut impl Write, buckets: &[Bucket]) -> io::Result<()> {
    buckets.iter().try_for_each(|b| write_json_line(out, b))
}
