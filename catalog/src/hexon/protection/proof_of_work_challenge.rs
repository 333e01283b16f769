//! Proof-of-Work Challenge.

use metrics_core::{Counter, MetricFamily};

/// Proof-of-Work Challenge.
#[derive(Debug, MetricFamily)]
#[metrics(prefix = "pow", section = "Proof-of-Work Challenge")]
pub struct ProofOfWorkChallenge {
    // Counters
    /// Challenges generated (generateChallenge + createChallenge)
    pub challenges_issued: Counter,
    /// Challenges solved successfully (valid hash + timing + honeypot)
    pub challenges_solved: Counter,
    /// Challenges failed (expired, invalid, bot detection, bad hash)
    pub challenges_failed: Counter,
}
