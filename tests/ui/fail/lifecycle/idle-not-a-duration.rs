use metrics_core::{Family, Gauge, LabelSet, MetricGroup};

#[derive(Clone, Copy, Debug, LabelSet)]
pub struct RoomLabels<'a> {
    #[label(unbounded)]
    pub room: &'a str,
}

#[derive(Debug, MetricGroup)]
pub struct Rooms {
    /// Participants by room.
    #[metric(idle = "300")]
    pub participants: Family<RoomLabels<'static>, Gauge>,
    /// Speakers by room.
    #[metric(idle = "0s")]
    pub speakers: Family<RoomLabels<'static>, Gauge>,
}

fn main() {}
