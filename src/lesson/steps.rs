//! The guided lesson and its challenges: what each step sets up, asks and
//! explains, in English and Bahasa Indonesia. Every text has both languages
//! by construction (`Text` has two fields), so no step can miss one.

use super::check::Check;

/// One text in both languages.
#[derive(Clone, Copy, Debug)]
pub struct Text {
    /// English.
    pub en: &'static str,
    /// Bahasa Indonesia.
    pub id: &'static str,
}

const fn t(en: &'static str, id: &'static str) -> Text {
    Text { en, id }
}

/// What a step puts on the canvas when it starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setup {
    /// The lesson's example, messaging.
    Lesson,
    /// The lesson's example over RPC.
    LessonRpc,
    /// A gallery example by id.
    Example(&'static str),
    /// Keep whatever is on the canvas.
    Keep,
}

/// One step of the lesson (or a challenge).
#[derive(Clone, Copy, Debug)]
pub struct Step {
    /// Stable id (saved progress refers to it).
    pub id: &'static str,
    /// Short title.
    pub title: Text,
    /// What to look at, before acting.
    pub intro: Text,
    /// What to do.
    pub task: Text,
    /// What happened, shown once the check passes.
    pub explain: Text,
    /// Canvas at the start.
    pub setup: Setup,
    /// How Kurir knows the task is done.
    pub check: Check,
    /// A challenge (open-ended, checked) rather than a guided step.
    pub challenge: bool,
}

