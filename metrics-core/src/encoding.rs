//! Sorted, escaped OpenMetrics text for a whole prometheus-client registry.
//!
//! prometheus-client writes families in registration order, series of its own `Family` in hash
//! order, and HELP text unescaped. [`encode`] fixes all three for the toolkit's metrics: HELP is
//! escaped when the toolkit registers a metric, label values are escaped by prometheus-client
//! (0.25.2 and later), and the output is put in a stable order: families by name, series by
//! their labels, the samples of a series in the order written.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;

use prometheus_client::registry::Registry;

/// Escapes a HELP text for the OpenMetrics text format: `\`, newline and `"`.
pub fn escape_help(help: &str) -> Cow<'_, str> {
    if !help.contains(['\\', '\n', '"']) {
        return Cow::Borrowed(help);
    }
    let mut out = String::with_capacity(help.len() + 8);
    for c in help.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '"' => out.push_str("\\\""),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Encodes `registry` as an OpenMetrics 1.0 text exposition, ending in `# EOF`, with families
/// sorted by name and series sorted by their labels, so that the output is byte-stable.
///
/// Metrics registered by hand with prometheus-client are sorted too, but their HELP text is
/// written as prometheus-client writes it (unescaped, with a period appended).
pub fn encode(registry: &Registry) -> Result<String, fmt::Error> {
    let mut raw = String::new();
    prometheus_client::encoding::text::encode_registry(&mut raw, registry)?;
    let mut out = String::with_capacity(raw.len() + 8);
    sort_exposition(&raw, &mut out);
    out.push_str("# EOF\n");
    Ok(out)
}

/// One family: its descriptor lines and its series.
struct Block<'a> {
    name: &'a str,
    header: Vec<&'a str>,
    series: Vec<Series<'a>>,
}

/// The consecutive samples of one series: a histogram's `_sum`, `_count` and `_bucket` lines
/// share the labels other than `le`.
struct Series<'a> {
    key: Labels<'a>,
    lines: Vec<Cow<'a, str>>,
}

/// Label pairs with unescaped values.
type Labels<'a> = Vec<(&'a str, Cow<'a, str>)>;

