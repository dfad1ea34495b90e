import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBot } from "../src/bot/create-bot.js";
import { parseConfig } from "../src/config/env.js";
import { candidateRepository } from "../src/db/candidates.js";
import { stepRepository } from "../src/db/steps.js";
import { townshipRepository } from "../src/db/townships.js";
import type { CandidateDraft } from "../src/domain/candidate-fields.js";
import type { Post } from "../src/domain/rules/types.js";
import { appFeatures } from "../src/handlers/index.js";
import { createPolicyDesk } from "../src/knowledge/ask.js";
import { createLogger } from "../src/logging.js";
import { TEST_BOT_INFO } from "./fixtures/bot-api.js";
import { chatAs } from "./fixtures/chat.js";
import { type Pipeline, startPipeline } from "./fixtures/pipeline.js";
import { registerJiyangTownship } from "./fixtures/plans.js";

const secretary = { id: 9201, first_name: "张书记", language_code: "zh-hans" };
const deputy = { id: 9202, first_name: "李副书记", language_code: "zh-hans" };
const outsider = { id: 9203, first_name: "王", language_code: "zh-hans" };
// The clock of the test: 2024-02-10 10:00 in Shanghai (the first step is due 2024-02-16).
const NOW = new Date("2024-02-10T02:00:00Z");
// Later, once the steps recorded have happened (a step is recorded on or after the day it was done).
const LATER = new Date("2024-04-05T02:00:00Z");
let clock = NOW;

async function registerTownship(p: Pipeline): Promise<string> {
  return registerJiyangTownship(p.database.db, secretary, NOW, { name: "吉阳镇" });
}

/** Enough candidates for jiyang's rules: 9 seats, leaders ≤ 1/3, all three nomination channels. */
async function addPassingSlate(p: Pipeline, townshipId: string): Promise<void> {
  const posts: [Post, number][] = [
    ["secretary", 2],
    ["fulltime-deputy", 2],
    ["parttime-deputy", 2],
    ["member", 8],
  ];
  const channels = ["organisation", "joint-signature", "self"] as const;
  let n = 0;
  const entries = posts.flatMap(([post, count]) =>
    Array.from({ length: count }, () => {
      const i = n++;
      const draft: CandidateDraft = {
        name: `候选人${"甲乙丙丁戊己庚辛壬癸子丑寅卯"[i]}`,
        gender: i % 2 ? "female" : "male",
        birthDate: "1995-05-05",
        politicalStatus: i < 4 ? "party-member" : "league-member",
        establishment: i % 2 ? "outside" : "inside",
        sector: "rural",
        post,
        commitment: post === "fulltime-deputy" || post === "secretary" ? "fulltime" : "parttime",
        channel: channels[i % 3]!,
        ...(channels[i % 3] === "joint-signature" ? { signatures: 12 } : {}),
        localTie: true,
      };
      return { draft, idNumberHash: undefined, status: "eligible" as const };
    }),
  );
  await candidateRepository(p.database.db).addMany(townshipId, secretary.id, entries, NOW);
}

