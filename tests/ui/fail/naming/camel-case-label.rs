use metrics_core::LabelSet;

#[derive(LabelSet)]
pub struct MailLabels<'a> {
    #[label(name = "mailServer")]
    pub mail_server: &'a str,
}

fn main() {}