/// The lesson, in order, then the challenges.
pub const STEPS: &[Step] = &[
    Step {
        id: "meet",
        title: t("The Order service and its four helpers", "Order service dan empat rekannya"),
        intro: t(
            "A shop's Order service saves each order in PostgreSQL. Then four other services must hear about it: Email sends a confirmation, SMS sends a text, Finance books the payment and Report updates the sales figures.",
            "Order service sebuah toko menyimpan setiap pesanan di PostgreSQL. Setelah itu empat service lain harus tahu: Email mengirim konfirmasi, SMS mengirim pesan singkat, Finance mencatat pembayaran, dan Report memperbarui angka penjualan.",
        ),
        task: t(
            "Place one order: press the Place order button, or the O key.",
            "Buat satu pesanan: tekan tombol Buat pesanan, atau tombol O.",
        ),
        explain: t(
            "The dots are messages on their way. Each of the four services received the order and did its own job. The rest of the lesson is about how the order gets to them.",
            "Titik-titik itu adalah pesan yang sedang berjalan. Keempat service menerima pesanan dan mengerjakan tugasnya masing-masing. Sisa pelajaran ini membahas bagaimana pesanan sampai ke mereka.",
        ),
        setup: Setup::Lesson,
        check: Check::OrderPlaced,
        challenge: false,
    },
    Step {
        id: "rpc-wait",
        title: t("RPC: the order waits for every call", "RPC: pesanan menunggu setiap panggilan"),
        intro: t(
            "Now the Order service calls the four services itself, one after another, over RPC. Each call goes out, waits for the work and comes back before the next one starts.",
            "Sekarang Order service memanggil keempat service sendiri, satu per satu, lewat RPC. Setiap panggilan berangkat, menunggu pekerjaannya selesai, lalu kembali sebelum panggilan berikutnya dimulai.",
        ),
        task: t(
            "Place an order and wait until it is answered (see the event log).",
            "Buat pesanan dan tunggu sampai dijawab (lihat log kejadian).",
        ),
        explain: t(
            "The customer waited about 3 seconds: the Order service's own work plus all four calls added together, network time included. One slow service makes every order slow.",
            "Pelanggan menunggu sekitar 3 detik: kerja Order service sendiri ditambah keempat panggilan dijumlahkan, termasuk waktu jaringan. Satu service yang lambat membuat setiap pesanan ikut lambat.",
        ),
        setup: Setup::LessonRpc,
        check: Check::Answered { rpc: true },
        challenge: false,
    },
    Step {
        id: "rpc-twice",
        title: t("RPC: the same data, sent twice", "RPC: data yang sama, dikirim dua kali"),
        intro: t(
            "Finance and Report both need the same order data. With RPC the Order service has to send it to each of them separately.",
            "Finance dan Report sama-sama butuh data pesanan yang sama. Dengan RPC, Order service harus mengirimkannya ke masing-masing secara terpisah.",
        ),
        task: t(
            "Turn on Side by side to run the same orders through RPC and messaging together, and place an order.",
            "Nyalakan Berdampingan untuk menjalankan pesanan yang sama lewat RPC dan messaging sekaligus, lalu buat pesanan.",
        ),
        explain: t(
            "Look at \"same order data sent\" in the comparison: twice over RPC, once with messaging. The broker makes the copies for Finance and Report, so the Order service sends each piece of data only once.",
            "Lihat \"data pesanan yang sama dikirim\" di perbandingan: dua kali lewat RPC, sekali dengan messaging. Broker yang membuat salinan untuk Finance dan Report, jadi Order service cukup mengirim setiap data sekali.",
        ),
        setup: Setup::LessonRpc,
        check: Check::SideBySide,
        challenge: false,
    },
    Step {
        id: "rpc-parallel",
        title: t("RPC: parallel by hand is hard", "RPC: paralel secara manual itu sulit"),
        intro: t(
            "Could the Order service just call all four at the same time? It would need threads or async code, a timeout per call, and a plan for when two calls succeed and one fails. More workers only let more orders run at once; each order still waits for its four calls.",
            "Bisakah Order service memanggil keempatnya sekaligus? Ia butuh thread atau kode async, batas waktu untuk setiap panggilan, dan rencana kalau dua panggilan berhasil tetapi satu gagal. Menambah worker hanya membuat lebih banyak pesanan berjalan bersamaan; setiap pesanan tetap menunggu empat panggilannya.",
        ),
        task: t(
            "Select the Order service and give it 4 workers.",
            "Pilih Order service dan beri ia 4 worker.",
        ),
        explain: t(
            "Several orders are now handled at the same time, but each one still takes as long as before. With messaging the four services work in parallel on their own, without extra code in the Order service.",
            "Beberapa pesanan kini ditangani bersamaan, tetapi masing-masing tetap selama sebelumnya. Dengan messaging keempat service bekerja paralel dengan sendirinya, tanpa kode tambahan di Order service.",
        ),
        setup: Setup::LessonRpc,
        check: Check::OrderWorkers(4),
        challenge: false,
    },
    Step {
        id: "publish",
        title: t("Messaging: publish and move on", "Messaging: terbitkan lalu lanjut"),
        intro: t(
            "Now a broker sits in the middle with three channels: email, sms and order. The Order service publishes one message to each and is free again at once; it does not wait for anyone.",
            "Sekarang ada broker di tengah dengan tiga channel: email, sms, dan order. Order service menerbitkan satu pesan ke masing-masing lalu langsung bebas lagi; ia tidak menunggu siapa pun.",
        ),
        task: t("Place an order and watch when it is answered.", "Buat pesanan dan perhatikan kapan ia dijawab."),
        explain: t(
            "The order was answered after about 53 ms: its own work plus handing three messages to the broker. Email, SMS, Finance and Report then worked at the same time. The customer no longer waits for them.",
            "Pesanan dijawab setelah sekitar 53 ms: kerjanya sendiri ditambah menyerahkan tiga pesan ke broker. Lalu Email, SMS, Finance, dan Report bekerja bersamaan. Pelanggan tidak lagi menunggu mereka.",
        ),
        setup: Setup::Lesson,
        check: Check::Answered { rpc: false },
        challenge: false,
    },
    Step {
        id: "fanout",
        title: t("Fan-out: one message, two readers", "Fan-out: satu pesan, dua pembaca"),
        intro: t(
            "The email and sms channels are queues: each has one reader. The order channel is a topic that Finance and Report both subscribe to.",
            "Channel email dan sms adalah antrean: masing-masing punya satu pembaca. Channel order adalah topik yang dilanggani Finance dan Report sekaligus.",
        ),
        task: t(
            "Select the order channel (click it, or Tab to it and press Enter) to see its subscribers.",
            "Pilih channel order (klik, atau Tab ke sana lalu tekan Enter) untuk melihat pelanggannya.",
        ),
        explain: t(
            "A topic makes one copy per subscriber (fan-out). A new service that needs orders, say a Loyalty service, just subscribes; the Order service does not change at all.",
            "Topik membuat satu salinan untuk setiap pelanggan (fan-out). Service baru yang butuh data pesanan, misalnya Loyalty service, cukup berlangganan; Order service sama sekali tidak berubah.",
        ),
        setup: Setup::Lesson,
        check: Check::Selected("order"),
        challenge: false,
    },
    Step {
        id: "down",
        title: t("When a service is down", "Ketika sebuah service mati"),
        intro: t(
            "Services fail. Over RPC, a call to a service that is down waits for the timeout and the whole order fails. With a queue in between, the message simply waits.",
            "Service bisa gagal. Lewat RPC, panggilan ke service yang mati menunggu sampai batas waktu dan seluruh pesanan gagal. Dengan antrean di tengah, pesannya cukup menunggu.",
        ),
        task: t(
            "Select the SMS service, take it down, then place an order.",
            "Pilih SMS service, matikan, lalu buat pesanan.",
        ),
        explain: t(
            "The order was still answered, and its SMS message waits in the sms queue. Bring SMS back up and it catches up. Nothing was lost, and the customer did not notice.",
            "Pesanan tetap dijawab, dan pesan SMS-nya menunggu di antrean sms. Nyalakan lagi SMS dan ia akan mengejar ketinggalan. Tidak ada yang hilang, dan pelanggan tidak merasakannya.",
        ),
        setup: Setup::Lesson,
        check: Check::WaitingFor("sms"),
        challenge: false,
    },
    Step {
        id: "tradeoffs",
        title: t("The price of messaging", "Harga yang dibayar messaging"),
        intro: t(
            "Messaging is not free. The order topic is plain pub/sub: it keeps nothing for a subscriber that is away. Queues keep messages but may deliver one twice after a timeout (at-least-once), so consumers must cope with duplicates. And the answer comes before the work is done: for a moment Finance has not booked an order the customer already sees (eventual consistency).",
            "Messaging tidak gratis. Topik order adalah pub/sub biasa: ia tidak menyimpan apa pun untuk pelanggan yang sedang tidak ada. Antrean menyimpan pesan tetapi bisa mengirim satu pesan dua kali setelah batas waktu (at-least-once), jadi consumer harus siap menghadapi duplikat. Dan jawaban datang sebelum pekerjaan selesai: sesaat Finance belum mencatat pesanan yang sudah dilihat pelanggan (eventual consistency).",
        ),
        task: t(
            "Take the Finance service down and place an order.",
            "Matikan Finance service lalu buat pesanan.",
        ),
        explain: t(
            "Finance missed that order for good: a topic without storage sends copies only to the subscribers connected right now, and keeps nothing for one that is down (the channel shows it as missed). A queue for Finance, or a broker that keeps messages, would have kept it.",
            "Finance melewatkan pesanan itu selamanya: topik tanpa penyimpanan hanya mengirim salinan ke pelanggan yang sedang terhubung, dan tidak menyimpan apa pun untuk yang mati (channel menampilkannya sebagai terlewat). Antrean untuk Finance, atau broker yang menyimpan pesan, akan menyimpannya.",
        ),
        setup: Setup::Lesson,
        check: Check::LostWhileDown,
        challenge: false,
    },
    Step {
        id: "brokers",
        title: t("Six brokers, six sets of promises", "Enam broker, enam janji"),
        intro: t(
            "Redis Pub/Sub is fast and keeps nothing. Kafka keeps a log that many groups can read and replay. RabbitMQ routes messages through exchanges to queues. NSQ copies a topic to its channels with little to run. Google Pub/Sub and Amazon SQS with SNS are managed services in their clouds. Each channel's Kind menu lets you pick one.",
            "Redis Pub/Sub cepat dan tidak menyimpan apa pun. Kafka menyimpan log yang bisa dibaca dan diputar ulang oleh banyak grup. RabbitMQ merutekan pesan lewat exchange ke antrean. NSQ menyalin topik ke channel-channelnya dengan sedikit yang perlu dijalankan. Google Pub/Sub dan Amazon SQS dengan SNS adalah layanan terkelola di cloud masing-masing. Menu Jenis di setiap channel memungkinkanmu memilih salah satunya.",
        ),
        task: t(
            "Open a broker's example from the Example menu and let it run.",
            "Buka contoh salah satu broker dari menu Contoh dan biarkan berjalan.",
        ),
        explain: t(
            "Each example is this lesson's shop on that broker, with one moment that shows what it is known for: a lost message, a rebalance, a dead letter. Pick Redis for speed when loss is fine, Kafka for replay and many readers, RabbitMQ for routing and per-message acks, NSQ for simple fan-out, Google Pub/Sub or SQS/SNS when you live in that cloud.",
            "Setiap contoh adalah toko pelajaran ini di broker tersebut, dengan satu momen yang menunjukkan ciri khasnya: pesan yang hilang, rebalance, dead letter. Pilih Redis untuk kecepatan jika kehilangan pesan tidak masalah, Kafka untuk replay dan banyak pembaca, RabbitMQ untuk perutean dan ack per pesan, NSQ untuk fan-out sederhana, Google Pub/Sub atau SQS/SNS jika kamu memakai cloud tersebut.",
        ),
        setup: Setup::Keep,
        check: Check::BrokerExample,
        challenge: false,
    },
    Step {
        id: "challenge-fast",
        title: t("Challenge: fast at 20 orders per second", "Tantangan: tetap cepat di 20 pesanan per detik"),
        intro: t(
            "The Order service needs 50 ms per order with one worker, so 20 orders per second is all it can do; at that rate orders start to queue up and the answer gets slow.",
            "Order service butuh 50 ms per pesanan dengan satu worker, jadi 20 pesanan per detik adalah batasnya; pada laju itu pesanan mulai mengantre dan jawabannya jadi lambat.",
        ),
        task: t(
            "Set Orders/s to 20 and keep the order response time under 100 ms for 100 orders in a row (95th percentile).",
            "Atur Pesanan/detik ke 20 dan jaga waktu respons pesanan di bawah 100 ms untuk 100 pesanan berturut-turut (persentil ke-95).",
        ),
        explain: t(
            "Done: with spare workers the Order service answers every order quickly, and the broker absorbs the rest of the work.",
            "Berhasil: dengan worker cadangan Order service menjawab setiap pesanan dengan cepat, dan broker menampung sisa pekerjaannya.",
        ),
        setup: Setup::Lesson,
        check: Check::FastAtRate {
            per_second: 20.0,
            orders: 100,
            p95_ms: 100.0,
        },
        challenge: true,
    },
    Step {
        id: "challenge-no-loss",
        title: t("Challenge: no SMS lost", "Tantangan: tidak ada SMS yang hilang"),
        intro: t(
            "This shop uses Redis Pub/Sub, and the SMS service is down from 5 s to 15 s. Redis keeps nothing for an absent subscriber.",
            "Toko ini memakai Redis Pub/Sub, dan SMS service mati dari detik ke-5 sampai ke-15. Redis tidak menyimpan apa pun untuk pelanggan yang tidak ada.",
        ),
        task: t(
            "Change the sms channel so that all 30 SMS messages arrive, then let the run reach 40 s.",
            "Ubah channel sms agar ke-30 pesan SMS sampai, lalu biarkan simulasi mencapai detik ke-40.",
        ),
        explain: t(
            "Done: a channel that stores messages held them while SMS was down and delivered them when it came back.",
            "Berhasil: channel yang menyimpan pesan menahannya selama SMS mati dan mengirimkannya ketika SMS kembali.",
        ),
        setup: Setup::Example("redis"),
        check: Check::NoLossFor {
            service: "sms",
            orders: 30,
            at_s: 40,
        },
        challenge: true,
    },
];
