//! Content negotiation (RFC 9110 §12.5): the format a scraper's `Accept` asks for (its media
//! ranges read by the `mediatype` crate; the choice among them, by specificity, weight and
//! order, is the endpoint's policy, here), and whether its `Accept-Encoding` takes gzip.

use super::header::{self, qvalue};
use crate::Format;

/// One media range of an `Accept` header.
#[derive(Debug, PartialEq, Eq)]
struct MediaRange {
    /// Lowercased; `*` for any.
    r#type: String,
    /// Lowercased; `*` for any.
    subtype: String,
    /// The media type's parameters: those before the weight (RFC 9110 §12.5.1: parameters after
    /// `q` are accept extensions, which change nothing here).
    params: Vec<(String, String)>,
    /// In thousandths.
    q: u16,
}

impl MediaRange {
    /// How specific the range is (RFC 9110 §12.5.1: `text/plain;version=0.0.4` over
    /// `text/plain` over `text/*` over `*/*`).
    fn specificity(&self) -> u8 {
        match (self.r#type.as_str(), self.subtype.as_str()) {
            ("*", _) => 0,
            (_, "*") => 1,
            _ if self.params.is_empty() => 2,
            _ => 3,
        }
    }

    /// Whether `format`, as this endpoint writes it, is in the range.
    fn matches(&self, format: Format) -> bool {
        let (r#type, subtype, version) = match format {
            Format::OpenMetrics => ("application", "openmetrics-text", "1.0.0"),
            Format::Prometheus => ("text", "plain", "0.0.4"),
        };
        (self.r#type == "*" || self.r#type == r#type)
            && (self.subtype == "*" || self.subtype == subtype)
            && self.params.iter().all(|(name, value)| match name.as_str() {
                // `text/plain;version=1.0.0` is the UTF-8 text format of Prometheus 3, and
                // OpenMetrics 0.0.1 has a content type of its own: neither is what is written.
                "version" => value == version,
                "charset" => value.eq_ignore_ascii_case("utf-8"),
                // `escaping` (Prometheus 3) says how the scraper reads names outside the legacy
                // character set; the catalog's names are all inside it, so every scheme reads
                // them unchanged. Other parameters do not select a different exposition.
                _ => true,
            })
    }
}

/// The media ranges of an `Accept` header (read by `mediatype`), without the malformed ones: a
/// range that does not parse, that is not `type/subtype`, `type/*` or `*/*`, or whose weight is
/// not a valid qvalue, is ignored.
fn media_ranges(accept: &str) -> Vec<MediaRange> {
    mediatype::MediaTypeList::new(accept)
        .filter_map(Result::ok)
        .filter_map(|range| {
            let subtype = match &range.suffix {
                Some(suffix) => format!("{}+{}", range.subty.as_str(), suffix.as_str()),
                None => range.subty.as_str().to_owned(),
            };
            if range.ty.as_str() == "*" && subtype != "*" {
                return None;
            }
            let mut params = Vec::new();
            let mut q = 1000;
            for (name, value) in range.params.iter() {
                let name = name.as_str().to_ascii_lowercase();
                let value = value.unquoted_str().into_owned();
                if name == "q" {
                    q = qvalue(&value)?;
                    break;
                }
                params.push((name, value));
            }
            Some(MediaRange {
                r#type: range.ty.as_str().to_ascii_lowercase(),
                subtype: subtype.to_ascii_lowercase(),
                params,
                q,
            })
        })
        .collect()
}

/// The format to answer with, among `offered`, for a request with the `Accept` header `accept`;
/// `None` when the scraper accepts none of them (a 406).
///
/// Each format weighs what the most specific media range that matches it says (RFC 9110
/// §12.5.1); the heaviest wins, then the one whose range comes first in the header (as the Go
/// client decides), then the text format 0.0.4. So `*/*`, or no `Accept` at all, gets the text
/// format 0.0.4, which every scraper reads, and Prometheus 2.x and 3.x get OpenMetrics 1.0 when it
/// is offered, the text format 0.0.4 otherwise. A header in which no media range parses is
/// treated as absent.
///
/// ```
/// use metrics_core::Format;
/// use metrics_core::http::negotiate;
///
/// let prometheus_3 = "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5,\
///     application/openmetrics-text;version=0.0.1;q=0.4,\
///     text/plain;version=1.0.0;escaping=allow-utf-8;q=0.3,\
///     text/plain;version=0.0.4;q=0.2,*/*;q=0.1";
/// assert_eq!(negotiate(Some(prometheus_3), &Format::ALL), Some(Format::OpenMetrics));
/// assert_eq!(negotiate(Some(prometheus_3), &[Format::Prometheus]), Some(Format::Prometheus));
/// assert_eq!(negotiate(None, &Format::ALL), Some(Format::Prometheus));
/// assert_eq!(negotiate(Some("application/json"), &Format::ALL), None);
/// ```
pub fn negotiate(accept: Option<&str>, offered: &[Format]) -> Option<Format> {
    let ranges = accept.map(media_ranges).unwrap_or_default();
    let fallback = || {
        offered
            .iter()
            .copied()
            .find(|f| *f == Format::Prometheus)
            .or_else(|| offered.first().copied())
    };
    if ranges.is_empty() {
        return fallback();
    }
    offered
        .iter()
        .filter_map(|&format| {
            let (index, range) = ranges
                .iter()
                .enumerate()
                .filter(|(_, r)| r.matches(format))
                // The most specific range decides; among equally specific ones, the heaviest,
                // then the first.
                .max_by_key(|(i, r)| (r.specificity(), r.q, std::cmp::Reverse(*i)))?;
            (range.q > 0).then_some((format, range.q, index))
        })
        .max_by_key(|&(format, q, index)| {
            (q, std::cmp::Reverse(index), format == Format::Prometheus)
        })
        .map(|(format, ..)| format)
}

/// Whether a response may be gzipped for a request with this `Accept-Encoding` (RFC 9110
/// §12.5.3): `gzip` (or its alias `x-gzip`) with a non-zero weight, or else `*` with one.
pub(super) fn accepts_gzip(accept_encoding: Option<&str>) -> bool {
    let Some(header) = accept_encoding else {
        return false;
    };
    let mut gzip = None;
    let mut any = None;
    for element in header::elements(header).flatten() {
        let q = match element.params.iter().find(|(name, _)| name == "q") {
            Some((_, value)) => match qvalue(value) {
                Some(q) => q,
                None => continue,
            },
            None => 1000,
        };
        let coding = element.value.to_ascii_lowercase();
        let slot = match coding.as_str() {
            "gzip" | "x-gzip" => &mut gzip,
            "*" => &mut any,
            _ => continue,
        };
        *slot = Some(slot.map_or(q, |previous: u16| previous.max(q)));
    }
    gzip.or(any).is_some_and(|q| q > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Format::{OpenMetrics as Om, Prometheus as Text};

    const PROMETHEUS_3: &str = "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5,application/openmetrics-text;version=0.0.1;q=0.4,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.3,text/plain;version=0.0.4;q=0.2,*/*;q=0.1";
    const PROMETHEUS_2: &str = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    fn pick(accept: &str, offered: &[Format]) -> Option<Format> {
        negotiate(Some(accept), offered)
    }

    #[test]
    fn prometheus_gets_openmetrics_when_offered_and_the_text_format_otherwise() {
        for accept in [PROMETHEUS_2, PROMETHEUS_3] {
            assert_eq!(pick(accept, &[Om, Text]), Some(Om), "{accept}");
            assert_eq!(pick(accept, &[Text, Om]), Some(Om), "{accept}");
            assert_eq!(pick(accept, &[Text]), Some(Text), "{accept}");
            // Prometheus always ends with `*/*`, so even a text-less offer is acceptable.
            assert_eq!(pick(accept, &[Om]), Some(Om), "{accept}");
        }
    }

    #[test]
    fn no_accept_or_any_type_gets_the_text_format() {
        assert_eq!(negotiate(None, &[Om, Text]), Some(Text));
        assert_eq!(negotiate(None, &[Om]), Some(Om));
        assert_eq!(negotiate(None, &[]), None);
        for accept in [
            "*/*",
            "*/*;q=0.3",
            "text/*, application/*",
            "",
            " , ",
            "garbage",
        ] {
            assert_eq!(pick(accept, &[Om, Text]), Some(Text), "{accept:?}");
        }
    }

    #[test]
    fn the_most_specific_range_decides() {
        // `text/plain;q=0` refuses the text format although `*/*` would take it.
        assert_eq!(pick("text/plain;q=0, */*", &[Om, Text]), Some(Om));
        assert_eq!(pick("text/plain;q=0, */*", &[Text]), None);
        assert_eq!(
            pick("text/plain;version=0.0.4;q=0, text/plain", &[Text]),
            None
        );
        assert_eq!(
            pick(
                "text/*;q=0.9, text/plain;q=0.2, application/*;q=0.5",
                &[Om, Text]
            ),
            Some(Om)
        );
    }

    #[test]
    fn ties_go_to_the_range_listed_first_then_to_the_text_format() {
        assert_eq!(
            pick("application/openmetrics-text, text/plain", &[Om, Text]),
            Some(Om)
        );
        assert_eq!(
            pick("text/plain, application/openmetrics-text", &[Om, Text]),
            Some(Text)
        );
        assert_eq!(pick("application/*, text/*", &[Om, Text]), Some(Om));
    }

    #[test]
    fn versions_and_charsets_must_be_what_is_written() {
        assert_eq!(pick("text/plain;version=1.0.0", &[Om, Text]), None);
        assert_eq!(
            pick("application/openmetrics-text;version=0.0.1", &[Om, Text]),
            None
        );
        assert_eq!(pick("text/plain;charset=iso-8859-1", &[Text]), None);
        assert_eq!(pick("text/plain; charset=UTF-8", &[Text]), Some(Text));
        assert_eq!(
            pick(
                "Application/OpenMetrics-Text; Version=\"1.0.0\"",
                &[Om, Text]
            ),
            Some(Om)
        );
        // Any escaping scheme reads the catalog's legacy names unchanged.
        assert_eq!(
            pick("text/plain;version=0.0.4;escaping=underscores", &[Text]),
            Some(Text)
        );
    }

    #[test]
    fn a_range_with_an_invalid_weight_is_ignored() {
        // Were `q=1.5` read as 1, OpenMetrics would win.
        assert_eq!(
            pick(
                "application/openmetrics-text;q=1.5, text/plain;q=0.5",
                &[Om, Text]
            ),
            Some(Text)
        );
        assert_eq!(pick("text/plain;q=abc", &[Om, Text]), Some(Text)); // nothing parsed: absent
        assert_eq!(pick("text/plain;q=abc, application/json", &[Text]), None);
        assert_eq!(pick("text/plain;q=0.0001, */*;q=0", &[Text]), None);
    }

    #[test]
    fn parameters_after_the_weight_are_extensions() {
        assert_eq!(
            pick("text/plain;q=0.5;version=1.0.0, application/json", &[Text]),
            Some(Text)
        );
    }

    #[test]
    fn malformed_ranges_are_ignored() {
        for accept in ["*/plain", "text", "text/plain/x", "te xt/plain", "/plain"] {
            let ranges = media_ranges(accept);
            assert!(ranges.is_empty(), "{accept}: {ranges:?}");
        }
        assert_eq!(
            pick("*/plain, text/plain;version=\"0.0.4", &[Om, Text]),
            Some(Text) // nothing parsed: absent
        );
        assert_eq!(pick("*/plain, application/json", &[Om, Text]), None);
    }

    #[test]
    fn quoted_values_case_and_whitespace_as_rfc_9110_writes_them() {
        // A comma inside a quoted value does not end the range; names and types are
        // case-insensitive; blanks around `;` and `,` are allowed.
        assert_eq!(
            pick(
                "text/plain ; note=\"a, b\" ; q=0.9 , Application/OpenMetrics-Text;Version=1.0.0;q=0.5",
                &[Om, Text]
            ),
            Some(Text)
        );
        assert_eq!(
            pick(
                "APPLICATION/OPENMETRICS-TEXT; VERSION=\"1.0.0\"",
                &[Om, Text]
            ),
            Some(Om)
        );
    }

    #[test]
    fn nothing_acceptable_offered_is_none() {
        assert_eq!(pick("application/json", &[Om, Text]), None);
        assert_eq!(pick("application/openmetrics-text", &[Text]), None);
        assert_eq!(pick("text/plain", &[Om]), None);
        assert_eq!(pick("*/*;q=0", &[Om, Text]), None);
    }

    #[test]
    fn gzip_needs_a_non_zero_weight() {
        for (header, gzip) in [
            (None, false),
            (Some(""), false),
            (Some("gzip"), true),
            (Some("GZIP"), true),
            (Some("x-gzip"), true),
            (Some("gzip, deflate, br"), true),
            (Some("br;q=1.0, gzip;q=0.8, *;q=0.1"), true),
            (Some("deflate"), false),
            (Some("identity"), false),
            (Some("gzip;q=0"), false),
            (Some("gzip;q=0, *"), false),
            (Some("*"), true),
            (Some("*;q=0"), false),
            (Some("gzip;q=2"), false),
            (Some("gzip;q=2, *;q=0.1"), true),
        ] {
            assert_eq!(accepts_gzip(header), gzip, "{header:?}");
        }
    }
}
