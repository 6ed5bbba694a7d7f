#!/usr/bin/env bash
# Benchmarks (not tests): prints a table and writes JSON under target/bench/.
#   scripts/bench.sh [--quick]
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/bench
echo "== engine, native (median of 5 runs; --quick: 1 short run) =="
cargo bench -q -p kurir-engine --bench engine -- "$@"
echo
echo "Results: target/bench/engine.json"
echo "Not yet benchmarked: the engine inside the browser, UI frame times, load size and time (issue 8)."
