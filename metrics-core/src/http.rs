//! A `/metrics` endpoint for a [`Registry`] (feature `http`), on hyper and tokio.
//!
//! - The format follows the scraper's `Accept` (see [`negotiate`]): OpenMetrics 1.0 when the
//!   registry can be written in it (see [`Registry::formats`]) and [`Config::formats`] allows
//!   it, the Prometheus text format 0.0.4 otherwise, and `406 Not Acceptable` (listing what is
//!   offered) when the scraper accepts neither. The `Content-Type` is the format's
//!   [`Format::content_type`].
//! - gzip when `Accept-Encoding` allows it; every exposition carries `Vary: Accept,
//!   Accept-Encoding`.
//! - Only clients in [`Config::allow`] are served (`403 Forbidden` for the others).
//!   `X-Forwarded-For` and `Forwarded` are believed only when the connection comes from one of
//!   [`Config::trusted_proxies`]; then the right-most address that is not a trusted proxy is the
//!   client.
//! - With [`Config::bearer_token`], `Authorization: Bearer <token>` is required (`401
//!   Unauthorized` with `WWW-Authenticate: Bearer` without it).
//! - `GET` and `HEAD` on `/metrics` (any query); `404` for other paths, `405` with `Allow: GET,
//!   HEAD` for other methods.
//! - A connection that sends no request head within [`Config::header_read_timeout`] is closed,
//!   and at most [`Config::max_connections`] are open: at the cap, a new connection closes the
//!   oldest that never sent a request, so that connections opened and left silent cannot lock
//!   the scraper out.
//!
//! ```no_run
//! use std::sync::Arc;
//!
//! use metrics_core::http::{Config, IpNet, Server};
//! use metrics_core::{Counter, MetricGroup, Registry};
//!
//! #[derive(MetricGroup)]
//! #[metrics(prefix = "shop")]
//! pub struct ShopMetrics {
//!     /// Orders placed.
//!     pub orders_total: Counter,
//! }
//!
//! #[tokio::main(flavor = "current_thread")]
//! async fn main() -> std::io::Result<()> {
//!     let metrics = ShopMetrics::default();
//!     let mut registry = Registry::new();
//!     registry.register(&metrics);
//!
//!     let config = Config {
//!         listen: "0.0.0.0:9464".parse().unwrap(),
//!         allow: vec!["10.0.0.0/8".parse::<IpNet>().unwrap(), "127.0.0.0/8".parse().unwrap()],
//!         bearer_token: Some("s3cr3t".to_owned()),
//!         ..Config::default()
//!     };
//!     let server = Server::bind(Arc::new(registry), config).await?;
//!     eprintln!("serving http://{}/metrics as {:?}", server.local_addr(), server.formats());
//!
//!     metrics.orders_total.inc(); // recording shows at the next scrape
//!     server.serve(async { tokio::signal::ctrl_c().await.unwrap_or(()) }).await;
//!     Ok(())
//! }
//! ```

mod access;
mod header;
mod negotiate;

