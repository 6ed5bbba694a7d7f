//! A scenario as an AsyncAPI 3.0 document (<https://www.asyncapi.com/docs/reference/specification/v3.0.0>):
//! a server per broker the scenario's channels stand for, a channel per
//! channel with the protocol's bindings where the spec has them (AMQP
//! exchanges and queues, Kafka topics, SQS queues with their redrive
//! policy, SNS topics and their subscriptions' filter policies), one
//! `send` operation per service and channel it publishes to and one
//! `receive` per subscription, and the order message they carry.
//!
//! What AsyncAPI has no field for — an exchange's binding keys, a queue's
//! delivery limit on a broker without a binding for it, processing times —
//! travels in `x-kurir` extensions, so the document keeps the whole
//! channel.
//!
//! [`import`] reads such a document back: a Kurir export whole (from its
//! `x-kurir` extensions), and another tool's document as well as its
//! bindings say — one service for the application the document describes,
//! its `send` operations as what it publishes and its `receive` operations
//! as what it subscribes to, each channel's kind from its protocol binding
//! or server. What it has to guess or leave out is listed.

mod export;
mod import;

pub use export::export;
pub use import::import;
