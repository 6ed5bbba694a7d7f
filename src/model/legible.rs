//! Node text that stays readable however far the diagram is zoomed out.
//!
//! Fitting a whole diagram on a phone zooms it to about half size, where a
//! node's 12 px status line would be 6 px on the screen. Below [`COMPACT_BELOW`]
//! a node shows fewer details instead: only its name, drawn larger in canvas
//! units (so at least [`MIN_TEXT_PX`] on the screen) and wrapped to its box.

/// Screen size (CSS px) below which node text is not drawn.
pub const MIN_TEXT_PX: f64 = 10.0;
/// Zoom below which the detail lines (12 px status, 11 px badge) would fall
/// under about 7.4 and 6.8 screen pixels: nodes then show only their names.
/// (The lesson fitted at 1280 × 720 is at 0.7, with every detail.)
pub const COMPACT_BELOW: f64 = 0.62;
/// A bold glyph's mean width as a share of the font size (DejaVu Sans Bold,
/// the canvas font on Debian, is one of the widest: a safe bound).
const GLYPH_EM: f64 = 0.64;
/// Line height as a share of the font size.
pub const LINE_EM: f64 = 1.15;

/// The names' font size in canvas units when nodes are drawn compact at
/// `zoom`, or `None` when every detail is readable.
pub fn compact_font(zoom: f64) -> Option<f64> {
    (zoom < COMPACT_BELOW).then(|| MIN_TEXT_PX / zoom.max(0.05))
}

/// How a name is drawn in a box `width` × `height` (canvas units) at `font`:
/// up to as many lines as fit, each cut to the width.
pub fn name_lines(name: &str, font: f64, width: f64, height: f64) -> Vec<String> {
    let per_line = (width / (font * GLYPH_EM)).floor().max(2.0) as usize;
    let max_lines = (height / (font * LINE_EM)).floor().max(1.0) as usize;
    wrap(name, per_line, max_lines)
}

/// The first baseline of `lines` lines of `font`-sized text centred as a
/// block in a box `h` tall, and the step to each next line: how a compact
/// node draws its name (the canvas and the first paint both place it here).
pub fn line_baselines(lines: usize, font: f64, h: f64) -> (f64, f64) {
    let block = font * LINE_EM * lines as f64;
    // The glyphs sit ~0.8 em under the line box's top; half the leading above.
    (
        (h - block) / 2.0 + font * (LINE_EM - 1.0) / 2.0 + font * 0.8,
        font * LINE_EM,
    )
}

/// `text` in at most `max_lines` lines of at most `per_line` characters,
/// broken between words — or, in a word too long for a line, after a `-`,
/// `_` or `.` (`sms-dead-` / `sub`); what does not fit ends in an ellipsis.
pub fn wrap(text: &str, per_line: usize, max_lines: usize) -> Vec<String> {
    // Pieces to lay out, each with whether a space goes before it.
    let mut pieces: Vec<(String, bool)> = Vec::new();
    for word in text.split_whitespace() {
        let mut first = true;
        let mut piece = String::new();
        for ch in word.chars() {
            piece.push(ch);
            if matches!(ch, '-' | '_' | '.') && word.chars().count() > per_line {
                pieces.push((std::mem::take(&mut piece), first));
                first = false;
            }
        }
        if !piece.is_empty() {
            pieces.push((piece, first));
        }
    }
    // Lines, each with whether it began after a space (else mid-word).
    let mut lines: Vec<(String, bool)> = Vec::new();
    let mut line = (String::new(), true);
    for (piece, spaced) in pieces {
        let len = line.0.chars().count();
        let joined = len + usize::from(spaced && len > 0) + piece.chars().count();
        if len > 0 && joined > per_line {
            lines.push(std::mem::replace(&mut line, (String::new(), spaced)));
        } else if spaced && len > 0 {
            line.0.push(' ');
        }
        line.0.push_str(&piece);
    }
    if !line.0.is_empty() {
        lines.push(line);
    }
    // What does not fit goes on the last line, as it was written.
    let lines: Vec<String> = if lines.len() > max_lines {
        let rest = lines.split_off(max_lines - 1);
        let mut last = String::new();
        for (k, (text, spaced)) in rest.into_iter().enumerate() {
            if k > 0 && spaced {
                last.push(' ');
            }
            last.push_str(&text);
        }
        lines
            .into_iter()
            .map(|l| l.0)
            .chain(std::iter::once(last))
            .collect()
    } else {
        lines.into_iter().map(|l| l.0).collect()
    };
    // The ellipsis is as wide as about two letters: a cut line keeps room for it.
    let cut = |l: String| {
        if l.chars().count() <= per_line {
            l
        } else {
            fit_name(l, per_line.saturating_sub(1).max(2))
        }
    };
    lines.into_iter().map(cut).collect()
}

