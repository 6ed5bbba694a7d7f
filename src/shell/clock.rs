//! Real time drives virtual time: each animation frame advances the engine by
//! the elapsed milliseconds × speed, then the views redraw from the snapshot.

use leptos::prelude::*;

use crate::state::Playground;

/// Longest real gap honoured between two frames (a background tab resumes
/// without a huge jump).
const MAX_FRAME_MS: f64 = 100.0;

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Starts the frame loop for the lifetime of the page.
pub fn start(pg: Playground) {
    schedule(pg, now_ms());
}

fn schedule(pg: Playground, last: f64) {
    request_animation_frame(move || {
        let now = now_ms();
        let elapsed = (now - last).clamp(0.0, MAX_FRAME_MS);
        if pg.is_live() {
            // A real broker neither pauses nor runs faster: its picture
            // follows the wall clock.
            pg.advance((elapsed * 1_000.0).round() as u64);
        } else if pg.playing.get_untracked() {
            let virtual_us = elapsed * 1_000.0 * pg.speed.get_untracked();
            pg.advance(virtual_us.round() as u64);
        }
        schedule(pg, now);
    });
}
