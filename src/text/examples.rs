//! What each built-in example shows and what to try in it, in English and
//! Bahasa Indonesia (the card an example opens with, and the overview's
//! "About this example"). The facts are the ones the engine models, each
//! from its broker's documentation (see `docs/brokers.md`).

use crate::text::i18n::Lang;

/// A text in both languages: `[English, Indonesian]`.
type Both = [&'static str; 2];

/// An example's note.
pub struct Note {
    /// What is special here.
    pub special: Both,
    /// Things to try, in order.
    pub try_this: &'static [Both],
}

/// The text of `both` in `lang`.
pub fn pick(both: &Both, lang: Lang) -> &'static str {
    match lang {
        Lang::En => both[0],
        Lang::Id => both[1],
    }
}

/// The note of built-in example `id` (a gallery id).
pub fn note(id: &str) -> Option<&'static Note> {
    NOTES.iter().find(|(i, _)| *i == id).map(|(_, n)| n)
}

#[rustfmt::skip]
const NOTES: &[(&str, Note)] = &[
    ("lesson", Note {
        special: ["Order service publishes each order once. The broker gives Email and SMS a queue each and copies the order channel's message to both Finance and Report. The order is answered as soon as it is published.",
                  "Order service menerbitkan tiap pesanan sekali saja. Broker memberi Email dan SMS antrean masing-masing, dan menyalin pesan channel order ke Finance dan Report. Pesanan dijawab begitu pesannya terbit."],
        try_this: &[
            ["Place an order and watch one publish become four deliveries.", "Buat pesanan dan lihat satu publish menjadi empat pengantaran."],
            ["Switch to RPC and compare the response time.", "Pindah ke RPC dan bandingkan waktu responsnya."],
            ["Take SMS service down: its messages wait in the sms queue until it is back.", "Matikan SMS service: pesannya menunggu di antrean sms sampai ia hidup lagi."],
        ],
    }),
    ("lesson-rpc", Note {
        special: ["No broker: Order service calls Email, SMS, Finance and Report one after another, waits for each reply, and sends the same order data every time.",
                  "Tanpa broker: Order service memanggil Email, SMS, Finance dan Report satu per satu, menunggu tiap balasan, dan mengirim data pesanan yang sama setiap kali."],
        try_this: &[
            ["Place an order and count the calls before it is answered.", "Buat pesanan dan hitung panggilan sebelum pesanan dijawab."],
            ["Open Side by side to run the same orders through a broker too.", "Buka Berdampingan untuk menjalankan pesanan yang sama lewat broker juga."],
            ["Make one hop slower under Network (nothing selected) and watch the answer time grow.", "Perlambat satu lompatan di Jaringan (tanpa memilih node) dan lihat waktu jawabnya bertambah."],
        ],
    }),
    ("pipeline", Note {
        special: ["Each step hands its work to the next through a queue, so Payment keeps working while Shipping is down.",
                  "Tiap langkah menyerahkan pekerjaannya ke langkah berikutnya lewat antrean, jadi Payment tetap bekerja saat Shipping mati."],
        try_this: &[
            ["Take Shipping service down, place orders, and watch the payments queue grow; bring it up and the queue drains.", "Matikan Shipping service, buat pesanan, dan lihat antrean payments bertambah; hidupkan lagi dan antreannya habis."],
            ["Give Payment service 3 workers and send a burst.", "Beri Payment service 3 worker lalu kirim sekaligus."],
        ],
    }),
    ("competing-consumers", Note {
        special: ["Three workers read one queue: each job goes to exactly one of them. A job that fails twice moves to the dead-letter queue instead of blocking the rest.",
                  "Tiga worker membaca satu antrean: tiap tugas diambil tepat satu worker. Tugas yang gagal dua kali pindah ke antrean dead-letter, tidak menghalangi tugas lain."],
        try_this: &[
            ["Send a burst and compare how many jobs each worker finished.", "Kirim sekaligus dan bandingkan berapa tugas yang diselesaikan tiap worker."],
            ["Watch Worker C (flaky): its failed jobs go back to the queue, then some end in dead.", "Perhatikan Worker C (flaky): tugas yang gagal kembali ke antrean, lalu sebagian berakhir di dead."],
            ["Raise the jobs queue's delivery limit and see fewer dead letters.", "Naikkan batas pengantaran antrean jobs dan lihat dead letter berkurang."],
        ],
    }),
    ("loss-vs-queue", Note {
        special: ["Both subscribers are down. Pub/sub delivers only to whoever listens now, so live loses every message; the durable queue keeps them.",
                  "Kedua pelanggan mati. Pub/sub hanya mengantar ke yang sedang mendengarkan, jadi live kehilangan semua pesan; antrean durable menyimpannya."],
        try_this: &[
            ["Place a few orders, then bring both services up: only the Mailer gets the old messages.", "Buat beberapa pesanan, lalu hidupkan kedua service: hanya Mailer yang menerima pesan lama."],
        ],
    }),
    ("stress", Note {
        special: ["One producer, one pub/sub channel, 48 subscribers: every order becomes 48 deliveries. It shows how much the simulator and your browser carry.",
                  "Satu produsen, satu channel pub/sub, 48 pelanggan: tiap pesanan menjadi 48 pengantaran. Contoh ini menunjukkan seberapa banyak yang sanggup dibawa simulator dan peramban kamu."],
        try_this: &[
            ["Set Orders/s to 100 and watch the counters keep up.", "Atur Pesanan/detik ke 100 dan lihat penghitungnya tetap mengikuti."],
        ],
    }),
    ("redis", Note {
        special: ["Redis Pub/Sub keeps nothing: PUBLISH hands the message to the clients subscribed at that moment and returns how many there were. SMS service is down from 5 s to 15 s, and what was published then never reaches it.",
                  "Redis Pub/Sub tidak menyimpan apa pun: PUBLISH menyerahkan pesan ke klien yang berlangganan saat itu dan mengembalikan jumlahnya. SMS service mati dari detik 5 sampai 15, dan pesan yang terbit selama itu tidak pernah sampai."],
        try_this: &[
            ["Watch the sms channel's missed count while SMS service is down.", "Perhatikan jumlah terlewat di channel sms selama SMS service mati."],
            ["Open the RabbitMQ or SQS example and do the same: a queue keeps the messages.", "Buka contoh RabbitMQ atau SQS dan lakukan hal yang sama: antrean menyimpan pesannya."],
        ],
    }),
    ("kafka", Note {
        special: ["A Kafka topic is a log: it keeps every record (here for 7 days) and each consumer group commits how far it has read. order has 3 partitions keyed by customer; Finance and Finance #2 share the group finance, so each partition has one owner. Finance goes down at 8 s; once the group notices (45 s session timeout), Finance #2 takes its partitions.",
                  "Topik Kafka adalah log: ia menyimpan setiap record (di sini 7 hari) dan tiap consumer group meng-commit sejauh mana ia sudah membaca. order punya 3 partisi menurut pelanggan; Finance dan Finance #2 berbagi grup finance, jadi tiap partisi punya satu pemilik. Finance mati di detik 8; begitu grup menyadarinya (session timeout 45 s), Finance #2 mengambil alih partisinya."],
        try_this: &[
            ["Watch the lanes under order: records written, each group's committed offset and its lag.", "Perhatikan lajur di bawah order: record yang tertulis, offset yang di-commit tiap grup, dan lag-nya."],
            ["Select order and rewind the report group: it reads the kept records again.", "Pilih order dan putar ulang grup report: ia membaca lagi record yang tersimpan."],
            ["Bring Finance service back up and see the partitions shared again.", "Hidupkan lagi Finance service dan lihat partisinya dibagi lagi."],
        ],
    }),
    ("rabbitmq", Note {
        special: ["Order service publishes to one topic exchange, shop, with a routing key; each binding copies the message into its queue when the key matches its pattern. SMS rejects failed messages, and the dlx exchange takes them to sms-dead.",
                  "Order service menerbitkan ke satu topic exchange, shop, dengan routing key; tiap binding menyalin pesan ke antreannya bila key cocok dengan polanya. SMS menolak pesan yang gagal, dan exchange dlx membawanya ke sms-dead."],
        try_this: &[
            ["Select shop to read its bindings (report binds order.#).", "Pilih shop untuk membaca binding-nya (report memakai order.#)."],
            ["Change a routing key in Order service's publishes and see which queue gets it.", "Ubah routing key pada publish Order service dan lihat antrean mana yang menerimanya."],
            ["Raise SMS service's failure chance and watch sms-dead fill.", "Naikkan peluang gagal SMS service dan lihat sms-dead terisi."],
        ],
    }),
    ("nsq", Note {
        special: ["An NSQ topic copies each message to every channel, and the consumers of one channel share its messages. A failed message is requeued after a delay, up to 5 attempts. A topic with no channel keeps its messages until one appears.",
                  "Topik NSQ menyalin tiap pesan ke setiap channel, dan consumer satu channel berbagi pesannya. Pesan yang gagal diantrekan lagi setelah jeda, sampai 5 percobaan. Topik tanpa channel menyimpan pesannya sampai ada channel."],
        try_this: &[
            ["Watch SMS service retry its failed messages (1 s requeue delay).", "Perhatikan SMS service mencoba lagi pesan yang gagal (jeda antre ulang 1 s)."],
            ["Duplicate Finance service (Ctrl+D): the two share order.finance.", "Gandakan Finance service (Ctrl+D): keduanya berbagi order.finance."],
        ],
    }),
    ("google-pubsub", Note {
        special: ["A Pub/Sub topic gives each subscription its own copy. A subscriber acks within the ack deadline (10 s here) or the message is delivered again. SMS fails 60% of the time: after 5 delivery attempts a message goes to the dead-letter topic sms-dead.",
                  "Topik Pub/Sub memberi tiap langganan salinannya sendiri. Pelanggan meng-ack dalam batas waktu ack (di sini 10 s) atau pesan diantar lagi. SMS gagal 60% dari waktu: setelah 5 percobaan pengantaran, pesan masuk ke topik dead-letter sms-dead."],
        try_this: &[
            ["Watch sms-sub redeliver, then sms-dead-sub fill.", "Perhatikan sms-sub mengantar ulang, lalu sms-dead-sub terisi."],
            ["Take Email service down: email-sub keeps its messages until it is back.", "Matikan Email service: email-sub menyimpan pesannya sampai ia kembali."],
        ],
    }),
    ("sqs", Note {
        special: ["An SQS queue does not delete a message it hands out: it hides it for the visibility timeout (30 s) until the consumer deletes it. Finance and Report both read the queue order, so each message goes to one of them; after 2 receives a message moves to order-dlq.",
                  "Antrean SQS tidak menghapus pesan yang diberikannya: pesan disembunyikan selama visibility timeout (30 s) sampai consumer menghapusnya. Finance dan Report sama-sama membaca antrean order, jadi tiap pesan hanya ke salah satunya; setelah 2 kali diterima, pesan pindah ke order-dlq."],
        try_this: &[
            ["Take Report service down mid-run: the messages it held come back after 30 s.", "Matikan Report service di tengah jalan: pesan yang dipegangnya kembali setelah 30 s."],
            ["Give Finance service a failure chance and watch order-dlq.", "Beri Finance service peluang gagal dan perhatikan order-dlq."],
        ],
    }),
    ("sns-sqs", Note {
        special: ["SNS copies each message to the subscribed SQS queues whose filter policy matches its attributes (kind: email, sms or order). sms-q hides a message for 2 s and moves it to sms-dlq after 3 receives.",
                  "SNS menyalin tiap pesan ke antrean SQS berlangganan yang filter policy-nya cocok dengan atributnya (kind: email, sms atau order). sms-q menyembunyikan pesan selama 2 s dan memindahkannya ke sms-dlq setelah 3 kali diterima."],
        try_this: &[
            ["Select notifications to read each subscription's filter policy.", "Pilih notifications untuk membaca filter policy tiap langganan."],
            ["Change an attribute in Order service's publishes so no filter matches: SNS delivers it nowhere.", "Ubah atribut pada publish Order service sampai tidak ada filter yang cocok: SNS tidak mengantarnya ke mana pun."],
        ],
    }),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_example_has_a_note_in_both_languages() {
        for id in crate::io::gallery::ids() {
            let n = note(id).unwrap_or_else(|| panic!("{id} has no note"));
            assert!(!n.try_this.is_empty(), "{id}: nothing to try");
            for both in std::iter::once(&n.special).chain(n.try_this) {
                assert!(
                    !both[0].is_empty() && !both[1].is_empty() && both[0] != both[1],
                    "{id}: {both:?}"
                );
            }
        }
    }
}
