// Engine in the browser: the same 1→4 fan-out as the native benchmark, run
// by the release wasm inside headless Chromium (through the app's
// `bench_fanout` export). Median of 5 runs of 2,000,000 deliveries.
import { serveDist } from "../tests/e2e/lib/server.mjs";
import { launch, distDir, newContext } from "../tests/e2e/lib/browser.mjs";

const quick = process.argv.includes("--quick");
const deliveries = quick ? 200_000 : 2_000_000;
const server = await serveDist({ root: distDir });
const browser = await launch();
const page = await (await newContext(browser)).newPage();
await page.goto(server.url);
await page.waitForFunction(() => window.wasmBindings && window.wasmBindings.bench_fanout);
const runs = [];
for (let i = 0; i < (quick ? 1 : 5); i++) {
  runs.push(await page.evaluate((n) => window.wasmBindings.bench_fanout(n), deliveries));
}
const sorted = [...runs].sort((a, b) => a - b);
console.log(JSON.stringify({ fanout_1x4_deliveries_per_s_median: Math.round(sorted[Math.floor(sorted.length / 2)]), runs: runs.map(Math.round) }, null, 1));
await browser.close();
await server.close();
