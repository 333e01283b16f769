//! The rules of a valid exposition beyond its line syntax, checked once the lines are read: what
//! OpenMetrics 1.0 requires of a family's samples taken together, and the one such rule the
//! Prometheus server applies to the text format 0.0.4 (a bucket's `le` and a quantile are
//! numbers). Each is a [`ParseError`] at the line that breaks it: a scraper rejects the page.

use std::collections::HashMap;

use metrics_core::Format;
use metrics_internals::exposed::{BUCKET, COUNT, LE, QUANTILE, TOTAL};

use super::parse::{Exposition, Family, Kind, ParseError, Sample, parse_float};

/// Every rule, family by family, in the order the families appear.
pub(super) fn check(exposition: &Exposition) -> Result<(), ParseError> {
    let format = exposition.format;
    for family in &exposition.families {
        bound_labels(family, format)?;
        if format == Format::OpenMetrics {
            contiguous(family)?;
            unique_label_sets(family)?;
            unit_suffix(family)?;
            values(family)?;
            buckets(family)?;
        }
    }
    Ok(())
}

fn error(line: usize, message: String) -> ParseError {
    ParseError {
        line,
        column: None,
        message,
    }
}

/// Rule (both formats): a histogram bucket's `le` and a summary's `quantile` are numbers, and a
/// quantile is within [0, 1] (the Prometheus server rejects the page otherwise).
fn bound_labels(family: &Family, format: Format) -> Result<(), ParseError> {
    let kind = family.kind(format);
    for sample in &family.samples {
        let suffix = sample.suffix(&family.name);
        let label = match (kind, suffix) {
            (Kind::Histogram | Kind::GaugeHistogram, BUCKET) => LE,
            (Kind::Summary, "") => QUANTILE,
            _ => continue,
        };
        let Some(value) = sample.label(label) else {
            return Err(error(
                sample.line,
                format!("`{}` has no `{label}` label", sample.name),
            ));
        };
        let Some(number) = parse_float(value) else {
            return Err(error(
                sample.line,
                format!("`{label}=\"{value}\"` on `{}` is not a number", sample.name),
            ));
        };
        if label == QUANTILE && !(0.0..=1.0).contains(&number) {
            return Err(error(
                sample.line,
                format!(
                    "quantile `{value}` on `{}` is not within [0, 1]",
                    sample.name
                ),
            ));
        }
    }
    Ok(())
}

/// Rule: a family's lines are one group (OpenMetrics does not interleave families).
fn contiguous(family: &Family) -> Result<(), ParseError> {
    match family.regrouped.first() {
        Some(&line) => Err(error(
            line,
            format!(
                "`{}` starts again here, after other families: an OpenMetrics family's lines are one group (it starts on line {})",
                family.name, family.line
            ),
        )),
        None => Ok(()),
    }
}

/// A label set in a canonical order (sorted by name), for comparing label sets.
type LabelSet<'a> = Vec<(&'a str, &'a str)>;

/// The labels of a sample in a canonical order, for comparing label sets.
fn label_set(sample: &Sample) -> LabelSet<'_> {
    let mut labels: LabelSet<'_> = sample
        .labels
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    labels.sort_unstable();
    labels
}

