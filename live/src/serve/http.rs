//! Just enough HTTP/1.1 for the bridge: a request's head, the release
//! app's files from `dist/` (the page gets this start's token in a `<meta>`
//! tag), and the WebSocket upgrade of `/live`.

use std::path::{Component, Path, PathBuf};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Longest request head read.
const MAX_HEAD: usize = 16 * 1024;

/// A request's head.
#[derive(Clone, Debug, Default)]
pub struct Head {
    /// `GET`…
    pub method: String,
    /// Path without the query.
    pub path: String,
    /// The query after `?`, if any.
    pub query: Option<String>,
    /// Headers as sent (names in lower case).
    pub headers: Vec<(String, String)>,
}

impl Head {
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        (self.headers.iter())
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// A query parameter's value.
    pub fn param(&self, name: &str) -> Option<&str> {
        let q = self.query.as_deref()?;
        q.split('&')
            .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
    }
}

/// Reads a request head; `None` for a connection that closed or sent
/// something that is not one.
pub async fn read_head(stream: &mut TcpStream) -> Option<Head> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 2048];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 || buf.len() + n > MAX_HEAD {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let mut headers = [httparse::EMPTY_HEADER; 64];
    let mut req = httparse::Request::new(&mut headers);
    req.parse(&buf).ok()?;
    let target = req.path?;
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p.to_string(), Some(q.to_string())),
        None => (target.to_string(), None),
    };
    Some(Head {
        method: req.method?.to_string(),
        path,
        query,
        headers: (req.headers.iter())
            .map(|h| {
                let v = String::from_utf8_lossy(h.value).trim().to_string();
                (h.name.to_ascii_lowercase(), v)
            })
            .collect(),
    })
}

/// Writes a whole response and closes.
pub async fn respond(stream: &mut TcpStream, status: &str, kind: &str, body: &[u8]) {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes()).await;
    let _ = stream.write_all(body).await;
    let _ = stream.shutdown().await;
}

/// The file of `dist` a request path names: `/` is `index.html`; nothing
/// outside `dist` (no `..`).
pub fn file_for(dist: &Path, path: &str) -> Option<PathBuf> {
    let rel = path.trim_start_matches('/');
    let rel = if rel.is_empty() { "index.html" } else { rel };
    let rel = Path::new(rel);
    if !rel.components().all(|c| matches!(c, Component::Normal(_))) {
        return None;
    }
    Some(dist.join(rel))
}

/// A file's content type (wasm as `application/wasm`, for streaming
/// compilation).
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("json") | Some("webmanifest") => "application/json",
        Some("ico") => "image/x-icon",
        _ => "application/octet-stream",
    }
}

/// `index.html` with this start's token where the app looks for it.
pub fn with_token(html: &str, token: &str) -> String {
    let meta = format!("<meta name=\"kurir-live\" content=\"{token}\">");
    match html.find("</head>") {
        Some(i) => format!("{}{meta}{}", &html[..i], &html[i..]),
        None => format!("{meta}{html}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_inside_dist() {
        let d = Path::new("/srv/dist");
        assert_eq!(file_for(d, "/"), Some(d.join("index.html")));
        assert_eq!(file_for(d, "/kurir_bg.wasm"), Some(d.join("kurir_bg.wasm")));
        assert_eq!(file_for(d, "/../etc/passwd"), None);
        assert_eq!(file_for(d, "/a/../../x"), None);
    }

    #[test]
    fn the_token_goes_in_the_head() {
        let html = with_token("<html><head><title>K</title></head></html>", "t0k");
        assert!(html.contains("<meta name=\"kurir-live\" content=\"t0k\"></head>"));
    }

    #[test]
    fn query_parameters() {
        let h = Head {
            query: Some("a=1&token=xyz".into()),
            ..Head::default()
        };
        assert_eq!(h.param("token"), Some("xyz"));
        assert_eq!(h.param("b"), None);
    }
}
