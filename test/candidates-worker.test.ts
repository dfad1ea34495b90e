/**
 * The spreadsheet import in the real Worker (workerd, as `wrangler dev` runs it, no nodejs_compat):
 * a .csv and an .xlsx document are fetched with getFile from the loopback Bot API and parsed by the
 * same libraries as in Node (papaparse, read-excel-file's universal build); the ID number is hashed
 * with WebCrypto. Nothing leaves the machine.
 */
import Database from "libsql";
import writeXlsxFile from "write-excel-file/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { townshipRepository } from "../src/db/townships.js";
import type { BotApiFixture } from "./fixtures/bot-api.js";
import { startTestWorker, type TestWorker, WORKER_AFTER_ALL_MS, WORKER_BEFORE_ALL_MS } from "./fixtures/worker.js";
import { makeId } from "./fixtures/candidates.js";

const WEBHOOK_SECRET = "worker-import-secret_0123456789";
const CHAT_ID = 5_550_101;

let worker: TestWorker | undefined;
let dbPath: string;
let botApi: BotApiFixture;
let nextUpdate = 920_001;


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
  const response = await worker!.postWebhook(JSON.stringify(update), WEBHOOK_SECRET);
  expect(response.status).toBe(200);
  return botApi
    .sent("sendMessage")
    .slice(before)
    .map((c) => String(c.payload.text))
    .join("\n");
}

beforeAll(async () => {
  worker = await startTestWorker({
    prefix: "worker-import-",
    webhookSecret: WEBHOOK_SECRET,
    extraBindings: { PII_HASH_KEY: "worker-test-pii-key" },
    seed: async (db) => {
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
    },
  });
  ({ dbPath, botApi } = worker);
}, WORKER_BEFORE_ALL_MS);

afterAll(async () => {
  await worker?.stop();
}, WORKER_AFTER_ALL_MS);

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
