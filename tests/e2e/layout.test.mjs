// Every screen size a learner uses: a phone, a laptop, a big screen, and a
// narrow course-page column (embed). Nothing is wider than the screen, and
// the controls used every moment are inside it; the rest are one tap away.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useApp } from "./lib/suite.mjs";
import { openPage, screenshot } from "./lib/browser.mjs";
import { node } from "./lib/kurir.mjs";

const app = useApp();

const sizes = [
  { name: "phone-en", width: 390, height: 844, lang: "en", query: "" },
  { name: "phone-id", width: 390, height: 844, lang: "id", query: "" },
  { name: "laptop-id", width: 1280, height: 720, lang: "id", query: "" },
  { name: "desktop-en", width: 1920, height: 1080, lang: "en", query: "" },
  { name: "embed-444-id", width: 444, height: 600, lang: "id", query: "?embed" },
  { name: "embed-444-panels-en", width: 444, height: 600, lang: "en", query: "?embed&panels" },
];

/// Node text drawn too small to read, shown where it should be hidden, or
/// sticking out of its node, as descriptions (empty when all is well).
async function unreadable(page) {
  return page.evaluate(() => {
    const shown = (el) => {
      for (let e = el; e && e instanceof Element; e = e.parentElement) if (getComputedStyle(e).display === "none") return false;
      return true;
    };
    const out = [];
    const compact = document.querySelector("svg.canvas").classList.contains("compact");
    for (const g of document.querySelectorAll(".node")) {
      const box = g.querySelector(".box").getBBox();
      for (const t of g.querySelectorAll("text")) {
        if (!shown(t) || !t.textContent.trim()) continue;
        const px = parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a;
        const what = `${g.dataset.node} ${t.getAttribute("class")} "${t.textContent}"`;
        if (t.classList.contains("title") && px < 9.5) out.push(`${what}: ${px.toFixed(1)} px`);
        if (compact && !t.classList.contains("title") && !t.classList.contains("depth") && !t.classList.contains("lost")) out.push(`${what}: shown when zoomed out`);
        const b = t.getBBox();
        if (t.classList.contains("title") && (b.x < box.x || b.x + b.width > box.x + box.width - 2 || b.y < box.y || b.y + b.height > box.y + box.height)) out.push(`${what}: outside its node`);
      }
    }
    return out;
  });
}

/// Elements whose box sticks out of the viewport on either side.
async function outside(page, selectors) {
  return page.evaluate((sels) => {
    const vw = document.documentElement.clientWidth;
    return sels.filter((sel) => {
      const el = document.querySelector(sel);
      if (!el) return true;
      const b = el.getBoundingClientRect();
      return b.width === 0 || b.left < 0 || b.right > vw || b.top < 0 || b.bottom > window.innerHeight;
    });
  }, selectors);
}

