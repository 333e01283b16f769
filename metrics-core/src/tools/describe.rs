//! The descriptors of a service as JSON, complete enough to rebuild the catalog from.

use crate::{LabelKind, MetricDescriptor};
use serde_json::{Value, json};

use super::ServiceEntry;

/// `{"service", "title", "source", "families": [...]}`, one object per family.
pub fn to_json(service: &ServiceEntry) -> Value {
    let families: Vec<Value> = service.descriptors().into_iter().map(family).collect();
    json!({
        "service": service.name,
        "title": service.title,
        "source": service.source,
        "families": families,
    })
}

fn family(d: &MetricDescriptor) -> Value {
    let labels: Vec<Value> = d
        .labels
        .iter()
        .map(|l| {
            let values = match l.kind {
                LabelKind::FreeText => Value::Null,
                LabelKind::Closed(values) => json!(values),
            };
            let mut label = json!({ "name": l.name, "values": values, "bound": l.bound, "optional": l.optional, "allowances": l.allowances });
            // Present when the label has one, so that a catalog without label help reads as before.
            if let Some(help) = l.help {
                label["help"] = json!(help);
            }
            label
        })
        .collect();
    json!({
        "name": d.name,
        "family": d.family_name(),
        "type": d.metric_type.as_str(),
        "help": d.help,
        "unit": d.unit,
        "labels": labels,
        "buckets": d.buckets,
        "quantiles": d.quantiles,
        "since": d.since,
        "deprecated": d.deprecated,
        "section": d.section,
        "decision": d.decision,
        "allowances": d.allowances,
        "field": d.field,
        "max_series": d.max_series(),
        "budget": d.budget,
    })
}
