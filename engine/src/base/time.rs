//! Virtual time: integer microseconds, so runs are exact and reproducible.

/// A point in (or span of) virtual time, in microseconds.
pub type Micros = u64;

/// Microseconds in one millisecond.
pub const MS: Micros = 1_000;
/// Microseconds in one second.
pub const SEC: Micros = 1_000_000;
/// Microseconds in one day.
pub const DAY: Micros = 86_400 * SEC;

/// Converts a scenario's millisecond value to microseconds (rounded to nearest).
///
/// Callers validate the range first; this only does the arithmetic.
pub fn ms_to_micros(ms: f64) -> Micros {
    (ms * 1_000.0).round() as Micros
}

/// Parses a human duration such as `60s`, `250ms`, `2m`, `1.5s`, `1h` or `7d`.
///
/// A bare number is taken as seconds. Returns `None` for anything else
/// (including negative values), so a CLI can say what it expected.
pub fn parse_duration(text: &str) -> Option<Micros> {
    let text = text.trim();
    let split = text
        .find(|c: char| c.is_ascii_alphabetic())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let value: f64 = number.parse().ok()?;
    if !value.is_finite() || value < 0.0 {
        return None;
    }
    let scale = match unit {
        "" | "s" => 1e6,
        "us" => 1.0,
        "ms" => 1e3,
        "m" | "min" => 60e6,
        "h" => 3_600e6,
        "d" => 86_400e6,
        _ => return None,
    };
    let micros = value * scale;
    (micros <= u64::MAX as f64 / 2.0).then(|| micros.round() as Micros)
}

/// Formats microseconds for people: `850 µs`, `12.5 ms`, `3.20 s`.
pub fn format_micros(us: Micros) -> String {
    if us < MS {
        format!("{us} µs")
    } else if us < SEC {
        let ms = us as f64 / 1e3;
        if ms < 100.0 {
            format!("{ms:.1} ms")
        } else {
            format!("{ms:.0} ms")
        }
    } else {
        format!("{:.2} s", us as f64 / 1e6)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_units_a_course_author_types() {
        assert_eq!(parse_duration("60s"), Some(60 * SEC));
        assert_eq!(parse_duration("250ms"), Some(250 * MS));
        assert_eq!(parse_duration("1.5s"), Some(1_500 * MS));
        assert_eq!(parse_duration("2m"), Some(120 * SEC));
        assert_eq!(parse_duration("10"), Some(10 * SEC));
        assert_eq!(parse_duration("-1s"), None);
        assert_eq!(parse_duration("soon"), None);
        assert_eq!(parse_duration("5 parsecs"), None);
    }

    #[test]
    fn formats_at_a_readable_scale() {
        assert_eq!(format_micros(850), "850 µs");
        assert_eq!(format_micros(12_500), "12.5 ms");
        assert_eq!(format_micros(800_000), "800 ms");
        assert_eq!(format_micros(3_200_000), "3.20 s");
    }
}
