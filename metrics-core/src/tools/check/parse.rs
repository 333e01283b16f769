//! A strict line parser for the two text exposition formats: OpenMetrics 1.0 and the
//! Prometheus text format 0.0.4.
//!
//! Written here rather than taken from crates.io, because the checker needs what none of the
//! parsers there gives: the line of every sample, both formats from one model, and a hard
//! error on the first malformed line (a scraper rejects the whole page). `prometheus-parse`
//! reads 0.0.4 only, with regular expressions that drop the lines they do not match and split
//! label values on `,` and `=` (so an escaped `\"` or a `,` inside a value is misread), and
//! keeps no line numbers; `openmetrics-parser` (LGPL-3.0, unlike this workspace) gathers
//! families into a map and keeps the position only of a syntax error. `prometheus-wire`,
//! `prometheus-exposition-format-rs` and `prom_text_format_parser` read 0.0.4 only.
//!
//! The grammar followed: 0.0.4 as the Go client's `expfmt` text parser reads it (blanks are runs
//! of spaces and tabs, blank lines and `#` comments are ignored, a trailing comma may close a
//! label set, timestamps are integer milliseconds); OpenMetrics 1.0 by its ABNF (single spaces,
//! no blank line or free comment, no trailing comma, float timestamps, exemplars of 128 label
//! characters at most, `# EOF` last). In both, a label value's unknown escape (`\t`) is kept as
//! written, as the Prometheus server reads it. The rules across lines are in `strict.rs`.

use std::collections::HashMap;
use std::fmt;

use metrics_core::{Format, MetricType};
use metrics_internals::exposed::{self, BUCKET, COUNT, CREATED, SUM, TOTAL};

/// A malformed exposition: where, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// The 1-based line.
    pub line: usize,
    /// The 1-based column (in characters), where it helps.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.column {
            Some(column) => write!(f, "line {}, column {column}: {}", self.line, self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

impl std::error::Error for ParseError {}

/// The type on a `# TYPE` line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Counter,
    Gauge,
    Histogram,
    Summary,
    /// 0.0.4's `untyped`, also a 0.0.4 family without a `# TYPE` line.
    Untyped,
    /// OpenMetrics' `unknown`, also an OpenMetrics family without a `# TYPE` line.
    Unknown,
    Info,
    StateSet,
    GaugeHistogram,
}

impl Kind {
    fn parse(word: &str, format: Format) -> Option<Kind> {
        let kind = match word {
            "counter" => Kind::Counter,
            "gauge" => Kind::Gauge,
            "histogram" => Kind::Histogram,
            "summary" => Kind::Summary,
            "untyped" => Kind::Untyped,
            "unknown" => Kind::Unknown,
            "info" => Kind::Info,
            "stateset" => Kind::StateSet,
            "gaugehistogram" => Kind::GaugeHistogram,
            _ => return None,
        };
        let openmetrics_only = matches!(
            kind,
            Kind::Unknown | Kind::Info | Kind::StateSet | Kind::GaugeHistogram
        );
        match format {
            Format::OpenMetrics if kind == Kind::Untyped => None,
            Format::Prometheus if openmetrics_only => None,
            _ => Some(kind),
        }
    }

