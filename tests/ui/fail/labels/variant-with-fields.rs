use metrics_core::LabelValue;

#[derive(Clone, Copy, LabelValue)]
pub enum Outcome {
    Ok,
    Failed(u16),
}

fn main() {}
