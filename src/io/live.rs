//! The socket to `kurir-live serve`, the bridge that runs the page's
//! scenario on a real broker. Only a page the bridge served can use it: the
//! bridge writes this start's token into the page (`<meta
//! name="kurir-live">`) and accepts the socket only from its own origin
//! with that token. A static host serves no such tag, so there the Live
//! switch is not shown and the app makes no network call.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CloseEvent, MessageEvent, WebSocket};

use crate::state::Playground;

/// How long to wait before opening a lost socket again.
const RETRY_MS: u32 = 2_000;

struct Socket {
    ws: WebSocket,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_close: Closure<dyn FnMut(CloseEvent)>,
}

thread_local! {
    static SOCKET: RefCell<Option<Socket>> = const { RefCell::new(None) };
}

/// This start's token, when the page came from the bridge.
pub fn token() -> Option<String> {
    let doc = web_sys::window()?.document()?;
    let meta = doc.query_selector("meta[name=kurir-live]").ok()??;
    meta.get_attribute("content").filter(|t| !t.is_empty())
}

/// Live mode on or off.
pub fn toggle(pg: Playground) {
    if pg.is_live() {
        pg.live_end();
        close();
    } else {
        connect(pg);
    }
}

fn close() {
    if let Some(s) = SOCKET.with(|s| s.borrow_mut().take()) {
        s.ws.set_onclose(None);
        s.ws.set_onmessage(None);
        let _ = s.ws.close();
    }
}

fn connect(pg: Playground) {
    let Some(token) = token() else { return };
    let Some(host) = web_sys::window().and_then(|w| w.location().host().ok()) else {
        return;
    };
    let Ok(ws) = WebSocket::new(&format!("ws://{host}/live?token={token}")) else {
        pg.live_lost(None);
        return retry(pg);
    };
    let sender = ws.clone();
    pg.live_begin(Rc::new(move |text: String| {
        let _ = sender.send_with_str(&text);
    }));
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        if let Some(text) = e.data().as_string() {
            pg.live_message(&text);
        }
    });
    let on_close = Closure::<dyn FnMut(CloseEvent)>::new(move |e: CloseEvent| {
        SOCKET.with(|s| s.borrow_mut().take());
        if pg.is_live() {
            pg.live_lost(Some(e.reason()));
            retry(pg);
        }
    });
    ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
    close();
    SOCKET.with(|s| {
        *s.borrow_mut() = Some(Socket {
            ws,
            _on_message: on_message,
            _on_close: on_close,
        })
    });
}

/// Opens the socket again after a while, if live mode is still on.
fn retry(pg: Playground) {
    wasm_bindgen_futures::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(RETRY_MS).await;
        if pg.is_live() && SOCKET.with(|s| s.borrow().is_none()) {
            connect(pg);
        }
    });
}

/// Marks the page as served by the bridge (the Live switch shows).
pub fn offer(pg: Playground) {
    let offered = token().is_some();
    pg.live_offered.set(offered);
    if offered {
        // The bridge runs what the canvas shows: a scenario opened or
        // changed while live goes to the broker.
        Effect::new(move |_| {
            pg.scenario.track();
            pg.live_follow();
        });
    }
}

/// The live status line's words.
pub fn status_text(pg: &Playground, live: &crate::state::Live) -> String {
    use crate::state::LiveState as S;
    use crate::text::i18n::T;
    let what = pg.t(match live.state {
        S::Connecting => T::LiveConnecting,
        S::Starting => T::LiveStarting,
        S::Running => T::LiveRunning,
        S::Reconnecting => T::LiveReconnecting,
        S::Unreachable => T::LiveUnreachable,
        S::Refused => T::LiveRefused,
        S::Failed => T::LiveFailed,
        S::Stopped => T::LiveStopped,
    });
    let mut out = match &live.broker {
        Some(b) => format!("{b}: {what}"),
        None => what.to_string(),
    };
    if let Some(m) = &live.message {
        out.push_str(" — ");
        out.push_str(m);
    }
    out
}
