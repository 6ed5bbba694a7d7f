//! What the JSON reader says about a broken file or link, in Bahasa
//! Indonesia. The engine passes on serde_json's English messages (their
//! wording is serde_json's `Display` of its error codes, stable across
//! 1.x); each known shape is told again here, the names it quotes kept.
//! A message of an unknown shape stays as it is rather than be guessed at.

/// `message` (from serde_json or the engine's strict reader) in Indonesian.
pub fn json_message_id(message: &str) -> String {
    // "at line 3 column 5" is serde_json's suffix; the caller already says
    // where, in the learner's words.
    let message = match message.find(" at line ") {
        Some(at) => &message[..at],
        None => message,
    };
    // Messages about one field or entry keep their place: "services[2]: …".
    if let Some((place, rest)) = message.split_once(": ") {
        if !place.contains(' ') && place.contains(['[', '.']) {
            return format!("{place}: {}", json_message_id(rest));
        }
    }
    let fixed = [
        (
            "EOF while parsing a value",
            "teks berakhir sebelum nilainya selesai",
        ),
        (
            "EOF while parsing an object",
            "teks berakhir sebelum objek ditutup dengan `}`",
        ),
        (
            "EOF while parsing a list",
            "teks berakhir sebelum daftar ditutup dengan `]`",
        ),
        (
            "EOF while parsing a string",
            "teks berakhir sebelum string ditutup dengan `\"`",
        ),
        (
            "expected value",
            "di sini seharusnya ada nilai (angka, string, objek, daftar, true, false atau null)",
        ),
        ("expected `:`", "di sini seharusnya ada `:`"),
        ("expected `,` or `}`", "di sini seharusnya ada `,` atau `}`"),
        ("expected `,` or `]`", "di sini seharusnya ada `,` atau `]`"),
        (
            "expected ident",
            "kata yang tidak dikenal (maksudnya true, false atau null?)",
        ),
        ("trailing comma", "ada koma berlebih sebelum penutup"),
        (
            "trailing characters",
            "ada teks tersisa setelah akhir skenario",
        ),
        (
            "key must be a string",
            "nama kunci harus berupa string dalam tanda kutip",
        ),
        ("invalid number", "angka tidak valid"),
        ("number out of range", "angka di luar jangkauan"),
        ("invalid escape", "escape tidak valid di dalam string"),
        ("invalid unicode code point", "kode Unicode tidak valid"),
        (
            "recursion limit exceeded",
            "terlalu banyak tingkat bersarang",
        ),
        (
            "control character (\\u0000-\\u001F) found while parsing a string",
            "ada karakter kendali di dalam string",
        ),
    ];
    if let Some((_, id)) = fixed.iter().find(|(en, _)| *en == message) {
        return (*id).to_string();
    }
    let shaped: [(&str, &str, &str); 8] = [
        ("missing field ", "", "kolom {} tidak ada"),
        ("duplicate field ", "", "kolom {} tercantum dua kali"),
        ("unknown field ", ", expected", "kolom {} tidak dikenal"),
        (
            "unknown field ",
            ", there are no fields",
            "kolom {} tidak dikenal; di sini tidak ada kolom",
        ),
        ("unknown variant ", ", expected", "pilihan {} tidak dikenal"),
        (
            "invalid type: ",
            ", expected",
            "jenis nilai tidak sesuai: {}",
        ),
        ("invalid value: ", ", expected", "nilai tidak valid: {}"),
        ("invalid length ", ", expected", "panjang tidak sesuai: {}"),
    ];
    for (start, until, id) in shaped {
        let Some(rest) = message.strip_prefix(start) else {
            continue;
        };
        let (what, tail) = match until {
            "" => (rest, ""),
            until => match rest.split_once(until) {
                Some((what, tail)) => (what, tail),
                None => continue,
            },
        };
        let mut out = id.replace("{}", &type_words(what));
        if until == ", expected" {
            out.push_str(&format!("; seharusnya {}", type_words(tail.trim_start())));
        }
        return out;
    }
    if let Some(key) = message
        .strip_prefix("the key ")
        .and_then(|k| k.strip_suffix(" appears twice in one object"))
    {
        return format!("kunci {key} muncul dua kali dalam satu objek");
    }
    if let Some(sizes) = message.strip_prefix("the text is ") {
        if let Some((n, max)) = sizes.split_once(" bytes; a scenario may be at most ") {
            return format!("teksnya {n} byte; skenario paling besar {max}");
        }
    }
    message.to_string()
}

