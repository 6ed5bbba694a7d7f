// Automated accessibility check (axe-core) of the main views, in both themes:
// no serious or critical violation.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { useApp } from "./lib/suite.mjs";
import { openPage, newContext } from "./lib/browser.mjs";
import { node } from "./lib/kurir.mjs";

const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");
const app = useApp();

async function audit(page) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() => axe.run(document, { resultTypes: ["violations"] }));
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}

for (const colorScheme of ["light", "dark"]) {
  test(`the playground has no serious accessibility violation (${colorScheme})`, async () => {
    const { page, context } = await openPage(app.browser, app.server.url, { colorScheme });
    await page.waitForSelector(node("service", "order"));
    await page.click("#place-order");
    await page.click(`${node("service", "sms")} .box`);
    assert.deepEqual(await audit(page), [], "with a service selected");
    await page.click(`${node("channel", "order")} .box`);
    await page.click("#split");
    assert.deepEqual(await audit(page), [], "channel selected, side by side");
    await page.click("#share");
    assert.deepEqual(await audit(page), [], "share dialog");
    await page.keyboard.press("Escape");
    await page.click("#lesson-toggle");
    await page.waitForSelector("#lesson");
    await page.click("#place-order");
    await page.waitForSelector("#lesson .explain");
    assert.deepEqual(await audit(page), [], "guided lesson, a step done");
    // Queue, exchange and log settings in the inspector.
    await page.click(`${node("channel", "email")} .box`);
    assert.deepEqual(await audit(page), [], "queue settings");
    await page.selectOption("#ch-kind", "kafka_topic");
    assert.deepEqual(await audit(page), [], "log settings");
    await context.close();
  });
}

test("the embedded player has no serious accessibility violation", async () => {
  const { page, context } = await openPage(app.browser, `${app.server.url}?embed&lang=id`);
  await page.waitForSelector(node("service", "order"));
  assert.deepEqual(await audit(page), []);
  await context.close();
});

test("a polite live region narrates events for screen readers", async () => {
  const { page, context } = await openPage(app.browser, app.server.url);
  await page.waitForSelector(node("service", "order"));
  assert.equal(await page.getAttribute("#live", "aria-live"), "polite");
  await page.click("#place-order");
  await page.waitForFunction(() => document.querySelector("#live").textContent.length > 0, null, { timeout: 5000 });
  assert.match(await page.textContent("#live"), /order|Order|channel/);
  await context.close();
});

test("with reduced motion the dots are not drawn, the counters still change", async () => {
  const context = await newContext(app.browser, { reducedMotion: "reduce" });
  const page = await context.newPage();
  await page.goto(app.server.url);
  await page.waitForSelector(node("service", "order"));
  await page.click("#place-order");
  await page.waitForFunction(() => (document.querySelector(".dot.publish")?.getAttribute("d") || "").length > 0);
  assert.equal(await page.isVisible(".dot.publish"), false);
  await page.waitForFunction(() => /done 1/.test(document.querySelector('[data-node="service:order"]').getAttribute("aria-label")));
  await context.close();
});

test("the share dialog takes focus, closes with Escape and gives focus back", async () => {
  const { page, context } = await openPage(app.browser, app.server.url);
  await page.waitForSelector(node("service", "order"));
  await page.focus("#share");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#share-text");
  assert.equal(await page.evaluate(() => document.activeElement.id), "share-text");
  // Tab and Shift+Tab stay inside the modal dialog (the page behind is out of reach)
  const inside = () => page.evaluate(() => document.activeElement.closest(".dialog") !== null);
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press("Tab");
    assert.ok(await inside(), `Tab ${i + 1} left the dialog`);
  }
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press("Shift+Tab");
    assert.ok(await inside(), `Shift+Tab ${i + 1} left the dialog`);
  }
  await page.keyboard.press("Escape");
  await page.waitForSelector("#share-text", { state: "detached" });
  assert.equal(await page.evaluate(() => document.activeElement.id), "share");
  // New asks nothing, so it says how to get the work back
  await page.click("#new");
  await page.waitForSelector(node("service", "order"), { state: "detached" });
  assert.match(await page.textContent(".notice"), /Undo/);
  await page.keyboard.press("Control+z");
  await page.waitForSelector(node("service", "order"));
  await context.close();
});