    /// The word on the `# TYPE` line.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Counter => "counter",
            Kind::Gauge => "gauge",
            Kind::Histogram => "histogram",
            Kind::Summary => "summary",
            Kind::Untyped => "untyped",
            Kind::Unknown => "unknown",
            Kind::Info => "info",
            Kind::StateSet => "stateset",
            Kind::GaugeHistogram => "gaugehistogram",
        }
    }

    /// The catalog's type of the same name, if there is one.
    pub fn metric_type(self) -> Option<MetricType> {
        match self {
            Kind::Counter => Some(MetricType::Counter),
            Kind::Gauge => Some(MetricType::Gauge),
            Kind::Histogram => Some(MetricType::Histogram),
            Kind::Summary => Some(MetricType::Summary),
            _ => None,
        }
    }

    /// The suffixes of this kind's sample names after the family name, in `format`: what the
    /// toolkit writes for its four types (`exposed::samples`), what OpenMetrics' other types
    /// write, and the `_created` samples of OpenMetrics, which other writers add.
    pub fn suffixes(self, format: Format) -> Vec<&'static str> {
        let written: Vec<&'static str> = match self.metric_type() {
            Some(t) => exposed::samples(t, format)
                .iter()
                .map(|(s, _)| *s)
                .collect(),
            None => self.other_suffixes().to_vec(),
        };
        written
            .into_iter()
            .chain(self.has_created(format).then_some(CREATED))
            .collect()
    }

    /// Whether `suffix` (after the family name) is one of this kind's sample names in `format`,
    /// as [`Kind::suffixes`] lists them, without building the list: it is asked of every
    /// sample line.
    fn has_suffix(self, format: Format, suffix: &str) -> bool {
        let written = match self.metric_type() {
            Some(t) => exposed::sample_by_suffix(t, format, suffix).is_some(),
            None => self.other_suffixes().contains(&suffix),
        };
        written || (suffix == CREATED && self.has_created(format))
    }

    /// The sample suffixes of the kinds the toolkit does not declare.
    fn other_suffixes(self) -> &'static [&'static str] {
        match self {
            Kind::GaugeHistogram => &[BUCKET, "_gsum", "_gcount"],
            Kind::Info => &["_info"],
            _ => &[""],
        }
    }

    /// Whether the kind has `_created` samples in `format`.
    fn has_created(self, format: Format) -> bool {
        format == Format::OpenMetrics
            && matches!(self, Kind::Counter | Kind::Histogram | Kind::Summary)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One sample line.
#[derive(Clone, Debug, PartialEq)]
pub struct Sample {
    /// The 1-based line.
    pub line: usize,
    /// The sample name (`x_bucket`, `x_total`, ...).
    pub name: String,
    /// The labels in the order written, values unescaped.
    pub labels: Vec<(String, String)>,
    pub value: f64,
    /// Seconds in OpenMetrics, milliseconds in 0.0.4, as written.
    pub timestamp: Option<f64>,
    /// Whether an exemplar follows the value (OpenMetrics).
    pub exemplar: bool,
}

impl Sample {
    /// The suffix of the sample name after `family`.
    pub fn suffix<'a>(&'a self, family: &str) -> &'a str {
        self.name.strip_prefix(family).unwrap_or(&self.name)
    }

    /// The value of a label.
    pub fn label(&self, name: &str) -> Option<&str> {
        self.labels
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A `# HELP`, `# TYPE` or `# UNIT` text and its line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meta<T> {
    pub value: T,
    pub line: usize,
}

/// The lines of one family: its metadata and samples.
#[derive(Clone, Debug, PartialEq)]
pub struct Family {
    pub name: String,
    /// The first line of the family.
    pub line: usize,
    /// The `# TYPE` line; without one, the family is `untyped` (0.0.4) or `unknown`.
    pub kind: Option<Meta<Kind>>,
    /// The `# HELP` text, unescaped.
    pub help: Option<Meta<String>>,
    /// The `# UNIT` (OpenMetrics).
    pub unit: Option<Meta<String>>,
    pub samples: Vec<Sample>,
    /// Lines where the family starts again after other families (both formats want a family's
    /// lines in one group).
    pub regrouped: Vec<usize>,
}

impl Family {
    /// The type, `untyped`/`unknown` without a `# TYPE` line.
    pub fn kind(&self, format: Format) -> Kind {
        match (&self.kind, format) {
            (Some(kind), _) => kind.value,
            (None, Format::OpenMetrics) => Kind::Unknown,
            (None, Format::Prometheus) => Kind::Untyped,
        }
    }

    fn owns(&self, sample: &str, format: Format) -> bool {
        sample
            .strip_prefix(self.name.as_str())
            .is_some_and(|suffix| self.kind(format).has_suffix(format, suffix))
    }
}

/// A parsed exposition.
#[derive(Clone, Debug, PartialEq)]
pub struct Exposition {
    pub format: Format,
    /// The families in the order they first appear.
    pub families: Vec<Family>,
}

/// The text of `bytes`, or where the first byte that is not UTF-8 is.
pub fn decode(bytes: &[u8]) -> Result<&str, ParseError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        // Valid up to here, so this is text; the column counts characters.
        let column = std::str::from_utf8(&valid[line_start..]).map_or(0, |s| s.chars().count()) + 1;
        ParseError {
            line,
            column: Some(column),
            message: format!(
                "not UTF-8 text (byte 0x{:02x}): an exposition is UTF-8",
                bytes[e.valid_up_to()]
            ),
        }
    })
}

/// The format `text` is written in: OpenMetrics when it has a line only OpenMetrics writes
/// (`# EOF`, `# UNIT`, a type 0.0.4 does not know, a counter `x` with a sample `x_total` or
/// `x_created`), the Prometheus text format 0.0.4 otherwise.
pub fn detect(text: &str) -> Format {
    let mut counter: Option<&str> = None;
    for line in text.lines() {
        if line == "# EOF" || line.starts_with("# UNIT ") {
            return Format::OpenMetrics;
        }
        if let Some(rest) = line.strip_prefix("# TYPE ") {
            let mut words = rest.split(' ');
            let (name, kind) = (words.next(), words.next());
            if matches!(
                kind,
                Some("unknown" | "info" | "stateset" | "gaugehistogram")
            ) {
                return Format::OpenMetrics;
            }
            counter = name.filter(|_| kind == Some("counter"));
            continue;
        }
        if let Some(family) = counter {
            let name = line.split(['{', ' ']).next().unwrap_or("");
            if name
                .strip_prefix(family)
                .is_some_and(|s| s == TOTAL || s == CREATED)
            {
                return Format::OpenMetrics;
            }
        }
    }
    Format::Prometheus
}

