//! What RabbitMQ says of a delivery, read off its frame: the delivery
//! number, where it was dead-lettered from, and settling it.

use kurir_engine::ChannelId;
use lapin::options::{BasicAckOptions, BasicNackOptions};
use lapin::types::AMQPValue;
use lapin::{Acker, BasicProperties};

use crate::broker::{Delivery, Message, Settle, Site};

/// The delivery number RabbitMQ reports: a quorum queue's
/// `x-delivery-count` header counts earlier returns; a classic queue says
/// only `redelivered`.
fn attempt(d: &lapin::message::Delivery) -> u32 {
    let count = d
        .properties
        .headers()
        .as_ref()
        .and_then(|h| h.inner().get("x-delivery-count"))
        .and_then(int);
    match count {
        Some(n) => n as u32 + 1,
        None if d.redelivered => 2,
        None => 1,
    }
}

fn int(v: &AMQPValue) -> Option<i64> {
    match v {
        AMQPValue::ShortShortInt(n) => Some(*n as i64),
        AMQPValue::ShortShortUInt(n) => Some(*n as i64),
        AMQPValue::ShortInt(n) => Some(*n as i64),
        AMQPValue::ShortUInt(n) => Some(*n as i64),
        AMQPValue::LongInt(n) => Some(*n as i64),
        AMQPValue::LongUInt(n) => Some(*n as i64),
        AMQPValue::LongLongInt(n) => Some(*n),
        _ => None,
    }
}

/// The queue the message was last dead-lettered from (`x-death`'s first
/// entry), when that is another of the run's queues than `here`.
pub(super) fn dead_from(
    site: &Site,
    props: &BasicProperties,
    here: ChannelId,
) -> Option<ChannelId> {
    let deaths = props.headers().as_ref()?.inner().get("x-death")?;
    let AMQPValue::FieldArray(deaths) = deaths else {
        return None;
    };
    let AMQPValue::FieldTable(last) = deaths.as_slice().first()? else {
        return None;
    };
    let queue = match last.inner().get("queue")? {
        AMQPValue::LongString(s) => String::from_utf8_lossy(s.as_bytes()).into_owned(),
        AMQPValue::ShortString(s) => s.as_str().to_string(),
        _ => return None,
    };
    site.channel_of(&queue).filter(|&c| c != here)
}

pub(super) fn delivery(
    site: &Site,
    channel: ChannelId,
    d: lapin::message::Delivery,
    no_ack: bool,
) -> Delivery {
    // A body from elsewhere (not this run's) is order 0, message 0.
    let message = Message::decode(&d.data).unwrap_or(Message::FOREIGN);
    Delivery {
        channel,
        message,
        attempt: attempt(&d),
        dead_from: dead_from(site, &d.properties, channel),
        acker: (!no_ack).then(|| crate::broker::Acker::Amqp(d.acker.clone())),
    }
}

/// Acknowledges or rejects one delivery.
pub(crate) async fn settle(acker: &Acker, how: Settle) -> Result<(), String> {
    let done = match how {
        Settle::Ack => acker.ack(BasicAckOptions::default()).await,
        // Refused by the plan for RabbitMQ (`on_failure: wait`); a nack.
        Settle::Requeue | Settle::Reject | Settle::Leave => {
            let options = BasicNackOptions {
                requeue: how == Settle::Requeue,
                multiple: false,
            };
            acker.nack(options).await
        }
    };
    done.map(|_| ()).map_err(|e| e.to_string())
}
