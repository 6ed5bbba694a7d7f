// Nothing crashes, nothing freezes, nothing lost: the user's work survives a
// share link, a full or refusing storage and unreadable saved data; tampered
// saved values cannot hang the page.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import { useApp } from "./lib/suite.mjs";
import { openPage, screenshot } from "./lib/browser.mjs";
import { node, rename, title } from "./lib/kurir.mjs";

const app = useApp();
const KEY = "kurir.autosave.v1";

async function fresh(url = app.server.url) {
  const opened = await openPage(app.browser, url);
  await opened.page.waitForSelector(node("service", "order"));
  return opened;
}


/// The page still answers: an order placed now shows in the log.
async function answers(page) {
  const before = await page.locator("ol.log li").count();
  await page.click("#place-order", { timeout: 5000 });
  await page.waitForFunction(
    (n) => document.querySelectorAll("ol.log li").length !== n || document.querySelector("ol.log").textContent.includes("placed"),
    before,
    { timeout: 5000 },
  );
}

test("opening a share link keeps the previous work restorable", async () => {
  const { page, context, errors } = await fresh();
  await rename(page, "service", "report", "Analytics");
  await page.click("#share");
  const link = await page.inputValue("#share-text");
  await page.keyboard.press("Escape");
  // The student's own work, different from the link's.
  await rename(page, "service", "email", "Mailer");
  await page.waitForTimeout(700); // autosave is debounced
  await page.goto(link);
  await page.reload(); // a fragment change alone does not reload
  await page.waitForSelector("#link-opened");
  assert.equal(await title(page, "service", "report"), "Analytics", "the link's scenario is open");
  assert.notEqual(await title(page, "service", "email"), "Mailer");
  assert.ok(!page.url().includes("#s="), "the link leaves the address bar");
  await screenshot(page, "link-opened-keeps-work");
  await page.waitForTimeout(700); // the link's scenario is autosaved now
  // Even after that autosave and a reload, the backup holds the work.
  const backup = await page.evaluate(() => localStorage.getItem("kurir.autosave.before-link"));
  assert.match(backup, /Mailer/);
  await page.click("#restore-work");
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === "Mailer", `${node("service", "email")} .title`);
  // Undo goes back to the shared scenario.
  await page.click("#undo");
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent !== "Mailer", `${node("service", "email")} .title`);
  assert.deepEqual(errors, []);
  await context.close();
});

test("when the browser refuses to save, the user is told and can export", async () => {
  const { page, context } = await fresh();
  // A course site filled the origin's quota: every write is refused.
  await page.evaluate(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException("quota", "QuotaExceededError");
    };
  });
  await rename(page, "service", "sms", "Texter");
  await page.waitForSelector("#save-failed", { timeout: 3000 });
  assert.match(await page.textContent("#save-failed"), /could not be saved/);
  await screenshot(page, "save-failed");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#save-failed button")]);
  const text = await fs.readFile(await download.path(), "utf8");
  assert.match(text, /Texter/);
  await context.close();
});

test("unreadable saved data is kept aside, a second copy beside the first", async () => {
  const { page, context } = await fresh();
  for (const [garbage, key] of [
    ["{ first broken", "kurir.autosave.unreadable"],
    ["{ second broken", "kurir.autosave.unreadable.2"],
  ]) {
    await page.evaluate(([k, g]) => localStorage.setItem(k, g), [KEY, garbage]);
    await page.reload();
    await page.waitForSelector(".notice");
    assert.match(await page.textContent(".notice"), new RegExp(key.replaceAll(".", "\\.")));
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), key), garbage);
  }
  assert.equal(await page.evaluate(() => localStorage.getItem("kurir.autosave.unreadable")), "{ first broken");
  await context.close();
});

test("unreadable saved data too big to copy is not saved over until downloaded", async () => {
  const { page, context } = await fresh();
  // 3 M characters fit the origin's quota once, not twice: no copy aside.
  const size = 3_000_000;
  await page.evaluate(([k, n]) => localStorage.setItem(k, "x".repeat(n)), [KEY, size]);
  await page.reload();
  await page.waitForSelector("#saved-held");
  await rename(page, "service", "sms", "Texter");
  await page.waitForTimeout(800);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k).length, KEY), size, "not written over");
  await screenshot(page, "saved-held");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#saved-held button")]);
  assert.equal((await fs.readFile(await download.path(), "utf8")).length, size);
  await page.waitForFunction((k) => localStorage.getItem(k).includes("Texter"), KEY, { timeout: 3000 });
  await context.close();
});

test("a tampered saved speed cannot hang the page", async () => {
  const { page, context, errors } = await fresh();
  await page.waitForTimeout(700);
  await page.evaluate((k) => {
    const saved = JSON.parse(localStorage.getItem(k));
    saved.view.speed = 1e300;
    localStorage.setItem(k, JSON.stringify(saved));
  }, KEY);
  await page.reload();
  await page.waitForSelector(node("service", "order"));
  assert.equal(await page.inputValue("#speed"), "100");
  await answers(page);
  assert.deepEqual(errors, []);
  await context.close();
});
