// The first paint: before the wasm has arrived, index.html alone shows the
// top bar, the question and the lesson's diagram (src/model/prepaint.rs);
// the app then draws the same diagram where it was and the first paint is
// gone. On a slow phone connection the wasm takes seconds (bench/load-throttled.mjs).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, newContext, screenshot, distDir } from "./lib/browser.mjs";
import { serveDist } from "./lib/server.mjs";

let browser, server;
before(async () => {
  browser = await launch();
  server = await serveDist({ root: distDir });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/// Each drawn node's place in canvas units, and each wire's path: of the
/// first paint (`pp`) or of the app's canvas.
function drawing(root, pp) {
  return root.evaluate((svg, pp) => ({
    nodes: Object.fromEntries([...svg.querySelectorAll(pp ? "[data-pp-node]" : "[data-node]")]
      .map((n) => [pp ? n.dataset.ppNode : n.dataset.node, n.getAttribute("transform")])),
    wires: [...svg.querySelectorAll(pp ? "path.pp-wire" : "path.wire")].map((p) => p.getAttribute("d")).sort(),
  }), pp);
}

/// A page whose wasm never arrives: what a visitor sees while it loads.
async function withoutWasm(viewport) {
  const context = await newContext(browser, { viewport });
  const page = await context.newPage();
  await page.route(/\.wasm$/, (r) => r.abort());
  await page.goto(server.url);
  await page.waitForSelector("#prepaint .pp-diagram");
  return { page, context };
}

for (const [width, height, name] of [[1280, 720, "desktop"], [390, 844, "phone"]]) {
  test(`before the wasm, the page already shows the lesson (${name})`, async () => {
    const { page, context } = await withoutWasm({ width, height });
    assert.match(await page.textContent("#prepaint .pp-bar"), /Kurir/);
    const question = await page.textContent(".pp-question");
    assert.match(question, /Why do services talk through a broker\?/);
    assert.match(question, /Mengapa service berbicara lewat broker\?/);
    const { nodes } = await drawing(page.locator(".pp-diagram"), true);
    assert.deepEqual(Object.keys(nodes).sort(), [
      "channel:email", "channel:order", "channel:sms",
      "service:email", "service:finance", "service:order", "service:report", "service:sms",
    ]);
    // Every name is on screen, in the canvas area, at a size that can be read.
    const titles = await page.$$eval(".pp-diagram .pp-title", (ts) => ts
      .filter((t) => getComputedStyle(t).display !== "none")
      .map((t) => ({ text: t.textContent, h: t.getBoundingClientRect().height, top: t.getBoundingClientRect().top, right: t.getBoundingClientRect().right })));
    assert.equal(titles.length, 8, "one name per node shows");
    for (const t of titles) {
      assert.ok(t.h >= 7, `${t.text}: ${t.h} px high`);
      assert.ok(t.top > 0 && t.top < height && t.right <= width, `${t.text} on screen`);
    }
    assert.equal(await page.$("#place-order"), null, "no app yet");
    await screenshot(page, `prepaint-${name}`);
    await context.close();
  });
}

for (const [width, height, name] of [[1280, 720, "desktop"], [390, 844, "phone"]]) {
  test(`the app draws the first paint's diagram where it was, and the first paint steps aside (${name})`, async () => {
    const early = await withoutWasm({ width, height });
    const painted = await drawing(early.page.locator(".pp-diagram"), true);
    const area = await early.page.locator(".pp-area").boundingBox();
    await early.context.close();

    const context = await newContext(browser, { viewport: { width, height } });
    const page = await context.newPage();
    const errors = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(server.url);
    await page.waitForSelector('[data-node="service:order"] .box');
    assert.equal(await page.$("#prepaint"), null, "gone once the app is there");
    const drawn = await drawing(page.locator("svg.canvas").first(), false);
    assert.deepEqual(drawn.nodes, painted.nodes, "each node where the first paint put it");
    assert.deepEqual(drawn.wires, painted.wires, "each wire along the same path");
    // The canvas area is where the first paint's was: the same width, and
    // below a top bar that grows by what the app's toolbar holds.
    const canvas = await page.locator(".canvas-area").boundingBox();
    assert.equal(Math.round(area.x), Math.round(canvas.x));
    assert.equal(Math.round(area.width), Math.round(canvas.width));
    assert.ok(Math.abs(canvas.y - area.y) <= 50, `top ${canvas.y} vs ${area.y}`);
    assert.ok(Math.abs(canvas.y + canvas.height - (area.y + area.height)) <= 50, `bottom ${canvas.y + canvas.height} vs ${area.y + area.height}`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

/// Each node's box on screen: of the first paint or of the app's canvas.
function boxesOnScreen(page, pp) {
  return page.evaluate((pp) => Object.fromEntries([...document.querySelectorAll(pp ? "[data-pp-node]" : "svg.canvas [data-node]")]
    .map((n) => {
      const r = (pp ? n.querySelector(".pp-box") : n.querySelector(".box")).getBoundingClientRect();
      return [pp ? n.dataset.ppNode : n.dataset.node, { x: r.x, y: r.y, w: r.width }];
    })), pp);
}

// A course page's embed opens the player, not the app: before the wasm it
// shows no question and draws the lesson over the frame where the player
// will (assets/prepaint.js tells the first paint which it is). Before that
// script the embed's first paint was the app's: the diagram ~100 px higher
// and half the size, then a jump.
for (const [query, width, height] of [["?embed", 444, 520], ["?embed&lang=id", 444, 520], ["?embed&panels", 444, 640], ["?embed&readonly", 1000, 520]]) {
  test(`an embed's first paint is the player's diagram, where the player draws it (${query}, ${width} px)`, async () => {
    const context = await browser.newContext({ viewport: { width, height } });
    const early = await context.newPage();
    await early.route(/\.wasm$/, (r) => r.abort());
    await early.goto(server.url + query);
    // (The script is async: on a slow connection it arrives before the
    // stylesheet, here it may run just after the first frame.)
    await early.waitForSelector("html.pp-embed #prepaint .pp-diagram");
    assert.equal(await early.isVisible(".pp-question"), false, "no question in an embed");
    const painted = await boxesOnScreen(early, true);
    await screenshot(early, `prepaint-embed-${width}${query.includes("panels") ? "-panels" : ""}${query.includes("lang=id") ? "-id" : ""}`);

    const page = await context.newPage();
    await page.goto(server.url + query);
    await page.waitForSelector('svg.canvas [data-node="service:order"] .box');
    const drawn = await boxesOnScreen(page, false);
    assert.deepEqual(Object.keys(drawn).sort(), Object.keys(painted).sort());
    // The player's bar is 35-70 px high as its toolbar wraps, the first
    // paint's 44: the diagram is where it will be within 30 px, its boxes
    // within 15 % of their size.
    for (const [id, p] of Object.entries(painted)) {
      const d = drawn[id];
      assert.ok(Math.abs(p.x - d.x) <= 30 && Math.abs(p.y - d.y) <= 30, `${id}: first paint at ${p.x.toFixed(0)},${p.y.toFixed(0)}, player at ${d.x.toFixed(0)},${d.y.toFixed(0)}`);
      assert.ok(Math.abs(p.w / d.w - 1) <= 0.15, `${id}: ${p.w.toFixed(0)} px wide, player ${d.w.toFixed(0)}`);
    }
    await context.close();
  });
}

test("a share link or saved work may open another diagram: the first paint draws none", async () => {
  for (const [address, saved] of [["#s=v1.abc", false], ["", true], ["?mode=rpc", false]]) {
    const context = await newContext(browser, { viewport: { width: 1280, height: 720 } });
    if (saved) await context.addInitScript(() => localStorage.setItem("kurir.autosave.v1", "{}"));
    const page = await context.newPage();
    await page.route(/\.wasm$/, (r) => r.abort());
    await page.goto(server.url + address);
    await page.waitForSelector("html.pp-other #prepaint .pp-bar");
    assert.equal(await page.isVisible("#prepaint .pp-diagram"), false, `${address || "saved work"}: no diagram`);
    assert.match(await page.textContent("#prepaint .pp-bar"), /loading the playground/);
    await context.close();
  }
});
