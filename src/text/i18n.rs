//! Every user-visible string, in English and Bahasa Indonesia. A key without
//! both texts does not compile, so no screen can miss a translation.

use serde::{Deserialize, Serialize};

/// Interface language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Bahasa Indonesia.
    Id,
}

impl Lang {
    /// From a BCP 47 tag such as `id-ID` or `en-GB`.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("id") || tag.to_ascii_lowercase().starts_with("in")
        {
            Lang::Id
        } else {
            Lang::En
        }
    }

    /// The `lang` attribute value.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Id => "id",
        }
    }
}

macro_rules! catalogue {
    ($($key:ident => $en:literal, $id:literal;)*) => {
        /// A piece of interface text.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum T { $($key),* }

        impl T {
            /// Every key (for tests).
            pub const ALL: &'static [T] = &[$(T::$key),*];

            /// The text in `lang`.
            pub fn get(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((T::$key, Lang::En) => $en, (T::$key, Lang::Id) => $id,)*
                }
            }
        }
    };
}

catalogue! {
    Tagline => "messaging playground", "taman bermain messaging";
    Canvas => "Canvas", "Kanvas";
    Inspector => "Inspector", "Inspektur";
    Play => "Play", "Jalankan";
    Pause => "Pause", "Jeda";
    Step => "Step", "Langkah";
    Reset => "Reset", "Ulang";
    Speed => "Speed", "Kecepatan";
    Seed => "Seed", "Seed";
    PlaceOrder => "Place order", "Buat pesanan";
    Burst => "Burst ×10", "Sekaligus ×10";
    Rate => "Orders/s", "Pesanan/detik";
    Mode => "Mode", "Mode";
    Messaging => "Messaging", "Messaging";
    Rpc => "RPC", "RPC";
    Language => "Language: English (switch to Bahasa Indonesia)", "Bahasa: Indonesia (ganti ke English)";
    Theme => "Theme", "Tema";
    AddService => "Service", "Service";
    AddQueue => "Queue", "Antrean";
    AddTopic => "Pub/Sub topic", "Topik Pub/Sub";
    Add => "Add", "Tambah";
    Delete => "Delete", "Hapus";
    Duplicate => "Duplicate", "Duplikat";
    Undo => "Undo", "Urungkan";
    Redo => "Redo", "Ulangi";
    FitView => "Fit to view", "Muat di layar";
    NothingSelected => "Select a service or a channel to see and change its settings.", "Pilih sebuah service atau channel untuk melihat dan mengubah pengaturannya.";
    Name => "Name", "Nama";
    ProcessingMs => "Processing time (250 ms, 2 s…)", "Waktu proses (250 ms, 2 s…)";
    Workers => "Workers", "Worker";
    FailureChance => "Failure chance (%)", "Peluang gagal (%)";
    Up => "Up", "Menyala";
    Down => "Down", "Mati";
    TakeDown => "Take down", "Matikan";
    BringUp => "Bring up", "Nyalakan";
    Database => "Database", "Database";
    PublishesTo => "Publishes to", "Menerbitkan ke";
    SubscribedBy => "Subscribers", "Pelanggan";
    SubscribesTo => "Subscribes to", "Berlangganan ke";
    PublishedBy => "Publishers", "Penerbit";
    PublishToAction => "Publish to…", "Terbitkan ke…";
    SubscribeToAction => "Subscribe to…", "Berlangganan ke…";
    BindToAction => "Bind to…", "Ikat ke…";
    AddSubscriberAction => "Add a subscriber…", "Tambah pelanggan…";
    AddPublisherAction => "Add a publisher…", "Tambah penerbit…";
    Disconnect => "Remove wire", "Lepas kabel";
    Kind => "Kind", "Jenis";
    PubSub => "Pub/Sub (fan-out)", "Pub/Sub (fan-out)";
    Queue => "Queue (competing consumers)", "Antrean (consumer bersaing)";
    ExchangeKind => "Exchange (routes to channels)", "Exchange (merutekan ke channel)";
    LogKind => "Log (partitions, offsets)", "Log (partisi, offset)";
    Generic => "Generic", "Umum";
    OnFailure => "When work fails", "Saat kerja gagal";
    FailRequeue => "Requeue it (nack)", "Kembalikan ke antrean (nack)";
    FailReject => "Reject it (dead-letter or drop)", "Tolak (dead-letter atau buang)";
    FailWait => "Leave it until its visibility timeout (SQS)", "Biarkan sampai visibility timeout habis (SQS)";
    RetryPolicy => "Redelivery", "Pengiriman ulang";
    RetryImmediate => "At once", "Segera";
    RetryDelay => "After a fixed delay", "Setelah jeda tetap";
    RetryBackoff => "Exponential backoff", "Backoff eksponensial";
    RetryLinear => "Delay × deliveries so far (NSQ REQ)", "Jeda × jumlah kiriman (REQ NSQ)";
    RetryMs => "Delay (e.g. 90 s)", "Jeda (mis. 90 s)";
    BackoffMaxMs => "Longest delay (e.g. 15 min)", "Jeda terlama (mis. 15 min)";
    OrderedByKey => "One message per key at a time (FIFO group, ordering key)", "Satu pesan per kunci sekaligus (grup FIFO, ordering key)";
    Touch => "Consumers TOUCH long work (no timeout while alive)", "Consumer mengirim TOUCH (tak ada timeout selama hidup)";
    DeadLetterExpired => "Expired and overflowing messages are dead-lettered", "Pesan kedaluwarsa dan luapan masuk dead-letter";
    RequeueOnDown => "A consumer that goes down gives its messages back at once", "Consumer yang mati langsung mengembalikan pesannya";
    DedupMs => "Deduplication window (e.g. 5 min; empty = off)", "Jendela deduplikasi (mis. 5 min; kosong = mati)";
    TtlMs => "Time to live / retention (e.g. 4 d; empty = none)", "Umur pesan / retensi (mis. 4 d; kosong = tanpa batas)";
    Routing => "Routing", "Perutean";
    RoutingFanout => "fanout: every binding", "fanout: semua binding";
    RoutingDirect => "direct: key equals routing key", "direct: kunci sama dengan routing key";
    RoutingTopic => "topic: pattern (* one word, # any)", "topic: pola (* satu kata, # berapa pun)";
    RoutingHeaders => "headers: header values match", "headers: nilai header cocok";
    RoutingFilter => "filter: attribute filter policy", "filter: kebijakan filter atribut";
    Unroutable => "When no binding matches", "Jika tidak ada binding yang cocok";
    UnroutableDrop => "Drop the message", "Buang pesannya";
    UnroutableReturn => "Return it to the publisher (every publish mandatory)", "Kembalikan ke penerbit (setiap publish mandatory)";
    Mandatory => "Mandatory: return to me if nothing takes it", "Mandatory: kembalikan ke saya jika tak ada yang menerima";
    UnroutableKeep => "Keep it here until a channel exists", "Simpan di sini sampai ada channel";
    BoundTo => "Bound to", "Terikat ke";
    BindingKey => "Binding key, or name=value, …", "Binding key, atau nama=nilai, …";
    Partitions => "Partitions", "Partisi";
    RetentionMs => "Retention (e.g. 7 d)", "Retensi (mis. 7 d)";
    AutoCommitMs => "Auto-commit interval (e.g. 5 s; empty = after each record)", "Interval auto-commit (mis. 5 s; kosong = setiap record)";
    SessionMs => "Session timeout (e.g. 45 s)", "Batas waktu sesi (mis. 45 s)";
    OffsetReset => "A new group starts at", "Grup baru mulai dari";
    OffsetLatest => "latest (new records only)", "latest (hanya record baru)";
    OffsetEarliest => "earliest (oldest record kept)", "earliest (record tertua yang tersimpan)";
    Envelope => "Routing key, key or name=value", "Routing key, kunci, atau nama=nilai";
    DedupId => "Deduplication id (empty: by content)", "Id deduplikasi (kosong: menurut isi)";
    MustBeCount => "Enter a whole number in the allowed range", "Masukkan bilangan bulat dalam rentang yang diizinkan";
    MustBeOrderNumbers => "Enter order numbers (1, 2, …) separated by commas, at most 100", "Masukkan nomor pesanan (1, 2, …) dipisah koma, paling banyak 100";
    FailsOrders => "Always fails orders (poison message)", "Selalu gagal untuk pesanan (pesan beracun)";
    Consumers => "Consumers", "Consumer";
    VisibilityMs => "Visibility timeout (e.g. 30 s)", "Batas waktu visibilitas (mis. 30 s)";
    MaxDeliveries => "Max deliveries (0 = no limit)", "Maks. pengiriman (0 = tanpa batas)";
    DeadLetter => "Dead-letter channel", "Channel dead-letter";
    NoneOption => "(none)", "(tidak ada)";
    Service => "Service", "Service";
    Channel => "Channel", "Channel";
    Idle => "idle", "siap";
    Busy => "busy", "sibuk";
    Waiting => "waiting", "menunggu";
    Processed => "done", "selesai";
    Failed => "failed", "gagal";
    Depth => "waiting", "menunggu";
    Dropped => "lost", "hilang";
    Missed => "missed", "terlewat";
    DeadLettered => "dead-lettered", "dead-letter";
    Compare => "RPC vs messaging", "RPC vs messaging";
    CompareIntro => "Medians of the same 10 orders (one every 100 ms) in both styles:", "Median dari 10 pesanan yang sama (satu tiap 100 ms) dengan kedua cara:";
    ResponseTime => "Response time", "Waktu respons";
    EndToEnd => "All work done after", "Semua kerja selesai setelah";
    Throughput => "Throughput", "Throughput";
    ThroughputPerSec => "Throughput (orders/s)", "Throughput (pesanan/detik)";
    SameDataSent => "Same data sent", "Data sama dikirim";
    Times => "×", "×";
    Log => "Event log", "Log kejadian";
    Filter => "Filter", "Saring";
    PauseLog => "Freeze log", "Bekukan log";
    Orders => "Orders", "Pesanan";
    Placed => "placed", "dibuat";
    Completed => "completed", "tuntas";
    WelcomeTitle => "Why do services talk through a broker?", "Mengapa service berbicara lewat broker?";
    WelcomeText => "An Order service must tell Email, SMS, Finance and Report about every order. Calling them one by one makes each order wait for all four and sends the same data again and again. Publishing once to channels lets it move on while the four work at the same time. See it happen here.", "Order service harus memberi tahu Email, SMS, Finance, dan Report tentang setiap pesanan. Memanggil mereka satu per satu membuat setiap pesanan menunggu keempatnya dan mengirim data yang sama berulang kali. Dengan publish sekali ke channel, ia bisa lanjut sementara keempatnya bekerja bersamaan. Lihat sendiri di sini.";
    PrepaintLoading => "loading the playground…", "memuat playground…";
    WelcomeLesson => "Start the 5-minute lesson", "Mulai pelajaran 5 menit";
    WelcomeExplore => "Explore on my own", "Jelajahi sendiri";
    Partition => "Partition", "Partisi";
    Committed => "committed", "di-commit";
    OwnedBy => "owned by", "dimiliki";
    Lag => "lag", "tertinggal";
    NewUndo => "A blank canvas. Your previous work is one Undo away (Ctrl+Z).", "Kanvas kosong. Pekerjaanmu sebelumnya kembali dengan Urungkan (Ctrl+Z).";
    SheetFold => "▾ Hide panel", "▾ Sembunyikan panel";
    SheetOpen => "▴ Settings and lesson", "▴ Pengaturan dan pelajaran";
    MoreControls => "More controls: step, reset, speed, seed, burst, rate, side by side", "Kontrol lain: langkah, ulang, kecepatan, seed, sekaligus, laju, berdampingan";
    OrdersWorkLost => "with work lost", "dengan kerja hilang";
    OrdersDeadLettered => "dead-lettered", "masuk dead-letter";
    Chart => "Queue depth", "Kedalaman antrean";
    Time => "Time", "Waktu";
    Latency => "Latency", "Latensi";
    InvalidValue => "Not applied:", "Tidak diterapkan:";
    MustBePositive => "must be 0 or more", "harus 0 atau lebih";
    MustBeWorkers => "must be a whole number from 1 to 10,000", "harus bilangan bulat dari 1 sampai 10.000";
    MustBePercent => "must be from 0 to 100", "harus dari 0 sampai 100";
    MustBeRate => "must be from 0 to 1,000 per second", "harus dari 0 sampai 1.000 per detik";
    TooLong => "must be at most one day", "paling lama satu hari";
    WireRefused => "A wire goes from a service to a channel (publish) or from a channel to a service (subscribe).", "Kabel menghubungkan service ke channel (publish) atau channel ke service (subscribe).";
    CycleRefused => "That wire would make messages loop forever.", "Kabel itu membuat pesan berputar tanpa akhir.";
    Network => "Network", "Jaringan";
    NetworkHint => "Timings every wire shares. A slower network makes each RPC hop cost more.", "Waktu yang sama untuk setiap kabel. Jaringan yang lebih lambat membuat tiap lompatan RPC makin mahal.";
    LatencyMs => "One hop (latency)", "Satu lompatan (latensi)";
    PublishMs => "Handing a message to the broker", "Menyerahkan pesan ke broker";
    RpcTimeoutMs => "RPC timeout (the caller gives up)", "Batas waktu RPC (pemanggil menyerah)";
    Spread => "How it varies", "Variasinya";
    DistConstant => "fixed", "tetap";
    DistUniform => "±50%, evenly", "±50%, merata";
    DistExponential => "random, at times long", "acak, kadang lama";
    WhatIsSpecial => "What is special here", "Yang istimewa di sini";
    TryThis => "Try this", "Coba ini";
    AboutExample => "About this example", "Tentang contoh ini";
    Messages => "Messages", "Pesan";
    OutWithConsumers => "Out with consumers, not acknowledged", "Sedang di consumer, belum di-ack";
    WaitingToRetry => "Waiting to be delivered again", "Menunggu diantar lagi";
    NextInLine => "Next in line", "Antrean berikutnya";
    QueueEmpty => "Nothing in this queue right now.", "Antrean ini sedang kosong.";
    NobodyHolds => "let go", "dilepas";
    UntilAcked => "kept until acknowledged", "ditahan sampai di-ack";
    BackIn => "back in", "kembali dalam";
    Attempt => "attempt", "percobaan";
    OutBackIn => "out, back in", "keluar, kembali";
    RetryIn => "retry in", "coba lagi dalam";
    PublishReached => "PUBLISH → clients:", "PUBLISH → klien:";
    LatestMadeCopies => "latest message → copies:", "pesan terakhir → salinan:";
    UnackedOut => "out, not acknowledged", "keluar, belum di-ack";
    In => "in", "dalam";
    NotDeliveredYet => "not delivered yet", "belum pernah diantar";
    DeliveredBefore => "delivered before", "pernah diantar";
    WaitingFor => "waiting", "menunggu";
    Redrive => "Redrive", "Kirim ulang";
    RedriveHint => "A redrive sends the waiting messages back to the queue they came from, to be delivered again from the first attempt (SQS's dead-letter queue redrive; on RabbitMQ and Pub/Sub you would move or republish them).", "Kirim ulang (redrive) mengembalikan pesan yang menunggu ke antrean asalnya, untuk diantar lagi dari percobaan pertama (redrive dead-letter queue di SQS; di RabbitMQ dan Pub/Sub kamu memindahkan atau menerbitkannya lagi).";
    KeysInspector => "to the inspector", "ke inspektur";
    KeysCanvas => "back to the canvas", "kembali ke kanvas";
    Tidy => "Tidy up", "Rapikan";
    TidyHint => "Tidy up: lay the diagram out left to right as messages flow", "Rapikan: susun diagram dari kiri ke kanan sesuai aliran pesan";
    Wire => "Wire", "Kabel";
    WirePublish => "This service publishes its messages to this channel.", "Service ini menerbitkan pesannya ke channel ini.";
    WireSubscribe => "This service subscribes to this channel and gets its messages.", "Service ini berlangganan channel ini dan menerima pesannya.";
    WireBinding => "This exchange routes matching messages to this channel (a binding).", "Exchange ini merutekan pesan yang cocok ke channel ini (binding).";
    RemoveWire => "Remove this wire", "Hapus kabel ini";
    ChartLegend => "What the chart shows", "Arti grafik";
    CompletedPerSecond => "orders completed per second", "pesanan selesai per detik";
    LatencyBars => "orders by end-to-end time, fastest on the left", "pesanan menurut waktu ujung ke ujung, tercepat di kiri";
    NoQueueYet => "No message has had to wait in a queue yet.", "Belum ada pesan yang harus menunggu di antrean.";
    Legend => "What moves", "Yang bergerak";
    LegendPublish => "a message published to a channel", "pesan yang diterbitkan ke channel";
    LegendDeliver => "a message delivered to a service", "pesan yang diantar ke service";
    LegendRequest => "an RPC request (the caller waits)", "permintaan RPC (pemanggil menunggu)";
    LegendReply => "an RPC reply", "balasan RPC";
    Shortcuts => "Keyboard", "Papan ketik";
    KeysSelect => "select a node", "pilih node";
    KeysMove => "move it", "geser node";
    Charts => "Live charts", "Grafik langsung";
    Response => "Response", "Respons";
    NoOrdersYet => "No order has completed yet.", "Belum ada pesanan yang tuntas.";
    MustBeSeed => "must be a whole number, 0 or more", "harus bilangan bulat, 0 atau lebih";
    ZoomIn => "Zoom in", "Perbesar";
    ZoomOut => "Zoom out", "Perkecil";
    HiddenDots => "more messages moving", "pesan lain sedang bergerak";
    Rename => "Rename", "Ganti nama";
    LinkBroken => "This share link could not be opened; your own work is shown instead:", "Tautan berbagi ini tidak bisa dibuka; pekerjaanmu sendiri yang ditampilkan:";
    SavedBroken => "Your saved work could not be restored and was kept aside in this browser; the example is shown instead:", "Pekerjaan tersimpan tidak bisa dipulihkan dan disimpan terpisah di peramban ini; contoh yang ditampilkan:";
    New => "New", "Baru";
    Example => "Example", "Contoh";
    Export => "Export", "Ekspor";
    Import => "Import", "Impor";
    Share => "Share", "Bagikan";
    Embed => "Embed", "Sematkan";
    Close => "Close", "Tutup";
    Lesson => "Lesson", "Pelajaran";
    Simulation => "Simulation", "Simulasi";
    Brokers => "Real brokers", "Broker sungguhan";
    ConsumerGroups => "Consumer groups", "Consumer group";
    Rewind => "Replay from the oldest record", "Putar ulang dari record tertua";
    GalleryLesson => "Order fan-out (the lesson's example)", "Fan-out pesanan (contoh pelajaran)";
    GalleryLessonRpc => "Order over RPC (the lesson's problem)", "Pesanan lewat RPC (masalah dalam pelajaran)";
    GalleryPipeline => "Pipeline: Order → Payment → Shipping", "Pipeline: Order → Payment → Shipping";
    GalleryCompeting => "Competing consumers and a dead-letter queue", "Consumer bersaing dan antrean dead-letter";
    GalleryLoss => "Pub/sub loses, a queue keeps", "Pub/sub kehilangan, antrean menyimpan";
    GalleryStress => "Stress: 1 → 48 fan-out", "Uji beban: fan-out 1 → 48";
    GalleryRedis => "Redis Pub/Sub: fan-out, nothing kept", "Redis Pub/Sub: fan-out, tak ada yang disimpan";
    GalleryKafka => "Kafka: partitions and consumer groups", "Kafka: partisi dan consumer group";
    GalleryRabbitmq => "RabbitMQ: topic exchange and a dead-letter exchange", "RabbitMQ: topic exchange dan dead-letter exchange";
    GalleryNsq => "NSQ: a topic with two channels", "NSQ: satu topik dengan dua channel";
    GalleryGoogle => "Google Pub/Sub: subscriptions and a dead-letter topic", "Google Pub/Sub: langganan dan topik dead-letter";
    GallerySqs => "SQS: visibility timeout and a dead-letter queue", "SQS: batas waktu visibilitas dan antrean dead-letter";
    GallerySnsSqs => "SNS → SQS: fan-out with filter policies", "SNS → SQS: fan-out dengan kebijakan filter";
    Patterns => "Pattern subscriptions (Redis PSUBSCRIBE, comma-separated)", "Langganan pola (Redis PSUBSCRIBE, pisahkan dengan koma)";
    LessonStep => "Step", "Langkah";
    LessonOf => "of", "dari";
    Challenge => "Challenge", "Tantangan";
    YourTask => "Your task", "Tugasmu";
    WaitingForYou => "Waiting for you…", "Menunggumu…";
    StepDone => "Done ✓", "Selesai ✓";
    LessonBack => "Back", "Kembali";
    LessonNext => "Next", "Lanjut";
    LessonReplay => "Set up this step again", "Siapkan ulang langkah ini";
    LessonSteps => "All steps", "Semua langkah";
    LessonFinished => "You finished the lesson and its challenges.", "Kamu sudah menyelesaikan pelajaran dan tantangannya.";
    LessonUnreadable => "Saved lesson progress could not be read; starting from the first step (the old data is kept).", "Kemajuan pelajaran yang tersimpan tidak bisa dibaca; mulai dari langkah pertama (data lama tetap disimpan).";
    Copy => "Copy", "Salin";
    Copied => "Copied ✓", "Tersalin ✓";
    CopyFailed => "Could not copy: select the text and copy it yourself", "Gagal menyalin: pilih teksnya lalu salin sendiri";
    EmbedOptions => "Options", "Pilihan";
    EmbedReadonly => "Read-only: nothing can be moved or changed", "Hanya baca: tidak ada yang bisa digeser atau diubah";
    EmbedWait => "Wait for Play", "Tunggu tombol Jalankan";
    EmbedRpc => "Start in RPC mode", "Mulai dalam mode RPC";
    EmbedIndonesian => "In Indonesian", "Dalam bahasa Indonesia";
    EmbedPanels => "Show the figures, chart and log under the diagram", "Tampilkan angka, grafik, dan log di bawah diagram";
    ShareIntro => "Anyone who opens this link sees this scenario, with the same seed and the same run.", "Siapa pun yang membuka tautan ini melihat skenario ini, dengan seed dan jalannya simulasi yang sama.";
    ShareTooLong => "This scenario is too large for a link. Export it as a file and share the file instead.", "Skenario ini terlalu besar untuk tautan. Ekspor sebagai berkas dan bagikan berkasnya.";
    EmbedIntro => "Paste this into your course page. The options below go into the address; written by hand, they work in the query (?embed&readonly) or after the link (#s=…&readonly).", "Tempel ini di halaman kursusmu. Pilihan di bawah masuk ke alamatnya; kalau ditulis sendiri, pilihan itu berlaku di query (?embed&readonly) maupun setelah tautan (#s=…&readonly).";
    ImportFailed => "Not imported (your work is unchanged):", "Tidak diimpor (pekerjaanmu tidak berubah):";
    FileTooLarge => "The file is too large for a scenario (at most 2 MB).", "Berkas terlalu besar untuk sebuah skenario (paling besar 2 MB).";
    Imported => "Imported:", "Diimpor:";
    KurirScenario => "Kurir scenario (.json)", "Skenario Kurir (.json)";
    KurirScenarioHint => "Everything on the canvas: open it again with Import, or drop it on the canvas.", "Semua yang ada di kanvas: buka lagi dengan Impor, atau lepaskan di kanvas.";
    RabbitmqDefinitions => "RabbitMQ definitions (.json)", "Definitions RabbitMQ (.json)";
    RabbitmqDefinitionsHint => "The exchanges, queues and bindings, for a real RabbitMQ: rabbitmqctl import_definitions FILE, or Import definitions in its management page.", "Exchange, queue dan binding untuk RabbitMQ sungguhan: rabbitmqctl import_definitions BERKAS, atau Import definitions di halaman manajemennya.";
    AsyncApi => "AsyncAPI 3.0 (.json)", "AsyncAPI 3.0 (.json)";
    AsyncApiHint => "The channels and who sends and receives on them, for AsyncAPI tools (Studio, code and docs generators), with AMQP, Kafka, SQS and SNS bindings.", "Channel dan siapa yang mengirim dan menerima di sana, untuk alat AsyncAPI (Studio, generator kode dan dokumen), dengan binding AMQP, Kafka, SQS dan SNS.";
    RunForReal => "Run it for real (.sh)", "Jalankan sungguhan (.sh)";
    RunForRealHint => "A script with this scenario and the commands to start its broker on your machine and run it there with kurir-live.", "Skrip berisi skenario ini dan perintah untuk menyalakan broker-nya di mesinmu lalu menjalankannya di sana dengan kurir-live.";
    RunForRealNone => "Not for this scenario: kurir-live runs RabbitMQ, Redis, Google Pub/Sub and SQS/SNS, one broker per scenario (Kafka and NSQ stay in the simulator for now).", "Tidak untuk skenario ini: kurir-live menjalankan RabbitMQ, Redis, Google Pub/Sub dan SQS/SNS, satu broker per skenario (Kafka dan NSQ untuk sementara hanya di simulator).";
    NothingLeftOut => "Exported: everything went into the file.", "Diekspor: semuanya masuk ke berkas.";
    DefinitionsImported => "RabbitMQ's exchanges, queues and bindings are on the canvas: add the services that publish and consume.", "Exchange, queue dan binding RabbitMQ sudah di kanvas: tambahkan service yang mengirim dan menerima.";
    AsyncapiImported => "The document's channels are on the canvas, with who sends and receives on them.", "Channel dari dokumen itu sudah di kanvas, beserta siapa yang mengirim dan menerima di sana.";
    LeftOut => "Left out:", "Ditinggalkan:";
    ExportedLeftOut => "Exported. Left out of the file:", "Diekspor. Tidak masuk ke berkas:";
    DropHere => "Drop a scenario file to import it", "Lepaskan berkas skenario untuk mengimpornya";
    OpenFull => "Open in Kurir", "Buka di Kurir";
    SideBySide => "Side by side", "Berdampingan";
    Live => "Live", "Live";
    LiveHint => "Run this scenario on the real broker kurir-live serve was started with", "Jalankan skenario ini di broker sungguhan yang dipakai kurir-live serve";
    LiveConnecting => "connecting to the bridge…", "menghubungkan ke bridge…";
    LiveStarting => "declaring the topology…", "mendeklarasikan topologi…";
    LiveRunning => "live on the real broker", "live di broker sungguhan";
    LiveReconnecting => "bridge lost, reconnecting… (if kurir-live serve was restarted, reload this page)", "bridge terputus, menghubungkan ulang… (kalau kurir-live serve dijalankan ulang, muat ulang halaman ini)";
    LiveUnreachable => "broker unreachable", "broker tidak bisa dihubungi";
    LiveRefused => "scenario refused", "skenario ditolak";
    LiveFailed => "the broker failed", "broker gagal";
    LiveStopped => "stopped", "berhenti";
    SideBySideHint => "Run the same orders through RPC and messaging at once", "Jalankan pesanan yang sama lewat RPC dan messaging sekaligus";
    SideBySideLiveHint => "Run the same orders on Kurir's simulator beside the real broker, and compare them", "Jalankan pesanan yang sama di simulator Kurir di samping broker sungguhan, lalu bandingkan";
    RealSide => "Real", "Sungguhan";
    SimulatedSide => "Simulated", "Simulasi";
    RealVsSimulated => "Real broker vs simulator", "Broker sungguhan vs simulator";
    RealVsSimulatedIntro => "The same orders, counted by the real broker's clients and by Kurir's simulator:", "Pesanan yang sama, dihitung oleh klien broker sungguhan dan oleh simulator Kurir:";
    OrdersPlaced => "Orders placed", "Pesanan dibuat";
    OrdersAnswered => "Orders answered", "Pesanan dijawab";
    AnsweredWord => "answered", "dijawab";
    CopiesDelivered => "delivered", "diantar";
    RowMatches => "same", "sama";
    RowDiffers => "differs", "berbeda";
    RowInFlight => "in flight", "masih berjalan";
    AllMatch => "Every figure matches.", "Semua angka sama.";
    SomeDiffer => "figures differ (messages still on their way may close the gap)", "angka berbeda (pesan yang masih di jalan bisa menyamakannya)";
    SomeDifferSettled => "figures differ, with nothing left in flight", "angka berbeda, tanpa pesan yang masih di jalan";
    Group => "group", "grup";
    AckMode => "Acknowledgement", "Konfirmasi (ack)";
    AckManual => "ack after work", "ack setelah selesai";
    AckAuto => "auto-ack", "ack otomatis";
    Prefetch => "Prefetch", "Prefetch";
    Timeline => "One order, step by step", "Satu pesanan, langkah demi langkah";
    FallingBehind => "This browser cannot keep up at this speed: the run goes slower than set.", "Peramban ini tidak bisa mengikuti kecepatan ini: simulasi berjalan lebih lambat dari yang diatur.";
    OrdersRefused => "orders refused: the run already holds 250,000 pieces of work, the most Kurir keeps in a browser tab. Lower the rate or the speed, or add workers.", "pesanan ditolak: simulasi sudah menampung 250.000 pekerjaan, batas Kurir di tab peramban. Turunkan laju atau kecepatan, atau tambah worker.";
    SaveFailed => "Your work could not be saved in this browser (its storage is full or blocked). Export it to keep it.", "Pekerjaanmu tidak bisa disimpan di peramban ini (penyimpanannya penuh atau diblokir). Ekspor agar tidak hilang.";
    LinkOpened => "You opened a shared scenario. Your previous work is kept.", "Kamu membuka skenario yang dibagikan. Pekerjaanmu sebelumnya tetap disimpan.";
    RestoreWork => "Restore my work", "Pulihkan pekerjaan saya";
    SavedBrokenNotKept => "Your saved work could not be restored, and this browser has no room to keep it aside. Kurir will not save over it until you download it or close this message:", "Pekerjaan tersimpan tidak bisa dipulihkan, dan peramban ini tidak punya ruang untuk menyimpannya terpisah. Kurir tidak akan menimpanya sampai kamu mengunduhnya atau menutup pesan ini:";
    DownloadIt => "Download it", "Unduh";
    ComparePartial => "Measured on part of the run only: this scenario is too big to compare in full in the browser.", "Hanya diukur pada sebagian jalannya simulasi: skenario ini terlalu besar untuk dibandingkan utuh di peramban.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_a_non_empty_text_in_both_languages() {
        for key in T::ALL {
            assert!(!key.get(Lang::En).trim().is_empty(), "{key:?} en");
            assert!(!key.get(Lang::Id).trim().is_empty(), "{key:?} id");
        }
    }

    #[test]
    fn the_browser_language_picks_indonesian() {
        assert_eq!(Lang::from_tag("id-ID"), Lang::Id);
        assert_eq!(Lang::from_tag("in"), Lang::Id);
        assert_eq!(Lang::from_tag("en-US"), Lang::En);
        assert_eq!(Lang::from_tag("nl"), Lang::En);
    }
}
