//! Who may use the bridge. It drives a broker on this machine, so a page of
//! another site open in the same browser must not reach it: every request
//! must name the bridge itself as its host (a DNS-rebound name does not),
//! and a WebSocket must come from the bridge's own origin and carry the
//! token of this start, which only the page the bridge served knows.

use std::fmt::Write;

/// The bridge's address as the browser may write it.
#[derive(Clone, Debug)]
pub struct Guard {
    hosts: Vec<String>,
    token: String,
}

impl Guard {
    /// A guard for a bridge bound to `host`:`port`, with a new token.
    pub fn new(host: &str, port: u16) -> std::io::Result<Guard> {
        Ok(Guard::with_token(host, port, new_token()?))
    }

    /// A guard with a known token (tests).
    pub fn with_token(host: &str, port: u16, token: String) -> Guard {
        let mut hosts = vec![format!("{host}:{port}")];
        if is_loopback(host) {
            for name in ["127.0.0.1", "localhost", "[::1]"] {
                let h = format!("{name}:{port}");
                if !hosts.contains(&h) {
                    hosts.push(h);
                }
            }
        }
        Guard { hosts, token }
    }

    /// This start's token.
    pub fn token(&self) -> &str {
        &self.token
    }

    /// Whether a request's `Host` header names the bridge.
    pub fn host_ok(&self, host: Option<&str>) -> bool {
        host.is_some_and(|h| self.hosts.iter().any(|ok| ok.eq_ignore_ascii_case(h)))
    }

    /// Why a WebSocket handshake is refused, if it is: its `Host`, its
    /// `Origin` (the page that opened it) and the token in its query.
    pub fn refuse_socket(
        &self,
        host: Option<&str>,
        origin: Option<&str>,
        query_token: Option<&str>,
    ) -> Option<&'static str> {
        if !self.host_ok(host) {
            return Some("the request does not name this bridge as its host");
        }
        let own =
            |o: &str| (self.hosts.iter()).any(|h| o.eq_ignore_ascii_case(&format!("http://{h}")));
        if !origin.is_some_and(own) {
            return Some("only the page this bridge serves may connect");
        }
        if query_token.is_none_or(|t| !constant_time_eq(t.as_bytes(), self.token.as_bytes())) {
            return Some("the token is missing or not this start's");
        }
        None
    }
}

/// Whether `host` is a loopback address or name.
pub fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host
            .trim_matches(['[', ']'])
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// 128 random bits from the operating system, as hex.
fn new_token() -> std::io::Result<String> {
    use std::io::Read;
    let mut bytes = [0u8; 16];
    std::fs::File::open("/dev/urandom")?.read_exact(&mut bytes)?;
    let mut out = String::new();
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    Ok(out)
}

/// Compares without stopping at the first difference, so the time taken
/// says nothing about how much of a guess was right.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guard() -> Guard {
        Guard::with_token("127.0.0.1", 8790, "abc123".into())
    }

    #[test]
    fn the_own_page_with_the_token_may_connect() {
        let g = guard();
        let ok = |host, origin| g.refuse_socket(Some(host), Some(origin), Some("abc123"));
        assert_eq!(ok("127.0.0.1:8790", "http://127.0.0.1:8790"), None);
        assert_eq!(ok("localhost:8790", "http://localhost:8790"), None);
    }

    #[test]
    fn another_origin_a_rebound_host_or_a_wrong_token_is_refused() {
        let g = guard();
        let own = Some("http://127.0.0.1:8790");
        let host = Some("127.0.0.1:8790");
        assert!(g
            .refuse_socket(host, Some("http://evil.example"), Some("abc123"))
            .is_some());
        assert!(g
            .refuse_socket(host, Some("http://127.0.0.1:9999"), Some("abc123"))
            .is_some());
        assert!(g
            .refuse_socket(host, Some("null"), Some("abc123"))
            .is_some());
        assert!(g.refuse_socket(host, None, Some("abc123")).is_some());
        assert!(g
            .refuse_socket(Some("evil.example:8790"), own, Some("abc123"))
            .is_some());
        assert!(g.refuse_socket(host, own, Some("abc124")).is_some());
        assert!(g.refuse_socket(host, own, None).is_some());
        assert!(!g.host_ok(Some("evil.example:8790")));
        assert!(!g.host_ok(None));
    }

    #[test]
    fn tokens_are_new_each_start() {
        let (a, b) = (new_token().unwrap(), new_token().unwrap());
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
    }
}
