//! A definitions file Kurir writes loads into the test RabbitMQ with
//! `rabbitmqctl import_definitions`, and what the broker exports again
//! reads back as the same exchanges, queues and bindings
//! (<https://www.rabbitmq.com/docs/definitions>).

mod common;

use std::process::Command;

use common::{root, url};
use kurir_engine::formats::rabbitmq::definitions;
use kurir_engine::scenario::{ChannelKind, OnFailure};
use kurir_engine::Scenario;

fn rabbitmqctl(args: &[&str]) -> String {
    let out = Command::new("scripts/brokers.sh")
        .arg("rabbitmqctl")
        .args(args)
        .current_dir(root())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "rabbitmqctl {args:?}: {said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    said
}

/// The channels' ids and kinds, which is what a definitions file carries
/// (RabbitMQ lists an exchange's bindings in an order of its own).
fn shape(s: &Scenario) -> Vec<(String, ChannelKind)> {
    let mut v: Vec<_> = s
        .channels
        .iter()
        .map(|c| {
            let mut kind = c.kind.clone();
            if let ChannelKind::Exchange(x) = &mut kind {
                x.bindings.sort_by(|a, b| a.to.cmp(&b.to));
            }
            (c.id.clone(), kind)
        })
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

#[test]
fn an_exported_topology_loads_into_rabbitmq_and_reads_back_the_same() {
    let amqp = url("KURIR_AMQP_URL");
    // The RabbitMQ example, its ids made this test's own.
    let prefix = format!("defs{}-", std::process::id());
    let mut text = kurir_engine::examples::brokers::all()
        .into_iter()
        .find(|(id, _)| *id == "rabbitmq")
        .unwrap()
        .1
        .to_json();
    let original = Scenario::from_json(&text).unwrap();
    for c in &original.channels {
        text = text.replace(&format!("\"{}\"", c.id), &format!("\"{prefix}{}\"", c.id));
    }
    let s = Scenario::from_json(&text).unwrap();
    let (file, _) = definitions::export(&s).unwrap();
    let dir = std::env::temp_dir().join(format!("kurir-{prefix}"));
    std::fs::create_dir_all(&dir).unwrap();
    let (mine, theirs) = (dir.join("kurir.json"), dir.join("rabbitmq.json"));
    std::fs::write(&mine, file).unwrap();
    rabbitmqctl(&["import_definitions", mine.to_str().unwrap()]);
    rabbitmqctl(&["export_definitions", theirs.to_str().unwrap()]);
    // What the broker holds now, this test's objects only (other tests
    // share the broker).
    let mut exported: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&theirs).unwrap()).unwrap();
    for (list, field) in [
        ("queues", "name"),
        ("exchanges", "name"),
        ("bindings", "source"),
    ] {
        let kept: Vec<serde_json::Value> = exported[list]
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| o[field].as_str().unwrap_or("").starts_with(&prefix))
            .cloned()
            .collect();
        exported[list] = kept.into();
    }
    let back = definitions::import(&exported.to_string()).unwrap();
    let unexpected: Vec<String> = back
        .unmapped
        .iter()
        .filter(|u| u.what != "users" && u.what != "permissions")
        .map(|u| u.to_string())
        .collect();
    assert!(unexpected.is_empty(), "{unexpected:?}");
    // The consumer's `reject` is not the queue's: it does not travel.
    let mut want = s.clone();
    for c in &mut want.channels {
        if let ChannelKind::Queue(q) = &mut c.kind {
            q.on_failure = OnFailure::Requeue;
        }
    }
    assert_eq!(shape(&back.scenario), shape(&want));
    // Clean up this test's objects.
    kurir_live::run::block_on(async {
        let c = lapin::Connection::connect(&amqp, Default::default())
            .await
            .unwrap();
        let ch = c.create_channel().await.unwrap();
        for ch_spec in &s.channels {
            let name = ch_spec.id.as_str();
            match ch_spec.kind {
                ChannelKind::Queue(_) => {
                    let _ = ch.queue_delete(name.into(), Default::default()).await;
                }
                _ => {
                    let _ = ch.exchange_delete(name.into(), Default::default()).await;
                }
            }
        }
        let _ = c.close(200, "".into()).await;
    });
    let _ = std::fs::remove_dir_all(&dir);
}
