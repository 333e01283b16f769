//! The bottom of the writers: escaping, number formatting and the sample lines of one series,
//! shared by every metric type (each writes its own series) and by the registry's exposition
//! (families, headers, order).

pub(crate) mod series;
pub(crate) mod text;

pub use series::SeriesWriter;
