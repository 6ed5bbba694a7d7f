//! One service's RabbitMQ connection: publishes with publisher confirms,
//! and closing it (its unacknowledged deliveries go back to their queues).

use std::cell::Cell;
use std::rc::Rc;

use kurir_engine::scenario::envelope::Envelope;
use kurir_engine::ChannelId;
use lapin::options::BasicPublishOptions;
use lapin::types::{AMQPValue, FieldTable};
use lapin::{BasicProperties, Channel, Confirmation, Connection};

use super::Routes;
use crate::broker::{Message, Published};
use crate::error::LiveError;

/// One service's connection.
pub struct Conn {
    pub(super) routes: Routes,
    pub(super) conn: Connection,
    pub(super) publish: Channel,
    pub(super) closed: Rc<Cell<bool>>,
}

impl Conn {
    /// Publishes and waits for the broker's confirm.
    pub async fn publish(
        &self,
        channel: ChannelId,
        envelope: &Envelope,
        message: Message,
    ) -> Result<Published, LiveError> {
        let site = &self.routes.site;
        let name = site.name(channel);
        let (exchange, key) = if self.routes.queue[channel.index()] {
            (String::new(), name.clone())
        } else {
            (name.clone(), envelope.routing_key.clone())
        };
        let mut headers = FieldTable::default();
        for (k, v) in &envelope.attributes {
            headers.insert(k.clone().into(), AMQPValue::LongString(v.clone().into()));
        }
        let options = BasicPublishOptions {
            mandatory: envelope.mandatory || self.routes.returns[channel.index()],
            ..BasicPublishOptions::default()
        };
        let what = format!("publishing to {name}");
        let confirm = self
            .publish
            .basic_publish(
                exchange.as_str().into(),
                key.as_str().into(),
                options,
                &message.encode(),
                BasicProperties::default().with_headers(headers),
            )
            .await
            .map_err(|e| site.error(&what, e))?
            .await
            .map_err(|e| site.error(&what, e))?;
        let returned = match confirm {
            Confirmation::Ack(r) => r.is_some(),
            Confirmation::Nack(_) => {
                return Err(site.error(what, "the broker refused the message (nack)"))
            }
            Confirmation::NotRequested => false,
        };
        Ok(Published {
            copies: None,
            returned,
        })
    }

    /// Closes the connection (its unacknowledged deliveries go back).
    pub async fn close(&self) {
        self.closed.set(true);
        let _ = self.conn.close(200, "service down".into()).await;
    }
}
