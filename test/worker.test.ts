/**
 * The real Cloudflare Worker (src/worker.ts, bundled by wrangler) running in workerd, as `wrangler dev`
 * runs it, against a libSQL HTTP server (the Hrana fixture over a SQLite file) and a recording Bot API
 * on loopback. Nothing leaves the machine: no Cloudflare account, no metrics, no `request.cf` download.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "libsql";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { unstable_startWorker } from "wrangler";
import { openNodeDatabase } from "../src/db/node.js";
import { type BotApiFixture, startBotApi, TEST_BOT_INFO } from "./fixtures/bot-api.js";
import { type HranaServer, startHranaServer } from "./fixtures/hrana-server.js";
import { freePort } from "./fixtures/server-process.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BOT_TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const WEBHOOK_SECRET = "worker-test-secret_0123456789";
const STARTUP_MS = 90_000;
const DAY_MS = 24 * 3600_000;

/**
 * Wrangler runs in this process and reads these when it needs them: no metrics, no banner (its update
 * check asks npm), no download of the `request.cf` object, no .dev.vars/.env, no account.
 */
const OFFLINE_ENV: Record<string, string | undefined> = {
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_HIDE_BANNER: "true",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  CLOUDFLARE_LOAD_DEV_VARS_FROM_DOT_ENV: "false",
  WRANGLER_CI_DISABLE_CONFIG_WATCHING: "true",
  CLOUDFLARE_API_TOKEN: undefined,
  CLOUDFLARE_ACCOUNT_ID: undefined,
};

type Worker = Awaited<ReturnType<typeof unstable_startWorker>>;

let dir: string;
let dbPath: string;
let hrana: HranaServer;
let botApi: BotApiFixture;
let worker: Worker | undefined;
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

function postWebhook(body: string, secret?: string): Promise<Response> {
  return fetch(`${url}/telegram/webhook`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(secret === undefined ? {} : { "X-Telegram-Bot-Api-Secret-Token": secret }),
    },
    body,
  });
}

/** A read-only look at the database file the Worker writes through the Hrana server. */
function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  for (const [name, value] of Object.entries(OFFLINE_ENV)) vi.stubEnv(name, value);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "worker-test-"));
  dbPath = path.join(dir, "bot.db");
  const { client } = await openNodeDatabase(`file:${dbPath}`);
  client.close();
  hrana = await startHranaServer({ dbPath });
  botApi = await startBotApi();

  const port = await freePort();
  const plain = (value: string) => ({ type: "plain_text" as const, value });
  worker = await unstable_startWorker({
    config: path.join(root, "wrangler.toml"),
    // A developer's .dev.vars / .env must not leak in: point at a file that does not exist.
    envFiles: [path.join(dir, "none.env")],
    sendMetrics: false,
    bindings: {
      BOT_TOKEN: plain(BOT_TOKEN),
      WEBHOOK_SECRET: plain(WEBHOOK_SECRET),
      LIBSQL_URL: plain(hrana.url),
      TELEGRAM_API_ROOT: plain(botApi.url),
      BOT_INFO: plain(JSON.stringify(TEST_BOT_INFO)),
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
      testScheduled: true,
      enableContainers: false,
      generateTypes: false,
    },
  });
  await worker.ready;
  url = (await worker.url).origin;

  // workerd is up once /healthz answers; on a busy machine the first answer can take a while.
  const deadline = Date.now() + STARTUP_MS;
  // An uncaught exception in the Worker (a 500, see the [wrangler:error] lines) will not go away: stop early.
  let last = "no answer";
  let crashes = 0;
  for (;;) {
    try {
      // Not */*: wrangler would answer a crash with an HTML error page instead of the stack.
      const response = await fetch(`${url}/healthz`, {
        headers: { accept: "application/json" },
        signal: AbortSignal.timeout(10_000),
      });
      if (response.ok) break;
      last = `${response.status} ${await response.text()}`;
      crashes = response.status === 500 ? crashes + 1 : 0;
    } catch (error) {
      last = String(error);
    }
    if (crashes >= 3) throw new Error(`the Worker fails on every request: ${last}`);
    if (Date.now() > deadline)
      throw new Error(`the Worker was not healthy within ${STARTUP_MS / 1000} s: ${last}`);
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

    const response = await fetch(
      `${url}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent("*/10 * * * *")}`,
    );
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
