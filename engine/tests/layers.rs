//! The folders of `engine/src`, of the app's `src/` and of `live/src` are their layers
//! (see the maps in each `lib.rs` and `docs/architecture.md`). This test
//! reads every source file as a newcomer would — each `crate::…` and
//! `super::…` path outside comments and test modules — and checks two rules:
//!
//! 1. a module uses only its own layer and the layers before it in
//!    [`ENGINE`] / [`APP`] / [`LIVE`] (and the first layer uses nothing but itself);
//! 2. no modules import each other in a circle, apart from a parent and its
//!    own children (`sim` ↔ `sim::channel` is one module split in files).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The engine's top-level folders, lowest first.
const ENGINE: &[&[&str]] = &[
    &["base"],
    &["scenario"],
    &["compile"],
    &["input"],
    &["formats"],
    &["sim"],
    &["observe"],
    &["examples"],
];

/// The app's top-level folders, lowest first; the views share a layer.
const APP: &[&[&str]] = &[
    &["text"],
    &["model"],
    &["state"],
    &["io"],
    &["canvas", "inspector", "panels", "lesson"],
    &["shell"],
];

/// `kurir-live`'s layers (`live/src`): errors and arguments, the plan,
/// the broker clients, the run, conformance and the live-mode bridge, the
/// command line.
const LIVE: &[&[&str]] = &[
    &["error", "args"],
    &["plan"],
    &["broker"],
    &["run"],
    &["conform", "serve"],
    &["cli", "main"],
];

fn live_src() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../live/src")
}

fn engine_src() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn app_src() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../src")
}

type Module = Vec<String>;

fn module_of(relative: &Path) -> Module {
    let mut parts: Module = relative
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

fn read_tree(dir: &Path, root: &Path, out: &mut BTreeMap<Module, String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "bin") {
                read_tree(&path, root, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            out.insert(module_of(path.strip_prefix(root).unwrap()), text);
        }
    }
}

/// The code a reader sees as the module's own: comments and the test module
/// (which may use anything, as tests do) left out.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every path named in `code`, with `use a::{b, c::d}` groups spread out.
fn paths(code: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let bytes: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let rest: String = bytes[i..bytes.len().min(i + 7)].iter().collect();
        let starts = (rest.starts_with("crate::") || rest.starts_with("super::"))
            && (i == 0 || !(bytes[i - 1].is_alphanumeric() || bytes[i - 1] == '_'));
        if !starts {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < bytes.len() && (bytes[j].is_alphanumeric() || "_:".contains(bytes[j])) {
            j += 1;
        }
        let stem: String = bytes[i..j].iter().collect();
        let stem: Vec<String> = stem
            .split("::")
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
        if j < bytes.len() && bytes[j] == '{' {
            let close = (j..bytes.len()).find(|&k| bytes[k] == '}').unwrap_or(j);
            let inner: String = bytes[j + 1..close].iter().collect();
            for item in inner.split(',') {
                let mut p = stem.clone();
                p.extend(item.trim().split("::").map(|s| s.trim().to_string()));
                found.push(p);
            }
            i = close;
        } else {
            found.push(stem);
            i = j;
        }
    }
    found
}

/// The module a path from `from` lands in: the longest known prefix.
fn target(from: &Module, path: &[String], modules: &BTreeSet<Module>) -> Option<Module> {
    let mut absolute: Module = Vec::new();
    let mut rest = path;
    if rest.first().is_some_and(|p| p == "crate") {
        rest = &rest[1..];
    } else {
        absolute = from.clone();
        while rest.first().is_some_and(|p| p == "super") {
            absolute.pop();
            rest = &rest[1..];
        }
    }
    absolute.extend(rest.iter().cloned());
    (0..=absolute.len())
        .rev()
        .map(|n| absolute[..n].to_vec())
        .find(|m| modules.contains(m))
}

fn related(a: &Module, b: &Module) -> bool {
    a.starts_with(b) || b.starts_with(a)
}

