use metrics_core::LabelSet;

#[derive(LabelSet)]
pub struct Labels {
    pub status: u16,
}

fn main() {}