describe("the checklist, step by step", () => {
  let p: Pipeline;
  beforeEach(async () => {
    // A scripted user answers far faster than a person: the per-user rate limit is raised for it.
    clock = NOW;
    p = await startPipeline({ now: () => clock, rateLimit: { limit: 1000, windowMs: 10_000 } });
  });
  afterEach(async () => {
    await p.close();
  });

  it("shows an English step card in English, its fields listed with commas", async () => {
    await registerTownship(p);
    const chat = chatAs(p, secretary);
    await chat.say("/language");
    await chat.click("English");
    const card = await chat.say("/next");
    expect(card).toMatch(/When done, record: [A-Za-z][^、\n]*, [A-Za-z]/);
    const fields = card.split("\n").find((line) => line.startsWith("When done, record:"))!;
    expect(fields).not.toContain("、");
    expect(card).toContain("within 1 month after the Party committee's election");
    expect(card).toContain("Draw up the work plan [Preparation]");
    expect(card).not.toContain("Rules it rests on");
  });

  it("runs from the first step to the summary report, refusing what the rules forbid", async () => {
    const id = await registerTownship(p);
    const chat = chatAs(p, secretary);
    const progress = await chat.say("/progress");
    expect(progress).toContain("已完成 0/13");
    expect(progress).toContain("▶️ 1. 制定工作计划");

    const card = await chat.say("/next");
    expect(card).toContain("第1/13步 · 制定工作计划 【准备阶段】");
    expect(card).toContain("1个月内");
    expect(card).toContain("依据:《吉阳镇团组织格局创新工作实施方案》");
    clock = LATER;
    await chat.click("记录完成情况");
    await chat.say("2024-02-14");
    // The note, then the committee before the restructuring: both skipped.
    expect(await chat.click("跳过(不填)")).toContain("格局创新前,本乡镇(街道)团委有几名委员");
    expect(await chat.click("跳过(不填)")).toContain("已记录“制定工作计划”");

    await chat.click("下一步");
    await chat.click("记录完成情况");
    await chat.say("2024-02-16");
    await chat.say("陈镇长");
    await chat.click("跳过(不填)");

    // Publicity: jiyang requires at least 15 days, both ends counted.
    await chat.click("下一步");
    await chat.click("记录完成情况");
    await chat.say("2024-02-17");
    const refused = await chat.say("2024-03-01");
    expect(refused).toContain("宣传发动只有14天");
    expect(refused).toContain("不少于15天");
    expect(refused).toContain(
      "依据:《吉阳镇团组织格局创新工作实施方案》(3)宣传发动:「宣传发动时间应不少于15天」",
    );
    await chat.say("2024-02-17");
    await chat.say("2024-03-02");
    expect(await chat.click("跳过(不填)")).toContain("已记录“宣传发动”");

    await chat.click("下一步");
    await chat.click("记录完成情况");
    for (const answer of ["2024-03-05", "3", "2", "1", "12"]) await chat.say(answer);
    await chat.click("下一步");
    await chat.click("记录完成情况");
    for (const answer of ["2024-03-06", "14", "0"]) await chat.say(answer);

    // The formal list stays closed while the slate fails: one candidate per post is no competition.
    await candidateRepository(p.database.db).addMany(
      id,
      secretary.id,
      (["secretary", "fulltime-deputy", "parttime-deputy", "member"] as Post[]).map((post, i) => ({
        draft: {
          name: `独${"一二三四"[i]}`,
          gender: "female",
          birthDate: "1996-06-06",
          politicalStatus: "league-member",
          establishment: "outside",
          sector: "rural",
          post,
          commitment: post === "fulltime-deputy" || post === "secretary" ? "fulltime" : "parttime",
          channel: "self",
          localTie: true,
        } satisfies CandidateDraft,
        idNumberHash: undefined,
        status: "eligible" as const,
      })),
      NOW,
    );
    // Under 南山's rules the same slate fails rules with sources: Party members, the surplus, the channels.
    await p.database.client.execute({
      sql: "update townships set profile_id = 'nanshan' where id = ?",
      args: [id],
    });
    await chat.click("下一步");
    await chat.click("记录完成情况");
    const closed = await chat.say("2024-03-08");
    expect(closed).toContain("候选人名单尚未通过检查");
    expect(closed).toContain("❌");
    // Every footnote marker has its footnote, and no quote is given twice.
    for (const [, n] of closed.matchAll(/(?<!^)\[(\d+)\]/gm))
      expect(closed).toMatch(new RegExp(`^\\[${n}\\] `, "m"));
    const quotes = [...closed.matchAll(/「[^」]+」/g)].map((m) => m[0]);
    expect(new Set(quotes).size).toBe(quotes.length);
    await p.database.client.execute({
      sql: "update townships set profile_id = 'jiyang' where id = ?",
      args: [id],
    });
    await addPassingSlate(p, id);
    await chat.say("/next");
    // The date answered before is kept; the formal candidates are ticked (jiyang: at least the seats).
    expect(await chat.click("记录完成情况")).toContain("请勾选正式候选人");
    await chat.click("全选");
    expect(await chat.click("确认")).toContain("已记录“确定正式候选人”");

    await chat.click("下一步");
    await chat.click("记录完成情况");
    await chat.say("2024-03-20");
    expect(await chat.say("-")).toContain("请勾选当选人员");
    for (const name of ["甲", "丙", "戊", "庚", "辛", "壬", "癸", "子", "丑"])
      await chat.click(`候选人${name}`);
    expect(await chat.click("确认")).toContain("已记录“竞职演讲与选举”");
    await chat.click("下一步");
    await chat.click("记录完成情况");
    await chat.say("2024-03-22");
    await chat.say("-");
    // Pre-appointment notice: one week at least (the recommended rule; jiyang is silent).
    await chat.click("下一步");
    await chat.click("记录完成情况");
    await chat.say("2024-03-23");
    expect(await chat.say("2024-03-28")).toContain("不少于7天");
    await chat.say("2024-03-23");
    await chat.say("2024-03-29");
    await chat.say("-");
    // Appointment: not on the notice's last day.
    await chat.click("下一步");
    await chat.click("记录完成情况");
    expect(await chat.say("2024-03-29")).toContain("须在公示结束后才能任命");
    await chat.say("2024-03-30");
    expect(await chat.say("-")).toContain("请勾选正式任命的人员");
    await chat.click("全选");
    expect(await chat.click("确认")).toContain("已记录“报批与正式任命”");
    const appointed = await p.database.client.execute(
      "select count(*) as n from candidates where status = 'appointed'",
    );
    expect(Number(appointed.rows[0]!.n)).toBe(9);

    for (const answers of [
      ["2024-03-31", "-", "-"],
      ["2024-03-31", "2024-04-01", "-"],
      ["2024-04-01", "-"],
    ]) {
      await chat.say("/next");
      await chat.click("记录完成情况");
      for (const a of answers) await chat.say(a);
    }
    expect(await chat.say("/progress")).toContain("已完成 13/13");
    expect(await chat.say("/next")).toContain("都已完成");
    const audit = await p.database.client.execute(
      "select count(*) as n from audit_log where action = 'step.record'",
    );
    expect(Number(audit.rows[0]!.n)).toBe(13);
  });

  it("resumes a half-filled step after a restart, on the same township", async () => {
    await registerTownship(p);
    clock = LATER;
    const chat = chatAs(p, secretary);
    await chat.say("/next");
    await chat.click("记录完成情况");
    await chat.say("2024-02-14");
    // A new process over the same database file.
    const restarted = createBot(
      { config: parseConfig({ PII_HASH_KEY: "test-pii-hash-key", BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ" }), db: p.database.db, logger: createLogger("silent"), now: () => clock, ask: createPolicyDesk(undefined) },
      { features: appFeatures(), token: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ", botInfo: TEST_BOT_INFO, apiRoot: p.api.url, apiRetries: 0 },
    );
    const { textUpdate } = await import("./fixtures/updates.js");
    await restarted.handleUpdate(textUpdate(secretary, "/next"));
    expect(chat.last()).toContain("备注");
    await restarted.handleUpdate(textUpdate(secretary, "-"));
    await restarted.handleUpdate(textUpdate(secretary, "-"));
    expect(chat.last()).toContain("已记录“制定工作计划”");
  });

  it("lets two members work at once without losing either's entries; outsiders see nothing", async () => {
    const id = await registerTownship(p);
    const token = await townshipRepository(p.database.db).createInvite(secretary.id, id, NOW);
    const a = chatAs(p, secretary);
    const b = chatAs(p, deputy);
    await b.say(`/start join_${token}`);
    clock = LATER;
    // Both open the first step and fill it in, interleaved.
    await a.say("/next");
    await b.say("/next");
    await a.click("记录完成情况");
    await b.click("记录完成情况");
    await a.say("2024-02-14");
    await b.say("2024-02-15");
    await a.click("跳过(不填)");
    await b.click("跳过(不填)");
    expect(await a.click("跳过(不填)")).toContain("已记录");
    const second = await b.click("跳过(不填)");
    expect(second).toContain("另一位成员刚刚记录了这一步");
    expect(second).toContain("2024年2月14日");
    const records = await stepRepository(p.database.db).list(id);
    expect(records).toHaveLength(1);
    expect(records[0]!.values.approvedOn).toBe("2024-02-14");
    // The deputy records the next step; both see both steps.
    await b.click("下一步");
    expect(await a.say("/progress")).toContain("已完成 1/13");

    const stranger = chatAs(p, outsider);
    expect(await stranger.say("/progress")).toContain("还没有登记");
    expect(await stranger.say("/next")).toContain("还没有登记");
  });
});
