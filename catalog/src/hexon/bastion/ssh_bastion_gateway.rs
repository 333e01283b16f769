//! SSH Bastion Gateway, with its SQL bastion.

use crate::bounds::{CODE_DEFINED, CONFIGURED, PROTOCOL};
use metrics_core::{Counter, Family, Gauge, Histogram, LabelSet, MetricGroup};

use crate::hexon::LATENCY;

/// `{reason}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ReasonLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub reason: &'a str,
}

/// `{limit_type}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct LimitTypeLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub limit_type: &'a str,
}

/// `{client_ip}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ClientIpLabels<'a> {
    #[label(unbounded)]
    pub client_ip: &'a str,
}

/// `{username, client_ip}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct UserClientLabels<'a> {
    #[label(unbounded)]
    pub username: &'a str,
    #[label(unbounded)]
    pub client_ip: &'a str,
}

/// `{client_ip, reason}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ClientReasonLabels<'a> {
    #[label(unbounded)]
    pub client_ip: &'a str,
    #[label(bound = CODE_DEFINED)]
    pub reason: &'a str,
}

/// `{status}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct StatusLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub status: &'a str,
}

/// `{username}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct UsernameLabels<'a> {
    #[label(unbounded)]
    pub username: &'a str,
}

/// `{command}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct CommandLabels<'a> {
    #[label(unbounded)]
    pub command: &'a str,
}

/// `{auth_type}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct AuthTypeLabels<'a> {
    #[label(bound = PROTOCOL)]
    pub auth_type: &'a str,
}

/// `{block_type}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct BlockTypeLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub block_type: &'a str,
}

/// `{site, status}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct SqlQueryLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub site: &'a str,
    #[label(bound = CODE_DEFINED)]
    pub status: &'a str,
}

/// `{site, db_type, user}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct SqlQueryDurationLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub site: &'a str,
    #[label(bound = CODE_DEFINED)]
    pub db_type: &'a str,
    #[label(unbounded)]
    pub user: &'a str,
}

/// `{site, reason}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct SqlAclRejectionLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub site: &'a str,
    #[label(bound = CODE_DEFINED)]
    pub reason: &'a str,
}

/// SSH Bastion Gateway.
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "bastion", section = "SSH Bastion Gateway")]
#[alert(
    name = "BastionClientBanned",
    expr = "increase(bastion_auth_bans_total[5m]) > 0",
    severity = "warning",
    summary = "Client banned (brute force)",
    correction = "the document compares the counter `bastion_auth_bans_total > 0`: a counter only goes up: compared raw, the alert would fire from the first event until the process restarts; the rule alerts on events in the last 5 minutes instead"
)]
#[alert(
    name = "BastionAuthFailures",
    expr = "rate(bastion_auth_failures_total[5m]) > 20",
    severity = "warning",
    summary = "High auth failure rate"
)]
#[alert(
    name = "BastionConnectionSaturation",
    expr = "bastion_connections_active > 500",
    severity = "warning",
    summary = "Connection saturation"
)]
#[alert(
    name = "BastionSessionSaturation",
    expr = "bastion_sessions_active > 200",
    severity = "warning",
    summary = "Session saturation"
)]
#[alert(
    name = "BastionSsrfAttempt",
    expr = "rate(bastion_ssrf_blocks_total[5m]) > 0",
    severity = "critical",
    summary = "SSRF attempt detected"
)]
#[alert(
    name = "BastionSqlAclViolations",
    expr = "rate(bastion_sql_acl_rejections[5m]) > 5",
    severity = "warning",
    summary = "SQL ACL violations"
)]
pub struct SshBastionGateway {
    // Connections
    /// Total connections
    pub connections_total: Counter,
    /// Active connections
    pub connections_active: Gauge,
    /// Rejected connections
    #[metric(allow(counter_total))]
    pub connections_rejected: Family<ReasonLabels<'static>, Counter>,
    /// Connection limit enforced
    pub connection_limit_hits_total: Family<LimitTypeLabels<'static>, Counter>,
    /// Connection lifetime
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub connection_duration: Histogram,
    // Authentication
    /// Auth attempts
    pub auth_attempts_total: Family<ClientIpLabels<'static>, Counter>,
    /// Successful auths
    pub auth_success_total: Family<UserClientLabels<'static>, Counter>,
    /// Auth failures
    pub auth_failures_total: Family<ClientReasonLabels<'static>, Counter>,
    /// Client bans
    pub auth_bans_total: Family<ClientReasonLabels<'static>, Counter>,
    /// Auth operation time
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub auth_duration: Family<StatusLabels<'static>, Histogram>,
    // Sessions
    /// Sessions created
    pub sessions_total: Family<UserClientLabels<'static>, Counter>,
    /// Active sessions
    pub sessions_active: Gauge,
    /// Session lifetime
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub session_duration: Family<UsernameLabels<'static>, Histogram>,
    /// Sessions rejected
    #[metric(allow(counter_total))]
    pub sessions_rejected: Family<ReasonLabels<'static>, Counter>,
    /// Session limit enforced
    pub session_limit_hits_total: Family<LimitTypeLabels<'static>, Counter>,
    // Commands
    /// Commands executed
    pub commands_total: Family<CommandLabels<'static>, Counter>,
    /// Command execution time
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub command_duration: Family<CommandLabels<'static>, Histogram>,
    /// Commands rate limited
    pub commands_rate_limited_total: Counter,
    // DoS Protection
    /// Rate limits enforced
    pub rate_limit_hits_total: Family<LimitTypeLabels<'static>, Counter>,
    // Resources
    /// Command history entries
    #[metric(allow(total_suffix))]
    pub history_entries_total: Gauge,
    /// Active port forwards
    pub port_forwards_active: Gauge,
    /// Health (1=healthy, 0=unhealthy)
    pub health_status: Gauge,
    /// Buffer pool acquisitions
    #[metric(allow(counter_total))]
    pub buffer_pool_gets: Counter,
    /// Buffer pool releases
    #[metric(allow(counter_total))]
    pub buffer_pool_puts: Counter,
    // SFTP
    /// SFTP sessions
    pub sftp_sessions_total: Family<AuthTypeLabels<'static>, Counter>,
    /// SSRF blocks
    pub ssrf_blocks_total: Family<BlockTypeLabels<'static>, Counter>,
    // SQL Bastion
    /// SQL queries executed
    #[metric(
        decision = "the document names it `bastion.sql_queries_total`, not a valid Prometheus name; exposed as `bastion_sql_queries_total`"
    )]
    pub sql_queries_total: Family<SqlQueryLabels<'static>, Counter>,
    /// SQL query time
    #[metric(
        buckets = LATENCY,
        unit = "seconds",
        decision = "the document names it `bastion.sql_query_duration`, not a valid Prometheus name; exposed as `bastion_sql_query_duration`"
    )]
    pub sql_query_duration: Family<SqlQueryDurationLabels<'static>, Histogram>,
    /// SQL ACL rejections
    #[metric(
        decision = "the document names it `bastion.sql_acl_rejections`, not a valid Prometheus name; exposed as `bastion_sql_acl_rejections`, the name its alert uses"
    )]
    #[metric(allow(counter_total))]
    pub sql_acl_rejections: Family<SqlAclRejectionLabels<'static>, Counter>,
}
