// A long run at the fastest settings stays alive with bounded memory, and a
// steady run does not leak: the two ways a tab used to die or bloat.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { useApp } from "./lib/suite.mjs";
import { openPage, screenshot, shotsDir, newContext } from "./lib/browser.mjs";
import { node, setSpeed } from "./lib/kurir.mjs";

const app = useApp();
const MB = 1024 * 1024;

async function open() {
  const context = await newContext(app.browser, { viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  // The wasm module's memory, as Trunk's loader hands it over.
  await page.addInitScript(() =>
    addEventListener("TrunkApplicationStarted", (e) => (window.__memory = e.detail.wasm.memory)),
  );
  await page.goto(app.server.url);
  await page.waitForSelector(node("service", "order"));
  const memory = () => page.evaluate(() => window.__memory.buffer.byteLength);
  return { page, context, errors, memory };
}

async function setRate(page, rate) {
  await page.fill("#rate", String(rate));
  await page.press("#rate", "Enter");
}

test("a steady run does not grow: the event log keeps no memory per line", async () => {
  const { page, context, errors, memory } = await open();
  await setSpeed(page, 100);
  await setRate(page, 1); // 100 orders a second of real time, each logged
  await page.waitForTimeout(10_000);
  const start = await memory();
  await page.waitForTimeout(40_000); // about 4,000 orders
  const grown = (await memory()) - start;
  console.log(`# steady run: wasm memory ${(start / MB).toFixed(1)} MB, grew ${(grown / MB).toFixed(1)} MB over 40 s`);
  // The keyed log rows kept ~1.3 KB per order: about 5 MB here.
  assert.ok(grown < 1 * MB, `grew ${grown} bytes`);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the fastest rate at the fastest speed for minutes: alive, bounded, and says so", async () => {
  const { page, context, errors, memory } = await open();
  await setSpeed(page, 100);
  await setRate(page, 1000);
  let peak = 0;
  const minutes = Number(process.env.KURIR_LONG_RUN_MINUTES || 3);
  const until = Date.now() + minutes * 60_000;
  while (Date.now() < until) {
    await page.waitForTimeout(5_000);
    peak = Math.max(peak, await memory());
    // The page answers within a frame or two all along.
    const t0 = Date.now();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
    assert.ok(Date.now() - t0 < 2_000, "a frame within 2 s");
  }
  console.log(`# fastest run for ${minutes} min: peak wasm memory ${(peak / MB).toFixed(1)} MB`);
  fs.mkdirSync(shotsDir, { recursive: true });
  fs.writeFileSync(path.join(shotsDir, "long-run.json"), JSON.stringify({ minutes, peak_wasm_bytes: peak }));
  await page.waitForSelector("#orders-refused");
  await screenshot(page, "long-run-fastest");
  assert.ok(peak < 400 * MB, `peak ${peak} bytes`);
  // Still working: it pauses when asked.
  await page.click("#play");
  const clock = await page.textContent(".clock");
  await page.waitForTimeout(500);
  assert.equal(await page.textContent(".clock"), clock);
  assert.deepEqual(errors, []);
  await context.close();
});