/// Reorders an exposition without its `# EOF` line: families by name, then series by labels.
fn sort_exposition(raw: &str, out: &mut String) {
    let mut blocks: Vec<Block<'_>> = Vec::new();
    for line in raw.lines() {
        if let Some(rest) = line.strip_prefix("# ") {
            let mut words = rest.splitn(3, ' ');
            let (kind, name) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
            // A family starts at its HELP line, or at a TYPE or UNIT line of another name.
            let continues = matches!(kind, "TYPE" | "UNIT")
                && blocks
                    .last()
                    .is_some_and(|b| b.name == name && b.series.is_empty());
            if !continues {
                blocks.push(Block {
                    name,
                    header: Vec::new(),
                    series: Vec::new(),
                });
            }
            if let Some(block) = blocks.last_mut() {
                block.header.push(line);
            }
            continue;
        }
        let Some(block) = blocks.last_mut() else {
            blocks.push(Block {
                name: "",
                header: Vec::new(),
                series: Vec::new(),
            });
            continue;
        };
        let (line, key) = sample_key(line);
        match block.series.last_mut() {
            Some(series) if series.key == key => series.lines.push(line),
            _ => block.series.push(Series {
                key,
                lines: vec![line],
            }),
        }
    }
    blocks.sort_by(|a, b| a.name.cmp(b.name));
    for block in &mut blocks {
        block.series.sort_by(|a, b| cmp_key(&a.key, &b.key));
        for line in &block.header {
            out.push_str(line);
            out.push('\n');
        }
        for series in &block.series {
            for line in &series.lines {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
}

fn cmp_key(a: &[(&str, Cow<'_, str>)], b: &[(&str, Cow<'_, str>)]) -> Ordering {
    a.iter()
        .map(|(n, v)| (*n, &**v))
        .cmp(b.iter().map(|(n, v)| (*n, &**v)))
}

/// The series key of a sample line: its labels, unescaped, without `le` on a `_bucket` sample.
/// An empty label set `{}` is dropped from the line.
fn sample_key(line: &str) -> (Cow<'_, str>, Labels<'_>) {
    let Some(open) = line
        .find(['{', ' '])
        .filter(|&i| line.as_bytes()[i] == b'{')
    else {
        return (Cow::Borrowed(line), Vec::new());
    };
    let name = &line[..open];
    let Some((labels, end)) = parse_labels(&line[open + 1..]) else {
        return (Cow::Borrowed(line), Vec::new());
    };
    let is_bucket = name.ends_with("_bucket");
    let key = labels
        .into_iter()
        .filter(|(n, _)| !(is_bucket && *n == "le"))
        .collect();
    if end == 0 {
        let rest = &line[open + 2..];
        return (Cow::Owned(format!("{name}{rest}")), key);
    }
    (Cow::Borrowed(line), key)
}

/// Parses `k="v",...}`; returns the pairs with unescaped values and the offset of `}`.
fn parse_labels(s: &str) -> Option<(Labels<'_>, usize)> {
    let bytes = s.as_bytes();
    let mut pairs = Vec::new();
    let mut i = 0;
    loop {
        if bytes.get(i)? == &b',' {
            i += 1;
        }
        if bytes.get(i)? == &b'}' {
            return Some((pairs, i));
        }
        let eq = i + s[i..].find('=')?;
        let name = &s[i..eq];
        if bytes.get(eq + 1) != Some(&b'"') {
            return None;
        }
        let start = eq + 2;
        let mut j = start;
        let mut escaped = false;
        while *bytes.get(j)? != b'"' {
            if bytes[j] == b'\\' {
                escaped = true;
                j += 1;
            }
            j += 1;
        }
        let raw = &s[start..j];
        let value = if escaped {
            Cow::Owned(unescape(raw))
        } else {
            Cow::Borrowed(raw)
        };
        pairs.push((name, value));
        i = j + 1;
    }
}

fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_escapes_backslash_newline_and_quote() {
        assert_eq!(escape_help("plain"), "plain");
        assert_eq!(escape_help("a\\b\nc\"d"), "a\\\\b\\nc\\\"d");
    }

    #[test]
    fn families_and_series_are_sorted_and_histogram_lines_stay_together() {
        let raw = "# HELP b_x B.\n# TYPE b_x counter\nb_x_total{k=\"z\"} 1\nb_x_total{k=\"a\\\"q\"} 2\n\
                   # HELP a_h A.\n# TYPE a_h histogram\na_h_sum{m=\"2\"} 1.0\na_h_count{m=\"2\"} 1\n\
                   a_h_bucket{le=\"1.0\",m=\"2\"} 1\na_h_bucket{le=\"+Inf\",m=\"2\"} 1\n\
                   a_h_sum{m=\"1\"} 0.0\na_h_count{m=\"1\"} 0\na_h_bucket{le=\"1.0\",m=\"1\"} 0\n\
                   a_h_bucket{le=\"+Inf\",m=\"1\"} 0\n";
        let mut out = String::new();
        sort_exposition(raw, &mut out);
        let expected = "# HELP a_h A.\n# TYPE a_h histogram\n\
                        a_h_sum{m=\"1\"} 0.0\na_h_count{m=\"1\"} 0\na_h_bucket{le=\"1.0\",m=\"1\"} 0\n\
                        a_h_bucket{le=\"+Inf\",m=\"1\"} 0\n\
                        a_h_sum{m=\"2\"} 1.0\na_h_count{m=\"2\"} 1\na_h_bucket{le=\"1.0\",m=\"2\"} 1\n\
                        a_h_bucket{le=\"+Inf\",m=\"2\"} 1\n\
                        # HELP b_x B.\n# TYPE b_x counter\nb_x_total{k=\"a\\\"q\"} 2\nb_x_total{k=\"z\"} 1\n";
        assert_eq!(out, expected);
    }

    #[test]
    fn empty_label_sets_are_dropped() {
        let mut out = String::new();
        sort_exposition("# HELP g G\n# TYPE g gauge\ng{} 3\n", &mut out);
        assert_eq!(out, "# HELP g G\n# TYPE g gauge\ng 3\n");
    }

    #[test]
    fn unescape_restores_the_value() {
        assert_eq!(unescape(r#"a\"b\\c\nd"#), "a\"b\\c\nd");
    }
}
