// Other tools' files: a RabbitMQ definitions file (what `rabbitmqctl
// export_definitions` writes) opens as channels with what it left out said
// in the user's language, and a scenario's RabbitMQ part exports as one from
// the export dialog.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs/promises";
import { useApp } from "./lib/suite.mjs";
import { openPage, screenshot } from "./lib/browser.mjs";
import { node } from "./lib/kurir.mjs";
import specs from "@asyncapi/specs";
import Ajv from "ajv";
import addFormats from "ajv-formats";

/// The AsyncAPI 3.0.0 JSON Schema from the AsyncAPI Initiative's own
/// package (what its parser validates with). The bundle carries JSON
/// Schema draft 07 inside it; Ajv has that built in.
function asyncapiValidator() {
  const schema = structuredClone(specs.schemas["3.0.0"]);
  delete schema.definitions["http://json-schema.org/draft-07/schema"];
  delete schema.definitions["http://json-schema.org/draft-04/schema"];
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

const app = useApp();

// A definitions export as RabbitMQ 3.10 writes it, with what Kurir does not
// model: a priority argument, a plugin's exchange type, a second vhost.
const definitions = {
  rabbit_version: "3.10.8",
  users: [{ name: "guest", tags: ["administrator"] }],
  vhosts: [{ name: "/" }],
  queues: [
    { name: "orders", vhost: "/", durable: true, auto_delete: false,
      arguments: { "x-queue-type": "quorum", "x-delivery-limit": 3, "x-dead-letter-exchange": "", "x-dead-letter-routing-key": "orders dead", "x-max-priority": 5 } },
    { name: "orders dead", vhost: "/", durable: true, auto_delete: false, arguments: {} },
    { name: "other", vhost: "staging", durable: true, auto_delete: false, arguments: {} },
  ],
  exchanges: [
    { name: "shop", vhost: "/", type: "topic", durable: true, auto_delete: false, internal: false, arguments: {} },
    { name: "hash", vhost: "/", type: "x-consistent-hash", durable: true, auto_delete: false, internal: false, arguments: {} },
  ],
  bindings: [
    { source: "shop", vhost: "/", destination: "orders", destination_type: "queue", routing_key: "order.*", arguments: {} },
  ],
};

async function importDefinitions(page) {
  await page.setInputFiles("#import-file", {
    name: "definitions.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(definitions)),
  });
  await page.waitForSelector(node("channel", "orders-dead"));
  return page.textContent(".notice.info");
}

test("a RabbitMQ definitions file opens as its exchanges and queues, and says what it left out", async () => {
  const { page, context, errors } = await openPage(app.browser, app.server.url);
  await page.waitForSelector(node("service", "order"));
  const said = await importDefinitions(page);
  for (const id of ["shop", "orders", "orders-dead"]) await page.waitForSelector(node("channel", id));
  // The lesson's services are gone: a definitions file has none.
  assert.equal(await page.locator(node("service", "order")).count(), 0);
  assert.match(said, /add the services that publish and consume/);
  assert.match(said, /Left out:/);
  assert.match(said, /orders: x-max-priority: 5 is not modelled/);
  assert.match(said, /hash: exchange type x-consistent-hash comes from a plugin/);
  assert.match(said, /staging: only the first virtual host is read/);
  // The queue's name is kept for display; its id is a valid one.
  assert.equal(await page.textContent(`${node("channel", "orders-dead")} .title`), "orders dead");
  await screenshot(page, "formats-definitions-imported");
  // Undo brings the lesson back.
  await page.keyboard.press("Control+z");
  await page.waitForSelector(node("service", "order"));
  assert.deepEqual(errors, []);
  await context.close();
});

test("on a phone and in Indonesian the same import is said in Bahasa Indonesia", async () => {
  const { page, context } = await openPage(app.browser, `${app.server.url}?lang=id`, { viewport: { width: 390, height: 844 } });
  await page.waitForSelector(node("service", "order"));
  const said = await importDefinitions(page);
  assert.match(said, /tambahkan service yang mengirim dan menerima/);
  assert.match(said, /Ditinggalkan:/);
  assert.match(said, /x-max-priority: 5 tidak dimodelkan/);
  const box = await page.locator(".notice.info").boundingBox();
  assert.ok(box.width <= 390, `the notice fits the phone (${box.width}px)`);
  await screenshot(page, "formats-definitions-imported-phone-id");
  await context.close();
});

test("the RabbitMQ example exports as a definitions file, which imports back", async () => {
  const { page, context } = await openPage(app.browser, app.server.url);
  await page.waitForSelector(node("service", "order"));
  await page.selectOption("#gallery", "rabbitmq");
  await page.waitForSelector(node("channel", "shop"));
  await page.click("#export");
  await page.waitForSelector("#export-rabbitmq");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-rabbitmq")]);
  assert.match(download.suggestedFilename(), /\.rabbitmq-definitions\.json$/);
  const file = JSON.parse(await fs.readFile(await download.path(), "utf8"));
  assert.deepEqual(file.exchanges.map((x) => [x.name, x.type]), [["shop", "topic"], ["dlx", "fanout"]]);
  const sms = file.queues.find((q) => q.name === "sms");
  assert.equal(sms.arguments["x-queue-type"], "quorum");
  assert.equal(sms.arguments["x-delivery-limit"], 20);
  assert.equal(sms.arguments["x-dead-letter-exchange"], "dlx");
  assert.ok(file.bindings.some((b) => b.source === "shop" && b.destination === "report" && b.routing_key === "order.#"));
  // SMS's consumer rejects what it failed on: not in a broker's file. The
  // dialog says so where the user clicked.
  assert.match(await page.textContent(".export-said"), /sms: on_failure is what the consumer/);
  await screenshot(page, "formats-export-dialog");
  await page.keyboard.press("Escape");
  await page.waitForSelector(".dialog", { state: "detached" });
  assert.equal(await page.evaluate(() => document.activeElement?.id), "export", "focus goes back to Export");
  await page.setInputFiles("#import-file", { name: "back.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(file)) });
  await page.waitForSelector(node("service", "order"), { state: "detached" });
  for (const id of ["shop", "dlx", "email", "sms", "finance", "report", "sms-dead"]) await page.waitForSelector(node("channel", id));
  await context.close();
});

test("the export dialog in Indonesian on a phone says what the definitions leave out", async () => {
  const { page, context } = await openPage(app.browser, `${app.server.url}?lang=id`, { viewport: { width: 390, height: 844 } });
  await page.waitForSelector(node("service", "order"));
  await page.click("#export");
  await page.waitForSelector("#export-rabbitmq");
  assert.match(await page.textContent(".dialog"), /rabbitmqctl import_definitions BERKAS/);
  // The lesson's queues redeliver after 30 s; on RabbitMQ that is the
  // broker's consumer_timeout, not a queue argument.
  await Promise.all([page.waitForEvent("download"), page.click("#export-rabbitmq")]);
  const said = await page.textContent(".export-said");
  assert.match(said, /^Diekspor\. Tidak masuk ke berkas:/);
  assert.match(said, /email: visibility_timeout_ms adalah perilaku consumer atau pengaturan broker sendiri/);
  const box = await page.locator(".dialog").boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 390, "the dialog fits the phone");
  await screenshot(page, "formats-export-dialog-phone-id");
  await context.close();
});

test("each broker example exports as an AsyncAPI 3.0 document the AsyncAPI schema accepts", async () => {
  const validate = asyncapiValidator();
  // The check can fail: a wrong operation action is refused.
  assert.equal(validate({ asyncapi: "3.0.0", info: { title: "x", version: "1" }, operations: { o: { action: "sned", channel: { $ref: "#/channels/c" } } } }), false);
  const { page, context } = await openPage(app.browser, app.server.url);
  await page.waitForSelector(node("service", "order"));
  for (const id of ["rabbitmq", "kafka", "sns-sqs", "google-pubsub", "redis"]) {
    await page.selectOption("#gallery", id);
    await page.click("#export");
    await page.waitForSelector("#export-asyncapi");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-asyncapi")]);
    assert.match(download.suggestedFilename(), /\.asyncapi\.json$/);
    const doc = JSON.parse(await fs.readFile(await download.path(), "utf8"));
    assert.ok(validate(doc), `${id}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
    assert.equal(doc.asyncapi, "3.0.0");
    assert.ok(Object.values(doc.operations).some((o) => o.action === "send"), `${id} has a send operation`);
    assert.ok(Object.values(doc.operations).some((o) => o.action === "receive"), `${id} has a receive operation`);
    if (id === "sns-sqs") {
      const send = doc.operations["order-sends-notifications"];
      assert.deepEqual(send.bindings.sns.consumers[0].filterPolicy, { kind: ["email"] });
    }
    await page.waitForSelector(".dialog", { state: "detached" });
  }
  await context.close();
});

test("an AsyncAPI export opens again whole; a YAML document is refused by name, the work untouched", async () => {
  const { page, context } = await openPage(app.browser, app.server.url);
  await page.waitForSelector(node("service", "order"));
  await page.selectOption("#gallery", "sns-sqs");
  await page.waitForSelector(node("channel", "notifications"));
  await page.click("#export");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-asyncapi")]);
  const text = await fs.readFile(await download.path(), "utf8");
  await page.click("#new");
  await page.waitForSelector(node("channel", "notifications"), { state: "detached" });
  await page.setInputFiles("#import-file", { name: "sns.asyncapi.json", mimeType: "application/json", buffer: Buffer.from(text) });
  for (const id of ["notifications", "email-q", "sms-q", "sms-dlq"]) await page.waitForSelector(node("channel", id));
  for (const id of ["order", "email", "sms"]) await page.waitForSelector(node("service", id));
  assert.match(await page.textContent(".notice.info"), /channels are on the canvas/);
  // A document in YAML: said what to do, nothing replaced.
  await page.setInputFiles("#import-file", { name: "api.yaml", mimeType: "application/yaml", buffer: Buffer.from("asyncapi: 3.0.0\ninfo:\n  title: x\n  version: '1'\n") });
  await page.waitForSelector(".notice:not(.info)");
  assert.match(await page.textContent(".notice:not(.info)"), /Not imported \(your work is unchanged\): api\.yaml: an AsyncAPI document in YAML/);
  await page.waitForSelector(node("channel", "notifications"));
  await context.close();
});

test("run it for real: a script for the RabbitMQ example, and a clear no for Kafka", async () => {
  const { page, context } = await openPage(app.browser, app.server.url);
  await page.waitForSelector(node("service", "order"));
  await page.selectOption("#gallery", "rabbitmq");
  await page.waitForSelector(node("channel", "shop"));
  await page.click("#export");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-script")]);
  assert.match(download.suggestedFilename(), /\.run-for-real\.sh$/);
  const script = await fs.readFile(await download.path(), "utf8");
  assert.match(script, /^#!\/usr\/bin\/env bash\n# Runs the Kurir scenario ".*" on a real broker: RabbitMQ\./);
  assert.match(script, /--broker "\$\{BROKER:-amqp:\/\/127\.0\.0\.1:5672\}"/);
  assert.match(script, /rabbitmqctl import_definitions/);
  await page.selectOption("#gallery", "kafka");
  await page.click("#export");
  await page.click("#export-script");
  assert.match(await page.textContent(".export-said"), /Kafka and NSQ stay in the simulator/);
  await context.close();
});

test("where the palette wraps into two rows, a notice starts below it instead of hiding its second row", async () => {
  const { page, context } = await openPage(app.browser, app.server.url, { viewport: { width: 1024, height: 768 } });
  await page.waitForSelector(node("service", "order"));
  await importDefinitions(page);
  const palette = await page.locator(".palette").boundingBox();
  const notice = await page.locator(".notice.info").boundingBox();
  assert.ok(palette.height > 48, `the palette wraps at 1024 px (${palette.height} px)`);
  assert.ok(notice.y >= palette.y + palette.height, `notice at ${notice.y}, palette ends at ${palette.y + palette.height}`);
  // The palette's second row (the file buttons) can still be clicked.
  await page.click("#import", { trial: true });
  await context.close();
});
