//! Authelia's telemetry (`spec/003_1e358b2760e0738c.txt`, 7 families), served on `:9959` at
//! `/metrics`.
//!
//! The document names the metrics without their namespace; Authelia exposes them under
//! `authelia_` (`request` is `authelia_request`), which the catalog declares as the prefix.

use crate::bounds::PROTOCOL;
use metrics_core::{Counter, Histogram, LabelValue, MetricGroup, Service};

/// `type`: "The authentication type `webauthn`, `totp`, or `duo`."
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "lowercase")]
pub enum SecondFactorType {
    Webauthn,
    Totp,
    Duo,
}

/// `endpoint`: the OpenID Connect 1.0 endpoint names of the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum OidcEndpoint {
    Authorization,
    PushedAuthorizationRequest,
    Token,
    Userinfo,
    Revocation,
    Introspection,
    OpenidConfiguration,
    OauthConfiguration,
    Jwks,
}

// `code` is "the HTTP response status code" and `method` "the HTTP request method": the document
// enumerates neither, so both are free text.

/// Vectored counters.
#[metrics_core::labels(
    #[label(bound = PROTOCOL)] code: &str,
    #[label(bound = PROTOCOL)] method: &str,
    success: bool,
    banned: bool,
    r#type: SecondFactorType,
)]
#[derive(Debug, MetricGroup)]
#[metrics(
    prefix = "authelia",
    section = "Vectored Counters",
    allow(counter_total)
)]
pub struct Counters {
    /// All Requests
    #[metric(
        decision = "the document names it `request`; Authelia exposes the counter as `authelia_request` (sample `authelia_request_total` in OpenMetrics)"
    )]
    #[metric(labels(code, method))]
    pub request: Counter,
    /// Authz Requests
    #[metric(labels(code))]
    pub authz: Counter,
    /// Authn Requests (1FA)
    // `success`, `banned`: "`true` or `false`".
    #[metric(labels(success, banned))]
    pub authn: Counter,
    /// Authn Requests (2FA)
    #[metric(labels(success, banned, r#type))]
    pub authn_second_factor: Counter,
}

/// Vectored histograms.
#[metrics_core::labels(
    success: bool,
    #[label(bound = PROTOCOL)] code: &str,
    endpoint: OidcEndpoint,
)]
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "authelia", section = "Vectored Histograms")]
pub struct Histograms {
    /// The duration of authentication (1FA) attempts in seconds
    #[metric(
        unit = "seconds",
        decision = "the document gives no description for histograms: the help is the catalog's; buckets in seconds, as Authelia records durations",
        buckets(
            0.0005, 0.00075, 0.001, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6,
            0.8, 0.9, 1, 5, 10, 15, 30, 60
        )
    )]
    #[metric(labels(success))]
    pub authn_duration: Histogram,
    /// The duration of requests in seconds
    #[metric(
        unit = "seconds",
        decision = "the document gives no description for histograms: the help is the catalog's; buckets in seconds, as Authelia records durations",
        buckets(
            0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 20, 30, 40, 50, 60
        )
    )]
    #[metric(labels(code))]
    pub request_duration: Histogram,
    /// The duration of OpenID Connect requests in seconds
    #[metric(
        unit = "seconds",
        decision = "the document gives no description for histograms: the help is the catalog's; buckets in seconds, as Authelia records durations",
        buckets(
            0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 20, 30, 40, 50, 60
        )
    )]
    #[metric(labels(endpoint, code))]
    pub request_duration_openid_connect: Histogram,
}

/// Every metric of Authelia. Its labels are closed sets or bounded, so the whole service is held
/// to a budget: 17,026 series in the worst case (the OpenID Connect histogram alone is 11,520).
#[derive(Debug, Service)]
#[service(name = "authelia", budget = 20_000)]
pub struct Authelia {
    pub counters: Counters,
    pub histograms: Histograms,
}

impl Authelia {
    /// A small deterministic workload touching every family.
    pub fn demo(&self) {
        let c = &self.counters;
        for (code, method, n) in [("200", "GET", 120), ("302", "GET", 14), ("401", "POST", 3)] {
            c.request.inc_by(RequestLabels { code, method }, n);
        }
        c.authz.inc_by(AuthzLabels { code: "200" }, 90);
        c.authz.inc_by(AuthzLabels { code: "403" }, 6);
        c.authn.inc_by(
            AuthnLabels {
                success: true,
                banned: false,
            },
            11,
        );
        c.authn.inc_by(
            AuthnLabels {
                success: false,
                banned: false,
            },
            2,
        );
        c.authn.inc(AuthnLabels {
            success: false,
            banned: true,
        });
        let second = |success, r#type| AuthnSecondFactorLabels {
            success,
            banned: false,
            r#type,
        };
        c.authn_second_factor
            .inc_by(second(true, SecondFactorType::Totp), 6);
        c.authn_second_factor
            .inc_by(second(true, SecondFactorType::Webauthn), 4);
        c.authn_second_factor
            .inc(second(false, SecondFactorType::Duo));

        let h = &self.histograms;
        for s in [0.0004, 0.002, 0.02, 0.3, 1.2] {
            h.authn_duration
                .observe(AuthnDurationLabels { success: true }, s);
        }
        h.authn_duration
            .observe(AuthnDurationLabels { success: false }, 2.5);
        for s in [0.003, 0.04, 0.2, 7.0] {
            h.request_duration
                .observe(RequestDurationLabels { code: "200" }, s);
        }
        let oidc = |endpoint| RequestDurationOpenidConnectLabels {
            endpoint,
            code: "200",
        };
        h.request_duration_openid_connect
            .observe(oidc(OidcEndpoint::Token), 0.03);
        h.request_duration_openid_connect
            .observe(oidc(OidcEndpoint::Authorization), 0.12);
        h.request_duration_openid_connect
            .observe(oidc(OidcEndpoint::Jwks), 0.004);
    }
}
