//! A scenario run by real clients on a real broker. Every service is a
//! client with its own connection and `workers` pieces of work at once;
//! orders and scheduled actions fire on the scenario's clock (scaled); each
//! step is recorded as the engine's own [`TraceEvent`], so the trace is the
//! simulator's schema, printed by the engine's writer.
//!
//! One thread (a tokio `LocalSet`): the services wait on timers and
//! sockets, and one thread keeps the trace in the order things happened.

pub mod clock;
pub mod control;
mod service;
pub mod summary;

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::rc::Rc;

use kurir_engine::base::rng::Rng;
use kurir_engine::base::time::Micros;
use kurir_engine::compile::{ActionTopo, ChannelTopo, GroupKey, Topology};
use kurir_engine::sim::trace::{EventKind, TraceEvent};
use kurir_engine::{ChannelId, Scenario, ServiceId};
use tokio::sync::{Notify, Semaphore};
use tokio::task::JoinHandle;

use crate::broker::{Broker, Conn, Listen, Listens, Message, Site};
use crate::error::LiveError;
use crate::plan::{self, BrokerKind};
use clock::Clock;
use control::Control;

/// How to run.
#[derive(Clone, Debug)]
pub struct Options {
    /// The broker's URL.
    pub url: String,
    /// Scenario time to run at most.
    pub run_for: Micros,
    /// Extra orders at the first service (`--orders`).
    pub orders: u64,
    /// Gap between those orders.
    pub every: Micros,
    /// Real seconds per scenario second.
    pub scale: f64,
    /// Seed (the scenario's own when `None`).
    pub seed: Option<u64>,
    /// The run's name on the broker (`kurir.<run>.` prefixes its objects).
    pub run_id: String,
    /// End early once nothing is left to do and nothing has happened for
    /// this much scenario time.
    pub idle_end: Option<Micros>,
}

/// What a finished run saw.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Every event, in order.
    pub events: Vec<TraceEvent>,
    /// Messages still in the queues at the end: queue, message, and the
    /// queue it was dead-lettered from.
    pub leftovers: Vec<(ChannelId, Message, Option<ChannelId>)>,
    /// Scenario time at the end.
    pub ended: Micros,
}

/// Where each event goes as it happens (printed, or nowhere).
pub type Sink = Box<dyn FnMut(&TraceEvent)>;

/// A service's live state.
struct Svc {
    workers: Rc<Semaphore>,
    up: Cell<bool>,
    conn: RefCell<Option<Rc<Conn>>>,
    /// The dispatcher and the work in hand, aborted when it goes down.
    tasks: RefCell<Vec<JoinHandle<()>>>,
}

/// Everything the run's tasks share.
pub(crate) struct World {
    s: Scenario,
    topo: Topology,
    /// Started again once every service is connected: `t` 0 is the start.
    clock: Cell<Clock>,
    broker: Broker,
    services: Vec<Svc>,
    listens: Vec<Listens>,
    rngs: RefCell<Vec<Rng>>,
    events: RefCell<Vec<TraceEvent>>,
    sink: RefCell<Sink>,
    next_msg: Cell<u64>,
    next_order: Cell<u64>,
    next_call: Cell<u64>,
    /// Pieces of work in progress and orders not yet answered.
    busy: Cell<u64>,
    last_event: Cell<Micros>,
    /// A message left to its deadline (a failure not reported, a consumer
    /// gone) comes back by this time: the run is not idle before it.
    returns_by: Cell<Micros>,
    dead_seen: RefCell<BTreeSet<(u64, ChannelId)>>,
    failure: RefCell<Option<LiveError>>,
    failed: Notify,
    options_url: String,
    kind: BrokerKind,
}

impl World {
    fn clock(&self) -> Clock {
        self.clock.get()
    }

    fn record(&self, kind: EventKind) {
        let t = self.clock().now();
        let mut events = self.events.borrow_mut();
        let e = TraceEvent {
            seq: events.len() as u64,
            t,
            kind,
        };
        events.push(e);
        self.last_event.set(t);
        (self.sink.borrow_mut())(&e);
    }

    /// Notes that a message of queue `c` held now comes back when its
    /// visibility timeout (ack deadline) ends.
    fn returns_from(&self, c: ChannelId) {
        if let ChannelTopo::Queue(q) = &self.topo.channels[c.index()] {
            let after =
                plan::comes_back_after(self.kind, q.visibility_timeout, self.clock().scale());
            let at = self.clock().now().saturating_add(after);
            self.returns_by.set(self.returns_by.get().max(at));
        }
    }

