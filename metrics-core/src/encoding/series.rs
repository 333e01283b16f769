//! Writing the sample lines of one series.

use super::text::{push_bound, push_f64};
use crate::Format;
use metrics_internals::exposed::{BUCKET, COUNT, LE, QUANTILE, SUM};

/// Where a series writes its samples: the output, the format, the sample name and the series'
/// labels, already rendered (`a="x",b="y"`, without braces).
#[derive(Debug)]
pub struct SeriesWriter<'a> {
    pub(crate) out: &'a mut String,
    pub(crate) format: Format,
    pub(crate) name: &'a str,
    pub(crate) labels: &'a str,
    /// The family's `le` labels already written for this format (`le="0.005"`), `+Inf` last
    /// (rendered once per family and scrape rather than once per series); empty to write them
    /// from the floats.
    pub(crate) bounds: &'a [String],
}

impl SeriesWriter<'_> {
    /// The format being written.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Writes `name{labels} value`: the one sample of a counter (the name already carries
    /// `_total` where the format wants it) or a gauge.
    pub fn sample(&mut self, value: impl FnOnce(&mut String)) {
        self.line("", Extra::None, value);
    }

    /// Writes a histogram's `_bucket` lines (cumulative, then `+Inf`), `_sum` and `_count`.
    /// `counts` holds one count per bucket, the last for `+Inf`, not cumulated.
    ///
    /// OpenMetrics 1.0 makes the sum a counter: it must not be NaN or negative, and a histogram
    /// with a negative bound has none. There, such a sum is left out, and `_count` with it (a
    /// count requires a sum; the `+Inf` bucket still holds the count). The text format 0.0.4
    /// writes both, as the Go client does.
    pub fn histogram(&mut self, bounds: &[f64], counts: impl IntoIterator<Item = u64>, sum: f64) {
        let mut cumulative = 0u64;
        let mut counts = counts.into_iter();
        let rendered = self.bounds;
        let rendered = (rendered.len() == bounds.len() + 1).then_some(rendered);
        for (i, bound) in bounds
            .iter()
            .copied()
            .chain(std::iter::once(f64::INFINITY))
            .enumerate()
        {
            cumulative += counts.next().unwrap_or(0);
            let le = match rendered {
                Some(text) => Extra::Text(&text[i]),
                None => Extra::Float(LE, bound),
            };
            self.line(BUCKET, le, |out| super::text::push_u64(out, cumulative));
        }
        if self.format == Format::OpenMetrics
            && !(is_counter_value(sum) && bounds.first().is_none_or(|b| *b >= 0.0))
        {
            return;
        }
        self.line(SUM, Extra::None, |out| push_f64(out, sum));
        self.line(COUNT, Extra::None, |out| {
            super::text::push_u64(out, cumulative)
        });
    }

    /// Writes a summary's quantile lines, `_sum` and `_count`.
    ///
    /// OpenMetrics 1.0 forbids a negative quantile value and a NaN or negative sum: there, such a
    /// quantile line or sum is left out (the count stays). The text format 0.0.4 writes them all,
    /// as the Go client does.
    pub fn summary(&mut self, quantiles: &[(f64, f64)], count: u64, sum: f64) {
        let openmetrics = self.format == Format::OpenMetrics;
        for &(quantile, value) in quantiles {
            if openmetrics && value < 0.0 {
                continue;
            }
            self.line("", Extra::Float(QUANTILE, quantile), |out| {
                push_f64(out, value)
            });
        }
        if !openmetrics || is_counter_value(sum) {
            self.line(SUM, Extra::None, |out| push_f64(out, sum));
        }
        self.line(COUNT, Extra::None, |out| super::text::push_u64(out, count));
    }

    fn line(&mut self, suffix: &str, extra: Extra<'_>, value: impl FnOnce(&mut String)) {
        let out = &mut *self.out;
        // One reservation for the line (a value and its label take fewer than 64 bytes), so that
        // the pushes below do not grow the buffer piece by piece.
        out.reserve(self.name.len() + suffix.len() + self.labels.len() + 64);
        out.push_str(self.name);
        out.push_str(suffix);
        let has_extra = !matches!(extra, Extra::None);
        if !self.labels.is_empty() || has_extra {
            out.push('{');
            out.push_str(self.labels);
            if has_extra && !self.labels.is_empty() {
                out.push(',');
            }
            match extra {
                Extra::Float(name, bound) => {
                    out.push_str(name);
                    out.push_str("=\"");
                    push_bound(out, bound, self.format);
                    out.push('"');
                }
                Extra::Text(text) => out.push_str(text),
                Extra::None => {}
            }
            out.push('}');
        }
        out.push(' ');
        value(out);
        out.push('\n');
    }
}

/// Whether OpenMetrics takes `v` as a counter's value: not NaN, not negative (`+Inf` is).
fn is_counter_value(v: f64) -> bool {
    v >= 0.0
}

/// The label a sample line adds to the series' labels: `le` or `quantile`.
#[derive(Clone, Copy)]
enum Extra<'t> {
    None,
    /// Written from the float.
    Float(&'static str, f64),
    /// Already written, name and value: `le="0.005"`.
    Text(&'t str),
}

/// A histogram's `le` labels as `format` writes them (`le="0.005"`), `+Inf` last.
pub(crate) fn rendered_bounds(bounds: &[f64], format: Format) -> Vec<String> {
    bounds
        .iter()
        .copied()
        .chain(std::iter::once(f64::INFINITY))
        .map(|bound| {
            let mut text = format!("{LE}=\"");
            push_bound(&mut text, bound, format);
            text.push('"');
            text
        })
        .collect()
}
