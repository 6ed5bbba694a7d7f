// The playground as a learner uses it, in headless Chromium against dist/.
import { test } from "node:test";
import { useApp } from "./lib/suite.mjs";
import assert from "node:assert/strict";
import { openPage, screenshot } from "./lib/browser.mjs";
import { node, label, waitLabel, setSpeed, centre, drag, logText, recordDots, waitDrawn } from "./lib/kurir.mjs";

const app = useApp();

async function fresh() {
  const opened = await openPage(app.browser, app.server.url);
  await opened.page.waitForSelector(node("service", "order"));
  return opened;
}

test("it opens on the lesson's example with nothing to set up", async () => {
  const { page, errors, context } = await fresh();
  for (const id of ["order", "email", "sms", "finance", "report"]) {
    assert.ok(await page.isVisible(node("service", id)), id);
  }
  for (const id of ["email", "sms", "order"]) {
    assert.ok(await page.isVisible(node("channel", id)), id);
  }
  assert.match(await page.textContent(node("service", "order")), /PostgreSQL/);
  await screenshot(page, "playground-open");
  assert.deepEqual(errors, []);
  await context.close();
});

test("one order reaches Email, SMS, Finance and Report", async () => {
  const { page, errors, context } = await fresh();
  await setSpeed(page, 10);
  await setSpeed(page, 1);
  await recordDots(page);
  await page.click("#place-order");
  // At 1× the messages are on the wires for 150 ms: they must be seen moving.
  await waitDrawn(page, "publish");
  await screenshot(page, "order-in-flight");
  await waitDrawn(page, "deliver");
  await setSpeed(page, 10);
  for (const id of ["email", "sms", "finance", "report"]) {
    await waitLabel(page, "service", id, (l) => /done 1\b/.test(l));
  }
  const log = await logText(page);
  assert.match(log, /Channel order made 2 copies/);
  assert.match(log, /Order #1 answered after 53\.0 ms/);
  await screenshot(page, "order-delivered");
  assert.deepEqual(errors, []);
  await context.close();
});

/// Screen distance from each moving message (the coloured dots' centres) to
/// the nearest wire drawn on the canvas; the dots are drawn in a layer of
/// their own over the canvas, which must pan and zoom with it.
async function dotsOffTheirWires(page) {
  return page.evaluate(() => {
    const toScreen = (el, x, y) => {
      const m = el.getScreenCTM();
      return { x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f };
    };
    const wires = [...document.querySelectorAll("svg.canvas path.wire")].map((w) => {
      const n = 300, len = w.getTotalLength(), pts = [];
      for (let i = 0; i <= n; i++) {
        const p = w.getPointAtLength((len * i) / n);
        pts.push(toScreen(w, p.x, p.y));
      }
      return pts;
    });
    const out = [];
    for (const path of document.querySelectorAll(".dot:not(.ring)")) {
      const d = path.getAttribute("d") || "";
      for (const m of d.matchAll(/M(-?[\d.]+) (-?[\d.]+)a([\d.]+)/g)) {
        const c = toScreen(path, +m[1] + +m[3], +m[2]);
        let best = Infinity;
        for (const pts of wires) for (const p of pts) best = Math.min(best, Math.hypot(p.x - c.x, p.y - c.y));
        out.push(best);
      }
    }
    return out;
  });
}

test("moving messages are drawn on their wires, panned and zoomed with the canvas", async () => {
  const { page, errors, context } = await fresh();
  await setSpeed(page, 0.1);
  const check = async (view) => {
    await page.click("#place-order");
    await page.waitForFunction(() => (document.querySelector(".dot.publish")?.getAttribute("d") || "").length > 0);
    const off = await dotsOffTheirWires(page);
    assert.ok(off.length > 0, `${view}: a message in flight`);
    // Sampled every 1/300 of a wire: within 2.5 px of it on screen.
    assert.ok(Math.max(...off) < 2.5, `${view}: dots off their wires by ${off.map((d) => d.toFixed(1))} px`);
  };
  await check("as opened");
  await page.click("#zoom-in");
  await page.click("#zoom-in");
  const area = await page.locator("svg.canvas").first().boundingBox();
  const from = { x: area.x + 30, y: area.y + area.height - 30 };
  await drag(page, from, { x: from.x + 90, y: from.y - 60 });
  await check("zoomed in and panned");
  assert.deepEqual(errors, []);
  await context.close();
});

test("RPC makes the order wait for all four calls; messaging answers after publishing", async () => {
  const { page, context } = await fresh();
  await setSpeed(page, 100);
  await page.click("#mode-rpc");
  assert.equal(await page.getAttribute("#mode-rpc", "aria-checked"), "true");
  await page.click("#place-order");
  await waitLabel(page, "service", "report", (l) => /done 1\b/.test(l));
  await page.waitForFunction(() => document.querySelector("ol.log").textContent.includes("answered after"));
  assert.match(await logText(page), /Order #1 answered after 3\.15 s/);
  assert.match(await logText(page), /Order service calls SMS service for order #1 and waits/);
  await screenshot(page, "rpc-mode");
  await page.click("#mode-messaging");
  await page.click("#place-order");
  await page.waitForFunction(() => document.querySelector("ol.log").textContent.includes("answered after 53.0 ms"));
  // The comparison panel measures the same difference on identical orders.
  const table = await page.textContent("table.compare");
  assert.match(table, /Same data sent\s*2×\s*1×/, "same order data: 2× over RPC, 1× with messaging");
  await context.close();
});

test("a dragged node stays where it was dropped", async () => {
  const { page, context } = await fresh();
  const before = await centre(page, "service", "order");
  await drag(page, before, { x: before.x + 60, y: before.y + 90 });
  await page.waitForTimeout(200);
  const after = await centre(page, "service", "order");
  assert.ok(Math.abs(after.x - before.x - 60) < 3 && Math.abs(after.y - before.y - 90) < 3, JSON.stringify({ before, after }));
  await screenshot(page, "dragged");
  await context.close();
});

test("a wire drawn with the mouse makes a new service receive orders", async () => {
  const { page, context } = await fresh();
  await setSpeed(page, 10);
  await page.click("#add-service");
  await page.waitForSelector(node("service", "service-1"));
  // Move it somewhere free, then drag from the `order` channel's port onto it.
  const s1 = await centre(page, "service", "service-1");
  await drag(page, s1, { x: s1.x + 200, y: s1.y - 40 });
  const port = await page.locator(`${node("channel", "order")} .port`).boundingBox();
  const target = await centre(page, "service", "service-1");
  await drag(page, { x: port.x + port.width / 2, y: port.y + port.height / 2 }, target);
  await page.click("#place-order");
  await waitLabel(page, "service", "service-1", (l) => /done 1\b/.test(l));
  await screenshot(page, "wired-with-mouse");
  await context.close();
});

test("a wire made with the keyboard only", async () => {
  const { page, context } = await fresh();
  await setSpeed(page, 10);
  await page.click("#add-queue");
  await page.waitForSelector(node("channel", "queue-1"));
  // The new queue is selected; its inspector offers "Add a subscriber…"
  // and "Add a publisher…", each an explicit action.
  assert.equal(await page.getAttribute("#connect-out", "aria-label"), "Add a subscriber…");
  assert.equal(await page.getAttribute("#connect-in", "aria-label"), "Add a publisher…");
  await page.focus("#connect-out");
  await page.keyboard.press("ArrowDown"); // first service: Order service
  // Choosing alone makes no wire (arrow keys change a select at once) …
  assert.doesNotMatch(await page.textContent(".wires-list ul.out"), /Order service/);
  // … Enter (or the Add button) does.
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector(".wires-list ul.out")?.textContent.includes("Order service"));
  // A service says which way a wire goes: Publish to… / Subscribe to….
  await page.focus(node("service", "email"));
  await page.keyboard.press("Enter");
  assert.equal(await page.getAttribute("#connect-out", "aria-label"), "Publish to…");
  assert.equal(await page.getAttribute("#connect-in", "aria-label"), "Subscribe to…");
  await page.selectOption("#connect-in", { label: "queue-1" });
  await page.click("#connect-in-add");
  await page.waitForFunction(() => document.querySelector(".wires-list ul.in")?.textContent.includes("queue-1"));
  // Focus a node with Tab and select it with Enter.
  await page.focus(node("service", "sms"));
  await page.keyboard.press("Enter");
  assert.match(await page.textContent(".inspector h2"), /SMS service/);
  await context.close();
});

test("delete a node, then undo brings it back", async () => {
  const { page, context } = await fresh();
  await page.click(`${node("service", "report")} .box`);
  await page.keyboard.press("Delete");
  await page.waitForSelector(node("service", "report"), { state: "detached" });
  await page.keyboard.press("Control+z");
  await page.waitForSelector(node("service", "report"));
  await page.keyboard.press("Control+Shift+z");
  await page.waitForSelector(node("service", "report"), { state: "detached" });
  await page.click("#undo");
  await page.waitForSelector(node("service", "report"));
  await context.close();
});

test("rename shows the name as text, never as HTML", async () => {
  const { page, context } = await fresh();
  await page.click(`${node("service", "email")} .box`);
  await page.fill("#svc-name", "<b>Mailer</b>");
  await page.press("#svc-name", "Enter");
  await page.waitForFunction(() => document.querySelector('[data-node="service:email"] .title').textContent === "<b>Mailer</b>");
  assert.equal(await page.locator("svg.canvas b").count(), 0);
  await context.close();
});

test("SMS down: its queue grows, and drains when it is back", async () => {
  const { page, context } = await fresh();
  await setSpeed(page, 10);
  await page.click(`${node("service", "sms")} .box`);
  await page.click("#toggle-up");
  await waitLabel(page, "service", "sms", (l) => /DOWN/.test(l));
  await page.click("#burst");
  await waitLabel(page, "channel", "sms", (l) => /10 waiting/.test(l));
  await screenshot(page, "sms-down-queue-grows");
  await page.click("#toggle-up");
  await waitLabel(page, "channel", "sms", (l) => /, 0 waiting/.test(l), 30000);
  await waitLabel(page, "service", "sms", (l) => /done 10\b/.test(l), 30000);
  await screenshot(page, "sms-back-queue-drained");
  await context.close();
});

test("impossible values are refused beside the field and not applied", async () => {
  const { page, context } = await fresh();
  await page.click(`${node("service", "sms")} .box`);
  await page.fill("#svc-workers", "0");
  await page.press("#svc-workers", "Enter");
  assert.match(await page.textContent(".field-error"), /whole number from 1/);
  assert.equal(await page.getAttribute("#svc-workers", "aria-invalid"), "true");
  await page.fill("#svc-ms", "-5");
  await page.press("#svc-ms", "Enter");
  await page.fill("#rate", "5000");
  await page.press("#rate", "Enter");
  assert.match(await page.textContent(".toolbar .field-error"), /0 to 1,000/);
  await screenshot(page, "refused-values");
  // Nothing reached the engine: SMS still works at its old speed.
  await setSpeed(page, 10);
  await page.click("#place-order");
  await waitLabel(page, "service", "sms", (l) => /done 1\b/.test(l));
  await context.close();
});

test("the interface speaks Bahasa Indonesia", async () => {
  const { page, context } = await fresh();
  await page.click("#lang");
  assert.equal(await page.textContent("#place-order"), "Buat pesanan");
  assert.equal(await page.getAttribute("html", "lang"), "id");
  await page.click("#place-order");
  await page.waitForFunction(() => document.querySelector("ol.log").textContent.includes("Pesanan #1 dibuat"));
  await screenshot(page, "bahasa");
  await context.close();
});

test("rename in place: double-click, type, Enter; F2 from the keyboard", async () => {
  const { page, context } = await fresh();
  await page.dblclick(`${node("service", "finance")} .box`);
  await page.fill("#rename", "Accounting");
  await page.press("#rename", "Enter");
  await page.waitForFunction(() => document.querySelector('[data-node="service:finance"] .title').textContent === "Accounting");
  await page.focus(node("channel", "order"));
  await page.keyboard.press("F2");
  await page.keyboard.type("orders");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector('[data-node="channel:order"] .title').textContent === "orders");
  await page.keyboard.press("Control+z");
  await page.waitForFunction(() => document.querySelector('[data-node="channel:order"] .title').textContent === "order");
  await context.close();
});

test("a new seed restarts the run; zoom buttons scale the canvas", async () => {
  const { page, context } = await fresh();
  await page.fill("#seed", "99");
  await page.press("#seed", "Enter");
  await page.waitForFunction(() => parseFloat(document.querySelector(".clock").textContent) < 500);
  await page.fill("#seed", "-3");
  await page.press("#seed", "Enter");
  assert.match(await page.textContent(".toolbar .field-error"), /whole number/);
  const before = (await page.locator(`${node("service", "order")} .box`).boundingBox()).width;
  await page.click("#zoom-in");
  const after = (await page.locator(`${node("service", "order")} .box`).boundingBox()).width;
  assert.ok(after > before * 1.2, `${before} -> ${after}`);
  await context.close();
});

test("charts: depth, throughput and latency tabs draw from the run", async () => {
  const { page, context } = await fresh();
  await setSpeed(page, 100);
  await page.click("#burst");
  await page.waitForFunction(() => document.querySelector("#figures").textContent.includes("10 completed"), null, { timeout: 30000 });
  assert.ok((await page.locator(".chart .series").count()) >= 1, "queue depth lines");
  await page.click(".tab:nth-child(2)");
  assert.equal(await page.locator(".chart .series").count(), 1, "a throughput line");
  await page.click(".tab:nth-child(3)");
  assert.ok((await page.locator(".chart .hist").count()) >= 1, "latency histogram bars");
  await screenshot(page, "charts-latency");
  await context.close();
});

test("side by side: the same orders through RPC and messaging at once", async () => {
  const { page, context } = await fresh();
  await page.click("#split");
  assert.equal(await page.getAttribute("#split", "aria-pressed"), "true");
  assert.equal(await page.locator("svg.canvas").count(), 2);
  await setSpeed(page, 100);
  await page.click("#place-order");
  const sides = page.locator(".side-label");
  await page.waitForFunction(() => [...document.querySelectorAll(".side-label")].every((l) => l.textContent.includes("1 completed")), null, { timeout: 20000 });
  // Read left to right as drawn: RPC always on the left, whichever mode
  // the scenario itself is in (the halves used to swap with the mode).
  const byPosition = async () => {
    const labels = await sides.evaluateAll((ls) => ls.map((l) => [l.getBoundingClientRect().left, l.textContent]));
    return labels.sort((a, b) => a[0] - b[0]).map((l) => l[1]);
  };
  const [left, right] = await byPosition();
  assert.match(left, /RPC.*p50 3\.15 s/);
  assert.match(right, /Messaging.*p50 53\.0 ms/);
  await screenshot(page, "side-by-side");
  // Side by side shows both modes: only its own button is lit, and choosing
  // a mode leaves it for that mode alone.
  assert.equal(await page.getAttribute("#mode-rpc", "aria-checked"), "false");
  assert.equal(await page.getAttribute("#mode-messaging", "aria-checked"), "false");
  await page.click("#mode-rpc");
  assert.equal(await page.locator("svg.canvas").count(), 1);
  assert.equal(await page.getAttribute("#mode-rpc", "aria-checked"), "true");
  await page.click("#split");
  await page.waitForFunction(() => document.querySelectorAll(".side-label").length === 2);
  const [stillLeft] = await byPosition();
  assert.match(stillLeft, /^RPC/);
  // The RPC half draws no broker: no channel in between
  const rpcHalfChannels = await page.locator(".canvas.rpc .node.channel").evaluateAll((ns) => ns.filter((n) => n.getBoundingClientRect().width > 0).length);
  assert.equal(rpcHalfChannels, 0);
  await page.click("#split");
  assert.equal(await page.locator("svg.canvas").count(), 1);
  await context.close();
});

test("two Finance instances in one group share the order channel's copies", async () => {
  const { page, context } = await fresh();
  await page.click(`${node("service", "finance")} .box`);
  await page.keyboard.press("Control+d");
  await page.waitForSelector(node("service", "finance-1"));
  await page.click(`${node("channel", "order")} .box`);
  const fields = page.locator(".wires-list .out .group-field");
  assert.equal(await fields.count(), 3, "Finance, Report and the copy of Finance");
  for (const label of ["Finance service)", "Finance service 2)"]) {
    const field = page.locator(`.group-field[aria-label$="${label}"]`);
    await field.fill("finance");
    await field.press("Enter");
  }
  await setSpeed(page, 10);
  await page.click("#place-order");
  await page.click("#place-order");
  await waitLabel(page, "service", "report", (l) => /done 2\b/.test(l));
  await waitLabel(page, "service", "finance", (l) => /done 1\b/.test(l));
  await waitLabel(page, "service", "finance-1", (l) => /done 1\b/.test(l));
  await screenshot(page, "consumer-group");
  await context.close();
});

test("queue subscription terms: auto-ack empties the queue into the consumer; prefetch is checked", async () => {
  const { page, context } = await fresh();
  await page.click(`${node("channel", "sms")} .box`);
  await page.selectOption('.ack-field[aria-label$="(SMS service)"]', "auto");
  await page.click("#burst");
  await waitLabel(page, "service", "sms", (l) => /waiting/.test(l));
  await waitLabel(page, "channel", "sms", (l) => /, 0 waiting/.test(l));
  await page.selectOption('.ack-field[aria-label$="(SMS service)"]', "manual");
  const prefetch = page.locator('.prefetch-field[aria-label$="(SMS service)"]');
  await prefetch.fill("0");
  await prefetch.press("Enter");
  await page.waitForSelector(".notice");
  assert.match(await page.textContent(".notice"), /Prefetch/);
  await screenshot(page, "queue-terms");
  await context.close();
});

test("a first visit is welcomed once: the question, the lesson or exploring", async () => {
  const { page, errors, context } = await openPage(app.browser, app.server.url, { firstVisit: true });
  await page.waitForSelector("#welcome-title");
  assert.match(await page.textContent("#welcome-title"), /Why do services talk through a broker/);
  // The run waits for the learner
  const clock = await page.textContent(".clock");
  await page.waitForTimeout(400);
  assert.equal(await page.textContent(".clock"), clock, "the clock does not run in front of nobody");
  assert.equal(await page.evaluate(() => document.activeElement.id), "welcome-lesson");
  await screenshot(page, "welcome");
  await page.click("#welcome-lesson");
  await page.waitForSelector(".lesson .task");
  assert.equal(await page.isVisible("#welcome-title"), false);
  // Not again on the next visit
  await page.reload();
  await page.waitForSelector(node("service", "order"));
  await page.waitForTimeout(300);
  assert.equal(await page.isVisible("#welcome-title"), false);
  assert.deepEqual(errors, []);
  await context.close();
  // Placing an order straight away is exploring: the card goes, the run goes on
  const other = await openPage(app.browser, app.server.url, { firstVisit: true });
  await other.page.waitForSelector("#welcome-title");
  await other.page.click("#place-order");
  await other.page.waitForSelector("#welcome-title", { state: "detached" });
  await waitLabel(other.page, "service", "report", (l) => /done 1\b/.test(l));
  await other.context.close();
});

test("the network's timings are editable: a slower hop makes every RPC call cost more", async () => {
  const { page, errors, context } = await fresh();
  // Nothing to undo yet: the button says so (and stays focusable).
  assert.equal(await page.getAttribute("#undo", "aria-disabled"), "true");
  await setSpeed(page, 100);
  await page.click("#mode-rpc");
  assert.equal(await page.inputValue("#net-latency"), "150 ms");
  assert.equal(await page.inputValue("#net-rpc-timeout"), "3 s");
  await page.fill("#net-latency", "500 ms");
  await page.press("#net-latency", "Enter");
  assert.equal(await page.getAttribute("#undo", "aria-disabled"), "false");
  assert.equal(await page.getAttribute("#redo", "aria-disabled"), "true");
  await page.click("#place-order");
  await page.waitForFunction(() => document.querySelector("ol.log").textContent.includes("answered after"), null, { timeout: 20000 });
  const answered = (await logText(page)).match(/answered after ([\d.]+) s/);
  assert.ok(answered && Number(answered[1]) > 4, `RPC answered after ${answered?.[1]} s (3.15 s with 150 ms hops)`);
  // An impossible timeout is refused beside the field and changes nothing.
  await page.fill("#net-rpc-timeout", "0");
  await page.press("#net-rpc-timeout", "Enter");
  assert.ok(await page.isVisible("#net-rpc-timeout-error"));
  await page.keyboard.press("Escape");
  await page.click(".canvas-area", { position: { x: 5, y: 300 } });
  await page.keyboard.press("Control+z");
  assert.equal(await page.inputValue("#net-latency"), "150 ms");
  assert.equal(await page.getAttribute("#redo", "aria-disabled"), "false");
  // The chart says which line is which queue.
  await page.click("#mode-messaging");
  await page.click("#burst");
  await page.waitForFunction(() => document.querySelectorAll(".chart-legend li").length > 0);
  assert.ok((await page.textContent(".chart-legend")).length > 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("keyboard: Tab walks the diagram in reading order, I and Escape move between canvas and inspector, focus survives delete and undo", async () => {
  const { page, errors, context } = await fresh();
  await page.click("#play"); // a still picture
  const focused = () => page.evaluate(() => document.activeElement?.dataset?.node ?? document.activeElement?.tagName);
  await page.focus(node("service", "order"));
  const walk = [];
  for (let i = 0; i < 7; i++) {
    await page.keyboard.press("Tab");
    walk.push(await focused());
  }
  assert.deepEqual(walk, ["channel:email", "channel:sms", "channel:order", "service:email", "service:sms", "service:finance", "service:report"]);
  // Select SMS, jump to its inspector and back.
  await page.focus(node("service", "sms"));
  await page.keyboard.press("Enter");
  await page.keyboard.press("i");
  assert.ok(await page.evaluate(() => !!document.activeElement.closest(".inspector")), "focus in the inspector");
  await page.keyboard.press("Escape");
  assert.equal(await focused(), "service:sms");
  // Delete it: the focus stays on the canvas, not lost to the page; and after undo too.
  await page.keyboard.press("Delete");
  await page.waitForSelector(node("service", "sms"), { state: "detached" });
  await page.waitForFunction(() => document.activeElement && document.activeElement !== document.body);
  assert.equal(await page.evaluate(() => document.activeElement.closest("svg.canvas") !== null), true);
  await page.keyboard.press("Control+z");
  await page.waitForSelector(node("service", "sms"));
  await page.waitForTimeout(100);
  assert.notEqual(await focused(), "BODY");
  assert.deepEqual(errors, []);
  await context.close();
});

test("Tidy up lays the diagram out left to right as messages flow, and undo puts it back", async () => {
  const { page, errors, context } = await fresh();
  await page.click("#add-queue");
  await page.waitForSelector(node("channel", "queue-1"));
  await page.click("#add-service");
  await page.waitForSelector(node("service", "service-1"));
  // service-1 subscribes to queue-1, which Order service publishes to.
  await page.selectOption("#connect-in", { label: "queue-1" });
  await page.click("#connect-in-add");
  await page.click(`${node("service", "order")} .box`);
  await page.selectOption("#connect-out", { label: "queue-1" });
  await page.click("#connect-out-add");
  const x = async (kind, id) => (await page.locator(`${node(kind, id)} .box`).boundingBox()).x;
  const before = await x("service", "service-1");
  await page.click("#tidy");
  await page.waitForTimeout(300);
  const [order, queue, service] = [await x("service", "order"), await x("channel", "queue-1"), await x("service", "service-1")];
  assert.ok(order < queue && queue < service, `left to right: ${order} < ${queue} < ${service}`);
  const overlaps = await page.evaluate(() => {
    const boxes = [...document.querySelectorAll(".node .box")].map((b) => b.getBoundingClientRect());
    let n = 0;
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) n++;
    }
    return n;
  });
  assert.equal(overlaps, 0, "no two nodes overlap");
  await screenshot(page, "tidy");
  await page.keyboard.press("Control+z");
  await page.click("#fit");
  await page.waitForTimeout(200);
  assert.notEqual(await x("service", "service-1"), service, "undo moved it back");
  assert.ok(before !== undefined);
  assert.deepEqual(errors, []);
  await context.close();
});

test("wires: the drop target lights up while wiring, and a wire can be selected on the canvas and deleted", async () => {
  const { page, errors, context } = await fresh();
  await page.click("#play");
  await page.click("#add-service");
  await page.waitForSelector(node("service", "service-1"));
  // Drag from the new service's port: over a channel it may publish to, the
  // channel is the drop target; over another service, nothing is.
  const port = await page.locator(`${node("service", "service-1")} .port`).boundingBox();
  const from = { x: port.x + port.width / 2, y: port.y + port.height / 2 };
  const sms = await centre(page, "channel", "sms");
  const report = await centre(page, "service", "report");
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + report.x) / 2, (from.y + report.y) / 2);
  await page.mouse.move(report.x, report.y, { steps: 4 });
  assert.equal(await page.locator(".node.drop-target").count(), 0, "a service cannot take a wire from a service");
  await page.mouse.move(sms.x, sms.y, { steps: 6 });
  assert.equal(await page.getAttribute(".node.drop-target", "data-node"), "channel:sms");
  await screenshot(page, "wire-drop-target");
  await page.mouse.up();
  assert.equal(await page.locator(".node.drop-target").count(), 0);
  await page.waitForSelector('[data-wire="service:service-1>channel:sms"]', { state: "attached" });
  // Click the wire from sms to SMS service: it is selected and said in the inspector.
  const mid = await page.evaluate(() => {
    const p = document.querySelector('[data-wire="channel:sms>service:sms"]');
    const at = p.getPointAtLength(p.getTotalLength() / 2);
    const m = p.getScreenCTM();
    return { x: at.x * m.a + m.e, y: at.y * m.d + m.f };
  });
  await page.mouse.click(mid.x, mid.y);
  assert.match(await page.textContent(".inspector h2"), /^Wire: sms → SMS service$/);
  assert.equal(await page.locator(".wire.selected").count(), 1);
  await page.keyboard.press("Delete");
  await page.waitForSelector('[data-wire="channel:sms>service:sms"]', { state: "detached" });
  assert.doesNotMatch(await page.textContent(".inspector"), /^Wire:/);
  // Undo brings it back.
  await page.keyboard.press("Control+z");
  await page.waitForSelector('[data-wire="channel:sms>service:sms"]', { state: "attached" });
  assert.deepEqual(errors, []);
  await context.close();
});
