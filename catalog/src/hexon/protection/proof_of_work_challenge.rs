//! Proof-of-Work Challenge.

use metrics_core::{Counter, MetricFamily};

/// Proof-of-Work Challenge.
#[derive(Debug, MetricFamily)]
#[metrics(prefix = "pow", section = "Proof-of-Work Challenge")]
pub struct ProofOfWorkChallenge {
    // Counters
    /// Challenges generated (generateChallenge + createChallenge)
    #[metric(allow(counter_total))]
    pub challenges_issued: Counter,
    /// Challenges solved successfully (valid hash + timing + honeypot)
    #[metric(allow(counter_total))]
    pub challenges_solved: Counter,
    /// Challenges failed (expired, invalid, bot detection, bad hash)
    #[metric(allow(counter_total))]
    pub challenges_failed: Counter,
}
