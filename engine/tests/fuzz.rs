//! Fuzzing of the decoders that read untrusted input: scenario JSON and share
//! links. Arbitrary bytes and mangled valid inputs must never panic.
//!
//! Default: a few thousand cases per property (part of `make test`).
//! Long run, as documented in the README:
//!   FUZZ_CASES=1000000 cargo test --release -p kurir-engine --test fuzz

use kurir_engine::examples::lesson;
use kurir_engine::input::link;
use kurir_engine::{Scenario, ServiceId};
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5_000)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn scenario_json_from_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = Scenario::from_json(&text);
    }

    #[test]
    fn share_links_from_arbitrary_text(body in "[A-Za-z0-9_-]{0,300}") {
        let _ = link::decode(&format!("v1.{body}"));
    }

    #[test]
    fn share_links_with_one_character_changed_or_cut(pos in 0usize..2_000, c in "[A-Za-z0-9_-]", cut in any::<bool>()) {
        let good = link::encode(&lesson());
        let pos = 3 + pos % (good.len() - 3);
        let bad = if cut { good[..pos].to_string() } else { format!("{}{}{}", &good[..pos], c, &good[pos + 1..]) };
        // Either refused with a reason, or (a harmless change) a valid scenario.
        if let Ok(s) = link::decode(&bad) {
            prop_assert!(kurir_engine::Sim::new(s, Default::default()).is_ok());
        }
    }

    #[test]
    fn scenario_json_with_a_value_replaced(pos in 0usize..3_000, junk in prop_oneof![
        Just("-1".to_string()), Just("1e308".to_string()), Just("null".to_string()), Just("\"\"".to_string()),
        Just("[]".to_string()), Just("{}".to_string()), Just("0".to_string()), Just("99999999999999999999".to_string()),
    ]) {
        let text = lesson().to_json();
        // Replace the number or string that starts after the pos-th colon.
        let colons: Vec<usize> = text.match_indices(':').map(|(i, _)| i).collect();
        let at = colons[pos % colons.len()] + 1;
        let end = text[at..].find([',', '\n', '}']).map_or(text.len(), |e| at + e);
        let mangled = format!("{} {junk}{}", &text[..at], &text[end..]);
        if let Ok(s) = Scenario::from_json(&mangled) {
            let mut sim = kurir_engine::Sim::new(s, Default::default()).unwrap();
            if !sim.scenario().services.is_empty() {
                sim.place_order(ServiceId(0));
            }
            sim.run_for(5_000_000);
        }
    }
}