/// Parses `text` as `format`, stopping at the first malformed line.
pub fn parse(text: &str, format: Format) -> Result<Exposition, ParseError> {
    let mut parser = Parser {
        format,
        families: Vec::new(),
        index: HashMap::new(),
        current: None,
    };
    let complete = text.is_empty() || text.ends_with('\n');
    let lines: Vec<&str> = text.split_terminator('\n').collect();
    let mut eof = None;
    for (i, line) in lines.iter().enumerate() {
        let number = i + 1;
        if eof.is_some() {
            return Err(ParseError {
                line: number,
                column: None,
                message: "text after `# EOF`, which ends an OpenMetrics exposition".into(),
            });
        }
        let last = i + 1 == lines.len();
        match parser.line(line, number) {
            Ok(Line::Eof) => eof = Some(number),
            Ok(Line::Other) => {}
            Err(mut e) if last && !complete => {
                e.message = format!(
                    "the exposition ends in the middle of this line (no final newline): truncated? {}",
                    e.message
                );
                return Err(e);
            }
            Err(e) => return Err(e),
        }
    }
    let last = lines.len().max(1);
    match format {
        Format::OpenMetrics if eof.is_none() => Err(ParseError {
            line: last,
            column: None,
            message:
                "the exposition ends without `# EOF`: truncated? (OpenMetrics ends with `# EOF`)"
                    .into(),
        }),
        Format::Prometheus if !complete => Err(ParseError {
            line: last,
            column: None,
            message:
                "the exposition ends in the middle of this line (no final newline): truncated?"
                    .into(),
        }),
        _ => {
            let exposition = Exposition {
                format,
                families: parser.families,
            };
            super::strict::check(&exposition)?;
            Ok(exposition)
        }
    }
}

enum Line {
    Eof,
    Other,
}

struct Parser {
    format: Format,
    families: Vec<Family>,
    /// Family name to index in `families`.
    index: HashMap<String, usize>,
    /// The family the last line belonged to.
    current: Option<usize>,
}

impl Parser {
    fn error(&self, line: usize, column: Option<usize>, message: String) -> ParseError {
        ParseError {
            line,
            column,
            message,
        }
    }

    fn line(&mut self, text: &str, number: usize) -> Result<Line, ParseError> {
        let om = self.format == Format::OpenMetrics;
        // A carriage return is text inside a label value or a HELP (both formats allow it
        // there, and the writers write it as it is); at the end of another line it is a
        // `\r\n` line end, which neither format has. Elsewhere the grammar rejects it.
        if text.ends_with('\r') && !is_help(text, om) {
            let column = text.chars().count();
            return Err(self.error(
                number,
                Some(column),
                "carriage return: lines end in `\\n` alone".into(),
            ));
        }
        if om && text.is_empty() {
            return Err(self.error(number, None, "empty line: OpenMetrics has none".into()));
        }
        if !om && text.trim_matches([' ', '\t']).is_empty() {
            return Ok(Line::Other);
        }
        let trimmed = if om {
            text
        } else {
            text.trim_start_matches([' ', '\t'])
        };
        if let Some(comment) = trimmed.strip_prefix('#') {
            return self.comment(text, comment, number);
        }
        let sample = SampleParser::new(text, number, self.format).sample()?;
        self.add_sample(sample)?;
        Ok(Line::Other)
    }

    /// A `#` line: metadata, `# EOF`, or (0.0.4 only) a comment.
    fn comment(&mut self, line: &str, rest: &str, number: usize) -> Result<Line, ParseError> {
        let om = self.format == Format::OpenMetrics;
        if om && rest == " EOF" {
            return Ok(Line::Eof);
        }
        let (keyword, tail) = if om {
            let Some(rest) = rest.strip_prefix(' ') else {
                return Err(self.error(
                    number,
                    Some(2),
                    "expected `# HELP`, `# TYPE`, `# UNIT` or `# EOF`".into(),
                ));
            };
            rest.split_once(' ').unwrap_or((rest, ""))
        } else {
            let rest = rest.trim_start_matches([' ', '\t']);
            let end = rest.find([' ', '\t']).unwrap_or(rest.len());
            (&rest[..end], &rest[end..])
        };
        let metadata = match keyword {
            "HELP" | "TYPE" => keyword,
            "UNIT" if om => keyword,
            _ if om => {
                return Err(self.error(
                    number,
                    Some(3),
                    format!("`# {keyword}`: OpenMetrics has only `# HELP`, `# TYPE`, `# UNIT` and `# EOF` lines"),
                ));
            }
            // Any other `#` line is a comment in 0.0.4.
            _ => return Ok(Line::Other),
        };
        let tail = if om {
            tail
        } else {
            tail.trim_start_matches([' ', '\t'])
        };
        let (name, text) = if om {
            tail.split_once(' ').unwrap_or((tail, ""))
        } else {
            let end = tail.find([' ', '\t']).unwrap_or(tail.len());
            // As the Go parser, which skips the blanks before the text.
            let text = tail[end..].trim_start_matches([' ', '\t']);
            (&tail[..end], text)
        };
        if !valid_metric_name(name) {
            return Err(self.error(
                number,
                None,
                format!("`# {metadata}` names `{name}`, which is not a metric name"),
            ));
        }
        let index = self.family_for_metadata(name, number);
        let format = self.format;
        let family = &mut self.families[index];
        if !family.samples.is_empty() {
            return Err(ParseError {
                line: number,
                column: None,
                message: format!(
                    "`# {metadata} {name}` comes after samples of `{name}`: metadata goes first"
                ),
            });
        }
        let again = |first: usize| ParseError {
            line: number,
            column: None,
            message: format!(
                "second `# {metadata}` line for `{name}` (the first is on line {first})"
            ),
        };
        match metadata {
            "HELP" => {
                if let Some(first) = &family.help {
                    return Err(again(first.line));
                }
                let value = unescape_help(text).map_err(|(column, message)| {
                    // `text` is a slice of `line`.
                    let offset = text.as_ptr() as usize - line.as_ptr() as usize;
                    ParseError {
                        line: number,
                        column: Some(line[..offset].chars().count() + column + 1),
                        message,
                    }
                })?;
                family.help = Some(Meta {
                    value,
                    line: number,
                });
            }
            "TYPE" => {
                if let Some(first) = &family.kind {
                    return Err(again(first.line));
                }
                let word = if om {
                    text
                } else {
                    text.trim_end_matches([' ', '\t'])
                };
                let kind = Kind::parse(word, format).ok_or_else(|| ParseError {
                    line: number,
                    column: None,
                    message: match format {
                        Format::OpenMetrics => format!("unknown type `{word}`: OpenMetrics has counter, gauge, histogram, gaugehistogram, stateset, info, summary and unknown"),
                        Format::Prometheus => format!("unknown type `{word}`: the text format 0.0.4 has counter, gauge, histogram, summary and untyped"),
                    },
                })?;
                family.kind = Some(Meta {
                    value: kind,
                    line: number,
                });
            }
            _ => {
                if let Some(first) = &family.unit {
                    return Err(again(first.line));
                }
                family.unit = Some(Meta {
                    value: text.to_owned(),
                    line: number,
                });
            }
        }
        Ok(Line::Other)
    }