    fn broker_url(&self) -> String {
        self.options_url.clone()
    }

    /// Stops the run with `e` (the first failure wins).
    fn fail(&self, e: LiveError) {
        let mut f = self.failure.borrow_mut();
        if f.is_none() {
            *f = Some(e);
            self.failed.notify_one();
        }
    }
}

/// What service `svc` listens on, as `kind` carries it: RabbitMQ takes the
/// compiled subscribers (a pattern subscriber is one more fan-out copy, a
/// named group shares one queue); Redis subscribes the channels and
/// `PSUBSCRIBE`s the patterns itself.
fn listens(kind: BrokerKind, s: &Scenario, topo: &Topology, svc: ServiceId) -> Listens {
    let id = &s.services[svc.index()].id;
    match kind {
        BrokerKind::Redis => Listens {
            channels: s
                .subscriptions
                .iter()
                .filter(|sub| &sub.service == id)
                .filter_map(|sub| s.channels.iter().position(|c| c.id == sub.channel))
                .map(|c| Listen {
                    channel: ChannelId(c as u32),
                    prefetch: 1,
                    group: None,
                })
                .collect(),
            patterns: s.services[svc.index()].patterns.clone(),
        },
        BrokerKind::Rabbitmq | BrokerKind::GooglePubsub | BrokerKind::Sqs => {
            let mut channels = Vec::new();
            for (c, subs) in topo.subscribers.iter().enumerate() {
                for m in subs.members.iter().filter(|m| m.service == svc) {
                    let group = match &subs.groups[m.group as usize] {
                        GroupKey::Named(g) => Some(g.clone()),
                        _ => None,
                    };
                    channels.push(Listen {
                        channel: ChannelId(c as u32),
                        prefetch: m.terms.prefetch,
                        group,
                    });
                }
            }
            Listens {
                channels,
                patterns: Vec::new(),
            }
        }
    }
}

/// Runs `s` on the broker `options.url` names; `sink` sees each event as it
/// happens. The run's objects are deleted at the end, also after a failure.
pub async fn run(s: Scenario, options: &Options, sink: Sink) -> Result<Report, LiveError> {
    run_with(s, options, sink, None).await
}

/// [`run`], or with `control` a run the page drives: no inputs or scheduled
/// actions, only its commands, until it lets go (or the broker fails).
pub async fn run_with(
    s: Scenario,
    options: &Options,
    sink: Sink,
    control: Option<Control>,
) -> Result<Report, LiveError> {
    let kind = BrokerKind::of_url(&options.url)?;
    let topo = kurir_engine::compile::compile(&s).map_err(|e| LiveError::Input(e.to_string()))?;
    plan::check(kind, &s, &topo)?;
    let site = Site::new(&options.url, kind, &options.run_id, &s);
    let broker = Broker::start(kind, site, &topo, &s, options.scale).await?;
    let seed = options.seed.unwrap_or(s.seed);
    let n = s.services.len();
    let world = Rc::new(World {
        listens: (0..n)
            .map(|i| listens(kind, &s, &topo, ServiceId(i as u32)))
            .collect(),
        services: topo
            .services
            .iter()
            .map(|t| Svc {
                workers: Rc::new(Semaphore::new(t.workers as usize)),
                up: Cell::new(false),
                conn: RefCell::new(None),
                tasks: RefCell::new(Vec::new()),
            })
            .collect(),
        // One stream per service, so what one service draws does not
        // depend on when another's work happened to run.
        rngs: RefCell::new((0..n).map(|i| Rng::new(service_seed(seed, i))).collect()),
        clock: Cell::new(Clock::start(options.scale)),
        broker,
        events: RefCell::new(Vec::new()),
        sink: RefCell::new(sink),
        next_msg: Cell::new(0),
        next_order: Cell::new(0),
        next_call: Cell::new(0),
        busy: Cell::new(0),
        last_event: Cell::new(0),
        returns_by: Cell::new(0),
        dead_seen: RefCell::new(BTreeSet::new()),
        failure: RefCell::new(None),
        failed: Notify::new(),
        options_url: options.url.clone(),
        kind,
        topo,
        s,
    });
    let outcome = match control {
        None => drive(&world, options).await,
        Some(c) => driven(&world, c).await,
    };
    for i in 0..n {
        service::stop(&world, ServiceId(i as u32)).await;
    }
    let leftovers = match &outcome {
        Ok(()) => world.broker.leftovers().await,
        Err(_) => Ok(Vec::new()),
    };
    let cleaned = world.broker.clean_up().await;
    outcome?;
    let leftovers = leftovers?;
    cleaned?;
    let ended = world.clock().now();
    let events = world.events.take();
    Ok(Report {
        events,
        leftovers,
        ended,
    })
}

