use metrics_core::{Counter, Histogram, MetricGroup};

// In a module, two groups with a metric of the same field name would both generate
// `RequestLabels`.
#[metrics_core::labels(
    #[label(bound = 16)]
    code: &str,
)]
mod authelia {
    use super::*;

    #[derive(MetricGroup)]
    #[metrics(prefix = "authelia", allow(counter_total))]
    pub struct Counters {
        /// All requests.
        #[metric(labels(code))]
        pub request: Counter,
    }

    #[derive(MetricGroup)]
    #[metrics(prefix = "authelia_duration")]
    pub struct Histograms {
        /// Request durations.
        #[metric(labels(code), buckets(0.1, 1), unit = "seconds")]
        pub request: Histogram,
    }
}

fn main() {}