    /// The family a metadata line for `name` belongs to: the current one, or a new one (or an
    /// earlier one, started again).
    fn family_for_metadata(&mut self, name: &str, number: usize) -> usize {
        if let Some(current) = self.current
            && self.families[current].name == name
        {
            return current;
        }
        let index = self.start(name, number);
        self.current = Some(index);
        index
    }

    fn start(&mut self, name: &str, number: usize) -> usize {
        if let Some(&index) = self.index.get(name) {
            self.families[index].regrouped.push(number);
            return index;
        }
        self.families.push(Family {
            name: name.to_owned(),
            line: number,
            kind: None,
            help: None,
            unit: None,
            samples: Vec::new(),
            regrouped: Vec::new(),
        });
        self.index.insert(name.to_owned(), self.families.len() - 1);
        self.families.len() - 1
    }

    fn add_sample(&mut self, sample: Sample) -> Result<(), ParseError> {
        let format = self.format;
        let owner = match self.current {
            Some(current) if self.families[current].owns(&sample.name, format) => current,
            _ => {
                // A family seen before (its lines out of one group), or a new one without
                // metadata, named after the sample.
                let earlier = SUFFIXES.iter().find_map(|suffix| {
                    let base = sample.name.strip_suffix(suffix)?;
                    let &index = self.index.get(base)?;
                    self.families[index]
                        .owns(&sample.name, format)
                        .then_some(index)
                });
                match earlier {
                    Some(index) => {
                        self.families[index].regrouped.push(sample.line);
                        index
                    }
                    None => {
                        if let Some(&index) = self.index.get(&sample.name) {
                            let family = &self.families[index];
                            let kind = family.kind(format);
                            let names: Vec<String> = kind
                                .suffixes(format)
                                .iter()
                                .map(|s| format!("`{}{s}`", family.name))
                                .collect();
                            return Err(self.error(
                                sample.line,
                                Some(1),
                                format!(
                                    "`{}` is a {kind} here, whose samples are named {}",
                                    family.name,
                                    names.join(", ")
                                ),
                            ));
                        }
                        self.start(&sample.name, sample.line)
                    }
                }
            }
        };
        self.current = Some(owner);
        let family = &self.families[owner];
        if sample.exemplar {
            let suffix = sample.suffix(&family.name);
            let allowed = matches!(
                (family.kind(format), suffix),
                (Kind::Counter, TOTAL) | (Kind::Histogram | Kind::GaugeHistogram, BUCKET)
            );
            if !allowed {
                return Err(self.error(
                    sample.line,
                    None,
                    format!(
                        "an exemplar on `{}`: only a counter's `_total` and a histogram's `_bucket` samples carry exemplars",
                        sample.name
                    ),
                ));
            }
        }
        self.families[owner].samples.push(sample);
        Ok(())
    }
}

/// Whether a line is a `# HELP` line, whose text may end in a carriage return.
fn is_help(line: &str, om: bool) -> bool {
    if om {
        line.starts_with("# HELP ")
    } else {
        let rest = line.trim_start_matches([' ', '\t']);
        rest.strip_prefix('#')
            .map(|r| r.trim_start_matches([' ', '\t']))
            .is_some_and(|r| r.starts_with("HELP"))
    }
}

