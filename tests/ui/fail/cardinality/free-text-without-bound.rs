use metrics_core::LabelSet;

// A free-text label with no bound: the worst case of every family using it is unknown.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct RequestLabels<'a> {
    pub client_ip: &'a str,
}

fn main() {}
