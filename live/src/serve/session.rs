//! One page's WebSocket: its commands start a run on a broker the bridge
//! was started with and drive it; the run's trace, status and queue depths
//! go back as they happen. A malformed message closes this connection with
//! the reason; nothing a page sends stops the bridge.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use kurir_engine::observe::trace_json::event_json_in;
use kurir_engine::sim::trace::TraceEvent;
use kurir_engine::{Scenario, ServiceId};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::{mpsc, Notify};
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::{Error as WsError, Message};
use tokio_tungstenite::WebSocketStream;

use super::protocol::{self, Ask};
use crate::error::LiveError;
use crate::plan::{self, BrokerKind};
use crate::run::control::{Command, Control};
use crate::run::{run_id, run_with, Options};

/// Messages waiting for a page that reads slowly; a page this far behind
/// is disconnected rather than held in memory without end.
const OUT_QUEUE: usize = 8_192;

/// How long a closed connection waits for the page to close its side.
const LINGER: Duration = Duration::from_secs(2);

/// The brokers a bridge drives: kind and URL.
pub type Brokers = Rc<Vec<(BrokerKind, String)>>;

/// What goes to the page, and the alarm for a page that stopped reading.
#[derive(Clone)]
struct Out {
    tx: mpsc::Sender<Message>,
    overflow: Rc<Notify>,
    full: Rc<Cell<bool>>,
    /// The page's latest run: what an earlier run still says while it
    /// winds down is not sent (the page has moved on).
    run: Rc<Cell<u64>>,
}

impl Out {
    /// Sends for run `me` only while it is the page's latest.
    fn send_for(&self, me: u64, text: String) {
        if self.run.get() == me {
            self.send(text);
        }
    }

    fn send(&self, text: String) {
        if self.full.get() {
            return;
        }
        if self.tx.try_send(Message::text(text)).is_err() {
            self.full.set(true);
            self.overflow.notify_one();
        }
    }
}

/// The run this page started.
struct Running {
    scenario: Scenario,
    commands: mpsc::UnboundedSender<Command>,
}

/// Serves one page until it leaves or sends something malformed.
pub async fn session(ws: WebSocketStream<TcpStream>, brokers: Brokers) {
    let (mut sink, mut stream) = ws.split();
    let (tx, mut rx) = mpsc::channel::<Message>(OUT_QUEUE);
    let out = Out {
        tx,
        overflow: Rc::new(Notify::new()),
        full: Rc::new(Cell::new(false)),
        run: Rc::new(Cell::new(0)),
    };
    let writer = tokio::task::spawn_local(async move {
        while let Some(m) = rx.recv().await {
            let last = matches!(m, Message::Close(_));
            if sink.send(m).await.is_err() || last {
                break;
            }
        }
        sink
    });
    let listed = (brokers.iter())
        .map(|(k, url)| protocol::broker(key(*k), k.name(), url))
        .collect();
    out.send(protocol::hello(listed));
    let mut running: Option<Running> = None;
    let closing = loop {
        let frame = tokio::select! {
            f = stream.next() => f,
            _ = out.overflow.notified() => {
                break Some((CloseCode::Policy, "the page fell behind the broker's events".into()));
            }
        };
        let text = match frame {
            None | Some(Ok(Message::Close(_))) => break None,
            Some(Ok(Message::Text(t))) => t,
            Some(Ok(Message::Binary(_))) => {
                break Some((CloseCode::Unsupported, "text messages only".into()))
            }
            Some(Ok(_)) => continue, // pings are answered by the library
            Some(Err(WsError::Capacity(e))) => break Some((CloseCode::Size, e.to_string())),
            Some(Err(e)) => break Some((CloseCode::Protocol, e.to_string())),
        };
        let ask = match protocol::read(&text) {
            Ok(ask) => ask,
            Err(why) => break Some((CloseCode::Policy, why)),
        };
        match ask {
            Ask::Start(s) => {
                drop(running.take()); // the run before ends and cleans up
                out.run.set(out.run.get() + 1);
                running = start(*s, &brokers, &out);
            }
            Ask::Stop => {
                if running.take().is_some() {
                    out.run.set(out.run.get() + 1);
                    out.send(protocol::status("stopped", None, None));
                }
            }
            Ask::Order(id) | Ask::Down(id) | Ask::Up(id) if running.is_none() => {
                out.send(protocol::status(
                    "stopped",
                    None,
                    Some(&format!("no run for {id}")),
                ));
            }
            Ask::Order(id) => match command(&running, &id, Command::Order) {
                Ok(()) => {}
                Err(why) => break Some((CloseCode::Policy, why)),
            },
            Ask::Down(id) => match command(&running, &id, Command::Down) {
                Ok(()) => {}
                Err(why) => break Some((CloseCode::Policy, why)),
            },
            Ask::Up(id) => match command(&running, &id, Command::Up) {
                Ok(()) => {}
                Err(why) => break Some((CloseCode::Policy, why)),
            },
        }
    };
    drop(running);
    if let Some((code, reason)) = closing {
        // A close frame's reason is at most 123 bytes.
        let reason: String = reason.chars().take(100).collect();
        let frame = CloseFrame {
            code,
            reason: reason.into(),
        };
        let _ = out.tx.send(Message::Close(Some(frame))).await;
    }
    drop(out);
    if let Ok(sink) = writer.await {
        if let Ok(ws) = stream.reunite(sink) {
            linger(ws.into_inner()).await;
        }
    }
}

