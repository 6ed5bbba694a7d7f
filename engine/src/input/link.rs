//! Share links: a scenario compressed (DEFLATE) and base64url-encoded into a
//! URL fragment, so a static site can share exact scenarios with no server.
//!
//! Format: `v1.` + base64url(deflate(scenario JSON)). Decoding never panics
//! and refuses oversized or damaged input with a clear message.

use miniz_oxide::inflate::{decompress_to_vec_with_limit, TINFLStatus};

use crate::input::migrate::MAX_SCENARIO_BYTES;
use crate::scenario::{Scenario, ScenarioError};

/// Longest link payload accepted (characters after `v1.`).
pub const MAX_LINK_CHARS: usize = 100_000;
/// Longest link payload Kurir offers to share; longer scenarios are better
/// shared as a file (some chat tools and browsers cut long URLs).
pub const SHARE_LIMIT_CHARS: usize = 8_000;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Why a link could not be opened.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkError {
    /// It does not start with a known prefix.
    UnknownFormat,
    /// It is longer than any link Kurir makes.
    TooLong,
    /// It is cut or altered: not valid base64url or not valid compressed data.
    Damaged,
    /// It unpacks, but to bytes that are not text (UTF-8): made by hand or
    /// by another program, not by Kurir.
    NotText,
    /// It decodes, but not to a valid scenario.
    Scenario(ScenarioError),
}

impl std::fmt::Display for LinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LinkError::UnknownFormat => write!(f, "this is not a Kurir share link"),
            LinkError::TooLong => write!(f, "the link is longer than any Kurir makes"),
            LinkError::Damaged => write!(f, "the link is incomplete or was altered"),
            LinkError::NotText => write!(
                f,
                "the link unpacks to bytes that are not text (UTF-8), so it was not made by Kurir"
            ),
            LinkError::Scenario(e) => write!(f, "the link holds an invalid scenario: {e}"),
        }
    }
}

/// The fragment payload for `scenario` (without the leading `#s=`).
pub fn encode(scenario: &Scenario) -> String {
    let json = scenario.to_compact_json();
    let packed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
    format!("v1.{}", base64url(&packed))
}

/// Reads a payload made by [`encode`].
pub fn decode(payload: &str) -> Result<Scenario, LinkError> {
    let body = payload
        .strip_prefix("v1.")
        .ok_or(LinkError::UnknownFormat)?;
    if body.len() > MAX_LINK_CHARS {
        return Err(LinkError::TooLong);
    }
    let packed = unbase64url(body).ok_or(LinkError::Damaged)?;
    let json = decompress_to_vec_with_limit(&packed, MAX_SCENARIO_BYTES).map_err(|e| {
        if e.status == TINFLStatus::HasMoreOutput {
            LinkError::TooLong
        } else {
            LinkError::Damaged
        }
    })?;
    let text = String::from_utf8(json).map_err(|_| LinkError::NotText)?;
    Scenario::from_json(&text).map_err(LinkError::Scenario)
}

fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | (b as u32) << (16 - 8 * i));
        for k in 0..chunk.len() + 1 {
            out.push(ALPHABET[(n >> (18 - 6 * k) & 63) as usize] as char);
        }
    }
    out
}

fn unbase64url(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let digits: Option<Vec<u32>> = text
        .bytes()
        .map(|c| ALPHABET.iter().position(|&a| a == c).map(|v| v as u32))
        .collect();
    let digits = digits?;
    if digits.len() % 4 == 1 {
        return None; // no whole byte fits in a single digit
    }
    for chunk in digits.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &d)| n | d << (18 - 6 * i));
        for k in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * k)) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::lesson;

    #[test]
    fn base64url_round_trips_every_length() {
        for len in 0..40 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            assert_eq!(unbase64url(&base64url(&bytes)).unwrap(), bytes);
        }
        assert_eq!(base64url(b"Kurir"), "S3VyaXI");
    }

    #[test]
    fn a_link_restores_the_exact_scenario_and_is_short() {
        let link = encode(&lesson());
        assert!(link.len() < 1_500, "{} characters", link.len());
        assert_eq!(decode(&link).unwrap(), lesson());
    }

    #[test]
    fn every_gallery_scenario_survives_a_link_and_fits_in_one() {
        for (id, s) in crate::examples::gallery() {
            let link = encode(&s);
            assert!(link.len() < 8_000, "{id}: {} characters", link.len());
            assert_eq!(decode(&link).unwrap(), s, "{id}");
        }
    }

    #[test]
    fn truncated_or_tampered_links_are_refused_with_a_reason() {
        let link = encode(&lesson());
        assert_eq!(decode(&link[..link.len() / 2]), Err(LinkError::Damaged));
        assert_eq!(decode("v2.abc"), Err(LinkError::UnknownFormat));
        assert_eq!(decode("v1.*!"), Err(LinkError::Damaged));
        let mut tampered = link.clone().into_bytes();
        tampered[20] = if tampered[20] == b'A' { b'B' } else { b'A' };
        assert!(decode(std::str::from_utf8(&tampered).unwrap()).is_err());
        let bomb = format!(
            "v1.{}",
            base64url(&miniz_oxide::deflate::compress_to_vec(
                &vec![b' '; 3 << 20],
                9
            ))
        );
        assert_eq!(decode(&bomb), Err(LinkError::TooLong));
        let not_scenario = format!(
            "v1.{}",
            base64url(&miniz_oxide::deflate::compress_to_vec(
                b"{\"version\":1,\"services\":7}",
                9
            ))
        );
        assert!(matches!(decode(&not_scenario), Err(LinkError::Scenario(_))));
        let not_text = format!(
            "v1.{}",
            base64url(&miniz_oxide::deflate::compress_to_vec(
                b"{\"version\":\xff}",
                9
            ))
        );
        assert_eq!(decode(&not_text), Err(LinkError::NotText));
    }
}
