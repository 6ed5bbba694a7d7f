// `make serve` as a developer uses it: trunk serve builds, serves on
// 127.0.0.1, and a browser sees the app. Its output goes to target/serve-dist
// so the release dist/ of the other tests is left alone.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { launch, openPage, repoRoot } from "./lib/browser.mjs";

const PORT = 18731;

async function waitForServer(url, ms) {
  const start = Date.now();
  while (Date.now() - start < ms) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`trunk serve did not answer on ${url} within ${ms / 1000} s`);
}

test("trunk serve (make serve) serves the app on 127.0.0.1", { timeout: 600_000 }, async () => {
  const trunk = spawn("trunk", ["serve", "--port", String(PORT), "--address", "127.0.0.1", "--no-autoreload"], {
    cwd: repoRoot,
    env: { ...process.env, TRUNK_BUILD_DIST: "target/serve-dist" },
    stdio: "ignore",
    detached: true,
  });
  try {
    const url = `http://127.0.0.1:${PORT}/`;
    await waitForServer(url, 540_000);
    const browser = await launch();
    const { page, errors } = await openPage(browser, url);
    await page.waitForSelector('[data-node="service:order"]', { timeout: 30_000 });
    assert.equal(await page.locator("[data-node]").count(), 8);
    assert.deepEqual(errors, []);
    await browser.close();
  } finally {
    process.kill(-trunk.pid, "SIGTERM");
  }
});
