#!/bin/sh
# Trunk post-build hook, release builds only: writes a gzip (.gz) and, where
# a Brotli encoder is at hand, a Brotli (.br) copy of each text and wasm file
# next to it, for static hosts that serve precompressed files (nginx
# gzip_static / brotli_static, Caddy `precompressed`; docs/hosting.md).
# Best compression once at build time instead of a fast one per request.
# POSIX sh; gzip is everywhere, Brotli comes from the `brotli` command or
# from Node's zlib, and is left out (said on stderr) when neither is there.
set -eu
[ "${TRUNK_PROFILE:-}" = "release" ] || exit 0
dir="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
files=$(find "$dir" -maxdepth 1 -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.html' -o -name '*.svg' \))
for f in $files; do
  gzip -9 -n -k -f "$f"
done
if command -v brotli >/dev/null 2>&1; then
  for f in $files; do brotli -q 11 -f -k "$f"; done
elif command -v node >/dev/null 2>&1; then
  node -e '
    const fs = require("fs"), zlib = require("zlib");
    for (const f of process.argv.slice(1)) {
      const out = zlib.brotliCompressSync(fs.readFileSync(f), {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: fs.statSync(f).size },
      });
      fs.writeFileSync(f + ".br", out);
    }' $files
else
  echo "precompress.sh: no brotli encoder (brotli or node); only .gz files written" >&2
fi
