//! Matching rules of real brokers, as pure functions: RabbitMQ topic binding
//! keys, Redis glob patterns, headers (`x-match`) and SNS filter policies.

use std::collections::BTreeMap;

use crate::scenario::MatchMode;

/// RabbitMQ topic matching: words separated by `.`; in the binding key `*`
/// stands for exactly one word and `#` for zero or more words. Dynamic
/// programming over (pattern word, key word), so no input is slow.
pub fn topic_matches(binding: &str, routing_key: &str) -> bool {
    let p: Vec<&str> = binding.split('.').collect();
    let w: Vec<&str> = routing_key.split('.').collect();
    // rest[j]: p[i..] matches w[j..], filled from the last pattern word back.
    let mut rest = vec![false; w.len() + 1];
    rest[w.len()] = true;
    for i in (0..p.len()).rev() {
        let mut here = vec![false; w.len() + 1];
        for j in (0..=w.len()).rev() {
            here[j] = match p[i] {
                "#" => rest[j] || (j < w.len() && here[j + 1]),
                word => j < w.len() && (word == "*" || word == w[j]) && rest[j + 1],
            };
        }
        rest = here;
    }
    rest[0]
}

/// Redis glob matching (PSUBSCRIBE): `*` any run of characters, `?` one
/// character, `[abc]` one of a set, `\x` a literal x. Greedy with one
/// backtracking point, so matching is linear-ish on any input.
pub fn glob_matches(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if p.get(pi) == Some(&'*') {
            star = Some((pi, ti));
            pi += 1;
            continue;
        }
        if let Some(width) = one_char(&p[pi..], t[ti]) {
            pi += width;
            ti += 1;
            continue;
        }
        match star {
            Some((sp, st)) => {
                pi = sp + 1;
                ti = st + 1;
                star = Some((sp, st + 1));
            }
            None => return false,
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// If the pattern's next element matches `c`, its width in the pattern.
fn one_char(p: &[char], c: char) -> Option<usize> {
    match p.first()? {
        '*' => None,
        '?' => Some(1),
        '[' => match p.iter().position(|&x| x == ']') {
            Some(close) => p[1..close].contains(&c).then_some(close + 1),
            None => (c == '[').then_some(1),
        },
        '\\' if p.len() > 1 => (p[1] == c).then_some(2),
        &x => (x == c).then_some(1),
    }
}

/// Headers exchange: with `all`, every bound header is present and equal;
/// with `any`, at least one is. No bound header matches nothing under `any`
/// and everything under `all`, as in RabbitMQ.
pub fn headers_match(
    bound: &BTreeMap<String, String>,
    mode: MatchMode,
    headers: &BTreeMap<String, String>,
) -> bool {
    let mut hits = bound.iter().map(|(k, v)| headers.get(k) == Some(v));
    match mode {
        MatchMode::All => hits.all(|hit| hit),
        MatchMode::Any => hits.any(|hit| hit),
    }
}

/// SNS filter policy: every listed attribute is present with one of the
/// listed values. An empty policy accepts every message.
pub fn filter_matches(
    policy: &BTreeMap<String, Vec<String>>,
    attributes: &BTreeMap<String, String>,
) -> bool {
    policy
        .iter()
        .all(|(name, values)| attributes.get(name).is_some_and(|v| values.contains(v)))
}

/// FNV-1a, 64 bit: the stable hash Kurir uses for message keys (Kafka uses
/// murmur2; any fixed hash shows the same behaviour: equal keys, equal
/// partition).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topic_keys_as_in_the_rabbitmq_tutorial() {
        assert!(topic_matches("*.orange.*", "quick.orange.rabbit"));
        assert!(topic_matches("*.*.rabbit", "lazy.pink.rabbit"));
        assert!(topic_matches("lazy.#", "lazy.orange.male.rabbit"));
        assert!(topic_matches("lazy.#", "lazy"));
        assert!(!topic_matches("*.orange.*", "quick.orange.male.rabbit"));
        assert!(!topic_matches("*.*.rabbit", "quick.brown.fox"));
        assert!(topic_matches("#", ""));
        assert!(topic_matches("order.*", "order.created"));
        assert!(!topic_matches("order.*", "order"));
    }

    #[test]
    fn globs_as_in_redis() {
        assert!(glob_matches("ord*", "order"));
        assert!(glob_matches("h?llo", "hello"));
        assert!(glob_matches("h[ae]llo", "hallo"));
        assert!(!glob_matches("h[ae]llo", "hillo"));
        assert!(!glob_matches("ord*", "email"));
        assert!(glob_matches("a\\*", "a*"));
    }

    #[test]
    fn headers_all_and_any() {
        let bound: BTreeMap<_, _> = [
            ("format".to_string(), "pdf".to_string()),
            ("type".into(), "report".into()),
        ]
        .into();
        let only_pdf: BTreeMap<_, _> = [("format".to_string(), "pdf".to_string())].into();
        assert!(!headers_match(&bound, MatchMode::All, &only_pdf));
        assert!(headers_match(&bound, MatchMode::Any, &only_pdf));
    }

    #[test]
    fn filter_policies() {
        let policy: BTreeMap<_, _> =
            [("kind".to_string(), vec!["sms".to_string(), "email".into()])].into();
        let sms: BTreeMap<_, _> = [("kind".to_string(), "sms".to_string())].into();
        let push: BTreeMap<_, _> = [("kind".to_string(), "push".to_string())].into();
        assert!(filter_matches(&policy, &sms));
        assert!(!filter_matches(&policy, &push));
        assert!(!filter_matches(&policy, &BTreeMap::new()));
        assert!(filter_matches(&BTreeMap::new(), &push));
    }
}
