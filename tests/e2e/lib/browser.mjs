// Headless Chromium from Debian, driven by playwright-core (which never
// downloads a browser of its own). Collects console errors and page errors.
import { chromium } from "playwright-core";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, "../../..");
export const distDir = path.join(repoRoot, "dist");
export const shotsDir = path.join(repoRoot, "target", "screenshots");

/// Extra Chromium switches go in `extraArgs` (the benchmarks use them).
export async function launch(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      ...extraArgs,
    ],
  });
}

/// A browser context of a returning visitor: the first visit's welcome card
/// was seen already (the welcome test opens a context of its own).
export async function newContext(browser, options = {}) {
  const context = await browser.newContext(options);
  await context.addInitScript(() => {
    try {
      if (!localStorage.getItem("kurir.welcomed")) localStorage.setItem("kurir.welcomed", "1");
    } catch {
      // storage blocked: the app copes (and shows no welcome it cannot remember)
    }
  });
  return context;
}

/// A new page that records console errors and uncaught exceptions.
export async function openPage(browser, url, { viewport = { width: 1280, height: 720 }, colorScheme = "light", firstVisit = false } = {}) {
  const context = firstVisit ? await browser.newContext({ viewport, colorScheme }) : await newContext(browser, { viewport, colorScheme });
  const page = await context.newPage();
  const errors = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(String(err)));
  await page.goto(url);
  return { page, context, errors };
}

export async function screenshot(page, name) {
  fs.mkdirSync(shotsDir, { recursive: true });
  const file = path.join(shotsDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
