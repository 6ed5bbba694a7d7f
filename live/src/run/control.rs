//! A run driven from outside (`kurir-live serve`: the page's buttons)
//! instead of by the scenario's inputs and scheduled actions: orders placed
//! and services taken down or brought back as commands arrive, and the
//! broker's queue depths reported as the run goes.

use std::rc::Rc;

use kurir_engine::sim::trace::EventKind;
use kurir_engine::{ChannelId, ServiceId};
use tokio::sync::mpsc::UnboundedReceiver;

use super::{service, World};

/// How often the broker is asked how many messages wait in each queue.
const DEPTHS_EVERY: std::time::Duration = std::time::Duration::from_millis(250);

/// What the page asks of the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// An order at this service.
    Order(ServiceId),
    /// The service goes down: its connection closes.
    Down(ServiceId),
    /// The service comes back.
    Up(ServiceId),
}

/// Queues and the messages ready in each, as the broker counts them.
pub type Depths = [(ChannelId, u32)];

/// Where the commands come from and where the depths go.
pub struct Control {
    /// The page's commands; the run ends when the sender is dropped.
    pub commands: UnboundedReceiver<Command>,
    /// Each queue's messages waiting (ready) on the broker, when they
    /// change.
    pub depths: Box<dyn FnMut(&Depths)>,
    /// Called once every service that starts up is connected.
    pub ready: Option<Box<dyn FnOnce()>>,
}

/// Carries out commands until the sender goes away (the page left).
pub(super) async fn obey(world: &Rc<World>, commands: &mut UnboundedReceiver<Command>) {
    while let Some(c) = commands.recv().await {
        match c {
            Command::Order(svc) => service::place_order(world, svc),
            Command::Down(svc) if world.services[svc.index()].up.get() => {
                world.record(EventKind::ServiceDown { service: svc });
                service::stop(world, svc).await;
            }
            Command::Up(svc) if !world.services[svc.index()].up.get() => {
                world.record(EventKind::ServiceUp { service: svc });
                if let Err(e) = service::start(world, svc).await {
                    world.fail(e);
                }
            }
            _ => {}
        }
    }
}

/// Reports the broker's queue depths every [`DEPTHS_EVERY`], when they
/// changed; a broker that cannot say (Redis keeps no queue) reports none.
pub(super) async fn watch_depths(world: &Rc<World>, out: &mut dyn FnMut(&Depths)) {
    let mut last = Vec::new();
    loop {
        match world.broker.depths().await {
            Ok(now) if now != last => {
                out(&now);
                last = now;
            }
            Ok(_) => {}
            Err(e) => return world.fail(e),
        }
        tokio::time::sleep(DEPTHS_EVERY).await;
    }
}
