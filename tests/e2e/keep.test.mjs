// Keep, share and embed: autosave, files, share links, embedded players, and
// every kind of bad input refused with the current work left as it was.
import { test } from "node:test";
import { useApp } from "./lib/suite.mjs";
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { serveDist } from "./lib/server.mjs";
import { openPage, screenshot, distDir } from "./lib/browser.mjs";
import { node, setSpeed, waitLabel, rename, title } from "./lib/kurir.mjs";

const app = useApp();

async function fresh(url = app.server.url) {
  const opened = await openPage(app.browser, url);
  await opened.page.waitForSelector(node("service", "order"));
  return opened;
}


test("work is saved as you go and is there after a reload", async () => {
  const { page, context } = await fresh();
  await rename(page, "service", "sms", "WhatsApp service");
  await page.click("#add-queue");
  await page.waitForTimeout(700); // autosave is debounced
  await page.reload();
  await page.waitForSelector(node("channel", "queue-1"));
  assert.equal(await title(page, "service", "sms"), "WhatsApp service");
  await context.close();
});

test("export a file, start anew, import it back (button and drag-and-drop)", async () => {
  const { page, context } = await fresh();
  await rename(page, "channel", "order", "orders");
  await page.click("#export"); // the dialog offers the formats
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-kurir")]);
  await page.waitForSelector(".dialog", { state: "detached" });
  const text = await fs.readFile(await download.path(), "utf8");
  const saved = JSON.parse(text);
  assert.equal(saved.version, 1);
  assert.equal(saved.channels.find((c) => c.id === "order").name, "orders");
  await page.click("#new");
  await page.waitForSelector(node("service", "order"), { state: "detached" });
  await page.setInputFiles("#import-file", { name: "mine.kurir.json", mimeType: "application/json", buffer: Buffer.from(text) });
  await page.waitForSelector(node("channel", "order"));
  assert.equal(await title(page, "channel", "order"), "orders");
  // Drag-and-drop of the same file onto the canvas.
  await page.click("#new");
  const drop = await page.evaluateHandle((t) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], "dropped.kurir.json", { type: "application/json" }));
    return dt;
  }, text);
  await page.dispatchEvent(".canvas-area", "drop", { dataTransfer: drop });
  await page.waitForSelector(node("channel", "order"));
  await context.close();
});

test("a share link opens the same scenario and gives the same run", async () => {
  const { page, context } = await fresh();
  await rename(page, "service", "report", "Analytics");
  await page.click("#share");
  const url = await page.inputValue("#share-text");
  assert.match(url, /#s=v1\./);
  await screenshot(page, "share-dialog");
  await context.close();
  const run = async (u) => {
    const { page: p, context: c } = await fresh(u);
    assert.equal(await title(p, "service", "report"), "Analytics");
    await p.click("#play"); // pause, so both runs see exactly the same commands
    await p.click("#reset");
    await p.click("#place-order");
    await setSpeed(p, 100);
    await p.click("#play");
    await p.waitForFunction(() => document.querySelector("ol.log").textContent.includes("All work for order #1 done"));
    await p.click("#play");
    const log = (await p.locator("ol.log li").allTextContents()).reverse();
    await c.close();
    return log.slice(0, log.findIndex((l) => l.includes("All work for order #1 done")) + 1);
  };
  const a = await run(url);
  const b = await run(url);
  assert.ok(a.length > 10);
  assert.deepEqual(a, b);
});

test("two embedded players on one page run independently and save nothing", async () => {
  const { page, context } = await fresh();
  await page.click("#embed");
  const snippet = await page.inputValue("#share-text");
  assert.match(snippet, /^<iframe src="[^"]+\?embed#s=v1\./);
  await context.close();
  const src = snippet.match(/src="([^"]+)"/)[1].replace(/^https?:\/\/[^/]+/, "");
  const rpc = src.replace("?embed", "?embed&mode=rpc&lang=id&readonly");
  const html = `<!doctype html><title>Course</title><h1>Lesson</h1>
    <iframe id="a" src="${src}" width="900" height="500"></iframe>
    <iframe id="b" src="${rpc}" width="900" height="500"></iframe>`;
  const course = await serveDist({ root: distDir, extraFiles: { "/courses/kurir/lesson.html": html } });
  const p = await app.browser.newPage({ viewport: { width: 1000, height: 1100 } });
  const errors = [];
  p.on("pageerror", (e) => errors.push(String(e)));
  await p.goto(`${course.url}lesson.html`);
  const a = p.frameLocator("#a");
  const b = p.frameLocator("#b");
  await a.locator("#place-order").click();
  await b.locator("#place-order").click();
  await a.locator(node("service", "report")).waitFor();
  await p.waitForFunction(() => {
    const txt = (id) => document.querySelector(id).contentDocument.querySelector(".clock")?.textContent || "";
    return txt("#a") !== "" && txt("#b") !== "";
  });
  assert.equal(await a.locator(".palette").count(), 0, "no editing chrome");
  assert.equal(await b.locator("#mode-rpc").getAttribute("aria-checked"), "true");
  assert.equal(await b.locator("#place-order").textContent(), "Buat pesanan");
  assert.equal(await a.locator("#mode-messaging").getAttribute("aria-checked"), "true");
  await p.waitForTimeout(1500);
  await p.screenshot({ path: "../../target/screenshots/two-embeds.png" });
  const saved = await p.evaluate(() => document.querySelector("#a").contentWindow.localStorage.getItem("kurir.autosave.v1"));
  assert.equal(saved, null, "embedded players do not autosave");
  assert.deepEqual(errors, []);
  await p.close();
  await course.close();
});

