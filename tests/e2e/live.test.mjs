// Live mode: `kurir-live serve` serves the app and bridges it to real
// brokers started here (the test RabbitMQ and Redis of scripts/brokers.sh,
// on 127.0.0.1). The canvas counts what really happens on the broker: the
// counts are checked against the broker's own API (`rabbitmqctl
// list_queues`, Redis's `PUBSUB NUMSUB`), a service taken down hands its
// unacknowledged messages back (RabbitMQ requeues a closed channel's
// unacked deliveries: https://www.rabbitmq.com/docs/confirms#automatic-requeueing),
// and another origin's page cannot drive the bridge.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { launch, openPage, screenshot, repoRoot, distDir } from "./lib/browser.mjs";
import { serveDist } from "./lib/server.mjs";
import { node, label, waitLabel } from "./lib/kurir.mjs";

const AMQP = process.env.KURIR_AMQP_PORT || "5690";
const REDIS = process.env.KURIR_REDIS_PORT || "6390";
const SQS = process.env.KURIR_SQS_PORT || "8691";
const brokers = path.join(repoRoot, "scripts", "brokers.sh");
const liveBin = process.env.KURIR_LIVE_BIN || path.join(repoRoot, "target", "debug", "kurir-live");

let bridge, url, browser, other;

function sh(args) {
  return execFileSync("bash", [brokers, ...args], { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
}

/// The test queue's messages as RabbitMQ counts them: ready, unacked.
function rabbitQueue(id) {
  const out = sh(["rabbitmqctl", "list_queues", "-q", "--no-table-headers", "name", "messages_ready", "messages_unacknowledged"]);
  const row = out.split("\n").map((l) => l.trim().split(/\s+/)).find((r) => r[0] && r[0].endsWith(`.${id}`));
  return row ? { ready: Number(row[1]), unacked: Number(row[2]) } : null;
}

async function until(what, f, timeout = 20000) {
  const start = Date.now();
  let last;
  while (Date.now() - start < timeout) {
    last = await f();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`${what}: never happened (last: ${JSON.stringify(last)})`);
}

/// Starts `kurir-live serve` with `brokerArgs`; resolves with it and its URL.
async function startBridge(brokerArgs) {
  const proc = spawn(liveBin, ["serve", ...brokerArgs, "--dist", distDir, "--port", "0"], { stdio: ["ignore", "ignore", "pipe"] });
  const at = await new Promise((resolve, reject) => {
    let err = "";
    proc.stderr.on("data", (d) => {
      err += d;
      const m = err.match(/open (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) resolve(m[1]);
    });
    proc.on("exit", (code) => reject(new Error(`kurir-live serve exited ${code}: ${err}`)));
  });
  return { proc, url: at };
}

before(async () => {
  sh(["start", "rabbitmq", "redis", "sqs"]);
  ({ proc: bridge, url } = await startBridge(["--broker", `amqp://127.0.0.1:${AMQP}`, "--broker", `redis://127.0.0.1:${REDIS}`, "--broker", `sqs://127.0.0.1:${SQS}`]));
  browser = await launch();
  other = await serveDist({ root: distDir });
});

after(async () => {
  await browser?.close();
  await other?.close();
  bridge?.kill();
  sh(["stop", "rabbitmq", "redis", "sqs"]);
});

// Order → a queue → one worker with two slots that takes a minute a job:
// deliveries stay unacknowledged long enough to be counted on both sides.
const scenario = {
  version: 1, name: "Live queue", mode: "messaging", seed: 1,
  network: { latency_ms: 1, publish_ms: 1, rpc_timeout_ms: 3000 },
  services: [
    { id: "order", name: "Order", processing: { dist: "constant", ms: 5 }, workers: 1, failure_probability: 0, up: true, publishes: ["jobs"], x: 120, y: 200 },
    { id: "worker", name: "Worker", processing: { dist: "constant", ms: 60000 }, workers: 2, failure_probability: 0, up: true, publishes: [], x: 700, y: 200 },
  ],
  channels: [
    { id: "jobs", name: "jobs", kind: { type: "queue", visibility_timeout_ms: 30000, max_deliveries: 100, dead_letter: null, ttl_ms: null, max_length: null, overflow: "drop_oldest" }, x: 420, y: 200 },
  ],
  subscriptions: [{ channel: "jobs", service: "worker" }],
  inputs: [],
};

/// Opens the bridge's page with `scenarioFile` imported, or the gallery's
/// example of that id, and switches Live on.
async function openLive(scenarioFile) {
  const { page, context, errors } = await openPage(browser, url);
  await page.waitForSelector("#live-mode");
  if (typeof scenarioFile === "string") {
    await page.selectOption("#gallery", scenarioFile);
    await page.waitForSelector(node("channel", "sms"));
  } else if (scenarioFile) {
    await page.setInputFiles("#import-file", { name: "live.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(scenarioFile)) });
    await page.waitForSelector(node("channel", scenarioFile.channels[0].id));
  }
  await page.click("#live-mode");
  await page.waitForSelector('#live-status[data-state="running"]', { timeout: 30000 });
  return { page, context, errors };
}

test("live on RabbitMQ: the canvas counts what the broker holds, and a service taken down hands its messages back", async () => {
  const { page, context, errors } = await openLive(scenario);
  assert.match(await page.textContent("#live-status"), /RabbitMQ/);
  for (let i = 0; i < 5; i++) await page.click("#place-order");
  // Two out with the worker, three waiting: on the canvas and on the broker.
  await waitLabel(page, "channel", "jobs", (l) => /, 3 /.test(l));
  await until("RabbitMQ holds 3 ready, 2 unacked", () => {
    const q = rabbitQueue("jobs");
    return q && q.ready === 3 && q.unacked === 2 && q;
  });
  const busy = await label(page, "service", "worker");
  assert.match(busy, /2\s*\/\s*2/, `the worker's two slots are busy: ${busy}`);
  await screenshot(page, "live-rabbitmq");
  // Down: its connection closes, RabbitMQ requeues what it held.
  await page.click(node("service", "worker"));
  await page.click("#toggle-up");
  await waitLabel(page, "channel", "jobs", (l) => /, 5 /.test(l));
  // rabbitmqctl reads the queue's own counters, which may trail the
  // channel's close by a moment.
  await until("RabbitMQ has them all back: 5 ready, none unacked", () => {
    const q = rabbitQueue("jobs");
    return q && q.ready === 5 && q.unacked === 0;
  });
  assert.match(await page.textContent(".log, #log"), /down/i);
  // Back up: two are delivered again.
  await page.click("#toggle-up");
  await waitLabel(page, "channel", "jobs", (l) => /, 3 /.test(l));
  await until("RabbitMQ gave two out again", () => {
    const q = rabbitQueue("jobs");
    return q && q.ready === 3 && q.unacked === 2;
  });
  await screenshot(page, "live-rabbitmq-back");
  // Another scenario opened while live runs on its own broker: the Redis
  // example on Redis, and the RabbitMQ run is taken down.
  await page.selectOption("#gallery", "redis");
  await page.waitForFunction(() => /Redis/.test(document.querySelector('#live-status[data-state="running"]')?.textContent || ""), null, { timeout: 30000 });
  await until("the RabbitMQ run's queue is deleted", () => rabbitQueue("jobs") === null);
  // Leaving live mode: the simulation and the user's scenario as they were.
  await page.click("#live-mode");
  await page.waitForSelector("#live-status", { state: "detached" });
  assert.ok(await page.$(node("channel", "sms")), "the scenario is still there");
  assert.equal(await page.isDisabled("#play"), false, "the simulation's controls are back");
  assert.deepEqual(errors, []);
  await context.close();
});

/// The live comparison's rows: label → [real, simulated, verdict].
async function comparisonRows(page) {
  return page.$$eval("table.real-vs-simulated tbody tr", (rows) => Object.fromEntries(rows.map((r) => {
    const cells = [...r.querySelectorAll("td")].map((c) => c.textContent);
    return [r.querySelector("th").textContent, [Number(cells[0]), Number(cells[1]), r.dataset.state]];
  })));
}

test("live side by side: the lesson's orders on RabbitMQ and on the simulator, figure by figure", async () => {
  const { page, context, errors } = await openLive("lesson");
  await page.click("#split");
  await page.waitForSelector("#real-vs-simulated");
  // The broker's run starts again beside the simulation's.
  assert.equal(await page.getAttribute("#live-status", "data-state"), "starting");
  await page.waitForSelector('#live-status[data-state="running"]', { timeout: 30000 });
  assert.match(await page.textContent(".half:not(.twin) .side-label"), /Real · RabbitMQ/);
  assert.match(await page.textContent(".half.twin .side-label"), /Simulated/);
  for (let i = 0; i < 3; i++) await page.click("#place-order");
  // Email takes 0.8 s an order: the three are done in under 3 s on both sides.
  await page.waitForSelector('#real-vs-simulated-summary[data-settled="true"][data-differing="0"]', { timeout: 20000 });
  const rows = await comparisonRows(page);
  for (const row of ["Orders placed", "Email service · done", "SMS service · done", "Finance service · done", "Report service · done"]) {
    assert.deepEqual(rows[row], [3, 3, "same"], `${row}: ${JSON.stringify(rows)}`);
  }
  // The fan-out exchange copies each order to Finance and Report.
  assert.deepEqual(rows["order · delivered"], [6, 6, "same"]);
  assert.match(await page.textContent("#real-vs-simulated-summary"), /Every figure matches/);
  await screenshot(page, "live-side-by-side");
  // In Indonesian, on a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.click("#lang");
  await page.waitForFunction(() => /Semua angka sama/.test(document.querySelector("#real-vs-simulated-summary")?.textContent || ""));
  if ((await page.getAttribute("#sheet-toggle", "aria-expanded")) === "true") await page.click("#sheet-toggle");
  await page.click("#fit"); // the phone's own fit, as after opening it there
  // Stacked, each side the phone's width.
  const halves = await page.$$eval(".canvases .half", (h) => h.map((e) => e.getBoundingClientRect().width));
  assert.ok(halves.every((w) => w > 380), `each side the screen's width: ${halves}`);
  await screenshot(page, "live-side-by-side-390-id");
  await page.locator("#real-vs-simulated").scrollIntoViewIfNeeded();
  await screenshot(page, "live-side-by-side-390-id-figures");
  await page.click("#live-mode");
  await page.waitForSelector("#real-vs-simulated", { state: "detached" });
  assert.equal(await page.$(".half.twin"), null, "side by side closes with live mode");
  assert.deepEqual(errors, []);
  await context.close();
});

/// The run's SQS queue `id` (its name ends in `-id`) as moto counts it:
/// visible messages and those in flight with a consumer.
async function sqsQueue(id) {
  const call = async (action, body) => (await fetch(`http://127.0.0.1:${SQS}/`, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-amz-json-1.0",
      "X-Amz-Target": `AmazonSQS.${action}`,
      Authorization: "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=0",
    },
    body: JSON.stringify(body),
  })).json();
  const { QueueUrls = [] } = await call("ListQueues", { QueueNamePrefix: "kurir-" });
  const at = QueueUrls.find((u) => u.endsWith(`-${id}`));
  if (!at) return null;
  const names = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"];
  const { Attributes: a } = await call("GetQueueAttributes", { QueueUrl: at, AttributeNames: names });
  return { visible: Number(a.ApproximateNumberOfMessages), inFlight: Number(a.ApproximateNumberOfMessagesNotVisible) };
}

test("live on SQS: the queue's depth on the canvas is what SQS counts as visible", async () => {
  // The RabbitMQ test's queue drawn as an SQS queue: 2 out with the worker
  // (in flight, invisible for the visibility timeout), 3 visible.
  const sqs = structuredClone(scenario);
  sqs.name = "Live SQS queue";
  sqs.channels[0].broker = "sqs_queue";
  sqs.channels[0].kind.visibility_timeout_ms = 120000;
  sqs.channels[0].kind.max_deliveries = 0; // SQS stops redelivering only by a redrive policy
  const { page, context, errors } = await openLive(sqs);
  assert.match(await page.textContent("#live-status"), /SQS/);
  for (let i = 0; i < 5; i++) await page.click("#place-order");
  await waitLabel(page, "channel", "jobs", (l) => /, 3 /.test(l));
  const q = await until("moto counts 3 visible, 2 in flight", async () => {
    const q = await sqsQueue("jobs");
    return q && q.visible === 3 && q.inFlight === 2 && q;
  });
  assert.deepEqual(q, { visible: 3, inFlight: 2 });
  assert.match(await label(page, "service", "worker"), /2\s*\/\s*2/);
  await screenshot(page, "live-sqs");
  await page.click("#live-mode");
  await until("the run's queue is deleted", async () => (await sqsQueue("jobs")) === null);
  assert.deepEqual(errors, []);
  await context.close();
});

/// Subscribers Redis counts on the run's channel `id` (its name ends in `.id`).
function redisSubscribers(id) {
  const cli = (...a) => execFileSync("redis-cli", ["-p", REDIS, ...a], { encoding: "utf8" }).trim().split("\n");
  const name = cli("PUBSUB", "CHANNELS", "kurir.*").find((c) => c.endsWith(`.${id}`));
  return name ? Number(cli("PUBSUB", "NUMSUB", name)[1]) : 0;
}

test("live on Redis: PUBLISH's count of receiving clients is what Redis says is subscribed", async () => {
  const { page, context, errors } = await openLive("redis");
  assert.match(await page.textContent("#live-status"), /Redis/);
  await page.click("#place-order");
  const note = (id) => page.textContent(`[data-notes="${id}"]`);
  await page.waitForFunction(() => document.querySelector('[data-notes="order"]')?.textContent === "PUBLISH → clients: 2");
  assert.equal(redisSubscribers("order"), 2, "Finance and Report are subscribed on Redis");
  await waitLabel(page, "service", "finance", (l) => /\b1\b/.test(l));
  // SMS down: its connection closes; the next PUBLISH reaches nobody.
  await page.click(node("service", "sms"));
  await page.click("#toggle-up");
  await until("Redis forgot SMS's subscription", () => redisSubscribers("sms") === 0);
  await page.click("#place-order");
  await page.waitForFunction(() => document.querySelector('[data-notes="sms"]')?.textContent === "PUBLISH → clients: 0");
  assert.equal(await note("order"), "PUBLISH → clients: 2");
  await screenshot(page, "live-redis");
  await page.click("#live-mode");
  assert.deepEqual(errors, []);
  await context.close();
});

test("another origin's page cannot open the bridge's socket, even with the token", async () => {
  const { page, context } = await openPage(browser, url);
  const token = await page.getAttribute('meta[name="kurir-live"]', "content");
  assert.match(token, /^[0-9a-f]{32}$/);
  const foreign = await openPage(browser, other.url);
  const outcome = await foreign.page.evaluate(([u, t]) => new Promise((resolve) => {
    const ws = new WebSocket(`${u.replace("http", "ws")}live?token=${t}`);
    ws.onopen = () => resolve("open");
    ws.onclose = (e) => resolve(`closed ${e.code}`);
  }), [url, token]);
  assert.equal(outcome, "closed 1006", "the handshake is refused");
  // The same refusal seen on the wire: 403 with the reason.
  const port = new URL(url).port;
  const res = await new Promise((resolve) => {
    const req = http.request({ host: "127.0.0.1", port, path: `/live?token=${token}`, headers: {
      Connection: "Upgrade", Upgrade: "websocket", "Sec-WebSocket-Version": "13",
      "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==", Origin: "http://evil.example" } });
    req.on("response", (r) => { let b = ""; r.on("data", (d) => (b += d)); r.on("end", () => resolve({ status: r.statusCode, body: b })); });
    req.on("upgrade", (r) => resolve({ status: r.statusCode }));
    req.end();
  });
  assert.equal(res.status, 403);
  assert.match(res.body, /only the page this bridge serves/);
  // The own page without the token is refused too; with it, it opens.
  const own = await page.evaluate(([u, t]) => Promise.all([`${u}live`, `${u}live?token=${t}`].map((s) => new Promise((resolve) => {
    const ws = new WebSocket(s.replace("http", "ws"));
    ws.onmessage = (e) => { resolve(JSON.parse(e.data).type); ws.close(); };
    ws.onclose = (e) => resolve(`closed ${e.code}`);
  }))), [url, token]);
  assert.deepEqual(own, ["closed 1006", "hello"]);
  await foreign.context.close();
  await context.close();
});

test("a malformed or oversized message closes that socket with a reason; the bridge serves on", async () => {
  const { page, context } = await openPage(browser, url);
  const token = await page.getAttribute('meta[name="kurir-live"]', "content");
  const closes = await page.evaluate(([u, t]) => Promise.all(["{not json", "x".repeat(2 * 1024 * 1024), JSON.stringify({ type: "fly" })].map((m) => new Promise((resolve) => {
    const ws = new WebSocket(`${u.replace("http", "ws")}live?token=${t}`);
    ws.onopen = () => ws.send(m);
    ws.onclose = (e) => resolve(`${e.code} ${e.reason}`);
  }))), [url, token]);
  assert.match(closes[0], /^1008 not JSON/);
  assert.match(closes[1], /^1009 /);
  assert.match(closes[2], /^1008 unknown message type "fly"/);
  const again = await page.evaluate(([u, t]) => new Promise((resolve) => {
    const ws = new WebSocket(`${u.replace("http", "ws")}live?token=${t}`);
    ws.onmessage = (e) => resolve(JSON.parse(e.data));
  }), [url, token]);
  assert.equal(again.type, "hello");
  assert.deepEqual(again.brokers.map((b) => b.kind), ["rabbitmq", "redis", "sqs"]);
  await context.close();
});

test("a broker nobody answers and a bridge gone are said, on a phone, in Indonesian", async () => {
  // Port 9 (discard) is closed here: connecting is refused at once.
  const dead = await startBridge(["--broker", "amqp://guest:secret@127.0.0.1:9"]);
  const { page, context, errors } = await openPage(browser, dead.url, { viewport: { width: 390, height: 844 } });
  await page.click("#lang");
  await page.click("#live-mode");
  await page.waitForSelector('#live-status[data-state="unreachable"]', { timeout: 30000 });
  const said = await page.textContent("#live-status");
  assert.match(said, /broker tidak bisa dihubungi/);
  assert.match(said, /amqp:\/\/127\.0\.0\.1:9/, "names the broker");
  assert.doesNotMatch(said, /secret/, "never its password");
  await screenshot(page, "live-unreachable-390-id");
  dead.proc.kill();
  await page.waitForSelector('#live-status[data-state="reconnecting"]', { timeout: 10000 });
  assert.match(await page.textContent("#live-status"), /menghubungkan ulang/);
  await screenshot(page, "live-reconnecting-390-id");
  // Leaving live mode needs no bridge.
  await page.click("#live-mode");
  await page.waitForSelector("#live-status", { state: "detached" });
  assert.deepEqual(errors.filter((e) => !/WebSocket/.test(e)), []);
  await context.close();
});
