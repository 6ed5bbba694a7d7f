//! The built-in scenarios as the app ships them: the documented example files
//! (`docs/examples/`), embedded as text and parsed when opened. Text
//! compresses far better than the code that builds them, so the download is
//! smaller; a test keeps each file equal to the engine's built-in scenario.

use kurir_engine::scenario::{Scenario, CURRENT_VERSION};

use crate::text::i18n::T;

/// (id, name in the interface, scenario file), in the gallery's order.
#[rustfmt::skip]
const FILES: &[(&str, T, &str)] = &[
    ("lesson", T::GalleryLesson, include_str!("../../docs/examples/lesson.json")),
    ("lesson-rpc", T::GalleryLessonRpc, include_str!("../../docs/examples/lesson-rpc.json")),
    ("pipeline", T::GalleryPipeline, include_str!("../../docs/examples/pipeline.json")),
    ("competing-consumers", T::GalleryCompeting, include_str!("../../docs/examples/competing-consumers.json")),
    ("loss-vs-queue", T::GalleryLoss, include_str!("../../docs/examples/loss-vs-queue.json")),
    ("stress", T::GalleryStress, include_str!("../../docs/examples/stress.json")),
    ("redis", T::GalleryRedis, include_str!("../../docs/examples/broker-redis.json")),
    ("kafka", T::GalleryKafka, include_str!("../../docs/examples/broker-kafka.json")),
    ("rabbitmq", T::GalleryRabbitmq, include_str!("../../docs/examples/broker-rabbitmq.json")),
    ("nsq", T::GalleryNsq, include_str!("../../docs/examples/broker-nsq.json")),
    ("google-pubsub", T::GalleryGoogle, include_str!("../../docs/examples/broker-google-pubsub.json")),
    ("sqs", T::GallerySqs, include_str!("../../docs/examples/broker-sqs.json")),
    ("sns-sqs", T::GallerySnsSqs, include_str!("../../docs/examples/broker-sns-sqs.json")),
];

/// Ids of the built-in scenarios, in order.
pub fn ids() -> impl Iterator<Item = &'static str> {
    FILES.iter().map(|(id, _, _)| *id)
}

/// The catalogue entry naming built-in scenario `id`.
pub fn label(id: &str) -> Option<T> {
    FILES.iter().find(|(i, _, _)| *i == id).map(|(_, t, _)| *t)
}

/// The id of the built-in example called `name` (a scenario keeps its name
/// through edits, so an edited example is still that example).
pub fn id_named(name: &str) -> Option<&'static str> {
    static NAMES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let names = NAMES.get_or_init(|| {
        (FILES.iter())
            .map(|(_, _, text)| {
                serde_json::from_str::<serde_json::Value>(text)
                    .ok()
                    .and_then(|v| v.get("name")?.as_str().map(str::to_string))
                    .unwrap_or_default()
            })
            .collect()
    });
    (names.iter().position(|n| !name.is_empty() && n == name)).map(|k| FILES[k].0)
}

/// The built-in scenario `id`.
pub fn get(id: &str) -> Option<Scenario> {
    let (_, _, text) = FILES.iter().find(|(i, _, _)| *i == id)?;
    Scenario::from_json(text).ok()
}

/// An empty scenario (*New*).
pub fn blank() -> Scenario {
    Scenario {
        version: CURRENT_VERSION,
        name: String::new(),
        mode: kurir_engine::Mode::Messaging,
        seed: 1,
        network: Default::default(),
        services: Vec::new(),
        channels: Vec::new(),
        subscriptions: Vec::new(),
        inputs: Vec::new(),
        actions: Vec::new(),
    }
}

/// The lesson's example (the app's starting point).
pub fn lesson() -> Scenario {
    // The file is checked by the test below; an empty canvas is the fallback.
    get("lesson").unwrap_or_else(blank)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_example_is_known_by_its_name() {
        for id in ids() {
            assert_eq!(id_named(&get(id).unwrap().name), Some(id));
        }
        assert_eq!(id_named(""), None);
        assert_eq!(id_named("my own work"), None);
    }

    #[test]
    fn each_shipped_file_is_the_engine_s_built_in_scenario() {
        let built_in = kurir_engine::examples::gallery();
        assert_eq!(
            ids().collect::<Vec<_>>(),
            built_in.iter().map(|(id, _)| *id).collect::<Vec<_>>()
        );
        for (id, s) in built_in {
            assert_eq!(
                get(id),
                Some(s),
                "{id}: regenerate with kurir-sim --example {id} --print-scenario"
            );
        }
    }
}
