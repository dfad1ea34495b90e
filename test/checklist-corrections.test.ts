import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { stepRepository } from "../src/db/steps.js";
import type { StepId } from "../src/domain/checklist/index.js";
import { chatAs } from "./fixtures/chat.js";
import { type Pipeline, startPipeline } from "./fixtures/pipeline.js";
import { registerJiyangTownship } from "./fixtures/plans.js";

/** /progress says when each step happened and who recorded it; a recorded step is corrected field by field. */
const secretary = { id: 9401, first_name: "张书记", language_code: "zh-hans" };
// 2024-03-10 10:00 in Shanghai; the steps were recorded on 2024-03-01.
const NOW = new Date("2024-03-10T02:00:00Z");
const RECORDED_AT = "2024-03-01T02:00:00.000Z";

async function township(p: Pipeline): Promise<string> {
  return registerJiyangTownship(p.database.db, secretary, NOW, {
    partyElectionDate: "2024-02-20",
    plannedElectionDate: "2024-03-15",
  });
}

async function recorded(p: Pipeline, id: string, stepId: StepId, values: Record<string, string | number>): Promise<void> {
  await stepRepository(p.database.db).save(id, { stepId, values, recordedBy: secretary.id, recordedAt: RECORDED_AT }, 0);
}

async function firstFourSteps(p: Pipeline, id: string): Promise<void> {
  await recorded(p, id, "work-plan", { approvedOn: "2024-02-01" });
  await recorded(p, id, "working-group", { formedOn: "2024-02-05", leader: "陈镇长" });
  await recorded(p, id, "publicity", { periodStart: "2024-02-06", periodEnd: "2024-02-20" });
  await recorded(p, id, "nominations", { closedOn: "2024-02-22", organisation: 3, jointSignature: 0, self: 1 });
}

describe("the record of what happened, and correcting it", () => {
  let p: Pipeline;
  beforeEach(async () => {
    p = await startPipeline({ now: () => NOW, rateLimit: { limit: 1000, windowMs: 10_000 } });
  });
  afterEach(async () => {
    await p.close();
  });

  it("shows each phase once, in the documents' order, and when each step happened apart from who recorded it", async () => {
    const id = await township(p);
    await firstFourSteps(p, id);
    const progress = await chatAs(p, secretary).say("/progress");
    for (const phase of ["【准备阶段】", "【实施阶段】", "【培训阶段】", "【总结阶段】"]) expect(progress.split(phase)).toHaveLength(2);
    expect(progress.indexOf("【准备阶段】")).toBeLessThan(progress.indexOf("【实施阶段】"));
    expect(progress.indexOf("【实施阶段】")).toBeLessThan(progress.indexOf("【培训阶段】"));
    expect(progress.indexOf("【培训阶段】")).toBeLessThan(progress.indexOf("【总结阶段】"));
    // The running mechanisms are set up in the implementation phase (jiyang-plan 六.2), before training.
    expect(progress.indexOf("12. ")).toBeLessThan(progress.indexOf("【培训阶段】"));
    expect(progress).toContain("3. 宣传发动 — 2024年2月6日 至 2024年2月20日 · 张书记记录于 2024年3月1日");
    expect(progress).toContain("1. 制定工作计划 — 完成于 2024年2月1日 · 张书记记录于 2024年3月1日");
  });

  it("corrects one field of a recorded step from /progress, audits old and new, and lists the later steps now in conflict", async () => {
    const id = await township(p);
    await firstFourSteps(p, id);
    const chat = chatAs(p, secretary);
    await chat.say("/progress");
    expect(await chat.click("更正已记录的步骤")).toContain("要更正哪一步");
    const card = await chat.click("3. 宣传发动");
    expect(card).toContain("2024年2月6日 至 2024年2月20日");
    expect(await chat.click("改起止日期")).toContain("起止日期(开始)");
    // A date still to come is refused, and asked again.
    expect(await chat.say("2024-03-20")).toContain("还没到");
    await chat.say("2024-02-10");
    const saved = await chat.say("2024-02-24");
    expect(saved).toContain("已记录“宣传发动”的更正");
    expect(saved).toContain("起止日期(开始):2024年2月6日 → 2024年2月10日");
    expect(saved).toContain("起止日期(结束):2024年2月20日 → 2024年2月24日");
    // The nominations closed on 02-22, before the publicity's new end.
    expect(saved).toContain("有冲突");
    expect(saved).toContain("4. 人选推荐");
    expect(saved).toContain("早于前一步骤");
    // The other fields stay as recorded; the audit keeps the values before and after.
    const record = (await stepRepository(p.database.db).list(id)).find((r) => r.stepId === "publicity")!;
    expect(record.values).toEqual({ periodStart: "2024-02-10", periodEnd: "2024-02-24" });
    expect(record.version).toBe(2);
    const audit = await p.database.client.execute("SELECT detail FROM audit_log WHERE action = 'step.correct'");
    expect(JSON.parse(String(audit.rows[0]!.detail))).toEqual({
      periodStart: { from: "2024-02-06", to: "2024-02-10" },
      periodEnd: { from: "2024-02-20", to: "2024-02-24" },
    });
  });

  it("corrects a count from the step's card and keeps the other values", async () => {
    const id = await township(p);
    await firstFourSteps(p, id);
    const chat = chatAs(p, secretary);
    await chat.say("/progress");
    await chat.click("更正已记录的步骤");
    await chat.click("4. 人选推荐");
    expect(await chat.click("改个人自荐")).toContain("个人自荐");
    expect(await chat.say("2")).toContain("个人自荐人数:1 → 2");
    const record = (await stepRepository(p.database.db).list(id)).find((r) => r.stepId === "nominations")!;
    expect(record.values).toEqual({ closedOn: "2024-02-22", organisation: 3, jointSignature: 0, self: 2 });
  });
});
