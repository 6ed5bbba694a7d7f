//! The browser around the app: storage, files, share links, the autosave
//! and the copies kept aside, and the built-in example files.

pub mod address;
pub(crate) mod browser;
pub mod export;
pub mod files;
pub mod gallery;
pub mod modal;
pub mod persist;
pub(crate) mod saving;
