//! The catalog against the documents it is declared from (`shared/spec/`): every family of the
//! document is declared with its name, type, labels, buckets and help, and nothing else is; for
//! hexon also the listed label values and the alerts. The documents are read here with a parser
//! of their own, independent of the declarations; where a declaration deliberately departs from
//! its document, the test names it, one by one, with the decision or correction that says why.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use metrics_core::rules::{Rule, RuleKind};
use metrics_core::{LabelKind, MetricDescriptor};

#[derive(Clone, Debug, Default, PartialEq)]
struct SpecFamily {
    metric_type: String,
    labels: Vec<String>,
    help: Option<String>,
    buckets: Vec<f64>,
}

fn spec(file: &str) -> Option<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/spec")
        .join(file);
    let text = std::fs::read_to_string(&path).ok();
    common::require(
        text.is_some(),
        &format!("the specification {}", path.display()),
        "check out shared/ beside the repository",
    )
    .then_some(text)
    .flatten()
}

fn declared(service: &str) -> BTreeMap<String, SpecFamily> {
    catalog::find(service)
        .expect("the service exists")
        .descriptors()
        .into_iter()
        .map(|d: &MetricDescriptor| {
            (
                d.name.to_owned(),
                SpecFamily {
                    metric_type: d.metric_type.as_str().to_owned(),
                    labels: d.labels.iter().map(|l| l.name.to_owned()).collect(),
                    help: Some(d.help.to_owned()),
                    buckets: d.buckets.to_vec(),
                },
            )
        })
        .collect()
}

fn numbers(list: &str) -> Vec<f64> {
    list.split(',')
        .map(|n| n.trim().parse::<f64>().expect("a bucket bound"))
        .collect()
}

/// `- name (Type)` followed by `- help : ...`, `- label : a, b`, `- buckets : 1, 2`.
fn parse_hyperauth(text: &str) -> BTreeMap<String, SpecFamily> {
    let mut families = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(rest) = trimmed.strip_prefix("- ")
            && let Some((name, kind)) = rest.split_once(" (")
            && !line.starts_with("  ")
        {
            let family = SpecFamily {
                metric_type: kind.trim_end_matches(')').to_lowercase(),
                ..SpecFamily::default()
            };
            families.insert(name.trim().to_owned(), family);
            current = Some(name.trim().to_owned());
            continue;
        }
        let Some(family) = current.as_ref().and_then(|c| families.get_mut(c)) else {
            continue;
        };
        if let Some(help) = trimmed.strip_prefix("- help : ") {
            family.help = Some(help.trim().to_owned());
        } else if let Some(labels) = trimmed.strip_prefix("- label : ") {
            family.labels = labels.split(',').map(|l| l.trim().to_owned()).collect();
        } else if let Some(buckets) = trimmed.strip_prefix("- buckets : ") {
            family.buckets = numbers(buckets);
        }
    }
    families
}

fn backticked(cell: &str) -> Vec<String> {
    cell.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// The two tables of vectored counters and histograms; names get Authelia's `authelia_`.
fn parse_authelia(text: &str) -> BTreeMap<String, SpecFamily> {
    let mut families = BTreeMap::new();
    let mut kind = None;
    for line in text.lines() {
        if line.starts_with("##### Vectored Counters") {
            kind = Some("counter");
        } else if line.starts_with("##### Vectored Histograms") {
            kind = Some("histogram");
        } else if line.starts_with('#') {
            kind = None;
        }
        let (Some(kind), Some(row)) = (kind, line.strip_prefix('|')) else {
            continue;
        };
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        if cells.len() < 3 || cells[0] == "Name" || cells[0].starts_with(':') {
            continue;
        }
        let family = SpecFamily {
            metric_type: kind.to_owned(),
            labels: backticked(cells[1]),
            help: (kind == "counter").then(|| cells[2].to_owned()),
            buckets: if kind == "histogram" {
                numbers(cells[2])
            } else {
                Vec::new()
            },
        };
        families.insert(format!("authelia_{}", cells[0]), family);
    }
    families
}

#[test]
fn signaling_declares_every_family_of_its_table() {
    let Some(text) = spec("001_1d6680fbfe2cf131.txt") else {
        return;
    };
    // | `name` | Type | Since | Description | `label`, `label` |
    let documented: BTreeMap<String, (SpecFamily, String)> = text
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split('|').map(str::trim).collect();
            let family = SpecFamily {
                metric_type: cells[1].to_lowercase(),
                labels: backticked(cells[4]),
                help: Some(cells[3].to_owned()),
                buckets: Vec::new(),
            };
            (
                cells[0].trim_matches('`').to_owned(),
                (family, cells[2].to_owned()),
            )
        })
        .collect();
    assert_eq!(documented.len(), 44, "the document lists 44 families");
    let mut declared = declared("signaling");
    // The one histogram has no documented buckets; the catalog's choice is a decision.
    for family in declared.values_mut() {
        family.buckets.clear();
    }
    let since: BTreeMap<String, String> = catalog::find("signaling")
        .expect("signaling")
        .descriptors()
        .into_iter()
        .map(|d| (d.name.to_owned(), d.since.unwrap_or_default().to_owned()))
        .collect();
    assert_eq!(
        declared,
        documented
            .iter()
            .map(|(k, (f, _))| (k.clone(), SpecFamily { ..(*f).clone() }))
            .collect()
    );
    assert_eq!(
        since,
        documented.into_iter().map(|(k, (_, s))| (k, s)).collect()
    );
}

#[test]
fn hyperauth_declares_every_family_of_its_document() {
    let Some(text) = spec("000_ae4d8bee28028289.txt") else {
        return;
    };
    let documented = parse_hyperauth(&text);
    assert_eq!(documented.len(), 20, "the document lists 20 families");
    assert_eq!(declared("hyperauth"), documented);
}

#[test]
fn authelia_declares_every_family_of_its_document() {
    let Some(text) = spec("003_1e358b2760e0738c.txt") else {
        return;
    };
    let documented = parse_authelia(&text);
    assert_eq!(documented.len(), 7, "the document lists 7 families");
    let mut declared = declared("authelia");
    // The histograms' table has no description: the catalog writes its own help for them.
    for (name, family) in &mut declared {
        if documented.get(name).is_some_and(|d| d.help.is_none()) {
            family.help = None;
        }
    }
    assert_eq!(declared, documented);
}

#[test]
fn authelia_closed_sets_are_the_documented_values() {
    let Some(text) = spec("003_1e358b2760e0738c.txt") else {
        return;
    };
    let section = |name: &str| -> String {
        let start = text
            .find(&format!("##### {name}\n"))
            .expect("the section exists");
        let rest = &text[start + 7 + name.len()..];
        rest[..rest.find("\n##").unwrap_or(rest.len())].to_owned()
    };
    let mut types = backticked(&section("type"));
    let mut endpoints: Vec<String> = section("endpoint")
        .lines()
        .filter_map(|l| l.strip_prefix("- "))
        .map(|l| l.trim().to_owned())
        .collect();
    let mut booleans = backticked(&section("success"));
    types.sort();
    endpoints.sort();
    booleans.sort();

    let descriptors = catalog::find("authelia").expect("authelia").descriptors();
    let values = |label: &str| -> Vec<String> {
        let kinds: Vec<LabelKind> = descriptors
            .iter()
            .flat_map(|d| d.labels.iter())
            .filter(|l| l.name == label)
            .map(|l| l.kind)
            .collect();
        assert!(!kinds.is_empty(), "no family has the label {label}");
        assert!(
            kinds.windows(2).all(|w| w[0] == w[1]),
            "{label} differs between families"
        );
        match kinds[0] {
            LabelKind::Closed(values) => values.iter().map(|v| v.to_string()).collect(),
            LabelKind::FreeText => panic!("{label} should be a closed set"),
        }
    };
    assert_eq!(values("type"), types);
    assert_eq!(values("endpoint"), endpoints);
    assert_eq!(values("success"), booleans);
    assert_eq!(values("banned"), booleans);
}