use std::collections::VecDeque;
use std::convert::Infallible;
use std::fmt;
use std::io::{self, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use flate2::Compression;
use flate2::write::GzEncoder;
use http_body_util::Full;
use hyper::body::Bytes;
use hyper::header::{self as h, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{HeaderMap, Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tokio::task::AbortHandle;

pub use ipnet::IpNet;
pub use negotiate::negotiate;

use crate::{Format, Registry};

/// How the endpoint is served.
#[derive(Clone)]
pub struct Config {
    /// The address to listen on; port 0 picks a free port (see [`Server::local_addr`]).
    /// Default: `127.0.0.1:9464`.
    pub listen: SocketAddr,
    /// The networks whose clients may read the metrics, IPv4 and IPv6 (an IPv4 client of a
    /// dual-stack socket, `::ffff:a.b.c.d`, is matched as `a.b.c.d`). Empty: nobody. Default:
    /// loopback, `127.0.0.0/8` and `::1/128`.
    pub allow: Vec<IpNet>,
    /// Reverse proxies whose `X-Forwarded-For` and `Forwarded` headers are believed. Default:
    /// none, so that the headers are ignored.
    pub trusted_proxies: Vec<IpNet>,
    /// The token that requests must carry as `Authorization: Bearer <token>`. Default: none.
    pub bearer_token: Option<String>,
    /// The formats the endpoint may answer in; OpenMetrics is offered only when the registry
    /// can also be written in it. Default: both.
    pub formats: Vec<Format>,
    /// How long a connection may take to send a request's headers, counted from when it opens or
    /// last got an answer: a client that sends nothing, or trickles its headers, is closed then.
    /// Default: 10 seconds (a scraper sends its request at once).
    pub header_read_timeout: Duration,
    /// The most connections open at once. At the cap, a new connection closes the oldest one
    /// that never sent a request, so that connections opened and left silent cannot lock a
    /// scraper out; when every open connection has sent one, the new one waits for a place.
    /// Default: 256. At least 1.
    pub max_connections: usize,
}

impl Config {
    /// The loopback networks, `127.0.0.0/8` and `::1/128`: the default allowlist.
    pub fn loopback() -> Vec<IpNet> {
        vec![
            IpNet::new_assert(IpAddr::V4(Ipv4Addr::new(127, 0, 0, 0)), 8),
            IpNet::new_assert(IpAddr::V6(Ipv6Addr::LOCALHOST), 128),
        ]
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: SocketAddr::from((Ipv4Addr::LOCALHOST, 9464)),
            allow: Config::loopback(),
            trusted_proxies: Vec::new(),
            bearer_token: None,
            formats: Format::ALL.to_vec(),
            header_read_timeout: Duration::from_secs(10),
            max_connections: 256,
        }
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("listen", &self.listen)
            .field("allow", &self.allow)
            .field("trusted_proxies", &self.trusted_proxies)
            .field(
                "bearer_token",
                &self.bearer_token.as_ref().map(|_| "<redacted>"),
            )
            .field("formats", &self.formats)
            .field("header_read_timeout", &self.header_read_timeout)
            .field("max_connections", &self.max_connections)
            .finish()
    }
}

/// Serves `registry` on `config.listen` until `shutdown` resolves; then stops accepting, lets
/// the requests in flight finish (for at most five seconds) and returns.
///
/// Fails when the address cannot be bound, or as [`Server::bind`] says.
pub async fn serve(
    registry: Arc<Registry>,
    config: Config,
    shutdown: impl Future<Output = ()>,
) -> io::Result<()> {
    Server::bind(registry, config).await?.serve(shutdown).await;
    Ok(())
}

/// A bound endpoint, not yet serving: [`Server::local_addr`] says where it listens.
pub struct Server {
    listener: TcpListener,
    local_addr: SocketAddr,
    header_read_timeout: Duration,
    connections: Arc<Connections>,
    endpoint: Arc<Endpoint>,
}

impl fmt::Debug for Server {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Server")
            .field("local_addr", &self.local_addr)
            .field("formats", &self.endpoint.formats)
            .finish_non_exhaustive()
    }
}

impl Server {
    /// Binds `config.listen`.
    ///
    /// Fails with [`io::ErrorKind::InvalidInput`] when the registry can be written in none of
    /// `config.formats` (two families collide in each, see [`Registry::collisions`]), or when the
    /// bearer token is empty.
    pub async fn bind(registry: Arc<Registry>, config: Config) -> io::Result<Server> {
        let writable = registry.formats();
        let mut formats = Vec::new();
        for format in config.formats {
            if writable.contains(&format) && !formats.contains(&format) {
                formats.push(format);
            }
        }
        if formats.is_empty() {
            let collisions: Vec<String> = Format::ALL
                .iter()
                .flat_map(|f| registry.collisions(*f).into_iter().take(1))
                .map(|c| c.to_string())
                .collect();
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "the registry can be served in none of the configured formats ({})",
                    collisions.join("; ")
                ),
            ));
        }
        if config.max_connections == 0 {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "max_connections is 0: the endpoint would accept no connection",
            ));
        }
        if config.bearer_token.as_deref() == Some("") {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "the bearer token is empty",
            ));
        }
        let listener = TcpListener::bind(config.listen).await?;
        let local_addr = listener.local_addr()?;
        Ok(Server {
            listener,
            local_addr,
            header_read_timeout: config.header_read_timeout,
            connections: Connections::new(config.max_connections),
            endpoint: Arc::new(Endpoint {
                registry,
                allow: config.allow,
                trusted_proxies: config.trusted_proxies,
                bearer_token: config.bearer_token,
                formats,
            }),
        })
    }

    /// The address the server listens on (with the port picked, when `listen` had port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// The formats the endpoint answers in, in the order of [`Config::formats`]: those allowed
    /// that the registry can be written in.
    pub fn formats(&self) -> &[Format] {
        &self.endpoint.formats
    }

    /// Serves until `shutdown` resolves; then stops accepting, lets the requests in flight
    /// finish (for at most five seconds) and returns.
    pub async fn serve(self, shutdown: impl Future<Output = ()>) {
        let graceful = GracefulShutdown::new();
        let mut shutdown = std::pin::pin!(shutdown);
        loop {
            let (stream, peer) = tokio::select! {
                accepted = self.listener.accept() => match accepted {
                    Ok(accepted) => accepted,
                    // Out of file descriptors, or a connection reset before it was accepted:
                    // the listener itself still works, so wait a moment rather than spin.
                    Err(_) => {
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                },
                () = &mut shutdown => break,
            };
            // At the cap, the oldest connection that never sent a request is closed; with every
            // connection a scraper's, this one waits for one to end.
            let place = tokio::select! {
                place = self.connections.place() => place,
                () = &mut shutdown => break,
            };
            let endpoint = Arc::clone(&self.endpoint);
            let requested = Arc::clone(&place.requested);
            let service = service_fn(move |request: Request<hyper::body::Incoming>| {
                requested.store(true, Ordering::Release);
                let response = endpoint.respond(&request, peer.ip());
                async move { Ok::<_, Infallible>(response) }
            });
            let connection = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(self.header_read_timeout)
                .serve_connection(TokioIo::new(stream), service);
            let connection = graceful.watch(connection);
            let id = place.id;
            let task = tokio::spawn(async move {
                // A client that goes away mid-request is not the server's error.
                let _ = connection.await;
                drop(place);
            });
            self.connections.started(id, task.abort_handle());
        }
        drop(self.listener);
        let _ = tokio::time::timeout(Duration::from_secs(5), graceful.shutdown()).await;
    }
}

