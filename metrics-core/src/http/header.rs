//! The list syntax the negotiated headers share (RFC 9110 §5.6): comma-separated elements, each
//! a value with `;`-separated `name=value` parameters, values tokens or quoted strings.
//!
//! Hand-written for `Accept-Encoding` and RFC 7239's `Forwarded` (and the qvalue grammar), in
//! the few lines both need: a malformed element is skipped and its well-formed neighbours kept,
//! as the endpoint's tests pin. `Accept` is read by the `mediatype` crate.

use hyper::HeaderMap;
use hyper::header::HeaderName;

/// Every line of `name` joined with `, ` (RFC 9110 §5.3: a list header sent on several lines is
/// one list), skipping lines that are not visible ASCII; `None` when no line is usable.
pub(super) fn joined(headers: &HeaderMap, name: HeaderName) -> Option<String> {
    let lines: Vec<&str> = headers
        .get_all(name)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    (!lines.is_empty()).then(|| lines.join(", "))
}

/// One element of a list: its value (as written, trimmed) and its parameters in order, names
/// lowercased and values unquoted.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Element<'a> {
    pub(super) value: &'a str,
    pub(super) params: Vec<(String, String)>,
}

/// The elements of a list header. A malformed element (a parameter without `=`, a name that is
/// not a token, an unterminated quoted string) is `None`, so that the caller can ignore it
/// without losing its neighbours; empty elements (`a,,b`) are skipped, as RFC 9110 §5.6.1 asks.
pub(super) fn elements(header: &str) -> impl Iterator<Item = Option<Element<'_>>> {
    split_unquoted(header, b',')
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(element)
}

fn element(text: &str) -> Option<Element<'_>> {
    let mut parts = split_unquoted(text, b';');
    let value = parts.next()?.trim();
    let params = parameters(parts)?;
    Some(Element { value, params })
}

/// The `;`-separated `name=value` pairs of each element of a list whose elements are only
/// parameters (RFC 7239's `Forwarded: for=192.0.2.1;proto=http, for=...`); `None` for a
/// malformed element.
pub(super) fn parameter_lists(header: &str) -> impl Iterator<Item = Option<Vec<(String, String)>>> {
    split_unquoted(header, b',')
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(|e| parameters(split_unquoted(e, b';')))
}

fn parameters<'a>(parts: impl Iterator<Item = &'a str>) -> Option<Vec<(String, String)>> {
    let mut params = Vec::new();
    for part in parts {
        let part = part.trim();
        // RFC 9110 §5.6.6 allows empty parameters (`text/plain;`).
        if part.is_empty() {
            continue;
        }
        let (name, raw) = part.split_once('=')?;
        let (name, raw) = (name.trim(), raw.trim());
        if !is_token(name) {
            return None;
        }
        let value = if raw.starts_with('"') {
            unquote(raw)?
        } else if is_token(raw) {
            raw.to_owned()
        } else {
            return None;
        };
        params.push((name.to_ascii_lowercase(), value));
    }
    Some(params)
}

/// Splits `text` at every `separator` outside a quoted string (RFC 9110 §5.6.4: a quoted string
/// may hold `,` and `;`, and `\` escapes the next character).
fn split_unquoted(text: &str, separator: u8) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let mut quoted = false;
    let mut escaped = false;
    let mut parts = Vec::new();
    for (i, byte) in text.bytes().enumerate() {
        match byte {
            _ if escaped => escaped = false,
            b'\\' if quoted => escaped = true,
            b'"' => quoted = !quoted,
            b if b == separator && !quoted => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts.into_iter()
}

/// The content of a quoted string that is the whole of `raw`, escapes resolved.
fn unquote(raw: &str) -> Option<String> {
    let inner = raw.strip_prefix('"')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push(chars.next()?),
            // The closing quote must end the value.
            '"' => return chars.as_str().is_empty().then_some(out),
            c => out.push(c),
        }
    }
    None
}

