/**
 * Personal data: /mydata shows a user what is stored about them, /deleteme erases it after a
 * confirmation — what they recorded stays with the township, attributed to a deleted user; reminders
 * to them stop. And an ID number, wherever it is typed, is stored only as the birth date, a masked form
 * and a keyed hash.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { parseConfig } from "../../src/config/env.js";
import { supervisionRepository } from "../../src/db/supervision.js";
import { createLogger } from "../../src/logging.js";
import { runReminderSweep } from "../../src/reminders/sweep.js";
import { composeAssistant } from "../../src/runtime/compose.js";
import { tempDatabase } from "../fixtures/database.js";
import { openLocalSession } from "../fixtures/local-session.js";
import { type Pipeline, startPipeline } from "../fixtures/pipeline.js";
import { databaseProblems, logProblems, makeIdNumber, personalDataIn } from "./checks.js";
import { registerThroughDialog, type WebhookUser, webhookUser } from "./driver.js";
import type { Person } from "./updates.js";

const NOW = new Date("2024-03-20T02:00:00Z");
const SECRET = "privacy-webhook-secret";
const ID = makeIdNumber("19950307", "231");
const MASKED = `**************${ID.slice(14)}`;
const secretary: Person = { id: 7701, first_name: "张书记", language_code: "zh-hans" };
const deputy: Person = { id: 7702, first_name: "李副书记", language_code: "zh-hans" };

/** Every row of every table that still names the user (by id in a user column, or by first name). */
async function rowsAbout(p: Pipeline, who: Person): Promise<string[]> {
  const found: string[] = [];
  const tables = (await p.database.client.execute("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")).rows;
  for (const { name } of tables) {
    for (const row of (await p.database.client.execute(`select * from "${String(name)}"`)).rows) {
      for (const [column, value] of Object.entries(row)) {
        const userColumn = /(^|_)(user_id|id|chat_id|created_by|recorded_by|key)$/.test(column) && name !== "processed_updates";
        if ((userColumn && String(value) === String(who.id)) || (typeof value === "string" && value.includes(who.first_name)))
          found.push(`${String(name)}.${column}`);
        if (typeof value === "string" && value.includes(`"invitedBy":${who.id}`)) found.push(`${String(name)}.${column} (invitedBy)`);
      }
    }
  }
  return found;
}

