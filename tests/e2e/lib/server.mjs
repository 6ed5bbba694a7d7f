// A tiny static server for dist/, mounted under a sub-path (as on a course
// site), on 127.0.0.1 and a free port. Records every 404 so tests can assert none.
// With `precompressed`, it serves the build's .br or .gz copy of a file to a
// browser that accepts it, as the hosts in docs/hosting.md do.
import http from "node:http";
import fs from "node:fs/promises";
import path from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".css": "text/css",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
};

export async function serveDist({ root, prefix = "/courses/kurir/", extraFiles = {}, headers = {}, precompressed = false }) {
  const notFound = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    const pathname = decodeURIComponent(url.pathname);
    if (extraFiles[pathname]) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(extraFiles[pathname]);
      return;
    }
    if (!pathname.startsWith(prefix)) {
      notFound.push(pathname);
      res.writeHead(404).end("not found");
      return;
    }
    let rel = pathname.slice(prefix.length) || "index.html";
    const file = path.join(root, rel);
    if (!file.startsWith(path.resolve(root))) {
      res.writeHead(403).end();
      return;
    }
    try {
      const accepts = precompressed ? String(req.headers["accept-encoding"] || "") : "";
      const copies = [["br", ".br"], ["gzip", ".gz"]].filter(([name]) => accepts.includes(name));
      let body, encoding;
      for (const [name, ext] of copies) {
        body = await fs.readFile(file + ext).catch(() => undefined);
        if (body) {
          encoding = name;
          break;
        }
      }
      body ??= await fs.readFile(file);
      res.writeHead(200, {
        "content-type": TYPES[path.extname(file)] || "application/octet-stream",
        ...(encoding ? { "content-encoding": encoding, vary: "Accept-Encoding" } : {}),
        ...headers,
      });
      res.end(body);
    } catch {
      notFound.push(pathname);
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    origin: `http://127.0.0.1:${port}`,
    notFound,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
