//! Engine errors in the interface language. The engine words its errors in
//! English (for files, the runner and developers); here the same typed error
//! is told in Bahasa Indonesia too. The field path stays as written in the
//! file, since that is what the learner must find.

use kurir_engine::input::link::LinkError;
use kurir_engine::{Problem, ScenarioError};

use crate::text::i18n::Lang;
use crate::text::json_errors::json_message_id;

/// Why a share link could not be opened, in `lang`.
pub fn describe_link(e: &LinkError, lang: Lang) -> String {
    match (e, lang) {
        (_, Lang::En) => e.to_string(),
        (LinkError::UnknownFormat, _) => "ini bukan tautan berbagi Kurir".into(),
        (LinkError::TooLong, _) => "tautan ini lebih panjang dari yang pernah dibuat Kurir".into(),
        (LinkError::Damaged, _) => "tautan ini tidak lengkap atau sudah diubah".into(),
        (LinkError::NotText, _) => {
            "isi tautan ini bukan teks (UTF-8), jadi bukan buatan Kurir".into()
        }
        (LinkError::Scenario(e), _) => {
            format!(
                "tautan ini berisi skenario yang tidak valid: {}",
                describe(e, lang)
            )
        }
    }
}

/// `e` as a sentence in `lang`.
pub fn describe(e: &ScenarioError, lang: Lang) -> String {
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        ScenarioError::Syntax { line: 0, message, .. } => {
            format!("bukan skenario yang valid: {}", json_message_id(message))
        }
        ScenarioError::Syntax { line, column, message } => format!(
            "bukan skenario yang valid (baris {line}, kolom {column}): {}",
            json_message_id(message)
        ),
        ScenarioError::Version { found: None } => {
            "version: tidak ada; skenario Kurir butuh angka \"version\"".into()
        }
        ScenarioError::Version { found: Some(v) } => format!(
            "version: {v} tidak didukung (Kurir ini membaca versi 1 sampai {}); mungkin dari Kurir yang lebih baru",
            kurir_engine::scenario::CURRENT_VERSION
        ),
        ScenarioError::BadVersion { found } => format!(
            "version: {found} bukan nomor versi; tulis bilangan bulat tanpa tanda kutip (Kurir ini membaca versi 1 sampai {})",
            kurir_engine::scenario::CURRENT_VERSION
        ),
        ScenarioError::Invalid { field, problem } => format!("{field}: {}", problem_id(problem, lang)),
    }
}

fn problem_id(p: &Problem, lang: Lang) -> String {
    match p {
        Problem::UnknownChannel(id) => format!("tidak ada channel dengan id \"{id}\""),
        Problem::UnknownService(id) => format!("tidak ada service dengan id \"{id}\""),
        Problem::DuplicateId(id) => format!("id \"{id}\" dipakai dua kali"),
        Problem::BadId(id) => format!(
            "\"{id}\" bukan id yang valid (1-64 huruf, angka, '-', '_' atau '.')"
        ),
        Problem::TooLong { max } => format!("lebih panjang dari {max} karakter"),
        Problem::OutOfRange { min, max, found } => {
            format!("harus antara {min} dan {max}, ditemukan {found}")
        }
        Problem::MinAboveMax => "nilai minimum lebih besar dari maksimum".into(),
        Problem::Cycle(path) => format!("pesan akan berputar tanpa henti: {}", path.join(" → ")),
        Problem::DuplicateSubscription => "langganan ini tercantum dua kali".into(),
        Problem::PresetKind { preset, needs } => format!("{preset} butuh channel berjenis `{needs}`"),
        Problem::SelfBinding => "exchange tidak bisa diikat ke dirinya sendiri".into(),
        Problem::NotALog(id) => format!("channel \"{id}\" bukan log"),
        Problem::UnknownGroup(g) => format!("tidak ada consumer group \"{g}\" yang membaca channel ini"),
        Problem::BadTemplate(t) => format!(
            "\"{t}\" bukan templat yang valid (pakai {{order}} atau {{order%N}} dengan N minimal 1)"
        ),
        Problem::BadPattern(p) => format!("\"{p}\" bukan pola yang valid (1-64 karakter)"),
        Problem::TooMany { max } => format!("berisi lebih dari {max} entri"),
        Problem::KeyTooLong { max } => format!("lebih panjang dari {max} byte"),
        Problem::NotConsumable(id) => format!(
            "\"{id}\" adalah exchange: ia merutekan ke channel, jadi berlanggananlah ke channel yang terikat padanya"
        ),
        Problem::NoEffect { option, kind } => format!(
            "`{option}` tidak berpengaruh pada channel `{kind}`; hapus, atau publish ke channel yang memakainya"
        ),
        Problem::ChangesNothing => "tidak mengubah apa pun pada saat itu (sudah berlangganan, tidak berlangganan, binding tidak ada, atau bukan exchange)".into(),
        Problem::BreaksScenario(e) => format!("setelah perubahan ini, {}", describe(e, lang)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_told_in_indonesian_with_the_field_kept() {
        let e = ScenarioError::Invalid {
            field: "subscriptions[1].channel".into(),
            problem: Problem::UnknownChannel("smss".into()),
        };
        assert_eq!(
            describe(&e, Lang::Id),
            "subscriptions[1].channel: tidak ada channel dengan id \"smss\""
        );
        assert_eq!(describe(&e, Lang::En), e.to_string());
    }

    #[test]
    fn a_shape_mistake_keeps_its_place_and_a_broken_text_its_line() {
        let shape =
            kurir_engine::Scenario::from_json(r#"{"version": 1, "inputs": [{}]}"#).unwrap_err();
        assert_eq!(
            describe(&shape, Lang::Id),
            "bukan skenario yang valid: inputs[0]: kolom `service` tidak ada"
        );
        let broken = kurir_engine::Scenario::from_json("{\n  \"version\": 1,\n  oops").unwrap_err();
        assert!(
            describe(&broken, Lang::Id).starts_with("bukan skenario yang valid (baris 3, kolom"),
            "{}",
            describe(&broken, Lang::Id)
        );
    }
}
