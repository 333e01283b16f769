use metrics_core::{Family, Gauge, LabelSet, LabelValue, MetricGroup};

#[derive(Clone, Copy, Debug, LabelValue)]
#[label(rename_all = "lowercase")]
pub enum Kind {
    Audio,
    Video,
}

#[derive(Clone, Copy, Debug, LabelSet)]
pub struct TrackLabels {
    pub kind: Kind,
}

// Closed-set series all exist from creation on: none is ever idle or removed.
#[derive(Debug, MetricGroup)]
pub struct Media {
    /// Tracks by kind.
    #[metric(idle = "5m")]
    pub tracks: Family<TrackLabels, Gauge>,
    /// Tracks sent, without labels.
    #[metric(series_cap = 10)]
    pub tracks_sent_total: metrics_core::Counter,
}

fn main() {}
