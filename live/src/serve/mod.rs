//! `kurir-live serve`: the bridge between the playground and real brokers.
//! It serves the release app from `dist/` and, on the same origin, a
//! WebSocket (`/live`) through which the page runs its scenario on a real
//! broker: the page's buttons become commands ([`crate::run::control`]),
//! the run's trace comes back in the trace schema.
//!
//! - `guard.rs`: who may connect (host, origin, this start's token);
//! - `http.rs`: request heads, the app's files, the page's token;
//! - `protocol.rs`: the messages both ways;
//! - `session.rs`: one page's connection and its run.

mod guard;
mod http;
mod protocol;
mod session;

use std::path::PathBuf;
use std::process::ExitCode;
use std::rc::Rc;

use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::{Role, WebSocketConfig};
use tokio_tungstenite::WebSocketStream;

use crate::args::{number, say};
use crate::plan::BrokerKind;
use crate::run::block_on;
pub use guard::{is_loopback, Guard};
use session::Brokers;

/// The bridge's port unless `--port` says otherwise.
pub const DEFAULT_PORT: u16 = 8790;

const USAGE: &str =
    "usage: kurir-live serve --broker URL [--broker URL...] [--dist DIR] [--port N] [--host H]

  --broker  a broker the page may run scenarios on (amqp://, redis://, pubsub://, sqs://);
            each scenario goes to the broker its channels were drawn for
  --dist    the release app (trunk build --release), default dist
  --port    default 8790; 0 picks a free one
  --host    default 127.0.0.1: only this machine can connect";

/// Runs `kurir-live serve ARGS`.
pub fn main(argv: &[String]) -> ExitCode {
    match parse(argv) {
        Ok(None) => {
            say(USAGE);
            ExitCode::SUCCESS
        }
        Ok(Some(o)) => match block_on(serve(o)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                say(&format!("kurir-live serve: {e}"));
                ExitCode::from(3)
            }
        },
        Err(e) => {
            say(&format!("kurir-live serve: {e}\n{USAGE}"));
            ExitCode::from(2)
        }
    }
}

struct Serve {
    host: String,
    port: u16,
    dist: PathBuf,
    brokers: Vec<(BrokerKind, String)>,
}

fn parse(argv: &[String]) -> Result<Option<Serve>, String> {
    let mut o = Serve {
        host: "127.0.0.1".into(),
        port: DEFAULT_PORT,
        dist: PathBuf::from("dist"),
        brokers: Vec::new(),
    };
    let mut args = argv.iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().cloned().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--broker" => {
                let url = value("--broker")?;
                let kind = BrokerKind::of_url(&url).map_err(|e| e.to_string())?;
                o.brokers.push((kind, url));
            }
            "--dist" => o.dist = PathBuf::from(value("--dist")?),
            "--port" => o.port = number("--port", &value("--port")?)?,
            "--host" => o.host = value("--host")?,
            other => return Err(format!("unexpected argument: {other}")),
        }
    }
    if o.brokers.is_empty() {
        return Err("give at least one --broker".into());
    }
    if !o.dist.join("index.html").is_file() {
        return Err(format!(
            "{}: no index.html; build the app first (trunk build --release) or give --dist",
            o.dist.display()
        ));
    }
    Ok(Some(o))
}

async fn serve(o: Serve) -> Result<(), String> {
    let listener = TcpListener::bind((o.host.as_str(), o.port))
        .await
        .map_err(|e| format!("cannot listen on {}:{}: {e}", o.host, o.port))?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    let guard = Guard::new(&o.host, port).map_err(|e| format!("no token: {e}"))?;
    if !is_loopback(&o.host) {
        say(&format!(
            "kurir-live serve: listening on {} — other machines can reach this bridge",
            o.host
        ));
    }
    let names: Vec<String> = (o.brokers.iter())
        .map(|(k, u)| format!("{} at {}", k.name(), protocol::without_credentials(u)))
        .collect();
    say(&format!(
        "kurir-live serve: open http://{}:{port}/ (brokers: {})",
        o.host,
        names.join(", ")
    ));
    let ctx = Rc::new(Ctx {
        guard,
        dist: o.dist,
        brokers: Rc::new(o.brokers),
    });
    loop {
        let (stream, _) = listener.accept().await.map_err(|e| e.to_string())?;
        tokio::task::spawn_local(connection(stream, ctx.clone()));
    }
}

struct Ctx {
    guard: Guard,
    dist: PathBuf,
    brokers: Brokers,
}

async fn connection(mut stream: TcpStream, ctx: Rc<Ctx>) {
    let Some(head) = http::read_head(&mut stream).await else {
        return;
    };
    if !ctx.guard.host_ok(head.header("host")) {
        let why = b"this bridge answers only to its own address";
        return http::respond(&mut stream, "421 Misdirected Request", "text/plain", why).await;
    }
    if head.path == "/live" {
        return upgrade(stream, &head, &ctx).await;
    }
    if head.method != "GET" && head.method != "HEAD" {
        return http::respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"GET only",
        )
        .await;
    }
    let Some(file) = http::file_for(&ctx.dist, &head.path) else {
        return http::respond(&mut stream, "404 Not Found", "text/plain", b"not found").await;
    };
    // Small local files: read at once on the one thread.
    let Ok(body) = std::fs::read(&file) else {
        return http::respond(&mut stream, "404 Not Found", "text/plain", b"not found").await;
    };
    let kind = http::content_type(&file);
    let body = if file.file_name().is_some_and(|n| n == "index.html") {
        http::with_token(&String::from_utf8_lossy(&body), ctx.guard.token()).into_bytes()
    } else {
        body
    };
    let body = if head.method == "HEAD" {
        Vec::new()
    } else {
        body
    };
    http::respond(&mut stream, "200 OK", kind, &body).await;
}

async fn upgrade(mut stream: TcpStream, head: &http::Head, ctx: &Ctx) {
    let refused = ctx.guard.refuse_socket(
        head.header("host"),
        head.header("origin"),
        head.param("token"),
    );
    if let Some(why) = refused {
        return http::respond(&mut stream, "403 Forbidden", "text/plain", why.as_bytes()).await;
    }
    let is_ws = head
        .header("upgrade")
        .is_some_and(|u| u.eq_ignore_ascii_case("websocket"));
    let (Some(key), true) = (head.header("sec-websocket-key"), is_ws) else {
        let why = b"a WebSocket upgrade is expected here";
        return http::respond(&mut stream, "400 Bad Request", "text/plain", why).await;
    };
    let accept = derive_accept_key(key.as_bytes());
    let reply = format!(
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Accept: {accept}\r\n\r\n"
    );
    if stream.write_all(reply.as_bytes()).await.is_err() {
        return;
    }
    let config = WebSocketConfig::default()
        .max_message_size(Some(protocol::MAX_MESSAGE))
        .max_frame_size(Some(protocol::MAX_MESSAGE));
    let ws = WebSocketStream::from_raw_socket(stream, Role::Server, Some(config)).await;
    session::session(ws, ctx.brokers.clone()).await;
}
