// Load benchmark: bytes a visitor downloads (gzip) and time from navigation
// until the canvas is on screen and answers a click, on 127.0.0.1.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { serveDist } from "../tests/e2e/lib/server.mjs";
import { launch, distDir } from "../tests/e2e/lib/browser.mjs";

const files = fs.readdirSync(distDir).filter((f) => /\.(wasm|js|css|html)$/.test(f));
const sizes = {};
let gzipTotal = 0;
for (const f of files) {
  const raw = fs.readFileSync(path.join(distDir, f));
  const gz = zlib.gzipSync(raw, { level: 9 }).length;
  sizes[path.extname(f).slice(1)] = { raw: raw.length, gzip: gz };
  gzipTotal += gz;
}

const server = await serveDist({ root: distDir });
const browser = await launch();
const times = [];
for (let i = 0; i < 7; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url, { waitUntil: "commit" });
  await page.waitForSelector('[data-node="service:order"]');
  // Interactive: a click on "Place order" is handled (the log gets a line).
  await page.click("#place-order");
  await page.waitForFunction(() => document.querySelector("ol.log li"));
  const t = await page.evaluate(() => performance.now());
  times.push(t);
  await context.close();
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ gzip_total_bytes: gzipTotal, sizes, interactive_ms_median: +times[3].toFixed(1), runs: times.map((t) => +t.toFixed(1)) }, null, 1));
await browser.close();
await server.close();
