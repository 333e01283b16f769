//! hyperauth, a Keycloak-based identity server (`spec/000_ae4d8bee28028289.txt`, 20 families).
//!
//! The document lists no values for any label, so every label is free text. Its `## JVM`
//! section is empty: the JVM metrics are not part of the specification.

use crate::bounds::{CODE_DEFINED, CONFIGURED, PROTOCOL};
use metrics_core::{Counter, Gauge, Histogram, MetricGroup, Service};

/// User & Session & Mail.
#[metrics_core::labels(
    #[label(bound = CONFIGURED)] realm: &str,
    #[label(bound = CONFIGURED)] client_id: &str,
    // The document spells this label in camelCase; the exposed name keeps it.
    #[label(name = "mailServer", allow(camel_case), bound = CONFIGURED)] mail_server: &str,
)]
#[derive(Debug, MetricGroup)]
#[metrics(
    prefix = "hyperauth",
    section = "User & Session & Mail",
    allow(counter_total)
)]
pub struct UserSessionMail {
    /// Total number of user
    #[metric(labels(realm))]
    pub users: Gauge,
    /// Total number of user sessions
    #[metric(labels(realm))]
    pub total_user_sessions: Gauge,
    /// Number of user sessions per client
    #[metric(labels(realm, client_id))]
    pub user_sessions: Gauge,
    /// Total number of mail send request
    #[metric(labels(realm, mail_server))]
    pub mail_request: Counter,
    /// Total number of mail send success
    #[metric(labels(realm, mail_server))]
    pub mail_send: Counter,
    /// Total number of mail send failed
    #[metric(labels(realm, mail_server))]
    pub failed_mail_send: Counter,
}

/// Events.
#[metrics_core::labels(
    #[label(bound = CONFIGURED)] realm: &str,
    #[label(bound = CONFIGURED)] provider: &str,
    #[label(bound = CONFIGURED)] client_id: &str,
    #[label(bound = CODE_DEFINED)] error: &str,
    #[label(bound = PROTOCOL)] code: &str,
    #[label(bound = PROTOCOL)] method: &str,
    #[label(bound = CONFIGURED)] resource: &str,
)]
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "hyperauth", section = "Events", allow(counter_total))]
pub struct Events {
    /// Total number of login attempts
    #[metric(labels(realm, provider, client_id))]
    pub login_attempts: Counter,
    /// Total successful logins
    #[metric(labels(realm, provider, client_id))]
    pub logins: Counter,
    /// Total failed login attempts
    // `realm, provider, error, client_id`, in the document's order.
    #[metric(labels(realm, provider, error, client_id))]
    pub failed_login_attempts: Counter,
    /// hyperauth_registrations
    #[metric(decision = "the document's help is the metric's own name; kept as written")]
    #[metric(labels(realm, provider, client_id))]
    pub registrations: Counter,
    /// Total errors on registrations
    #[metric(labels(realm, provider, error, client_id))]
    pub registrations_errors: Counter,
    /// Total number of successful token refreshes
    #[metric(labels(realm, provider, client_id))]
    pub refresh_tokens: Counter,
    /// Total number of failed token refreshes
    #[metric(labels(realm, provider, error, client_id))]
    pub refresh_tokens_errors: Counter,
    /// Total successful client logins
    #[metric(labels(realm, provider, client_id))]
    pub client_logins: Counter,
    /// hyperauth_failed_client_login_attempts
    #[metric(decision = "the document's help is the metric's own name; kept as written")]
    #[metric(labels(realm, provider, error, client_id))]
    pub failed_client_login_attempts: Counter,
    /// Total number of successful code to token
    #[metric(labels(realm, provider, client_id))]
    pub code_to_tokens: Counter,
    /// Total number of failed code to token
    #[metric(labels(realm, provider, error, client_id))]
    pub code_to_tokens_errors: Counter,
    /// Total number of responses
    #[metric(
        decision = "the only counter the document names with `_total`; kept: its OpenMetrics family is `hyperauth_response`, the sample `hyperauth_response_total`"
    )]
    #[metric(labels(code, method, resource))]
    pub response_total: Counter,
    /// Total number of error responses
    #[metric(labels(code, method, resource))]
    pub response_errors: Counter,
    /// Request duration
    #[metric(
        unit = "milliseconds",
        buckets(50, 100, 250, 500, 1000, 2000, 10000, 30000),
        decision = "buckets in milliseconds and no unit suffix, as documented: the name is kept and the unit is only described (no `# UNIT` line)"
    )]
    #[metric(labels(method, resource), allow(base_units))]
    pub request_duration: Histogram,
}

/// Every metric of hyperauth.
#[derive(Debug, Service)]
#[service(name = "hyperauth")]
pub struct Hyperauth {
    pub user_session_mail: UserSessionMail,
    pub events: Events,
}

impl Hyperauth {
    /// A small deterministic workload touching every family.
    pub fn demo(&self) {
        let u = &self.user_session_mail;
        for (realm, users) in [("master", 3), ("tmax", 42)] {
            u.users.set(UsersLabels { realm }, users);
            u.total_user_sessions.set(UsersLabels { realm }, users / 2);
        }
        u.user_sessions.set(
            UserSessionsLabels {
                realm: "tmax",
                client_id: "portal",
            },
            17,
        );
        u.user_sessions.set(
            UserSessionsLabels {
                realm: "tmax",
                client_id: "console",
            },
            4,
        );
        let mail = MailRequestLabels {
            realm: "tmax",
            mail_server: "smtp.tmax.co.kr",
        };
        u.mail_request.inc_by(mail, 5);
        u.mail_send.inc_by(mail, 4);
        u.failed_mail_send.inc(mail);

        let e = &self.events;
        let event = LoginAttemptsLabels {
            realm: "tmax",
            provider: "keycloak",
            client_id: "portal",
        };
        let error = |error| FailedLoginAttemptsLabels {
            realm: "tmax",
            provider: "keycloak",
            error,
            client_id: "portal",
        };
        e.login_attempts.inc_by(event, 12);
        e.logins.inc_by(event, 10);
        e.failed_login_attempts
            .inc_by(error("invalid_user_credentials"), 2);
        e.registrations.inc(event);
        e.registrations_errors.inc(error("email_in_use"));
        e.refresh_tokens.inc_by(event, 30);
        e.refresh_tokens_errors.inc(error("invalid_token"));
        e.client_logins.inc_by(event, 7);
        e.failed_client_login_attempts
            .inc(error("invalid_client_credentials"));
        e.code_to_tokens.inc_by(event, 9);
        e.code_to_tokens_errors.inc(error("invalid_code"));
        for (code, method, n) in [("200", "GET", 40), ("302", "POST", 8), ("401", "POST", 2)] {
            e.response_total.inc_by(
                ResponseTotalLabels {
                    code,
                    method,
                    resource: "/auth",
                },
                n,
            );
        }
        e.response_errors.inc_by(
            ResponseTotalLabels {
                code: "401",
                method: "POST",
                resource: "/auth",
            },
            2,
        );
        for ms in [12.0, 48.0, 75.0, 220.0, 900.0, 15000.0] {
            e.request_duration.observe(
                RequestDurationLabels {
                    method: "POST",
                    resource: "/auth",
                },
                ms,
            );
        }
    }
}
