use metrics_core::LabelSet;

#[derive(LabelSet)]
pub struct MailLabels<'a> {
    #[label(name = "mailServer")]
    #[label(bound = 64)]
    pub mail_server: &'a str,
}

fn main() {}
