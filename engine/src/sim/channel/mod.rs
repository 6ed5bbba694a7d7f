//! Channel kinds. Each kind is a type owning its compiled spec, its
//! subscribers and its run state, with the handlers that change them: a
//! handler borrows its channel, the [`World`], and the channels downstream
//! of it — nothing else. A new kind is a new module and a new variant here.
//!
//! Storage: a channel can hand a message on (a queue to its dead-letter
//! channel, an exchange to what it is bound to), and the compiler refuses
//! loops, so the channels are kept in forwarding order — every channel
//! before the ones it forwards to. A channel at work lends out the part of
//! the list after it ([`Downstream`]); that is how a dead letter reaches its
//! target in the middle of a handler, in the same order of events as a
//! direct call, without a second mutable borrow.

mod exchange;
mod group;
mod lease;
mod log;
mod pubsub;
mod queue;

pub(crate) use exchange::Exchange;
pub(crate) use log::Log;
pub(crate) use pubsub::PubSub;
pub(crate) use queue::{Queue, Waiting};

use crate::compile::{forward_order, ChannelId, ChannelTopo, ServiceId, Subscribers};
use crate::sim::world::World;
use crate::sim::Msg;

/// One channel of a run: its kind, with spec, subscribers and state.
#[allow(clippy::large_enum_variant)] // few per run; a box would cost a pointer on the hot path
#[derive(Clone, Debug)]
pub(crate) enum Channel {
    PubSub(PubSub),
    Queue(Queue),
    Exchange(Exchange),
    Log(Log),
}

impl Channel {
    /// A fresh channel `id` of this compiled kind and subscribers.
    fn new(id: ChannelId, topo: ChannelTopo, subscribers: Subscribers) -> Self {
        match topo {
            ChannelTopo::PubSub => Channel::PubSub(PubSub::new(id, subscribers)),
            ChannelTopo::Queue(spec) => Channel::Queue(Queue::new(id, spec, subscribers)),
            ChannelTopo::Exchange(spec) => Channel::Exchange(Exchange::new(id, spec)),
            ChannelTopo::Log(spec) => Channel::Log(Log::new(id, spec, subscribers)),
        }
    }

    pub(crate) fn id(&self) -> ChannelId {
        match self {
            Channel::PubSub(c) => c.id,
            Channel::Queue(c) => c.id,
            Channel::Exchange(c) => c.id,
            Channel::Log(c) => c.id,
        }
    }

    /// Messages waiting to be delivered (for a log: records its groups have
    /// still to read).
    pub(crate) fn depth(&self) -> usize {
        match self {
            Channel::PubSub(_) => 0,
            Channel::Queue(q) => q.depth(),
            Channel::Exchange(x) => x.kept.len(),
            Channel::Log(l) => l.lag(),
        }
    }

    /// Messages delivered and not yet acknowledged.
    pub(crate) fn unacked(&self) -> usize {
        match self {
            Channel::PubSub(_) | Channel::Exchange(_) => 0,
            Channel::Queue(q) => q.unacked.len(),
            Channel::Log(l) => l.in_flight(),
        }
    }

    /// A message reaches the channel (published, routed or dead-lettered).
    /// It carries one order token, which its copies take over.
    fn arrive(&mut self, msg: Msg, w: &mut World, down: &mut Downstream) {
        w.metrics.channels[self.id().index()].arrived += 1;
        match self {
            Channel::PubSub(p) => p.route(msg, w),
            Channel::Queue(q) => q.enqueue_new(msg, w, down),
            Channel::Exchange(x) => x.route(msg, w, down),
            Channel::Log(l) => l.append(msg, w),
        }
    }

    /// Takes the compiled spec of an edit of the same kind (`Channels::retune`
    /// checked every kind first; another kind changes nothing).
    fn retune(&mut self, topo: ChannelTopo, subscribers: Subscribers, w: &mut World) {
        match (self, topo) {
            (Channel::PubSub(p), ChannelTopo::PubSub) => p.subscribe(subscribers),
            (Channel::Queue(q), ChannelTopo::Queue(spec)) => {
                q.spec = spec;
                q.subscribers = subscribers;
            }
            (Channel::Exchange(x), ChannelTopo::Exchange(spec)) => x.spec = spec,
            (Channel::Log(l), ChannelTopo::Log(spec)) => l.retune(spec, subscribers, w),
            _ => {}
        }
    }
}

