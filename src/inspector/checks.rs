//! Checks of inspector fields: impossible values are refused beside the field
//! and never reach the engine.

use kurir_engine::compile::limits::{MAX_MS, MAX_WORKERS};

use crate::text::i18n::T;

fn number(text: &str) -> Option<f64> {
    text.trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

/// A duration typed by a person, in ms: a bare number is milliseconds (as
/// in the scenario file); a number with a unit — `250 ms`, `30 s`, `2 min`,
/// `1 h`, `7 d` (a decimal comma allowed) — is read in that unit.
fn duration(text: &str) -> Option<f64> {
    let text = text.trim();
    // The unit is the letters at the end (`1e12` is a number, not a unit).
    let split = text.trim_end_matches(|c: char| c.is_alphabetic()).len();
    let (value, unit) = text.split_at(split);
    let value = number(value)?;
    let scale = match unit.trim() {
        "" | "ms" => 1.0,
        "s" => 1e3,
        "m" | "min" => 60e3,
        "h" => 3_600e3,
        "d" => 86_400e3,
        _ => return None,
    };
    Some(value * scale)
}

/// A duration in ms as people read it: the largest unit it is a whole
/// number of (`604800000` → `7 d`, `30000` → `30 s`), else milliseconds.
pub fn show_ms(ms: f64) -> String {
    let units = [(86_400e3, "d"), (3_600e3, "h"), (60e3, "min"), (1e3, "s")];
    for (size, unit) in units {
        if ms >= size && (ms / size).fract() == 0.0 {
            return format!("{} {unit}", ms / size);
        }
    }
    format!("{ms} ms")
}

/// A duration in ms: 0 to one day.
pub fn millis(text: &str) -> Result<f64, T> {
    match duration(text) {
        Some(v) if v < 0.0 => Err(T::MustBePositive),
        Some(v) if v > MAX_MS => Err(T::TooLong),
        Some(v) => Ok(v),
        None => Err(T::MustBePositive),
    }
}

/// A positive duration in ms (timeouts cannot be 0).
pub fn positive_millis(text: &str) -> Result<f64, T> {
    millis(text).and_then(|v| {
        if v > 0.0 {
            Ok(v)
        } else {
            Err(T::MustBePositive)
        }
    })
}

/// A worker count: whole number, 1 to 10 000.
pub fn workers(text: &str) -> Result<u32, T> {
    match number(text) {
        Some(v) if v.fract() == 0.0 && v >= 1.0 && v <= MAX_WORKERS as f64 => Ok(v as u32),
        _ => Err(T::MustBeWorkers),
    }
}

/// A percentage, returned as a probability 0..=1.
pub fn percent(text: &str) -> Result<f64, T> {
    match number(text) {
        Some(v) if (0.0..=100.0).contains(&v) => Ok(v / 100.0),
        _ => Err(T::MustBePercent),
    }
}

/// Delivery limit: whole number 0 (no limit) to 1000.
pub fn deliveries(text: &str) -> Result<u32, T> {
    whole(text, 0, 1000)
}

/// A whole number from `min` to `max`.
pub fn whole(text: &str, min: u32, max: u32) -> Result<u32, T> {
    match number(text) {
        Some(v) if v.fract() == 0.0 && v >= min as f64 && v <= max as f64 => Ok(v as u32),
        _ => Err(T::MustBeCount),
    }
}

/// An optional positive duration: empty means none.
pub fn optional_millis(text: &str, max: f64) -> Result<Option<f64>, T> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    match duration(text) {
        Some(v) if v <= 0.0 => Err(T::MustBePositive),
        Some(v) if v > max => Err(T::TooLong),
        Some(v) => Ok(Some(v)),
        None => Err(T::MustBePositive),
    }
}

/// A retention period: positive, at most the engine's longest.
pub fn retention(text: &str) -> Result<f64, T> {
    optional_millis(text, kurir_engine::compile::limits::MAX_RETENTION_MS)?.ok_or(T::MustBePositive)
}

/// Comma-separated glob patterns, each 1 to 64 characters.
pub fn patterns(text: &str) -> Result<Vec<String>, T> {
    let list: Vec<String> = text
        .split(',')
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    if list.iter().any(|p| p.chars().count() > 64) {
        return Err(T::TooLong);
    }
    Ok(list)
}

