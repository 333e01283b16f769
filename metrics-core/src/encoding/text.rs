//! The pieces of a text exposition line: escaping and number formatting.

use std::fmt::Write as _;

use crate::Format;

/// Appends a HELP text, escaped for `format`: OpenMetrics escapes `\`, newline and `"`; the
/// Prometheus text format 0.0.4 escapes `\` and newline only.
pub(crate) fn push_help(out: &mut String, help: &str, format: Format) {
    let quote = format == Format::OpenMetrics;
    if !help
        .bytes()
        .any(|b| b == b'\\' || b == b'\n' || (quote && b == b'"'))
    {
        out.push_str(help);
        return;
    }
    for c in help.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '"' if quote => out.push_str("\\\""),
            c => out.push(c),
        }
    }
}

/// Appends a label value, escaped as both formats require: `\`, `"` and newline.
pub(crate) fn push_label_value(out: &mut String, value: &str) {
    let bytes = value.as_bytes();
    if !has_escapes(bytes) {
        out.push_str(value);
        return;
    }
    let mut start = 0;
    for (i, b) in bytes.iter().enumerate() {
        let escaped = match b {
            b'\\' => "\\\\",
            b'"' => "\\\"",
            b'\n' => "\\n",
            _ => continue,
        };
        out.push_str(&value[start..i]);
        out.push_str(escaped);
        start = i + 1;
    }
    out.push_str(&value[start..]);
}

/// Whether `bytes` holds a byte that a label value escapes (`\`, `"`, newline), tested eight
/// bytes at a time: label values are mostly under 16 bytes, where a loop over the bytes cost 7
/// instructions a byte (a third of writing the labels, measured), and where `memchr3`, whose
/// vector search needs a longer input, is such a loop too.
#[inline]
fn has_escapes(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    // Whether a byte of `word` is `byte`: the classic test for a zero byte, exact as a whole.
    let holds = |word: u64, byte: u8| {
        let x = word ^ (ONES * u64::from(byte));
        x.wrapping_sub(ONES) & !x & HIGH != 0
    };
    // Zero bytes (padding) are none of the three.
    let special = |word: u64| holds(word, b'\\') | holds(word, b'"') | holds(word, b'\n');
    if bytes.len() <= 15 {
        let (low, high) = crate::label::inline_words(bytes);
        return special(low) | special(high);
    }
    let word = |chunk: &[u8]| u64::from_le_bytes(chunk.try_into().unwrap_or_default());
    let mut chunks = bytes.chunks_exact(8);
    // The last eight bytes, overlapping the last whole chunk when the length is not a multiple.
    let last = word(&bytes[bytes.len() - 8..]);
    chunks.any(|chunk| special(word(chunk))) || special(last)
}

/// Appends `name="value"`, preceded by a comma unless it is the first label.
pub(crate) fn push_label(out: &mut String, name: &str, value: &str) {
    if !out.is_empty() {
        out.push(',');
    }
    out.push_str(name);
    out.push_str("=\"");
    push_label_value(out, value);
    out.push('"');
}

/// Appends an unsigned integer.
pub(crate) fn push_u64(out: &mut String, v: u64) {
    out.push_str(itoa::Buffer::new().format(v));
}

/// Appends a signed integer.
pub(crate) fn push_i64(out: &mut String, v: i64) {
    out.push_str(itoa::Buffer::new().format(v));
}