// ---------------------------------------------------------------------------------------------
// hexon (`002_d70fb58de778f465.txt`): a long page of modules, each with metric lines, lists of
// label values in several shapes, notes, and alert expressions.

/// What the hexon document says of one family.
#[derive(Debug, Clone, Default)]
struct HexonFamily {
    /// `None` for the untyped `e2oe_*` entries.
    metric_type: Option<String>,
    /// The labels in braces with their optional mark (`reason?`, or one of `reason|method`).
    labels: Vec<(String, bool)>,
    /// The module heading it is listed under.
    module: String,
    /// The description of each listing (one family is listed twice), its lines joined; `None`
    /// where the listing has none.
    descriptions: Vec<Option<String>>,
    /// The values the document lists, per label (a label that only value lines name included).
    values: BTreeMap<String, Documented>,
    /// `Same label sets as <family>`.
    same_as: Option<String>,
}

/// The values the document lists for one label of one family.
#[derive(Debug, Clone, Default, PartialEq)]
struct Documented {
    /// The values, as exposed (quotes and comments taken off); `""` for "(empty ...)".
    values: BTreeSet<String>,
    /// What the document writes where a list stays open: `<type>`, `...`, `or IdP error code`.
    open: Vec<String>,
}

impl Documented {
    fn add(&mut self, item: &str) {
        let item = item.trim().trim_matches('"').trim();
        let item = item.strip_prefix("or ").unwrap_or(item).trim();
        if item
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            self.values.insert(item.to_owned());
        } else {
            self.open.push(item.to_owned());
        }
    }
}

/// One line of an `Alerts:` block.
#[derive(Debug, Clone, PartialEq)]
struct DocAlert {
    module: String,
    /// The expression, as written (prose conditions such as `increasing` included).
    expr: String,
    /// What follows the expression.
    description: String,
    /// The `# ...` comment line above it, if any.
    comment: String,
}

#[derive(Debug, Default)]
struct HexonDocument {
    families: BTreeMap<String, HexonFamily>,
    alerts: Vec<DocAlert>,
    /// The `latency` type's bucket bounds, in seconds, without `+Inf`.
    latency: Vec<f64>,
    /// Values listed where no family is listed above them.
    orphans: Vec<String>,
}

/// Lists of values in a description that do not name their label (`(success/failure)`), and
/// the label the test reads each as. Any other unnamed list of two or more values is a problem
/// of the parser (`unread_lists`), so a new one cannot go unread.
const UNNAMED_LISTS: &[(&str, &str)] = &[
    ("proxy_cache_hits", "type"),
    ("proxy_canary_requests", "version"),
    ("proxy_fastcgi_pool_total", "result"),
    ("proxy_fastcgi_proto_status_total", "status"),
    ("jit2fa_webhook_validations_total", "result"),
    ("jit2fa_otp_verifications_total", "result"),
    ("jit2fa_handoff_refresh_total", "result"),
    ("kerberos_ticket_refresh_total", "result"),
    ("kerberos_ticket_revocation_total", "result"),
    ("kerberos_password_change_total", "result"),
    ("webauthn_expiration_check_total", "result"),
    ("webauthn_expiration_reminder_total", "result"),
    ("scim_client_request_errors_total", "reason"),
    ("sessions_validations_failed", "reason"),
];

/// Words the document writes after an alert's expression as part of its condition.
const PROSE_CONDITIONS: &[&str] = &["increasing", "spike", "persisting"];

/// One metric line: `name type {a, b?} description`, `name type (none) description`, labels on
/// the following line, or an untyped `e2oe_name{a,b} description`.
struct MetricLine {
    name: String,
    metric_type: Option<String>,
    labels: Vec<(String, bool)>,
    /// `{result=success|failure}`: values written inside the braces.
    inline: Vec<(String, Vec<String>)>,
    description: String,
    /// The labels were on the following line.
    used_next: bool,
}

/// `{a, b?, c|d, e=x|y}` at the start of `text`: the labels, the values written inside, and
/// what follows the braces.
type Braces<'a> = (Vec<(String, bool)>, Vec<(String, Vec<String>)>, &'a str);

fn braces(text: &str) -> Option<Braces<'_>> {
    let (inside, rest) = text.strip_prefix('{')?.split_once('}')?;
    let mut labels = Vec::new();
    let mut inline = Vec::new();
    for label in inside.split(',').map(str::trim).filter(|l| !l.is_empty()) {
        // `result=success|failure`: the label with its values inline.
        let label = match label.split_once('=') {
            Some((name, values)) => {
                inline.push((
                    name.trim_end_matches('?').to_owned(),
                    values.split('|').map(str::to_owned).collect(),
                ));
                name
            }
            None => label,
        };
        // `reason|method`: one label or the other, so each is optional.
        let alternatives: Vec<&str> = label.split('|').collect();
        let either = alternatives.len() > 1;
        for a in alternatives {
            match a.strip_suffix('?') {
                Some(optional) => labels.push((optional.to_owned(), true)),
                None => labels.push((a.to_owned(), either)),
            }
        }
    }
    Some((labels, inline, rest))
}

fn metric_line(line: &str, next: Option<&str>) -> Option<MetricLine> {
    let mut words = line.splitn(3, ' ');
    let (name, kind, rest) = (
        words.next().unwrap_or(""),
        words.next().unwrap_or(""),
        words.next().unwrap_or(""),
    );
    let name_ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.');
    if name_ok && matches!(kind, "counter" | "gauge" | "histogram" | "latency") {
        let (labels, inline, description, used_next) = if rest.starts_with('{') {
            let (labels, inline, after) = braces(rest)?;
            (labels, inline, after.trim().to_owned(), false)
        } else if let Some(next) = next.filter(|n| n.starts_with('{')) {
            // `name counter Incremented when Verify completes a user` / `{result} action.`
            let (labels, inline, after) = braces(next)?;
            let description = format!("{} {}", rest.trim(), after.trim());
            (labels, inline, description.trim().to_owned(), true)
        } else {
            let description = ["(none)", "(no labels)"]
                .iter()
                .find_map(|none| rest.strip_prefix(none))
                .unwrap_or(rest);
            (Vec::new(), Vec::new(), description.trim().to_owned(), false)
        };
        return Some(MetricLine {
            name: name.to_owned(),
            metric_type: Some(kind.to_owned()),
            labels,
            inline,
            description,
            used_next,
        });
    }
    let untyped = line.strip_prefix("e2oe_")?;
    let end = 5 + untyped.find([' ', '{']).unwrap_or(untyped.len());
    let (labels, inline, description) = match braces(&line[end..]) {
        Some((labels, inline, after)) => (labels, inline, after),
        None => (Vec::new(), Vec::new(), &line[end..]),
    };
    Some(MetricLine {
        name: line[..end].to_owned(),
        metric_type: None,
        labels,
        inline,
        description: description.trim().to_owned(),
        used_next: false,
    })
}

/// `label=a|b, other=c | d description`, `label=<type>`, `result=success | result=failure,
/// reason=x`: the assignments, and the text after them. `None` when the line starts otherwise.
type Assignments<'a> = (Vec<(String, Vec<String>)>, &'a str);

