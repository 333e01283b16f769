//! Proof-of-Work Challenge.

use metrics_core::{Counter, MetricGroup};

/// Proof-of-Work Challenge.
#[derive(Debug, MetricGroup)]
#[metrics(
    prefix = "pow",
    section = "Proof-of-Work Challenge",
    allow(counter_total)
)]
#[alert(
    name = "PowMoreFailuresThanSolves",
    expr = "rate(pow_challenges_failed[5m]) > rate(pow_challenges_solved[5m])",
    severity = "warning",
    summary = "More failures than successes (possible bot wave)"
)]
#[alert(
    name = "PowChallengeRateHigh",
    expr = "rate(pow_challenges_issued[5m]) > 1000",
    severity = "warning",
    summary = "High challenge generation rate (DDoS or misconfigured difficulty)"
)]
pub struct ProofOfWorkChallenge {
    // Counters
    /// Challenges generated (generateChallenge + createChallenge)
    pub challenges_issued: Counter,
    /// Challenges solved successfully (valid hash + timing + honeypot)
    pub challenges_solved: Counter,
    /// Challenges failed (expired, invalid, bot detection, bad hash)
    pub challenges_failed: Counter,
}
