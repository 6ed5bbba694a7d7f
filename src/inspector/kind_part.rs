//! The settings of one channel kind (queue, exchange, log), read from and
//! written to the scenario the same way for each: one mechanism for the
//! three settings panels.

use kurir_engine::scenario::{ChannelKind, ExchangeSpec, LogSpec, QueueSpec};
use leptos::prelude::*;

use crate::state::Playground;

/// A kind's settings inside [`ChannelKind`].
pub trait KindPart: Clone + 'static {
    /// The settings, if `kind` is this kind.
    fn of(kind: &ChannelKind) -> Option<&Self>;
    /// The settings to change, if `kind` is this kind.
    fn of_mut(kind: &mut ChannelKind) -> Option<&mut Self>;
}

macro_rules! kind_part {
    ($spec:ty, $variant:ident) => {
        impl KindPart for $spec {
            fn of(kind: &ChannelKind) -> Option<&Self> {
                match kind {
                    ChannelKind::$variant(x) => Some(x),
                    _ => None,
                }
            }
            fn of_mut(kind: &mut ChannelKind) -> Option<&mut Self> {
                match kind {
                    ChannelKind::$variant(x) => Some(x),
                    _ => None,
                }
            }
        }
    };
}

kind_part!(QueueSpec, Queue);
kind_part!(ExchangeSpec, Exchange);
kind_part!(LogSpec, Log);

/// The settings of channel `i`, tracked (None when it is another kind).
pub fn read<T: KindPart>(pg: Playground, i: usize) -> Option<T> {
    pg.scenario
        .with(|s| s.channels.get(i).and_then(|c| T::of(&c.kind)).cloned())
}

/// Changes the settings of channel `i` as one validated, undoable edit.
pub fn write<T: KindPart>(pg: Playground, i: usize, f: &dyn Fn(&mut T)) {
    pg.edit(|s| {
        if let Some(x) = T::of_mut(&mut s.channels[i].kind) {
            f(x);
        }
    });
}
