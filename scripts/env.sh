# shellcheck shell=bash
# Sourced by the Makefile before every wasm build, serve or test:
#   . scripts/env.sh [build] [browser] [e2e]
# Installs whatever is missing (saying what and why), then exports the
# environment for a wasm32 build. Fast and silent when all is in place.
#
# Two worlds:
#  - rustup with the wasm32-unknown-unknown target (a normal machine): used as is.
#  - no way to get that target (offline machine): Debian's rustc-web/cargo-web
#    build std from rust-web-src (RUSTC_BOOTSTRAP + build-std) and link with
#    rust-lld from rustup's sysroot, or Debian lld-22's wasm-ld.

KURIR_CACHE="${KURIR_CACHE:-$HOME/.cache/kurir}"
TRUNK_VERSION=0.22.1
BINARYEN_VERSION=132
WASM_BINDGEN_VERSION="$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)"
export PATH="$HOME/.cargo/bin:$KURIR_CACHE/binaryen/node_modules/.bin:$PATH"
mkdir -p "$KURIR_CACHE"

kurir_say() { printf '\033[1;36m[setup]\033[0m %s\n' "$*" >&2; }
kurir_fail() {
  printf '\033[1;31m[setup] ERROR:\033[0m %s\n' "$*" >&2
  return 1
}

# Installs Debian packages that are missing.
kurir_apt() {
  local missing=() p sudo=""
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" = 0 ] || sudo=sudo
  kurir_say "installing Debian packages ${missing[*]} (apt-get, a few minutes)"
  $sudo apt-get update -q >/dev/null &&
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      "${missing[@]}" >"$KURIR_CACHE/apt.log" 2>&1 ||
    kurir_fail "apt-get install ${missing[*]} failed; see $KURIR_CACHE/apt.log"
}

kurir_wasm_toolchain() {
  # KURIR_WASM_WORLD=debian forces the offline route (to test it on any machine).
  if [ "${KURIR_WASM_WORLD:-}" = debian ]; then
    kurir_debian_wasm
    return
  fi
  if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    return 0
  fi
  if [ ! -e "$KURIR_CACHE/no-rustup-wasm-target" ] && command -v rustup >/dev/null; then
    kurir_say "trying 'rustup target add wasm32-unknown-unknown' (30 s at most)"
    if timeout 30 rustup target add wasm32-unknown-unknown >/dev/null 2>&1; then
      return 0
    fi
    touch "$KURIR_CACHE/no-rustup-wasm-target" # remember: don't wait again next time
    kurir_say "rustup cannot fetch the wasm32 target here; using Debian's rustc-web instead"
  fi
  kurir_debian_wasm
}

kurir_debian_wasm() {
  kurir_apt rustc-web cargo-web rust-web-src || return 1
  local host lld
  host="$(rustc -vV 2>/dev/null | sed -n 's/^host: //p')"
  lld="$(rustc --print sysroot 2>/dev/null)/lib/rustlib/$host/bin/rust-lld"
  if [ ! -x "$lld" ]; then
    kurir_apt lld-22 || return 1
    lld=/usr/lib/llvm-22/bin/wasm-ld
  fi
  # Debian's cargo first in PATH, so trunk and wasm tests use it too.
  mkdir -p "$KURIR_CACHE/debian-cargo"
  ln -sf /usr/bin/cargo "$KURIR_CACHE/debian-cargo/cargo"
  export PATH="$KURIR_CACHE/debian-cargo:$PATH"
  export RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1
  export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$lld"
  # trunk runs cargo --offline (so it never downloads tools): fetch the
  # crates std itself depends on (dlmalloc, ...) beforehand, once.
  local stamp="$KURIR_CACHE/std-deps-fetched-$(/usr/bin/rustc -V | tr -c 'a-z0-9.\n' _)"
  if [ ! -e "$stamp" ]; then
    kurir_say "fetching the crates that Debian's std source needs (once)"
    RUSTC_BOOTSTRAP=1 /usr/bin/cargo fetch \
      --manifest-path "$(/usr/bin/rustc --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml" \
      >"$KURIR_CACHE/std-fetch.log" 2>&1 ||
      kurir_fail "cargo fetch of std's dependencies failed; see $KURIR_CACHE/std-fetch.log" || return 1
    touch "$stamp"
  fi
  # A target dir of its own: switching compilers would otherwise rebuild everything.
  export CARGO_TARGET_DIR="$PWD/target/debian"
}

kurir_cargo_tool() { # crate version binary [extra cargo-install flags]
  local crate=$1 version=$2 bin=$3
  shift 3
  if "$bin" --version 2>/dev/null | grep -q " $version"; then return 0; fi
  kurir_say "installing $crate $version with cargo install (once, several minutes)"
  # rustup's cargo builds host tools; the Debian one is for wasm only.
  env -u RUSTC -u RUSTDOC -u RUSTC_BOOTSTRAP -u CARGO_UNSTABLE_BUILD_STD -u CARGO_TARGET_DIR \
    PATH="$HOME/.cargo/bin:$PATH" cargo install "$crate" --version "$version" "$@" \
    >"$KURIR_CACHE/install-$crate.log" 2>&1 ||
    kurir_fail "cargo install $crate $version failed; see $KURIR_CACHE/install-$crate.log"
}

kurir_wasm_opt() {
  if wasm-opt --version 2>/dev/null | grep -q "version_$BINARYEN_VERSION"; then return 0; fi
  # Debian's binaryen (108) cannot read today's bulk-memory wasm; npm's can.
  kurir_say "installing wasm-opt (binaryen $BINARYEN_VERSION from npm)"
  mkdir -p "$KURIR_CACHE/binaryen"
  (cd "$KURIR_CACHE/binaryen" && npm install --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION") \
    >"$KURIR_CACHE/binaryen.log" 2>&1 ||
    kurir_fail "npm install binaryen failed; see $KURIR_CACHE/binaryen.log"
}

kurir_browser() {
  kurir_apt chromium chromium-driver || return 1
  export CHROMEDRIVER=/usr/bin/chromedriver CHROMIUM=/usr/bin/chromium
}

kurir_e2e_deps() {
  command -v npm >/dev/null || kurir_apt nodejs npm || return 1
  local stamp="tests/e2e/node_modules/.kurir-lock"
  if [ -f "$stamp" ] && cmp -s "$stamp" tests/e2e/package-lock.json; then return 0; fi
  kurir_say "installing the e2e test client (playwright-core, npm ci)"
  (cd tests/e2e && npm ci --no-audit --no-fund --silent) >"$KURIR_CACHE/npm-e2e.log" 2>&1 ||
    kurir_fail "npm ci in tests/e2e failed; see $KURIR_CACHE/npm-e2e.log"
  cp tests/e2e/package-lock.json "$stamp"
}

kurir_env() {
  local want
  for want in "$@"; do
    case "$want" in
      build)
        kurir_wasm_toolchain || return 1
        kurir_cargo_tool trunk "$TRUNK_VERSION" trunk --locked --ignore-rust-version || return 1
        kurir_cargo_tool wasm-bindgen-cli "$WASM_BINDGEN_VERSION" wasm-bindgen || return 1
        kurir_wasm_opt || return 1
        ;;
      browser) kurir_browser || return 1 ;;
      e2e) kurir_e2e_deps || return 1 ;;
      *) kurir_fail "scripts/env.sh: unknown part '$want'" ;;
    esac
  done
}

kurir_env "$@"