/// A seed for service `i`'s stream, spread so neighbours differ.
fn service_seed(seed: u64, i: usize) -> u64 {
    seed ^ (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// Brings the services up, fires the inputs and actions, and waits for the
/// end: `run_for`, idleness, or a failure.
async fn drive(world: &Rc<World>, options: &Options) -> Result<(), LiveError> {
    for (i, t) in world.topo.services.iter().enumerate() {
        if t.up {
            service::start(world, ServiceId(i as u32)).await?;
        }
    }
    world.clock.set(Clock::start(options.scale));
    let mut timers: Vec<JoinHandle<()>> = Vec::new();
    let mut inputs = world.topo.inputs.clone();
    if options.orders > 0 && !world.topo.services.is_empty() {
        inputs.push(kurir_engine::compile::InputTopo {
            service: ServiceId(0),
            every: options.every,
            count: Some(options.orders),
            start: 0,
        });
    }
    let pending = Rc::new(Cell::new(inputs.len() + world.topo.actions.len()));
    for input in inputs {
        let (w, pending) = (world.clone(), pending.clone());
        let end = options.run_for;
        timers.push(tokio::task::spawn_local(async move {
            let mut k = 0u64;
            while input.count.is_none_or(|c| k < c) {
                let at = input.start.saturating_add(k.saturating_mul(input.every));
                if at > end {
                    break;
                }
                w.clock().until(at).await;
                service::place_order(&w, input.service);
                k += 1;
            }
            pending.set(pending.get() - 1);
        }));
    }
    for (at, action) in world.topo.actions.clone() {
        let (w, pending) = (world.clone(), pending.clone());
        timers.push(tokio::task::spawn_local(async move {
            w.clock().until(at).await;
            match action {
                ActionTopo::Down(svc) => {
                    w.record(EventKind::ServiceDown { service: svc });
                    service::stop(&w, svc).await;
                }
                ActionTopo::Up(svc) => {
                    w.record(EventKind::ServiceUp { service: svc });
                    if let Err(e) = service::start(&w, svc).await {
                        w.fail(e);
                    }
                }
                // Refused by `plan::check`.
                ActionTopo::Rewind { .. } | ActionTopo::Change(_) => {}
            }
            pending.set(pending.get() - 1);
        }));
    }
    let clock = world.clock();
    let end = clock.until(options.run_for);
    let idle = async {
        let Some(quiet) = options.idle_end else {
            return std::future::pending().await;
        };
        loop {
            world.clock().sleep(quiet / 4 + 1).await;
            let now = world.clock().now();
            if pending.get() == 0
                && world.busy.get() == 0
                && now.saturating_sub(world.last_event.get()) >= quiet
                && now >= world.returns_by.get()
            {
                return;
            }
        }
    };
    tokio::select! {
        _ = end => {}
        _ = idle => {}
        _ = world.failed.notified() => {}
    }
    for t in timers {
        t.abort();
    }
    match world.failure.borrow_mut().take() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Brings the services up and carries out `control`'s commands until its
/// sender lets go or a failure stops the run.
async fn driven(world: &Rc<World>, mut control: Control) -> Result<(), LiveError> {
    for (i, t) in world.topo.services.iter().enumerate() {
        if t.up {
            service::start(world, ServiceId(i as u32)).await?;
        }
    }
    world.clock.set(Clock::start(world.clock().scale()));
    if let Some(ready) = control.ready.take() {
        ready();
    }
    tokio::select! {
        _ = control::obey(world, &mut control.commands) => {}
        _ = control::watch_depths(world, &mut *control.depths) => {}
        _ = world.failed.notified() => {}
    }
    match world.failure.borrow_mut().take() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Runs `f` on a one-thread runtime with a `LocalSet` (the run's tasks are
/// not `Send`: they share the run's state through `Rc`).
pub fn block_on<F: std::future::Future>(f: F) -> F::Output {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime on this thread");
    tokio::task::LocalSet::new().block_on(&rt, f)
}

/// A new run name: the process and the time, so two runs never share one.
pub fn run_id() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!("{}-{:x}", std::process::id(), nanos % 0xffff_ffff)
}
