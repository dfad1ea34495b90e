import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { townshipRepository } from "../src/db/townships.js";
import { chatAs } from "./fixtures/chat.js";
import { type Pipeline, startPipeline } from "./fixtures/pipeline.js";

const secretary = { id: 9301, first_name: "张书记", language_code: "zh-hans" };
const deputy = { id: 9302, first_name: "李副书记", language_code: "zh-hans" };
const NOW = new Date("2024-02-01T02:00:00Z");

describe("correcting the work plan", () => {
  let p: Pipeline;
  let townshipId: string;
  beforeEach(async () => {
    p = await startPipeline({ now: () => NOW, rateLimit: { limit: 1000, windowMs: 10_000 } });
    const repo = townshipRepository(p.database.db);
    await repo.touchUser(secretary.id, secretary.first_name);
    townshipId = await repo.create(
      {
        province: "四川省",
        city: "攀枝花市",
        county: "东区",
        name: "南山街道",
        kind: "subdistrict",
        profileId: "nanshan",
        partyElectionDate: "2024-03-01",
        plannedElectionDate: "2024-03-20",
        seats: { secretary: 1, fulltimeDeputies: 0, parttimeDeputies: 3, members: 9 },
      },
      secretary.id,
      NOW,
    );
  });
  afterEach(async () => {
    await p.close();
  });

  it("recomputes every due date when a key date changes", async () => {
    const chat = chatAs(p, secretary);
    expect(await chat.say("/progress")).toContain("截止 2024年2月16日");
    await chat.say("/plan");
    await chat.click("改党委换届日期");
    const after = await chat.say("2024-04-01");
    expect(after).toContain("已保存修改");
    expect(after).toContain("党委换届:2024年4月1日");
    const progress = await chat.say("/progress");
    expect(progress).toContain("1. 制定工作计划 — 截止 2024年3月18日");
    expect(progress).not.toContain("2024年2月16日");
  });

  it("takes the township's own value for a rule with its authority, and enforces it", async () => {
    const chat = chatAs(p, secretary);
    await chat.say("/plan");
    await chat.click("自定某条规则");
    await chat.click("宣传发动最少天数");
    await chat.say("20");
    expect(await chat.say("县团委2024年3号文")).toContain("宣传发动最少天数(依据:县团委2024年3号文)");
    for (const [step, answers] of [["work-plan", ["2024-01-20", "-", "-"]], ["working-group", ["2024-01-22", "陈主任", "-"]]] as const) {
      await chat.say("/next");
      await chat.click("记录完成情况");
      for (const a of answers) await chat.say(a);
      expect(chat.last(), step).toContain("已记录");
    }
    await chat.say("/next");
    await chat.click("记录完成情况");
    // What happened is recorded (today is 2024-02-01): a 10-day publicity that ends today.
    await chat.say("2024-01-23");
    const refused = await chat.say("2024-02-01");
    expect(refused).toContain("规定不少于20天");
    expect(refused).toContain("依据:本乡镇确定的规则(县团委2024年3号文)");
  });

  it("tells the second of two members changing the plan at once, and keeps the first change", async () => {
    const token = await townshipRepository(p.database.db).createInvite(secretary.id, townshipId, NOW);
    const a = chatAs(p, secretary);
    const b = chatAs(p, deputy);
    await b.say(`/start join_${token}`);
    await a.say("/plan");
    await b.say("/plan");
    await a.click("改团委选举日期");
    await b.click("改团委选举日期");
    expect(await a.say("2024-03-22")).toContain("已保存修改");
    const second = await b.say("2024-03-25");
    expect(second).toContain("另一位成员刚刚修改了工作计划");
    expect(second).toContain("团委选举:2024年3月22日");
  });
});
