use metrics_core::LabelSet;

#[derive(LabelSet)]
pub struct Labels<'a> {
    #[label(bound = 64)]
    pub realm: &'a str,
    #[label(name = "realm")]
    #[label(bound = 64)]
    pub tenant: &'a str,
}

fn main() {}