fn assignments(line: &str) -> Option<Assignments<'_>> {
    let ident_eq = |s: &str| -> Option<usize> {
        let n = s
            .find(|c: char| !(c.is_ascii_lowercase() || c == '_'))
            .unwrap_or(s.len());
        (n > 0 && s[n..].starts_with('=')).then_some(n)
    };
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let mut s = line;
    while let Some(n) = ident_eq(s) {
        let label = s[..n].to_owned();
        s = &s[n + 1..];
        let mut values = Vec::new();
        loop {
            s = s.trim_start();
            let end = if let Some(quoted) = s.strip_prefix('"') {
                quoted.find('"').map_or(s.len(), |e| e + 2)
            } else if s.starts_with('<') {
                s.find('>').map_or(s.len(), |e| e + 1)
            } else {
                s.find([' ', ',', '|', '/']).unwrap_or(s.len())
            };
            let value = &s[..end];
            s = &s[end..];
            // `channel=email|webhook, result=success|failure.`
            let value = if s.trim().is_empty() {
                value.trim_end_matches('.')
            } else {
                value
            };
            values.push(value.to_owned());
            let after = s.trim_start();
            match after.strip_prefix(['|', '/']) {
                // `result=success | result=failure`: the next assignment.
                Some(more) if ident_eq(more.trim_start()).is_some() => {
                    s = more.trim_start();
                    break;
                }
                Some(more) => s = more,
                None => break,
            }
        }
        out.push((label, values));
        if let Some(more) = s.strip_prefix(", ").filter(|m| ident_eq(m).is_some()) {
            s = more;
        }
    }
    (!out.is_empty()).then_some((out, s.trim()))
}

/// Whether a line continues the prose above it.
fn continues(line: &str) -> bool {
    line.starts_with(|c: char| c.is_ascii_lowercase() || c == '(' || c == '"')
}

/// The values of a list that starts with `first` and continues on the following lines while a
/// line ends with `,` or `|` (or a parenthesis is left open): items split at `|`, or else at `,`,
/// with comments in parentheses taken off.
fn list_items(first: &str, lines: &[&str], i: &mut usize) -> Vec<String> {
    let mut text = first.trim().to_owned();
    while (text.ends_with(',') || text.ends_with('|')) && *i < lines.len() {
        text.push(' ');
        text.push_str(lines[*i].trim());
        *i += 1;
    }
    while text.matches('(').count() > text.matches(')').count() && *i < lines.len() {
        text.push(' ');
        text.push_str(lines[*i].trim());
        *i += 1;
    }
    let text = without_parentheses(&text);
    let separator = if text.contains('|') { '|' } else { ',' };
    text.split(separator)
        .map(|item| item.trim().trim_end_matches('.').trim().to_owned())
        .filter(|item| !item.is_empty() || separator == '|')
        .collect()
}

fn without_parentheses(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Where the operand starting at `at` ends: a number (with a duration unit), a parenthesis, or a
/// name with its call, `by (...)` clause, `{...}` matchers, `[...]` range and `offset`.
fn operand_end(line: &str, at: usize) -> Option<usize> {
    let s = &line[at..];
    let group = |s: &str, open: char, close: char| -> Option<usize> {
        let mut depth = 0usize;
        let mut quoted = false;
        for (i, c) in s.char_indices() {
            match c {
                '"' => quoted = !quoted,
                _ if quoted => {}
                c if c == open => depth += 1,
                c if c == close => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(i + 1);
                    }
                }
                _ => {}
            }
        }
        None
    };
    if s.starts_with('(') {
        return group(s, '(', ')').map(|e| at + e);
    }
    let number = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    if number > 0 {
        let unit = s[number..]
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(s.len() - number);
        let end = number + unit;
        return (end == s.len() || s[end..].starts_with([' ', ')'])).then_some(at + end);
    }
    let name = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':' || c == '.'))
        .unwrap_or(s.len());
    if name == 0 || !s.starts_with(|c: char| c.is_ascii_lowercase()) {
        return None;
    }
    let mut end = name;
    loop {
        let rest = &s[end..];
        if rest.starts_with('(') {
            end += group(rest, '(', ')')?;
        } else if let Some(clause) = [" by (", " without ("]
            .iter()
            .find(|c| rest.starts_with(**c))
        {
            let start = end + clause.len() - 1;
            end = start + group(&s[start..], '(', ')')?;
            if s[end..].starts_with(" (") {
                end += 1;
            }
        } else if rest.starts_with('{') {
            end += group(rest, '{', '}')?;
        } else if rest.starts_with('[') {
            end += rest.find(']')? + 1;
        } else if let Some(offset) = rest.strip_prefix(" offset ") {
            end += 8 + offset.find(' ').unwrap_or(offset.len());
        } else {
            break;
        }
    }
    Some(at + end)
}

/// An alert line: the expression and what follows it.
fn split_alert(line: &str) -> (String, String) {
    const OPERATORS: &[&str] = &[
        ">>", ">=", "<=", "==", "!=", ">", "<", "+", "-", "*", "/", "and", "or", "unless",
    ];
    let mut at = 0;
    while let Some(end) = operand_end(line, at) {
        at = end;
        let rest = &line[at..];
        match OPERATORS
            .iter()
            .find(|op| rest.starts_with(&format!(" {op} ")))
        {
            Some(op) => at += op.len() + 2,
            None => break,
        }
    }
    for word in PROSE_CONDITIONS {
        let rest = &line[at..];
        if rest.starts_with(&format!(" {word}"))
            && !rest[word.len() + 1..].starts_with(char::is_alphanumeric)
        {
            at += word.len() + 1;
        }
    }
    let description = line[at..].trim();
    let description = description.strip_prefix("-> ").unwrap_or(description);
    (line[..at].trim().to_owned(), description.to_owned())
}

#[derive(Debug, Clone, PartialEq)]
enum State {
    None,
    /// After a metric line: the lines that continue its description.
    Description {
        family: String,
        awaiting: bool,
    },
    /// After a description that ends with `:`: its label's values, one list line after another.
    List {
        family: String,
    },
    /// A `Note:` or other paragraph, whose continuation lines are prose (even `reason=x and`).
    Prose,
    /// An `Alerts:` block, with the last `# ...` comment.
    Alerts {
        comment: String,
    },
}

