//! Replacing the values of chosen samples in an exposition.

use super::NORMALISED;

/// `text` with the value of every sample line named one of `samples` replaced by
/// [`NORMALISED`].
pub(super) fn normalise(text: &str, samples: &[String]) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let body = line.strip_suffix('\n').unwrap_or(line);
        // No timestamp is written, and a space inside a label value comes before the closing
        // brace: the value is what follows the last space.
        match body.rsplit_once(' ') {
            Some((head, _)) if samples.iter().any(|s| is_sample_of(body, s)) => {
                out.push_str(head);
                out.push(' ');
                out.push_str(NORMALISED);
                out.push_str(&line[body.len()..]);
            }
            _ => out.push_str(line),
        }
    }
    out
}

/// Whether `line` is a sample of the sample name `sample` (not a comment, not a longer name).
fn is_sample_of(line: &str, sample: &str) -> bool {
    line.strip_prefix(sample)
        .is_some_and(|rest| rest.starts_with([' ', '{']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_a_sample_of_its_exact_name() {
        let samples = ["x".to_owned()];
        assert_eq!(
            normalise(
                "# HELP x x 1\nx 1\nx{a=\"b} 9\"} 2\nx_total 3\nxy 4\nx",
                &samples
            ),
            "# HELP x x 1\nx [normalised]\nx{a=\"b} 9\"} [normalised]\nx_total 3\nxy 4\nx"
        );
    }
}
