//! Reading a scenario file from disk for the command-line runners
//! (`kurir-sim`, `kurir-live`): bounded, so a huge file is refused at once.

use super::MAX_SCENARIO_BYTES;

/// The file's text, read no further than the largest scenario allowed (so
/// `/dev/zero` or a huge file is refused at once, not after gigabytes).
pub fn read_scenario_file(path: &str) -> Result<String, String> {
    use std::io::Read;
    let limit = MAX_SCENARIO_BYTES;
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {path}: {e}"))?;
    if bytes.len() > limit {
        return Err(format!(
            "{path}: larger than {limit} bytes, the most a scenario may be"
        ));
    }
    String::from_utf8(bytes).map_err(|e| format!("{path}: not UTF-8 text ({e})"))
}
