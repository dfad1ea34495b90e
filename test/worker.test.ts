/**
 * The real Cloudflare Worker (src/worker.ts, bundled by wrangler) running in workerd, as `wrangler dev`
 * runs it, against a libSQL HTTP server (the Hrana fixture over a SQLite file) and a recording Bot API
 * on loopback. Nothing leaves the machine: no Cloudflare account, no metrics, no `request.cf` download.
 */
import Database from "libsql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotApiFixture } from "./fixtures/bot-api.js";
import {
  startTestWorker,
  type TestWorker,
  WORKER_AFTER_ALL_MS,
  WORKER_BEFORE_ALL_MS,
  WORKER_BOT_TOKEN as BOT_TOKEN,
} from "./fixtures/worker.js";

const WEBHOOK_SECRET = "worker-test-secret_0123456789";
const DAY_MS = 24 * 3600_000;

let worker: TestWorker | undefined;
let dbPath: string;
let botApi: BotApiFixture;
let url: string;

const CHAT_ID = 5_550_001;
const UPDATE_ID = 910_001;
const startUpdate = {
  update_id: UPDATE_ID,
  message: {
    message_id: 1,
    date: Math.floor(Date.now() / 1000),
    chat: { id: CHAT_ID, type: "private", first_name: "小明" },
    from: { id: CHAT_ID, is_bot: false, first_name: "小明", language_code: "zh-hans" },
    text: "/start",
    entities: [{ type: "bot_command", offset: 0, length: 6 }],
  },
};

const postWebhook = (body: string, secret?: string) => worker!.postWebhook(body, secret);
const query = <T>(sql: string, ...params: unknown[]) => worker!.query<T>(sql, ...params);

beforeAll(async () => {
  worker = await startTestWorker({ prefix: "worker-test-", webhookSecret: WEBHOOK_SECRET });
  ({ url, dbPath, botApi } = worker);
}, WORKER_BEFORE_ALL_MS);

afterAll(async () => {
  await worker?.stop();
}, WORKER_AFTER_ALL_MS);

describe("the Worker in workerd (wrangler dev)", () => {
  it("answers /start through the Bot API without calling getMe", async () => {
    const response = await postWebhook(JSON.stringify(startUpdate), WEBHOOK_SECRET);
    expect(response.status).toBe(200);

    const sent = botApi.sent("sendMessage");
    expect(sent).toHaveLength(1);
    expect(Number(sent[0]!.payload.chat_id)).toBe(CHAT_ID);
    expect(String(sent[0]!.payload.text)).toContain("团建助手");
    expect(sent[0]!.token).toBe(BOT_TOKEN);
    expect(botApi.sent("getMe")).toHaveLength(0);
  });

  it("skips a redelivered update, de-duplicated through the database over HTTP", async () => {
    const response = await postWebhook(JSON.stringify(startUpdate), WEBHOOK_SECRET);
    expect(response.status).toBe(200);
    expect(botApi.sent("sendMessage")).toHaveLength(1);

    expect(query("SELECT status FROM processed_updates WHERE update_id = ?", UPDATE_ID)).toEqual([
      { status: "done" },
    ]);
  });

  it("rejects a wrong or missing secret and a body that is not JSON", async () => {
    const body = JSON.stringify({ ...startUpdate, update_id: UPDATE_ID + 1 });
    expect((await postWebhook(body, "wrong-secret-0123456789")).status).toBe(401);
    expect((await postWebhook(body)).status).toBe(401);
    expect((await postWebhook("{not json", WEBHOOK_SECRET)).status).toBe(400);
    expect(botApi.sent("sendMessage")).toHaveLength(1);
    expect(query("SELECT update_id FROM processed_updates WHERE update_id = ?", UPDATE_ID + 1)).toEqual([]);
  });

  it("reports the database as ok on /healthz", async () => {
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: "ok" });
  });

  it("prunes week-old processed updates from the cron handler", async () => {
    const OLD_ID = 900_001;
    const db = new Database(dbPath);
    try {
      db.prepare("INSERT INTO processed_updates (update_id, status, claimed_at) VALUES (?, 'done', ?)").run(
        OLD_ID,
        Date.now() - 8 * DAY_MS,
      );
    } finally {
      db.close();
    }

    const response = await worker!.scheduled("*/10 * * * *");
    expect(response.status).toBe(200);
    await response.arrayBuffer();

    // The prune runs in ctx.waitUntil; give it a moment rather than assuming the trigger waited.
    const deadline = Date.now() + 15_000;
    while (
      query("SELECT 1 FROM processed_updates WHERE update_id = ?", OLD_ID).length > 0 &&
      Date.now() < deadline
    ) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(query("SELECT update_id FROM processed_updates WHERE update_id = ?", OLD_ID)).toEqual([]);
    // The update handled a moment ago is recent and stays.
    expect(query("SELECT status FROM processed_updates WHERE update_id = ?", UPDATE_ID)).toEqual([
      { status: "done" },
    ]);
  });
});
