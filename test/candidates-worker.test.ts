/**
 * The spreadsheet import in the real Worker (workerd, as `wrangler dev` runs it, no nodejs_compat):
 * a .csv and an .xlsx document are fetched with getFile from the loopback Bot API and parsed by the
 * same libraries as in Node (papaparse, read-excel-file's universal build); the ID number is hashed
 * with WebCrypto. Nothing leaves the machine.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "libsql";
import writeXlsxFile from "write-excel-file/node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { unstable_startWorker } from "wrangler";
import { openNodeDatabase } from "../src/db/node.js";
import { townshipRepository } from "../src/db/townships.js";
import { idNumberCheckCharacter } from "../src/domain/id-number.js";
import { type BotApiFixture, startBotApi, TEST_BOT_INFO } from "./fixtures/bot-api.js";
import { type HranaServer, startHranaServer } from "./fixtures/hrana-server.js";
import { freePort } from "./fixtures/server-process.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BOT_TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const WEBHOOK_SECRET = "worker-import-secret_0123456789";
const STARTUP_MS = 90_000;
const CHAT_ID = 5_550_101;

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
let nextUpdate = 920_001;

const makeId = (birth: string, sequence: string) => {
  const first17 = `510104${birth}${sequence}`;
  return first17 + idNumberCheckCharacter(first17);
};

async function sendDocument(name: string, bytes: Uint8Array): Promise<string> {
  const fileId = `w-${name}`;
  botApi.addFile(fileId, `documents/${name}`, bytes);
  const before = botApi.sent("sendMessage").length;
  const update = {
    update_id: nextUpdate++,
    message: {
      message_id: nextUpdate,
      date: Math.floor(Date.now() / 1000),
      chat: { id: CHAT_ID, type: "private", first_name: "小王" },
      from: { id: CHAT_ID, is_bot: false, first_name: "小王", language_code: "zh-hans" },
      document: { file_id: fileId, file_unique_id: `u-${fileId}`, file_name: name, file_size: bytes.length },
    },
  };
  const response = await fetch(`${url}/telegram/webhook`, {
    method: "POST",
    headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET },
    body: JSON.stringify(update),
  });
  expect(response.status).toBe(200);
  return botApi
    .sent("sendMessage")
    .slice(before)
    .map((c) => String(c.payload.text))
    .join("\n");
}

beforeAll(async () => {
  for (const [name, value] of Object.entries(OFFLINE_ENV)) vi.stubEnv(name, value);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "worker-import-"));
  dbPath = path.join(dir, "bot.db");
  const { client, db } = await openNodeDatabase(`file:${dbPath}`);
  const repo = townshipRepository(db);
  await repo.touchUser(CHAT_ID, "小王");
  await repo.create(
    {
      province: "海南省",
      city: "三亚市",
      county: "吉阳区",
      name: "吉阳镇",
      kind: "township",
      profileId: "jiyang",
      partyElectionDate: "2030-03-15",
      plannedElectionDate: "2030-04-05",
      seats: { secretary: 1, fulltimeDeputies: 1, parttimeDeputies: 1, members: 8 },
    },
    CHAT_ID,
    new Date(),
  );
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

describe("candidate import in the Worker (workerd)", () => {
  it("reads a .csv and an .xlsx document, catches the same ID number twice, masks what it sends", async () => {
    const id = makeId("19990101", "111");
    const csv = [
      "姓名,性别,身份证号,出生日期,政治面貌,编制,领域,竞选职务,专兼职,推荐方式,是否本地,手机",
      `冯一,,${id},,共青团员,编制外,农村,委员,兼职,组织推荐,是,13912345678`,
      "冯二,女,,2000-02-30,共青团员,编制外,农村,委员,兼职,组织推荐,是,",
    ].join("\r\n");
    const csvReport = await sendDocument("候选人.csv", new TextEncoder().encode(csv));
    expect(csvReport).toContain("批量录入结果:共 2 行,录入 1 人,未录入 1 行");
    expect(csvReport).toContain("❌ 第3行 冯二:没有这一天,请核对出生日期。");

    const xlsx = await writeXlsxFile([
      ["姓名", "身份证号", "政治面貌", "编制", "领域", "竞选职务", "推荐方式", "是否本地"],
      ["冯三", makeId("19980808", "222"), "中共党员", "编制内", "学校", "兼职副书记", "个人自荐", "是"],
      ["冯一", id, "共青团员", "编制外", "农村", "兼职副书记", "个人自荐", "是"],
    ]).toBuffer();
    const xlsxReport = await sendDocument("名单.xlsx", new Uint8Array(xlsx));
    expect(xlsxReport).toContain("共 2 行,录入 1 人,未录入 1 行");
    expect(xlsxReport).toContain("❌ 第3行 冯一:已经录入过(候选人“冯一”");

    const db = new Database(dbPath, { readonly: true });
    try {
      const rows = db.prepare("SELECT name, id_number_hash AS hash FROM candidates ORDER BY rowid").all() as { name: string; hash: string }[];
      expect(rows.map((r) => r.name)).toEqual(["冯一", "冯三"]);
      expect(rows[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      db.close();
    }
    const sent = JSON.stringify(botApi.calls);
    expect(sent).not.toContain(id);
    expect(sent).not.toContain("13912345678");
  });
});
