//! Typed indices of services and channels: a service and a channel with the
//! same number are different things, and the type checker keeps them apart.

/// A service, by its index in the scenario's `services`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ServiceId(pub u32);

/// A channel, by its index in the scenario's `channels`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ChannelId(pub u32);

impl ServiceId {
    /// Position in the scenario's list (and in every per-service list).
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl ChannelId {
    /// Position in the scenario's list (and in every per-channel list).
    pub fn index(self) -> usize {
        self.0 as usize
    }
}
