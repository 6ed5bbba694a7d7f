//! The differences Kurir knows it has from a real broker, read from the
//! table under "Where Kurir differs from the real broker" in
//! `docs/brokers.md`: `| broker | scenario | aspect | why |`. A difference
//! not in that table fails the conformance run; one in it is printed with
//! its reason.

/// One listed difference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Known {
    /// Broker name as written (`RabbitMQ`, `Redis`).
    pub broker: String,
    /// Scenario file name without `.json`.
    pub scenario: String,
    /// The aspect that differs.
    pub aspect: String,
    /// Why.
    pub why: String,
}

/// The heading the table sits under.
pub const HEADING: &str = "Where Kurir differs from the real broker";

/// The rows of the table in `markdown` (empty when there is none).
pub fn parse(markdown: &str) -> Vec<Known> {
    let mut rows = Vec::new();
    let mut inside = false;
    for line in markdown.lines() {
        if line.starts_with('#') {
            inside = line.contains(HEADING);
            continue;
        }
        if !inside || !line.starts_with('|') {
            continue;
        }
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        if cells.len() < 4 || cells[0] == "broker" || cells[0].starts_with("---") {
            continue;
        }
        rows.push(Known {
            broker: cells[0].to_string(),
            scenario: cells[1].trim_matches('`').to_string(),
            aspect: cells[2].to_string(),
            why: cells[3..].join("|").to_string(),
        });
    }
    rows
}

/// The listed reason for `aspect` differing in `scenario` on `broker`.
pub fn reason<'a>(
    known: &'a [Known],
    broker: &str,
    scenario: &str,
    aspect: &str,
) -> Option<&'a str> {
    known
        .iter()
        .find(|k| {
            k.broker.eq_ignore_ascii_case(broker) && k.scenario == scenario && k.aspect == aspect
        })
        .map(|k| k.why.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_read_under_the_heading_only() {
        let md = "# Brokers\n| broker | scenario | aspect | why |\n|---|---|---|---|\n| Redis | x | copies | not this one |\n\
                  ## Where Kurir differs from the real broker\n\n| broker | scenario | aspect | why |\n|---|---|---|---|\n\
                  | RabbitMQ | `ttl` | left | expiry is lazy |\n## Next\n| Redis | y | order | no |\n";
        let rows = parse(md);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].scenario, "ttl");
        assert_eq!(
            reason(&rows, "rabbitmq", "ttl", "left"),
            Some("expiry is lazy")
        );
        assert_eq!(reason(&rows, "rabbitmq", "ttl", "order"), None);
    }
}
