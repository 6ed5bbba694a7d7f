// The built static site loads under a sub-path, mounts, and is quiet.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serveDist } from "./lib/server.mjs";
import { launch, openPage, screenshot, distDir } from "./lib/browser.mjs";

let server;
let browser;

before(async () => {
  server = await serveDist({ root: distDir, prefix: "/courses/kurir/" });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("dist/ served under /courses/kurir/ loads with no 404 and no console error", async () => {
  const { page, errors, context } = await openPage(browser, server.url);
  await page.waitForSelector(".app .topbar .brand");
  assert.equal(await page.textContent(".brand"), "Kurir");
  assert.ok(await page.isVisible(".canvas-area"), "the canvas area is shown");
  assert.ok(await page.isVisible(".side-panel"), "the side panel is shown");
  await screenshot(page, "shell");
  assert.deepEqual(server.notFound, [], "no request 404s");
  assert.deepEqual(errors, [], "no console errors");
  await context.close();
});
