// The attribute goes on a metric group or a module of them, not on a closed set.
#[metrics_core::labels(
    #[label(bound = 16)]
    pool_id: &str,
)]
#[derive(Clone, Copy, Debug, metrics_core::LabelValue)]
pub enum Strategy {
    RoundRobin,
    LeastConnections,
}

fn main() {}
