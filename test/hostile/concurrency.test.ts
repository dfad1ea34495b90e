/**
 * Duplicates and concurrency through the webhook route (the update ledger, the real pipeline, a libSQL
 * file): every update delivered twice changes nothing twice and sends nothing twice; two members
 * confirming conflicting changes at the same instant — the second is told and shown what is there now;
 * 50 people registering and entering a candidate at the same time.
 */
import type { Update } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { candidateRepository } from "../../src/db/candidates.js";
import { townshipRepository } from "../../src/db/townships.js";
import { httpDatabase } from "../fixtures/database.js";
import { type AnyPipeline, startPipeline } from "../fixtures/pipeline.js";
import { databaseProblems, logProblems, makeIdNumber } from "./checks.js";
import { enterCandidateThroughDialog, registerThroughDialog, type WebhookUser, webhookUser } from "./driver.js";
import type { Person } from "./updates.js";

const NOW = new Date("2024-03-20T02:00:00Z");
const SECRET = "hostile-webhook-secret";
/** Fifty different names (names have no digits). */
const nameOf = (i: number) => `候选${String.fromCodePoint(0x5b50 + i)}`;
const person = (id: number, first_name = `用户${id}`, language_code = "zh-hans"): Person => ({ id, first_name, language_code });

/** Everything in the database, as text: two equal snapshots mean nothing changed. */
async function snapshot(p: AnyPipeline): Promise<string> {
  const tables = (await p.database.client.execute("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")).rows;
  const parts: string[] = [];
  for (const { name } of tables) parts.push(JSON.stringify((await p.database.client.execute(`select * from "${String(name)}" order by rowid`)).rows));
  return parts.join("\n");
}

