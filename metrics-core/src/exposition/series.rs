//! Writing the sample lines of one series.

use super::Format;
use super::text::{push_bound, push_f64};

/// Where a series writes its samples: the output, the format, the sample name and the series'
/// labels, already rendered (`a="x",b="y"`, without braces).
#[derive(Debug)]
pub struct SeriesWriter<'a> {
    pub(crate) out: &'a mut String,
    pub(crate) format: Format,
    pub(crate) name: &'a str,
    pub(crate) labels: &'a str,
}

impl SeriesWriter<'_> {
    /// The format being written.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Writes `name{labels} value`: the one sample of a counter (the name already carries
    /// `_total` where the format wants it) or a gauge.
    pub fn sample(&mut self, value: impl FnOnce(&mut String)) {
        self.line("", None, value);
    }

    /// Writes a histogram's `_bucket` lines (cumulative, then `+Inf`), `_sum` and `_count`.
    /// `counts` holds one count per bucket, the last for `+Inf`, not cumulated.
    pub fn histogram(&mut self, bounds: &[f64], counts: impl IntoIterator<Item = u64>, sum: f64) {
        let mut cumulative = 0u64;
        let mut counts = counts.into_iter();
        for bound in bounds.iter().copied().chain(std::iter::once(f64::INFINITY)) {
            cumulative += counts.next().unwrap_or(0);
            self.line("_bucket", Some(("le", bound)), |out| {
                super::text::push_u64(out, cumulative)
            });
        }
        self.line("_sum", None, |out| push_f64(out, sum));
        self.line("_count", None, |out| super::text::push_u64(out, cumulative));
    }

    /// Writes a summary's quantile lines, `_sum` and `_count`.
    pub fn summary(&mut self, quantiles: &[(f64, f64)], count: u64, sum: f64) {
        for &(quantile, value) in quantiles {
            self.line("", Some(("quantile", quantile)), |out| push_f64(out, value));
        }
        self.line("_sum", None, |out| push_f64(out, sum));
        self.line("_count", None, |out| super::text::push_u64(out, count));
    }

    fn line(&mut self, suffix: &str, extra: Option<(&str, f64)>, value: impl FnOnce(&mut String)) {
        let out = &mut *self.out;
        out.push_str(self.name);
        out.push_str(suffix);
        if !self.labels.is_empty() || extra.is_some() {
            out.push('{');
            out.push_str(self.labels);
            if let Some((name, bound)) = extra {
                if !self.labels.is_empty() {
                    out.push(',');
                }
                out.push_str(name);
                out.push_str("=\"");
                push_bound(out, bound, self.format);
                out.push('"');
            }
            out.push('}');
        }
        out.push(' ');
        value(out);
        out.push('\n');
    }
}