/// Rule: a sample name has each label set once.
fn unique_label_sets(family: &Family) -> Result<(), ParseError> {
    let mut seen: HashMap<(&str, LabelSet<'_>), usize> = HashMap::new();
    for sample in &family.samples {
        if let Some(first) = seen.insert((sample.name.as_str(), label_set(sample)), sample.line) {
            return Err(error(
                sample.line,
                format!(
                    "`{}` with these labels again (first on line {first}): a series appears once",
                    sample.name
                ),
            ));
        }
    }
    Ok(())
}

/// Rule: a family with a `# UNIT` has a name that ends in `_<unit>`.
fn unit_suffix(family: &Family) -> Result<(), ParseError> {
    let Some(unit) = &family.unit else {
        return Ok(());
    };
    if unit.value.is_empty() || family.name.ends_with(&format!("_{}", unit.value)) {
        return Ok(());
    }
    Err(error(
        unit.line,
        format!(
            "`# UNIT {} {}`: the name of a family with a unit ends in `_{}`",
            family.name, unit.value, unit.value
        ),
    ))
}

/// Rule: a counter's total, a histogram's or summary's count and buckets are not negative or
/// NaN; an info's value is 1; a stateset's values are 0 or 1, each with a label named after the
/// family.
fn values(family: &Family) -> Result<(), ParseError> {
    let kind = family.kind(Format::OpenMetrics);
    for sample in &family.samples {
        let suffix = sample.suffix(&family.name);
        let v = sample.value;
        let what = match (kind, suffix) {
            (Kind::Counter, TOTAL) if v.is_nan() || v < 0.0 => {
                "a counter's `_total` is neither negative nor NaN"
            }
            (Kind::Histogram | Kind::Summary, BUCKET | COUNT)
            | (Kind::GaugeHistogram, BUCKET | "_gcount")
                if v.is_nan() || v < 0.0 =>
            {
                "a bucket or a count is neither negative nor NaN"
            }
            (Kind::Info, "_info") if v != 1.0 => "an info's value is 1",
            (Kind::StateSet, "") if v != 0.0 && v != 1.0 => "a stateset's values are 0 and 1",
            (Kind::StateSet, "") if sample.label(&family.name).is_none() => {
                return Err(error(
                    sample.line,
                    format!(
                        "a stateset's sample has a label named after it: `{}` has no `{}` label",
                        sample.name, family.name
                    ),
                ));
            }
            _ => continue,
        };
        return Err(error(
            sample.line,
            format!("`{}` is {}: {what}", sample.name, number(v)),
        ));
    }
    Ok(())
}

/// A value as the writers print it.
fn number(v: f64) -> String {
    let mut out = String::new();
    crate::exposition::push_float(&mut out, v);
    out
}

/// Rule: in each histogram series, the buckets come in increasing `le` order, their counts do
/// not decrease, the last is `+Inf`, and `_count` equals it.
fn buckets(family: &Family) -> Result<(), ParseError> {
    if !matches!(
        family.kind(Format::OpenMetrics),
        Kind::Histogram | Kind::GaugeHistogram
    ) {
        return Ok(());
    }
    // Per series (the labels without `le`): the last bucket's bound, count and line.
    let mut last: HashMap<LabelSet<'_>, (f64, f64, usize)> = HashMap::new();
    let mut counts: Vec<&Sample> = Vec::new();
    for sample in &family.samples {
        let suffix = sample.suffix(&family.name);
        let mut series = label_set(sample);
        if suffix == COUNT || suffix == "_gcount" {
            counts.push(sample);
            continue;
        }
        if suffix != BUCKET {
            continue;
        }
        series.retain(|(n, _)| *n != LE);
        // A number: `bound_labels` ran first.
        let le = sample.label(LE).and_then(parse_float).unwrap_or(f64::NAN);
        if let Some(&(previous, count, _)) = last.get(&series) {
            if previous == f64::INFINITY {
                return Err(error(
                    sample.line,
                    format!("a bucket of `{}` after its `+Inf` bucket", family.name),
                ));
            }
            if le <= previous {
                return Err(error(
                    sample.line,
                    format!(
                        "bucket `le=\"{}\"` of `{}` after `le=\"{}\"`: buckets come in increasing `le` order",
                        number(le),
                        family.name,
                        number(previous)
                    ),
                ));
            }
            if sample.value < count {
                return Err(error(
                    sample.line,
                    format!(
                        "bucket `le=\"{}\"` of `{}` counts {}, fewer than the {} of the bucket before: buckets are cumulative",
                        number(le),
                        family.name,
                        number(sample.value),
                        number(count)
                    ),
                ));
            }
        }
        last.insert(series, (le, sample.value, sample.line));
    }
    // The first series, by line, whose buckets stop short of `+Inf`.
    let unfinished = last
        .iter()
        .filter(|(_, (le, _, _))| *le != f64::INFINITY)
        .min_by_key(|(_, (_, _, line))| *line);
    if let Some((series, &(_, _, line))) = unfinished {
        let labels: Vec<String> = series.iter().map(|(n, v)| format!("{n}=\"{v}\"")).collect();
        return Err(error(
            line,
            format!(
                "the buckets of `{}{{{}}}` end without `le=\"+Inf\"`",
                family.name,
                labels.join(",")
            ),
        ));
    }
    for sample in counts {
        if let Some(&(_, inf, _)) = last.get(&label_set(sample))
            && sample.value != inf
        {
            return Err(error(
                sample.line,
                format!(
                    "`{}` is {}, but its `+Inf` bucket counts {}: they are equal",
                    sample.name,
                    number(sample.value),
                    number(inf)
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::parse::parse;
    use metrics_core::Format;

    fn om(text: &str) -> Result<(), String> {
        parse(text, Format::OpenMetrics)
            .map(drop)
            .map_err(|e| e.to_string())
    }

    fn prom(text: &str) -> Result<(), String> {
        parse(text, Format::Prometheus)
            .map(drop)
            .map_err(|e| e.to_string())
    }

    /// Each rule: a page that keeps it is read, the same page breaking it is an error at the
    /// line that breaks it.
    fn rule(valid: &str, invalid: &str, message: &str) {
        assert_eq!(om(valid), Ok(()), "{valid}");
        assert_eq!(om(invalid), Err(message.to_owned()), "{invalid}");
    }

    #[test]
    fn an_unknown_escape_in_a_label_value_is_kept_as_written() {
        let page = parse("a{b=\"x\\ty\\z\"} 1\n# EOF\n", Format::OpenMetrics).unwrap();
        assert_eq!(page.families[0].samples[0].labels[0].1, "x\\ty\\z");
        let page = parse("a{b=\"\\\\ \\\" \\n\"} 1\n", Format::Prometheus).unwrap();
        assert_eq!(page.families[0].samples[0].labels[0].1, "\\ \" \n");
        assert_eq!(
            prom("a{b=\"x\\\n"),
            Err("line 1, column 8: the value of `b` is not closed by `\"`".into())
        );
    }

    #[test]
    fn counters_are_not_negative() {
        rule(
            "# TYPE c counter\nc_total 0\n# EOF\n",
            "# TYPE c counter\nc_total -1\n# EOF\n",
            "line 2: `c_total` is -1: a counter's `_total` is neither negative nor NaN",
        );
        assert!(om("# TYPE c counter\nc_total NaN\n# EOF\n").is_err());
    }

    #[test]
    fn buckets_increase_accumulate_end_in_inf_and_match_the_count() {
        let valid = "# TYPE h histogram\nh_bucket{le=\"0.1\"} 1\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 3\nh_count 3\nh_sum 2\n# EOF\n";
        rule(
            valid,
            &valid.replace("le=\"1\"} 2", "le=\"0.05\"} 2"),
            "line 3: bucket `le=\"0.05\"` of `h` after `le=\"0.1\"`: buckets come in increasing `le` order",
        );
        rule(
            valid,
            &valid.replace("le=\"1\"} 2", "le=\"1\"} 0"),
            "line 3: bucket `le=\"1\"` of `h` counts 0, fewer than the 1 of the bucket before: buckets are cumulative",
        );
        rule(
            valid,
            &valid.replace("h_bucket{le=\"+Inf\"} 3\n", ""),
            "line 3: the buckets of `h{}` end without `le=\"+Inf\"`",
        );
        rule(
            valid,
            &valid.replace("h_count 3", "h_count 4"),
            "line 5: `h_count` is 4, but its `+Inf` bucket counts 3: they are equal",
        );
        rule(
            valid,
            &valid.replace("h_bucket{le=\"0.1\"} 1", "h_bucket{le=\"0.1\"} -1"),
            "line 2: `h_bucket` is -1: a bucket or a count is neither negative nor NaN",
        );
        // Each series on its own: the second's buckets start again from the lowest bound.
        let two = "# TYPE h histogram\nh_bucket{a=\"1\",le=\"1\"} 1\nh_bucket{a=\"1\",le=\"+Inf\"} 1\nh_bucket{a=\"2\",le=\"1\"} 0\nh_bucket{a=\"2\",le=\"+Inf\"} 5\nh_count{a=\"2\"} 5\n# EOF\n";
        assert_eq!(om(two), Ok(()));
    }

    #[test]
    fn le_and_quantile_are_numbers_in_both_formats() {
        for text in [
            "# TYPE h histogram\nh_bucket{le=\"big\"} 1\n",
            "# TYPE s summary\ns{quantile=\"p99\"} 1\n",
        ] {
            let message = prom(text).unwrap_err();
            assert!(
                message.starts_with("line 2: ") && message.ends_with("is not a number"),
                "{message}"
            );
            assert_eq!(om(&format!("{text}# EOF\n")), Err(message));
        }
        assert_eq!(
            prom("# TYPE s summary\ns{quantile=\"1.5\"} 1\n"),
            Err("line 2: quantile `1.5` on `s` is not within [0, 1]".into())
        );
        assert_eq!(
            prom("# TYPE s summary\ns{quantile=\"0.5\"} 1\ns_count 1\n"),
            Ok(())
        );
    }

    #[test]
    fn a_family_is_one_group() {
        rule(
            "# TYPE a gauge\na{x=\"1\"} 1\na{x=\"2\"} 1\nb 1\n# EOF\n",
            "# TYPE a gauge\na{x=\"1\"} 1\nb 1\na{x=\"2\"} 1\n# EOF\n",
            "line 4: `a` starts again here, after other families: an OpenMetrics family's lines are one group (it starts on line 1)",
        );
        // The text format 0.0.4 reads it (the checker reports it as a finding).
        assert_eq!(
            prom("# TYPE a gauge\na{x=\"1\"} 1\nb 1\na{x=\"2\"} 1\n"),
            Ok(())
        );
    }

    #[test]
    fn a_series_appears_once() {
        rule(
            "a{x=\"1\",y=\"2\"} 1\na{x=\"2\",y=\"1\"} 1\n# EOF\n",
            "a{x=\"1\",y=\"2\"} 1\na{y=\"2\",x=\"1\"} 1\n# EOF\n",
            "line 2: `a` with these labels again (first on line 1): a series appears once",
        );
    }

    #[test]
    fn a_unit_is_the_end_of_the_name() {
        rule(
            "# TYPE d_seconds gauge\n# UNIT d_seconds seconds\nd_seconds 1\n# EOF\n",
            "# TYPE d gauge\n# UNIT d seconds\nd 1\n# EOF\n",
            "line 2: `# UNIT d seconds`: the name of a family with a unit ends in `_seconds`",
        );
    }

    #[test]
    fn info_and_stateset_values() {
        rule(
            "# TYPE b info\nb_info{v=\"1.0\"} 1\n# EOF\n",
            "# TYPE b info\nb_info{v=\"1.0\"} 2\n# EOF\n",
            "line 2: `b_info` is 2: an info's value is 1",
        );
        rule(
            "# TYPE s stateset\ns{s=\"a\"} 1\ns{s=\"b\"} 0\n# EOF\n",
            "# TYPE s stateset\ns{s=\"a\"} 1\ns{s=\"b\"} 0.5\n# EOF\n",
            "line 3: `s` is 0.5: a stateset's values are 0 and 1",
        );
        assert_eq!(
            om("# TYPE s stateset\ns{state=\"a\"} 1\n# EOF\n"),
            Err(
                "line 2: a stateset's sample has a label named after it: `s` has no `s` label"
                    .into()
            )
        );
    }

    #[test]
    fn an_exemplar_has_128_characters_of_labels_at_most() {
        let at = |n: usize| {
            format!(
                "# TYPE c counter\nc_total 1 # {{t=\"{}\"}} 1\n# EOF\n",
                "x".repeat(n - 1)
            )
        };
        assert_eq!(om(&at(128)), Ok(()));
        assert_eq!(
            om(&at(129)),
            Err("line 2, column 13: an exemplar's labels are 129 characters long: OpenMetrics allows 128, names and values together".into())
        );
    }
}