/// The hexon document, read line by line.
fn parse_hexon(text: &str) -> HexonDocument {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let mut doc = HexonDocument {
        latency: latency_buckets(text),
        ..HexonDocument::default()
    };
    let mut module = String::new();
    // The metric lines listed together (only their descriptions between them): value lines
    // below them are theirs.
    let mut group: Vec<String> = Vec::new();
    let mut group_open = false;
    let mut state = State::None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        let next = lines.get(i + 1).copied();
        let blank_before = i == 0 || lines[i - 1].trim().is_empty();
        i += 1;
        if line.is_empty() {
            state = State::None;
            group_open = false;
            continue;
        }
        if let Some(m) = metric_line(line, next) {
            if m.used_next {
                i += 1;
            }
            if !group_open {
                group.clear();
            }
            group_open = true;
            group.push(m.name.clone());
            state = State::Description {
                family: m.name.clone(),
                awaiting: m.description.is_empty(),
            };
            add_listing(&mut doc, &module, m);
            continue;
        }
        if blank_before && next.is_none_or(|n| n.trim().is_empty()) {
            module = line.to_owned();
            group.clear();
            state = State::None;
            continue;
        }
        if let State::Alerts { comment } = &mut state {
            match line.strip_prefix('#') {
                Some(c) => *comment = c.trim().to_owned(),
                None => {
                    let (expr, description) = split_alert(line);
                    doc.alerts.push(DocAlert {
                        module: module.clone(),
                        expr,
                        description,
                        comment: comment.clone(),
                    });
                }
            }
            continue;
        }
        if line == "Alerts:" {
            state = State::Alerts {
                comment: String::new(),
            };
            group.clear();
            group_open = false;
            continue;
        }
        if state == State::Prose && continues(line) {
            continue;
        }
        // An example query written over several lines: `sum by (x) (rate(` ... `}[5m]))`.
        if line.starts_with("sum by (") {
            let mut depth = 0i64;
            let mut at = i - 1;
            loop {
                depth += lines[at].matches('(').count() as i64;
                depth -= lines[at].matches(')').count() as i64;
                at += 1;
                if depth <= 0 || at == lines.len() {
                    break;
                }
            }
            i = at;
            state = State::Prose;
            continue;
        }
        // `Labels: type="full"|"delta", result="success"`, continued while a line ends with `|`.
        if let Some(rest) = line.strip_prefix("Labels: ") {
            let mut text = rest.to_owned();
            while text.ends_with('|') && i < lines.len() {
                text.push_str(lines[i].trim());
                i += 1;
            }
            if let Some((assigned, _)) = assignments(&text) {
                apply(&mut doc, &group, &assigned);
            }
            group_open = false;
            state = State::None;
            continue;
        }
        // `Label values:` / `Label values for requests_total:` followed by `label: a | b` lines;
        // `Endpoint label values for requests_total and request_duration_ms:` followed by a list.
        if let Some(head) = line.strip_suffix(':').and_then(|l| {
            l.to_lowercase()
                .split_once("label values")
                .map(|(a, b)| (a.trim().to_owned(), b.trim().to_owned()))
        }) {
            let (label, targets) = head;
            let targets: Vec<String> = match targets.strip_prefix("for ") {
                Some(names) => names
                    .split(" and ")
                    .map(|suffix| find_in_module(&doc, &module, suffix.trim()))
                    .collect(),
                None => group.clone(),
            };
            if label.is_empty() {
                while let Some((name, rest)) = lines.get(i).and_then(|l| label_line(l.trim())) {
                    i += 1;
                    let items = list_items(rest, &lines, &mut i);
                    apply(&mut doc, &targets, &[(name, items)]);
                }
            } else {
                let first = lines[i];
                i += 1;
                let items = list_items(first, &lines, &mut i);
                apply(&mut doc, &targets, &[(label, items)]);
            }
            group_open = false;
            state = State::None;
            continue;
        }
        if let Some(other) = line.strip_prefix("Same label sets as ") {
            for family in &group {
                if let Some(f) = doc.families.get_mut(family) {
                    f.same_as = Some(other.trim().to_owned());
                }
            }
            group_open = false;
            state = State::None;
            continue;
        }
        // `result=failure, reason=expired Certificate past NotAfter`
        if let Some((assigned, _)) = assignments(line) {
            apply(&mut doc, &group, &assigned);
            group_open = false;
            state = State::None;
            continue;
        }
        // `reasons: a, b,` / `failure reasons: a, b` / `dpop_bound: "true" when ...`
        if let Some((word, rest)) = label_line(line) {
            let word = word
                .strip_prefix("failure ")
                .or_else(|| word.strip_prefix("rejected "))
                .unwrap_or(&word)
                .to_owned();
            let has = |label: &str| {
                group
                    .iter()
                    .any(|f| doc.families[f].labels.iter().any(|(l, _)| l == label))
            };
            let label = [word.as_str(), word.strip_suffix('s').unwrap_or("")]
                .into_iter()
                .find(|l| !l.is_empty() && has(l))
                .map(str::to_owned);
            if let Some(label) = label {
                let items = if rest.starts_with('"') {
                    // A paragraph naming its values in quotes.
                    let mut text = rest.to_owned();
                    while let Some(more) = lines.get(i).map(|l| l.trim()) {
                        if metric_line(more, None).is_some() || !continues(more) {
                            break;
                        }
                        text.push(' ');
                        text.push_str(more);
                        i += 1;
                    }
                    text.split('"')
                        .skip(1)
                        .step_by(2)
                        .map(str::to_owned)
                        .collect()
                } else {
                    list_items(rest, &lines, &mut i)
                };
                apply(&mut doc, &group, &[(label, items)]);
                group_open = false;
                state = State::None;
                continue;
            }
        }
        if let State::Description { family, awaiting } = &mut state {
            let family = family.clone();
            let f = doc.families.get_mut(&family).expect("listed");
            let description = f.descriptions.last_mut().expect("a listing");
            if *awaiting {
                *description = Some(line.to_owned());
                *awaiting = false;
                continue;
            }
            let text = description.get_or_insert_with(String::new);
            if text.ends_with(':') && line.starts_with(|c: char| c.is_ascii_lowercase()) {
                list_line(&mut doc, &family, line, &lines, &mut i);
                group_open = false;
                state = State::List { family };
                continue;
            }
            if continues(line) {
                text.push(' ');
                text.push_str(line);
                continue;
            }
        }
        if let State::List { family } = &state
            && line.starts_with(|c: char| c.is_ascii_lowercase())
        {
            let family = family.clone();
            list_line(&mut doc, &family, line, &lines, &mut i);
            continue;
        }
        if line.ends_with(':') && !line.starts_with("Note:") {
            // A heading within the module: `Pool Lifecycle:`.
            group.clear();
            group_open = false;
            state = State::None;
            continue;
        }
        state = State::Prose;
    }
    finish(&mut doc);
    doc
}

/// `label: rest` with a lowercase label (`type: generic | otp |`, `failure reasons: a, b`).
fn label_line(line: &str) -> Option<(String, &str)> {
    let (word, rest) = line.split_once(": ")?;
    word.chars()
        .all(|c| c.is_ascii_lowercase() || c == '_' || c == ' ')
        .then(|| (word.to_owned(), rest))
}

/// A line of the values listed below a description that ends with `:`, for the family's one
/// label: `authorized — user approved sign-in`, or `pending, authorized, denied,`.
fn list_line(doc: &mut HexonDocument, family: &str, line: &str, lines: &[&str], i: &mut usize) {
    let labels = &doc.families[family].labels;
    assert_eq!(
        labels.len(),
        1,
        "{family}: a list of values below its description, but not one label"
    );
    let label = labels[0].0.clone();
    let items = match line.split_once(" — ") {
        Some((value, _)) => vec![value.to_owned()],
        None => list_items(line, lines, i),
    };
    apply(doc, &[family.to_owned()], &[(label, items)]);
}

/// The family of `module` whose name ends with `suffix` (`requests_total`).
fn find_in_module(doc: &HexonDocument, module: &str, suffix: &str) -> String {
    let found: Vec<&String> = doc
        .families
        .iter()
        .filter(|(name, f)| f.module == module && name.ends_with(suffix))
        .map(|(name, _)| name)
        .collect();
    assert_eq!(found.len(), 1, "{module}: one family ends with {suffix}");
    found[0].clone()
}

/// Values listed for `targets`: each goes to the targets that have the label; when none has it
/// (`paged=true|false` below `{operation, status}`), to every target.
fn apply(doc: &mut HexonDocument, targets: &[String], assigned: &[(String, Vec<String>)]) {
    if targets.is_empty() {
        doc.orphans
            .push(format!("values listed below no family: {assigned:?}"));
    }
    for (label, items) in assigned {
        let with: Vec<&String> = targets
            .iter()
            .filter(|t| doc.families[*t].labels.iter().any(|(l, _)| l == label))
            .collect();
        let chosen: Vec<String> = if with.is_empty() {
            targets.to_vec()
        } else {
            with.into_iter().cloned().collect()
        };
        for target in chosen {
            let documented = doc
                .families
                .get_mut(&target)
                .expect("a listed family")
                .values
                .entry(label.clone())
                .or_default();
            for item in items {
                documented.add(item);
            }
        }
    }
}

fn add_listing(doc: &mut HexonDocument, module: &str, m: MetricLine) {
    let description = (!m.description.is_empty()).then_some(m.description);
    match doc.families.get_mut(&m.name) {
        // Listed twice with two label sets: the union, the labels of only one listing optional.
        Some(first) => {
            let second = m.labels;
            let in_second = |n: &str| second.iter().any(|(m, _)| m == n);
            for label in &mut first.labels {
                label.1 |= !in_second(&label.0);
            }
            for (n, _) in &second {
                if !first.labels.iter().any(|(m, _)| m == n) {
                    first.labels.push((n.clone(), true));
                }
            }
            first.descriptions.push(description);
        }
        None => {
            let mut family = HexonFamily {
                metric_type: m.metric_type,
                labels: m.labels,
                module: module.to_owned(),
                descriptions: vec![description],
                ..HexonFamily::default()
            };
            for (label, items) in &m.inline {
                let documented = family.values.entry(label.clone()).or_default();
                for item in items {
                    documented.add(item);
                }
            }
            doc.families.insert(m.name, family);
        }
    }
}

