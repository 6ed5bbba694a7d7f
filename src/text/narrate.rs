//! Trace events told as sentences for the event log, in both languages.

use kurir_engine::base::time::format_micros;
use kurir_engine::scenario::{Action, ChannelKind};
use kurir_engine::sim::trace::{DropReason, EventKind, RedeliverCause};
use kurir_engine::{ChannelId, Scenario, ServiceId};

use crate::text::i18n::Lang;

fn reason(r: DropReason, lang: Lang) -> &'static str {
    match (r, lang) {
        (DropReason::NoSubscriber, Lang::En) => "nobody subscribes",
        (DropReason::NoSubscriber, Lang::Id) => "tidak ada pelanggan",
        (DropReason::SubscriberDown, Lang::En) => "the subscriber is down",
        (DropReason::SubscriberDown, Lang::Id) => "pelanggannya mati",
        (DropReason::ConsumerCrashed, Lang::En) => "the service crashed while holding it",
        (DropReason::ConsumerCrashed, Lang::Id) => "service mati saat memegangnya",
        (DropReason::ProcessingFailed, Lang::En) => "processing failed and pub/sub does not retry",
        (DropReason::ProcessingFailed, Lang::Id) => "proses gagal dan pub/sub tidak mengulang",
        (DropReason::Expired, Lang::En) => "it waited longer than its time to live",
        (DropReason::Expired, Lang::Id) => "menunggu melewati batas umurnya",
        (DropReason::Overflow, Lang::En) => "the queue was full (oldest dropped)",
        (DropReason::Overflow, Lang::Id) => "antrean penuh (yang terlama dibuang)",
        (DropReason::Rejected, Lang::En) => "the queue was full (rejected)",
        (DropReason::Rejected, Lang::Id) => "antrean penuh (ditolak)",
        (DropReason::MaxDeliveries, Lang::En) => "it failed too many times",
        (DropReason::MaxDeliveries, Lang::Id) => "gagal terlalu sering",
        (DropReason::Unroutable, Lang::En) => "no binding or subscription matched it",
        (DropReason::Unroutable, Lang::Id) => "tidak ada binding atau langganan yang cocok",
        (DropReason::Returned, Lang::En) => "unroutable, returned to the publisher",
        (DropReason::Returned, Lang::Id) => "tidak bisa dirutekan, dikembalikan ke penerbit",
        (DropReason::Duplicate, Lang::En) => "a duplicate, removed by deduplication",
        (DropReason::Duplicate, Lang::Id) => "duplikat, dibuang oleh deduplikasi",
        (DropReason::Skipped, Lang::En) => {
            "the consumer group never read it (retention or offset reset)"
        }
        (DropReason::Skipped, Lang::Id) => {
            "consumer group tidak pernah membacanya (retensi atau reset offset)"
        }
    }
}

fn kind_of(s: &Scenario, channel: ChannelId) -> Option<&ChannelKind> {
    s.channels.get(channel.index()).map(|c| &c.kind)
}

fn is_exchange(s: &Scenario, channel: ChannelId) -> bool {
    matches!(kind_of(s, channel), Some(ChannelKind::Exchange(_)))
}

/// The name of consumer group `group` of log `channel`.
pub type GroupName<'a> = &'a dyn Fn(ChannelId, u32) -> String;