/// Ends the connection so the page reads the close frame: the write side
/// is shut, and what the page still sends (the rest of an oversized
/// message) is read and dropped until it closes too. Closing a socket with
/// unread bytes makes the kernel reset it, and a reset can discard the
/// close frame before the browser reads it (it then reports 1006).
async fn linger(mut tcp: TcpStream) {
    let _ = tcp.shutdown().await;
    let drain = async {
        let mut buf = vec![0u8; 64 * 1024];
        while let Ok(1..) = tcp.read(&mut buf).await {}
    };
    let _ = tokio::time::timeout(LINGER, drain).await;
}

/// The protocol's name of a broker kind.
pub fn key(k: BrokerKind) -> &'static str {
    match k {
        BrokerKind::Rabbitmq => "rabbitmq",
        BrokerKind::Redis => "redis",
        BrokerKind::GooglePubsub => "google-pubsub",
        BrokerKind::Sqs => "sqs",
    }
}

fn command(
    running: &Option<Running>,
    id: &str,
    make: fn(ServiceId) -> Command,
) -> Result<(), String> {
    let Some(r) = running else { return Ok(()) };
    let i = (r.scenario.services.iter())
        .position(|v| v.id == id)
        .ok_or(format!("no service {id:?} in the running scenario"))?;
    // The run may have ended (a broker failure): its status says so.
    let _ = r.commands.send(make(ServiceId(i as u32)));
    Ok(())
}

/// The broker for `s`: the one its channels were drawn for, else the first
/// the bridge drives that can run it.
fn broker_for(
    s: &Scenario,
    brokers: &[(BrokerKind, String)],
) -> Result<(BrokerKind, String), String> {
    if let Some(kind) = plan::drawn_for(s) {
        return (brokers.iter())
            .find(|(k, _)| *k == kind)
            .cloned()
            .ok_or(format!(
                "this scenario is drawn for {}; start kurir-live serve with a {} broker too",
                kind.name(),
                kind.name()
            ));
    }
    let topo = kurir_engine::compile::compile(s).map_err(|e| e.to_string())?;
    let mut first_refusal = None;
    for (k, url) in brokers {
        match plan::check(*k, s, &topo) {
            Ok(()) => return Ok((*k, url.clone())),
            Err(e) => _ = first_refusal.get_or_insert(e.to_string()),
        }
    }
    Err(first_refusal.unwrap_or("the bridge was started without a broker".into()))
}

/// Starts `s` on its broker; its status, trace and depths go to `out`.
fn start(s: Scenario, brokers: &[(BrokerKind, String)], out: &Out) -> Option<Running> {
    let (kind, url) = match broker_for(&s, brokers) {
        Ok(b) => b,
        Err(why) => {
            out.send(protocol::status("refused", None, Some(&why)));
            return None;
        }
    };
    let me = out.run.get();
    let at = protocol::without_credentials(&url);
    out.send(protocol::status("starting", Some(key(kind)), Some(&at)));
    let (commands, rx) = mpsc::unbounded_channel();
    let names = s.clone();
    let (o1, o2, o3, o4) = (out.clone(), out.clone(), out.clone(), out.clone());
    let sink = Box::new(move |e: &TraceEvent| {
        o1.send_for(
            me,
            protocol::trace(&event_json_in(e, &names, &|_, g| g.to_string())),
        )
    });
    let ids: Vec<String> = s.channels.iter().map(|c| c.id.clone()).collect();
    let control = Control {
        commands: rx,
        depths: Box::new(move |d| {
            let named: Vec<(String, u32)> = (d.iter())
                .map(|(c, n)| (ids[c.index()].clone(), *n))
                .collect();
            o2.send_for(me, protocol::depths(&named))
        }),
        ready: Some(Box::new(move || {
            o3.send_for(me, protocol::status("running", Some(key(kind)), Some(&at)))
        })),
    };
    let options = Options {
        url,
        run_for: u64::MAX,
        orders: 0,
        every: 1_000_000,
        scale: 1.0,
        seed: None,
        run_id: run_id(),
        idle_end: None,
    };
    let run = s.clone();
    tokio::task::spawn_local(async move {
        let (state, message) = match run_with(run, &options, sink, Some(control)).await {
            Ok(_) => ("stopped", None),
            Err(e @ LiveError::Input(_)) => ("refused", Some(e.to_string())),
            Err(e @ LiveError::Broker { .. }) if e.to_string().contains(": connecting: ") => {
                ("unreachable", Some(e.to_string()))
            }
            Err(e) => ("failed", Some(e.to_string())),
        };
        let message = message.map(|m| redact(&m, &options.url));
        o4.send_for(
            me,
            protocol::status(state, Some(key(kind)), message.as_deref()),
        );
    });
    Some(Running {
        scenario: s,
        commands,
    })
}

/// A message without the credentials of the broker URL it names.
fn redact(message: &str, url: &str) -> String {
    message.replace(url, &protocol::without_credentials(url))
}
