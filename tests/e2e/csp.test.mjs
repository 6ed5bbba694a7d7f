// Course sites often send a strict Content-Security-Policy. Served with
// exactly the policy of docs/hosting.md, the app starts and its main paths
// run without a single violation.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serveDist } from "./lib/server.mjs";
import { launch, distDir, screenshot, newContext } from "./lib/browser.mjs";
import { node, setSpeed } from "./lib/kurir.mjs";

export const POLICY =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; object-src 'none'; base-uri 'none'";

let server;
let browser;
before(async () => {
  server = await serveDist({ root: distDir, headers: { "content-security-policy": POLICY } });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test("under a strict Content-Security-Policy the app runs with no violation", async () => {
  const context = await newContext(browser, { viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  page.on("pageerror", (e) => problems.push(String(e)));
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__violations.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sample}`),
    );
  });
  const response = await page.goto(server.url);
  assert.equal(response.headers()["content-security-policy"], POLICY);
  await page.waitForSelector(node("service", "order"));
  // The main paths: orders, the inspector and its legend, renaming in place,
  // the comparison's timeline bars, charts, side by side, a gallery example.
  await page.click("#place-order");
  await setSpeed(page, 10);
  await page.waitForSelector(".compare .bar, .track .bar");
  await page.click(`${node("service", "sms")} .box`);
  await page.waitForSelector(".inspector h2");
  await page.keyboard.press("Escape");
  await page.waitForSelector(".legend .swatch");
  await page.dblclick(`${node("service", "email")} .box`);
  await page.fill("#rename", "Mailer");
  await page.press("#rename", "Enter");
  await page.click("#split");
  await page.waitForTimeout(500);
  await page.click("#split");
  await page.selectOption("#gallery", "kafka");
  await page.waitForTimeout(1000);
  await page.click("#share");
  await page.keyboard.press("Escape");
  // Styles applied through CSSOM still take effect (the legend's colours).
  const swatch = await page.evaluate(() => getComputedStyle(document.querySelector(".legend .swatch")).backgroundColor);
  assert.notEqual(swatch, "rgba(0, 0, 0, 0)");
  await screenshot(page, "strict-csp");
  const violations = await page.evaluate(() => window.__violations);
  assert.deepEqual(violations, []);
  assert.deepEqual(problems, []);
  await context.close();
});