/// The open connections, oldest first, held to [`Config::max_connections`].
///
/// A connection that has sent a request is a scraper's: it stays until it closes, or until it
/// sends nothing for [`Config::header_read_timeout`] (hyper closes it). One that never sent a
/// request may be a client that opened it to hold it: at the cap, the oldest of those is closed
/// (its task aborted, which drops the socket) to make room for the new one. Only the accept loop
/// adds places; a place is given back when its task ends or is aborted.
struct Connections {
    max: usize,
    open: Mutex<VecDeque<Open>>,
    /// Woken when a connection ends, for an accept that waits at the cap.
    ended: Notify,
}

struct Open {
    id: u64,
    requested: Arc<AtomicBool>,
    task: Option<AbortHandle>,
}

/// A connection's place among the open ones.
struct Place {
    id: u64,
    /// Set once the connection has sent a request.
    requested: Arc<AtomicBool>,
    connections: Arc<Connections>,
}

impl Connections {
    fn new(max: usize) -> Arc<Self> {
        Arc::new(Connections {
            max,
            open: Mutex::new(VecDeque::new()),
            ended: Notify::new(),
        })
    }

    fn lock(&self) -> MutexGuard<'_, VecDeque<Open>> {
        // Nothing panics while holding it; a poisoned list is still consistent.
        self.open.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A place for a new connection: at once below the cap; at the cap, after closing the
    /// oldest connection that never sent a request, or once a connection ends.
    async fn place(self: &Arc<Self>) -> Place {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        loop {
            let ended = self.ended.notified();
            {
                let mut open = self.lock();
                if open.len() >= self.max
                    && let Some(i) = open
                        .iter()
                        .position(|c| c.task.is_some() && !c.requested.load(Ordering::Acquire))
                    && let Some(Open {
                        task: Some(task), ..
                    }) = open.remove(i)
                {
                    task.abort();
                }
                if open.len() < self.max {
                    let id = NEXT.fetch_add(1, Ordering::Relaxed);
                    let requested = Arc::new(AtomicBool::new(false));
                    open.push_back(Open {
                        id,
                        requested: Arc::clone(&requested),
                        task: None,
                    });
                    return Place {
                        id,
                        requested,
                        connections: Arc::clone(self),
                    };
                }
            }
            ended.await;
        }
    }

    /// Records the task serving the place `id`, so that it can be closed.
    fn started(&self, id: u64, task: AbortHandle) {
        if let Some(open) = self.lock().iter_mut().find(|c| c.id == id) {
            open.task = Some(task);
        }
    }
}