/// The lists inside the descriptions, and `Same label sets as`.
fn finish(doc: &mut HexonDocument) {
    let names: Vec<String> = doc.families.keys().cloned().collect();
    for name in &names {
        let family = &doc.families[name];
        let mut found = Vec::new();
        for description in family.descriptions.iter().flatten() {
            found.extend(description_lists(name, family, description).1);
        }
        let family = doc.families.get_mut(name).expect("listed");
        for (label, items) in found {
            let documented = family.values.entry(label).or_default();
            for item in items {
                documented.add(&item);
            }
        }
    }
    for name in &names {
        if let Some(other) = doc.families[name].same_as.clone() {
            let module = doc.families[name].module.clone();
            let other = find_in_module(doc, &module, &other);
            let values = doc.families[&other].values.clone();
            doc.families.get_mut(name).expect("listed").values = values;
        }
    }
}

/// A description without the lists of label values in it, and those lists: `(reason: a|b)`,
/// `(result: "allowed" or "blocked")`, `(status=a|b, reason=c|d)`, the unnamed lists of
/// [`UNNAMED_LISTS`], and a trailing `Labels:` or `:` that introduces the list below.
fn description_lists(
    name: &str,
    family: &HexonFamily,
    description: &str,
) -> (String, Vec<(String, Vec<String>)>) {
    let has = |label: &str| family.labels.iter().any(|(l, _)| l == label);
    let mut help = String::new();
    let mut lists = Vec::new();
    let mut rest = description;
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')').map(|c| open + c) else {
            break;
        };
        let inside = &rest[open + 1..close];
        let named = |s: &str| -> Option<(String, usize)> {
            let n = s
                .find(|c: char| !(c.is_ascii_lowercase() || c == '_'))
                .unwrap_or(s.len());
            (n > 0 && s[n..].starts_with([':', '=']) && has(&s[..n]))
                .then(|| (s[..n].to_owned(), n + 1))
        };
        let mut read = Vec::new();
        if named(inside).is_some() {
            // Split at each `label:` / `label=` after the first.
            let mut s = inside;
            while let Some((label, skip)) = named(s) {
                s = &s[skip..];
                let mut end = s.len();
                for (at, _) in s.match_indices(", ") {
                    if named(&s[at + 2..]).is_some() {
                        end = at;
                        break;
                    }
                }
                read.push((label, split_values(&s[..end])));
                s = s[end..].strip_prefix(", ").unwrap_or("");
            }
        } else if let Some((_, label)) = UNNAMED_LISTS.iter().find(|(f, _)| *f == name) {
            let inside = inside.strip_suffix(" label").unwrap_or(inside);
            read.push(((*label).to_owned(), split_values(inside)));
        }
        if read.is_empty() {
            help.push_str(&rest[..=close]);
        } else {
            help.push_str(rest[..open].trim_end());
            lists.extend(read);
        }
        rest = &rest[close + 1..];
    }
    help.push_str(rest);
    let mut help = help.trim().to_owned();
    if let Some(without) = help.strip_suffix(" Labels:") {
        help = without.to_owned();
    } else if let Some(without) = help.strip_suffix(':') {
        help = without.to_owned();
    }
    (help, lists)
}

fn split_values(text: &str) -> Vec<String> {
    let separator = ['|', '/', ','].into_iter().find(|s| text.contains(*s));
    let items: Vec<&str> = match separator {
        Some(s) => text.split(s).collect(),
        None => text.split(" or ").collect(),
    };
    items
        .into_iter()
        .flat_map(|item| item.split(" or "))
        .map(|item| item.trim().to_owned())
        .filter(|item| !item.is_empty())
        .collect()
}

/// Unnamed lists of two or more values the parser does not read (not in [`UNNAMED_LISTS`]).
fn unread_lists(doc: &HexonDocument) -> Vec<String> {
    let mut problems = Vec::new();
    for (name, family) in &doc.families {
        if family.labels.is_empty() {
            continue;
        }
        for description in family.descriptions.iter().flatten() {
            let (help, _) = description_lists(name, family, description);
            let mut rest = help.as_str();
            while let Some(open) = rest.find('(') {
                let Some(close) = rest[open..].find(')').map(|c| open + c) else {
                    break;
                };
                let inside = &rest[open + 1..close];
                let items = split_values(inside);
                if inside.contains(['/', '|', ','])
                    && items.len() > 1
                    && items.iter().all(|i| {
                        i.chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                    })
                {
                    problems.push(format!(
                        "{name}: `({inside})` looks like a list of values of no named label; add it to UNNAMED_LISTS"
                    ));
                }
                rest = &rest[close + 1..];
            }
        }
    }
    problems
}

/// `latency (histogram with fixed buckets: <1ms, <10ms, <100ms, <1s, <10s, >10s)`: the bounds
/// in seconds; the last, `>10s`, is the `+Inf` bucket above the last bound.
fn latency_buckets(text: &str) -> Vec<f64> {
    let start = text
        .find("latency (histogram with fixed buckets: ")
        .expect("the document defines the latency type");
    let rest = &text[start..];
    let list = &rest[rest.find(": ").expect("a list") + 2..rest.find(')').expect("closed")];
    let seconds = |bound: &str| -> f64 {
        match bound.strip_suffix("ms") {
            Some(ms) => ms.parse::<f64>().expect("a number of ms") / 1000.0,
            None => bound
                .strip_suffix('s')
                .expect("a bound in ms or s")
                .parse::<f64>()
                .expect("a number of seconds"),
        }
    };
    let mut bounds = Vec::new();
    let mut above = None;
    for bound in list.split(',').map(str::trim) {
        if let Some(upper) = bound.strip_prefix('<') {
            bounds.push(seconds(upper));
        } else if let Some(lower) = bound.strip_prefix('>') {
            above = Some(seconds(lower));
        } else {
            panic!("a latency bucket neither `<x` nor `>x`: {bound}");
        }
    }
    assert_eq!(
        above,
        bounds.last().copied(),
        "the last latency bucket is everything above the last bound"
    );
    bounds
}

// ---------------------------------------------------------------------------------------------
// The catalog against what the parser read. Each check returns its problems, so that the test of
// the checks themselves (`hexon_checks_fail_on_an_altered_document`) can run them on an altered
// document. Where the catalog deliberately departs from the document, an entry of one of the
// lists below names the declaration and words of the decision (or correction) on it that say
// why; an entry whose declaration no longer departs is itself a problem.

/// Labels the document's braces do not list, each allowed by the decision on its family: the
/// family, the label, and words of that decision.
const UNDOCUMENTED_LABELS: &[(&str, &str, &str)] = &[
    (
        "loadbalancer_circuit_state_changes",
        "protocol",
        "optionally includes protocol label in per-protocol mode",
    ),
    (
        "shadow_errors_total",
        "status_code",
        "also includes a `status_code` label",
    ),
    (
        "ldap_operations_total",
        "paged",
        "the value lines add `paged=true|false`",
    ),
    (
        "ldap_operation_duration",
        "paged",
        "the optional bool `paged` of the searches",
    ),
];

/// Helps that are not the document's description (without its lists of values), each allowed by
/// the decision on its family: the family and words of that decision.
const HELP_DECISIONS: &[(&str, &str)] = &[
    (
        "loadbalancer_circuit_state_changes",
        "\"optionally includes protocol label in per-protocol mode\": `protocol` is an optional label",
    ),
    (
        "magiclink_polls_total",
        "which the help leaves out, ending the sentence with a period",
    ),
    (
        "oidc_mtls_auth_total",
        "\"(failure: reason, success: method)\"",
    ),
    ("radius_auth_total", "the two helps joined"),
    ("e2oe_channel_tier_total", "with the catalog's help"),
    (
        "e2oe_requests_encrypted_total",
        "so the help keeps it as a second sentence",
    ),
    (
        "e2oe_tier1_wrap_upload_total",
        "which describes the three tier1_wrap_* families once",
    ),
    (
        "e2oe_tier1_wrap_state_total",
        "which describes the three tier1_wrap_* families once",
    ),
];

