import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { stepRepository } from "../src/db/steps.js";
import type { StepId } from "../src/domain/checklist/index.js";
import type { ProfileId } from "../src/domain/rules/types.js";
import { chatAs } from "./fixtures/chat.js";
import { type Pipeline, startPipeline } from "./fixtures/pipeline.js";
import { registerJiyangTownship } from "./fixtures/plans.js";

/**
 * Forms without dead ends: after a refusal the same question is asked again with the reason, a form
 * never moves past a refused answer nor reports a problem with a question it has not asked, and text
 * typed while a form is open answers the form.
 */
const secretary = { id: 9301, first_name: "张书记", language_code: "zh-hans" };
// 2024-03-10 10:00 in Shanghai.
const NOW = new Date("2024-03-10T02:00:00Z");

async function township(p: Pipeline, profileId: ProfileId = "jiyang"): Promise<string> {
  return registerJiyangTownship(p.database.db, secretary, NOW, { profileId });
}

async function recorded(p: Pipeline, id: string, stepId: StepId, values: Record<string, string | number>): Promise<void> {
  await stepRepository(p.database.db).save(id, { stepId, values, recordedBy: secretary.id, recordedAt: NOW.toISOString() }, 0);
}

describe("forms without dead ends", () => {
  let p: Pipeline;
  beforeEach(async () => {
    p = await startPipeline({ now: () => NOW, rateLimit: { limit: 1000, windowMs: 10_000 } });
  });
  afterEach(async () => {
    await p.close();
  });

  it("asks a refused publicity start again, with the reason, and never moves on to the next question", async () => {
    const id = await township(p);
    await recorded(p, id, "work-plan", { approvedOn: "2024-02-01" });
    await recorded(p, id, "working-group", { formedOn: "2024-02-05", leader: "陈镇长" });
    const chat = chatAs(p, secretary);
    await chat.say("/next");
    expect(await chat.click("记录完成情况")).toContain("起止日期(开始)");
    // Before the working group was formed: refused, and the start is asked again (not the end, not the media).
    const refused = await chat.say("2024-02-01");
    expect(refused).toContain("早于前一步骤");
    expect(refused).toContain("起止日期(开始)");
    expect(refused).not.toContain("起止日期(结束)");
    expect(refused).not.toContain("宣传渠道");
    expect(await chat.say("2024-02-06")).toContain("起止日期(结束)");
    // Too short (jiyang: 15 days): the start is asked again; then a valid period goes on to the media.
    const short = await chat.say("2024-02-10");
    expect(short).toContain("不少于15天");
    expect(short).toContain("起止日期(开始)");
    await chat.say("2024-02-06");
    expect(await chat.say("2024-02-20")).toContain("宣传");
    expect(await chat.click("跳过(不填)")).toContain("已记录“宣传发动”");
  });

  it("asks the fewest signatures before judging them, asks again when refused, and takes the next answer as that", async () => {
    const id = await township(p);
    await recorded(p, id, "work-plan", { approvedOn: "2024-02-01" });
    await recorded(p, id, "working-group", { formedOn: "2024-02-05", leader: "陈镇长" });
    await recorded(p, id, "publicity", { periodStart: "2024-02-06", periodEnd: "2024-02-20" });
    const chat = chatAs(p, secretary);
    await chat.say("/next");
    await chat.click("记录完成情况");
    await chat.say("2024-02-25");
    await chat.say("3");
    // Joint nominations: the next message is the question, not a complaint that it is unanswered.
    const joint = await chat.say("2");
    expect(joint).not.toContain("请填写“联名推荐最少签名人数”");
    await chat.say("1");
    const fewest = chat.last();
    expect(fewest).toContain("联名推荐最少签名人数");
    // The last question refused (jiyang: 10 signatures): asked again, not the end of the form.
    const refused = await chat.say("5");
    expect(refused).toContain("须10人联名");
    expect(refused).toContain("联名推荐最少签名人数");
    // "12" answers the form (it is not a policy question) and the step is saved.
    expect(await chat.say("12")).toContain("已记录“人选推荐”");
    const records = await stepRepository(p.database.db).list(id);
    expect(records.find((r) => r.stepId === "nominations")?.values.fewestSignatures).toBe(12);
  });

  it("says a step cannot be recorded before the one it follows, before asking anything", async () => {
    await township(p);
    const chat = chatAs(p, secretary);
    const { callbackUpdate } = await import("./fixtures/updates.js");
    const before = p.textsTo(secretary.id).length;
    await p.bot.handleUpdate(callbackUpdate(secretary, { message_id: 1 }, "rec:publicity"));
    const reply = p.textsTo(secretary.id).slice(before).join("\n");
    expect(reply).toContain("请先完成前一步骤“成立工作机构(领导小组)”");
    expect(reply).not.toContain("起止日期");
    // No form was opened: the next step's button leads on.
    expect(await chat.click("下一步")).toContain("制定工作计划");
  });

  it("takes a period's end still to come as its plan: the step is under way until then", async () => {
    const id = await township(p);
    await recorded(p, id, "work-plan", { approvedOn: "2024-02-01" });
    await recorded(p, id, "working-group", { formedOn: "2024-02-05", leader: "陈镇长" });
    const chat = chatAs(p, secretary);
    await chat.say("/next");
    await chat.click("记录完成情况");
    // Today is 2024-03-10: the start has happened, the end is planned.
    expect(await chat.say("2024-03-20")).toContain("还没到");
    await chat.say("2024-03-01");
    await chat.say("2024-03-15");
    expect(await chat.click("跳过(不填)")).toContain("已记录“宣传发动”");
    const progress = await chat.say("/progress");
    expect(progress).toContain("▶️ 3. 宣传发动 — 进行中:2024年3月1日 至 2024年3月15日");
  });

  it("under the 四川 profile, enforces the publicity length its card shows, and says where it comes from", async () => {
    const id = await township(p, "sichuan");
    await recorded(p, id, "work-plan", { approvedOn: "2024-02-01" });
    await recorded(p, id, "working-group", { formedOn: "2024-02-05", leader: "陈镇长" });
    const chat = chatAs(p, secretary);
    const card = await chat.say("/next");
    expect(card).toContain("至少15天(首尾两天都算)");
    expect(card).toContain("「宣传发动时间应不少于15天」(本地方案未作规定,采用推荐默认规则)");
    await chat.click("记录完成情况");
    await chat.say("2024-02-06");
    const refused = await chat.say("2024-02-15");
    expect(refused).toContain("宣传发动只有10天(首尾两天都算),规定不少于15天");
    expect((await stepRepository(p.database.db).list(id)).some((r) => r.stepId === "publicity")).toBe(false);
  });

  it("refuses a date still to come, with the reason, and asks for it again", async () => {
    await township(p);
    const chat = chatAs(p, secretary);
    await chat.say("/next");
    await chat.click("记录完成情况");
    const refused = await chat.say("2024-03-30");
    expect(refused).toContain("还没到");
    expect(refused).toContain("计划确定日期");
    expect(await chat.say("2024-03-01")).toContain("备注");
  });

  it("starts a stored form afresh, saying so, when it no longer fits the form", async () => {
    await township(p);
    const chat = chatAs(p, secretary);
    await chat.say("/next");
    await chat.click("记录完成情况");
    // A form stored by an earlier version: its answer is of another shape.
    const key = String(secretary.id);
    const row = await p.database.client.execute({ sql: "SELECT value FROM sessions WHERE key = ?", args: [key] });
    const session = JSON.parse(String(row.rows[0]!.value));
    session.dialog = { ...session.dialog, step: "note", data: { ...session.dialog.data, approvedOn: { day: 1 } } };
    await p.database.client.execute({ sql: "UPDATE sessions SET value = ? WHERE key = ?", args: [JSON.stringify(session), key] });
    const reply = await chat.say("一些备注");
    expect(reply).toContain("这个表单已更新,我们从头再来");
    expect(reply).toContain("计划确定日期");
    expect(await chat.say("2024-03-01")).toContain("备注");
  });

  it("starts a stored candidate form afresh when its answers no longer fit the form", async () => {
    await township(p);
    const chat = chatAs(p, secretary);
    await chat.say("/newcandidate");
    await chat.say("王五");
    await chat.click("兼职副书记");
    // The post stored by an earlier version under a name this one does not know.
    const key = String(secretary.id);
    const row = await p.database.client.execute({ sql: "SELECT value FROM sessions WHERE key = ?", args: [key] });
    const session = JSON.parse(String(row.rows[0]!.value));
    session.dialog = { ...session.dialog, data: { ...session.dialog.data, post: "deputy-parttime" } };
    await p.database.client.execute({ sql: "UPDATE sessions SET value = ? WHERE key = ?", args: [JSON.stringify(session), key] });
    const reply = await chat.say("1995-03-07");
    expect(reply).toContain("这个表单已更新,我们从头再来");
    expect(reply).toContain("候选人姓名");
  });

  it("answers a button of a question already answered by asking the current question again", async () => {
    await township(p);
    const chat = chatAs(p, secretary);
    await chat.say("/next");
    await chat.click("记录完成情况");
    await chat.click("今天");
    // The "today" button of the date question, pressed again.
    const again = await chat.click("今天");
    expect(again).toContain("已经回答过");
    expect(again).toContain("备注");
  });
});