/// RFC 9110 §5.6.2: `token = 1*tchar`.
pub(super) fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// A weight in thousandths (RFC 9110 §12.4.2: `qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "."
/// 0*3("0") ] )`); `None` for anything else (`1.5`, `0.1234`, `-1`, `.5`, `abc`).
pub(super) fn qvalue(s: &str) -> Option<u16> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths = frac
        .bytes()
        .chain(std::iter::repeat(b'0'))
        .take(3)
        .fold(0u16, |n, b| n * 10 + u16::from(b - b'0'));
    match int {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params<'a>(e: &'a Element<'_>) -> Vec<(&'a str, &'a str)> {
        e.params
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect()
    }

    #[test]
    fn splits_elements_and_parameters_with_whitespace() {
        let parsed: Vec<_> = elements(" text/plain ; Version = 0.0.4 ;q=0.5 ,, */* ")
            .map(Option::unwrap)
            .collect();
        assert_eq!(parsed.len(), 2);
        assert_eq!(parsed[0].value, "text/plain");
        assert_eq!(params(&parsed[0]), [("version", "0.0.4"), ("q", "0.5")]);
        assert_eq!(parsed[1].value, "*/*");
        assert!(parsed[1].params.is_empty());
    }

    #[test]
    fn quoted_values_may_hold_separators_and_escapes() {
        let parsed: Vec<_> = elements(r#"a;x="1,2;3";y="q\"\\",b;z="""#)
            .map(Option::unwrap)
            .collect();
        assert_eq!(params(&parsed[0]), [("x", "1,2;3"), ("y", r#"q"\"#)]);
        assert_eq!(parsed[1].value, "b");
        assert_eq!(params(&parsed[1]), [("z", "")]);
    }

    #[test]
    fn a_malformed_element_is_none_and_spares_its_neighbours() {
        let parsed: Vec<_> = elements(r#"a;noequals, b;x="open, c;x=1;q y=2, d;=1, e;x=a b, f"#)
            .map(|e| e.map(|e| e.value))
            .collect();
        // `"open` swallows the rest of the header, as a quoted string runs to its closing quote.
        assert_eq!(parsed, [None, None]);
        let parsed: Vec<_> = elements("a;noequals, c;x=1;q y=2, d;=1, e;x=a b, f;x=\"1\"2, g;")
            .map(|e| e.map(|e| e.value))
            .collect();
        assert_eq!(parsed, [None, None, None, None, None, Some("g")]);
    }

    #[test]
    fn qvalues_follow_the_grammar() {
        for (text, q) in [
            ("0", Some(0)),
            ("0.", Some(0)),
            ("0.5", Some(500)),
            ("0.05", Some(50)),
            ("0.123", Some(123)),
            ("1", Some(1000)),
            ("1.", Some(1000)),
            ("1.000", Some(1000)),
            ("1.001", None),
            ("1.5", None),
            ("2", None),
            ("0.1234", None),
            (".5", None),
            ("-0", None),
            ("0.5x", None),
            ("", None),
            ("abc", None),
            ("0.+1", None),
        ] {
            assert_eq!(qvalue(text), q, "{text:?}");
        }
    }

    #[test]
    fn parameter_lists_have_no_leading_value() {
        let lists: Vec<_> =
            parameter_lists(r#"for=192.0.2.1;Proto=http, for="[2001:db8::1]:80", by"#).collect();
        assert_eq!(
            lists,
            [
                Some(vec![
                    ("for".into(), "192.0.2.1".into()),
                    ("proto".into(), "http".into())
                ]),
                Some(vec![("for".into(), "[2001:db8::1]:80".into())]),
                None,
            ]
        );
    }

    #[test]
    fn tokens() {
        assert!(is_token("openmetrics-text"));
        assert!(is_token("x-gzip"));
        assert!(!is_token(""));
        assert!(!is_token("a b"));
        assert!(!is_token("a/b"));
        assert!(!is_token("\"a\""));
    }
}
