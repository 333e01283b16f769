//! Who may read the metrics: the client's address against the allowlist (through trusted
//! proxies only), and the bearer token.

use std::fmt;
use std::net::{IpAddr, SocketAddr};

use hyper::HeaderMap;
use hyper::header::{AUTHORIZATION, FORWARDED, HeaderName};
use ipnet::IpNet;

use super::header;

/// A hop of a forwarding header: an address, or what stood there instead (`unknown`, an
/// obfuscated identifier, garbage).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Hop {
    Address(IpAddr),
    Unreadable(String),
}

impl fmt::Display for Hop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Hop::Address(ip) => ip.fmt(f),
            Hop::Unreadable(text) => write!(f, "{text:?}"),
        }
    }
}

const X_FORWARDED_FOR: HeaderName = HeaderName::from_static("x-forwarded-for");

/// The clients a request is made for: its peer, unless the peer is a trusted proxy; then, for
/// each forwarding header present (`Forwarded`, `X-Forwarded-For`), the right-most hop that is
/// not a trusted proxy (or the left-most hop, when all are).
///
/// Both headers count when both are present: a proxy that writes one of them usually passes
/// the other through from the client untouched, so believing either one alone would let a
/// client name its own address. The request must be allowed for every client returned.
pub(super) fn clients(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> Vec<Hop> {
    let peer = peer.to_canonical();
    if !is_in(peer, trusted) {
        return vec![Hop::Address(peer)];
    }
    let chains = [forwarded_hops(headers), x_forwarded_for_hops(headers)];
    let decided: Vec<Hop> = chains
        .into_iter()
        .flatten()
        .filter_map(|hops| {
            let mut client = None;
            for hop in hops.into_iter().rev() {
                match hop {
                    Hop::Address(ip) if is_in(ip, trusted) => client = Some(Hop::Address(ip)),
                    hop => return Some(hop),
                }
            }
            client
        })
        .collect();
    if decided.is_empty() {
        vec![Hop::Address(peer)]
    } else {
        decided
    }
}

/// Whether `ip` is in one of `nets`.
pub(super) fn is_in(ip: IpAddr, nets: &[IpNet]) -> bool {
    let ip = ip.to_canonical();
    nets.iter().any(|net| net.contains(&ip))
}

/// The hops of every `X-Forwarded-For` line, left to right; `None` without the header.
fn x_forwarded_for_hops(headers: &HeaderMap) -> Option<Vec<Hop>> {
    if !headers.contains_key(X_FORWARDED_FOR) {
        return None;
    }
    let lines = headers.get_all(X_FORWARDED_FOR);
    let mut hops = Vec::new();
    for line in lines {
        match line.to_str() {
            Ok(text) => hops.extend(text.split(',').map(|hop| parse_hop(hop.trim()))),
            Err(_) => hops.push(Hop::Unreadable(
                String::from_utf8_lossy(line.as_bytes()).into(),
            )),
        }
    }
    Some(hops)
}

/// The `for=` of every element of every `Forwarded` line (RFC 7239), left to right; `None`
/// without the header. An element without `for=`, or that does not parse, is unreadable.
fn forwarded_hops(headers: &HeaderMap) -> Option<Vec<Hop>> {
    if !headers.contains_key(FORWARDED) {
        return None;
    }
    let lines = headers.get_all(FORWARDED);
    let mut hops = Vec::new();
    for line in lines {
        let Ok(text) = line.to_str() else {
            hops.push(Hop::Unreadable(
                String::from_utf8_lossy(line.as_bytes()).into(),
            ));
            continue;
        };
        for element in header::parameter_lists(text) {
            let node = element.and_then(|params| {
                params
                    .into_iter()
                    .find(|(name, _)| name == "for")
                    .map(|(_, node)| node)
            });
            hops.push(match node {
                Some(node) => parse_hop(&node),
                None => Hop::Unreadable(format!("a Forwarded element without for= in {text}")),
            });
        }
    }
    Some(hops)
}

/// An address as proxies write it: `192.0.2.1`, `192.0.2.1:4711`, `2001:db8::1`,
/// `[2001:db8::1]`, `[2001:db8::1]:4711`.
fn parse_hop(text: &str) -> Hop {
    let ip = text
        .parse::<IpAddr>()
        .ok()
        .or_else(|| text.parse::<SocketAddr>().ok().map(|s| s.ip()))
        .or_else(|| {
            text.strip_prefix('[')
                .and_then(|t| t.strip_suffix(']'))
                .and_then(|t| t.parse::<IpAddr>().ok())
        });
    match ip {
        Some(ip) => Hop::Address(ip.to_canonical()),
        None => Hop::Unreadable(text.to_owned()),
    }
}

/// Whether the request carries exactly one `Authorization: Bearer <expected>`.
pub(super) fn bearer_matches(headers: &HeaderMap, expected: &str) -> bool {
    let mut lines = headers.get_all(AUTHORIZATION).iter();
    let (Some(line), None) = (lines.next(), lines.next()) else {
        return false;
    };
    let value = line.as_bytes();
    let Some(space) = value.iter().position(|&b| b == b' ') else {
        return false;
    };
    let (scheme, token) = value.split_at(space);
    // RFC 9110 §11.1: the scheme is case-insensitive; one or more spaces follow it.
    scheme.eq_ignore_ascii_case(b"bearer")
        && constant_time_eq(token.trim_ascii_start(), expected.as_bytes())
}

/// Compares in a time that depends on the length of `expected` only, not on where the inputs
/// first differ, so that the token cannot be guessed byte by byte from response times.
fn constant_time_eq(given: &[u8], expected: &[u8]) -> bool {
    let mut difference = u8::from(given.len() != expected.len());
    for (i, &e) in expected.iter().enumerate() {
        let g = given.get(i).copied().unwrap_or(!e);
        difference |= std::hint::black_box(g ^ e);
    }
    std::hint::black_box(difference) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyper::header::HeaderValue;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(
                HeaderName::from_bytes(name.as_bytes()).unwrap(),
                HeaderValue::from_str(value).unwrap(),
            );
        }
        map
    }

    fn nets(list: &[&str]) -> Vec<IpNet> {
        list.iter().map(|n| n.parse().unwrap()).collect()
    }

    fn ip(text: &str) -> Hop {
        Hop::Address(text.parse().unwrap())
    }

    const PROXY: &str = "192.0.2.10";

    fn clients_via_proxy(pairs: &[(&str, &str)], trusted: &[&str]) -> Vec<Hop> {
        clients(PROXY.parse().unwrap(), &headers(pairs), &nets(trusted))
    }

    #[test]
    fn forwarding_headers_are_ignored_unless_the_peer_is_trusted() {
        let spoofed = [
            ("x-forwarded-for", "10.0.0.1"),
            ("forwarded", "for=10.0.0.1"),
        ];
        assert_eq!(clients_via_proxy(&spoofed, &[]), [ip(PROXY)]);
        assert_eq!(
            clients_via_proxy(&spoofed, &["198.51.100.0/24"]),
            [ip(PROXY)]
        );
    }

    #[test]
    fn the_right_most_untrusted_hop_is_the_client() {
        let trusted = ["192.0.2.0/24", "2001:db8::/32"];
        let xff = |v| clients_via_proxy(&[("x-forwarded-for", v)], &trusted);
        assert_eq!(xff("10.9.9.9, 10.0.0.1"), [ip("10.0.0.1")]);
        assert_eq!(xff("10.9.9.9, 10.0.0.1, 192.0.2.5"), [ip("10.0.0.1")]);
        assert_eq!(xff("192.0.2.7, 192.0.2.5"), [ip("192.0.2.7")]);
        assert_eq!(xff("10.0.0.1:4711"), [ip("10.0.0.1")]);
        assert_eq!(xff("[2001:db9::1]:80, 2001:db8::5"), [ip("2001:db9::1")]);
        assert_eq!(xff("::ffff:10.0.0.1"), [ip("10.0.0.1")]);
        assert_eq!(
            xff("10.0.0.1, unknown, 192.0.2.5"),
            [Hop::Unreadable("unknown".into())]
        );
        // Several lines are one list.
        let lines = [
            ("x-forwarded-for", "10.9.9.9"),
            ("x-forwarded-for", "10.0.0.1"),
        ];
        assert_eq!(clients_via_proxy(&lines, &trusted), [ip("10.0.0.1")]);
    }

    #[test]
    fn forwarded_is_read_per_rfc_7239() {
        let trusted = ["192.0.2.0/24"];
        let fwd = |v| clients_via_proxy(&[("forwarded", v)], &trusted);
        assert_eq!(
            fwd(r#"for=10.0.0.9;proto=http, For="[2001:db8:cafe::17]:4711";by=192.0.2.1"#),
            [ip("2001:db8:cafe::17")]
        );
        assert_eq!(fwd("for=10.0.0.1, for=192.0.2.3"), [ip("10.0.0.1")]);
        assert!(matches!(&fwd("for=_hidden")[..], [Hop::Unreadable(_)]));
        assert!(matches!(&fwd("proto=https")[..], [Hop::Unreadable(_)]));
    }

    #[test]
    fn with_both_headers_both_clients_count() {
        let both = [
            ("forwarded", "for=10.0.0.1"),
            ("x-forwarded-for", "198.51.100.7"),
        ];
        assert_eq!(
            clients_via_proxy(&both, &["192.0.2.0/24"]),
            [ip("10.0.0.1"), ip("198.51.100.7")]
        );
    }

    #[test]
    fn a_trusted_peer_without_a_header_is_the_client() {
        assert_eq!(clients_via_proxy(&[], &["192.0.2.0/24"]), [ip(PROXY)]);
    }

    #[test]
    fn ipv4_mapped_peers_match_ipv4_nets() {
        let mapped: IpAddr = "::ffff:127.0.0.1".parse().unwrap();
        assert!(is_in(mapped, &nets(&["127.0.0.0/8"])));
        assert!(!is_in(mapped, &nets(&["10.0.0.0/8", "::1/128"])));
        assert!(is_in("::1".parse().unwrap(), &nets(&["::1/128"])));
    }

    #[test]
    fn bearer_tokens() {
        let check = |pairs: &[(&str, &str)]| bearer_matches(&headers(pairs), "s3cr3t");
        assert!(check(&[("authorization", "Bearer s3cr3t")]));
        assert!(check(&[("authorization", "bearer   s3cr3t")]));
        assert!(!check(&[]));
        assert!(!check(&[("authorization", "Bearer s3cr3")]));
        assert!(!check(&[("authorization", "Bearer s3cr3tt")]));
        assert!(!check(&[("authorization", "Bearer S3CR3T")]));
        assert!(!check(&[("authorization", "Basic s3cr3t")]));
        assert!(!check(&[("authorization", "Bearer")]));
        assert!(!check(&[("authorization", "Bearers3cr3t")]));
        assert!(!check(&[
            ("authorization", "Bearer s3cr3t"),
            ("authorization", "Bearer s3cr3t")
        ]));
    }

    #[test]
    fn constant_time_eq_compares_exactly() {
        assert!(constant_time_eq(b"", b""));
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"ab", b"abc"));
        assert!(!constant_time_eq(b"abc", b"ab"));
        assert!(!constant_time_eq(b"", b"a"));
        assert!(!constant_time_eq(b"a", b""));
    }
}
