// Load benchmark: bytes a visitor downloads (gzip -9 of wasm + js + css; the
// small index.html is listed apart) and time from navigation until the app
// answers a click, on 127.0.0.1 in headless Chromium.
//
// Interactive is measured inside the page, against navigation start: as soon
// as the Order service is on the canvas, a click on "Place order" is queued as
// a task (behind whatever work the page still has queued) and the figure is
// the moment the event log shows the order. The same steps driven from the
// test client (wait for the node, click, wait for the line) are reported too:
// that figure adds Playwright's own round trips (polling, actionability
// checks), which no visitor waits for. A long task (> 50 ms) still running
// in the second after the answer would push the figure to its end: the page
// is only interactive once the main thread is free.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { serveDist } from "../tests/e2e/lib/server.mjs";
import { launch, distDir, newContext } from "../tests/e2e/lib/browser.mjs";
import { probe } from "./lib/probe.mjs";

const RUNS = 7;
const files = fs.readdirSync(distDir).filter((f) => /\.(wasm|js|css|html)$/.test(f));
const sizes = {};
let gzipTotal = 0;
let brotliTotal = 0;
for (const f of files) {
  const raw = fs.readFileSync(path.join(distDir, f));
  const gz = zlib.gzipSync(raw, { level: 9 }).length;
  const br = zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const ext = path.extname(f).slice(1);
  // Per file: there are two scripts (Trunk's start-up file and the bindings).
  sizes[f] = { raw: raw.length, gzip: gz, brotli: br };
  if (ext !== "html") {
    gzipTotal += gz;
    brotliTotal += br;
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x) => +x.toFixed(1);
const server = await serveDist({ root: distDir });
const browser = await launch();
const inPage = [];
const shown = [];
const external = [];
const longest = [];
for (let i = 0; i < RUNS; i++) {
  // A returning visitor: the first visit's welcome card would wait for a choice.
  const context = await newContext(browser);
  await context.addInitScript(probe);
  const page = await context.newPage();
  await page.goto(server.url, { waitUntil: "commit" });
  await page.waitForFunction(() => window.__kurirLoad?.answered !== undefined);
  await page.waitForTimeout(1000);
  const t = await page.evaluate(() => window.__kurirLoad);
  const busyUntil = Math.max(0, ...t.longTasks.map(([start, duration]) => start + duration));
  inPage.push(Math.max(t.answered, busyUntil));
  longest.push(Math.max(0, ...t.longTasks.map(([, duration]) => duration)));
  shown.push(t.shown);
  await context.close();

  // The same, driven from the test client.
  const plain = await newContext(browser);
  const p2 = await plain.newPage();
  await p2.goto(server.url, { waitUntil: "commit" });
  await p2.waitForSelector('[data-node="service:order"]');
  await p2.click("#place-order");
  await p2.waitForFunction(() => document.querySelector("ol.log li"));
  external.push(await p2.evaluate(() => performance.now()));
  await plain.close();
}
console.log(
  JSON.stringify(
    {
      gzip_total_bytes: gzipTotal,
      brotli_total_bytes: brotliTotal,
      sizes,
      interactive_ms_median: round(median(inPage)),
      canvas_shown_ms_median: round(median(shown)),
      longest_task_ms_median: round(median(longest)),
      interactive_via_test_client_ms_median: round(median(external)),
      runs: inPage.map(round),
      runs_via_test_client: external.map(round),
    },
    null,
    1,
  ),
);
await browser.close();
await server.close();
