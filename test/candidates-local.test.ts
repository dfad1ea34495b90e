/**
 * The local chat without Telegram: a spreadsheet uploaded on the page becomes a real `message.document`
 * update, the bot asks the local transport for the file (getFile) and downloads it from the same
 * server, exactly as it would from Telegram. Runs the real Node entry as a child process.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "libsql";
import writeXlsxFile from "write-excel-file/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openNodeDatabase } from "../src/db/node.js";
import { townshipRepository } from "../src/db/townships.js";
import { type LocalSession, localUserId, newBrowserKey, serverFetch, sessionWithKey } from "./fixtures/local-session.js";
import { type RunningServer, startServer } from "./fixtures/server-process.js";
import { makeId } from "./fixtures/candidates.js";

interface ChatView {
  revision: number;
  messages: { id: number; fromBot: boolean; text: string; document: { name: string; url: string } | null }[];
}


describe("the local chat page: importing candidates from an uploaded file", () => {
  let dir: string;
  let dbPath: string;
  let server: RunningServer;
  let browser: LocalSession;
  const key = newBrowserKey();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "tuanjian-local-import-"));
    dbPath = join(dir, "bot.db");
    const { client, db } = await openNodeDatabase(`file:${dbPath}`);
    const repo = townshipRepository(db);
    const me = await localUserId(db, key);
    await repo.touchUser(me, "本地用户");
    await repo.create(
      {
        province: "四川省",
        city: "攀枝花市",
        county: "东区",
        name: "南山街道",
        kind: "subdistrict",
        profileId: "nanshan",
        partyElectionDate: "2030-03-15",
        plannedElectionDate: "2030-04-05",
        seats: { secretary: 1, fulltimeDeputies: 0, parttimeDeputies: 3, members: 9 },
      },
      me,
      new Date(),
    );
    client.close();
    server = await startServer({ DATABASE_URL: `file:${dbPath}` });
    browser = sessionWithKey(serverFetch(server.url), key);
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const upload = (name: string, bytes: Uint8Array<ArrayBuffer>, type: string, after = 0) => {
    const form = new FormData();
    form.append("document", new File([new Uint8Array(bytes)], name, { type }));
    form.append("after", String(after));
    form.append("language", "zh");
    return browser.request("/local/document", { method: "POST", body: form });
  };

  it("offers a labelled file input on the page", async () => {
    const page = await (await fetch(`${server.url}/`)).text();
    expect(page).toContain('<label for="document">上传候选人表格(.xlsx 或 .csv)</label>');
    expect(page).toMatch(/<input id="document" name="document" type="file" accept="\.xlsx,\.csv/);
    const english = await (await fetch(`${server.url}/?lang=en`)).text();
    expect(english).toContain('<label for="document">Upload a candidate spreadsheet (.xlsx or .csv)</label>');
  });

  it("imports a .csv and an .xlsx uploaded on the page, through getFile and a download from this server", async () => {
    const csv = [
      "姓名,性别,身份证号或出生日期,政治面貌,编制,领域,竞选职务,专兼职,推荐方式,是否本地,手机",
      `何一,,${makeId("19990101", "111")},共青团员,编制外,农村,委员,兼职,组织推荐,是,13912345678`,
      "何二,女,2000-02-30,共青团员,编制外,农村,委员,兼职,组织推荐,是,",
    ].join("\n");
    const response = await upload("候选人.csv", new TextEncoder().encode(csv), "text/csv");
    expect(response.status).toBe(200);
    const view = (await response.json()) as ChatView;
    const mine = view.messages.find((m) => !m.fromBot);
    expect(mine?.text).toBe("📎 候选人.csv");
    expect(mine?.document?.name).toBe("候选人.csv");
    const report = view.messages.filter((m) => m.fromBot).map((m) => m.text).join("\n");
    expect(report).toContain("批量录入结果:共 2 行,录入 1 人,未录入 1 行");
    expect(report).toContain("✅ 已录入:第2行 何一");
    expect(report).toContain("❌ 第3行 何二:没有这一天,请核对出生日期。");

    const xlsx = await writeXlsxFile([
      ["姓名", "性别", "出生日期", "政治面貌", "编制", "领域", "竞选职务", "推荐方式", "是否本地"],
      ["何三", "男", "1998-08-08", "中共党员", "编制内", "学校", "兼职副书记", "个人自荐", "是"],
    ]).toBuffer();
    const second = (await (
      await upload("名单.xlsx", new Uint8Array(xlsx), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", view.revision)
    ).json()) as ChatView;
    expect(second.messages.filter((m) => m.fromBot).map((m) => m.text).join("\n")).toContain("共 1 行,录入 1 人,未录入 0 行");

    const db = new Database(dbPath, { readonly: true });
    try {
      const rows = db.prepare("SELECT name, mobile, id_number_masked FROM candidates ORDER BY rowid").all() as { name: string }[];
      expect(rows.map((r) => r.name)).toEqual(["何一", "何三"]);
    } finally {
      db.close();
    }
  });

  it("refuses an upload without a file, or too large", async () => {
    const form = new FormData();
    form.append("after", "0");
    expect((await browser.request("/local/document", { method: "POST", body: form })).status).toBe(400);
    expect((await fetch(`${server.url}/local/files/${2 ** 52 + 1}/999999/${"A".repeat(43)}`)).status).toBe(404);
  });

  it("keeps typed ID and mobile numbers masked in the page's transcript", async () => {
    const id = makeId("19970707", "222");
    const response = await browser.post("/local/messages", { text: `身份证 ${id} 手机 13812345678` });
    expect(response.status).toBe(200);
    const db = new Database(dbPath, { readonly: true });
    try {
      const texts = (db.prepare("SELECT text FROM local_messages").all() as { text: string }[]).map((r) => r.text).join("\n");
      expect(texts).toContain(`**************${id.slice(14)}`);
      expect(texts).not.toContain(id);
      expect(texts).not.toContain("13812345678");
    } finally {
      db.close();
    }
    expect(server.output()).not.toContain(id);
  });

  // Last: the server stops reading an oversized upload and drops the connection, which the client's pool then discards.
  it("refuses an upload over 2 MiB unread", async () => {
    expect((await upload("big.csv", new Uint8Array(3 * 1024 * 1024), "text/csv")).status).toBe(413);
  });
});
