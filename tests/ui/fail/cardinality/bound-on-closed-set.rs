use metrics_core::{LabelSet, LabelValue};

#[derive(Clone, Copy, Debug, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum Outcome {
    Success,
    Failure,
}

// A closed set's size is known from its values.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct OutcomeLabels {
    #[label(bound = 8)]
    pub outcome: Outcome,
}

fn main() {}
