//! Checks of one metric group and its label sets, evaluated by the compiler, each reporting at
//! the token to change: a bucket preset out of order (at the preset), a label named `le` or
//! `quantile` on a histogram or summary (at the label), free text behind a type alias with no
//! declared bound (at the label's type).
//!
//! A label set is declared by one derive and used by another, so a check that needs both is a
//! trait the label set's derive implements and the family's derive names once per metric: the
//! compiler reports the failure where the implementing derive put it (the label) and notes the
//! use (the metric).

use crate::descriptor::{MetricDescriptor, MetricType};
use crate::group::MetricGroup;
use crate::label::LabelSet;
use crate::message::Message;
use crate::metrics::{
    Counter, CounterValue, Family, Gauge, GaugeValue, Histogram, MetricKind, Summary,
};

/// The compile-time message when the bucket preset `preset` of the histogram `metric` is not
/// finite and strictly increasing, naming the bound out of order and its neighbour.
pub const fn bucket_preset_message(bounds: &[f64], preset: &str, metric: &str) -> Option<Message> {
    if bounds.is_empty() {
        return Some(
            Message::new()
                .push("bucket preset `")
                .push(preset)
                .push("` of `")
                .push(metric)
                .push(
                    "` is empty: a histogram needs at least one bound besides the implicit `+Inf`",
                ),
        );
    }
    let mut i = 0;
    while i < bounds.len() {
        let bound = bounds[i];
        let message = if !bound.is_finite() {
            at(
                Message::new().push("bucket bounds are finite, but "),
                preset,
                i,
            )
            .push_f64(bound)
            .push(" in the preset of `")
            .push(metric)
            .push("`: remove it (`+Inf` is implicit)")
        } else if i > 0 && bound == bounds[i - 1] {
            let message = Message::new()
                .push("bucket bound ")
                .push_f64(bound)
                .push(" is listed twice in the preset of `")
                .push(metric)
                .push("`, as `");
            index(index(message, preset, i - 1).push("` and `"), preset, i).push("`: remove one")
        } else if i > 0 && bound < bounds[i - 1] {
            let message = at(
                Message::new().push("bucket bounds must increase: "),
                preset,
                i,
            )
            .push_f64(bound)
            .push(" comes after ");
            at(message, preset, i - 1)
                .push_f64(bounds[i - 1])
                .push(" in the preset of `")
                .push(metric)
                .push("`; sort the preset")
        } else {
            i += 1;
            continue;
        };
        return Some(message);
    }
    None
}

/// `` PRESET[i] ``.
const fn index(message: Message, preset: &str, i: usize) -> Message {
    message.push(preset).push("[").push_usize(i).push("]")
}

/// `` `PRESET[i]` = ``: the bound at `i`, before its value.
const fn at(message: Message, preset: &str, i: usize) -> Message {
    index(message.push("`"), preset, i).push("` = ")
}

/// The label set of a metric field type: `L` for `Family<L, _>`, `()` for an unlabelled metric.
/// The family derive names the checks of a field's labels through it, so that they also run
/// when the field type is an alias.
pub trait Labelled {
    /// The label set.
    type Labels;
}

impl<L: LabelSet, M: MetricKind, R: crate::metrics::Lifecycle> Labelled for Family<L, M, R> {
    type Labels = L;
}

impl<N: CounterValue> Labelled for Counter<N> {
    type Labels = ();
}

impl<N: GaugeValue> Labelled for Gauge<N> {
    type Labels = ();
}

impl Labelled for Histogram {
    type Labels = ();
}

impl Labelled for Summary {
    type Labels = ();
}

/// Rule: `le` carries a histogram's bucket bounds and `quantile` a summary's quantiles, so a
/// label of either name on either breaks its samples and every query of them.
///
/// `#[derive(LabelSet)]` implements it: `CHECK` fails the build, at a label named `le` or
/// `quantile`, when the label set is used by the `I`th metric of the metric group `F` and that
/// metric is a histogram or a summary. `#[derive(MetricGroup)]` evaluates it for each of its
/// histograms and summaries.
pub trait ReservedLabels<F: MetricGroup, const I: usize> {
    /// Evaluating it fails the build when the metric has a reserved label.
    const CHECK: () = ();
}

impl<F: MetricGroup, const I: usize> ReservedLabels<F, I> for () {}