/// Labels whose declared values are not the listed ones (or that are closed sets where the
/// document lists none), each allowed by the decision on its family: the family, the label, and
/// words of that decision.
const CLOSED_SET_DECISIONS: &[(&str, &str, &str)] = &[
    (
        "proxy_reload_total",
        "success",
        "the alert `proxy_reload_total{success=\"false\"}` shows a boolean",
    ),
    (
        "proxy_reload_duration",
        "success",
        "as in `proxy_reload_total` (alert `success=\"false\"`): `success` is `bool`",
    ),
    (
        "jit2fa_handoff_mints_total",
        "dpop_bound",
        "dpop_bound is described by its \"true\" case only",
    ),
    (
        "oidc_mtls_auth_total",
        "result",
        "result is success|failure",
    ),
    (
        "x509_auto_renewal_check_total",
        "result",
        "the result=success|failure lines follow x509_auto_renewal_total, not this metric",
    ),
    (
        "acmeclient_renewal_failed_total",
        "error_type",
        "the `error_type` values are listed once, under issuance_failed_total",
    ),
    (
        "acmeclient_ratelimit_approaching_total",
        "limit_type",
        "the `limit_type` values are listed once, under ratelimit_check_results_total",
    ),
    (
        "acmeclient_ratelimit_current_usage",
        "limit_type",
        "the `limit_type` values are listed once, under ratelimit_check_results_total",
    ),
    (
        "acmeclient_ratelimit_limit",
        "limit_type",
        "the `limit_type` values are listed once, under ratelimit_check_results_total",
    ),
    (
        "acmeclient_ratelimit_usage_percent",
        "limit_type",
        "the `limit_type` values are listed once, under ratelimit_check_results_total",
    ),
    (
        "geoaccess_cache",
        "type",
        "an empty value cannot be a closed-set value",
    ),
    (
        "e2oe_tier1_relay_total",
        "outcome",
        "only `outcome=served` is listed",
    ),
    (
        "e2oe_tier1_provision_total",
        "outcome",
        "only `outcome=full` is listed",
    ),
    (
        "smtp_send_duration",
        "type",
        "the Note says only the core email types emit latency",
    ),
    ("llm_queries_total", "success", "lists only success=true"),
];

/// Where a rule departs from the document's alert other than in its expression (a corrected
/// expression is allowed by a correction that quotes the document's), each allowed by the rule's
/// correction: the rule, what departs (`for`, `severity`, or `extra`, a rule the document does
/// not have), and words of that correction.
const ALERT_CORRECTIONS: &[(&str, &str, &str)] = &[(
    "AcmeRenewalFailing",
    "for",
    "\"persisting\" as prose; persisting is the alert's `for` of one hour",
)];

fn hexon_descriptors() -> BTreeMap<String, &'static MetricDescriptor> {
    let mut declared = BTreeMap::new();
    for d in catalog::find("hexon").expect("hexon").descriptors() {
        assert!(
            declared.insert(d.name.to_owned(), d).is_none(),
            "{} is declared twice",
            d.name
        );
    }
    declared
}

/// The declared family of a documented name: names with a `.` are exposed with `_`.
fn exposed(name: &str) -> String {
    name.replace('.', "_")
}

/// Whether the decision on `d` contains `words`; a problem otherwise.
fn decided(d: &MetricDescriptor, words: &str, what: &str, problems: &mut Vec<String>) {
    if !d.decision.is_some_and(|decision| decision.contains(words)) {
        problems.push(format!(
            "{}: {what} is allowed by a decision saying {words:?}, but its decision is {:?}",
            d.name, d.decision
        ));
    }
}

/// The entries of an allowance list that no departure used.
fn unused<T: std::fmt::Debug>(list: &[T], used: &BTreeSet<usize>, what: &str) -> Vec<String> {
    list.iter()
        .enumerate()
        .filter(|(i, _)| !used.contains(i))
        .map(|(_, entry)| {
            format!("{what} lists {entry:?}, which does not depart from the document")
        })
        .collect()
}

/// Names, types, labels (with their optional mark, in order) and sections.
fn hexon_family_problems(doc: &HexonDocument) -> Vec<String> {
    let mut declared = hexon_descriptors();
    let mut problems = Vec::new();
    let mut used = BTreeSet::new();
    for (name, family) in &doc.families {
        let Some(d) = declared.remove(&exposed(name)) else {
            problems.push(format!("missing: {name}"));
            continue;
        };
        if exposed(name) != *name {
            decided(
                d,
                &format!("the document names it `{name}`"),
                "the name",
                &mut problems,
            );
        }
        let expected_type = match family.metric_type.as_deref() {
            Some("latency") | Some("histogram") => "histogram",
            Some(t) => t,
            // The untyped e2oe_* entries are all `_total` event counts: declared as counters.
            None => {
                decided(d, "untyped", "the type", &mut problems);
                "counter"
            }
        };
        if d.metric_type.as_str() != expected_type {
            problems.push(format!(
                "{name}: type {} instead of {expected_type}",
                d.metric_type.as_str()
            ));
        }
        let mut labels = Vec::new();
        for label in d.labels {
            if family.labels.iter().any(|(l, _)| l == label.name) {
                labels.push((label.name.to_owned(), label.optional));
                continue;
            }
            match UNDOCUMENTED_LABELS
                .iter()
                .position(|(f, l, _)| *f == d.name && *l == label.name)
            {
                Some(i) => {
                    used.insert(i);
                    decided(d, UNDOCUMENTED_LABELS[i].2, "the label", &mut problems);
                }
                None => labels.push((label.name.to_owned(), label.optional)),
            }
        }
        if labels != family.labels {
            problems.push(format!(
                "{name}: labels {labels:?} instead of {:?}",
                family.labels
            ));
        }
        if d.section != Some(family.module.as_str()) {
            problems.push(format!(
                "{name}: section {:?}, listed under {:?}",
                d.section, family.module
            ));
        }
    }
    for name in declared.keys() {
        problems.push(format!("not in the document: {name}"));
    }
    problems.extend(unused(UNDOCUMENTED_LABELS, &used, "UNDOCUMENTED_LABELS"));
    problems
}

/// The help of every family against its description, without the lists of values in it (the
/// one normalisation the catalog documents, in `catalog/src/hexon/mod.rs`).
fn hexon_help_problems(doc: &HexonDocument) -> Vec<String> {
    let declared = hexon_descriptors();
    let mut problems = Vec::new();
    let mut used = BTreeSet::new();
    for (name, family) in &doc.families {
        let Some(d) = declared.get(&exposed(name)) else {
            continue;
        };
        let helps: Vec<Option<String>> = family
            .descriptions
            .iter()
            .map(|description| {
                description
                    .as_deref()
                    .map(|text| description_lists(name, family, text).0)
            })
            .collect();
        let same = helps.iter().any(|h| h.as_deref() == Some(d.help));
        match HELP_DECISIONS.iter().position(|(f, _)| *f == d.name) {
            Some(i) if !same => {
                used.insert(i);
                decided(d, HELP_DECISIONS[i].1, "the help", &mut problems);
            }
            Some(_) => {}
            None if !same => problems.push(format!(
                "{name}: help {:?}, the document says {helps:?}",
                d.help
            )),
            None => {}
        }
    }
    problems.extend(unused(HELP_DECISIONS, &used, "HELP_DECISIONS"));
    problems
}