fn uses(root: &Path) -> BTreeMap<Module, BTreeSet<Module>> {
    let root = root.to_path_buf();
    let mut files = BTreeMap::new();
    read_tree(&root, &root, &mut files);
    let modules: BTreeSet<Module> = files.keys().cloned().collect();
    let mut graph = BTreeMap::new();
    for (module, text) in &files {
        if module.first().is_some_and(|m| m == "main") {
            continue; // the app's entry point: mounts the App
        }
        let mut used = BTreeSet::new();
        for p in paths(&code(text)) {
            if let Some(t) = target(module, &p, &modules) {
                if !t.is_empty() && t != *module {
                    used.insert(t);
                }
            }
        }
        graph.insert(module.clone(), used);
    }
    graph
}

fn layer(m: &Module, layers: &[&[&str]]) -> usize {
    let top = m.first().map(String::as_str).unwrap_or("");
    layers
        .iter()
        .position(|l| l.contains(&top))
        .unwrap_or_else(|| panic!("module {m:?} is in no layer of {layers:?}"))
}

#[test]
fn the_tree_is_read_as_expected() {
    let graph = uses(&engine_src());
    let sim = vec!["sim".to_string()];
    let queue = vec!["sim".into(), "channel".into(), "queue".into()];
    assert!(graph.contains_key(&queue), "modules are found");
    assert!(
        graph[&queue].contains(&sim),
        "paths are resolved: {graph:?}"
    );
    let p = paths("use crate::a::{b, c::d};\nlet x = super::e(1);");
    assert_eq!(p.len(), 3, "{p:?}");
}

fn against_the_layers(root: &Path, layers: &[&[&str]]) -> Vec<String> {
    let mut wrong = Vec::new();
    for (module, used) in uses(root) {
        if module.is_empty() {
            continue; // lib.rs: the map and the re-exports
        }
        for u in used {
            let ok = if layer(&module, layers) == 0 {
                layer(&u, layers) == 0
            } else {
                layer(&u, layers) <= layer(&module, layers)
            };
            if !ok {
                wrong.push(format!("{} uses {}", module.join("::"), u.join("::")));
            }
        }
    }
    wrong
}

#[test]
fn each_module_uses_only_its_layer_and_the_ones_before() {
    for (root, layers) in [(engine_src(), ENGINE), (app_src(), APP), (live_src(), LIVE)] {
        let wrong = against_the_layers(&root, layers);
        assert!(
            wrong.is_empty(),
            "against the layers:\n{}",
            wrong.join("\n")
        );
    }
}

#[test]
fn no_modules_import_each_other_in_a_circle() {
    for root in [engine_src(), app_src(), live_src()] {
        if let Some(cycle) = circle(&uses(&root)) {
            let names: Vec<String> = cycle.iter().map(|m| m.join("::")).collect();
            panic!(
                "import circle in {}: {}",
                root.display(),
                names.join(" -> ")
            );
        }
    }
}

/// One circle of imports, if there is any.
fn circle(graph: &BTreeMap<Module, BTreeSet<Module>>) -> Option<Vec<Module>> {
    // Depth-first search for a back edge, ignoring parent <-> child edges.
    fn visit(
        m: &Module,
        graph: &BTreeMap<Module, BTreeSet<Module>>,
        state: &mut BTreeMap<Module, u8>,
        stack: &mut Vec<Module>,
    ) -> Option<Vec<Module>> {
        state.insert(m.clone(), 1);
        stack.push(m.clone());
        for next in graph.get(m).into_iter().flatten() {
            if related(m, next) {
                continue;
            }
            match state.get(next).copied().unwrap_or(0) {
                1 => {
                    let at = stack.iter().position(|s| s == next).unwrap();
                    return Some(stack[at..].to_vec());
                }
                0 => {
                    if let Some(c) = visit(next, graph, state, stack) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(m.clone(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for m in graph.keys() {
        if state.get(m).copied().unwrap_or(0) == 0 {
            let mut stack = Vec::new();
            if let Some(cycle) = visit(m, graph, &mut state, &mut stack) {
                return Some(cycle);
            }
        }
    }
    None
}