/// One sentence for one event of a run of `s` (a simulation's, or a real
/// broker's streamed by the bridge), or `None` for bookkeeping events not
/// worth a line.
pub fn narrate(
    kind: &EventKind,
    s: &Scenario,
    group_name: GroupName,
    lang: Lang,
) -> Option<String> {
    let svc = |i: ServiceId| s.service_name(i.index()).to_string();
    let ch = |i: ChannelId| s.channel_name(i.index()).to_string();
    let en = lang == Lang::En;
    Some(match *kind {
        EventKind::OrderPlaced { order, service } => if en {
            format!("Order #{order} placed at {}", svc(service))
        } else {
            format!("Pesanan #{order} dibuat di {}", svc(service))
        },
        EventKind::OrderRefused { service } => if en {
            format!("Order refused at {}: the run holds as much work as Kurir keeps in a browser tab", svc(service))
        } else {
            format!("Pesanan ditolak di {}: simulasi sudah menampung kerja sebanyak batas Kurir di tab peramban", svc(service))
        },
        EventKind::OrderResponded { order, ok, response } => match (en, ok) {
            (true, true) => format!("Order #{order} answered after {}", format_micros(response)),
            (true, false) => format!("Order #{order} FAILED after {}", format_micros(response)),
            (false, true) => format!("Pesanan #{order} dijawab setelah {}", format_micros(response)),
            (false, false) => format!("Pesanan #{order} GAGAL setelah {}", format_micros(response)),
        },
        EventKind::OrderCompleted { order, latency } => if en {
            format!("All work for order #{order} done after {}", format_micros(latency))
        } else {
            format!("Semua kerja untuk pesanan #{order} tuntas setelah {}", format_micros(latency))
        },
        EventKind::OrderIncomplete { order, latency, lost, dead_lettered } => if en {
            format!("Order #{order} ended incomplete after {}: {lost} copies lost, {dead_lettered} dead-lettered", format_micros(latency))
        } else {
            format!("Pesanan #{order} berakhir tidak tuntas setelah {}: {lost} salinan hilang, {dead_lettered} masuk dead-letter", format_micros(latency))
        },
        EventKind::WorkStarted { .. } | EventKind::Enqueue { .. } => return None,
        EventKind::WorkDone { service, order, ok: false } => if en {
            format!("{} failed on order #{order}", svc(service))
        } else {
            format!("{} gagal memproses pesanan #{order}", svc(service))
        },
        EventKind::WorkDone { .. } => return None,
        EventKind::Publish { service, channel, order, .. } => if en {
            format!("{} published order #{order} to channel {}", svc(service), ch(channel))
        } else {
            format!("{} menerbitkan pesanan #{order} ke channel {}", svc(service), ch(channel))
        },
        EventKind::Route { channel, copies, .. } if is_exchange(s, channel) => if en {
            format!("{} routed the message to {copies} destination(s)", ch(channel))
        } else {
            format!("{} merutekan pesan ke {copies} tujuan", ch(channel))
        },
        EventKind::Route { channel, copies, .. } => if en {
            format!("Channel {} made {copies} copies (one per subscriber)", ch(channel))
        } else {
            format!("Channel {} membuat {copies} salinan (satu per pelanggan)", ch(channel))
        },
        EventKind::Append { channel, partition, offset, .. } => if en {
            format!("Topic {} appended a record to partition {partition} at offset {offset}", ch(channel))
        } else {
            format!("Topik {} menambahkan record ke partisi {partition} pada offset {offset}", ch(channel))
        },
        EventKind::Commit { .. } => return None,
        EventKind::Rebalance { channel, group, members } => {
            let g = group_name(channel, group);
            if en {
                format!("Consumer group {g} on {} rebalanced: partitions shared by {members} member(s)", ch(channel))
            } else {
                format!("Consumer group {g} di {} menyeimbangkan ulang: partisi dibagi ke {members} anggota", ch(channel))
            }
        }
        EventKind::Seek { channel, group, partition, offset } => {
            let g = group_name(channel, group);
            if en {
                format!("Consumer group {g} now reads partition {partition} of {} from offset {offset}", ch(channel))
            } else {
                format!("Consumer group {g} kini membaca partisi {partition} dari {} mulai offset {offset}", ch(channel))
            }
        }
        EventKind::Deliver { channel, service, attempt, .. } => match (en, attempt > 1) {
            (true, false) => format!("{} received a message from channel {}", svc(service), ch(channel)),
            (true, true) => format!("{} received a message from channel {} (attempt {attempt})", svc(service), ch(channel)),
            (false, false) => format!("{} menerima pesan dari channel {}", svc(service), ch(channel)),
            (false, true) => format!("{} menerima pesan dari channel {} (percobaan ke-{attempt})", svc(service), ch(channel)),
        },
        // In each broker's words: a queue deletes what was acknowledged, a
        // log keeps the record (the group's offset moves on), a fan-out
        // channel kept nothing to begin with.
        EventKind::Ack { channel, service, .. } => match (kind_of(s, channel), en) {
            (Some(ChannelKind::Log(_)), true) => format!("{} finished a record; topic {} keeps it (the group's offset moves on)", svc(service), ch(channel)),
            (Some(ChannelKind::Log(_)), false) => format!("{} selesai dengan satu record; topik {} tetap menyimpannya (offset grup maju)", svc(service), ch(channel)),
            (Some(ChannelKind::PubSub), true) => format!("{} finished its copy from channel {}", svc(service), ch(channel)),
            (Some(ChannelKind::PubSub), false) => format!("{} selesai dengan salinannya dari channel {}", svc(service), ch(channel)),
            (_, true) => format!("{} acknowledged; channel {} deletes the message", svc(service), ch(channel)),
            (_, false) => format!("{} mengonfirmasi (ack); channel {} menghapus pesannya", svc(service), ch(channel)),
        },
        EventKind::AckLate { service, .. } => if en {
            format!("{} acknowledged too late: the message had already been given out again (duplicate work)", svc(service))
        } else {
            format!("{} terlambat mengonfirmasi: pesan sudah diberikan lagi (kerja ganda)", svc(service))
        },
        EventKind::Nack { channel, service, .. } => if en {
            format!("{} could not process it; the message goes back to channel {}", svc(service), ch(channel))
        } else {
            format!("{} gagal memprosesnya; pesan kembali ke channel {}", svc(service), ch(channel))
        },
        EventKind::Redeliver { channel, attempt, cause, .. } => match (en, cause) {
            (true, RedeliverCause::Timeout) => format!("No acknowledgement in time: channel {} will deliver it again (attempt {attempt})", ch(channel)),
            (true, RedeliverCause::Nack) => format!("Channel {} will deliver it again (attempt {attempt})", ch(channel)),
            (false, RedeliverCause::Timeout) => format!("Tidak ada konfirmasi tepat waktu: channel {} akan mengirimnya lagi (percobaan ke-{attempt})", ch(channel)),
            (false, RedeliverCause::Nack) => format!("Channel {} akan mengirimnya lagi (percobaan ke-{attempt})", ch(channel)),
            (true, RedeliverCause::ConsumerDown) => format!("Its consumer went away: channel {} takes the message back and can deliver it again at once (attempt {attempt})", ch(channel)),
            (false, RedeliverCause::ConsumerDown) => format!("Konsumennya terputus: channel {} mengambil kembali pesan itu dan bisa langsung mengirimnya lagi (percobaan ke-{attempt})", ch(channel)),
        },
        EventKind::Missed { channel, service, .. } => if en {
            format!("{} is down, so it is not subscribed to channel {}: it misses this message for good", svc(service), ch(channel))
        } else {
            format!("{} mati, jadi tidak berlangganan channel {}: pesan ini terlewat selamanya", svc(service), ch(channel))
        },
        EventKind::Drop { channel, reason: r, .. } => if en {
            format!("A message on channel {} was lost: {}", ch(channel), reason(r, lang))
        } else {
            format!("Sebuah pesan di channel {} hilang: {}", ch(channel), reason(r, lang))
        },
        EventKind::DeadLetter { channel, to, .. } => if en {
            format!("Channel {} moved a message to dead-letter channel {}", ch(channel), ch(to))
        } else {
            format!("Channel {} memindahkan pesan ke channel dead-letter {}", ch(channel), ch(to))
        },
        EventKind::Redriven { channel, to, .. } => if en {
            format!("A message in {} was redriven to {}: it will be delivered again from there", ch(channel), ch(to))
        } else {
            format!("Sebuah pesan di {} dikirim ulang (redrive) ke {}: ia akan diantar lagi dari sana", ch(channel), ch(to))
        },
        EventKind::RpcCall { from, to, order, .. } => if en {
            format!("{} calls {} for order #{order} and waits", svc(from), svc(to))
        } else {
            format!("{} memanggil {} untuk pesanan #{order} dan menunggu", svc(from), svc(to))
        },
        EventKind::RpcReturn { from, to, ok, .. } => match (en, ok) {
            (true, true) => format!("{} replied to {}", svc(to), svc(from)),
            (true, false) => format!("{} replied to {} with an error", svc(to), svc(from)),
            (false, true) => format!("{} membalas {}", svc(to), svc(from)),
            (false, false) => format!("{} membalas {} dengan galat", svc(to), svc(from)),
        },
        EventKind::RpcTimeout { from, to, .. } => if en {
            format!("{} gave up waiting for {}", svc(from), svc(to))
        } else {
            format!("{} berhenti menunggu {}", svc(from), svc(to))
        },
        EventKind::ServiceDown { service } => if en {
            format!("{} is down", svc(service))
        } else {
            format!("{} mati", svc(service))
        },
        EventKind::ServiceUp { service } => if en {
            format!("{} is back up", svc(service))
        } else {
            format!("{} menyala lagi", svc(service))
        },
        EventKind::Returned { channel, service, .. } => if en {
            format!("{} got its message back from {}: nothing was bound to take it (mandatory), so the publish failed", svc(service), ch(channel))
        } else {
            format!("{} menerima kembali pesannya dari {}: tidak ada yang terikat untuk menerimanya (mandatory), jadi publish gagal", svc(service), ch(channel))
        },
        EventKind::Changed { action } => change(s.actions.get(action as usize)?, s, lang),
    })
}

