//! The exposed-names rule, written once: the names a metric of each type takes in each format.
//! A counter declared `x_total` is the OpenMetrics family `x` with the sample `x_total`, and
//! the text format's `x_total`; a histogram `h` writes `h_bucket`, `h_sum` and `h_count`; a
//! summary `s` writes `s` (its quantiles), `s_sum` and `s_count`. Every function is a `const
//! fn`: the compile-time checks of a service (collisions, rule selectors) evaluate them too.

use core::fmt;

/// The kind of a metric, as the exposition formats name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MetricType {
    /// A monotonically increasing value; exposed with the `_total` sample suffix in OpenMetrics.
    Counter,
    /// A value that can go up and down.
    Gauge,
    /// Observations counted into cumulative buckets, with `_bucket`, `_sum` and `_count` samples.
    Histogram,
    /// Quantiles of observations, with `quantile` samples, `_sum` and `_count`.
    Summary,
}

impl MetricType {
    /// The four types, in declaration order.
    pub const ALL: [MetricType; 4] = [
        MetricType::Counter,
        MetricType::Gauge,
        MetricType::Histogram,
        MetricType::Summary,
    ];

    /// The name used on `# TYPE` lines.
    pub const fn as_str(self) -> &'static str {
        match self {
            MetricType::Counter => "counter",
            MetricType::Gauge => "gauge",
            MetricType::Histogram => "histogram",
            MetricType::Summary => "summary",
        }
    }
}

impl fmt::Display for MetricType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for MetricType {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for MetricType {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let word = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        MetricType::ALL
            .into_iter()
            .find(|t| t.as_str() == word)
            .ok_or_else(|| {
                serde::de::Error::unknown_variant(
                    &word,
                    &["counter", "gauge", "histogram", "summary"],
                )
            })
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Format {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.keyword())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Format {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let word = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Format::ALL
            .into_iter()
            .find(|f| f.keyword() == word)
            .ok_or_else(|| serde::de::Error::unknown_variant(&word, &["openmetrics", "prometheus"]))
    }
}

/// An exposition format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// OpenMetrics 1.0 text: counters are the family `x` with the sample `x_total`, `# UNIT`
    /// lines, `# EOF` at the end.
    OpenMetrics,
    /// The Prometheus text format 0.0.4: every metric under its declared name, as the Go client
    /// writes it.
    Prometheus,
}

impl Format {
    /// Both formats, OpenMetrics first.
    pub const ALL: [Format; 2] = [Format::OpenMetrics, Format::Prometheus];

    /// The format's keyword: in `#[service(formats(...))]`, on the command line (`--format`) and in
    /// the descriptors' JSON.
    pub const fn keyword(self) -> &'static str {
        match self {
            Format::OpenMetrics => "openmetrics",
            Format::Prometheus => "prometheus",
        }
    }

    /// The `Content-Type` of the format.
    pub const fn content_type(self) -> &'static str {
        match self {
            Format::OpenMetrics => "application/openmetrics-text; version=1.0.0; charset=utf-8",
            Format::Prometheus => "text/plain; version=0.0.4; charset=utf-8",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::OpenMetrics => "OpenMetrics 1.0",
            Format::Prometheus => "Prometheus text 0.0.4",
        })
    }
}

/// A counter's sample suffix (OpenMetrics), and the end of a declared counter's name.
pub const TOTAL: &str = "_total";
/// A histogram's bucket samples.
pub const BUCKET: &str = "_bucket";
/// A histogram's or summary's sum.
pub const SUM: &str = "_sum";
/// A histogram's or summary's count.
pub const COUNT: &str = "_count";
/// The creation time of a counter, histogram or summary (OpenMetrics; the toolkit writes none).
pub const CREATED: &str = "_created";

/// The label of a histogram's bucket bound.
pub const LE: &str = "le";
/// The label of a summary's quantile.
pub const QUANTILE: &str = "quantile";

/// What a sample of a family holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sample {
    /// The value: a counter's or gauge's, a summary's quantiles (the `quantile` label).
    Value,
    /// A histogram's cumulative bucket (the `le` label).
    Bucket,
    /// A histogram's or summary's sum.
    Sum,
    /// A histogram's or summary's count.
    Count,
}

impl Sample {
    /// The label that tells the samples of one series apart (`le`, `quantile`), if any.
    pub const fn bound_label(self, metric_type: MetricType) -> Option<&'static str> {
        match (metric_type, self) {
            (MetricType::Histogram, Sample::Bucket) => Some(LE),
            (MetricType::Summary, Sample::Value) => Some(QUANTILE),
            _ => None,
        }
    }
}

/// The samples a family of `metric_type` writes in `format`, as (suffix after the family name,
/// what it holds), in the order a series writes them.
pub const fn samples(metric_type: MetricType, format: Format) -> &'static [(&'static str, Sample)] {
    match (metric_type, format) {
        (MetricType::Counter, Format::OpenMetrics) => &[(TOTAL, Sample::Value)],
        (MetricType::Counter | MetricType::Gauge, _) => &[("", Sample::Value)],
        (MetricType::Histogram, _) => &[
            (BUCKET, Sample::Bucket),
            (SUM, Sample::Sum),
            (COUNT, Sample::Count),
        ],
        (MetricType::Summary, _) => &[
            ("", Sample::Value),
            (SUM, Sample::Sum),
            (COUNT, Sample::Count),
        ],
    }
}

