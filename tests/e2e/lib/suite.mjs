// One static server and one browser per test file, closed at the end.
import { before, after } from "node:test";
import { serveDist } from "./server.mjs";
import { launch, distDir } from "./browser.mjs";

/// Starts the shared server and browser; the returned object fills in before the tests run.
export function useApp(options = {}) {
  const app = { server: null, browser: null };
  before(async () => {
    app.server = await serveDist({ root: distDir, ...options });
    app.browser = await launch();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}
