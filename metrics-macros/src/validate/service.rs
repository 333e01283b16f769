//! `#[derive(Service)]`: the name and the formats the service is served in.

use heck::ToSnakeCase;

use crate::ctxt::Ctxt;
use crate::ir::{Format, ServiceModel};
use crate::parse::service::RawService;

pub(crate) fn validate<'a>(cx: &Ctxt, raw: RawService<'a>) -> ServiceModel<'a> {
    // Rule: a service is served in OpenMetrics 1.0, the text format 0.0.4, or both (the default).
    let listed = raw.formats.clone().unwrap_or_else(|| {
        vec![
            ("openmetrics".to_owned(), raw.ident.span()),
            ("prometheus".to_owned(), raw.ident.span()),
        ]
    });
    if listed.is_empty() {
        cx.error_spanned_by(
            raw.ident,
            "a service is served in at least one format: `formats(openmetrics, prometheus)`",
        );
    }
    let mut formats = Vec::new();
    for (keyword, span) in listed {
        let format = match Format::ALL.into_iter().find(|f| f.keyword() == keyword) {
            Some(format) => format,
            None => {
                let other = keyword.as_str();
                cx.error_at(
                    span,
                    format!("unknown format `{other}`: expected `openmetrics` (OpenMetrics 1.0) or `prometheus` (text 0.0.4)"),
                );
                continue;
            }
        };
        if formats.iter().any(|(f, _)| *f == format) {
            cx.error_at(span, format!("`{keyword}` is listed twice"));
        } else {
            formats.push((format, span));
        }
    }
    ServiceModel {
        ident: raw.ident,
        name: raw
            .name
            .as_ref()
            .map_or_else(|| raw.ident.to_string().to_snake_case(), |n| n.value()),
        formats,
        budget: raw.budget.clone(),
        fields: raw.fields,
    }
}