/// Every suffix of a sample name after its family's name, in either format.
const SUFFIXES: &[&str] = &[
    "", TOTAL, CREATED, BUCKET, SUM, COUNT, "_gsum", "_gcount", "_info",
];

/// Whether `name` matches `[a-zA-Z_:][a-zA-Z0-9_:]*`.
pub fn valid_metric_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == ':')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
}

/// The HELP text unescaped: `\\` and `\n` in both formats, `\"` too (OpenMetrics escapes it;
/// the Go parser of 0.0.4 accepts it since `prometheus/common` added it, though the 0.0.4
/// document names only the first two). Any other escape is an error, at its column.
fn unescape_help(text: &str) -> Result<String, (usize, String)> {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().enumerate();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some((_, '\\')) => out.push('\\'),
            Some((_, 'n')) => out.push('\n'),
            Some((_, '"')) => out.push('"'),
            Some((_, other)) => {
                return Err((
                    i,
                    format!(
                        "invalid escape `\\{other}` in HELP: the escapes are `\\\\`, `\\n` and `\\\"`"
                    ),
                ));
            }
            None => return Err((i, "a HELP text ends in a lone `\\`".into())),
        }
    }
    Ok(out)
}

/// Reads one sample line.
struct SampleParser<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
    format: Format,
}

impl<'a> SampleParser<'a> {
    fn new(text: &'a str, line: usize, format: Format) -> Self {
        SampleParser {
            text,
            pos: 0,
            line,
            format,
        }
    }

    fn om(&self) -> bool {
        self.format == Format::OpenMetrics
    }

