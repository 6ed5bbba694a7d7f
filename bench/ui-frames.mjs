// UI benchmark: frame times of the real app in headless Chromium while
// orders arrive at a given rate. Prints JSON; `make bench` collects it.
//   node bench/ui-frames.mjs [rate ...]
import { serveDist } from "../tests/e2e/lib/server.mjs";
import { launch, openPage, distDir } from "../tests/e2e/lib/browser.mjs";

const rates = process.argv.slice(2).map(Number).filter((r) => r > 0);
const server = await serveDist({ root: distDir });
const browser = await launch();
const results = [];
for (const rate of rates.length ? rates : [10, 100, 1000]) {
  const { page, context } = await openPage(browser, server.url);
  await page.waitForSelector('[data-node="service:order"]');
  await page.fill("#rate", String(rate));
  await page.press("#rate", "Enter");
  await page.waitForTimeout(1500); // let queues fill
  const frames = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const times = [];
        let last = performance.now();
        const start = last;
        function tick(now) {
          times.push(now - last);
          last = now;
          if (now - start < 4000) requestAnimationFrame(tick);
          else resolve(times);
        }
        requestAnimationFrame(tick);
      }),
  );
  frames.sort((a, b) => a - b);
  const q = (p) => frames[Math.min(frames.length - 1, Math.floor(p * frames.length))];
  const dots = await page.evaluate(() => document.querySelector(".dot.deliver").getAttribute("d").split("M").length - 1);
  results.push({ rate, frames: frames.length, p50_ms: +q(0.5).toFixed(2), p95_ms: +q(0.95).toFixed(2), dots_drawn: dots });
  await context.close();
}
console.log(JSON.stringify(results));
await browser.close();
await server.close();