/// Every label's declared values against the values the document lists: a listed set is the
/// closed set, a list left open (`<type>`, `...`) is free text, and a label without a list is
/// free text.
fn hexon_closed_set_problems(doc: &HexonDocument) -> Vec<String> {
    let declared = hexon_descriptors();
    let mut problems = Vec::new();
    let mut used = BTreeSet::new();
    for (name, family) in &doc.families {
        let Some(d) = declared.get(&exposed(name)) else {
            continue;
        };
        for label in family.values.keys() {
            if !d.labels.iter().any(|l| l.name == label) {
                problems.push(format!(
                    "{name}: the document lists values of `{label}`, which is not declared"
                ));
            }
        }
        for label in d.labels {
            let declared_values: Option<BTreeSet<String>> = match label.kind {
                LabelKind::Closed(values) => Some(values.iter().map(|v| v.to_string()).collect()),
                LabelKind::FreeText => None,
            };
            let documented = family.values.get(label.name);
            let expected: Option<BTreeSet<String>> = documented
                .filter(|doc| doc.open.is_empty())
                .map(|doc| doc.values.clone());
            if declared_values == expected {
                continue;
            }
            match CLOSED_SET_DECISIONS
                .iter()
                .position(|(f, l, _)| *f == d.name && *l == label.name)
            {
                Some(i) => {
                    used.insert(i);
                    decided(d, CLOSED_SET_DECISIONS[i].2, "the values", &mut problems);
                }
                None => problems.push(format!(
                    "{name}: `{}` is {} but the document {}",
                    label.name,
                    match &declared_values {
                        Some(v) => format!("the closed set {v:?}"),
                        None => "free text".to_owned(),
                    },
                    match documented {
                        Some(doc) if !doc.open.is_empty() =>
                            format!("leaves its list open ({:?}, {:?})", doc.values, doc.open),
                        Some(doc) => format!("lists {:?}", doc.values),
                        None => "lists no values".to_owned(),
                    }
                )),
            }
        }
    }
    problems.extend(unused(CLOSED_SET_DECISIONS, &used, "CLOSED_SET_DECISIONS"));
    problems
}

/// Every `latency` family has the document's buckets, in seconds; every other histogram, whose
/// buckets the document does not give, says in its decision what it chose.
fn hexon_bucket_problems(doc: &HexonDocument) -> Vec<String> {
    let declared = hexon_descriptors();
    let mut problems = Vec::new();
    for (name, family) in &doc.families {
        let Some(d) = declared.get(&exposed(name)) else {
            continue;
        };
        match family.metric_type.as_deref() {
            Some("latency") if d.buckets != doc.latency.as_slice() || d.unit != Some("seconds") => {
                problems.push(format!(
                    "{name}: a latency with buckets {:?} in {:?}, the document's are {:?} (in seconds)",
                    d.buckets, d.unit, doc.latency
                ));
            }
            Some("histogram") => decided(d, "without buckets", "the buckets", &mut problems),
            _ => {}
        }
    }
    problems
}