    fn error(&self, message: String) -> ParseError {
        ParseError {
            line: self.line,
            column: Some(self.text[..self.pos].chars().count() + 1),
            message,
        }
    }

    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }

    /// Blanks between tokens: 0.0.4 allows any run of spaces and tabs, and none at all where
    /// `required` is false.
    fn blanks(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(' ' | '\t')) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// The separator before a value, timestamp or exemplar: exactly one space in OpenMetrics.
    fn separator(&mut self) -> bool {
        if self.om() {
            self.eat(' ')
        } else {
            self.blanks() > 0
        }
    }

    fn optional_blanks(&mut self) {
        if !self.om() {
            self.blanks();
        }
    }

    fn token(&mut self) -> &'a str {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if c == ' ' || c == '\t' {
                break;
            }
            self.pos += c.len_utf8();
        }
        &self.text[start..self.pos]
    }

    fn name(&mut self, metric: bool) -> &'a str {
        let start = self.pos;
        while let Some(c) = self.peek() {
            let ok = c.is_ascii_alphabetic()
                || c == '_'
                || (metric && c == ':')
                || (self.pos > start && c.is_ascii_digit());
            if !ok {
                break;
            }
            self.pos += 1;
        }
        &self.text[start..self.pos]
    }

    fn sample(mut self) -> Result<Sample, ParseError> {
        if !self.om() {
            self.blanks();
        }
        let name = self.name(true);
        if name.is_empty() {
            return Err(self.error(match self.peek() {
                Some(c) => format!(
                    "expected a sample (a metric name) or a `#` line, found `{}`",
                    c.escape_default()
                ),
                None => "expected a sample".into(),
            }));
        }
        let labels = if self.peek() == Some('{') {
            self.labels()?
        } else {
            Vec::new()
        };
        if !self.separator() {
            return Err(self.error(match self.peek() {
                None => format!("`{name}` has no value"),
                Some(c) => format!(
                    "expected a {} and the value, found `{}`",
                    if self.om() { "space" } else { "blank" },
                    c.escape_default()
                ),
            }));
        }
        let start = self.pos;
        let token = self.token();
        let value = parse_float(token).ok_or_else(|| {
            self.pos = start;
            self.error(format!("`{token}` is not a number"))
        })?;
        let mut sample = Sample {
            line: self.line,
            name: name.to_owned(),
            labels,
            value,
            timestamp: None,
            exemplar: false,
        };
        if self.om() {
            if self.peek().is_none() {
                return Ok(sample);
            }
            if !self.eat(' ') {
                return Err(self.error("expected a space or the end of the line".into()));
            }
            if self.peek() != Some('#') {
                sample.timestamp = Some(self.timestamp()?);
                if self.peek().is_none() {
                    return Ok(sample);
                }
                if !self.eat(' ') {
                    return Err(self.error("expected a space or the end of the line".into()));
                }
            }
            self.exemplar()?;
            sample.exemplar = true;
            return Ok(sample);
        }
        self.blanks();
        if self.peek().is_some() {
            sample.timestamp = Some(self.timestamp()?);
            self.blanks();
            if self.peek().is_some() {
                return Err(self.error("expected the end of the line after the timestamp".into()));
            }
        }
        Ok(sample)
    }

    /// A timestamp: integer milliseconds in 0.0.4, seconds (a float) in OpenMetrics.
    fn timestamp(&mut self) -> Result<f64, ParseError> {
        let start = self.pos;
        let token = self.token();
        let value = if self.om() {
            parse_float(token).filter(|v| v.is_finite())
        } else {
            token.parse::<i64>().ok().map(|ms| ms as f64)
        };
        value.ok_or_else(|| {
            self.pos = start;
            self.error(if self.om() {
                format!("`{token}` is not a timestamp (seconds)")
            } else {
                format!("`{token}` is not a timestamp (integer milliseconds)")
            })
        })
    }

    /// `# {labels} value [timestamp]` after a sample (OpenMetrics).
    fn exemplar(&mut self) -> Result<(), ParseError> {
        if !(self.eat('#') && self.eat(' ') && self.peek() == Some('{')) {
            return Err(self.error("expected a timestamp or an exemplar (`# {...} value`)".into()));
        }
        let start = self.pos;
        let labels = self.labels()?;
        // Rule: an exemplar's label names and values are 128 characters at most, together.
        let length: usize = labels
            .iter()
            .map(|(n, v)| n.chars().count() + v.chars().count())
            .sum();
        if length > 128 {
            self.pos = start;
            return Err(self.error(format!(
                "an exemplar's labels are {length} characters long: OpenMetrics allows 128, names and values together"
            )));
        }
        if !self.eat(' ') {
            return Err(self.error("expected a space and the exemplar's value".into()));
        }
        let start = self.pos;
        let token = self.token();
        if parse_float(token).is_none() {
            self.pos = start;
            return Err(self.error(format!("`{token}` is not a number")));
        }
        if self.eat(' ') {
            self.timestamp()?;
        }
        if self.peek().is_some() {
            return Err(self.error("expected the end of the line after the exemplar".into()));
        }
        Ok(())
    }

    /// `{name="value",...}`, values unescaped; no name twice.
    fn labels(&mut self) -> Result<Vec<(String, String)>, ParseError> {
        self.eat('{');
        let mut labels: Vec<(String, String)> = Vec::new();
        self.optional_blanks();
        if self.eat('}') {
            return Ok(labels);
        }
        loop {
            let start = self.pos;
            let name = self.name(false);
            if name.is_empty() {
                return Err(self.error(match self.peek() {
                    Some(c) => format!("expected a label name, found `{}`", c.escape_default()),
                    None => "the label set is not closed".into(),
                }));
            }
            if labels.iter().any(|(n, _)| n == name) {
                self.pos = start;
                return Err(self.error(format!("label `{name}` given twice")));
            }
            self.optional_blanks();
            if !self.eat('=') {
                return Err(self.error(format!("expected `=` after the label name `{name}`")));
            }
            self.optional_blanks();
            if !self.eat('"') {
                return Err(self.error(format!("expected `\"` to open the value of `{name}`")));
            }
            let value = self.label_value(name)?;
            labels.push((name.to_owned(), value));
            self.optional_blanks();
            if self.eat('}') {
                return Ok(labels);
            }
            if !self.eat(',') {
                return Err(self.error(match self.peek() {
                    Some(c) => format!("expected `,` or `}}`, found `{}`", c.escape_default()),
                    None => "the label set is not closed".into(),
                }));
            }
            self.optional_blanks();
            if self.peek() == Some('}') {
                if self.om() {
                    return Err(self.error(
                        "a comma before `}`: OpenMetrics does not allow a trailing comma".into(),
                    ));
                }
                self.eat('}');
                return Ok(labels);
            }
        }
    }

    fn label_value(&mut self, name: &str) -> Result<String, ParseError> {
        let mut value = String::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(self.error(format!("the value of `{name}` is not closed by `\"`")));
            };
            self.pos += c.len_utf8();
            match c {
                '"' => return Ok(value),
                '\\' => {
                    let escaped = self.peek();
                    match escaped {
                        Some('\\') => value.push('\\'),
                        Some('"') => value.push('"'),
                        Some('n') => value.push('\n'),
                        // Another escape is kept as written, as the Prometheus server reads it
                        // (`\t` is a backslash and a `t`).
                        Some(other) => {
                            value.push('\\');
                            value.push(other);
                            self.pos += other.len_utf8() - 1;
                        }
                        None => {
                            return Err(
                                self.error(format!("the value of `{name}` is not closed by `\"`"))
                            );
                        }
                    }
                    self.pos += 1;
                }
                c => value.push(c),
            }
        }
    }
}

