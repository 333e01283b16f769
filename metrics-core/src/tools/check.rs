//! The live checker: `<program> check <service> <file-or-URL>` compares an exposition, in
//! OpenMetrics 1.0 or the Prometheus text format 0.0.4, with the catalog of a service.
//!
//! The format is the one given with `--format`, else the one the `Content-Type` of a URL names,
//! else the one the content shows ([`parse::detect`]). A URL is fetched with the `Accept` header
//! of a scraper, which prefers OpenMetrics. The exposition is read by the strict parser of
//! [`parse`] (why not a crate from crates.io is said there), then held to the rules a valid
//! exposition keeps across its lines (`strict.rs`: in OpenMetrics, buckets in increasing `le`
//! order, cumulative, ending in `+Inf` and matching `_count`; counters and counts not negative;
//! a family's lines in one group; a series once; a `# UNIT` the name ends in; info and stateset
//! values; in both formats, `le` and `quantile` numbers). A malformed page stops the check, as it
//! makes a scraper reject the whole page.
//!
//! One finding a line, `error: line 17: family: what` (`error: family: what` for a family that
//! has no line, being absent), then a summary. The levels:
//!
//! - `error`, a violation of the catalog: a family the catalog does not declare; a declared
//!   family without labels that is absent (every client library exposes an unlabelled metric
//!   from its registration); a wrong type; a HELP or UNIT that differs; a label the family does
//!   not declare, a required label missing, a value outside a closed set; histogram buckets
//!   other than the declared ones and `+Inf`, summary quantiles other than the declared ones; a
//!   family whose lines do not form one group (0.0.4: in OpenMetrics the page is malformed); a
//!   `Content-Type` that names the other format.
//! - `warning`, what may be legitimate: a declared family with labels that is absent (its series
//!   exist only once something was recorded, and a client writes no family without series); a
//!   family without a HELP line, or without the UNIT line the catalog would write (most clients
//!   never write one); a naming rule broken by a family the catalog does not declare (the
//!   catalog's own names were checked when it was compiled, with their allowances); the
//!   `x_created` gauge that some clients (Python's) write in 0.0.4 beside a counter, histogram
//!   or summary `x`.
//!
//! A finding that recurs in one family (the same missing label on every series) is reported
//! once, at its first line, with the number of other lines. The exit code of `check` is
//! 1 when an error was found or the exposition is malformed, 0 otherwise, and 2 when the check
//! could not run (bad arguments, a file or URL that cannot be read).

mod input;
mod lint;
pub mod parse;
mod strict;

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::Write;

use metrics_core::exposition::exposed_names;
use metrics_core::{Format, LabelKind, MetricDescriptor, MetricType};
use metrics_internals::exposed;

pub use input::{ACCEPT, Input, format_of_content_type, read};
pub use parse::{Exposition, ParseError};

use super::ServiceEntry;
use parse::{Family, Kind, Sample, parse_float};

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// May be legitimate.
    Warning,
    /// A violation of the catalog.
    Error,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Warning => "warning",
            Level::Error => "error",
        })
    }
}

/// One difference between an exposition and the catalog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub level: Level,
    /// The line of the exposition; `None` for what is absent from it.
    pub line: Option<usize>,
    /// The family, as the exposition names it (or as the format names a declared family);
    /// empty for a finding about the whole exposition.
    pub family: String,
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.level)?;
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        if !self.family.is_empty() {
            write!(f, "{}: ", self.family)?;
        }
        f.write_str(&self.message)
    }
}

/// The findings of one check.
#[derive(Clone, Debug)]
pub struct Report {
    /// The service checked against.
    pub service: &'static str,
    /// The format the exposition was read in.
    pub format: Format,
    /// Ordered by line; what is absent comes last, in the catalog's order.
    pub findings: Vec<Finding>,
    /// The families of the exposition.
    pub families: usize,
    /// The families of the catalog.
    pub declared: usize,
}

impl Report {
    /// The findings of `level`.
    pub fn count(&self, level: Level) -> usize {
        self.findings.iter().filter(|f| f.level == level).count()
    }

    /// The number of errors.
    pub fn errors(&self) -> usize {
        self.count(Level::Error)
    }

    /// The last line of the report: counts by level, and what was compared.
    pub fn summary(&self) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        format!(
            "summary: {}, {}; {} in the exposition ({}), {} declared by {}",
            plural(self.errors(), "error", "errors"),
            plural(self.count(Level::Warning), "warning", "warnings"),
            plural(self.families, "family", "families"),
            self.format,
            self.declared,
            self.service
        )
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for finding in &self.findings {
            writeln!(f, "{finding}")?;
        }
        writeln!(f, "{}", self.summary())
    }
}

