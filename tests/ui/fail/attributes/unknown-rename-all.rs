use metrics_core::LabelValue;

#[derive(Clone, Copy, LabelValue)]
#[label(rename_all = "snake-case")]
pub enum Method {
    Get,
    Post,
}

fn main() {}