/// serde's names of what it found or expected, in Indonesian where the
/// name is a word (quoted values and field names stay as written).
fn type_words(text: &str) -> String {
    let text = text
        .strip_prefix("one of ")
        .map_or(text.to_string(), |rest| format!("salah satu dari {rest}"));
    let words = [
        ("a string", "string"),
        ("string ", "string "),
        ("a sequence", "daftar"),
        ("sequence", "daftar"),
        ("a map", "objek"),
        ("map", "objek"),
        ("a boolean", "true atau false"),
        ("boolean ", "boolean "),
        ("floating point ", "angka "),
        ("integer ", "bilangan bulat "),
        ("f64", "angka"),
        ("f32", "angka"),
        ("u64", "bilangan bulat positif"),
        ("u32", "bilangan bulat positif"),
        ("u16", "bilangan bulat positif"),
        ("u8", "bilangan bulat positif"),
        ("null", "null"),
    ];
    for (en, id) in words {
        if let Some(rest) = text.strip_prefix(en) {
            return format!("{id}{rest}");
        }
    }
    if let Some(name) = text.strip_prefix("struct ") {
        return format!("objek {name}");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::json_message_id;

    /// serde_json's own words for each case, read from the real parser.
    fn english(text: &str) -> String {
        let e = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
        let message = e.to_string();
        message[..message.find(" at line ").unwrap_or(message.len())].to_string()
    }

    #[test]
    fn every_broken_text_serde_json_reports_is_told_in_indonesian() {
        for (text, id) in [
            ("{", "teks berakhir sebelum"),
            ("{\"a\": ", "teks berakhir sebelum nilainya"),
            ("{\"a\" 1}", "seharusnya ada `:`"),
            ("{\"a\": 1 \"b\"}", "seharusnya ada `,` atau `}`"),
            ("[1 2]", "seharusnya ada `,` atau `]`"),
            ("{\"a\": tru}", "kata yang tidak dikenal"),
            ("[1,]", "koma berlebih"),
            ("{} x", "teks tersisa"),
            ("{1: 2}", "nama kunci"),
            ("{\"a\": oops}", "seharusnya ada nilai"),
        ] {
            let en = english(text);
            let told = json_message_id(&en);
            assert!(
                told.starts_with(id) || told.contains(id),
                "{text}: {en} → {told}"
            );
            assert_ne!(told, en, "{text} left in English");
        }
    }

    #[test]
    fn messages_about_a_field_keep_the_names_and_the_place() {
        assert_eq!(
            json_message_id("inputs[0]: missing field `service`"),
            "inputs[0]: kolom `service` tidak ada"
        );
        assert_eq!(
            json_message_id("unknown field `colour`, expected one of `id`, `name`"),
            "kolom `colour` tidak dikenal; seharusnya salah satu dari `id`, `name`"
        );
        assert_eq!(
            json_message_id("invalid type: string \"3\", expected f64"),
            "jenis nilai tidak sesuai: string \"3\"; seharusnya angka"
        );
        assert_eq!(
            json_message_id("the key \"id\" appears twice in one object"),
            "kunci \"id\" muncul dua kali dalam satu objek"
        );
        // Unknown shapes are left as they are, not guessed at.
        assert_eq!(json_message_id("something new"), "something new");
    }
}