/// Checks the text of an exposition against `service`: read as `format`, or as the format the
/// content shows when `None`.
pub fn check(
    service: &ServiceEntry,
    text: &str,
    format: Option<Format>,
) -> Result<Report, ParseError> {
    let format = format.unwrap_or_else(|| parse::detect(text));
    let exposition = parse::parse(text, format)?;
    Ok(compare(service, &exposition))
}

/// As [`check`], for bytes that may not be UTF-8.
pub fn check_bytes(
    service: &ServiceEntry,
    bytes: &[u8],
    format: Option<Format>,
) -> Result<Report, ParseError> {
    check(service, parse::decode(bytes)?, format)
}

/// The `check` command: reads `source`, prints the findings and the summary, and returns the
/// exit code (see the module documentation); messages start with `program:`.
pub fn run(service: &ServiceEntry, source: &str, format: Option<Format>, program: &str) -> u8 {
    let input = match read(source) {
        Ok(input) => input,
        Err(message) => {
            eprintln!("{program}: {message}");
            return 2;
        }
    };
    let result = parse::decode(&input.bytes).and_then(|text| {
        let detected = parse::detect(text);
        let mut report = check(service, text, format.or(input.content_type))?;
        if let (None, Some(announced)) = (format, input.content_type)
            && announced != detected
        {
            report.findings.insert(
                0,
                Finding {
                    level: Level::Error,
                    line: None,
                    family: String::new(),
                    message: format!(
                        "the Content-Type says {announced}, but the content is written in {detected}; read as the Content-Type says, as a scraper does"
                    ),
                },
            );
        }
        Ok(report)
    });
    match result {
        Ok(report) => {
            let written = std::io::stdout()
                .lock()
                .write_all(report.to_string().as_bytes());
            if let Err(e) = written
                && e.kind() != std::io::ErrorKind::BrokenPipe
            {
                eprintln!("{program}: writing the report failed: {e}");
                return 2;
            }
            u8::from(report.errors() > 0)
        }
        Err(e) => {
            eprintln!("{program}: {source}: {e}");
            eprintln!("{program}: the exposition is malformed; a scraper rejects it whole");
            1
        }
    }
}

/// Compares a parsed exposition with the catalog of `service`.
pub fn compare(service: &ServiceEntry, exposition: &Exposition) -> Report {
    let descriptors = service.descriptors();
    let format = exposition.format;
    let exposed: Vec<String> = descriptors
        .iter()
        .map(|d| exposed_names(d.name, d, format).family)
        .collect();
    let by_family: HashMap<&str, usize> = exposed
        .iter()
        .enumerate()
        .map(|(i, name)| (name.as_str(), i))
        .collect();
    let mut matched = vec![false; descriptors.len()];
    let mut owner: Vec<Option<usize>> = exposition
        .families
        .iter()
        .map(|f| by_family.get(f.name.as_str()).copied())
        .collect();
    for i in owner.iter().flatten() {
        matched[*i] = true;
    }
    // A family under the declared name rather than the name of the format (a counter `x_total`
    // written as the OpenMetrics family `x_total`) is that declaration, wrongly exposed.
    for (family, owner) in exposition.families.iter().zip(owner.iter_mut()) {
        if owner.is_none()
            && let Some(i) = descriptors
                .iter()
                .position(|d| d.name == family.name)
                .filter(|i| !matched[*i])
        {
            matched[i] = true;
            *owner = Some(i);
        }
    }

    let mut checker = Checker {
        service: service.name,
        format,
        findings: Findings::default(),
    };
    for (family, owner) in exposition.families.iter().zip(&owner) {
        for &line in &family.regrouped {
            checker.findings.once(
                Level::Error,
                line,
                family,
                "regrouped".into(),
                format!(
                    "the family starts again here, after other families (it begins on line {}): a family's lines form one group",
                    family.line
                ),
            );
        }
        match owner {
            Some(i) => checker.declared(family, descriptors[*i], &exposed[*i]),
            None => checker.unknown(family, &descriptors, &exposed, &matched),
        }
    }
    let mut findings = checker.findings.finish();
    findings.sort_by_key(|f| f.line.unwrap_or(usize::MAX));
    for (i, d) in descriptors.iter().enumerate().filter(|(i, _)| !matched[*i]) {
        let (level, why) = if d.labels.is_empty() {
            (
                Level::Error,
                "a family without labels is exposed from its registration",
            )
        } else {
            (
                Level::Warning,
                "a family with labels has no series until one is recorded",
            )
        };
        findings.push(Finding {
            level,
            line: None,
            family: exposed[i].clone(),
            message: format!(
                "declared in the catalog ({}), absent from the exposition: {why}",
                d.metric_type.as_str()
            ),
        });
    }
    Report {
        service: service.name,
        format,
        findings,
        families: exposition.families.len(),
        declared: descriptors.len(),
    }
}

