use metrics_core::LabelSet;

#[derive(Clone, Copy, Debug, LabelSet)]
pub struct UserLabels<'a> {
    #[label(bound = 1000, unbounded)]
    pub username: &'a str,
}

fn main() {}
