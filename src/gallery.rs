//! The built-in scenarios as the app ships them: the documented example files
//! (`docs/examples/`), embedded as text and parsed when opened. Text
//! compresses far better than the code that builds them, so the download is
//! smaller; a test keeps each file equal to the engine's built-in scenario.

use kurir_engine::Scenario;

/// (id, scenario file), in the gallery's order.
const FILES: &[(&str, &str)] = &[
    ("lesson", include_str!("../docs/examples/lesson.json")),
    (
        "lesson-rpc",
        include_str!("../docs/examples/lesson-rpc.json"),
    ),
    ("pipeline", include_str!("../docs/examples/pipeline.json")),
    (
        "competing-consumers",
        include_str!("../docs/examples/competing-consumers.json"),
    ),
    (
        "loss-vs-queue",
        include_str!("../docs/examples/loss-vs-queue.json"),
    ),
    ("stress", include_str!("../docs/examples/stress.json")),
    ("redis", include_str!("../docs/examples/broker-redis.json")),
    ("kafka", include_str!("../docs/examples/broker-kafka.json")),
    (
        "rabbitmq",
        include_str!("../docs/examples/broker-rabbitmq.json"),
    ),
    ("nsq", include_str!("../docs/examples/broker-nsq.json")),
    (
        "google-pubsub",
        include_str!("../docs/examples/broker-google-pubsub.json"),
    ),
    ("sqs", include_str!("../docs/examples/broker-sqs.json")),
    (
        "sns-sqs",
        include_str!("../docs/examples/broker-sns-sqs.json"),
    ),
];

/// Ids of the built-in scenarios, in order.
pub fn ids() -> impl Iterator<Item = &'static str> {
    FILES.iter().map(|(id, _)| *id)
}

/// The built-in scenario `id`.
pub fn get(id: &str) -> Option<Scenario> {
    let (_, text) = FILES.iter().find(|(i, _)| *i == id)?;
    Scenario::from_json(text).ok()
}

/// The lesson's example (the app's starting point).
pub fn lesson() -> Scenario {
    // The file is checked by the test below; an empty canvas is the fallback.
    get("lesson").unwrap_or_else(crate::files::blank)
}

#[cfg(test)]
mod tests {
    use super::*;

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