/// Findings, each reported once per family and key, with the count of further lines.
#[derive(Default)]
struct Findings {
    list: Vec<(Finding, usize)>,
    keys: HashMap<(String, String), usize>,
}

impl Findings {
    fn push(&mut self, level: Level, line: usize, family: &Family, message: String) {
        self.list.push((
            Finding {
                level,
                line: Some(line),
                family: family.name.clone(),
                message,
            },
            0,
        ));
    }

    fn once(&mut self, level: Level, line: usize, family: &Family, key: String, message: String) {
        let key = (family.name.clone(), key);
        if let Some(&i) = self.keys.get(&key) {
            self.list[i].1 += 1;
            return;
        }
        self.keys.insert(key, self.list.len());
        self.push(level, line, family, message);
    }

    fn finish(self) -> Vec<Finding> {
        self.list
            .into_iter()
            .map(|(mut finding, more)| {
                if more > 0 {
                    let s = if more == 1 { "" } else { "s" };
                    finding.message = format!("{} (and {more} more line{s})", finding.message);
                }
                finding
            })
            .collect()
    }
}

struct Checker {
    service: &'static str,
    format: Format,
    findings: Findings,
}

impl Checker {
    /// A family the catalog declares as `d`, which `format` names `expected`.
    fn declared(&mut self, family: &Family, d: &MetricDescriptor, expected: &str) {
        let kind = family.kind(self.format);
        if kind.metric_type() != Some(d.metric_type) {
            let line = family.kind.as_ref().map_or(family.line, |k| k.line);
            let found = match &family.kind {
                Some(_) => format!("type {kind}"),
                None => format!("no TYPE line ({kind})"),
            };
            self.findings.push(
                Level::Error,
                line,
                family,
                format!("{found}, the catalog declares a {}", d.metric_type.as_str()),
            );
            return;
        }
        if family.name != expected {
            self.findings.push(
                Level::Error,
                family.line,
                family,
                format!(
                    "{} writes the {} `{}` as the family `{expected}`",
                    self.format,
                    d.metric_type.as_str(),
                    d.name
                ),
            );
            return;
        }
        self.metadata(family, d);
        let mut series: BTreeMap<String, Series> = BTreeMap::new();
        for sample in &family.samples {
            self.sample(family, d, sample, &mut series);
        }
        let (expected, label) = match d.metric_type {
            MetricType::Histogram => (
                d.buckets
                    .iter()
                    .copied()
                    .chain([f64::INFINITY])
                    .collect::<Vec<_>>(),
                exposed::LE,
            ),
            MetricType::Summary => (d.quantiles.to_vec(), exposed::QUANTILE),
            _ => return,
        };
        for series in series.values() {
            self.bounds(family, series, &expected, label);
        }
    }

    fn metadata(&mut self, family: &Family, d: &MetricDescriptor) {
        match &family.help {
            Some(help) if help.value != d.help => self.findings.push(
                Level::Error,
                help.line,
                family,
                format!("HELP {:?}, the catalog says {:?}", help.value, d.help),
            ),
            None if !d.help.is_empty() => self.findings.push(
                Level::Warning,
                family.line,
                family,
                format!("no HELP line; the catalog says {:?}", d.help),
            ),
            _ => {}
        }
        if self.format != Format::OpenMetrics {
            return;
        }
        // The toolkit writes a UNIT line only when the family name ends in the unit, as
        // OpenMetrics requires.
        let written = d.unit.filter(|u| {
            family
                .name
                .strip_suffix(u)
                .is_some_and(|rest| rest.ends_with('_'))
        });
        match (&family.unit, d.unit) {
            (Some(unit), Some(declared)) if unit.value != declared => self.findings.push(
                Level::Error,
                unit.line,
                family,
                format!("UNIT {:?}, the catalog declares {declared:?}", unit.value),
            ),
            (Some(unit), None) if !unit.value.is_empty() => self.findings.push(
                Level::Error,
                unit.line,
                family,
                format!("UNIT {:?}, the catalog declares no unit", unit.value),
            ),
            (None, _) if written.is_some() => self.findings.push(
                Level::Warning,
                family.line,
                family,
                format!(
                    "no UNIT line; the catalog declares {:?}",
                    written.unwrap_or_default()
                ),
            ),
            _ => {}
        }
    }

