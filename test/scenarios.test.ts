/**
 * A complete run per profile, as a secretary does it, through the real pipeline and database:
 * registration with the offered defaults, the candidates pasted in, then the 13 steps recorded one by
 * one on the days they happen (the clock moves with them), each checked by the profile's own rules.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { candidateRepository } from "../src/db/candidates.js";
import { stepRepository } from "../src/db/steps.js";
import { townshipRepository } from "../src/db/townships.js";
import { ruleInForce } from "../src/domain/checklist/index.js";
import { effectiveRules } from "../src/domain/rules/effective.js";
import type { ProfileId } from "../src/domain/rules/types.js";
import { addDays } from "../src/domain/time.js";
import { totalSeats } from "../src/domain/township.js";
import { chatAs } from "./fixtures/chat.js";
import { type Pipeline, startPipeline } from "./fixtures/pipeline.js";

const secretary = { id: 9701, first_name: "张书记", language_code: "zh-hans" };
const PARTY_ELECTION = "2024-03-01";

/** 10:00 in Shanghai on `date`. */
const at = (date: string) => new Date(`${date}T02:00:00Z`);

const PROFILES: [ProfileId, string][] = [
  ["jiyang", "吉阳镇"],
  ["xingang", "新港街道"],
  ["nanshan", "南山街道"],
  ["sichuan", "四川省"],
  ["recommended", "推荐默认"],
];

/** Three-character names, none inside another (buttons are found by their text). */
const NAMES = [..."甲乙丙丁戊己庚辛壬癸"].flatMap((a) => [..."子丑寅卯辰巳"].map((b) => `林${a}${b}`));
const POST_WORDS = { secretary: "书记", fulltimeDeputies: "专职副书记", parttimeDeputies: "兼职副书记", members: "委员" } as const;