describe("what is stored about a user, and erasing it", () => {
  let p: Pipeline;
  let a: WebhookUser;
  let b: WebhookUser;
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
    p = await startPipeline({ now: () => new Date(), webhookSecret: SECRET, rateLimit: { limit: 1000, windowMs: 1000 }, env: { PII_HASH_KEY: "k" } });
    a = webhookUser(p, secretary);
    b = webhookUser(p, deputy);
    await a.say("/start");
    await registerThroughDialog(a, "南湖镇");
    await a.say("/invite");
    await b.say(`/start join_${/join_([\w-]+)/.exec(a.last())![1]}`);
    // The secretary records a step, enters a candidate with an ID number and a mobile, scores; mutes reminders.
    await a.say("/next");
    await a.click("记录完成情况");
    await a.say("2024-03-16");
    await a.click("跳过"); // the note
    await a.click("跳过"); // the committee before: not given
    await a.say(`/import 周五,男,${ID},共青团员,编制外,农村,委员,兼职,组织推荐,,是,13812345678`);
    await a.say("/scores");
    await a.click("录入一位评委的打分");
    await a.say("王评委");
    await a.say("88");
    await a.say("/newcandidate");
    await a.say("半途");
  });
  afterEach(async () => {
    vi.useRealTimers();
    await p.close();
  });

  it("/mydata lists the account, memberships, records, candidates (masked) and settings", async () => {
    const shown = await a.say("/mydata");
    for (const part of ["张书记", "南湖镇(书记", "其他成员 1 人", "正在填写:录入候选人", "制定工作计划", "周五(委员", MASKED, "138****5678", "评委 王评委:1 项", "操作记录", "期限提醒:开启", "/deleteme"])
      expect(shown).toContain(part);
    expect(personalDataIn(shown)).toBeUndefined();
    expect(await b.say("/mydata")).toContain("南湖镇(副书记");
  });

  it("/deleteme erases nothing until confirmed, and nothing with a stale or forged button", async () => {
    const before = await rowsAbout(p, secretary);
    expect(await a.say("/deleteme")).toContain("这一操作不能撤销");
    expect(await a.click("取消")).toContain("什么也没有删除");
    await a.say("/deleteme");
    const confirm = a.pressing("确认删除");
    (confirm.callback_query as { data: string }).data = "priv:erase:forged-token";
    await a.deliver(confirm);
    await a.say("/deleteme");
    const late = a.pressing("确认删除");
    vi.setSystemTime(NOW.getTime() + 11 * 60_000);
    await a.deliver(late);
    expect(await rowsAbout(p, secretary)).toEqual(before);
    expect(a.statuses.every((s) => s === 200)).toBe(true);
  });

  it("/deleteme erases the user; what they recorded stays with the township, attributed to a deleted user; reminders to them stop", async () => {
    await runReminderSweep({ db: p.database.db, api: p.bot.api }, { now: new Date("2024-03-20T02:00:00Z") });
    const remindedBefore = [secretary.id, deputy.id].map((id) => p.textsTo(id).filter((t) => t.includes("团建提醒")).length);
    expect(remindedBefore).toEqual([1, 1]);

    await a.say("/deleteme");
    expect(await a.click("确认删除")).toContain("您的数据已删除");
    expect(await rowsAbout(p, secretary)).toEqual([]);

    // The township, its checklist record and candidates stay for the deputy, who sees a deleted user.
    const progress = await b.say("/progress");
    expect(progress).toContain("已注销的用户记录于");
    expect(await b.say("/candidates")).toContain("周五");
    const counts = await p.database.client.execute(
      "select (select count(*) from townships), (select count(*) from candidates where created_by is null), (select count(*) from speech_scores where recorded_by = 0), (select count(*) from audit_log where user_id = 0)",
    );
    const [townships, candidates, scores, audit] = Object.values(counts.rows[0]!).map(Number);
    expect([townships, candidates, scores]).toEqual([1, 1, 1]);
    expect(audit).toBeGreaterThan(3);

    // A week on, the weekly overdue reminder goes to the deputy only.
    await runReminderSweep({ db: p.database.db, api: p.bot.api }, { now: new Date("2024-03-27T02:00:00Z") });
    const remindedAfter = [secretary.id, deputy.id].map((id) => p.textsTo(id).filter((t) => t.includes("团建提醒")).length);
    expect(remindedAfter).toEqual([1, 2]);

    // Talking to the bot again starts afresh.
    expect(await a.say("/start")).toContain("张书记您好");
    expect(await a.say("/mydata")).toContain("所在乡镇(街道):没有");
    expect(await databaseProblems(p.database.client)).toEqual([]);
    expect(logProblems(p.logLines)).toEqual([]);
  });

  it("/deleteme takes the user out of the supervising units they belong to; the units stay for the rest", async () => {
    const units = supervisionRepository(p.database.db);
    const county = await units.register(secretary.id, { level: "county", name: "东湖区团委" }, NOW);
    if (!county.ok) throw new Error("not registered");
    const colleagueLink = await units.createInvite(secretary.id, county.id, "member", NOW);
    expect(await units.joinAsColleague(deputy.id, colleagueLink!, NOW)).toBeDefined();
    const mydata = await a.say("/mydata");
    expect(mydata).toContain("所在上级团委");
    expect(mydata).toContain("东湖区团委");

    await a.say("/deleteme");
    expect(await a.click("确认删除")).toContain("您的数据已删除");
    expect(await rowsAbout(p, secretary)).toEqual([]);
    expect((await units.unitsOf(deputy.id)).map((u) => u.name)).toEqual(["东湖区团委"]);
  });

  it("a township nobody else belongs to goes with its last member, after a warning", async () => {
    await b.say("/deleteme");
    await b.click("确认删除");
    expect(await a.say("/deleteme")).toContain("以下乡镇(街道)只有您一名成员,将连同其工作计划、清单、候选人和评分一起删除:南湖镇");
    await a.click("确认删除");
    const left = await p.database.client.execute(
      "select (select count(*) from townships) + (select count(*) from candidates) + (select count(*) from step_records) + (select count(*) from speech_scores) + (select count(*) from audit_log) + (select count(*) from invites) + (select count(*) from memberships) + (select count(*) from sessions) + (select count(*) from users)",
    );
    expect(Number(left.rows[0]![0])).toBe(0);
  });
});

describe("ID numbers, wherever they are typed", () => {
  it("are stored only as the birth date, a masked form and a keyed hash — sessions, drafts, plans, the local transcript", async () => {
    const database = await tempDatabase();
    const config = parseConfig({ DATABASE_URL: database.url, PII_HASH_KEY: "k" });
    const lines: string[] = [];
    const { app } = composeAssistant({ config, client: database.client, logger: createLogger("debug", (l) => lines.push(l)), now: () => NOW });
    const browser = await openLocalSession(app);
    const say = async (text: string) => browser.post("/local/messages", { text });
    // A township named with an ID number, a note with a mobile; a candidate's ID as answer, then /cancel (a draft).
    for (const text of ["/register", "四川省", "攀枝花市", "东区", ID, "/cancel", "/register"]) expect((await say(text)).status).toBe(200);
    for (const text of [ID, "/cancel", `身份证 ${ID} 手机 13812345678 是多少岁`]) expect((await say(text)).status).toBe(200);
    const form = new FormData();
    form.append("document", new Blob([`姓名,性别,身份证号,政治面貌,编制,领域,竞选职务,推荐方式,是否本地\n周五,男,${ID},共青团员,编制外,农村,委员,组织推荐,是\n`]), `${ID}.csv`);
    expect((await browser.request("/local/document", { method: "POST", body: form })).status).toBe(200);

    const everything = await database.client.execute(
      "select group_concat(value, ' ') from (select value from sessions union all select text from local_messages union all select coalesce(document_name, '') from local_messages union all select coalesce(cast(document_data as text), '') from local_messages union all select name from townships union all select detail from audit_log)",
    );
    const text = String(everything.rows[0]![0] ?? "");
    expect(text).toContain(MASKED);
    expect(text).not.toContain(ID);
    expect(await databaseProblems(database.client)).toEqual([]);
    expect(lines.join("\n")).not.toContain(ID);
    database.cleanup();
  });
});
