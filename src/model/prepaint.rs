//! What the page shows before the wasm has arrived: the top bar, the
//! question Kurir answers and the lesson's diagram, as static HTML and SVG
//! in `index.html` (from `assets/prepaint.html`, which Trunk inlines). It is
//! written from the same scenario, geometry and texts as the canvas — the
//! test below fails when the committed file and this code disagree — so on
//! a slow connection the first paint is the picture the app then draws.
//! The app removes it when it mounts.

use kurir_engine::{Node, Scenario};

use super::edits::wires;
use super::geometry::{bounds, node_box, CHANNEL_H, CHANNEL_W, SERVICE_H, SERVICE_W};
use super::legible::{fit_name, line_baselines, name_lines};
use super::wire_route::wire_curve;
use crate::text::i18n::{Lang, T};

/// The compact names' size in canvas units: what the canvas draws at the
/// zoom that fits the lesson on a 390 px phone (about 0.41; see
/// `legible::compact_font`), so the names are as legible as a moment later.
const FONT: f64 = 24.0;
/// Room around the nodes, in canvas units.
const PAD: f64 = 40.0;

/// `text` safe inside an element or a quoted attribute.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// A node's name twice, as the canvas draws it at either zoom the lesson
/// fits at (the stylesheet shows the one for the screen's width): in full,
/// on one line cut to `max` characters on the `baseline`, and compact, as
/// centred larger lines in a `w` × `h` box.
fn title(
    name: &str,
    x: f64,
    baseline: f64,
    max: usize,
    (w, h): (f64, f64),
    anchor: &str,
) -> String {
    let full = format!(
        "<text class=\"pp-title full\"{anchor}><tspan x=\"{x:.1}\" y=\"{baseline:.1}\">{}</tspan></text>",
        escape(&fit_name(name.to_string(), max))
    );
    let lines = name_lines(name, FONT, w, h);
    let (first, step) = line_baselines(lines.len(), FONT, h);
    let spans: Vec<String> = (lines.iter().enumerate())
        .map(|(k, l)| {
            let y = first + step * k as f64;
            format!("<tspan x=\"{x:.1}\" y=\"{y:.1}\">{}</tspan>", escape(l))
        })
        .collect();
    format!(
        "{full}<text class=\"pp-title compact\" font-size=\"{FONT:.1}\"{anchor}>{}</text>",
        spans.join(" ")
    )
}

/// The diagram of `s`: its wires and nodes, drawn as the canvas draws them
/// (its own class names, so nothing that looks for the app finds these).
pub fn diagram(s: &Scenario) -> String {
    let (x, y, w, h) = bounds(s, PAD).unwrap_or((0.0, 0.0, 1.0, 1.0));
    let mut out = format!(
        "<svg class=\"pp-diagram\" xmlns=\"http://www.w3.org/2000/svg\" \
         viewBox=\"{x:.1} {y:.1} {w:.1} {h:.1}\" preserveAspectRatio=\"xMidYMid meet\">\n<g>\n"
    );
    for (a, b) in wires(s) {
        out += &format!(
            "<path class=\"pp-wire\" d=\"{}\"/>\n",
            wire_curve(s, a, b).d()
        );
    }
    out += "</g>\n<g>\n";
    for (i, v) in s.services.iter().enumerate() {
        let b = node_box(s, Node::Service(kurir_engine::ServiceId(i as u32)));
        out += &format!(
            "<g class=\"pp-node service\" data-pp-node=\"service:{}\" transform=\"translate({:.1} {:.1})\">\
             <rect class=\"pp-box\" width=\"{SERVICE_W}\" height=\"{SERVICE_H}\" rx=\"12\"/>\
             <rect class=\"pp-stripe\" width=\"6\" height=\"{SERVICE_H}\" rx=\"3\"/>{}</g>\n",
            escape(&v.id),
            b.c.x - SERVICE_W / 2.0,
            b.c.y - SERVICE_H / 2.0,
            title(s.service_name(i), 14.0, 24.0, 16, (SERVICE_W - 22.0, SERVICE_H - 8.0), ""),
        );
    }
    for (i, c) in s.channels.iter().enumerate() {
        let b = node_box(s, Node::Channel(kurir_engine::ChannelId(i as u32)));
        out += &format!(
            "<g class=\"pp-node channel\" data-pp-node=\"channel:{}\" transform=\"translate({:.1} {:.1})\">\
             <rect class=\"pp-box\" width=\"{CHANNEL_W}\" height=\"{CHANNEL_H}\" rx=\"{}\"/>{}</g>\n",
            escape(&c.id),
            b.c.x - CHANNEL_W / 2.0,
            b.c.y - CHANNEL_H / 2.0,
            CHANNEL_H / 2.0,
            title(
                s.channel_name(i),
                CHANNEL_W / 2.0,
                20.0,
                14,
                (CHANNEL_W - 16.0, CHANNEL_H - 4.0),
                " text-anchor=\"middle\"",
            ),
        );
    }
    out + "</g>\n</svg>"
}

