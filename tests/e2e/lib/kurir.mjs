// Helpers that speak Kurir: find nodes, read their live state, run faster.
import assert from "node:assert/strict";

export const node = (kind, id) => `[data-node="${kind}:${id}"]`;

/// The accessible label of a node (it carries the live counters).
export async function label(page, kind, id) {
  return page.getAttribute(node(kind, id), "aria-label");
}

/// Waits until `predicate(label)` holds for a node, or fails with the last label.
export async function waitLabel(page, kind, id, predicate, timeout = 15000) {
  const start = Date.now();
  let last = "";
  while (Date.now() - start < timeout) {
    last = (await label(page, kind, id)) || "";
    if (predicate(last)) return last;
    await page.waitForTimeout(50);
  }
  assert.fail(`${kind}:${id} never matched; last label: ${last}`);
}

export async function setSpeed(page, speed) {
  await page.selectOption("#speed", String(speed));
}

/// Centre of a node on screen.
export async function centre(page, kind, id) {
  const box = await page.locator(`${node(kind, id)} .box`).boundingBox();
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/// Drags with real pointer events from one point to another.
export async function drag(page, from, to) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) {
    await page.mouse.move(from.x + ((to.x - from.x) * i) / 8, from.y + ((to.y - from.y) * i) / 8);
  }
  await page.mouse.up();
}

export const logText = (page) => page.textContent("ol.log");

/// The visible name of a node.
export const title = (page, kind, id) => page.textContent(`${node(kind, id)} .title`);

/// Renames a node in place (double-click, type, Enter) and waits for it.
export async function rename(page, kind, id, name) {
  await page.dblclick(`${node(kind, id)} .box`);
  await page.fill("#rename", name);
  await page.press("#rename", "Enter");
  await page.waitForFunction(([sel, n]) => document.querySelector(sel)?.textContent === n, [`${node(kind, id)} .title`, name]);
}

/// Starts recording which kinds of moving dot (publish, deliver, request,
/// reply) were ever drawn. A MutationObserver sees every change of the dots'
/// path data, so a check cannot miss dots that were on screen only between
/// two polls (a screenshot on a loaded machine can take longer than a 150 ms
/// wire). Read it with `waitDrawn(page, kind)`.
export async function recordDots(page) {
  await page.evaluate(() => {
    window.__dotsDrawn = {};
    const observer = new MutationObserver((changes) => {
      for (const c of changes) {
        const kind = [...c.target.classList].find((k) => k !== "dot");
        if ((c.target.getAttribute("d") || "").length > 0) window.__dotsDrawn[kind] = true;
      }
    });
    for (const path of document.querySelectorAll(".dot")) {
      observer.observe(path, { attributes: true, attributeFilter: ["d"] });
    }
  });
}

/// Waits until a dot of `kind` has been drawn since `recordDots`.
export async function waitDrawn(page, kind) {
  await page.waitForFunction((k) => window.__dotsDrawn?.[k] === true, kind);
}
