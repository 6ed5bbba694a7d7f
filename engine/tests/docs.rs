//! The documentation stays true: its example is the built-in lesson, and every
//! event type and drop reason the engine emits is documented.

use kurir_engine::examples::lesson;
use kurir_engine::sim::trace::DropReason;
use kurir_engine::Scenario;

fn doc(name: &str) -> String {
    let path = format!("{}/../docs/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_scenario_format_example_is_the_built_in_lesson() {
    let text = doc("scenario-format.md");
    let start = text
        .find("```json\n{\n  \"version\"")
        .expect("example block")
        + 8;
    let end = start + text[start..].find("```").unwrap();
    let parsed = Scenario::from_json(&text[start..end]).expect("the example is valid");
    assert_eq!(parsed, lesson());
}

#[test]
fn every_drop_reason_and_event_type_is_documented() {
    let text = doc("trace-format.md");
    for reason in DropReason::ALL {
        assert!(
            text.contains(&format!("`{}`", reason.as_str())),
            "{reason:?}"
        );
    }
    let src = format!("{}/src/observe/trace_json.rs", env!("CARGO_MANIFEST_DIR"));
    let src = std::fs::read_to_string(src).unwrap();
    for (i, _) in src.match_indices("\\\"type\\\":\\\"") {
        let rest = &src[i + 11..];
        let name = &rest[..rest.find('\\').unwrap()];
        if name.chars().all(|c| c.is_ascii_lowercase() || c == '_') && !name.is_empty() {
            assert!(
                text.contains(&format!("| `{name}` |")),
                "event type {name} undocumented"
            );
        }
    }
}

#[test]
fn the_example_files_are_valid_scenarios() {
    let dir = format!("{}/../docs/examples", env!("CARGO_MANIFEST_DIR"));
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).unwrap();
            Scenario::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            seen += 1;
        }
    }
    assert!(seen >= 2);
    let lesson_file = doc("examples/lesson.json");
    assert_eq!(Scenario::from_json(&lesson_file).unwrap(), lesson());
}

#[test]
fn each_broker_example_file_is_the_built_in_one() {
    for (id, scenario) in kurir_engine::examples::brokers::all() {
        let text = doc(&format!("examples/broker-{id}.json"));
        assert_eq!(Scenario::from_json(&text).unwrap(), scenario, "{id}");
    }
}

#[test]
fn every_broker_preset_has_its_section_in_the_learners_page() {
    let text = doc("brokers.md");
    for p in kurir_engine::scenario::preset::Preset::ALL {
        assert!(text.contains(&format!("`{}`", p.id())), "{}", p.id());
    }
}