test("corrupted saved data: a clear message, the example opens, the data is kept aside", async () => {
  const { page, context } = await fresh();
  await page.evaluate(() => localStorage.setItem("kurir.autosave.v1", "{\"kurir_autosave\":1,\"scenario\":{\"version\":1,\"services\":[{\"id\":\"x\"}]}}"));
  await page.reload();
  await page.waitForSelector(".notice");
  assert.match(await page.textContent(".notice"), /could not be restored/);
  assert.ok(await page.isVisible(node("service", "order")), "the example is shown");
  const kept = await page.evaluate(() => localStorage.getItem("kurir.autosave.unreadable"));
  assert.match(kept, /"id":"x"/);
  await context.close();
});

test("a truncated or tampered share link: a clear message, nothing else lost", async () => {
  const { page, context } = await fresh();
  await rename(page, "service", "email", "Mailer");
  await page.click("#share");
  const url = await page.inputValue("#share-text");
  await page.waitForTimeout(600);
  await page.goto(url.slice(0, url.length - 40));
  await page.reload(); // a fragment change alone does not reload
  await page.waitForSelector(".notice");
  assert.match(await page.textContent(".notice"), /share link could not be opened/);
  assert.equal(await title(page, "service", "email"), "Mailer", "the saved work is still there");
  // In Indonesian, the reason too is told in Indonesian.
  await page.goto(`${url.slice(0, url.length - 40)}&lang=id`);
  await page.reload();
  await page.waitForSelector(".notice");
  assert.match(await page.textContent(".notice"), /tidak bisa dibuka.*tidak lengkap atau sudah diubah/);
  await context.close();
});

