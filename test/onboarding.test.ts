import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { townshipRepository } from "../src/db/townships.js";
import { chatAs } from "./fixtures/chat.js";
import { type Pipeline, startPipeline } from "./fixtures/pipeline.js";

const secretary = { id: 9101, first_name: "张书记", language_code: "zh-hans" };
const deputy = { id: 9102, first_name: "李副书记", language_code: "zh-hans" };
const outsider = { id: 9103, first_name: "王", language_code: "zh-hans" };

async function register(chat: ReturnType<typeof chatAs>) {
  await chat.say("/start");
  await chat.click("登记乡镇");
  await chat.say("四川省");
  await chat.say("攀枝花市");
  await chat.say("东区");
  await chat.say("南山街道");
  await chat.click("街道");
  await chat.click("南山街道");
  await chat.say("2024-03-15");
  await chat.say("2024年4月5日");
  await chat.click("用默认值");
  await chat.click("用默认值");
  await chat.click("用默认值");
  return chat;
}

describe("registering a township", () => {
  let p: Pipeline;
  beforeEach(async () => {
    p = await startPipeline();
  });
  afterEach(async () => {
    await p.close();
  });

  it("walks through every question with examples, defaults and buttons, then saves the plan", async () => {
    const chat = chatAs(p, secretary);
    await register(chat);
    // Nanshan's plan: 13 members, 1 secretary, 3 part-time deputies (no full-time one) → 9 members by default.
    const confirm = await chat.click("用默认值");
    expect(confirm).toContain("四川省攀枝花市东区南山街道");
    expect(confirm).toContain("书记1名、专职副书记0名、兼职副书记3名、委员9名,共13名");
    expect(await chat.click("确认保存")).toContain("已保存“南山街道”");
    const plan = await townshipRepository(p.database.db).activeFor(secretary.id);
    expect(plan).toMatchObject({ name: "南山街道", kind: "subdistrict", profileId: "nanshan", partyElectionDate: "2024-03-15", plannedElectionDate: "2024-04-05" });
  });

  it("refuses a bad answer with a clear message and asks again, changing nothing", async () => {
    const chat = chatAs(p, secretary);
    await chat.say("/register");
    await chat.say("四川省");
    await chat.say("攀枝花市");
    await chat.say("东区");
    // Markup is no place name: refused, and the same question stands.
    const markup = await chat.say("<b>南山街道</b>");
    expect(markup).toContain("地名里不会有");
    expect(markup).toContain("(4/12)");
    await chat.say("南山街道");
    await chat.click("乡镇");
    await chat.click("推荐默认");
    expect(await chat.say("明年春天")).toContain("没看懂这个日期");
    // The format is right but the day does not exist: the day is what to fix.
    expect(await chat.say("2023-02-29")).toContain("没有这一天");
    expect(await chat.say("2024-02-29")).toContain("团委选举");
    expect(await chat.say("2024-02-01")).toContain("应在党委换届之后");
    await chat.say("2024-03-15");
    await chat.say("2024-04-05");
    // One secretary: the message names the one number, not a range "1到1".
    const secretaries = await chat.say("2");
    expect(secretaries).toContain("这里只能填 1");
    expect(secretaries).not.toContain("1到1");
    // An empty or blank answer is no number (it was read as 0 where 0 was allowed).
    expect(await chat.say("1")).toContain("专职副书记");
    expect(await chat.say(" ")).toContain("请输入0到");
  });

  it("keeps the answers when the user leaves with /cancel, and after a restart", async () => {
    const chat = chatAs(p, secretary);
    await chat.say("/register");
    await chat.say("四川省");
    await chat.say("攀枝花市");
    expect(await chat.say("/cancel")).toContain("草稿");
    expect(await chat.say("南山街道")).not.toContain("请输入所在县");
    // Resuming asks for the first missing answer, not from the start.
    expect(await chat.say("/register")).toContain("(3/12)");
  });

  it("lets the secretary invite a deputy by deep link; outsiders see nothing", async () => {
    const chat = await register(chatAs(p, secretary));
    await chat.click("用默认值");
    await chat.click("确认保存");
    const invite = await chat.say("/invite");
    const token = /start=join_([\w-]+)/.exec(invite)?.[1];
    expect(token).toBeTruthy();
    const deputyChat = chatAs(p, deputy);
    expect(await deputyChat.say(`/start join_${token}`)).toContain("您已加入“南山街道”");
    const repo = townshipRepository(p.database.db);
    expect((await repo.activeFor(deputy.id))?.name).toBe("南山街道");
    expect(await repo.activeFor(outsider.id)).toBeUndefined();
    const township = (await repo.activeFor(secretary.id))!;
    expect(await repo.getFor(outsider.id, township.id)).toBeUndefined();
    expect(await chatAs(p, outsider).say("/start join_not-a-real-token")).toContain("无效或已过期");
  });
  it("does not register the same township a second time, which would hide the first behind an empty copy", async () => {
    // A scripted user answers far faster than a person: the per-user rate limit is raised for it.
    await p.close();
    p = await startPipeline({ rateLimit: { limit: 1000, windowMs: 10_000 } });
    const chat = await register(chatAs(p, secretary));
    await chat.click("用默认值");
    await chat.click("确认保存");
    const repo = townshipRepository(p.database.db);
    const first = (await repo.activeFor(secretary.id))!;
    await chat.say("/register");
    for (const answer of ["四川省", "攀枝花市", "东区", "南山街道"]) await chat.say(answer);
    await chat.click("街道");
    await chat.click("南山街道");
    await chat.say("2024-03-15");
    await chat.say("2024-04-05");
    for (let i = 0; i < 4; i++) await chat.click("用默认值");
    const again = await chat.click("确认保存");
    expect(again).toContain("您已经登记过“南山街道”(四川省攀枝花市东区)");
    expect(again).toContain("/plan");
    expect((await repo.listFor(secretary.id)).map((t) => t.id)).toEqual([first.id]);
    expect((await repo.activeFor(secretary.id))!.id).toBe(first.id);
  });
});
