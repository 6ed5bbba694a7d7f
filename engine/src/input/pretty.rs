//! Indents compact JSON exactly as `serde_json::to_string_pretty` would.
//! Scenario files are written this way; doing it on the text instead of with
//! a second serializer keeps one copy of the serialisation code in the wasm
//! download (the pretty one was a few dozen kilobytes).

/// `compact` (JSON without whitespace outside strings) with two-space
/// indentation, one value per line, `": "` after keys.
pub fn pretty(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = compact.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                let close = if c == '{' { '}' } else { ']' };
                if chars.peek() == Some(&close) {
                    out.push(close);
                    chars.next();
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::pretty;

    #[test]
    fn matches_serde_json_pretty_on_every_built_in_scenario() {
        for (id, s) in crate::examples::gallery() {
            let compact = serde_json::to_string(&s).unwrap();
            assert_eq!(
                pretty(&compact),
                serde_json::to_string_pretty(&s).unwrap(),
                "{id}"
            );
        }
    }

    #[test]
    fn strings_with_brackets_commas_and_escapes_are_left_alone() {
        let v = serde_json::json!({"a": "x, {y}: [z] \"q\" \\", "b": [], "c": {}, "d": [1, {"e": null}]});
        let compact = serde_json::to_string(&v).unwrap();
        assert_eq!(pretty(&compact), serde_json::to_string_pretty(&v).unwrap());
    }
}