    /// The labels of one sample; a histogram's bucket or a summary's quantile joins its series.
    fn sample(
        &mut self,
        family: &Family,
        d: &MetricDescriptor,
        sample: &Sample,
        series: &mut BTreeMap<String, Series>,
    ) {
        let suffix = sample.suffix(&family.name);
        let bound = exposed::sample_by_suffix(d.metric_type, self.format, suffix)
            .and_then(|sample| sample.bound_label(d.metric_type));
        let line = sample.line;
        for (name, value) in &sample.labels {
            if Some(name.as_str()) == bound {
                continue;
            }
            let Some(label) = d.labels.iter().find(|l| l.name == name) else {
                self.findings.once(
                    Level::Error,
                    line,
                    family,
                    format!("unexpected {name}"),
                    format!(
                        "unexpected label `{name}` on `{}`; the catalog declares {}",
                        sample.name,
                        declared_labels(d)
                    ),
                );
                continue;
            };
            if let LabelKind::Closed(values) = label.kind
                && !values.contains(&value.as_str())
                && !(label.optional && value.is_empty())
            {
                self.findings.once(
                    Level::Error,
                    line,
                    family,
                    format!("value {name} {value}"),
                    format!(
                        "{name}={value:?} is not one of the values the catalog declares: {}",
                        closed_values(values)
                    ),
                );
            }
        }
        for label in d.labels.iter().filter(|l| !l.optional) {
            if sample.label(label.name).is_none() {
                self.findings.once(
                    Level::Error,
                    line,
                    family,
                    format!("missing {}", label.name),
                    format!("label `{}` is missing on `{}`", label.name, sample.name),
                );
            }
        }
        let Some(bound) = bound else { return };
        let value = match sample.label(bound) {
            None => {
                self.findings.once(
                    Level::Error,
                    line,
                    family,
                    format!("no {bound}"),
                    format!("`{}` without its `{bound}` label", sample.name),
                );
                return;
            }
            Some(text) => match parse_float(text) {
                Some(value) => (value, text.to_owned()),
                None => {
                    self.findings.once(
                        Level::Error,
                        line,
                        family,
                        format!("bad {bound}"),
                        format!("{bound}={text:?} is not a number"),
                    );
                    return;
                }
            },
        };
        let mut key: Vec<&(String, String)> =
            sample.labels.iter().filter(|(n, _)| n != bound).collect();
        key.sort();
        let key = key
            .iter()
            .map(|(n, v)| format!("{n}={v:?}"))
            .collect::<Vec<_>>()
            .join(",");
        series
            .entry(key)
            .or_insert_with(|| Series {
                line,
                bounds: Vec::new(),
            })
            .bounds
            .push(value);
    }

    /// The buckets (`le`) or quantiles of one series against the declared ones.
    fn bounds(&mut self, family: &Family, series: &Series, expected: &[f64], label: &str) {
        let extra: Vec<String> = series
            .bounds
            .iter()
            .filter(|(v, _)| !expected.contains(v))
            .map(|(_, text)| format!("{label}={text:?}"))
            .collect();
        let missing: Vec<String> = expected
            .iter()
            .filter(|v| !series.bounds.iter().any(|(b, _)| b == *v))
            .map(|v| format!("{label}=\"{}\"", bound_text(*v)))
            .collect();
        if extra.is_empty() && missing.is_empty() {
            return;
        }
        let mut parts = Vec::new();
        if !extra.is_empty() {
            parts.push(format!("not declared: {}", extra.join(", ")));
        }
        if !missing.is_empty() {
            parts.push(format!("missing: {}", missing.join(", ")));
        }
        let what = if label == "le" {
            "the buckets differ from the catalog's (declared buckets and +Inf)"
        } else {
            "the quantiles differ from the catalog's"
        };
        let message = format!("{what}; {}", parts.join("; "));
        self.findings
            .once(Level::Error, series.line, family, message.clone(), message);
    }

