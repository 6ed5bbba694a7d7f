//! Order bookkeeping. Each order holds "tokens": one for the job that took it,
//! one per message on its way to a channel, one per live copy. When the count
//! reaches zero every piece of work the order caused has ended.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::base::time::Micros;

/// Order ids are sequential, so a cheap multiplicative hash is enough (and
/// much faster than SipHash on the hot path).
#[derive(Default)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x100_0000_01B3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

#[derive(Clone, Debug)]
pub(crate) struct OrderState {
    pub placed: Micros,
    pub tokens: u32,
    pub response: Option<(Micros, bool)>,
    /// Copies dropped.
    pub lost: u32,
    /// Copies moved to a dead-letter channel.
    pub dead_lettered: u32,
}

/// Open orders by id.
#[derive(Default)]
pub(crate) struct OrderBook {
    open: HashMap<u64, OrderState, BuildHasherDefault<IdHasher>>,
    /// Tokens of all open orders: every piece of work the run holds.
    held: u64,
}

impl OrderBook {
    pub(crate) fn open(&mut self, order: u64, now: Micros) {
        self.open.insert(
            order,
            OrderState {
                placed: now,
                tokens: 1,
                response: None,
                lost: 0,
                dead_lettered: 0,
            },
        );
        self.held += 1;
    }

    pub(crate) fn get_mut(&mut self, order: u64) -> Option<&mut OrderState> {
        self.open.get_mut(&order)
    }

    /// Adds `n` tokens (new copies or messages).
    pub(crate) fn add(&mut self, order: u64, n: u32) {
        if let Some(o) = self.open.get_mut(&order) {
            o.tokens += n;
            self.held += n as u64;
        }
    }

    /// Releases one token; returns the order's state when it has just completed.
    pub(crate) fn release(&mut self, order: u64) -> Option<OrderState> {
        let o = self.open.get_mut(&order)?;
        if o.tokens > 0 {
            o.tokens -= 1;
            self.held -= 1;
        }
        if o.tokens == 0 {
            self.open.remove(&order)
        } else {
            None
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.open.len()
    }

    /// Pieces of work held by all open orders together.
    pub(crate) fn held(&self) -> u64 {
        self.held
    }
}
