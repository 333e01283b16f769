//! Where an exposition comes from: a file, standard input (`-`), or a URL fetched the way a
//! scraper fetches it.

use std::io::Read;
#[cfg(feature = "check-url")]
use std::time::Duration;

use metrics_core::Format;

/// What a scraper sends (Prometheus' own `Accept`): OpenMetrics 1.0 preferred, then 0.0.4.
pub const ACCEPT: &str =
    "application/openmetrics-text;version=1.0.0;q=0.9,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

#[cfg(feature = "check-url")]
/// The most bytes read from a URL (a `/metrics` page of a few MiB is already large).
const LIMIT: u64 = 64 << 20;

/// The bytes of an exposition, and the format its `Content-Type` names (for a URL).
#[derive(Debug)]
pub struct Input {
    pub bytes: Vec<u8>,
    pub content_type: Option<Format>,
}

/// Reads `source`: `http://` or `https://` URLs are fetched, `-` is standard input, anything else
/// a file. The error says what could not be read and why.
pub fn read(source: &str) -> Result<Input, String> {
    if source.starts_with("http://") || source.starts_with("https://") {
        return fetch(source);
    }
    let bytes = if source == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        bytes
    } else {
        std::fs::read(source).map_err(|e| format!("cannot read {source}: {e}"))?
    };
    Ok(Input {
        bytes,
        content_type: None,
    })
}

/// The format a `Content-Type` names; `Ok(None)` when it names no format (the content decides),
/// an error for an exposition that is not text (the protobuf format).
pub fn format_of_content_type(content_type: &str) -> Result<Option<Format>, String> {
    let media = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match media.as_str() {
        "application/openmetrics-text" => Ok(Some(Format::OpenMetrics)),
        "text/plain" => Ok(Some(Format::Prometheus)),
        "application/vnd.google.protobuf" => Err(format!(
            "the server answered in the protobuf format (`{content_type}`), not a text exposition"
        )),
        _ => Ok(None),
    }
}

#[cfg(not(feature = "check-url"))]
fn fetch(url: &str) -> Result<Input, String> {
    Err(format!(
        "cannot fetch {url}: built without metrics-core's `check-url` feature; save the page and check the file"
    ))
}

#[cfg(feature = "check-url")]
fn fetch(url: &str) -> Result<Input, String> {
    if url.starts_with("https://") && !cfg!(feature = "check-url-tls") {
        return Err(format!(
            "cannot fetch {url}: built without TLS (metrics-core's `check-url-tls` feature), or save the page and check the file"
        ));
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into();
    let mut response = agent
        .get(url)
        .header("Accept", ACCEPT)
        .call()
        .map_err(|e| format!("cannot fetch {url}: {e}"))?;
    let content_type = match response.headers().get("content-type") {
        Some(value) => {
            let value = value
                .to_str()
                .map_err(|_| format!("{url}: the Content-Type is not text"))?;
            format_of_content_type(value).map_err(|e| format!("{url}: {e}"))?
        }
        None => None,
    };
    let bytes = response
        .body_mut()
        .with_config()
        .limit(LIMIT)
        .read_to_vec()
        .map_err(|e| format!("cannot read the answer of {url}: {e}"))?;
    Ok(Input {
        bytes,
        content_type,
    })
}
