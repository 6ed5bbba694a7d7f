//! Scenario time on a real clock. A run's `t` is scenario microseconds
//! since the run began: real time divided by the time scale, so a trace at
//! `--time-scale 0.1` reads like the simulator's although it took a tenth of
//! the time.

use std::time::Duration;

use kurir_engine::base::time::Micros;
use tokio::time::Instant;

/// The run's clock.
#[derive(Clone, Copy, Debug)]
pub struct Clock {
    start: Instant,
    scale: f64,
}

impl Clock {
    /// Real seconds per scenario second.
    pub fn scale(&self) -> f64 {
        self.scale
    }

    /// A clock starting now; `scale` real seconds per scenario second.
    pub fn start(scale: f64) -> Clock {
        Clock {
            start: Instant::now(),
            scale,
        }
    }

    /// Scenario time now.
    pub fn now(&self) -> Micros {
        (self.start.elapsed().as_micros() as f64 / self.scale) as Micros
    }

    /// Real time for a scenario duration.
    pub fn real(&self, d: Micros) -> Duration {
        Duration::from_micros((d as f64 * self.scale).round() as u64)
    }

    /// Waits for a scenario duration.
    pub async fn sleep(&self, d: Micros) {
        tokio::time::sleep(self.real(d)).await;
    }

    /// Waits until scenario time `t`.
    pub async fn until(&self, t: Micros) {
        tokio::time::sleep_until(self.start + self.real(t)).await;
    }
}