impl Drop for Place {
    fn drop(&mut self) {
        let mut open = self.connections.lock();
        if let Some(i) = open.iter().position(|c| c.id == self.id) {
            open.remove(i);
        }
        drop(open);
        self.connections.ended.notify_one();
    }
}

/// What every connection shares.
struct Endpoint {
    registry: Arc<Registry>,
    allow: Vec<IpNet>,
    trusted_proxies: Vec<IpNet>,
    bearer_token: Option<String>,
    /// The formats offered: allowed and writable, never empty.
    formats: Vec<Format>,
}

const PATH: &str = "/metrics";

impl Endpoint {
    fn respond<B>(&self, request: &Request<B>, peer: IpAddr) -> Response<Full<Bytes>> {
        let headers = request.headers();
        // The allowlist comes first: a client outside it learns nothing else.
        let clients = access::clients(peer, headers, &self.trusted_proxies);
        if let Some(refused) = clients.iter().find(|hop| match hop {
            access::Hop::Address(ip) => !access::is_in(*ip, &self.allow),
            access::Hop::Unreadable(_) => true,
        }) {
            return plain(
                StatusCode::FORBIDDEN,
                format!("403 Forbidden: {refused} may not read the metrics\n"),
            );
        }
        // Then the token: a client without it does not learn which paths and methods exist.
        if let Some(token) = &self.bearer_token
            && !access::bearer_matches(headers, token)
        {
            let mut response = plain(
                StatusCode::UNAUTHORIZED,
                "401 Unauthorized: send Authorization: Bearer <token>\n".to_owned(),
            );
            response
                .headers_mut()
                .insert(h::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            return response;
        }
        if request.uri().path() != PATH {
            return plain(
                StatusCode::NOT_FOUND,
                format!("404 Not Found: the metrics are at {PATH}\n"),
            );
        }
        let method = request.method();
        if method != Method::GET && method != Method::HEAD {
            let mut response = plain(
                StatusCode::METHOD_NOT_ALLOWED,
                format!("405 Method Not Allowed: {PATH} answers GET and HEAD\n"),
            );
            response
                .headers_mut()
                .insert(h::ALLOW, HeaderValue::from_static("GET, HEAD"));
            return response;
        }
        let mut response = self.exposition(headers);
        response
            .headers_mut()
            .insert(h::VARY, HeaderValue::from_static("Accept, Accept-Encoding"));
        response
    }

    /// The exposition in the negotiated format and encoding, or 406.
    fn exposition(&self, headers: &HeaderMap) -> Response<Full<Bytes>> {
        let accept = header::joined(headers, h::ACCEPT);
        let Some(format) = negotiate(accept.as_deref(), &self.formats) else {
            let offered: String = self
                .formats
                .iter()
                .map(|f| format!("  {}\n", f.content_type()))
                .collect();
            return plain(
                StatusCode::NOT_ACCEPTABLE,
                format!("406 Not Acceptable: the Accept header takes none of\n{offered}"),
            );
        };
        let mut text = String::new();
        if let Err(collision) = self.registry.encode_into(format, &mut text) {
            // `bind` offers only the formats the registry can be written in.
            return plain(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("500 Internal Server Error: {collision}\n"),
            );
        }
        let gzip = negotiate::accepts_gzip(header::joined(headers, h::ACCEPT_ENCODING).as_deref());
        let body = if gzip {
            match gzipped(text.as_bytes()) {
                Ok(body) => body,
                Err(e) => {
                    return plain(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        format!("500 Internal Server Error: gzip: {e}\n"),
                    );
                }
            }
        } else {
            text.into_bytes()
        };
        let mut response = Response::new(Full::new(Bytes::from(body)));
        let headers = response.headers_mut();
        headers.insert(
            h::CONTENT_TYPE,
            HeaderValue::from_static(format.content_type()),
        );
        if gzip {
            headers.insert(h::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        }
        response
    }
}

fn gzipped(bytes: &[u8]) -> io::Result<Vec<u8>> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(bytes.len() / 4), Compression::default());
    encoder.write_all(bytes)?;
    encoder.finish()
}

/// A short explanation, as `text/plain`.
fn plain(status: StatusCode, message: String) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(message)));
    *response.status_mut() = status;
    response.headers_mut().insert(
        h::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}