/// Order numbers, separated by commas or spaces (`3, 7`): whole numbers
/// from 1, at most the engine's limit.
pub fn order_numbers(text: &str) -> Result<Vec<u64>, T> {
    let words = text.split(|c: char| c == ',' || c.is_whitespace());
    let mut list = Vec::new();
    for word in words.filter(|w| !w.is_empty()) {
        match word.parse::<u64>() {
            Ok(n) if n >= 1 => list.push(n),
            _ => return Err(T::MustBeOrderNumbers),
        }
    }
    if list.len() > kurir_engine::compile::limits::MAX_POISON_ORDERS {
        return Err(T::MustBeOrderNumbers);
    }
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_numbers_are_whole_numbers_from_one() {
        assert_eq!(order_numbers("3, 7 12"), Ok(vec![3, 7, 12]));
        assert_eq!(order_numbers(""), Ok(vec![]));
        assert_eq!(order_numbers("0"), Err(T::MustBeOrderNumbers));
        assert_eq!(order_numbers("2.5"), Err(T::MustBeOrderNumbers));
        assert_eq!(order_numbers("-1"), Err(T::MustBeOrderNumbers));
        let many = (1..=101)
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(",");
        assert_eq!(order_numbers(&many), Err(T::MustBeOrderNumbers));
    }

    #[test]
    fn durations_are_typed_and_shown_with_units() {
        assert_eq!(millis("250"), Ok(250.0), "a bare number is milliseconds");
        assert_eq!(millis("30 s"), Ok(30_000.0));
        assert_eq!(millis("1,5 min"), Ok(90_000.0));
        assert_eq!(millis("2h"), Ok(7_200_000.0));
        assert_eq!(
            optional_millis("7 d", 31.0 * 86_400e3),
            Ok(Some(604_800_000.0))
        );
        assert_eq!(millis("3 parsecs"), Err(T::MustBePositive));
        assert_eq!(millis("2 d"), Err(T::TooLong), "above the one-day limit");
        assert_eq!(show_ms(604_800_000.0), "7 d");
        assert_eq!(show_ms(30_000.0), "30 s");
        assert_eq!(show_ms(90_000.0), "90 s");
        assert_eq!(show_ms(1_800_000.0), "30 min");
        assert_eq!(show_ms(1_500.0), "1500 ms");
        assert_eq!(show_ms(0.5), "0.5 ms");
        for ms in [604_800_000.0, 30_000.0, 1_500.0, 0.5, 7_200_000.0] {
            assert_eq!(
                millis(&show_ms(ms))
                    .or_else(|_| optional_millis(&show_ms(ms), 1e12).map(|v| v.unwrap())),
                Ok(ms),
                "{ms} reads back"
            );
        }
    }

    #[test]
    fn impossible_values_are_refused_with_the_reason() {
        assert_eq!(millis("800"), Ok(800.0));
        assert_eq!(
            millis("12,5"),
            Ok(12.5),
            "a decimal comma, as typed in Indonesia"
        );
        assert_eq!(millis("-1"), Err(T::MustBePositive));
        assert_eq!(millis("1e12"), Err(T::TooLong));
        assert_eq!(millis("abc"), Err(T::MustBePositive));
        assert_eq!(positive_millis("0"), Err(T::MustBePositive));
        assert_eq!(workers("0"), Err(T::MustBeWorkers));
        assert_eq!(workers("2.5"), Err(T::MustBeWorkers));
        assert_eq!(workers("4"), Ok(4));
        assert_eq!(percent("150"), Err(T::MustBePercent));
        assert_eq!(percent("25"), Ok(0.25));
        assert_eq!(deliveries("0"), Ok(0), "no limit");
        assert_eq!(deliveries("1001"), Err(T::MustBeCount));
        assert_eq!(whole("3", 1, 1000), Ok(3));
        assert_eq!(whole("0", 1, 1000), Err(T::MustBeCount));
        assert_eq!(optional_millis(" ", MAX_MS), Ok(None));
        assert_eq!(optional_millis("5000", MAX_MS), Ok(Some(5000.0)));
        assert_eq!(optional_millis("0", MAX_MS), Err(T::MustBePositive));
        assert!(retention("604800000").is_ok(), "Kafka's 7 days");
        assert_eq!(
            patterns(" ord*, , email "),
            Ok(vec!["ord*".into(), "email".into()])
        );
        assert_eq!(patterns(&"x".repeat(65)), Err(T::TooLong));
        assert_eq!(retention("1e12"), Err(T::TooLong));
    }
}