/// The channels of a run, in forwarding order.
#[derive(Clone, Debug)]
pub(crate) struct Channels {
    list: Vec<Channel>,
    /// Where each channel (by id) is in `list`.
    position: Vec<usize>,
}

impl Channels {
    /// The compiled channels, with their subscribers, by id.
    pub(crate) fn new(topos: Vec<ChannelTopo>, subscribers: Vec<Subscribers>) -> Self {
        let order = forward_order(&topos);
        let mut slots: Vec<Option<Channel>> = topos
            .into_iter()
            .zip(subscribers)
            .enumerate()
            .map(|(i, (t, s))| Some(Channel::new(ChannelId(i as u32), t, s)))
            .collect();
        let list = order
            .iter()
            .filter_map(|c| slots[c.index()].take())
            .collect();
        Channels {
            list,
            position: positions(&order),
        }
    }

    /// Number of channels.
    pub(crate) fn len(&self) -> usize {
        self.list.len()
    }

    /// Channel `id`, if there is one.
    pub(crate) fn get(&self, id: ChannelId) -> Option<&Channel> {
        self.list.get(*self.position.get(id.index())?)
    }

    /// The channels by id (the order a trace and a snapshot see).
    pub(crate) fn by_id(&self) -> impl Iterator<Item = &Channel> {
        self.position.iter().map(|&p| &self.list[p])
    }

    /// Every id, in order.
    pub(crate) fn ids(&self) -> impl Iterator<Item = ChannelId> {
        (0..self.list.len() as u32).map(ChannelId)
    }

    /// Lends channel `id`, the world and the channels downstream of it to `f`.
    pub(crate) fn with<R>(
        &mut self,
        id: ChannelId,
        w: &mut World,
        f: impl FnOnce(&mut Channel, &mut World, &mut Downstream) -> R,
    ) -> R {
        let at = self.position[id.index()];
        let (head, tail) = self.list.split_at_mut(at + 1);
        let mut down = Downstream {
            list: tail,
            from: at + 1,
            position: &self.position,
        };
        f(&mut head[at], w, &mut down)
    }

    /// A message reaches channel `id`.
    pub(crate) fn arrive(&mut self, id: ChannelId, msg: Msg, w: &mut World) {
        self.with(id, w, |c, w, down| c.arrive(msg, w, down));
    }

    /// Lends queue `id` to `f`; nothing happens for another kind.
    pub(crate) fn queue(
        &mut self,
        id: ChannelId,
        w: &mut World,
        f: impl FnOnce(&mut Queue, &mut World, &mut Downstream),
    ) {
        self.with(id, w, |c, w, down| {
            if let Channel::Queue(q) = c {
                f(q, w, down);
            }
        });
    }

    /// Lends log `id` to `f`; nothing happens for another kind.
    pub(crate) fn log<R: Default>(
        &mut self,
        id: ChannelId,
        w: &mut World,
        f: impl FnOnce(&mut Log, &mut World) -> R,
    ) -> R {
        self.with(id, w, |c, w, _| match c {
            Channel::Log(l) => f(l, w),
            _ => R::default(),
        })
    }

    /// Pulls from channel `id` into consumers with free capacity (queues),
    /// or hands on what an exchange kept while nothing was bound to take it
    /// (an NSQ topic's backlog goes to its first channel). Fan-out channels
    /// push at once and hold nothing.
    pub(crate) fn dispatch(&mut self, id: ChannelId, w: &mut World) {
        self.with(id, w, |c, w, down| match c {
            Channel::Queue(q) => q.dispatch(w, down),
            Channel::Exchange(x) => x.release_kept(w, down),
            _ => {}
        });
    }

