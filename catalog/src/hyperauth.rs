//! hyperauth, a Keycloak-based identity server (`spec/000_ae4d8bee28028289.txt`, 20 families).
//!
//! The document lists no values for any label, so every label is free text. Its `## JVM`
//! section is empty: the JVM metrics are not part of the specification.

use crate::bounds::{CODE_DEFINED, CONFIGURED, PROTOCOL};
use metrics_core::{Counter, Family, Gauge, Histogram, LabelSet, MetricGroup, Service};

/// `realm`.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct RealmLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub realm: &'a str,
}

/// `realm, client_id`.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ClientSessionLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub realm: &'a str,
    #[label(bound = CONFIGURED)]
    pub client_id: &'a str,
}

/// `realm, mailServer`.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct MailLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub realm: &'a str,
    // The document spells this label in camelCase; the exposed name keeps it.
    #[label(name = "mailServer")]
    #[label(allow(camel_case))]
    #[label(bound = CONFIGURED)]
    pub mail_server: &'a str,
}

/// `realm, provider, client_id`.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct EventLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub realm: &'a str,
    #[label(bound = CONFIGURED)]
    pub provider: &'a str,
    #[label(bound = CONFIGURED)]
    pub client_id: &'a str,
}

/// `realm, provider, error, client_id`, in the document's order.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct EventErrorLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub realm: &'a str,
    #[label(bound = CONFIGURED)]
    pub provider: &'a str,
    #[label(bound = CODE_DEFINED)]
    pub error: &'a str,
    #[label(bound = CONFIGURED)]
    pub client_id: &'a str,
}

/// `code, method, resource`.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ResponseLabels<'a> {
    #[label(bound = PROTOCOL)]
    pub code: &'a str,
    #[label(bound = PROTOCOL)]
    pub method: &'a str,
    #[label(bound = CONFIGURED)]
    pub resource: &'a str,
}

/// `method, resource`.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct RequestLabels<'a> {
    #[label(bound = PROTOCOL)]
    pub method: &'a str,
    #[label(bound = CONFIGURED)]
    pub resource: &'a str,
}

/// User & Session & Mail.
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "hyperauth", section = "User & Session & Mail")]
pub struct UserSessionMail {
    /// Total number of user
    pub users: Family<RealmLabels<'static>, Gauge>,
    /// Total number of user sessions
    pub total_user_sessions: Family<RealmLabels<'static>, Gauge>,
    /// Number of user sessions per client
    pub user_sessions: Family<ClientSessionLabels<'static>, Gauge>,
    /// Total number of mail send request
    #[metric(allow(counter_total))]
    pub mail_request: Family<MailLabels<'static>, Counter>,
    /// Total number of mail send success
    #[metric(allow(counter_total))]
    pub mail_send: Family<MailLabels<'static>, Counter>,
    /// Total number of mail send failed
    #[metric(allow(counter_total))]
    pub failed_mail_send: Family<MailLabels<'static>, Counter>,
}

/// Events.
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "hyperauth", section = "Events")]
pub struct Events {
    /// Total number of login attempts
    #[metric(allow(counter_total))]
    pub login_attempts: Family<EventLabels<'static>, Counter>,
    /// Total successful logins
    #[metric(allow(counter_total))]
    pub logins: Family<EventLabels<'static>, Counter>,
    /// Total failed login attempts
    #[metric(allow(counter_total))]
    pub failed_login_attempts: Family<EventErrorLabels<'static>, Counter>,
    /// hyperauth_registrations
    #[metric(decision = "the document's help is the metric's own name; kept as written")]
    #[metric(allow(counter_total))]
    pub registrations: Family<EventLabels<'static>, Counter>,
    /// Total errors on registrations
    #[metric(allow(counter_total))]
    pub registrations_errors: Family<EventErrorLabels<'static>, Counter>,
    /// Total number of successful token refreshes
    #[metric(allow(counter_total))]
    pub refresh_tokens: Family<EventLabels<'static>, Counter>,
    /// Total number of failed token refreshes
    #[metric(allow(counter_total))]
    pub refresh_tokens_errors: Family<EventErrorLabels<'static>, Counter>,
    /// Total successful client logins
    #[metric(allow(counter_total))]
    pub client_logins: Family<EventLabels<'static>, Counter>,
    /// hyperauth_failed_client_login_attempts
    #[metric(decision = "the document's help is the metric's own name; kept as written")]
    #[metric(allow(counter_total))]
    pub failed_client_login_attempts: Family<EventErrorLabels<'static>, Counter>,
    /// Total number of successful code to token
    #[metric(allow(counter_total))]
    pub code_to_tokens: Family<EventLabels<'static>, Counter>,
    /// Total number of failed code to token
    #[metric(allow(counter_total))]
    pub code_to_tokens_errors: Family<EventErrorLabels<'static>, Counter>,
    /// Total number of responses
    #[metric(
        decision = "the only counter the document names with `_total`; kept: its OpenMetrics family is `hyperauth_response`, the sample `hyperauth_response_total`"
    )]
    pub response_total: Family<ResponseLabels<'static>, Counter>,
    /// Total number of error responses
    #[metric(allow(counter_total))]
    pub response_errors: Family<ResponseLabels<'static>, Counter>,
    /// Request duration
    #[metric(
        unit = "milliseconds",
        buckets(50, 100, 250, 500, 1000, 2000, 10000, 30000),
        decision = "buckets in milliseconds and no unit suffix, as documented: the name is kept and the unit is only described (no `# UNIT` line)"
    )]
    #[metric(allow(base_units))]
    pub request_duration: Family<RequestLabels<'static>, Histogram>,
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
            u.users.set(RealmLabels { realm }, users);
            u.total_user_sessions.set(RealmLabels { realm }, users / 2);
        }
        u.user_sessions.set(
            ClientSessionLabels {
                realm: "tmax",
                client_id: "portal",
            },
            17,
        );
        u.user_sessions.set(
            ClientSessionLabels {
                realm: "tmax",
                client_id: "console",
            },
            4,
        );
        let mail = MailLabels {
            realm: "tmax",
            mail_server: "smtp.tmax.co.kr",
        };
        u.mail_request.inc_by(mail, 5);
        u.mail_send.inc_by(mail, 4);
        u.failed_mail_send.inc(mail);

        let e = &self.events;
        let event = EventLabels {
            realm: "tmax",
            provider: "keycloak",
            client_id: "portal",
        };
        let error = |error| EventErrorLabels {
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
                ResponseLabels {
                    code,
                    method,
                    resource: "/auth",
                },
                n,
            );
        }
        e.response_errors.inc_by(
            ResponseLabels {
                code: "401",
                method: "POST",
                resource: "/auth",
            },
            2,
        );
        for ms in [12.0, 48.0, 75.0, 220.0, 900.0, 15000.0] {
            e.request_duration.observe(
                RequestLabels {
                    method: "POST",
                    resource: "/auth",
                },
                ms,
            );
        }
    }
}