fn normalized(expr: &str) -> String {
    expr.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The document's alerts against the catalog's rules, module by module (a rule pairs with the
/// alert of its section that has its summary, or else with the next one): the expression, the
/// summary, what the comments above them say (`page on these`: critical; `not alerts,
/// dashboard panels`: no alert), "alert immediately", and that the document gives no `for`. A
/// rewritten expression is allowed by a correction that starts by quoting, in backticks, what the
/// document writes; a correction on a rule that does not depart is a problem too.
fn hexon_alert_problems(doc: &HexonDocument) -> Vec<String> {
    let rules: Vec<&Rule> = catalog::find("hexon").expect("hexon").rules();
    let mut problems = Vec::new();
    let mut used = BTreeSet::new();
    let mut allowed = |rule: &Rule, aspect: &str, problems: &mut Vec<String>, what: String| {
        match ALERT_CORRECTIONS
            .iter()
            .position(|(r, a, _)| *r == rule.name && *a == aspect)
        {
            Some(i) => {
                used.insert(i);
                let words = ALERT_CORRECTIONS[i].2;
                if !rule.correction.is_some_and(|c| c.contains(words)) {
                    problems.push(format!(
                        "{}: {what} is allowed by a correction saying {words:?}, but its correction is {:?}",
                        rule.name, rule.correction
                    ));
                }
            }
            None => problems.push(format!("{}: {what}", rule.name)),
        }
    };
    let mut paired = vec![false; rules.len()];
    for alert in &doc.alerts {
        let panel = alert.comment.contains("not alerts");
        let in_module = |i: usize| !paired[i] && rules[i].section == Some(alert.module.as_str());
        let summary = |rule: &Rule| {
            rule.annotations
                .iter()
                .find(|(k, _)| *k == "summary")
                .map(|(_, v)| *v)
        };
        let found = (0..rules.len())
            .find(|&i| {
                in_module(i)
                    && if panel {
                        rules[i].kind == RuleKind::Record
                    } else {
                        summary(rules[i]) == Some(alert.description.as_str())
                    }
            })
            .or_else(|| (0..rules.len()).find(|&i| in_module(i)));
        let Some(i) = found else {
            problems.push(format!(
                "{}: no rule for the alert `{}` ({})",
                alert.module, alert.expr, alert.description
            ));
            continue;
        };
        paired[i] = true;
        let rule = rules[i];
        let mut departs = false;
        if normalized(rule.expr) != normalized(&alert.expr) {
            departs = true;
            let quoted = rule.correction.and_then(|c| c.split('`').nth(1));
            if !quoted.is_some_and(|q| normalized(&alert.expr).contains(&normalized(q))) {
                problems.push(format!(
                    "{}: `{}` instead of the document's `{}`, without a correction quoting it",
                    rule.name, rule.expr, alert.expr
                ));
            }
        }
        if panel {
            departs = true;
            if rule.kind != RuleKind::Record
                || !rule.correction.is_some_and(|c| c.contains("not alerts"))
            {
                problems.push(format!(
                    "{}: the document lists `{}` under \"{}\": at most a recording rule, with a correction saying so",
                    rule.name, alert.expr, alert.comment
                ));
            }
        } else {
            if rule.kind != RuleKind::Alert {
                problems.push(format!(
                    "{}: a recording rule for the alert `{}`",
                    rule.name, alert.expr
                ));
            }
            if summary(rule) != Some(alert.description.as_str()) {
                problems.push(format!(
                    "{}: summary {:?}, the document says {:?}",
                    rule.name,
                    summary(rule),
                    alert.description
                ));
            }
            let extra: Vec<&str> = rule
                .annotations
                .iter()
                .map(|(k, _)| *k)
                .filter(|k| *k != "summary")
                .chain(
                    rule.labels
                        .iter()
                        .map(|(k, _)| *k)
                        .filter(|k| *k != "severity"),
                )
                .collect();
            if !extra.is_empty() {
                problems.push(format!(
                    "{}: {extra:?}, which the document does not give",
                    rule.name
                ));
            }
        }
        if let Some(duration) = rule.for_duration {
            departs = true;
            if alert.description.contains("alert immediately") {
                problems.push(format!(
                    "{}: `for: {duration}`, the document says \"alert immediately\"",
                    rule.name
                ));
            } else {
                let what = format!("`for: {duration}`, the document gives no `for`");
                allowed(rule, "for", &mut problems, what);
            }
        }
        if alert.comment.contains("page on these") {
            let severity = rule
                .labels
                .iter()
                .find(|(k, _)| *k == "severity")
                .map(|(_, v)| *v);
            if severity != Some("critical") {
                departs = true;
                allowed(
                    rule,
                    "severity",
                    &mut problems,
                    format!(
                        "severity {severity:?} under \"{}\" (critical pages)",
                        alert.comment
                    ),
                );
            }
        }
        if rule.correction.is_some() && !departs {
            problems.push(format!(
                "{}: a correction, but the rule is the document's alert",
                rule.name
            ));
        }
    }
    for (i, rule) in rules.iter().enumerate() {
        if !paired[i] {
            allowed(
                rule,
                "extra",
                &mut problems,
                format!("`{}` is no alert of the document", rule.expr),
            );
        }
    }
    problems.extend(unused(ALERT_CORRECTIONS, &used, "ALERT_CORRECTIONS"));
    problems
}

fn report(what: &str, problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{what}: {} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

fn hexon_document() -> Option<HexonDocument> {
    spec("002_d70fb58de778f465.txt").map(|text| parse_hexon(&text))
}

#[test]
fn hexon_declares_every_family_of_its_document() {
    let Some(doc) = hexon_document() else {
        return;
    };
    assert_eq!(doc.families.len(), 564, "the document lists 564 families");
    report("families", &hexon_family_problems(&doc));
}

#[test]
fn hexon_document_is_read_whole() {
    let Some(doc) = hexon_document() else {
        return;
    };
    let mut problems = unread_lists(&doc);
    problems.extend(doc.orphans.iter().cloned());
    for alert in &doc.alerts {
        if alert.expr.is_empty() || alert.description.is_empty() {
            problems.push(format!("an alert line not read: {alert:?}"));
        }
    }
    report("reading the document", &problems);
}

#[test]
fn hexon_help_is_the_documented_description() {
    let Some(doc) = hexon_document() else {
        return;
    };
    report("help", &hexon_help_problems(&doc));
}

#[test]
fn hexon_closed_sets_are_the_documented_values() {
    let Some(doc) = hexon_document() else {
        return;
    };
    report("closed sets", &hexon_closed_set_problems(&doc));
}

#[test]
fn hexon_latency_buckets_are_the_documented_ones() {
    let Some(doc) = hexon_document() else {
        return;
    };
    assert_eq!(doc.latency, [0.001, 0.01, 0.1, 1.0, 10.0]);
    report("buckets", &hexon_bucket_problems(&doc));
}

#[test]
fn hexon_alerts_are_the_documented_ones() {
    let Some(doc) = hexon_document() else {
        return;
    };
    report("alerts", &hexon_alert_problems(&doc));
}

type Check = fn(&HexonDocument) -> Vec<String>;

/// Each comparison above reports a departure: the document is altered in memory, once per case,
/// and the check must say so (the unaltered document passes, in the tests above).
#[test]
fn hexon_checks_fail_on_an_altered_document() {
    let Some(text) = spec("002_d70fb58de778f465.txt") else {
        return;
    };
    // What is altered, the text and its replacement, the check, and a problem it must report.
    let cases: &[(&str, &str, &str, Check, &str)] = &[
        (
            "a description",
            "loadbalancer_pools_deleted counter {} Pools deleted",
            "loadbalancer_pools_deleted counter {} Pools removed",
            hexon_help_problems,
            "loadbalancer_pools_deleted: help",
        ),
        (
            "a description with a list of values",
            "Failed selections (reason:",
            "Failed selection (reason:",
            hexon_help_problems,
            "loadbalancer_select_failures: help",
        ),
        (
            "a description over two lines",
            "(full cost: JWT validate + optional DPoP proof validate)",
            "(full cost: JWT validate)",
            hexon_help_problems,
            "jit2fa_handoff_bearer_check_duration: help",
        ),
        (
            "a departure a decision allows, undone",
            "{pool_id, backend_id, from_state, to_state} Circuit state transitions (optionally includes protocol label in per-protocol mode)",
            "{pool_id, backend_id, from_state, to_state} Circuit state transitions",
            hexon_help_problems,
            "HELP_DECISIONS lists (\"loadbalancer_circuit_state_changes\"",
        ),
        (
            "an inline closed set",
            "{result=success|failure} Initial",
            "{result=success|failure|skipped} Initial",
            hexon_closed_set_problems,
            "autotls_issuances_total: `result`",
        ),
        (
            "a Label values block",
            "result: hit | miss",
            "result: hit | miss | stale",
            hexon_closed_set_problems,
            "geoaccess_cache: `result`",
        ),
        (
            "a Labels: line",
            "Labels: status=\"success\"|\"not_found\"",
            "Labels: status=\"success\"|\"missing\"|\"not_found\"",
            hexon_closed_set_problems,
            "acmeclient_challenges_served_total: `status`",
        ),
        (
            "a value line",
            "reconnected=true|false",
            "reconnected=true",
            hexon_closed_set_problems,
            "ldap_pool_acquire_duration: `reconnected`",
        ),
        (
            "a named list in a description",
            "(reason: pool_not_found|no_healthy_backends|algorithm_returned_nil)",
            "(reason: pool_not_found|no_healthy_backends)",
            hexon_closed_set_problems,
            "loadbalancer_select_failures: `reason`",
        ),
        (
            "an unnamed list in a description",
            "(hit/fresh/retry)",
            "(hit/fresh/retry/stale)",
            hexon_closed_set_problems,
            "proxy_fastcgi_pool_total: `result`",
        ),
        (
            "a list left open",
            "type=udp|dot UDP",
            "type=udp|dot|... UDP",
            hexon_closed_set_problems,
            "dns_transport_used: `type`",
        ),
        (
            "the latency buckets",
            "<1ms, <10ms, <100ms",
            "<1ms, <20ms, <100ms",
            hexon_bucket_problems,
            "loadbalancer_select_latency: a latency with buckets",
        ),
        (
            "a label of a family whose decision is about something else",
            "proxy_reload_total counter {success, reason?}",
            "proxy_reload_total counter {success}",
            hexon_family_problems,
            "proxy_reload_total: labels",
        ),
        (
            "a module heading",
            "\nLoad Balancer\n",
            "\nLoad Balancing\n",
            hexon_family_problems,
            "loadbalancer_pools_created: section",
        ),
        (
            "an alert's threshold",
            "rate(loadbalancer_outlier_ejections[5m]) > 5 ",
            "rate(loadbalancer_outlier_ejections[5m]) > 6 ",
            hexon_alert_problems,
            "LoadBalancerHighEjectionRate: `rate(loadbalancer_outlier_ejections[5m]) > 5` instead of",
        ),
        (
            "a corrected alert's expression",
            "histogram_quantile(0.99, shadow_request_duration) > 5",
            "histogram_quantile(0.95, shadow_request_duration) > 5",
            hexon_alert_problems,
            "ShadowLatencyHigh: `histogram_quantile(0.99, sum by",
        ),
        (
            "an alert's description",
            "Circuit opened — backend degradation",
            "Circuit opened",
            hexon_alert_problems,
            "LoadBalancerCircuitOpened: summary",
        ),
        (
            "the comment above alerts, to page on them",
            "# Backend / operational",
            "# Backend / operational (page on these)",
            hexon_alert_problems,
            "Jit2faWebhookFailures: severity Some(\"warning\")",
        ),
        (
            "an alert's description, to alert immediately",
            "Renewal failing, check error_type labels",
            "Renewal failing (alert immediately)",
            hexon_alert_problems,
            "AcmeRenewalFailing: `for: 1h`, the document says \"alert immediately\"",
        ),
        (
            "a dashboard panel",
            "DPoP rollout tracking (not alerts, dashboard panels)",
            "DPoP rollout tracking",
            hexon_alert_problems,
            "a recording rule for the alert",
        ),
        (
            "an alert taken out",
            "rate(k8s_health_syncs_total{result=\"failure\"}[5m]) > 0 Health sync failing",
            "",
            hexon_alert_problems,
            "K8sHealthSyncFailing: `rate(k8s_health_syncs_total{result=\"failure\"}[5m]) > 0` is no alert of the document",
        ),
    ];
    for (what, from, to, check, expected) in cases {
        assert_eq!(
            text.matches(from).count(),
            1,
            "{what}: {from:?} is in the document once"
        );
        let problems = check(&parse_hexon(&text.replacen(from, to, 1)));
        assert!(
            problems.iter().any(|p| p.contains(expected)),
            "altering {what} ({from:?} -> {to:?}) should report {expected:?}, reported {problems:#?}"
        );
    }
}