    /// A family the catalog does not declare.
    fn unknown(
        &mut self,
        family: &Family,
        descriptors: &[&'static MetricDescriptor],
        exposed: &[String],
        matched: &[bool],
    ) {
        let kind = family.kind(self.format);
        // Python's client writes a counter's (histogram's, summary's) creation time as a gauge
        // `x_created` in 0.0.4.
        let created_of = family.name.strip_suffix(exposed::CREATED).and_then(|base| {
            descriptors.iter().find(|d| {
                d.family_name() == base
                    && matches!(
                        d.metric_type,
                        MetricType::Counter | MetricType::Histogram | MetricType::Summary
                    )
            })
        });
        if let Some(d) = created_of.filter(|_| matches!(kind, Kind::Gauge | Kind::Untyped)) {
            self.findings.push(
                Level::Warning,
                family.line,
                family,
                format!(
                    "not in the catalog: the creation time of the {} `{}`, which some clients write as a gauge in the text format 0.0.4",
                    d.metric_type.as_str(),
                    d.name
                ),
            );
            return;
        }
        let hint = closest(&family.name, exposed, matched)
            .map(|name| format!("; did you mean `{name}`?"))
            .unwrap_or_default();
        self.findings.push(
            Level::Error,
            family.line,
            family,
            format!("not in the catalog of {}{hint}", self.service),
        );
        // The name a declaration would have: a counter's with `_total`, an info's with `_info`.
        let (name, metric_type) = match (kind, self.format) {
            (Kind::Counter, Format::OpenMetrics) => {
                (format!("{}_total", family.name), kind.metric_type())
            }
            (Kind::Info, _) => (format!("{}_info", family.name), Some(MetricType::Gauge)),
            _ => (family.name.clone(), kind.metric_type()),
        };
        let unit = family.unit.as_ref().map(|u| u.value.as_str());
        for (rule, message) in lint::metric(&name, metric_type, unit) {
            self.findings.push(
                Level::Warning,
                family.line,
                family,
                format!("naming rule `{rule}`: {message}"),
            );
        }
        for sample in &family.samples {
            for (label, _) in &sample.labels {
                for (rule, message) in lint::label(label) {
                    self.findings.once(
                        Level::Warning,
                        sample.line,
                        family,
                        format!("{rule} {label}"),
                        format!("naming rule `{rule}`: {message}"),
                    );
                }
            }
        }
    }
}

/// The `le` or `quantile` values of one series, as numbers and as written, and its first line.
struct Series {
    line: usize,
    bounds: Vec<(f64, String)>,
}

fn bound_text(v: f64) -> String {
    if v == f64::INFINITY {
        "+Inf".into()
    } else {
        v.to_string()
    }
}

fn declared_labels(d: &MetricDescriptor) -> String {
    if d.labels.is_empty() {
        return "no labels".into();
    }
    let names: Vec<String> = d
        .labels
        .iter()
        .map(|l| {
            if l.optional {
                format!("{} (optional)", l.name)
            } else {
                l.name.to_owned()
            }
        })
        .collect();
    names.join(", ")
}

fn closed_values(values: &[&str]) -> String {
    const SHOWN: usize = 12;
    let mut shown: Vec<String> = values
        .iter()
        .take(SHOWN)
        .map(|v| format!("{v:?}"))
        .collect();
    if values.len() > SHOWN {
        shown.push(format!("... ({} values)", values.len()));
    }
    shown.join(", ")
}

/// The declared family closest to `name` by edit distance, among those absent from the
/// exposition, when it is close enough to be a misspelling.
fn closest<'a>(name: &str, exposed: &'a [String], matched: &[bool]) -> Option<&'a str> {
    exposed
        .iter()
        .zip(matched)
        .filter(|(_, m)| !**m)
        .map(|(e, _)| (strsim::levenshtein(name, e), e.as_str()))
        .filter(|(d, e)| *d <= (name.len().max(e.len()) / 4).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, e)| e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_misspelled_family_names_the_declared_one() {
        let exposed = ["infra_users".to_owned(), "infra_build_info".to_owned()];
        assert_eq!(
            closest("infra_user", &exposed, &[false, false]),
            Some("infra_users")
        );
        // One already matched is no suggestion, and a name far from all gets none.
        assert_eq!(closest("infra_user", &exposed, &[true, false]), None);
        assert_eq!(closest("go_threads", &exposed, &[false, false]), None);
    }

    #[test]
    fn findings_read_as_one_line_each() {
        let finding = Finding {
            level: Level::Error,
            line: Some(12),
            family: "go_threads".into(),
            message: "type counter, the catalog declares a gauge".into(),
        };
        assert_eq!(
            finding.to_string(),
            "error: line 12: go_threads: type counter, the catalog declares a gauge"
        );
    }
}
