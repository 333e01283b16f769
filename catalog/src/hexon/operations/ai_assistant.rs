//! AI Assistant.

use crate::bounds::CONFIGURED;
use metrics_core::{Counter, Family, Histogram, LabelSet, MetricGroup};

use crate::hexon::LATENCY;

/// `{success}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct SuccessLabels {
    pub success: bool,
}

/// `{tool, success}`: `tool` is the CLI command name.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ToolLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub tool: &'a str,
    pub success: bool,
}

/// AI Assistant.
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "llm", section = "AI Assistant")]
pub struct AiAssistant {
    // Queries
    /// Query completion count
    #[metric(
        decision = "lists only success=true (\"Query completed with a final answer\"); `success` is bool (true|false), as in llm_tool_calls_total"
    )]
    pub queries_total: Family<SuccessLabels, Counter>,
    /// End-to-end query duration including all tool rounds
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub query_duration_seconds: Histogram,
    // Tool calls
    /// Per-tool execution count
    #[metric(
        decision = "tool=<command> is the CLI command name (e.g. \"proxy\", \"cluster\"), an open list; `tool` is free text"
    )]
    pub tool_calls_total: Family<ToolLabels<'static>, Counter>,
    // Prompt caching (Anthropic provider only, emitted when cache tokens > 0)
    /// Tokens read from Anthropic prompt cache
    pub cache_read_tokens_total: Counter,
    /// Tokens written to Anthropic prompt cache
    pub cache_creation_tokens_total: Counter,
}
