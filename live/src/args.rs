//! Small pieces of the command lines: numbers and scales as the user
//! typed them, and messages on standard error.

use std::io::Write;

/// A number the user gave for `flag`.
pub fn number<T: std::str::FromStr>(flag: &str, v: &str) -> Result<T, String> {
    v.parse().map_err(|_| format!("{flag}: not a number: {v}"))
}

/// A scale the user gave: a finite number above 0 and at most 100.
pub fn scale(v: &str) -> Result<f64, String> {
    let x: f64 = number("--time-scale", v)?;
    if x.is_finite() && x > 0.0 && x <= 100.0 {
        Ok(x)
    } else {
        Err(format!("--time-scale: {v} is not above 0 and at most 100"))
    }
}

/// A line on standard error; nothing if it is closed.
pub fn say(text: &str) {
    let _ = writeln!(std::io::stderr(), "{text}");
}