describe("a complete run, per profile", () => {
  let p: Pipeline;
  let clock = at("2024-02-01");
  beforeEach(async () => {
    clock = at("2024-02-01");
    p = await startPipeline({ now: () => clock, rateLimit: { limit: 5000, windowMs: 10_000 } });
  });
  afterEach(async () => {
    await p.close();
  });

  for (const [profileId, label] of PROFILES) {
    it(`${label}: registration, candidates, and the 13 steps`, async () => {
      const rules = effectiveRules({ profileId });
      const plan = { profileId, name: "某镇" } as Parameters<typeof ruleInForce>[0];
      const publicityDays = ruleInForce(plan, "publicityDaysMin")!.value.days;
      const noticeDays = ruleInForce(plan, "preAppointmentNoticeDays")!.value.days;
      const channels = rules.nominationChannels?.value.channels ?? ["organisation", "joint-signature", "self"];
      const joint = channels.includes("joint-signature");
      const signatures = rules.nominationChannels?.value.jointSignaturesMin ?? 10;

      // The days each step happens on.
      const day = { workPlan: "2024-02-14", group: "2024-02-16", publicityStart: "2024-02-17" };
      const publicityEnd = addDays(day.publicityStart, publicityDays - 1);
      const nominations = addDays(publicityEnd, 2);
      const review = addDays(nominations, 1);
      const formal = addDays(review, 1);
      const election = addDays(formal, 2);
      const inspection = addDays(election, 2);
      const noticeStart = addDays(inspection, 1);
      const noticeEnd = addDays(noticeStart, noticeDays - 1);
      const appointment = addDays(noticeEnd, 1);
      const training = addDays(appointment, 2);
      const summary = addDays(training, 1);

      const chat = chatAs(p, secretary);
      await chat.say("/register");
      for (const answer of ["四川省", "攀枝花市", "东区", "某镇"]) await chat.say(answer);
      await chat.click("乡镇");
      await chat.click(label);
      await chat.say(PARTY_ELECTION);
      await chat.say(election);
      for (let i = 0; i < 4; i++) await chat.click("用默认值");
      const confirm = chat.last();
      expect(confirm, "the dates can work").not.toContain("⚠️");
      expect(await chat.click("确认保存")).toContain("已保存“某镇”");
      const township = (await townshipRepository(p.database.db).activeFor(secretary.id))!;
      const seats = township.seats;

      // Candidates, pasted: two per seat, most outside the establishment, enough Party members.
      const rows: string[] = [];
      let n = 0;
      for (const [key, word] of Object.entries(POST_WORDS) as [keyof typeof seats, string][]) {
        for (let i = 0; i < seats[key] * 2; i++) {
          const k = n++;
          const channel = channels[k % channels.length]!;
          const channelWord = { organisation: "组织推荐", "joint-signature": "团员青年联名推荐", self: "个人自荐", democratic: "民主推荐" }[channel];
          const commitment = key === "secretary" || key === "fulltimeDeputies" ? "专职" : "兼职";
          const status = k < 6 ? "中共党员" : "共青团员";
          const establishment = k % 4 === 0 ? "编制内" : "编制外";
          rows.push([NAMES[k], k % 2 ? "女" : "男", "1995-05-05", status, establishment, "农村", word, commitment, channelWord, channel === "joint-signature" ? String(signatures) : "", "是"].join(","));
        }
      }
      const header = "姓名,性别,出生日期,政治面貌,编制,领域,竞选职务,专兼职,推荐方式,联名人数,是否本地";
      const imported = await chat.say(`/import\n${header}\n${rows.join("\n")}`);
      const candidates = await candidateRepository(p.database.db).list(township.id);
      expect(candidates, imported).toHaveLength(rows.length);

      /** Opens the next step's form on `date` and answers it; returns the last reply. */
      const record = async (date: string, answers: (string | (() => Promise<string>))[]) => {
        clock = at(date);
        await chat.say("/next");
        await chat.click("记录完成情况");
        let reply = "";
        for (const answer of answers) reply = typeof answer === "string" ? await chat.say(answer) : await answer();
        return reply;
      };
      const tickAll = async () => {
        await chat.click("全选");
        return chat.click("确认");
      };
      /** The first `seats` candidates of each post: elected. */
      const tickElected = async () => {
        let k = 0;
        for (const key of Object.keys(POST_WORDS) as (keyof typeof seats)[]) {
          for (let i = 0; i < seats[key] * 2; i++) {
            const name = NAMES[k++]!;
            if (i < seats[key]) await chat.click(name);
          }
        }
        return chat.click("确认");
      };

      expect(await record(day.workPlan, [day.workPlan, "-", "-"])).toContain("已记录“制定工作计划”");
      expect(await record(day.group, [day.group, "陈镇长", "-"])).toContain("已记录“成立工作机构(领导小组)”");
      expect(await record(publicityEnd, [day.publicityStart, publicityEnd, "-"])).toContain("已记录“宣传发动”");
      // 南山 names 民主推荐 (no signed joint nomination): its count is asked after 个人自荐.
      const democratic = channels.includes("democratic");
      const counts = joint ? ["4", "3", "2", String(signatures)] : ["4", "0", "2", ...(democratic ? ["3"] : []), "-"];
      // The card lists the 民主推荐 count only where the township's rule names that channel.
      expect((await chat.say("/next")).includes("民主推荐人数"), "nominations card").toBe(democratic);
      expect(await record(nominations, [nominations, ...counts])).toContain("已记录“人选推荐”");
      expect(await record(review, [review, String(rows.length), "0"])).toContain("已记录“资格审查”");
      expect(await record(formal, [formal, tickAll])).toContain("已记录“确定正式候选人”");
      expect(await record(election, [election, "-", tickElected])).toContain("已记录“竞职演讲与选举”");
      expect(await record(inspection, [inspection, "-"])).toContain("已记录“组织考察”");
      expect(await record(noticeEnd, [noticeStart, noticeEnd, "-"])).toContain("已记录“任前公示”");
      expect(await record(appointment, [appointment, "-", tickAll])).toContain("已记录“报批与正式任命”");
      expect(await record(training, [training, "-", "-"])).toContain("已记录“培训”");
      expect(await record(training, [training, training, "-"])).toContain("已记录“建立运行机制”");
      expect(await record(summary, [summary, "-"])).toContain("已记录“总结报告”");

      const progress = await chat.say("/progress");
      expect(progress).toContain("已完成 13/13");
      expect(progress).toContain(`3. 宣传发动 — ${formatZh(day.publicityStart)} 至 ${formatZh(publicityEnd)}`);
      const records = await stepRepository(p.database.db).list(township.id);
      expect(records).toHaveLength(13);
      const appointed = (await candidateRepository(p.database.db).list(township.id)).filter((c) => c.status === "appointed");
      expect(appointed).toHaveLength(totalSeats(seats));
    });
  }
});

function formatZh(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}