for (const size of sizes) {
  test(`${size.name}: no horizontal scroll, the everyday controls on screen`, async () => {
    const { page, errors, context } = await openPage(app.browser, app.server.url + size.query, {
      viewport: { width: size.width, height: size.height },
    });
    await page.waitForSelector(node("service", "order"));
    if (size.lang === "id") await page.click("#lang");
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(await overflow(), 0, "the page is no wider than the screen");
    const everyday = ["#play", "#place-order", "#mode-rpc", "#mode-messaging", "#lang"];
    if (!size.query) everyday.push("#lesson-toggle");
    assert.deepEqual(await outside(page, everyday), [], "everyday controls inside the viewport");
    await screenshot(page, `layout-${size.name}`);
    // Names are readable at the size the diagram is fitted to (a phone
    // shows names only, larger, rather than 6 px details).
    assert.deepEqual(await unreadable(page), []);
    if (size.query.includes("panels")) {
      // The embed fills its frame: the diagram above, the figures, chart
      // and log scrolling under it; the frame itself never scrolls.
      assert.equal(await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight), 0);
      const canvas = await page.locator(".canvas-area").boundingBox();
      assert.ok(canvas.height >= 200, `canvas ${canvas.height} px high`);
      await page.click("#place-order");
      await page.waitForFunction(() => /1 (placed|dibuat)/.test(document.querySelector("#figures")?.textContent ?? ""));
      await page.locator("ol.log").scrollIntoViewIfNeeded();
      assert.deepEqual(await outside(page, ["ol.log"]), [], "the log scrolls into the frame");
      assert.equal(await page.evaluate(() => window.scrollY), 0, "the panels scrolled, not the page");
      await screenshot(page, `layout-${size.name}-log`);
    }
    if (size.width >= 1280) {
      // On a laptop and wider, the bar is one row in either language.
      const bar = await page.locator(".topbar").boundingBox();
      assert.ok(bar.height <= 52, `the top bar is ${bar.height} px high: it wrapped`);
      // The comparison's point is in view without scrolling its card: the
      // response times and the same data sent again.
      const unseen = await page.evaluate(() => {
        const card = document.querySelector(".compare-card").getBoundingClientRect();
        const key = [...document.querySelectorAll("table.compare tbody tr")]
          .filter((r) => /^(Response time|Same data sent|Waktu respons|Data sama dikirim)/.test(r.textContent));
        return [key.length, key.filter((r) => r.getBoundingClientRect().bottom > Math.min(card.bottom, window.innerHeight)).map((r) => r.textContent)];
      });
      assert.deepEqual(unseen, [2, []], "key comparison rows visible");
      // So is the palette over the canvas (two rows covered the top nodes).
      const palette = await page.locator(".palette").boundingBox();
      assert.ok(palette.height <= 48, `the palette is ${palette.height} px high: it wrapped`);
    }
    const narrow = size.width <= 700;
    // (an embed has no side-by-side view)
    const others = ["#speed", "#step", "#reset", "#burst", "#rate"].concat(size.query ? [] : ["#split"]);
    assert.equal(await page.isVisible("#more"), narrow, "the More button only where the bar is narrow");
    if (narrow) {
      // The other controls are one tap away, and still fit.
      assert.equal(await page.isVisible("#speed"), false);
      await page.click("#more");
      assert.equal(await page.getAttribute("#more", "aria-expanded"), "true");
      assert.deepEqual(await outside(page, others), []);
      assert.equal(await overflow(), 0, "still no wider than the screen");
      await screenshot(page, `layout-${size.name}-more`);
    } else {
      assert.deepEqual(await outside(page, others), []);
    }
    if (narrow && !size.query) {
      // A phone: the lesson's task and the canvas it acts on are on screen
      // together (the side panel is a sheet over the bottom of the screen).
      await page.click("#more"); // folds the extra controls again
      // With nothing selected and no lesson, the sheet is only its handle;
      // its handle opens it (and it stays open) and folds it again.
      assert.equal(await page.getAttribute("#sheet-toggle", "aria-expanded"), "false");
      await page.click("#sheet-toggle");
      await page.waitForTimeout(150);
      assert.equal(await page.getAttribute("#sheet-toggle", "aria-expanded"), "true", "opened by hand, it stays open");
      await page.click("#sheet-toggle");
      await page.waitForTimeout(150);
      assert.equal(await page.getAttribute("#sheet-toggle", "aria-expanded"), "false");
      await page.click("#lesson-toggle");
      await page.waitForSelector(".lesson .task");
      assert.deepEqual(await outside(page, [".lesson .task", "#place-order"]), [], "task and Place order in view");
      const canvas = await page.locator(".canvas-area").boundingBox();
      const task = await page.locator(".lesson .task").boundingBox();
      const visible = Math.min(canvas.y + canvas.height, task.y) - Math.max(canvas.y, 0);
      assert.ok(visible > size.height * 0.3, `only ${visible} px of canvas above the task`);
      await screenshot(page, `layout-${size.name}-lesson`);
      // The sheet folds to its handle and back
      await page.click("#sheet-toggle");
      assert.equal(await page.isVisible(".lesson .task"), false);
      await page.click("#sheet-toggle");
      assert.equal(await page.isVisible(".lesson .task"), true);
    }
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test("no text sticks out of its node, in every example and both languages", async () => {
  const { page, errors, context } = await openPage(app.browser, app.server.url);
  await page.waitForSelector(node("service", "order"));
  const examples = await page.$$eval("#gallery option", (os) => os.map((o) => o.value).filter(Boolean));
  assert.ok(examples.length >= 13);
  const overflowing = [];
  for (const lang of ["en", "id"]) {
    if (lang === "id") await page.click("#lang");
    for (const id of examples) {
      await page.selectOption("#gallery", id);
      await page.waitForTimeout(400); // a few frames: status lines change as the run goes
      overflowing.push(...(await page.evaluate(([lang, id]) => {
        const out = [];
        for (const g of document.querySelectorAll(".node")) {
          const box = g.querySelector(".box").getBBox();
          for (const t of g.querySelectorAll("text")) {
            if (t.closest(".database")) continue; // drawn under the node, outside by design
            const b = t.getBBox();
            if (b.width > 0 && (b.x < box.x || b.x + b.width > box.x + box.width - 2)) {
              out.push(`${lang} ${id} ${g.dataset.node} ${t.getAttribute("class")}: "${t.textContent}"`);
            }
          }
        }
        // A log's lanes, under its node, stay within its width too.
        for (const lanes of document.querySelectorAll("[data-lanes]")) {
          const box = document.querySelector(`[data-node="channel:${lanes.dataset.lanes}"] .box`)?.getBBox();
          if (!box) continue;
          for (const t of lanes.querySelectorAll("text")) {
            const b = t.getBBox();
            if (b.width > 0 && (b.x < box.x || b.x + b.width > box.x + box.width)) out.push(`${lang} ${id} lanes:${lanes.dataset.lanes}: "${t.textContent}"`);
          }
        }
        return out;
      }, [lang, id])));
    }
  }
  assert.deepEqual(overflowing, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test("each example opens with what is special about it and what to try, on a laptop and on a phone", async () => {
  for (const size of [{ width: 1280, height: 720, lang: "en" }, { width: 390, height: 844, lang: "id" }]) {
    const { page, errors, context } = await openPage(app.browser, app.server.url, { viewport: size });
    await page.waitForSelector(node("service", "order"));
    if (size.lang === "id") await page.click("#lang");
    const special = { en: /A Kafka topic is a log/, id: /Topik Kafka adalah log/ }[size.lang];
    await page.selectOption("#gallery", "kafka");
    await page.waitForSelector(".example-about");
    assert.match(await page.textContent(".example-about"), special);
    assert.ok((await page.locator(".example-about ul.try li").count()) >= 2, "things to try");
    // On a phone the sheet unfolds to show it, the canvas still above.
    if (size.width < 700) assert.equal(await page.getAttribute("#sheet-toggle", "aria-expanded"), "true");
    assert.deepEqual(await outside(page, [".example-about .special"]), [], "the note is in view");
    await screenshot(page, `example-note-${size.width}-${size.lang}`);
    // Every example has its own note.
    for (const id of ["sqs", "rabbitmq", "lesson-rpc"]) {
      const before = await page.textContent(".example-about .special");
      await page.selectOption("#gallery", id);
      await page.waitForFunction((b) => document.querySelector(".example-about .special")?.textContent !== b, before);
    }
    assert.deepEqual(errors, []);
    await context.close();
  }
});