test("bad files are refused and the current work stays", async () => {
  const { page, context } = await fresh();
  await rename(page, "service", "finance", "Ledger");
  const cases = [
    ["broken.json", "{ \"version\": 1, \"services\": [", /not a valid scenario/],
    ["shape.json", JSON.stringify({ version: 1, services: "lots" }), /not a valid scenario/],
    ["future.json", JSON.stringify({ version: 7 }), /version: 7 is not supported/],
    ["wire.json", JSON.stringify({ version: 1, subscriptions: [{ channel: "nope", service: "x" }] }), /subscriptions\[0\]\.channel/],
    ["huge.json", null, /too large/],
  ];
  const huge = path.join(os.tmpdir(), `kurir-huge-${process.pid}.json`);
  await fs.writeFile(huge, Buffer.alloc(50 * 1024 * 1024, 0x20));
  for (const [name, text, message] of cases) {
    const file = text === null ? huge : { name, mimeType: "application/json", buffer: Buffer.from(text) };
    await page.setInputFiles("#import-file", file);
    await page.waitForFunction((n) => document.querySelector(".notice")?.textContent.includes("Not imported"), name);
    assert.match(await page.textContent(".notice"), message, name);
    assert.equal(await title(page, "service", "finance"), "Ledger", `${name} left the work alone`);
    await page.click(".notice button");
  }
  await fs.rm(huge);
  // The JSON reader's reason in Indonesian (serde_json words it in English).
  await page.click("#lang");
  await page.setInputFiles("#import-file", { name: "broken.json", mimeType: "application/json", buffer: Buffer.from(cases[0][1]) });
  await page.waitForSelector(".notice");
  assert.match(await page.textContent(".notice"), /bukan skenario yang valid \(baris 1, kolom \d+\): teks berakhir sebelum/);
  assert.equal(await page.title(), "Kurir — taman bermain messaging");
  await page.click(".notice button");
  await page.click("#lang");
  // Names from a file are shown as text, never as HTML.
  const evil = { version: 1, services: [{ id: "x", name: "<img src=x onerror=alert(1)>", processing: { dist: "constant", ms: 1 } }] };
  await page.setInputFiles("#import-file", { name: "evil.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(evil)) });
  await page.waitForSelector(node("service", "x"));
  assert.equal(await title(page, "service", "x"), "<img src=x oner…", "drawn as text, cut to fit");
  assert.match(await page.getAttribute(node("service", "x"), "aria-label"), /\(<img src=x onerror=alert\(1\)>\)/);
  assert.equal(await page.locator("img").count(), 0);
  await context.close();
});

test("the gallery opens each built-in scenario", async () => {
  const { page, context } = await fresh();
  const ids = await page.$$eval("#gallery option", (os) => os.map((o) => o.value).filter(Boolean));
  assert.ok(ids.length >= 5, ids.join());
  await page.selectOption("#gallery", "competing-consumers");
  await page.waitForSelector(node("service", "worker-c"));
  await page.selectOption("#gallery", "pipeline");
  await page.waitForSelector(node("service", "shipping"));
  await setSpeed(page, 10);
  await page.click("#place-order");
  await waitLabel(page, "service", "shipping", (l) => /done 1\b/.test(l));
  await page.click("#undo"); // back to the previous scenario
  await page.waitForSelector(node("service", "worker-c"));
  await context.close();
});

test("the Embed dialog builds the address from its options, and options appended after the link work", async () => {
  const { page, context } = await fresh();
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await rename(page, "channel", "order", "orders");
  await page.click("#embed");
  await page.check("#embed-readonly");
  await page.check("#embed-id");
  await page.check("#embed-panels");
  const snippet = await page.inputValue("#share-text");
  assert.match(snippet, /\?embed&readonly&lang=id&panels#s=v1\./);
  await page.click("#copy");
  await page.waitForFunction(() => document.querySelector("#copy").textContent.includes("✓"));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), snippet);
  await screenshot(page, "embed-dialog");
  // A teacher who writes the options after the link (where the old dialog
  // said to add them) gets the shared scenario with those options.
  const src = snippet.match(/src="([^"]+)"/)[1];
  const bare = src.replace("?embed&readonly&lang=id&panels", "?embed");
  const { page: embedded, errors, context: other } = await openPage(app.browser, `${bare}&mode=rpc&lang=id`);
  // (in RPC mode the channels are not drawn, but they are there)
  await embedded.waitForSelector(node("channel", "order"), { state: "attached" });
  assert.equal(await title(embedded, "channel", "order"), "orders", "the shared scenario, not the default");
  assert.equal(await embedded.getAttribute("#mode-rpc", "aria-checked"), "true");
  assert.equal(await embedded.textContent("#place-order"), "Buat pesanan");
  assert.deepEqual(errors, []);
  await other.close();
  await context.close();
});
