//! AI Assistant.

use crate::bounds::CONFIGURED;
use metrics_core::{Counter, Histogram, MetricGroup};

use crate::hexon::LATENCY;

/// AI Assistant.
#[metrics_core::labels(
    success: bool,
    #[label(bound = CONFIGURED)] tool: &str,
)]
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "llm", section = "AI Assistant")]
pub struct AiAssistant {
    // Queries
    /// Query completion count
    #[metric(
        decision = "lists only success=true (\"Query completed with a final answer\"); `success` is bool (true|false), as in llm_tool_calls_total"
    )]
    #[metric(labels(success))]
    pub queries_total: Counter,
    /// End-to-end query duration including all tool rounds
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub query_duration_seconds: Histogram,
    // Tool calls
    /// Per-tool execution count
    // `{tool, success}`: `tool` is the CLI command name.
    #[metric(
        decision = "tool=<command> is the CLI command name (e.g. \"proxy\", \"cluster\"), an open list; `tool` is free text"
    )]
    #[metric(labels(tool, success))]
    pub tool_calls_total: Counter,
    // Prompt caching (Anthropic provider only, emitted when cache tokens > 0)
    /// Tokens read from Anthropic prompt cache
    pub cache_read_tokens_total: Counter,
    /// Tokens written to Anthropic prompt cache
    pub cache_creation_tokens_total: Counter,
}
