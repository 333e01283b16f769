use metrics_core::{Family, Gauge, LabelSet, MetricGroup};

#[derive(Clone, Copy, Debug, LabelSet)]
pub struct RoomLabels<'a> {
    #[label(unbounded)]
    pub room: &'a str,
}

// Expiry removes series: the family must be declared with removable series.
#[derive(Debug, MetricGroup)]
pub struct Rooms {
    /// Participants by room.
    #[metric(idle = "10m")]
    pub participants: Family<RoomLabels<'static>, Gauge>,
}

fn main() {}
