import { launch, openPage, distDir } from "./lib/browser.mjs";
import { serveDist } from "./lib/server.mjs";
const server = await serveDist({ root: distDir });
const browser = await launch();
const cases = [
  ["desktop-en", "?lang=en", { width: 1280, height: 800 }],
  ["phone-id", "?lang=id", { width: 390, height: 844 }],
  ["phone-en", "?lang=en", { width: 390, height: 844 }],
  ["embed-id", "?embed&lang=id", { width: 444, height: 560 }],
];
for (const [name, q, viewport] of cases) {
  const { page, errors } = await openPage(browser, server.url + q, { viewport });
  await page.waitForSelector('[data-node="service:order"]');
  if (!q.includes("embed")) {
    await page.click("#add-service");
    await page.keyboard.press("o");
  }
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `/tmp/shots/${name}.png` });
  if (name === "desktop-en") {
    // side by side
    const split = await page.$("#split");
    if (split) { await split.click(); await page.keyboard.press("o"); await page.waitForTimeout(2500); await page.screenshot({ path: `/tmp/shots/split.png` }); }
    await page.click("#zoom-in"); await page.click("#zoom-in");
    await page.waitForTimeout(200);
    await page.screenshot({ path: `/tmp/shots/zoomed.png` });
  }
  console.log(name, "errors:", errors);
}
await browser.close();
await server.close?.();
process.exit(0);
