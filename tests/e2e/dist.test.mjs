// The release build as a static host receives it: next to every wasm, js,
// css, html and svg file, a gzip and a Brotli copy that decompress to the
// very same bytes (hosts that serve precompressed files send them as they
// are; docs/hosting.md), and nothing else beside them.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { distDir } from "./lib/browser.mjs";

test("dist/ holds a .gz and a .br copy of each file, equal to it once decompressed", () => {
  const names = fs.readdirSync(distDir).filter((n) => !n.startsWith("."));
  const originals = names.filter((n) => /\.(wasm|js|css|html|svg)$/.test(n));
  assert.ok(originals.some((n) => n.endsWith(".wasm")), "the build is there");
  for (const name of originals) {
    const raw = fs.readFileSync(path.join(distDir, name));
    const gz = fs.readFileSync(path.join(distDir, `${name}.gz`));
    const br = fs.readFileSync(path.join(distDir, `${name}.br`));
    assert.ok(zlib.gunzipSync(gz).equals(raw), `${name}.gz`);
    assert.ok(zlib.brotliDecompressSync(br).equals(raw), `${name}.br`);
    if (raw.length > 4096) assert.ok(br.length < gz.length, `${name}: Brotli beats gzip`);
  }
  const expected = new Set(originals.flatMap((n) => [n, `${n}.gz`, `${n}.br`]));
  assert.deepEqual(names.filter((n) => !expected.has(n)), [], "nothing else in dist/");
});
