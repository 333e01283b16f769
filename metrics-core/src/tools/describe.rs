//! The descriptors of a service as JSON, complete enough to rebuild the catalog from: the
//! descriptors' and rules' own `serde::Serialize` (feature `serde`), under the service's name,
//! title, source, formats and budget; and [`Description`], the same JSON read back into owned
//! values, for a tool of one's own (a dashboard generator, a linter in another language's CI).

use serde::ser::{Serialize, SerializeStruct, Serializer};
use serde::{Deserialize, Serialize as DeriveSerialize};
use serde_json::Value;

use super::ServiceEntry;
use crate::{Format, MetricType};

/// `{"service", "title", "source", "formats", "budget", "families": [...], "rules": [...]}`,
/// one object per family and per rule.
pub fn to_json(service: &ServiceEntry) -> Result<Value, serde_json::Error> {
    serde_json::to_value(service)
}

impl Serialize for ServiceEntry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut service = serializer.serialize_struct("ServiceEntry", 7)?;
        service.serialize_field("service", self.name)?;
        service.serialize_field("title", self.title)?;
        service.serialize_field("source", &self.source)?;
        service.serialize_field("formats", self.formats)?;
        service.serialize_field("budget", &self.budget)?;
        service.serialize_field("families", &self.descriptors())?;
        service.serialize_field("rules", &self.rules())?;
        service.end()
    }
}

/// A service as [`to_json`] writes it, read back. Every field of the JSON has its place here
/// (an unknown field is an error, so nothing is dropped on the way), and writing a
/// `Description` again gives the same JSON.
///
/// ```
/// use metrics_core::tools::ServiceEntry;
/// use metrics_core::tools::describe::{Description, to_json};
/// use metrics_core::{Counter, MetricGroup, MetricType, Service};
///
/// #[derive(MetricGroup)]
/// #[metrics(prefix = "shop")]
/// pub struct Orders {
///     /// Orders placed.
///     pub placed_total: Counter,
/// }
///
/// #[derive(Service)]
/// pub struct Shop {
///     pub orders: Orders,
/// }
///
/// static SHOP: ServiceEntry = ServiceEntry::of::<Shop>("shop");
/// let json = serde_json::to_string(&to_json(&SHOP).unwrap()).unwrap();
/// let shop: Description = serde_json::from_str(&json).unwrap();
/// assert_eq!(shop.families[0].name, "shop_placed_total");
/// assert_eq!(shop.families[0].family, "shop_placed");
/// assert_eq!(shop.families[0].metric_type, MetricType::Counter);
/// ```
#[derive(Clone, Debug, PartialEq, DeriveSerialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Description {
    /// The service's name.
    pub service: String,
    /// What the service is.
    pub title: String,
    /// The document the declarations follow.
    pub source: Option<String>,
    /// The formats it is served in, preferred first.
    pub formats: Vec<Format>,
    /// The most series it may expose.
    pub budget: Option<usize>,
    /// Every family, in declaration order.
    pub families: Vec<FamilyDescription>,
    /// Every alert and recording rule, in declaration order.
    pub rules: Vec<RuleDescription>,
}

/// One family (see [`crate::MetricDescriptor`], whose fields these are).
#[derive(Clone, Debug, PartialEq, DeriveSerialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FamilyDescription {
    /// The declared name.
    pub name: String,
    /// The OpenMetrics family name (a counter's without `_total`).
    pub family: String,
    /// The type.
    #[serde(rename = "type")]
    pub metric_type: MetricType,
    /// The help text.
    pub help: String,
    /// The unit.
    pub unit: Option<String>,
    /// The labels, in order.
    pub labels: Vec<LabelDescription>,
    /// A histogram's bucket bounds, without `+Inf`.
    pub buckets: Vec<f64>,
    /// A summary's quantiles.
    pub quantiles: Vec<f64>,
    /// The version that added it.
    pub since: Option<String>,
    /// Why it is deprecated, and what replaces it.
    pub deprecated: Option<String>,
    /// The documentation section.
    pub section: Option<String>,
    /// Where the specification was wrong or ambiguous, and what was decided.
    pub decision: Option<String>,
    /// The naming rules it may break.
    pub allowances: Vec<String>,
    /// The Rust field that holds it.
    pub field: String,
    /// The worst-case number of series, `None` with an unbounded label.
    pub max_series: Option<usize>,
    /// The most label sets it holds before new ones go to its overflow series (see
    /// [`crate::MetricDescriptor::series_cap`]).
    pub series_cap: usize,
    /// How long a series may go without a record before it is removed, in seconds, when
    /// declared (see [`crate::MetricDescriptor::idle`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idle_seconds: Option<f64>,
    /// Its declared series budget.
    pub budget: Option<usize>,
}

/// One label (see [`crate::LabelDescriptor`]).
#[derive(Clone, Debug, PartialEq, DeriveSerialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelDescription {
    /// The label name.
    pub name: String,
    /// A closed set's values, `None` for free text.
    pub values: Option<Vec<String>>,
    /// Free text's bound on distinct values, `None` when unbounded or closed.
    pub bound: Option<usize>,
    /// Whether it is left out of a series when absent.
    pub optional: bool,
    /// The naming rules it may break.
    pub allowances: Vec<String>,
    /// What it holds, when documented.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

/// One rule (see [`crate::rules::Rule`]): its labels and annotations in declaration order.
#[derive(Clone, Debug, PartialEq, DeriveSerialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDescription {
    /// `alert` or `record`.
    pub kind: String,
    /// The alert's name, or the recorded series' name.
    pub name: String,
    /// The PromQL expression.
    pub expr: String,
    /// How long an alert's condition must hold.
    #[serde(rename = "for")]
    pub for_duration: Option<String>,
    /// The labels added, `severity` among them.
    pub labels: serde_json::Map<String, Value>,
    /// The annotations.
    pub annotations: serde_json::Map<String, Value>,
    /// Where the specification's expression was wrong.
    pub correction: Option<String>,
    /// The documentation section.
    pub section: Option<String>,
}
