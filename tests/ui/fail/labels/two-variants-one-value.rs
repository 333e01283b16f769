use metrics_core::LabelValue;

#[derive(Clone, Copy, LabelValue)]
#[label(rename_all = "lowercase")]
pub enum Result {
    Ok,
    #[label(rename = "ok")]
    Success,
}

fn main() {}
