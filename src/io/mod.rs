//! The browser around the app: storage, files, share links, the autosave
//! and the copies kept aside, the built-in example files, and the socket to
//! `kurir-live serve` for live mode.

pub mod address;
pub(crate) mod browser;
pub mod export;
pub mod files;
pub mod gallery;
pub mod live;
pub mod modal;
pub mod persist;
pub(crate) mod saving;
