/**
 * Issue 9 in the real Worker (workerd, as `wrangler dev` runs it, no nodejs_compat): the .docx is built
 * by `docx` (zipped by fflate in plain JavaScript) and uploaded with sendDocument, exactly as in Node.
 * A callback from the /documents list drafts the request for approval for a seeded township; the file
 * the loopback Bot API receives unzips to a Word document, and no personal data leaves in clear.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { unstable_startWorker } from "wrangler";
import { openNodeDatabase } from "../src/db/node.js";
import { type BotApiFixture, startBotApi, TEST_BOT_INFO } from "./fixtures/bot-api.js";
import { type SeededPerson, seedTownship } from "./fixtures/documents-seed.js";
import { type HranaServer, startHranaServer } from "./fixtures/hrana-server.js";
import { freePort } from "./fixtures/server-process.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BOT_TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const WEBHOOK_SECRET = "worker-documents-secret_0123456789";
const STARTUP_MS = 90_000;
const CHAT_ID = 5_550_909;

const OFFLINE_ENV: Record<string, string | undefined> = {
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_HIDE_BANNER: "true",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  CLOUDFLARE_LOAD_DEV_VARS_FROM_DOT_ENV: "false",
  WRANGLER_CI_DISABLE_CONFIG_WATCHING: "true",
  CLOUDFLARE_API_TOKEN: undefined,
  CLOUDFLARE_ACCOUNT_ID: undefined,
};

let dir: string;
let dbPath: string;
let hrana: HranaServer;
let botApi: BotApiFixture;
let worker: Awaited<ReturnType<typeof unstable_startWorker>> | undefined;
let url: string;
let nextUpdate = 930_001;
let people: SeededPerson[] = [];

beforeAll(async () => {
  for (const [name, value] of Object.entries(OFFLINE_ENV)) vi.stubEnv(name, value);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "worker-documents-"));
  dbPath = path.join(dir, "bot.db");
  const { client, db } = await openNodeDatabase(`file:${dbPath}`);
  ({ people } = await seedTownship(db, CHAT_ID, "小王"));
  client.close();
  hrana = await startHranaServer({ dbPath });
  botApi = await startBotApi();

  const port = await freePort();
  const plain = (value: string) => ({ type: "plain_text" as const, value });
  worker = await unstable_startWorker({
    config: path.join(root, "wrangler.toml"),
    envFiles: [path.join(dir, "none.env")],
    sendMetrics: false,
    bindings: {
      BOT_TOKEN: plain(BOT_TOKEN),
      WEBHOOK_SECRET: plain(WEBHOOK_SECRET),
      LIBSQL_URL: plain(hrana.url),
      TELEGRAM_API_ROOT: plain(botApi.url),
      BOT_INFO: plain(JSON.stringify(TEST_BOT_INFO)),
      PII_HASH_KEY: plain("worker-test-pii-key"),
      LOG_LEVEL: plain("warn"),
    },
    dev: {
      remote: false,
      server: { hostname: "127.0.0.1", port },
      inspector: false,
      persist: path.join(dir, "wrangler-state"),
      registry: path.join(dir, "wrangler-registry"),
      logLevel: "warn",
      watch: false,
      liveReload: false,
      testScheduled: false,
      enableContainers: false,
      generateTypes: false,
    },
  });
  await worker.ready;
  url = (await worker.url).origin;
  const deadline = Date.now() + STARTUP_MS;
  for (;;) {
    try {
      const response = await fetch(`${url}/healthz`, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(10_000) });
      if (response.ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`the Worker was not healthy within ${STARTUP_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}, STARTUP_MS + 30_000);

afterAll(async () => {
  await worker?.dispose();
  await botApi?.close();
  await hrana?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  vi.unstubAllEnvs();
}, 60_000);

async function click(data: string): Promise<void> {
  const update = {
    update_id: nextUpdate++,
    callback_query: {
      id: `cb-${nextUpdate}`,
      from: { id: CHAT_ID, is_bot: false, first_name: "小王", language_code: "zh-hans" },
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: CHAT_ID, type: "private", first_name: "小王" },
        from: { id: TEST_BOT_INFO.id, is_bot: true, first_name: TEST_BOT_INFO.first_name, username: TEST_BOT_INFO.username },
        text: "可以起草以下文书。",
      },
      chat_instance: String(CHAT_ID),
      data,
    },
  };
  const response = await fetch(`${url}/telegram/webhook`, {
    method: "POST",
    headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET },
    body: JSON.stringify(update),
  });
  expect(response.status).toBe(200);
}

describe("papers in the Worker (workerd)", () => {
  it("drafts the request for approval and uploads it as a .docx that opens", async () => {
    await click("doc:approval-request");
    const texts = botApi.sent("sendMessage").map((c) => String(c.payload.text)).join("\n");
    expect(texts).toContain("关于南山街道团工委专兼职副书记、委员拟任人选的请示");
    const [upload] = botApi.sent("sendDocument");
    expect(upload).toBeDefined();
    const file = upload!.payload[String(upload!.payload.document).replace("attach://", "")] as { filename: string; bytes: Buffer };
    expect(file.filename).toBe("南山街道-报批请示.docx");
    const xml = strFromU8(unzipSync(new Uint8Array(file.bytes))["word/document.xml"]!);
    expect(xml.replace(/<[^>]+>/g, "")).toContain("妥否,请批示。");
    const sent = JSON.stringify(botApi.calls.map((c) => ({ ...c, payload: { ...c.payload, [String(c.payload.document ?? "").replace("attach://", "")]: undefined } })));
    for (const person of people) {
      expect(sent).not.toContain(person.idNumber);
      expect(sent).not.toContain(person.mobile);
      expect(xml).not.toContain(person.idNumber);
      expect(xml).not.toContain(person.mobile);
    }
  });
});