/// Appends a float as the Go client libraries write it (`strconv.FormatFloat(v, 'g', -1, 64)`):
/// the shortest digits that round-trip, in exponent form when the decimal exponent is below -4
/// or at least 6 (`1e+06`, `220329`, `6.3958e-05`); `+Inf`, `-Inf` and `NaN` as the formats
/// spell them.
pub(crate) fn push_f64(out: &mut String, v: f64) {
    if v.is_nan() {
        out.push_str("NaN");
        return;
    }
    if v.is_infinite() {
        out.push_str(if v > 0.0 { "+Inf" } else { "-Inf" });
        return;
    }
    if v == 0.0 {
        out.push_str(if v.is_sign_negative() { "-0" } else { "0" });
        return;
    }
    // Integers below 1e6 are written as such by Go too (`220329`); itoa is several times faster
    // than the shortest-digits search below.
    if v.fract() == 0.0 && v.abs() < 1e6 {
        push_i64(out, v as i64);
        return;
    }
    // Rust's `{:e}` gives the shortest round-trip digits, as Go's shortest formatting does;
    // written into a stack buffer, as this runs once per sample of every scrape.
    let mut buf = StackBuf::default();
    let _ = write!(buf, "{:e}", v.abs());
    let text = buf.as_str();
    let (mantissa, exp) = text.split_once('e').unwrap_or((text, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let mut digit_buf = StackBuf::default();
    for c in mantissa.chars().filter(char::is_ascii_digit) {
        let _ = digit_buf.write_char(c);
    }
    let digits = digit_buf.as_str();
    if v < 0.0 {
        out.push('-');
    }
    if !(-4..6).contains(&exp) {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if exp < 0 { '-' } else { '+' });
        let magnitude = exp.unsigned_abs();
        if magnitude < 10 {
            out.push('0');
        }
        push_u64(out, u64::from(magnitude));
    } else if exp < 0 {
        out.push_str("0.");
        for _ in 0..(-exp - 1) {
            out.push('0');
        }
        out.push_str(digits);
    } else {
        let int_len = exp as usize + 1;
        if digits.len() <= int_len {
            out.push_str(digits);
            for _ in digits.len()..int_len {
                out.push('0');
            }
        } else {
            out.push_str(&digits[..int_len]);
            out.push('.');
            out.push_str(&digits[int_len..]);
        }
    }
}

/// A fixed buffer for formatting one number (`{:e}` of an f64 is at most 24 bytes).
#[derive(Default)]
struct StackBuf {
    bytes: [u8; 32],
    len: usize,
}

impl StackBuf {
    fn as_str(&self) -> &str {
        // Only `str`s are written in, whole or not at all.
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }
}

impl std::fmt::Write for StackBuf {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        let slot = self.bytes.get_mut(self.len..end).ok_or(std::fmt::Error)?;
        slot.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// Appends an `le` or `quantile` label value. OpenMetrics writes integral bounds with `.0`
/// (`1.0`), as the Go client's OpenMetrics encoder does; the text format 0.0.4 as other floats.
pub(crate) fn push_bound(out: &mut String, v: f64, format: Format) {
    push_f64(out, v);
    if format == Format::OpenMetrics && v.is_finite() && v.fract() == 0.0 && v.abs() < 1e6 {
        out.push_str(".0");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_found_at_every_position_of_every_length() {
        // Bytes next to the three, and bytes whose high bit is set, around each of them.
        let fillers = [
            b'a', b'[', b']', b'!', b'#', b'\t', b'\x0b', 0, 0x7f, 0x80, 0xdc, 0xff,
        ];
        for len in 0..=40 {
            for filler in fillers {
                let plain = vec![filler; len];
                assert!(!has_escapes(&plain), "{len} x {filler:#x}");
                for at in 0..len {
                    for special in [b'\\', b'"', b'\n'] {
                        let mut bytes = plain.clone();
                        bytes[at] = special;
                        assert!(has_escapes(&bytes), "{special:#x} at {at} of {len}");
                    }
                }
            }
        }
    }

    fn f(v: f64) -> String {
        let mut s = String::new();
        push_f64(&mut s, v);
        s
    }

    #[test]
    fn floats_are_written_as_the_go_client_writes_them() {
        // Every value from the infra document, which a Go client wrote.
        for (v, go) in [
            (6.3958e-05, "6.3958e-05"),
            (0.000166625, "0.000166625"),
            (0.000655124, "0.000655124"),
            (1.0739064e+07, "1.0739064e+07"),
            (220329.0, "220329"),
            (0.0025359370371158844, "0.0025359370371158844"),
            (1.6419263434352999e+09, "1.6419263434352999e+09"),
            (1.24e+07, "1.24e+07"),
            (903718.0, "903718"),
            (1e6, "1e+06"),
            (0.001, "0.001"),
            (30.0, "30"),
            (1.0, "1"),
            (-2.5, "-2.5"),
            (1e21, "1e+21"),
            (123456.7, "123456.7"),
        ] {
            assert_eq!(f(v), go, "{v:e}");
        }
        assert_eq!(f(f64::INFINITY), "+Inf");
        assert_eq!(f(f64::NEG_INFINITY), "-Inf");
        assert_eq!(f(f64::NAN), "NaN");
        assert_eq!(f(0.0), "0");
    }

    #[test]
    fn every_written_float_parses_back_to_itself() {
        let mut x = 1.234_567_890_123e-12_f64;
        while x < 1e15 {
            assert_eq!(f(x).parse::<f64>().ok(), Some(x));
            x *= 3.7;
        }
    }

    #[test]
    fn bounds_in_openmetrics_end_in_point_zero() {
        let mut s = String::new();
        push_bound(&mut s, 1.0, Format::OpenMetrics);
        s.push(' ');
        push_bound(&mut s, 1.0, Format::Prometheus);
        s.push(' ');
        push_bound(&mut s, 0.25, Format::OpenMetrics);
        assert_eq!(s, "1.0 1 0.25");
    }

    #[test]
    fn help_and_label_values_are_escaped_per_format() {
        let mut s = String::new();
        push_help(&mut s, "a \"b\" \\ c\nd", Format::OpenMetrics);
        assert_eq!(s, r#"a \"b\" \\ c\nd"#);
        s.clear();
        push_help(&mut s, "a \"b\" \\ c\nd", Format::Prometheus);
        assert_eq!(s, r#"a "b" \\ c\nd"#);
        s.clear();
        push_label_value(&mut s, "x\"y\\z\n");
        assert_eq!(s, r#"x\"y\\z\n"#);
        // Each special character alone, so that no check stands in for another.
        for (help, om, text) in [
            ("a \"q\"", r#"a \"q\""#, r#"a "q""#),
            ("a \\ b", r#"a \\ b"#, r#"a \\ b"#),
            ("a\nb", r#"a\nb"#, r#"a\nb"#),
            ("plain", "plain", "plain"),
        ] {
            for (format, expected) in [(Format::OpenMetrics, om), (Format::Prometheus, text)] {
                s.clear();
                push_help(&mut s, help, format);
                assert_eq!(s, expected, "{help:?} in {format}");
            }
        }
    }

    #[test]
    fn labels_are_joined_by_commas() {
        let mut s = String::new();
        push_label(&mut s, "a", "1");
        push_label(&mut s, "b", "x\"y");
        assert_eq!(s, r#"a="1",b="x\"y""#);
    }

    #[test]
    fn signs_zeros_and_exponent_boundaries() {
        for (v, go) in [
            (-0.0, "-0"),
            (-1.5, "-1.5"),
            (1.5, "1.5"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (999999.0, "999999"),
            (999999.5, "999999.5"),
            (-1e6, "-1e+06"),
            (1.5e-10, "1.5e-10"),
            (-f64::MAX, "-1.7976931348623157e+308"),
        ] {
            assert_eq!(f(v), go, "{v:e}");
        }
    }
}

/// Random HELP texts (any scalar value, the characters an exposition escapes or ends a line with,
/// up to kilobytes) written by [`push_help`] and read back by the checker's reader, both formats:
/// 250 pages of 4,000 families, a million texts.
#[cfg(all(test, feature = "check"))]
mod help_round_trip {
    use proptest::prelude::*;

    use super::push_help;
    use crate::Format;
    use crate::tools::check::parse::parse;

    const SPECIAL: &[char] = &[
        '"', '\\', '\n', '\r', '\t', ' ', '#', '{', '}', '\0', '\u{2028}',
    ];

    fn help() -> impl Strategy<Value = String> {
        let char = prop_oneof![3 => any::<char>(), 1 => prop::sample::select(SPECIAL)];
        prop_oneof![
            99 => prop::collection::vec(char.clone(), 0..40),
            1 => prop::collection::vec(char, 256..4096),
        ]
        .prop_map(|chars| chars.into_iter().collect())
    }

    /// What a reader of `format` can get back: the text format 0.0.4 has no escape for the
    /// blanks that follow the name (Prometheus's parser skips them), so leading spaces and
    /// tabs are not part of its HELP.
    fn readable(help: &str, format: Format) -> &str {
        match format {
            Format::OpenMetrics => help,
            Format::Prometheus => help.trim_start_matches([' ', '\t']),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 250, ..ProptestConfig::default() })]

        #[test]
        fn help_texts_round_trip_through_the_writer_and_the_reader(
            helps in prop::collection::vec(help(), 4000)
        ) {
            for format in Format::ALL {
                let mut page = String::new();
                for (i, help) in helps.iter().enumerate() {
                    page.push_str(&format!("# HELP h{i} "));
                    push_help(&mut page, help, format);
                    page.push_str(&format!("\n# TYPE h{i} gauge\nh{i} 1\n"));
                }
                if format == Format::OpenMetrics {
                    page.push_str("# EOF\n");
                }
                let read = parse(&page, format).map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(read.families.len(), helps.len());
                for (family, help) in read.families.iter().zip(&helps) {
                    let got = family.help.as_ref().map_or("", |h| h.value.as_str());
                    prop_assert_eq!(got, readable(help, format), "{}", format);
                }
            }
        }
    }
}
