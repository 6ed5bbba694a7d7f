// The guided lesson, walked with the keyboard only, in English and in Bahasa
// Indonesia: every step's check must pass from what the learner does.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useApp } from "./lib/suite.mjs";
import { openPage, screenshot } from "./lib/browser.mjs";
import { node } from "./lib/kurir.mjs";

const app = useApp();

/// Presses Tab until the focused element matches `selector` (keyboard only).
async function tabTo(page, selector, most = 400) {
  for (let i = 0; i < most; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press("Tab");
  }
  assert.fail(`Tab never reached ${selector}`);
}

/// Focuses a field by Tab and types a new value, then leaves it (change fires).
async function typeInto(page, selector, text) {
  await tabTo(page, selector);
  await page.keyboard.press("Control+A");
  await page.keyboard.type(text);
  await page.keyboard.press("Tab");
}

/// Picks an option of a focused select by typing the start of its label.
async function choose(page, selector, label) {
  await tabTo(page, selector);
  await page.keyboard.type(label, { delay: 30 });
}

async function press(page, selector) {
  await tabTo(page, selector);
  await page.keyboard.press("Enter");
}

const status = (page) => page.textContent("#lesson-status");

async function waitDone(page, step, timeout = 30000) {
  await page.waitForFunction(() => /Done|Selesai/.test(document.querySelector("#lesson-status")?.textContent || ""), null, { timeout })
    .catch(async () => assert.fail(`step ${step} never passed; status: ${await status(page)}`));
}

async function next(page) {
  const before = await page.textContent(".lesson-progress");
  await press(page, "#lesson-next");
  await page.waitForFunction((b) => document.querySelector(".lesson-progress")?.textContent !== b, before);
}

async function walk(page, lang) {
  const en = lang === "en";
  // Leave the canvas alone and open the lesson with its shortcut.
  await page.keyboard.press("l");
  await page.waitForSelector("#lesson");
  assert.match(await page.textContent(".lesson-progress"), en ? /Step 1 of 11/ : /Langkah 1 dari 11/);
  await screenshot(page, `lesson-${lang}-start`);
  // 1. Place an order.
  await page.keyboard.press("o");
  await waitDone(page, 1);
  await next(page);
  // 2. RPC: place an order and wait for the answer.
  await page.keyboard.press("o");
  await waitDone(page, 2);
  await next(page);
  // 3. Side by side.
  await press(page, "#split");
  await page.keyboard.press("o");
  await waitDone(page, 3);
  await press(page, "#split");
  await next(page);
  // 4. Four workers for the Order service.
  await press(page, node("service", "order"));
  await typeInto(page, "#svc-workers", "4");
  await waitDone(page, 4);
  await next(page);
  // 5. Messaging: publish and move on. Switching language keeps progress.
  await page.keyboard.press("o");
  await waitDone(page, 5);
  await press(page, "#lang");
  assert.match(await page.textContent(".lesson-progress"), en ? /Langkah 5 dari 11/ : /Step 5 of 11/);
  assert.match(await status(page), en ? /Selesai/ : /Done/);
  await press(page, "#lang");
  await next(page);
  // 6. Select the order channel.
  await press(page, node("channel", "order"));
  await waitDone(page, 6);
  await next(page);
  // 7. SMS down, an order waits for it.
  await press(page, node("service", "sms"));
  await press(page, "#toggle-up");
  await page.keyboard.press("o");
  await waitDone(page, 7);
  await next(page);
  // 8. Finance down on plain pub/sub: it misses the order.
  await press(page, node("service", "finance"));
  await press(page, "#toggle-up");
  await page.keyboard.press("o");
  await waitDone(page, 8);
  await next(page);
  // 9. Open a broker example.
  await choose(page, "#gallery", "Kafka");
  await waitDone(page, 9);
  await screenshot(page, `lesson-${lang}-brokers`);
  await next(page);
  // 10. Challenge: 20 orders/s under 100 ms.
  await press(page, node("service", "order"));
  await typeInto(page, "#svc-workers", "4");
  await typeInto(page, "#rate", "20");
  await waitDone(page, 10, 60000);
  await typeInto(page, "#rate", "0");
  await next(page);
  // 11. Challenge: no SMS lost while SMS is down (make the sms channel a queue).
  await press(page, node("channel", "sms"));
  await choose(page, "#ch-kind", en ? "Queue" : "Antrean");
  await choose(page, "#speed", "10");
  await waitDone(page, 11, 60000);
  assert.match(await page.textContent("#lesson"), en ? /You finished the lesson/ : /Kamu sudah menyelesaikan/);
  await screenshot(page, `lesson-${lang}-finished`);
}

for (const lang of ["en", "id"]) {
  test(`the whole lesson by keyboard only (${lang})`, async () => {
    const { page, errors, context } = await openPage(app.browser, `${app.server.url}?lang=${lang}`);
    await page.waitForSelector(node("service", "order"));
    await walk(page, lang);
    // Progress survives a reload.
    await page.reload();
    await page.waitForSelector(node("service", "order"));
    await page.keyboard.press("l");
    await page.waitForSelector("#lesson");
    assert.match(await page.textContent(".lesson-progress"), /11/);
    assert.match(await status(page), /Done|Selesai/);
    assert.deepEqual(errors, []);
    await context.close();
  });
}