/// `name` cut to `max` characters with an ellipsis (the full name is in the
/// node's label and the inspector).
pub fn fit_name(name: String, max: usize) -> String {
    if name.chars().count() <= max {
        name
    } else {
        let mut short: String = name.chars().take(max.max(2) - 1).collect();
        short.truncate(short.trim_end().len());
        short.push('…');
        short
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_stay_while_readable_and_names_grow_when_zoomed_out() {
        assert_eq!(compact_font(1.0), None);
        assert_eq!(compact_font(0.7), None);
        assert_eq!(compact_font(0.62), None);
        let f = compact_font(0.5).unwrap();
        assert!((f * 0.5 - MIN_TEXT_PX).abs() < 1e-9, "{f} units are 10 px");
    }

    #[test]
    fn a_block_of_lines_is_centred_in_its_box() {
        let (first, step) = line_baselines(2, 20.0, 100.0);
        assert!((step - 23.0).abs() < 1e-9);
        // Two line boxes of 23 fill 46 of 100: 27 above, 27 below.
        let top = first - 20.0 * 0.8 - 20.0 * (LINE_EM - 1.0) / 2.0;
        assert!((top - 27.0).abs() < 1e-9, "block starts at {top}");
        let (one, _) = line_baselines(1, 20.0, 100.0);
        assert!(
            (one - first - step / 2.0).abs() < 1e-9,
            "one line sits half a line lower"
        );
    }

    #[test]
    fn names_wrap_between_words_and_are_cut_when_too_long() {
        assert_eq!(wrap("Order service", 9, 2), ["Order", "service"]);
        assert_eq!(wrap("Order service", 16, 2), ["Order service"]);
        assert_eq!(wrap("Worker C (flaky)", 9, 2), ["Worker C", "(flaky)"]);
        assert_eq!(wrap("sms-dead-sub", 8, 1), ["sms-de…"]);
        assert_eq!(wrap("sms-dead-sub", 9, 2), ["sms-dead-", "sub"]);
        assert_eq!(wrap("finance-sub", 10, 2), ["finance-", "sub"]);
        assert_eq!(wrap("order.finance", 9, 2), ["order.", "finance"]);
        assert_eq!(wrap("a b c d e f", 4, 2), ["a b", "c…"]);
        assert_eq!(wrap("", 5, 2), Vec::<String>::new());
    }

    #[test]
    fn lines_fit_their_box() {
        // A service node (168 × 74) at half zoom: 20-unit letters.
        let lines = name_lines("Finance service", 20.0, 150.0, 66.0);
        assert_eq!(lines, ["Finance", "service"]);
        // A channel pill (124 × 44) takes one line at that size.
        assert_eq!(name_lines("sms-dead-sub", 20.0, 108.0, 40.0), ["sms-de…"]);
        // and two a little smaller, broken after the hyphen.
        assert_eq!(
            name_lines("sms-dead-sub", 16.0, 108.0, 40.0),
            ["sms-dead-", "sub"]
        );
    }

    #[test]
    fn long_names_are_cut_with_an_ellipsis() {
        assert_eq!(fit_name("Order service".into(), 16), "Order service");
        assert_eq!(
            fit_name("A very long service name".into(), 10),
            "A very lo…"
        );
    }
}
