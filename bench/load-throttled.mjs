// Load on a slow phone connection: dist/ served with its precompressed
// copies (Brotli when the browser asks for it, as a host serving the .br
// files does), the network and the CPU throttled through the Chromium
// DevTools protocol, the profiles of issue 19:
//   "Slow 4G": 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, CPU 4× slower;
//   "Fast 3G": 150 ms round trip, 1.44 Mbit/s down, 675 kbit/s up.
// Per profile, the median of RUNS fresh visits (a returning visitor: no
// welcome card, an empty cache): first contentful paint, the click on
// "Place order" handled (bench/lib/probe.mjs), and the bytes transferred.
import { serveDist } from "../tests/e2e/lib/server.mjs";
import { launch, distDir, newContext } from "../tests/e2e/lib/browser.mjs";
import { probe } from "./lib/probe.mjs";

const RUNS = Number(process.env.KURIR_LOAD_RUNS || 5);
const PROFILES = [
  { name: "slow_4g", latency: 150, down: 1.6e6, up: 750e3, cpu: 4 },
  { name: "fast_3g", latency: 150, down: 1.44e6, up: 675e3, cpu: 1 },
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x) => +x.toFixed(0);
const server = await serveDist({ root: distDir, precompressed: true });
const browser = await launch();
const out = {};
for (const p of PROFILES) {
  const fcp = [];
  const click = [];
  const bytes = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await newContext(browser);
    await context.addInitScript(probe);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: p.latency,
      downloadThroughput: p.down / 8,
      uploadThroughput: p.up / 8,
    });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: p.cpu });
    await page.goto(server.url, { waitUntil: "commit" });
    await page.waitForFunction(() => window.__kurirLoad?.answered !== undefined, null, { timeout: 60000 });
    // The paint entry is written when the frame is presented, after the DOM change.
    await page.waitForFunction(() => performance.getEntriesByName("first-contentful-paint").length > 0, null, { timeout: 10000 });
    const t = await page.evaluate(() => {
      const paint = performance.getEntriesByName("first-contentful-paint")[0];
      const entries = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")];
      return {
        fcp: paint ? paint.startTime : NaN,
        answered: window.__kurirLoad.answered,
        bytes: entries.reduce((sum, e) => sum + e.transferSize, 0),
      };
    });
    fcp.push(t.fcp);
    click.push(t.answered);
    bytes.push(t.bytes);
    await context.close();
  }
  out[p.name] = {
    first_contentful_paint_ms_median: round(median(fcp)),
    first_click_handled_ms_median: round(median(click)),
    transferred_bytes_median: median(bytes),
    runs_fcp: fcp.map(round),
    runs_click: click.map(round),
  };
}
console.log(JSON.stringify(out, null, 1));
await browser.close();
await server.close();
