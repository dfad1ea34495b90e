/**
 * The Worker's warm-up (src/runtime/warm-up.ts) in the Workers runtime itself: the deployed bundle under
 * a bare workerd, whose global scope refuses I/O, timers, random numbers, Request and Response bodies
 * and AbortControllers. A warm-up that trips on one of these still lets the Worker start, but takes
 * nothing out of a cold request: it must say so, and here it must not happen.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openNodeDatabase } from "../src/db/node.js";
import { warmUp } from "../src/runtime/warm-up.js";
import { type BareWorkerd, buildWorkerBundle, startBareWorkerd } from "./fixtures/bare-workerd.js";
import { type BotApiFixture, startBotApi, TEST_BOT_INFO } from "./fixtures/bot-api.js";
import { type HranaServer, startHranaServer } from "./fixtures/hrana-server.js";
import { freePort } from "./fixtures/server-process.js";
import { textUpdate } from "./fixtures/updates.js";

const SECRET = "warm-up-test-secret_0123456789";
let dir: string;
let bundleDir: string | undefined;
let dbPath: string;
let hrana: HranaServer | undefined;
let botApi: BotApiFixture | undefined;
let workerd: BareWorkerd | undefined;

const logLines = () =>
  workerd!
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { event: string; updates?: number });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "warm-up-test-"));
  dbPath = path.join(dir, "bot.db");
  (await openNodeDatabase(`file:${dbPath}`)).client.close();
  hrana = await startHranaServer({ dbPath });
  botApi = await startBotApi();
  const bundle = await buildWorkerBundle();
  bundleDir = bundle.dir;
  workerd = await startBareWorkerd({
    bundleFile: bundle.file,
    port: await freePort(),
    bindings: {
      BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ",
      WEBHOOK_SECRET: SECRET,
      LIBSQL_URL: hrana.url,
      TELEGRAM_API_ROOT: botApi.url,
      BOT_INFO: JSON.stringify(TEST_BOT_INFO),
      PII_HASH_KEY: "warm-up-test-key",
      LOG_LEVEL: "warn",
    },
  });
}, 180_000);

afterAll(async () => {
  workerd?.stop();
  await botApi?.close();
  await hrana?.close();
  if (bundleDir) fs.rmSync(bundleDir, { recursive: true, force: true });
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the Worker's warm-up in workerd", () => {
  it("handles every warm-up update in the global scope, with nothing refused", () => {
    const lines = logLines();
    expect(lines.filter((l) => l.event === "warm_up_failed")).toEqual([]);
    expect(lines.find((l) => l.event === "warm_up")?.updates).toBeGreaterThanOrEqual(8);
  });

  it("calls no Bot API, and the first real user is answered", async () => {
    expect(botApi!.calls).toHaveLength(0);
    const response = await fetch(`${workerd!.url}/telegram/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET },
      body: JSON.stringify(textUpdate({ id: 5_560_001, first_name: "小红", language_code: "zh-hans" }, "兼职副书记的年龄上限是多少?")),
    });
    expect(response.status).toBe(200);
    const sent = botApi!.sent("sendMessage");
    expect(sent.map((c) => c.payload.chat_id)).toEqual([5_560_001]);
    expect(String(sent[0]!.payload.text)).toMatch(/35/);
  });
});

describe("warmUp in Node", () => {
  it("puts back the globals it stands in for, also when an update fails", async () => {
    const globals = () => [Request, Response, AbortController, setTimeout, clearTimeout, crypto.getRandomValues];
    const before = globals();
    await expect(warmUp()).resolves.toBeGreaterThanOrEqual(8);
    expect(globals()).toEqual(before);
    expect(crypto.getRandomValues(new Uint8Array(16)).some((b) => b !== 0)).toBe(true);
    // Not an update (the route answers 400): the warm-up fails, and still puts everything back.
    await expect(warmUp([{ update_id: 1 } as Update])).rejects.toThrow(/answered 400/);
    expect(globals()).toEqual(before);
    expect(new Response("x")).toBeInstanceOf(before[1] as typeof Response);
  });
});
