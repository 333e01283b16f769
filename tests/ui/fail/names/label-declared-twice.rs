use metrics_core::LabelSet;

#[derive(LabelSet)]
pub struct Labels<'a> {
    pub realm: &'a str,
    #[label(name = "realm")]
    pub tenant: &'a str,
}

fn main() {}
