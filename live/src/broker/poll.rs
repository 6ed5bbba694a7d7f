//! The receive loop of a broker its consumers poll (Pub/Sub's pull, SQS's
//! `ReceiveMessage`): a consumer asks for at most as many messages as it has
//! free slots (its prefetch), and each delivery holds its slot until it is
//! settled — the subscriber's flow control, as the clients' own libraries
//! do it.

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{mpsc, OwnedSemaphorePermit, Semaphore};
use tokio::task::JoinHandle;

use crate::broker::Delivery;
use crate::error::LiveError;

/// How one loop polls.
pub(crate) struct Poll {
    /// Deliveries held at once.
    pub prefetch: u32,
    /// Most messages asked for in one request.
    pub batch: u32,
    /// The pause after an empty answer (`None` for a long poll, which
    /// waits at the broker).
    pub pause: Option<Duration>,
}

/// Starts a loop that asks `fetch(n)` for up to `n` messages, makes each a
/// delivery holding a slot with `wrap`, and sends it on `tx`. A failed
/// request is sent once, unless the consumer was `closed` (its requests
/// failing then is expected); the loop ends there.
pub(crate) fn spawn<T, F, Fut, W>(
    poll: Poll,
    closed: Rc<Cell<bool>>,
    tx: mpsc::UnboundedSender<Result<Delivery, LiveError>>,
    mut fetch: F,
    wrap: W,
) -> JoinHandle<()>
where
    T: 'static,
    F: FnMut(u32) -> Fut + 'static,
    Fut: Future<Output = Result<Vec<T>, LiveError>>,
    W: Fn(T, OwnedSemaphorePermit) -> Delivery + 'static,
{
    let slots = Arc::new(Semaphore::new(poll.prefetch.max(1) as usize));
    tokio::task::spawn_local(async move {
        loop {
            let Ok(first) = slots.clone().acquire_owned().await else {
                return;
            };
            let mut held = vec![first];
            while held.len() < poll.batch as usize {
                match slots.clone().try_acquire_owned() {
                    Ok(p) => held.push(p),
                    Err(_) => break,
                }
            }
            let got = match fetch(held.len() as u32).await {
                Ok(got) => got,
                Err(e) => {
                    if !closed.get() {
                        let _ = tx.send(Err(e));
                    }
                    return;
                }
            };
            if got.is_empty() {
                if let Some(p) = poll.pause {
                    tokio::time::sleep(p).await;
                }
            }
            for item in got {
                let Some(slot) = held.pop() else { break };
                if tx.send(Ok(wrap(item, slot))).is_err() {
                    return;
                }
            }
        }
    })
}