    /// A service went down or came up: queues take back or stop trusting its
    /// leases, and groups it belongs to notice (in id order, as the trace
    /// sees it).
    pub(crate) fn member_changed(&mut self, service: ServiceId, up: bool, w: &mut World) {
        for id in self.ids().collect::<Vec<_>>() {
            self.with(id, w, |c, w, down| match c {
                Channel::Queue(q) if !up => q.consumer_down(service, w, down),
                Channel::Log(l) => l.member_changed(service, up, w),
                _ => {}
            });
        }
    }

    /// Starts every consumer group that has a live member (start of a run).
    pub(crate) fn start_groups(&mut self, w: &mut World) {
        for id in self.ids().collect::<Vec<_>>() {
            self.log(id, w, |l, w| l.start_groups(w));
        }
    }

    /// Takes an edit's compiled channels when every one keeps its kind (and
    /// a log its partitions); false, changing nothing, otherwise. Channels
    /// added after the last one join the run (ids stay where they were);
    /// removing one needs a fresh run. New subscribers and bindings apply
    /// from now on; what each kind does with what it already holds is its
    /// own: a log's groups rebalance, an exchange hands on messages it kept
    /// for want of a binding (`dispatch`).
    ///
    /// The new channels must [`fit`](Self::fits): the callers check first,
    /// as they decide between retuning and a fresh run.
    pub(crate) fn retune(
        &mut self,
        topos: Vec<ChannelTopo>,
        subscribers: Vec<Subscribers>,
        w: &mut World,
    ) {
        debug_assert!(self.fits(&topos), "retune takes only channels that fit");
        let old = self.len();
        // New bindings or dead-letter targets may change the forwarding order.
        let order = forward_order(&topos);
        w.metrics.grow_channels(topos.len());
        for (i, (t, s)) in topos.into_iter().zip(subscribers).enumerate() {
            let id = ChannelId(i as u32);
            if i < old {
                let at = self.position[i];
                self.list[at].retune(t, s, w);
            } else {
                self.list.push(Channel::new(id, t, s));
            }
        }
        self.position = positions(&order);
        let position = &self.position;
        self.list.sort_by_key(|c| position[c.id().index()]);
        let added: Vec<ChannelId> = self.ids().skip(old).collect();
        for id in added {
            self.log(id, w, |l, w| l.start_groups(w));
        }
    }

    /// True when `retune` can take these channels: every one there now
    /// keeps its kind (and a log its partitions), new ones come after.
    pub(crate) fn fits(&self, topos: &[ChannelTopo]) -> bool {
        topos.len() >= self.len()
            && topos.iter().take(self.len()).enumerate().all(|(i, t)| {
                let Some(c) = self.get(ChannelId(i as u32)) else {
                    return false;
                };
                match (c, t) {
                    (Channel::PubSub(_), ChannelTopo::PubSub)
                    | (Channel::Queue(_), ChannelTopo::Queue(_))
                    | (Channel::Exchange(_), ChannelTopo::Exchange(_)) => true,
                    (Channel::Log(l), ChannelTopo::Log(spec)) => l.same_shape(spec),
                    _ => false,
                }
            })
    }
}

/// Position in the list of each channel id, from the ids in list order.
fn positions(order: &[ChannelId]) -> Vec<usize> {
    let mut position = vec![0; order.len()];
    for (at, c) in order.iter().enumerate() {
        position[c.index()] = at;
    }
    position
}

/// The channels after the one at work: the only ones it can hand a message
/// to.
pub(crate) struct Downstream<'a> {
    list: &'a mut [Channel],
    /// Position of `list[0]` in the whole list.
    from: usize,
    position: &'a [usize],
}

impl Downstream<'_> {
    /// Hands `msg` to channel `to`, now.
    pub(crate) fn arrive(&mut self, to: ChannelId, msg: Msg, w: &mut World) {
        let Some(k) = self.position[to.index()].checked_sub(self.from) else {
            unreachable!("channels forward only downstream: the compiler refuses loops");
        };
        let (head, tail) = self.list.split_at_mut(k + 1);
        let mut down = Downstream {
            list: tail,
            from: self.from + k + 1,
            position: self.position,
        };
        head[k].arrive(msg, w, &mut down);
    }
}
