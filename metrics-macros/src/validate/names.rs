//! The naming rules of the Prometheus data model.

/// Rule: a metric name matches `[a-zA-Z_:][a-zA-Z0-9_:]*` (the classic character set that every
/// scraper and PromQL accept without quoting).
pub(crate) fn metric_name_error(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("a metric name cannot be empty".into());
    }
    let bad = name.char_indices().find(|&(i, c)| {
        !(c.is_ascii_alphabetic() || c == '_' || c == ':' || (i > 0 && c.is_ascii_digit()))
    })?;
    Some(format!(
        "invalid metric name `{name}`: {} at position {}; a metric name is ASCII letters, digits, `_` and `:`, and does not start with a digit",
        describe(bad.1),
        bad.0
    ))
}

/// Rule: a label name matches `[a-zA-Z_][a-zA-Z0-9_]*`, and names starting with `__` are
/// reserved for Prometheus' internal use.
pub(crate) fn label_name_error(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("a label name cannot be empty".into());
    }
    if name.starts_with("__") {
        return Some(format!(
            "label name `{name}` is reserved: names starting with `__` are for Prometheus' internal use; rename the label"
        ));
    }
    let bad = name
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_alphabetic() || c == '_' || (i > 0 && c.is_ascii_digit())))?;
    Some(format!(
        "invalid label name `{name}`: {} at position {}; a label name is ASCII letters, digits and `_`, and does not start with a digit",
        describe(bad.1),
        bad.0
    ))
}

fn describe(c: char) -> String {
    if c.is_ascii_digit() {
        format!("digit `{c}`")
    } else {
        format!("`{}`", c.escape_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metric_names() {
        assert_eq!(metric_name_error("http_requests_total"), None);
        assert_eq!(metric_name_error("job:rate5m"), None);
        assert!(
            metric_name_error("bastion.sql_queries")
                .unwrap()
                .contains("`.` at position 7")
        );
        assert!(
            metric_name_error("5xx")
                .unwrap()
                .contains("digit `5` at position 0")
        );
        assert!(metric_name_error("").is_some());
    }

    #[test]
    fn label_names() {
        assert_eq!(label_name_error("client_id"), None);
        assert!(label_name_error("__name").unwrap().contains("reserved"));
        assert!(
            label_name_error("mail-server")
                .unwrap()
                .contains("`-` at position 4")
        );
        assert!(label_name_error("a:b").is_some());
    }
}
