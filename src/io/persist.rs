//! Autosave and restore: the scenario and the view, in localStorage, written
//! a moment after the last change. Corrupted or foreign content is reported
//! and kept aside, never silently lost or trusted.

use kurir_engine::Scenario;
use serde::{Deserialize, Serialize};

use crate::model::view::{MAX_ZOOM, MIN_ZOOM};
use crate::state::SPEEDS;
use crate::text::i18n::Lang;

/// localStorage key of the autosave.
pub const KEY: &str = "kurir.autosave.v1";
/// Where unreadable saved content is moved, so it is not lost.
pub const BROKEN_KEY: &str = "kurir.autosave.unreadable";

/// What is saved besides the scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedView {
    /// Interface language.
    pub lang: Lang,
    /// Simulation speed.
    pub speed: f64,
    /// Canvas pan and zoom.
    pub pan: (f64, f64, f64),
}

/// What is stored, as read back. Written by [`encode`] as text.
#[derive(Deserialize)]
struct Saved {
    kurir_autosave: u32,
    scenario: serde_json::Value,
    view: Option<SavedView>,
}

/// The text stored for `scenario` and `view`: the scenario's own JSON put in
/// place as it is (serialising it into a `Value` first would need a second
/// serializer for every scenario type in the wasm build, or a parse of the
/// text just written).
pub fn encode(scenario: &Scenario, view: &SavedView) -> String {
    format!(
        r#"{{"kurir_autosave":1,"scenario":{},"view":{}}}"#,
        scenario.to_compact_json(),
        serde_json::to_string(view).expect("a view serialises")
    )
}

/// Why saved text could not be read (told in either language by
/// `text::errors::describe_saved`).
#[derive(Clone, Debug, PartialEq)]
pub enum SavedError {
    /// Longer than anything Kurir saves.
    TooLarge,
    /// Not the shape Kurir saves (serde_json's reason).
    NotKurir(String),
    /// Saved by a newer Kurir, in this format number.
    Newer(u32),
    /// The scenario in it does not validate.
    Scenario(kurir_engine::ScenarioError),
}

impl SavedError {
    /// Why, in `lang`.
    pub fn told(&self, lang: Lang) -> String {
        use crate::text::errors::describe;
        use crate::text::json_errors::json_message_id;
        match (self, lang) {
            (SavedError::TooLarge, Lang::En) => "the saved data is too large".into(),
            (SavedError::TooLarge, Lang::Id) => "data yang tersimpan terlalu besar".into(),
            (SavedError::NotKurir(why), Lang::En) => format!("not Kurir's saved data ({why})"),
            (SavedError::NotKurir(why), Lang::Id) => {
                format!("bukan data simpanan Kurir ({})", json_message_id(why))
            }
            (SavedError::Newer(n), Lang::En) => format!("saved by a newer Kurir (format {n})"),
            (SavedError::Newer(n), Lang::Id) => {
                format!("disimpan oleh Kurir yang lebih baru (format {n})")
            }
            (SavedError::Scenario(e), _) => describe(e, lang),
        }
    }
}

/// Reads stored text; the scenario goes through the engine's validation (and
/// migration of older format versions). The error says what is wrong.
pub fn decode(text: &str) -> Result<(Scenario, Option<SavedView>), SavedError> {
    if text.len() > kurir_engine::input::MAX_SCENARIO_BYTES * 2 {
        return Err(SavedError::TooLarge);
    }
    let saved: Saved =
        serde_json::from_str(text).map_err(|e| SavedError::NotKurir(e.to_string()))?;
    if saved.kurir_autosave != 1 {
        return Err(SavedError::Newer(saved.kurir_autosave));
    }
    let scenario =
        Scenario::from_json(&saved.scenario.to_string()).map_err(SavedError::Scenario)?;
    let view = saved.view.and_then(|v| {
        let finite = [v.speed, v.pan.0, v.pan.1, v.pan.2]
            .iter()
            .all(|n| n.is_finite());
        // Saved values are brought into what the interface allows: a
        // tampered speed of 1e300 must not ask the engine for forever.
        (finite && v.speed > 0.0 && v.pan.2 > 0.0).then(|| SavedView {
            speed: v.speed.clamp(MIN_SPEED, MAX_SPEED),
            pan: (
                v.pan.0.clamp(-MAX_PAN, MAX_PAN),
                v.pan.1.clamp(-MAX_PAN, MAX_PAN),
                v.pan.2.clamp(MIN_ZOOM, MAX_ZOOM),
            ),
            ..v
        })
    });
    Ok((scenario, view))
}

/// Slowest speed the interface offers.
pub const MIN_SPEED: f64 = SPEEDS[0];
/// Fastest speed the interface offers.
pub const MAX_SPEED: f64 = SPEEDS[SPEEDS.len() - 1];
/// Farthest pan kept (pixels).
const MAX_PAN: f64 = 1e7;

#[cfg(test)]
mod tests {
    use super::*;
    use kurir_engine::examples::lesson;

    fn view() -> SavedView {
        SavedView {
            lang: Lang::Id,
            speed: 2.0,
            pan: (10.0, 20.0, 1.5),
        }
    }

    #[test]
    fn saved_work_comes_back_exactly() {
        let mut s = lesson();
        s.services[1].name = "Surat".into();
        let (back, v) = decode(&encode(&s, &view())).unwrap();
        assert_eq!(back, s);
        assert_eq!(v, Some(view()));
    }

    #[test]
    fn foreign_or_corrupted_content_is_refused_with_a_reason() {
        for text in [
            "",
            "null",
            "{\"a\":1}",
            "[1,2,3]",
            "{\"kurir_autosave\":1}",
            "\u{0}\u{1}garbage",
        ] {
            assert!(decode(text).is_err(), "{text:?}");
        }
        let newer =
            encode(&lesson(), &view()).replace("\"kurir_autosave\":1", "\"kurir_autosave\":9");
        assert!(matches!(decode(&newer), Err(SavedError::Newer(_))));
        let invalid = encode(&lesson(), &view()).replace("\"workers\":1", "\"workers\":0");
        assert!(
            matches!(decode(&invalid), Err(SavedError::Scenario(e)) if e.to_string().contains("workers"))
        );
        let weird_view = encode(
            &lesson(),
            &SavedView {
                lang: Lang::En,
                speed: -1.0,
                pan: (0.0, 0.0, 1.0),
            },
        );
        assert_eq!(
            decode(&weird_view).unwrap().1,
            None,
            "an impossible view is ignored, the scenario kept"
        );
    }

    #[test]
    fn tampered_view_values_are_brought_into_the_interfaces_range() {
        let text = encode(&lesson(), &view())
            .replace("\"speed\":2.0", "\"speed\":1e300")
            .replace("[10.0,20.0,1.5]", "[1e200,-1e200,1e9]");
        let v = decode(&text).unwrap().1.unwrap();
        assert_eq!(v.speed, MAX_SPEED);
        assert_eq!(v.pan, (MAX_PAN, -MAX_PAN, MAX_ZOOM));
    }
}
