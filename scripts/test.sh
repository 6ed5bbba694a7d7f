#!/usr/bin/env bash
# Runs the test levels and prints a summary of counts per level.
#   scripts/test.sh all|lint|native|conformance|components|e2e
# Exit status is non-zero when any level fails.
set -uo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
logs=target/test-logs
mkdir -p "$logs"
declare -a summary=()
total_pass=0
total_fail=0
status=0

# Sums "test result: ok. N passed; M failed" lines of cargo/libtest output.
cargo_counts() {
  awk '/test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
       END { printf "%d %d\n", p, f }' "$1"
}

# Node's test runner prints "# pass N" and "# fail N".
node_counts() {
  awk '/^# pass / { p = $3 } /^# fail / { f = $3 } END { printf "%d %d\n", p, f }' "$1"
}

# cargo's counts plus the conformance runner's "conformance X: N passed, M failed".
conformance_counts() {
  awk '/test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
       /^conformance .*: [0-9]+ passed, [0-9]+ failed$/ { p += $(NF-3); f += $(NF-1) }
       END { printf "%d %d\n", p, f }' "$1"
}

# A check with no test runner: one check, passed or failed by its exit code.
check_counts() { echo "1 0"; }

phase() { # name counter command...
  local name=$1 counter=$2
  shift 2
  local log="$logs/$name.log" start end pass fail rc
  start=$(date +%s)
  printf '\n\033[1m== %s ==\033[0m\n' "$name"
  "$@" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  end=$(date +%s)
  read -r pass fail < <("$counter" "$log")
  if [ "$rc" -ne 0 ]; then # a build failure or a failed check counts
    [ "$counter" = check_counts ] && pass=0
    [ "$fail" -eq 0 ] && fail=1
  fi
  [ "$rc" -ne 0 ] && status=1
  summary+=("$(printf '%-11s %4d passed, %d failed  (%ds)' "$name:" "$pass" "$fail" $((end - start)))")
  total_pass=$((total_pass + pass))
  total_fail=$((total_fail + fail))
}

lint() {
  # House rules: formatted, and clippy-clean with warnings as errors.
  cargo fmt --all -- --check && cargo clippy --workspace --all-targets -- -D warnings
}

native() {
  # The engine (unit, property and story tests; release: proptest runs many
  # cases) and the app's pure logic (i18n, geometry, edits, field checks).
  cargo test -p kurir-engine --release && cargo test -p kurir --lib
}

components() {
  # shellcheck source=scripts/env.sh
  source scripts/env.sh build browser || return 1
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
  export WASM_BINDGEN_TEST_TIMEOUT=120
  cargo test -p kurir --target wasm32-unknown-unknown --test components
}

conformance() {
  # kurir-live on real RabbitMQ, Redis, Pub/Sub (emulator) and SQS/SNS (moto)
  # servers the script starts and stops.
  scripts/conformance.sh
}

e2e() {
  # The live-mode test runs the app under kurir-live serve (a native build,
  # before env.sh points cargo at the wasm toolchain).
  cargo build -p kurir-live || return 1
  export KURIR_LIVE_BIN="$PWD/${CARGO_TARGET_DIR:-target}/debug/kurir-live"
  case "${CARGO_TARGET_DIR:-}" in /*) KURIR_LIVE_BIN="$CARGO_TARGET_DIR/debug/kurir-live" ;; esac
  # shellcheck source=scripts/env.sh
  source scripts/env.sh build browser e2e || return 1
  trunk build --release || return 1
  (cd tests/e2e && node --test --test-concurrency=1)
}

case "$what" in
  lint) phase lint check_counts lint ;;
  native) phase native cargo_counts native ;;
  components) phase components cargo_counts components ;;
  e2e) phase e2e node_counts e2e ;;
  conformance) phase conformance conformance_counts conformance ;;
  all)
    phase lint check_counts lint
    phase native cargo_counts native
    phase conformance conformance_counts conformance
    phase components cargo_counts components
    phase e2e node_counts e2e
    ;;
  *) echo "usage: scripts/test.sh all|lint|native|conformance|components|e2e" >&2; exit 2 ;;
esac

printf '\n\033[1m== summary ==\033[0m\n'
printf '%s\n' "${summary[@]}"
echo "total: $total_pass passed, $total_fail failed"
exit $status