/// The compile-time message when `metric`, which uses the label `label` of the label set
/// `labels`, is a histogram or a summary, for which the name is reserved.
pub const fn reserved_label_message(
    metric: &MetricDescriptor,
    label: &str,
    labels: &str,
) -> Option<Message> {
    let why = match (metric.metric_type, label.as_bytes()) {
        (MetricType::Histogram, b"le") => {
            "its `_bucket` samples carry each bucket's upper bound in `le`"
        }
        (MetricType::Histogram, _) => "`quantile` is reserved for the quantiles of summaries",
        (MetricType::Summary, b"quantile") => "its samples carry each quantile in `quantile`",
        (MetricType::Summary, _) => "`le` is reserved for the bucket bounds of histograms",
        (MetricType::Counter | MetricType::Gauge, _) => return None,
    };
    Some(
        Message::new()
            .push(metric.metric_type.as_str())
            .push(" `")
            .push(metric.name)
            .push("` cannot have the label `")
            .push(label)
            .push("` of `")
            .push(labels)
            .push("`: ")
            .push(why)
            .push("; rename the label with #[label(name = \"...\")]"),
    )
}

/// Rule: free text declares how many distinct values it takes (`#[label(bound = N)]`) or that
/// nothing bounds it (`#[label(unbounded)]`); a closed set's size is already known.
///
/// `#[derive(LabelSet)]` sees free text only when it is written `&str` or `Option<&str>`; a
/// field with no bound may be free text behind a type alias. It implements this trait for its
/// label set `L`: `CHECK` fails the build, at the type of such a field, when the field is free
/// text after all. `#[derive(MetricGroup)]` evaluates it for each of its metrics; it is generic
/// in `L` (always the label set itself) so that it reads the set's descriptors without
/// requiring them where the set is declared, and is evaluated once however many metrics use it.
pub trait LabelBounds<L: LabelSet> {
    /// Evaluating it fails the build when a label without a bound is free text.
    const CHECK: () = ();
}

impl LabelBounds<()> for () {}

#[cfg(test)]
mod tests {
    use super::*;

    fn preset(bounds: &[f64]) -> Option<String> {
        bucket_preset_message(bounds, "LATENCY", "request_seconds").map(|m| m.as_str().to_owned())
    }

    #[test]
    fn a_preset_out_of_order_names_the_bound_and_its_neighbour() {
        assert_eq!(preset(&[0.001, 0.01, 0.1, 1.0]), None);
        assert_eq!(
            preset(&[0.001, 0.1, 0.01, 1.0]).as_deref(),
            Some(
                "bucket bounds must increase: `LATENCY[2]` = 0.01 comes after `LATENCY[1]` = 0.1 in the preset of `request_seconds`; sort the preset"
            )
        );
        assert_eq!(
            preset(&[0.25, 0.5, 0.5]).as_deref(),
            Some(
                "bucket bound 0.5 is listed twice in the preset of `request_seconds`, as `LATENCY[1]` and `LATENCY[2]`: remove one"
            )
        );
        assert!(
            preset(&[1.0, f64::INFINITY])
                .unwrap()
                .contains("`LATENCY[1]` = +Inf")
        );
        assert!(preset(&[f64::NAN]).unwrap().contains("`LATENCY[0]` = NaN"));
        assert!(preset(&[]).unwrap().contains("is empty"));
    }

    #[test]
    fn reserved_labels_are_reserved_on_histograms_and_summaries_only() {
        let metric = |metric_type| MetricDescriptor::bare("latency_seconds", metric_type);
        let message = |t, label| {
            reserved_label_message(&metric(t), label, "Labels").map(|m| m.as_str().to_owned())
        };
        assert_eq!(message(MetricType::Counter, "le"), None);
        assert_eq!(message(MetricType::Gauge, "quantile"), None);
        assert_eq!(
            message(MetricType::Histogram, "le").as_deref(),
            Some(
                "histogram `latency_seconds` cannot have the label `le` of `Labels`: its `_bucket` samples carry each bucket's upper bound in `le`; rename the label with #[label(name = \"...\")]"
            )
        );
        assert!(
            message(MetricType::Summary, "quantile")
                .unwrap()
                .contains("each quantile in `quantile`")
        );
        assert!(message(MetricType::Summary, "le").is_some());
        assert!(message(MetricType::Histogram, "quantile").is_some());
    }
}
