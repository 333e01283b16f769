use metrics_core::LabelSet;

#[derive(LabelSet)]
pub struct Labels<'a> {
    #[label(name = "__name__")]
    #[label(bound = 64)]
    pub name: &'a str,
}

fn main() {}