/// A scheduled topology change, told with the nodes' names.
fn change(a: &Action, s: &Scenario, lang: Lang) -> String {
    let svc = |id: &str| {
        (s.services.iter().position(|v| v.id == id))
            .map_or(id, |i| s.service_name(i))
            .to_string()
    };
    let ch = |id: &str| {
        (s.channels.iter().position(|c| c.id == id))
            .map_or(id, |i| s.channel_name(i))
            .to_string()
    };
    let en = lang == Lang::En;
    match a {
        Action::Subscribe {
            subscription: w, ..
        } => {
            if en {
                format!("{} subscribes to {} now: it gets what comes from here on, as the broker decides", svc(&w.service), ch(&w.channel))
            } else {
                format!("{} kini berlangganan {}: ia menerima yang datang mulai sekarang, sesuai aturan broker", svc(&w.service), ch(&w.channel))
            }
        }
        Action::Unsubscribe {
            channel, service, ..
        } => {
            if en {
                format!("{} unsubscribes from {}", svc(service), ch(channel))
            } else {
                format!("{} berhenti berlangganan {}", svc(service), ch(channel))
            }
        }
        Action::Bind {
            channel, binding, ..
        } => {
            if en {
                format!("{} is bound to {} now", ch(&binding.to), ch(channel))
            } else {
                format!("{} kini terikat ke {}", ch(&binding.to), ch(channel))
            }
        }
        Action::Unbind { channel, to, .. } => {
            if en {
                format!("{} is no longer bound to {}", ch(to), ch(channel))
            } else {
                format!("{} tidak lagi terikat ke {}", ch(to), ch(channel))
            }
        }
        Action::Down { .. } | Action::Up { .. } | Action::Rewind { .. } => String::new(),
    }
}
