#!/usr/bin/env bash
# Benchmarks (not tests): engine natively, then the release app in headless
# Chromium (frame times under load, download size, time to interactive).
# Prints the figures and writes JSON under target/bench/.
#   scripts/bench.sh [--quick]    (--quick: one short engine run)
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/bench
echo "== engine, native (median of 5 runs) =="
cargo bench -q -p kurir-engine --bench engine -- "$@"

# shellcheck source=scripts/env.sh
source scripts/env.sh build browser e2e
trunk build --release >target/bench/trunk.log 2>&1 || { tail -20 target/bench/trunk.log; exit 1; }
echo
echo "== UI frame times, release build in headless Chromium (goal: p95 <= 16.7 ms) =="
node bench/ui-frames.mjs "$@" | tee target/bench/ui.json
echo
echo "== engine in the browser: release wasm in headless Chromium (goal: >= 2 M deliveries/s) =="
node bench/engine-browser.mjs "$@" | tee target/bench/engine-browser.json
echo
echo "== load: gzip bytes of wasm + js + css + html, and time to interactive on 127.0.0.1 =="
node bench/load.mjs | tee target/bench/load.json
echo
echo "== load on a slow phone connection: Slow 4G and Fast 3G, throttled through the DevTools protocol =="
node bench/load-throttled.mjs | tee target/bench/load-throttled.json
echo
echo "== all figures (medians) =="
node bench/table.mjs
echo
echo "Results: target/bench/summary.json (and engine, engine-browser, ui, load .json); stress screenshot: target/bench/ui-stress.png"
