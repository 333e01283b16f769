//! `#[alert]` and `#[record]` without the `promql` feature: the PromQL parser, its parser
//! generator and the regex tables are not built, and a rule is an error that says how to turn
//! them on. The same three functions as `rules/mod.rs`, so that the derives do not change.

use proc_macro2::TokenStream;
use syn::Attribute;

use crate::ctxt::Ctxt;

/// No rule can be declared without the feature.
pub(crate) enum Rule {}

/// Reports every `#[alert(...)]` and `#[record(...)]` of `attrs`.
pub(crate) fn parse(cx: &Ctxt, attrs: &[Attribute]) -> Vec<Rule> {
    for attr in attrs {
        let kind = if attr.path().is_ident("alert") {
            "alert"
        } else if attr.path().is_ident("record") {
            "record"
        } else {
            continue;
        };
        cx.error_spanned_by(
            attr,
            format!(
                "`#[{kind}]` has its PromQL checked at compile time, which needs metrics-core's \
                 `alerts` feature: metrics-core = {{ version = \"...\", features = [\"alerts\"] }}"
            ),
        );
    }
    Vec::new()
}

pub(crate) fn expand(rules: &[Rule], _section: Option<&str>) -> Vec<TokenStream> {
    rules.iter().map(|rule| match *rule {}).collect()
}

pub(crate) fn checks(
    rules: &[Rule],
    _families: &TokenStream,
    _rules_const: &TokenStream,
    _formats: &TokenStream,
) -> TokenStream {
    match rules.first() {
        Some(rule) => match *rule {},
        None => TokenStream::new(),
    }
}

#[cfg(test)]
mod tests {
    use syn::parse_quote;

    use super::*;

    #[test]
    fn a_rule_without_the_feature_says_how_to_turn_it_on() {
        let attrs: Vec<Attribute> = vec![
            parse_quote!(#[metric(counter)]),
            parse_quote!(#[alert(name = "A", expr = "up == 0")]),
            parse_quote!(#[record(name = "b:c", expr = "sum(up)")]),
        ];
        let cx = Ctxt::new();
        assert!(parse(&cx, &attrs).is_empty());
        let error = cx.check().expect_err("two rules");
        let messages: Vec<String> = error.into_iter().map(|e| e.to_string()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].starts_with("`#[alert]` has its PromQL checked"));
        assert!(messages[1].starts_with("`#[record]` has its PromQL checked"));
        assert!(
            messages
                .iter()
                .all(|m| m.contains("features = [\"alerts\"]"))
        );
    }
}
