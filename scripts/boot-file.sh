#!/bin/sh
# Trunk post-build hook: moves Trunk's inline start-up script out of
# index.html into a file of its own (boot-<checksum>.js), so the page runs
# under a strict Content-Security-Policy without 'unsafe-inline'
# (script-src 'self' 'wasm-unsafe-eval'; see docs/hosting.md). POSIX sh and
# awk only, so `trunk serve` works wherever trunk does.
set -eu
dir="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
html="$dir/index.html"
tmp="$dir/.boot.js"
# The first inline module script is Trunk's loader (import init …).
awk -v js="$tmp" '
  !done && /<script type="module">/ { inside = 1; sub(/<script type="module">.*/, "@BOOT@"); print; next }
  inside && /<\/script>/ { inside = 0; done = 1; sub(/.*<\/script>/, ""); print; next }
  inside { print > js; next }
  { print }
' "$html" > "$html.new"
if [ ! -s "$tmp" ]; then
  rm -f "$html.new" "$tmp"
  echo "boot-file.sh: no inline module script in $html (already moved?)" >&2
  exit 0
fi
sum=$(cksum < "$tmp" | cut -d' ' -f1)
name="boot-$sum.js"
mv "$tmp" "$dir/$name"
sed "s|@BOOT@|<script type=\"module\" src=\"./$name\"></script>|" "$html.new" > "$html"
rm -f "$html.new"