describe("duplicates and concurrency", () => {
  let p: AnyPipeline;
  beforeEach(async () => {
    p = await startPipeline({ now: () => NOW, webhookSecret: SECRET, rateLimit: { limit: 1000, windowMs: 1000 }, env: { PII_HASH_KEY: "k" } });
  });
  afterEach(() => p.close());

  it("a whole working session delivered twice, update by update: the second delivery changes and sends nothing", async () => {
    const secretary = webhookUser(p, person(8801));
    const deputy = webhookUser(p, person(8802, "Li", "en"));
    /** Delivers the update, then again: 200 both times, and the second leaves no trace. */
    const twice = async (user: WebhookUser, update: Update) => {
      expect(await user.deliver(update)).toBe(200);
      const [calls, before] = [p.api.calls.length, await snapshot(p)];
      expect(await user.deliver(update)).toBe(200);
      expect(p.api.calls.length, JSON.stringify(update)).toBe(calls);
      expect(await snapshot(p)).toBe(before);
    };
    const say = (user: WebhookUser, text: string) => twice(user, user.typing(text));
    const click = (user: WebhookUser, label: string) => twice(user, user.pressing(label));

    await say(secretary, "/start");
    await click(secretary, "登记");
    for (const answer of ["四川省", "攀枝花市", "东区", "南山镇"]) await say(secretary, answer);
    await click(secretary, "乡镇");
    await click(secretary, "四川");
    await say(secretary, "2024-03-15");
    await say(secretary, "2024-04-05");
    for (let i = 0; i < 4; i++) await click(secretary, "默认值");
    await click(secretary, "确认保存");
    await say(secretary, "/invite");
    const token = /join_([\w-]+)/.exec(secretary.last())![1]!;
    await say(deputy, `/start join_${token}`);
    await say(secretary, "/newcandidate");
    await say(secretary, "周五");
    await click(secretary, "委员");
    await click(secretary, "兼职");
    await say(secretary, makeIdNumber("19970707", "224"));
    for (const label of ["共青团员", "编制外", "农村", "组织推荐", "是"]) await click(secretary, label);
    await say(secretary, "13912345678");
    await click(secretary, "本科");
    await click(secretary, "跳过");
    await click(secretary, "确认保存");
    await say(deputy, "/import 吴六,女,1996-06-06,共青团员,编制外,农村,委员,兼职,组织推荐,,是");
    await say(deputy, "/next");
    await click(deputy, "Record what was done");
    await say(deputy, "2024-03-16");
    await click(deputy, "Skip (leave empty)"); // the note
    await click(deputy, "Skip (leave empty)"); // the committee before: not given
    await say(deputy, "/language");
    await click(deputy, "中文");
    await say(secretary, "/mydata");

    const townships = await townshipRepository(p.database.db).listFor(8801);
    expect(townships.map((t) => t.name)).toEqual(["南山镇"]);
    expect((await candidateRepository(p.database.db).list(townships[0]!.id)).map((c) => c.name)).toEqual(["周五", "吴六"]);
    expect(secretary.texts().filter((t) => t.includes("已保存“南山镇”的工作计划"))).toHaveLength(1);
    expect(secretary.texts().filter((t) => t.includes("已保存候选人 周五"))).toHaveLength(1);
    expect(deputy.texts().filter((t) => t.includes("is recorded"))).toHaveLength(1);
    expect(await databaseProblems(p.database.client)).toEqual([]);
    expect(logProblems(p.logLines)).toEqual([]);
  });

  it("a delivery arriving while the first is being handled is sent back (503) and handled once when it returns", async () => {
    const user = webhookUser(p, person(8811));
    const update = user.typing("/start");
    const statuses = (await Promise.all([user.deliver(update), user.deliver(update)])).sort();
    expect(statuses).toEqual([200, 503]);
    expect(await user.deliver(update)).toBe(200);
    expect(user.texts()).toHaveLength(1);
    expect(await databaseProblems(p.database.client)).toEqual([]);
  });

  /** A township with a secretary and a deputy, registered through the bot. */
  async function twoMembers(): Promise<{ a: WebhookUser; b: WebhookUser; township: string }> {
    const a = webhookUser(p, person(8821, "张书记"));
    const b = webhookUser(p, person(8822, "李副书记"));
    await a.say("/start");
    await registerThroughDialog(a, "北山镇");
    await a.say("/invite");
    await b.say(`/start join_${/join_([\w-]+)/.exec(a.last())![1]}`);
    const [township] = await townshipRepository(p.database.db).listFor(a.person.id);
    return { a, b, township: township!.id };
  }

  it("two members changing the election date at the same instant: one change kept, the other told and shown it", async () => {
    const { a, b, township } = await twoMembers();
    for (const user of [a, b]) {
      await user.say("/plan");
      await user.click("改团委选举日期");
    }
    await Promise.all([a.deliver(a.typing("2024-03-22")), b.deliver(b.typing("2024-03-25"))]);
    const kept = (await townshipRepository(p.database.db).getFor(a.person.id, township))!.plannedElectionDate;
    const [winner, loser] = kept === "2024-03-22" ? [a, b] : [b, a];
    expect(winner.texts().join("\n")).toContain("已保存修改");
    expect(loser.texts().join("\n")).toContain("另一位成员刚刚修改了工作计划");
    expect(loser.last()).toContain(`团委选举:2024年3月${kept!.slice(8)}日`);
    expect([...a.statuses, ...b.statuses].every((s) => s === 200)).toBe(true);
  });

  it("two members editing the same candidate, recording the same step, scoring for the same judge at the same instant", async () => {
    const { a, b, township } = await twoMembers();
    await a.say("/import 郑七,女,1996-06-06,共青团员,编制外,农村,委员,兼职,组织推荐,,是");

    // The same field of the same candidate.
    for (const user of [a, b]) {
      await user.say("/candidates");
      await user.click("郑七");
      await user.click("修改");
      await user.click("工作单位");
    }
    await Promise.all([a.deliver(a.typing("甲村委会")), b.deliver(b.typing("乙村委会"))]);
    const [candidate] = await candidateRepository(p.database.db).list(township);
    const loser = candidate!.workplace === "甲村委会" ? b : a;
    expect(loser.last()).toContain("另一位成员刚刚修改了 郑七 的信息,您的修改没有保存");
    expect(loser.last()).toContain(candidate!.workplace!);

    // The same checklist step.
    for (const [user, date] of [
      [a, "2024-03-16"],
      [b, "2024-03-17"],
    ] as const) {
      await user.say("/next");
      await user.click("记录完成情况");
      await user.say(date);
      await user.click("跳过"); // the note
    }
    // The last answer (the committee before: not given) confirms the record.
    await Promise.all([a.deliver(a.pressing("跳过")), b.deliver(b.pressing("跳过"))]);
    const audit = await p.database.client.execute({ sql: "select detail from audit_log where action = 'step.record' and township_id = ?", args: [township] });
    expect(audit.rows).toHaveLength(1);
    const recorded = String(audit.rows[0]!.detail).includes("2024-03-16") ? "3月16日" : "3月17日";
    const stepLoser = recorded === "3月16日" ? b : a;
    expect(stepLoser.texts().join("\n")).toContain("另一位成员刚刚记录了这一步");
    expect(stepLoser.last()).toContain(recorded);

    // The same judge's score sheet.
    for (const user of [a, b]) {
      await user.say("/scores");
      await user.click("录入一位评委的打分");
      await user.say("王评委");
    }
    await Promise.all([a.deliver(a.typing("90")), b.deliver(b.typing("80"))]);
    const scores = await candidateRepository(p.database.db).scores(township);
    expect(scores).toHaveLength(1);
    const scoreLoser = scores[0]!.hundredths === 9000 ? b : a;
    expect(scoreLoser.last()).toContain("另一位成员刚刚录入了评委 王评委 的打分");
    expect(scoreLoser.last()).toContain(`郑七 ${scores[0]!.hundredths / 100}`);
    expect(await databaseProblems(p.database.client)).toEqual([]);
  });

  it("two members entering the same person at the same instant: one candidate, the other told (database over HTTP)", async () => {
    // Over HTTP (libSQL's protocol, as the Worker reaches Turso) every statement is real I/O, so the two
    // confirmations interleave between the duplicate check and the insert, as they do across isolates.
    await p.close();
    p = await startPipeline({ now: () => NOW, webhookSecret: SECRET, rateLimit: { limit: 1000, windowMs: 1000 }, database: await httpDatabase() });
    const { a, b, township } = await twoMembers();
    const id = makeIdNumber("19980808", "246");
    for (const [user, identity] of [
      [a, id],
      [b, id],
    ] as const) {
      await user.say("/newcandidate");
      await user.say("冯八");
      await user.click("委员");
      await user.click("兼职");
      await user.say(identity);
      for (const label of ["共青团员", "编制外", "农村", "组织推荐", "是", "跳过", "本科", "跳过"]) await user.click(label);
    }
    const before = [a.texts().length, b.texts().length];
    await Promise.all([a.deliver(a.pressing("确认保存")), b.deliver(b.pressing("确认保存"))]);
    expect((await candidateRepository(p.database.db).list(township)).map((c) => c.name)).toEqual(["冯八"]);
    const told = [a, b].map((u, i) => u.texts().slice(before[i]).join("\n"));
    expect(told.filter((t) => t.includes("已保存候选人 冯八"))).toHaveLength(1);
    expect(told.filter((t) => t.includes("不能重复录入"))).toHaveLength(1);

    // By name and birth date (no ID number), also at the same instant.
    for (const user of [a, b]) {
      await user.say("/newcandidate");
      await user.say("陈九");
      await user.click("委员");
      await user.click("兼职");
      await user.say("1999-09-09");
      for (const label of ["男", "共青团员", "编制外", "农村", "组织推荐", "是", "跳过", "本科", "跳过"]) await user.click(label);
    }
    await Promise.all([a.deliver(a.pressing("确认保存")), b.deliver(b.pressing("确认保存"))]);
    expect((await candidateRepository(p.database.db).list(township)).filter((c) => c.name === "陈九")).toHaveLength(1);
    expect(await databaseProblems(p.database.client)).toEqual([]);
  });

  it("50 people registering a township and entering a candidate at the same time", async () => {
    const users = Array.from({ length: 50 }, (_, i) => webhookUser(p, person(8900 + i)));
    await Promise.all(
      users.map(async (user, i) => {
        await user.say("/start");
        expect(await registerThroughDialog(user, `第${i + 1}镇`)).toContain("已保存");
        expect(await enterCandidateThroughDialog(user, nameOf(i), makeIdNumber("19960101", String(100 + i)))).toContain("已保存候选人");
      }),
    );
    const counts = await p.database.client.execute(
      "select (select count(*) from townships), (select count(*) from memberships), (select count(*) from candidates), (select count(*) from audit_log)",
    );
    expect(Object.values(counts.rows[0]!).map(Number)).toEqual([50, 50, 50, 100]);
    for (const [i, user] of users.entries()) {
      const [township] = await townshipRepository(p.database.db).listFor(user.person.id);
      expect(township!.name).toBe(`第${i + 1}镇`);
      const [candidate] = await candidateRepository(p.database.db).list(township!.id);
      expect(candidate).toMatchObject({ name: nameOf(i), mobile: "13912345678", createdBy: user.person.id });
    }
    expect(users.flatMap((u) => u.statuses).every((s) => s === 200)).toBe(true);
    expect(await databaseProblems(p.database.client)).toEqual([]);
    expect(logProblems(p.logLines)).toEqual([]);
  });
});
