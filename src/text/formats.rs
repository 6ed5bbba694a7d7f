//! What an import or export of another tool's file left out, in the
//! interface language. The engine says each reason in English (for
//! `kurir-live` and the tests); here the same typed reason is told in
//! Bahasa Indonesia too.

use kurir_engine::formats::{FormatError, Reason, Unmapped};

use crate::text::errors::describe;
use crate::text::i18n::Lang;

/// One reason in `lang`.
pub fn reason(r: &Reason, lang: Lang) -> String {
    if lang == Lang::En {
        return r.english();
    }
    match r {
        Reason::Log => "log berpartisi itu milik Kafka; RabbitMQ punya queue dan exchange".into(),
        Reason::FilterRouting => "filter policy itu milik SNS dan Google Pub/Sub; exchange headers RabbitMQ mencocokkan header".into(),
        Reason::KeepUnroutable => "exchange tidak menyimpan pesan yang tidak bisa dirutekan (itu topic NSQ)".into(),
        Reason::OrderedByKey => "satu pesan diproses per key adalah message group SQS FIFO".into(),
        Reason::DedupWindow => "jendela deduplikasi itu milik SQS FIFO".into(),
        Reason::RetryDelay => "RabbitMQ langsung mengantre ulang pesan yang ditolak; jeda retry bukan argumen queue-nya".into(),
        Reason::WaitOnFailure => "consumer RabbitMQ menolak pesan yang gagal diproses (tidak ada visibility timeout untuk ditunggu)".into(),
        Reason::ClientSide(field) => format!("{field} adalah perilaku consumer atau pengaturan broker sendiri; berkas definitions tidak memuatnya"),
        Reason::ExchangeType(t) => format!("tipe exchange {t} berasal dari plugin; Kurir memodelkan exchange direct, fanout, topic dan headers (ditinggalkan beserta binding-nya)"),
        Reason::Argument(a) => format!("{a} tidak dimodelkan; ditinggalkan"),
        Reason::UnknownObject(n) => format!("menyebut {n}, yang tidak dideklarasikan di berkas; ditinggalkan"),
        Reason::OtherVhost(v) => format!("hanya virtual host pertama yang dibaca; objek di {v} ditinggalkan"),
        Reason::NotTopology => "user, permission, policy dan parameter bukan bagian dari skenario; ditinggalkan".into(),
        Reason::GuessedPubSub => "tidak ada binding atau server yang menyebut jenis channel ini; dibaca sebagai channel fan-out (pub/sub)".into(),
        Reason::ExternalRef(r) => format!("merujuk ke {r}, di luar dokumen ini; ditinggalkan"),
        Reason::OneApplication(id) => format!("sebuah dokumen menggambarkan satu aplikasi: operasi send dan receive-nya menjadi service {id}"),
        Reason::Renamed(id) => format!("mendapat id {id} (id Kurir harus unik, 1-64 huruf, angka, '-', '_' atau '.'); namanya tetap"),
    }
}

/// Everything left out, one per line, in `lang`.
pub fn unmapped(list: &[Unmapped], lang: Lang) -> String {
    list.iter()
        .map(|u| format!("{}: {}", u.what, reason(&u.reason, lang)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Why a file could not be read, in `lang`.
pub fn format_error(e: &FormatError, lang: Lang) -> String {
    match (e, lang) {
        (FormatError::Invalid(e), _) => describe(e, lang),
        (_, Lang::En) => e.to_string(),
        (FormatError::NotJson(m), _) => format!("bukan JSON: {m}"),
        (FormatError::NotThisFormat, _) => "bukan berkas dengan format ini".into(),
        (FormatError::AsyncapiVersion(v), _) => format!("AsyncAPI {v}: Kurir membaca dokumen AsyncAPI 3 (`asyncapi convert` mengubah versi lama menjadi 3.0)"),
        (FormatError::AsyncapiYaml, _) => "dokumen AsyncAPI dalam YAML: Kurir membaca bentuk JSON-nya (AsyncAPI Studio dan `asyncapi convert` bisa menulisnya)".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_is_said_in_both_languages_with_its_detail() {
        let all = [
            Reason::Log,
            Reason::FilterRouting,
            Reason::KeepUnroutable,
            Reason::OrderedByKey,
            Reason::DedupWindow,
            Reason::RetryDelay,
            Reason::WaitOnFailure,
            Reason::ClientSide("on_failure".into()),
            Reason::ExchangeType("x-hash".into()),
            Reason::Argument("x-max-priority".into()),
            Reason::UnknownObject("nowhere".into()),
            Reason::OtherVhost("staging".into()),
            Reason::NotTopology,
            Reason::Renamed("a-2".into()),
            Reason::GuessedPubSub,
            Reason::ExternalRef("common.json".into()),
            Reason::OneApplication("streetlights".into()),
        ];
        for r in &all {
            let (en, id) = (reason(r, Lang::En), reason(r, Lang::Id));
            assert_ne!(en, id, "{r:?} has its own Indonesian text");
            for detail in [
                "on_failure",
                "x-hash",
                "x-max-priority",
                "nowhere",
                "staging",
                "a-2",
                "common.json",
                "streetlights",
            ] {
                assert_eq!(en.contains(detail), id.contains(detail), "{r:?}: {detail}");
            }
        }
    }
}
