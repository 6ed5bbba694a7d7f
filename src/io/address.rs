//! The parts of a page address Kurir reads: the share link in the fragment
//! (`#s=v1.…`) and options after it (`&readonly&lang=id`). Pure, so the
//! rules are tested natively; `browser.rs` reads the real address.

/// The share link's payload (after `s=`, up to the first `&`), if any.
pub fn link_payload(fragment: &str) -> Option<&str> {
    fragment.split('&').next()?.strip_prefix("s=")
}

/// The options after the link, as (name, value) pairs (`readonly` alone has
/// an empty value, like the query's `?readonly`).
pub fn fragment_options(fragment: &str) -> Vec<(&str, &str)> {
    (fragment.split('&'))
        .filter(|part| !part.is_empty() && !part.starts_with("s="))
        .map(|part| part.split_once('=').unwrap_or((part, "")))
        .collect()
}

/// The options the Embed dialog offers, in its order: read-only, wait for
/// Play, start in RPC, Indonesian, show the figures, chart and log.
pub const EMBED_PARTS: [&str; 5] = [
    "&readonly",
    "&autoplay=0",
    "&mode=rpc",
    "&lang=id",
    "&panels",
];

/// The query of an embed with the options `chosen` (see [`EMBED_PARTS`]).
pub fn embed_query(chosen: [bool; 5]) -> String {
    let mut q = String::from("?embed");
    for (on, part) in chosen.into_iter().zip(EMBED_PARTS) {
        if on {
            q.push_str(part);
        }
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_appended_after_the_link_are_read_and_do_not_break_it() {
        let f = "s=v1.abc-_9&readonly&lang=id";
        assert_eq!(link_payload(f), Some("v1.abc-_9"));
        assert_eq!(fragment_options(f), [("readonly", ""), ("lang", "id")]);
        assert_eq!(link_payload("s=v1.abc"), Some("v1.abc"));
        assert!(fragment_options("s=v1.abc").is_empty());
        assert_eq!(link_payload("readonly"), None);
        assert_eq!(link_payload(""), None);
    }

    #[test]
    fn the_embed_query_carries_the_options_chosen() {
        assert_eq!(embed_query([false; 5]), "?embed");
        assert_eq!(
            embed_query([true; 5]),
            "?embed&readonly&autoplay=0&mode=rpc&lang=id&panels"
        );
        assert_eq!(
            embed_query([false, false, false, false, true]),
            "?embed&panels"
        );
    }
}
