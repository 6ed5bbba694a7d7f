// Fuzzing through the real app, not only the decoders: mutated scenarios
// arrive as share links, imported files and saved data. Every one must be
// opened or refused with the page alive: no panic, no frame longer than 5 s.
// FUZZ_INPUTS scales the run (default: 100 of each kind; CI runs that).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { useApp } from "./lib/suite.mjs";
import { repoRoot, newContext } from "./lib/browser.mjs";
import { node } from "./lib/kurir.mjs";

const app = useApp();
const N = Number(process.env.FUZZ_INPUTS || 100);
const KEY = "kurir.autosave.v1";

// A small deterministic generator (mulberry32): a failure names its seed.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const examples = fs
  .readdirSync(path.join(repoRoot, "docs/examples"))
  .filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(fs.readFileSync(path.join(repoRoot, "docs/examples", f), "utf8")));

/// Every place in a JSON value, as a list of steps.
function places(v, at = [], out = []) {
  out.push(at);
  if (v && typeof v === "object") {
    for (const k of Object.keys(v)) places(v[k], [...at, k], out);
  }
  return out;
}

const nasty = (r) => {
  const picks = [
    () => 1e300,
    () => -1,
    () => 0,
    () => 1e-9,
    () => 2 ** 64,
    () => "7",
    () => null,
    () => true,
    () => [],
    () => ({}),
    () => "a.".repeat(10_000),
    () => "<img src=x onerror=alert(1)>",
    () => "\u202e\u0000𝕂",
  ];
  return picks[Math.floor(r() * picks.length)]();
};

/// One mutant scenario text from seed `seed`.
export function mutant(seed) {
  const r = rng(seed);
  const s = structuredClone(examples[Math.floor(r() * examples.length)]);
  const rounds = 1 + Math.floor(r() * 3);
  for (let i = 0; i < rounds; i++) {
    const kind = Math.floor(r() * 8);
    const first = Array.isArray(s.services) && s.services[0] && typeof s.services[0] === "object" ? s.services[0] : null;
    if (kind === 0 && Array.isArray(s.inputs)) {
      // The fastest input the format could be asked for.
      s.inputs.push({ service: first?.id ?? "x", every_ms: r() < 0.5 ? 0.001 : 1, start_ms: 0 });
    } else if (kind === 1 && first) {
      // Many copies of a service (a 2 KB link with 10,000 services).
      const n = r() < 0.5 ? 300 : 150;
      for (let j = 0; j < n; j++) s.services.push({ ...first, id: `copy${j}` });
    } else if (kind === 2 && first && Array.isArray(first.publishes)) {
      first.publishes = first.publishes.map((p) =>
        typeof p === "string" ? { channel: p, routing_key: "a.".repeat(10_000) } : { ...p, routing_key: "a.".repeat(10_000) },
      );
    } else {
      const all = places(s).filter((p) => p.length > 0);
      const at = all[Math.floor(r() * all.length)];
      let parent = s;
      for (const step of at.slice(0, -1)) parent = parent[step];
      const last = at[at.length - 1];
      if (r() < 0.2) delete parent[last];
      else parent[last] = nasty(r);
    }
  }
  let text = JSON.stringify(s);
  if (r() < 0.15) text = text.replace('"version":1', '"version":1,"version":2');
  if (r() < 0.1) text = text.slice(0, Math.floor(r() * text.length));
  return text;
}

const linkOf = (text) => `v1.${zlib.deflateRawSync(Buffer.from(text)).toString("base64url")}`;

/// The page is alive: a frame comes and the order button answers, within 5 s.
async function alive(page, what) {
  const answer = page.evaluate(
    () =>
      new Promise((resolve) => {
        requestAnimationFrame(() => {
          document.querySelector("#place-order")?.click();
          requestAnimationFrame(() => resolve(true));
        });
      }),
  );
  const late = new Promise((resolve) => setTimeout(() => resolve(false), 5_000));
  assert.ok(await Promise.race([answer, late]), `${what}: no frame within 5 s (frozen)`);
}

async function newPage() {
  const context = await newContext(app.browser);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  return { page, context, errors };
}

test(`${N} mutated share links open or are refused, never a crash or a freeze`, async () => {
  const { page, context, errors } = await newPage();
  for (let seed = 1; seed <= N; seed++) {
    await page.goto(`${app.server.url}?fuzz=${seed}#s=${linkOf(mutant(seed))}`);
    await page.waitForSelector(".canvas-area", { timeout: 10_000 });
    await alive(page, `link seed ${seed}`);
    assert.deepEqual(errors, [], `link seed ${seed}`);
  }
  console.log(`# fuzz: ${N} share links through the app`);
  await context.close();
});

test(`${N} mutated files are imported or refused, never a crash or a freeze`, async () => {
  const { page, context, errors } = await newPage();
  await page.goto(app.server.url);
  await page.waitForSelector(node("service", "order"));
  for (let seed = 1001; seed <= 1000 + N; seed++) {
    await page.setInputFiles("#import-file", {
      name: `fuzz-${seed}.json`,
      mimeType: "application/json",
      buffer: Buffer.from(mutant(seed)),
    });
    await page.waitForTimeout(50);
    await alive(page, `import seed ${seed}`);
    assert.deepEqual(errors, [], `import seed ${seed}`);
  }
  console.log(`# fuzz: ${N} imported files through the app`);
  await context.close();
});

test(`${N} corrupted saved states: the page opens every time`, async () => {
  const { page, context, errors } = await newPage();
  await page.goto(app.server.url);
  await page.waitForSelector(node("service", "order"));
  let tried = 0;
  for (let seed = 2001; seed <= 2000 + N; seed++) {
    const r = rng(seed);
    const view = { lang: r() < 0.5 ? "En" : "Id", speed: r() < 0.3 ? 1e300 : r() * 200, pan: [r() * 1e9, -1e300, r() < 0.5 ? 1e-300 : 5] };
    const saved = `{"kurir_autosave":1,"scenario":${mutant(seed)},"view":${JSON.stringify(view)}}`;
    // Each unreadable state is kept aside by the app; start each from empty
    // storage so the copies do not fill the origin's quota.
    const stored = await page.evaluate(([k, v]) => {
      localStorage.clear();
      try {
        localStorage.setItem(k, v);
        return true;
      } catch {
        return false; // larger than the origin's quota: cannot be saved data
      }
    }, [KEY, saved]);
    if (!stored) continue;
    tried += 1;
    await page.reload();
    await page.waitForSelector(".canvas-area", { timeout: 10_000 });
    await alive(page, `saved seed ${seed}`);
    assert.deepEqual(errors, [], `saved seed ${seed}`);
  }
  console.log(`# fuzz: ${tried} saved states through the app (${N - tried} too large to store)`);
  assert.ok(tried > N / 2);
  await context.close();
});
