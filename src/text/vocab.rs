//! The words a channel goes by: a broker preset's own vocabulary (exchange,
//! topic, subscription…) or the generic kind, in the interface language;
//! and how a countdown reads.

use kurir_engine::base::time::{format_micros, Micros, SEC};
use kurir_engine::scenario::preset::Preset;
use kurir_engine::scenario::{ChannelKind, ChannelSpec};

use crate::text::i18n::Lang;

/// Short product name, for the small badge on the canvas.
fn short_broker(p: Preset) -> &'static str {
    match p {
        Preset::RedisPubsub => "Redis",
        Preset::KafkaTopic => "Kafka",
        Preset::RabbitmqExchange | Preset::RabbitmqQueue => "RabbitMQ",
        Preset::NsqTopic | Preset::NsqChannel => "NSQ",
        Preset::GooglePubsubTopic | Preset::GooglePubsubSubscription => "Pub/Sub",
        Preset::SqsQueue | Preset::SqsFifoQueue => "SQS",
        Preset::SnsTopic => "SNS",
    }
}

/// What the broker calls this part, translated where Indonesian engineers
/// translate it (exchange and channel stay as they are).
fn noun(p: Preset, lang: Lang) -> &'static str {
    match (p.noun(), lang) {
        (n, Lang::En) => n,
        ("queue", Lang::Id) => "antrean",
        ("FIFO queue", Lang::Id) => "antrean FIFO",
        ("topic", Lang::Id) => "topik",
        ("subscription", Lang::Id) => "langganan",
        (n, Lang::Id) => n,
    }
}

fn join(broker: &str, noun: &str, lang: Lang) -> String {
    // Indonesian puts the noun first: "antrean RabbitMQ".
    match lang {
        Lang::En => format!("{broker} {noun}"),
        Lang::Id => format!("{noun} {broker}"),
    }
}

/// Full label of a preset, e.g. "Apache Kafka topic" / "topik Apache Kafka".
pub fn preset_label(p: Preset, lang: Lang) -> String {
    join(p.broker(), noun(p, lang), lang)
}

/// The small badge under a channel's name on the canvas.
pub fn badge(c: &ChannelSpec, lang: Lang) -> String {
    if let Some(p) = c.broker {
        return join(short_broker(p), noun(p, lang), lang);
    }
    match (&c.kind, lang) {
        (ChannelKind::PubSub, _) => "pub/sub".into(),
        (ChannelKind::Queue(_), Lang::En) => "queue".into(),
        (ChannelKind::Queue(_), Lang::Id) => "antrean".into(),
        (ChannelKind::Exchange(_), _) => "exchange".into(),
        (ChannelKind::Log(_), _) => "log".into(),
    }
}

/// How long until `at`, from `now`, as shown in countdowns: whole seconds
/// from 10 s up, tenths below (a countdown should tick calmly).
pub fn time_left(at: Micros, now: Micros) -> String {
    let left = at.saturating_sub(now);
    let step = if left >= 10 * SEC { SEC } else { SEC / 10 };
    format_micros(left / step * step)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_speak_their_broker_s_language_in_both_languages() {
        assert_eq!(
            preset_label(Preset::RabbitmqExchange, Lang::En),
            "RabbitMQ exchange"
        );
        assert_eq!(
            preset_label(Preset::SqsFifoQueue, Lang::Id),
            "antrean FIFO Amazon SQS"
        );
        let mut c = ChannelSpec::new("orders", "", Preset::KafkaTopic.kind(), 0.0, 0.0);
        c.broker = Some(Preset::KafkaTopic);
        assert_eq!(badge(&c, Lang::En), "Kafka topic");
        assert_eq!(badge(&c, Lang::Id), "topik Kafka");
    }
}
