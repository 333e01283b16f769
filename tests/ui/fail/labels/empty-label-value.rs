use metrics_core::LabelValue;

#[derive(Clone, Copy, LabelValue)]
pub enum Outcome {
    Ok,
    #[label(rename = "")]
    Unknown,
}

fn main() {}
