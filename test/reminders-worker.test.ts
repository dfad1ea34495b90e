/**
 * The reminder sweep in the real Worker (workerd, as `wrangler dev` runs it) from its cron trigger:
 * the database over HTTP (the Hrana fixture), the Bot API on loopback. One invocation sends at most its
 * batch (40, within the free plan's 50 subrequests); the next continues; nobody gets a message twice.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "libsql";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { unstable_startWorker } from "wrangler";
import { openNodeDatabase } from "../src/db/node.js";
import { townshipRepository } from "../src/db/townships.js";
import { type BotApiFixture, startBotApi, TEST_BOT_INFO } from "./fixtures/bot-api.js";
import { type HranaServer, startHranaServer } from "./fixtures/hrana-server.js";
import { freePort } from "./fixtures/server-process.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BOT_TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const STARTUP_MS = 90_000;
/** 09:00 in Shanghai; the Party election on 2026-03-15 puts the work plan due 2026-03-01. */
const T = new Date("2026-02-26T09:00:00+08:00").getTime();
const CHATS = Array.from({ length: 45 }, (_, i) => 7_700_001 + i);

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
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "reminders-worker-"));
  dbPath = path.join(dir, "bot.db");
  const { client, db } = await openNodeDatabase(`file:${dbPath}`);
  const townships = townshipRepository(db);
  for (const [i, chat] of CHATS.entries()) {
    await townships.touchUser(chat, `书记${i}`);
    await townships.create(
      {
        province: "四川省",
        city: "成都市",
        county: "锦江区",
        name: `第${i + 1}镇`,
        kind: "township",
        profileId: "recommended",
        partyElectionDate: "2026-03-15",
        seats: { secretary: 1, fulltimeDeputies: 1, parttimeDeputies: 1, members: 10 },
      },
      chat,
      new Date(T),
    );
  }
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
      WEBHOOK_SECRET: plain("reminders-worker-secret_0123456789"),
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
  const deadline = Date.now() + STARTUP_MS;
  for (;;) {
    try {
      const response = await fetch(`${url}/healthz`, {
        headers: { accept: "application/json" },
        signal: AbortSignal.timeout(10_000),
      });
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

/** Fires the cron trigger at `time` and waits until the sweep's writes settle (it runs in waitUntil). */
async function cron(time: number): Promise<void> {
  const response = await fetch(
    `${url}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent("* * * * *")}&time=${time}`,
  );
  expect(response.status).toBe(200);
  await response.arrayBuffer();
  const deadline = Date.now() + 30_000;
  let last = -1;
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    const busy =
      query<{ busy: number }>("SELECT count(*) AS busy FROM reminder_outbox WHERE status = 'sending'")[0]
        ?.busy ?? 0;
    const sent = botApi.sent("sendMessage").length;
    if (busy === 0 && sent === last) return;
    last = sent;
    if (Date.now() > deadline) throw new Error("the sweep did not settle");
  }
}

describe("reminders from the Worker's cron trigger", () => {
  it("sends 40 messages per invocation, the rest on the next, each chat once", async () => {
    await cron(T);
    const first = botApi.sent("sendMessage");
    expect(first).toHaveLength(40);
    expect(String(first[0]!.payload.text)).toContain("制定工作计划:还有3天到期");
    expect(query("SELECT count(*) AS n FROM reminder_outbox WHERE status = 'sent'")).toEqual([{ n: 80 }]);

    await cron(T + 60_000);
    await cron(T + 120_000);
    const chats = botApi.sent("sendMessage").map((c) => Number(c.payload.chat_id));
    expect(chats).toHaveLength(CHATS.length);
    expect(new Set(chats)).toEqual(new Set(CHATS));
    expect(query("SELECT status, count(*) AS n FROM reminder_outbox GROUP BY status")).toEqual([
      { status: "sent", n: 90 },
    ]);
  });

  it("sends nothing at night", async () => {
    const before = botApi.calls.length;
    await cron(new Date("2026-02-27T23:30:00+08:00").getTime());
    expect(botApi.calls.length).toBe(before);
  });
});
