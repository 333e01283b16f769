//! Histogram bucket presets every Prometheus user knows, usable in `const` and as
//! `#[metric(buckets = PRESET)]`: the Go client's default buckets, and its exponential and linear
//! helpers, each bound computed from the one before as the Go client computes it (so that the
//! bounds, and the `le` labels, are the ones a Go service writes).
//!
//! ```
//! use metrics_core::{Histogram, MetricGroup, buckets};
//!
//! /// 1 ms, 2 ms, 4 ms, ... 512 ms.
//! const QUERY_SECONDS: &[f64] = &buckets::exponential::<10>(0.001, 2.0);
//!
//! #[derive(MetricGroup)]
//! #[metrics(prefix = "shop")]
//! pub struct Latency {
//!     /// Request duration.
//!     #[metric(unit = "seconds", buckets = buckets::DEFAULT)]
//!     pub request_duration_seconds: Histogram,
//!     /// Database query duration.
//!     #[metric(unit = "seconds", buckets = QUERY_SECONDS)]
//!     pub query_duration_seconds: Histogram,
//! }
//!
//! assert_eq!(Latency::DESCRIPTORS[0].buckets.len(), 11);
//! assert_eq!(Latency::DESCRIPTORS[1].buckets[9], 0.512);
//! ```

/// The Go client's `prometheus.DefBuckets` (also the Python and Java clients' defaults): 5 ms to
/// 10 s, for a latency in seconds.
pub const DEFAULT: &[f64] = &[
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// `N` bounds from `start`, each `factor` times the one before: the Go client's
/// `ExponentialBuckets(start, factor, N)`. In a `const`, a `start` that is not positive, a
/// `factor` not above 1 or no bound at all fails the build.
pub const fn exponential<const N: usize>(start: f64, factor: f64) -> [f64; N] {
    assert!(N >= 1, "exponential buckets need at least one bound");
    assert!(start > 0.0, "exponential buckets need a positive start");
    assert!(factor > 1.0, "exponential buckets need a factor above 1");
    let mut bounds = [0.0; N];
    let (mut bound, mut i) = (start, 0);
    while i < N {
        bounds[i] = bound;
        bound *= factor;
        i += 1;
    }
    bounds
}

/// `N` bounds from `start`, each `width` above the one before: the Go client's
/// `LinearBuckets(start, width, N)`. In a `const`, a `width` that is not positive or no bound
/// at all fails the build.
pub const fn linear<const N: usize>(start: f64, width: f64) -> [f64; N] {
    assert!(N >= 1, "linear buckets need at least one bound");
    assert!(width > 0.0, "linear buckets need a positive width");
    let mut bounds = [0.0; N];
    let (mut bound, mut i) = (start, 0);
    while i < N {
        bounds[i] = bound;
        bound += width;
        i += 1;
    }
    bounds
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The values the Go client returns (`fmt.Println` of each call).
    #[test]
    fn as_the_go_client_computes_them() {
        assert_eq!(
            exponential::<5>(0.001, 2.0),
            [0.001, 0.002, 0.004, 0.008, 0.016]
        );
        assert_eq!(
            exponential::<4>(100.0, 10.0),
            [100.0, 1000.0, 10000.0, 100000.0]
        );
        assert_eq!(linear::<4>(0.5, 0.25), [0.5, 0.75, 1.0, 1.25]);
        // Accumulated as Go accumulates: 0.1 + 0.1 + 0.1 is not 0.3.
        assert_eq!(linear::<3>(0.1, 0.1), [0.1, 0.2, 0.30000000000000004]);
        assert_eq!(linear::<3>(-1.0, 1.0), [-1.0, 0.0, 1.0]);
        assert!(DEFAULT.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    #[should_panic(expected = "a factor above 1")]
    fn a_factor_of_one_is_refused() {
        let _ = exponential::<3>(1.0, 1.0);
    }

    #[test]
    #[should_panic(expected = "a positive width")]
    fn a_zero_width_is_refused() {
        let _ = linear::<3>(1.0, 0.0);
    }
}
