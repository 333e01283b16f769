//! The descriptors of a service as JSON, complete enough to rebuild the catalog from: the
//! descriptors' own `serde::Serialize` (feature `serde`), under the service's name, title and
//! source.

use serde::ser::{Serialize, SerializeStruct, Serializer};
use serde_json::Value;

use super::ServiceEntry;

/// `{"service", "title", "source", "families": [...]}`, one object per family.
pub fn to_json(service: &ServiceEntry) -> Result<Value, serde_json::Error> {
    serde_json::to_value(service)
}

impl Serialize for ServiceEntry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut service = serializer.serialize_struct("ServiceEntry", 4)?;
        service.serialize_field("service", self.name)?;
        service.serialize_field("title", self.title)?;
        service.serialize_field("source", &self.source)?;
        service.serialize_field("families", &self.descriptors())?;
        service.end()
    }
}
