//! The envelope of a message in flight: its publish's templates filled in
//! for its order (routing, ordering keys and deduplication read it).

use crate::scenario::envelope::Envelope;
use crate::scenario::routing::fnv1a;
use crate::sim::{Msg, Sim};

impl Sim {
    /// The routing key, key and headers of `msg`.
    pub(crate) fn envelope(&self, msg: Msg) -> Envelope {
        self.scenario
            .services
            .get(msg.producer as usize)
            .and_then(|s| s.publishes.get(msg.publish as usize))
            .map(|p| Envelope::of(p, msg.order))
            .unwrap_or_default()
    }

    /// A stable hash of `msg`'s key (FNV-1a; no key hashes like an empty one).
    pub(crate) fn key_hash(&self, msg: Msg) -> u64 {
        let key = self.envelope(msg).key.unwrap_or_default();
        fnv1a(key.as_bytes())
    }
}
