use metrics_core::LabelSet;

#[derive(LabelSet)]
pub struct Labels {
    pub realm: String,
}

fn main() {}
