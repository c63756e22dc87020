//! A trend as an SVG bar chart: for reports (`dongne trend --svg`) and the web page, where
//! each bar links to the search narrowed to its period.

use maud::{Markup, html};

use crate::search::trend::Bucket;

/// Width of the chart, in SVG units.
const WIDTH: f64 = 720.0;
/// Height of the plotting area.
const PLOT_HEIGHT: f64 = 180.0;
/// Room for the axis labels below the bars and the scale on the left.
const BOTTOM: f64 = 34.0;
const LEFT: f64 = 44.0;
const TOP: f64 = 12.0;

/// The chart of `buckets`; with `link`, each bar is a link to `link(bucket)`. Labels are
/// escaped.
pub fn trend_chart(buckets: &[Bucket], link: Option<&dyn Fn(&Bucket) -> String>) -> Markup {
    let height = TOP + PLOT_HEIGHT + BOTTOM;
    let max = buckets.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let slot = (WIDTH - LEFT) / buckets.len().max(1) as f64;
    let bar_width = (slot * 0.8).max(1.0);
    // About eight labels along the axis, whatever the number of periods.
    let label_every = buckets.len().div_ceil(8).max(1);
    let y = |count: u64| TOP + PLOT_HEIGHT * (1.0 - count as f64 / max as f64);
    html! {
        svg xmlns="http://www.w3.org/2000/svg" class="trend" role="img"
            viewBox=(format!("0 0 {WIDTH} {height}"))
            aria-label=(summary(buckets)) {
            line x1=(LEFT) y1=(TOP + PLOT_HEIGHT) x2=(WIDTH) y2=(TOP + PLOT_HEIGHT) class="axis" {}
            text x=(LEFT - 6.0) y=(TOP + 4.0) text-anchor="end" class="scale" { (max) }
            text x=(LEFT - 6.0) y=(TOP + PLOT_HEIGHT) text-anchor="end" class="scale" { "0" }
            @for (i, bucket) in buckets.iter().enumerate() {
                @let x = LEFT + slot * i as f64 + (slot - bar_width) / 2.0;
                @let top = y(bucket.count);
                @let bar = html! {
                    rect x=(fmt(x)) y=(fmt(top)) width=(fmt(bar_width))
                        height=(fmt(TOP + PLOT_HEIGHT - top)) class="bar" {
                        title { (bucket.period) ": " (bucket.count) "건" }
                    }
                };
                @match link {
                    Some(link) => a href=(link(bucket)) { (bar) },
                    None => (bar),
                }
                @if i % label_every == 0 {
                    text x=(fmt(x + bar_width / 2.0)) y=(fmt(TOP + PLOT_HEIGHT + 16.0))
                        text-anchor="middle" class="label" { (bucket.period) }
                }
            }
        }
    }
}

/// What the chart shows, for screen readers.
fn summary(buckets: &[Bucket]) -> String {
    match (buckets.first(), buckets.last()) {
        (Some(first), Some(last)) => format!(
            "기간별 기사 수, {}부터 {}까지 모두 {}건",
            first.period,
            last.period,
            buckets.iter().map(|b| b.count).sum::<u64>()
        ),
        _ => "날짜가 있는 기사가 없습니다".to_string(),
    }
}

fn fmt(value: f64) -> String {
    format!("{value:.1}")
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn bucket(period: &str, count: u64) -> Bucket {
        Bucket {
            period: period.into(),
            start: NaiveDate::from_ymd_opt(2024, 3, 1).unwrap(),
            count,
        }
    }

    #[test]
    fn bars_scale_to_the_largest_count_and_link_their_period() {
        let buckets = [
            bucket("2024-03", 4),
            bucket("2024-04", 2),
            bucket("2024-05", 0),
        ];
        let link = |b: &Bucket| format!("/?q=x&from={}", b.period);
        let svg = trend_chart(&buckets, Some(&link)).into_string();
        assert_eq!(svg.matches("<rect").count(), 3);
        assert_eq!(svg.matches("<a href=\"/?q=x&amp;from=2024-0").count(), 3);
        // The tallest bar fills the plot; an empty period has no height.
        assert!(svg.contains("height=\"180.0\""), "{svg}");
        assert!(svg.contains("height=\"0.0\""), "{svg}");
        assert!(svg.contains("모두 6건"), "{svg}");
    }

    #[test]
    fn labels_are_escaped() {
        let svg = trend_chart(&[bucket("<script>", 1)], None).into_string();
        assert!(
            !svg.contains("<script>") && svg.contains("&lt;script&gt;"),
            "{svg}"
        );
    }
}