/// A number as both formats write it: a decimal float, `+Inf`/`-Inf`/`Inf` and `NaN` (in any
/// case, as the Go parser and the OpenMetrics ABNF accept).
pub fn parse_float(token: &str) -> Option<f64> {
    let digits = token.strip_prefix(['+', '-']).unwrap_or(token);
    let special = ["inf", "infinity", "nan"]
        .iter()
        .any(|s| digits.eq_ignore_ascii_case(s));
    let decimal = !digits.is_empty()
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'));
    if !(special || decimal) {
        return None;
    }
    token.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prom(text: &str) -> Result<Exposition, ParseError> {
        parse(text, Format::Prometheus)
    }

    fn om(text: &str) -> Result<Exposition, ParseError> {
        parse(text, Format::OpenMetrics)
    }

    fn error(result: Result<Exposition, ParseError>) -> String {
        result.expect_err("a parse error").to_string()
    }

    #[test]
    fn text_0_0_4_with_comments_blanks_timestamps_and_escapes() {
        let text = "# a comment\n\n# HELP x The \\\\ help\\nsecond line.\n# TYPE x counter\n\
                    x{a=\"q\\\"uo,te=\",b = \"\\\\\\n\" , } 1.5e+06 1700000000000\n\
                    \tx 1\ny NaN\n";
        let exposition = prom(text).unwrap();
        assert_eq!(exposition.families.len(), 2);
        let x = &exposition.families[0];
        assert_eq!(x.help.as_ref().unwrap().value, "The \\ help\nsecond line.");
        assert_eq!(x.kind.as_ref().unwrap().value, Kind::Counter);
        assert_eq!(
            x.samples[0].labels,
            [
                ("a".into(), "q\"uo,te=".into()),
                ("b".into(), "\\\n".into())
            ]
        );
        assert_eq!(x.samples[0].value, 1.5e6);
        assert_eq!(x.samples[0].timestamp, Some(1.7e12));
        assert_eq!(x.samples[1].line, 6);
        let y = &exposition.families[1];
        assert_eq!(
            (y.name.as_str(), y.kind(Format::Prometheus)),
            ("y", Kind::Untyped)
        );
        assert!(y.samples[0].value.is_nan());
    }

    #[test]
    fn histograms_and_summaries_group_their_samples() {
        let text = "# TYPE h histogram\nh_bucket{le=\"1\"} 0\nh_bucket{le=\"+Inf\"} 2\nh_sum 3\nh_count 2\n\
                    # TYPE s summary\ns{quantile=\"0.5\"} 1\ns_sum 1\ns_count 1\n";
        let exposition = prom(text).unwrap();
        let sizes: Vec<(&str, usize)> = exposition
            .families
            .iter()
            .map(|f| (f.name.as_str(), f.samples.len()))
            .collect();
        assert_eq!(sizes, [("h", 4), ("s", 3)]);
        assert_eq!(exposition.families[0].samples[1].label("le"), Some("+Inf"));
    }

    #[test]
    fn openmetrics_counters_units_created_and_exemplars() {
        let text = "# HELP r_seconds Requests \\\"x\\\".\n# TYPE r_seconds counter\n# UNIT r_seconds seconds\n\
                    r_seconds_total{a=\"b\"} 3 1700000000.5 # {trace_id=\"abc\"} 1.0 1700000000.1\n\
                    r_seconds_created{a=\"b\"} 1700000000\n\
                    # TYPE h histogram\nh_bucket{le=\"+Inf\"} 1 # {} 0.5\nh_count 1\nh_sum 0.5\n# EOF\n";
        let exposition = om(text).unwrap();
        let r = &exposition.families[0];
        assert_eq!(r.help.as_ref().unwrap().value, "Requests \"x\".");
        assert_eq!(r.unit.as_ref().unwrap().value, "seconds");
        assert_eq!(r.samples.len(), 2);
        assert!(r.samples[0].exemplar);
        assert_eq!(r.samples[0].timestamp, Some(1700000000.5));
        assert_eq!(exposition.families[1].samples.len(), 3);
        // `# EOF` may end without a newline.
        assert!(om("a 1\n# EOF").is_ok());
    }

    #[test]
    fn the_format_is_detected_from_the_content() {
        assert_eq!(detect("a 1\n# EOF\n"), Format::OpenMetrics);
        assert_eq!(detect("# UNIT a_seconds seconds\n"), Format::OpenMetrics);
        assert_eq!(detect("# TYPE a info\n"), Format::OpenMetrics);
        assert_eq!(detect("# TYPE a counter\na_total 1\n"), Format::OpenMetrics);
        assert_eq!(
            detect("# TYPE a_total counter\na_total 1\n"),
            Format::Prometheus
        );
        assert_eq!(detect("# TYPE a counter\na 1\n"), Format::Prometheus);
        assert_eq!(detect(""), Format::Prometheus);
    }

    #[test]
    fn malformed_lines_are_errors_with_their_position() {
        assert_eq!(
            error(prom("a 1\nb{x=\"1} 2\n")),
            "line 2, column 10: the value of `x` is not closed by `\"`"
        );
        assert_eq!(
            error(prom("a 1\nb x\n")),
            "line 2, column 3: `x` is not a number"
        );
        assert_eq!(
            error(prom("a 1\n{} 2\n")),
            "line 2, column 1: expected a sample (a metric name) or a `#` line, found `{`"
        );
        assert_eq!(error(prom("a\n")), "line 1, column 2: `a` has no value");
        assert_eq!(
            error(prom("a{b=\"1\",b=\"2\"} 1\n")),
            "line 1, column 9: label `b` given twice"
        );
        assert_eq!(
            error(prom("a 1 12.5\n")),
            "line 1, column 5: `12.5` is not a timestamp (integer milliseconds)"
        );
        assert_eq!(
            error(prom("a 1\r\n")),
            "line 1, column 4: carriage return: lines end in `\\n` alone"
        );
        assert_eq!(
            error(prom("# TYPE a countr\n")),
            "line 1: unknown type `countr`: the text format 0.0.4 has counter, gauge, histogram, summary and untyped"
        );
        assert_eq!(
            error(prom("# TYPE a gauge\n# TYPE a gauge\n")),
            "line 2: second `# TYPE` line for `a` (the first is on line 1)"
        );
        assert_eq!(
            error(prom("a 1\n# TYPE a gauge\n")),
            "line 2: `# TYPE a` comes after samples of `a`: metadata goes first"
        );
        assert_eq!(
            error(prom("# TYPE h histogram\nh 1\n")),
            "line 2, column 1: `h` is a histogram here, whose samples are named `h_bucket`, `h_sum`, `h_count`"
        );
        assert_eq!(
            error(prom("# HELP a x\\ty\n")),
            "line 1, column 11: invalid escape `\\t` in HELP: the escapes are `\\\\`, `\\n` and `\\\"`"
        );
    }

    #[test]
    fn openmetrics_is_stricter() {
        assert_eq!(
            error(om("a 1\n")),
            "line 1: the exposition ends without `# EOF`: truncated? (OpenMetrics ends with `# EOF`)"
        );
        assert_eq!(
            error(om("a 1\n\n# EOF\n")),
            "line 2: empty line: OpenMetrics has none"
        );
        assert_eq!(
            error(om("a  1\n# EOF\n")),
            "line 1, column 3: `` is not a number"
        );
        assert_eq!(
            error(om("a{b=\"1\",} 1\n# EOF\n")),
            "line 1, column 9: a comma before `}`: OpenMetrics does not allow a trailing comma"
        );
        assert_eq!(
            error(om("# a comment\n# EOF\n")),
            "line 1, column 3: `# a`: OpenMetrics has only `# HELP`, `# TYPE`, `# UNIT` and `# EOF` lines"
        );
        assert_eq!(
            error(om("# EOF\na 1\n")),
            "line 2: text after `# EOF`, which ends an OpenMetrics exposition"
        );
        assert_eq!(
            error(om("# TYPE a untyped\n# EOF\n")),
            "line 1: unknown type `untyped`: OpenMetrics has counter, gauge, histogram, gaugehistogram, stateset, info, summary and unknown"
        );
        assert_eq!(
            error(om("# TYPE a gauge\na 1 # {} 1\n# EOF\n")),
            "line 2: an exemplar on `a`: only a counter's `_total` and a histogram's `_bucket` samples carry exemplars"
        );
        assert_eq!(
            error(om("# TYPE a counter\na 1\n# EOF\n")),
            "line 2, column 1: `a` is a counter here, whose samples are named `a_total`, `a_created`"
        );
    }

    #[test]
    fn truncation_and_bad_bytes() {
        assert_eq!(
            error(prom("a 1\nb 2")),
            "line 2: the exposition ends in the middle of this line (no final newline): truncated?"
        );
        assert_eq!(
            error(prom("a 1\nb{x=\"1")),
            "line 2, column 7: the exposition ends in the middle of this line (no final newline): truncated? the value of `x` is not closed by `\"`"
        );
        assert_eq!(
            decode(b"a 1\nb\xff 2\n").unwrap_err().to_string(),
            "line 2, column 2: not UTF-8 text (byte 0xff): an exposition is UTF-8"
        );
        assert!(prom("").unwrap().families.is_empty());
    }

    #[test]
    fn a_carriage_return_is_text_in_a_label_value_or_a_help() {
        for format in Format::ALL {
            let eof = if format == Format::OpenMetrics {
                "# EOF\n"
            } else {
                ""
            };
            let page = parse(&format!("# HELP a x\r\na{{b=\"x\ry\"}} 1\n{eof}"), format).unwrap();
            assert_eq!(page.families[0].help.as_ref().unwrap().value, "x\r");
            assert_eq!(page.families[0].samples[0].labels[0].1, "x\ry");
            assert_eq!(
                parse(&format!("a 1\r\n{eof}"), format)
                    .unwrap_err()
                    .to_string(),
                "line 1, column 4: carriage return: lines end in `\\n` alone"
            );
        }
    }

    #[test]
    fn a_family_that_starts_again_is_recorded() {
        let exposition = prom("# TYPE a gauge\na{x=\"1\"} 1\nb 1\na{x=\"2\"} 1\n").unwrap();
        assert_eq!(exposition.families.len(), 2);
        assert_eq!(exposition.families[0].samples.len(), 2);
        assert_eq!(exposition.families[0].regrouped, [4]);
    }

    #[test]
    fn floats() {
        for (text, value) in [
            ("+Inf", f64::INFINITY),
            ("-inf", f64::NEG_INFINITY),
            ("1e+06", 1e6),
            ("-0.5", -0.5),
            (".5", 0.5),
        ] {
            assert_eq!(parse_float(text), Some(value), "{text}");
        }
        assert!(parse_float("NaN").unwrap().is_nan());
        for text in ["", "0x10", "1_000", "one", "infinite"] {
            assert_eq!(parse_float(text), None, "{text}");
        }
    }
}