/// The whole first paint: a top bar, and where the app's canvas will be the
/// question in both languages and the diagram of `s`; a quiet loading line.
pub fn page(s: &Scenario) -> String {
    let both = |t: T| {
        format!(
            "<span lang=\"en\">{}</span> <span lang=\"id\">{}</span>",
            escape(t.get(Lang::En)),
            escape(t.get(Lang::Id))
        )
    };
    format!(
        "<!-- Generated by src/model/prepaint.rs (KURIR_WRITE_PREPAINT=1 cargo test prepaint); do not edit. -->\n\
         <div id=\"prepaint\" class=\"pp\" aria-hidden=\"true\">\n\
         <header class=\"pp-bar\"><span class=\"pp-brand\">Kurir</span>\
         <span class=\"pp-loading\">{}</span></header>\n\
         <div class=\"pp-area\">\n\
         <p class=\"pp-question\">{}</p>\n{}\n</div>\n</div>\n",
        both(T::PrepaintLoading),
        both(T::WelcomeTitle),
        diagram(s)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use kurir_engine::examples::lesson;

    const FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/prepaint.html");

    #[test]
    fn the_prepainted_page_is_the_lesson_as_this_code_draws_it() {
        let want = page(&lesson());
        if std::env::var_os("KURIR_WRITE_PREPAINT").is_some() {
            std::fs::write(FILE, &want).unwrap();
        }
        let have = std::fs::read_to_string(FILE).unwrap_or_default();
        assert!(
            have == want,
            "assets/prepaint.html is not what the canvas code draws for the lesson; \
             write it again with KURIR_WRITE_PREPAINT=1 cargo test prepaint"
        );
    }

    #[test]
    fn every_node_of_the_lesson_is_drawn_once_with_its_name() {
        let s = lesson();
        let svg = diagram(&s);
        for v in &s.services {
            assert_eq!(
                svg.matches(&format!("data-pp-node=\"service:{}\"", v.id))
                    .count(),
                1
            );
        }
        for c in &s.channels {
            assert_eq!(
                svg.matches(&format!("data-pp-node=\"channel:{}\"", c.id))
                    .count(),
                1
            );
        }
        assert_eq!(svg.matches("class=\"pp-wire\"").count(), wires(&s).len());
        assert!(svg.contains(">Order service</tspan>"), "in full: {svg}");
        assert!(
            svg.contains(">Order</tspan>"),
            "compact, on two lines: {svg}"
        );
    }

    #[test]
    fn names_are_text_never_markup() {
        let mut s = lesson();
        s.services[0].name = "<img src=x onerror=alert(1)>".into();
        let svg = diagram(&s);
        assert!(!svg.contains("<img"));
        assert!(svg.contains("&lt;img"));
    }
}