/// The family name (on `# HELP` and `# TYPE`) of a metric declared as `declared`: an
/// OpenMetrics counter's without `_total`, the declared name otherwise.
pub const fn family(declared: &str, metric_type: MetricType, format: Format) -> &str {
    match (metric_type, format) {
        (MetricType::Counter, Format::OpenMetrics) => strip_total(declared),
        _ => declared,
    }
}

/// What the sample `name` is of a metric declared as `declared`, in `format`; `None` when it
/// is none of its samples.
pub const fn sample_of(
    declared: &str,
    metric_type: MetricType,
    format: Format,
    name: &str,
) -> Option<Sample> {
    let family = family(declared, metric_type, format);
    let samples = samples(metric_type, format);
    let mut i = 0;
    while i < samples.len() {
        if concat_eq(family, samples[i].0, name, "") {
            return Some(samples[i].1);
        }
        i += 1;
    }
    None
}

/// What a sample of `metric_type` holds, from its suffix after the family name.
pub const fn sample_by_suffix(
    metric_type: MetricType,
    format: Format,
    suffix: &str,
) -> Option<Sample> {
    let samples = samples(metric_type, format);
    let mut i = 0;
    while i < samples.len() {
        if concat_eq(samples[i].0, "", suffix, "") {
            return Some(samples[i].1);
        }
        i += 1;
    }
    None
}

/// `name` without a trailing `_total` (a name that is only `_total` is kept).
pub const fn strip_total(name: &str) -> &str {
    let (bytes, suffix) = (name.as_bytes(), TOTAL.as_bytes());
    if bytes.len() <= suffix.len() {
        return name;
    }
    let start = bytes.len() - suffix.len();
    let mut i = 0;
    while i < suffix.len() {
        if bytes[start + i] != suffix[i] {
            return name;
        }
        i += 1;
    }
    // `_total` is ASCII, so `start` is a character boundary.
    match name.split_at_checked(start) {
        Some((base, _)) => base,
        None => name,
    }
}

/// Whether `a1 + a2` and `b1 + b2` are the same string, without building either.
pub const fn concat_eq(a1: &str, a2: &str, b1: &str, b2: &str) -> bool {
    let (a1, a2, b1, b2) = (a1.as_bytes(), a2.as_bytes(), b1.as_bytes(), b2.as_bytes());
    if a1.len() + a2.len() != b1.len() + b2.len() {
        return false;
    }
    let mut i = 0;
    while i < a1.len() + a2.len() {
        let a = if i < a1.len() {
            a1[i]
        } else {
            a2[i - a1.len()]
        };
        let b = if i < b1.len() {
            b1[i]
        } else {
            b2[i - b1.len()]
        };
        if a != b {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use Format::*;
    use MetricType::*;

    fn names(declared: &str, t: MetricType, f: Format) -> Vec<String> {
        let family = family(declared, t, f);
        samples(t, f)
            .iter()
            .map(|(s, _)| format!("{family}{s}"))
            .collect()
    }

    #[test]
    fn each_type_in_each_format() {
        assert_eq!(family("x_total", Counter, OpenMetrics), "x");
        assert_eq!(names("x_total", Counter, OpenMetrics), ["x_total"]);
        assert_eq!(names("x_total", Counter, Prometheus), ["x_total"]);
        // A counter declared without `_total` (an allowed legacy name).
        assert_eq!(family("x", Counter, OpenMetrics), "x");
        assert_eq!(names("x", Counter, OpenMetrics), ["x_total"]);
        assert_eq!(names("x", Counter, Prometheus), ["x"]);
        assert_eq!(family("x_total", Gauge, OpenMetrics), "x_total");
        assert_eq!(names("g", Gauge, OpenMetrics), ["g"]);
        for f in Format::ALL {
            assert_eq!(names("h", Histogram, f), ["h_bucket", "h_sum", "h_count"]);
            assert_eq!(names("s", Summary, f), ["s", "s_sum", "s_count"]);
        }
        assert_eq!(strip_total("_total"), "_total");
        assert_eq!(strip_total("é_total"), "é");
    }

    #[test]
    fn a_sample_name_is_read_back_to_what_it_holds() {
        assert_eq!(
            sample_of("x_total", Counter, OpenMetrics, "x_total"),
            Some(Sample::Value)
        );
        assert_eq!(sample_of("x_total", Counter, OpenMetrics, "x"), None);
        assert_eq!(
            sample_of("x", Counter, Prometheus, "x"),
            Some(Sample::Value)
        );
        assert_eq!(
            sample_of("h", Histogram, Prometheus, "h_bucket"),
            Some(Sample::Bucket)
        );
        assert_eq!(sample_of("h", Histogram, Prometheus, "h"), None);
        assert_eq!(
            sample_of("s", Summary, OpenMetrics, "s_count"),
            Some(Sample::Count)
        );
        assert_eq!(
            sample_of("s", Summary, OpenMetrics, "s_sum"),
            Some(Sample::Sum)
        );
        assert_eq!(sample_of("s", Summary, OpenMetrics, "s_bucket"), None);
        assert_eq!(
            sample_by_suffix(Histogram, OpenMetrics, "_bucket"),
            Some(Sample::Bucket)
        );
        assert_eq!(
            sample_by_suffix(Summary, OpenMetrics, ""),
            Some(Sample::Value)
        );
        assert_eq!(Sample::Bucket.bound_label(Histogram), Some("le"));
        assert_eq!(Sample::Value.bound_label(Summary), Some("quantile"));
        assert_eq!(Sample::Value.bound_label(Counter), None);
        assert!(concat_eq("ab", "c", "a", "bc"));
        assert!(!concat_eq("ab", "c", "a", "b"));
    }
}
