//! SSH Bastion Gateway, with its SQL bastion.

use crate::bounds::{CODE_DEFINED, CONFIGURED, PROTOCOL};
use metrics_core::{Counter, Gauge, Histogram, MetricGroup};

use crate::hexon::LATENCY;

/// SSH Bastion Gateway.
#[metrics_core::labels(
    #[label(bound = CODE_DEFINED)] reason: &str,
    #[label(bound = CODE_DEFINED)] limit_type: &str,
    #[label(unbounded)] client_ip: &str,
    #[label(unbounded)] username: &str,
    #[label(bound = CODE_DEFINED)] status: &str,
    #[label(unbounded)] command: &str,
    #[label(bound = PROTOCOL)] auth_type: &str,
    #[label(bound = CODE_DEFINED)] block_type: &str,
    #[label(bound = CONFIGURED)] site: &str,
    #[label(bound = CODE_DEFINED)] db_type: &str,
    #[label(unbounded)] user: &str,
)]
#[derive(Debug, MetricGroup)]
#[metrics(
    prefix = "bastion",
    section = "SSH Bastion Gateway",
    allow(counter_total)
)]
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
    #[metric(labels(reason))]
    pub connections_rejected: Counter,
    /// Connection limit enforced
    #[metric(labels(limit_type))]
    pub connection_limit_hits_total: Counter,
    /// Connection lifetime
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub connection_duration: Histogram,
    // Authentication
    /// Auth attempts
    #[metric(labels(client_ip))]
    pub auth_attempts_total: Counter,
    /// Successful auths
    #[metric(labels(username, client_ip))]
    pub auth_success_total: Counter,
    /// Auth failures
    #[metric(labels(client_ip, reason))]
    pub auth_failures_total: Counter,
    /// Client bans
    #[metric(labels(client_ip, reason))]
    pub auth_bans_total: Counter,
    /// Auth operation time
    #[metric(labels(status), buckets = LATENCY, unit = "seconds")]
    pub auth_duration: Histogram,
    // Sessions
    /// Sessions created
    #[metric(labels(username, client_ip))]
    pub sessions_total: Counter,
    /// Active sessions
    pub sessions_active: Gauge,
    /// Session lifetime
    #[metric(labels(username), buckets = LATENCY, unit = "seconds")]
    pub session_duration: Histogram,
    /// Sessions rejected
    #[metric(labels(reason))]
    pub sessions_rejected: Counter,
    /// Session limit enforced
    #[metric(labels(limit_type))]
    pub session_limit_hits_total: Counter,
    // Commands
    /// Commands executed
    #[metric(labels(command))]
    pub commands_total: Counter,
    /// Command execution time
    #[metric(labels(command), buckets = LATENCY, unit = "seconds")]
    pub command_duration: Histogram,
    /// Commands rate limited
    pub commands_rate_limited_total: Counter,
    // DoS Protection
    /// Rate limits enforced
    #[metric(labels(limit_type))]
    pub rate_limit_hits_total: Counter,
    // Resources
    /// Command history entries
    #[metric(allow(total_suffix))]
    pub history_entries_total: Gauge,
    /// Active port forwards
    pub port_forwards_active: Gauge,
    /// Health (1=healthy, 0=unhealthy)
    pub health_status: Gauge,
    /// Buffer pool acquisitions
    pub buffer_pool_gets: Counter,
    /// Buffer pool releases
    pub buffer_pool_puts: Counter,
    // SFTP
    /// SFTP sessions
    #[metric(labels(auth_type))]
    pub sftp_sessions_total: Counter,
    /// SSRF blocks
    #[metric(labels(block_type))]
    pub ssrf_blocks_total: Counter,
    // SQL Bastion
    /// SQL queries executed
    #[metric(
        decision = "the document names it `bastion.sql_queries_total`, not a valid Prometheus name; exposed as `bastion_sql_queries_total`"
    )]
    #[metric(labels(site, status))]
    pub sql_queries_total: Counter,
    /// SQL query time
    #[metric(
        buckets = LATENCY,
        unit = "seconds",
        decision = "the document names it `bastion.sql_query_duration`, not a valid Prometheus name; exposed as `bastion_sql_query_duration`"
    )]
    #[metric(labels(site, db_type, user))]
    pub sql_query_duration: Histogram,
    /// SQL ACL rejections
    #[metric(
        decision = "the document names it `bastion.sql_acl_rejections`, not a valid Prometheus name; exposed as `bastion_sql_acl_rejections`, the name its alert uses"
    )]
    #[metric(labels(site, reason))]
    pub sql_acl_rejections: Counter,
}
