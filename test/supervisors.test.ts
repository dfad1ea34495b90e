/**
 * Supervisors through the real bot pipeline: registering a county and a city, inviting the units below
 * with deep links, the overview and its drill-down to a township's read-only checklist, the nudge (once
 * a day), the CSV export; and access: a township user, a county user of another county and an outsider
 * forge buttons for units and townships that are not theirs — all refused, nothing about them leaks.
 */
import { readSheet } from "read-excel-file/universal";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reminderSettingsRepository } from "../src/reminders/settings.js";
import { stepRepository } from "../src/db/steps.js";
import { townshipRepository } from "../src/db/townships.js";
import { chatAs } from "./fixtures/chat.js";
import { samplePlan } from "./fixtures/plans.js";
import { type Pipeline, startPipeline } from "./fixtures/pipeline.js";
import { callbackUpdate, type UserSpec } from "./fixtures/updates.js";

const NOW = new Date("2026-03-10T09:00:00+08:00");
const PUBLIC_URL = "https://tuanjian.example";

const CITY: UserSpec = { id: 201, first_name: "市团委书记" };
const COUNTY: UserSpec = { id: 301, first_name: "东区书记" };
const OTHER_COUNTY: UserSpec = { id: 302, first_name: "西区书记" };
const TOWNSHIP: UserSpec = { id: 401, first_name: "甲镇书记" };
const TOWNSHIP_2: UserSpec = { id: 402, first_name: "乙镇书记" };
const DEPUTY_2: UserSpec = { id: 403, first_name: "乙镇副书记" };
const WEST_TOWNSHIP: UserSpec = { id: 404, first_name: "丙镇书记" };
const OUTSIDER: UserSpec = { id: 999, first_name: "路人" };

let p: Pipeline;
const ids: Record<string, string> = {};

const unitId = async (name: string) =>
  String(
    (await p.database.client.execute({ sql: "SELECT id FROM org_units WHERE name = ?", args: [name] }))
      .rows[0]!.id,
  );

/** Registers a unit through the dialog, as a user would. */
async function registerUnit(user: UserSpec, level: string, name: string): Promise<string> {
  const chat = chatAs(p, user);
  await chat.say("/start");
  expect(await chat.say("/supervise")).toContain("哪一级团委");
  expect(await chat.click(level)).toContain("单位名称");
  expect(await chat.say(name)).toContain(`“${name}”`);
  return chat.click("确认保存");
}

/** The payload of the deep link in the user's last message ("/start unit_…"). */
const payloadIn = (text: string) => /\/start (unit_[\w-]+)/.exec(text)![1]!;

async function townshipFor(user: UserSpec, name: string, party: string): Promise<string> {
  const repo = townshipRepository(p.database.db);
  await repo.touchUser(user.id, user.first_name!);
  return repo.create(samplePlan(name, party), user.id, NOW);
}

/** Sends a callback the user never got a button for (forged), returning what the bot sent back. */
async function forge(user: UserSpec, data: string): Promise<string> {
  const before = p.api.calls.length;
  await p.bot.handleUpdate(callbackUpdate(user, { message_id: 1 }, data));
  return p.api.calls
    .slice(before)
    .filter((c) => c.method !== "answerCallbackQuery")
    .map((c) => `${c.method}: ${String(c.payload.text ?? c.payload.caption ?? "")}`)
    .join("\n");
}

const outbox = async () =>
  (
    await p.database.client.execute(
      "SELECT key, chat_id, township_id, subject FROM reminder_outbox ORDER BY chat_id",
    )
  ).rows.map((r) => ({
    key: String(r.key),
    chatId: Number(r.chat_id),
  }));

beforeAll(async () => {
  p = await startPipeline({
    now: () => NOW,
    env: { PUBLIC_URL },
    rateLimit: { limit: 1000, windowMs: 1000 },
  });

  expect(await registerUnit(CITY, "市（州）团委", "攀枝花市团委")).toContain("已登记“攀枝花市团委”");
  ids.city = await unitId("攀枝花市团委");
  const cityInvite = payloadIn(await chatAs(p, CITY).click("邀请下级"));

  // The county opens the city's link before registering: it registers with the city as its parent.
  const county = chatAs(p, COUNTY);
  expect(await county.say(`/start ${cityInvite}`)).toContain("“攀枝花市团委”邀请您的单位加入");
  expect(await county.say("东区团委")).toContain("隶属于“攀枝花市团委”");
  expect(await county.click("确认保存")).toContain("并已加入“攀枝花市团委”");
  ids.county = await unitId("东区团委");

  // Another county registers alone, then opens the city's link.
  await registerUnit(OTHER_COUNTY, "县（区）团委", "西区团委");
  ids.otherCounty = await unitId("西区团委");
  expect(await chatAs(p, OTHER_COUNTY).say(`/start ${cityInvite}`)).toContain(
    "“西区团委”已加入“攀枝花市团委”",
  );

  // Townships: registered, then their secretaries open their county's link.
  ids.t1 = await townshipFor(TOWNSHIP, "甲镇", "2026-02-20");
  ids.t2 = await townshipFor(TOWNSHIP_2, "乙镇", "2026-04-20");
  ids.t3 = await townshipFor(WEST_TOWNSHIP, "丙镇", "2026-03-01");
  const repo = townshipRepository(p.database.db);
  await repo.touchUser(DEPUTY_2.id, DEPUTY_2.first_name!);
  await repo.join(DEPUTY_2.id, (await repo.createInvite(TOWNSHIP_2.id, ids.t2, NOW))!, NOW);
  await stepRepository(p.database.db).save(
    ids.t1,
    {
      stepId: "work-plan",
      values: { approvedOn: "2026-02-01" },
      recordedBy: TOWNSHIP.id,
      recordedAt: "2026-02-01T02:00:00.000Z",
    },
    0,
  );
  const countyInvite = payloadIn(await chatAs(p, COUNTY).click("邀请下级"));
  const westInvite = payloadIn(await forge(OTHER_COUNTY, `sup:inv:below:${ids.otherCounty}`));
  expect(await chatAs(p, TOWNSHIP).say(`/start ${countyInvite}`)).toContain("“甲镇”已加入“东区团委”");
  expect(await chatAs(p, TOWNSHIP_2).say(`/start ${countyInvite}`)).toContain("“乙镇”已加入“东区团委”");
  expect(await chatAs(p, WEST_TOWNSHIP).say(`/start ${westInvite}`)).toContain("“丙镇”已加入“西区团委”");
  // A deputy cannot move the township; a township already under a county cannot be taken by another.
  expect(await chatAs(p, DEPUTY_2).say(`/start ${westInvite}`)).toContain("只有登记乡镇的团委书记");
  expect(await chatAs(p, TOWNSHIP).say(`/start ${westInvite}`)).toContain("已经隶属于另一个上级");
}, 60_000);

afterAll(async () => {
  await p?.close();
});

describe("a supervisor's overview", () => {
  it("shows the county its townships, who needs chasing first, with the score formula and the web view", async () => {
    const text = await chatAs(p, COUNTY).say("/overview");
    expect(text).toContain("📊“东区团委”工作进度 · 县（区）团委 · 2026年3月10日");
    expect(text).toContain("下属乡镇（街道）2个");
    expect(text).toContain("未启动 1 · 准备 1");
    expect(text).toContain("⚠️ 有逾期步骤的乡镇：1个");
    expect(text).toContain("⬜ 尚未启动：1个 — 乙镇");
    // 甲镇 (overdue steps) before 乙镇 (nothing due yet).
    expect(text.indexOf("1. 甲镇")).toBeGreaterThan(0);
    expect(text.indexOf("2. 乙镇")).toBeGreaterThan(text.indexOf("1. 甲镇"));
    expect(text).toContain("得分 = 40×完成度 + 40×按时率 + 20×名单合规率");
    const keyboard = p.api.sent().at(-1)!.payload.reply_markup as {
      inline_keyboard: { text: string; web_app?: { url: string } }[][];
    };
    const web = keyboard.inline_keyboard.flat().find((b) => b.web_app);
    expect(web?.web_app?.url).toBe(`${PUBLIC_URL}/miniapp?unit=${ids.county}&lang=zh`);
  });

  it("drills down from the city to a county and to one township's checklist, read-only", async () => {
    const city = chatAs(p, CITY);
    const overview = await city.say("/overview");
    expect(overview).toContain("下属乡镇（街道）3个");
    // 西区 (its only township has overdue steps) comes before 东区 (one of two).
    expect(overview.indexOf("1. 西区团委")).toBeGreaterThan(0);
    expect(await city.click("2. 东区团委")).toContain("📊“东区团委”工作进度");
    const card = await city.click("1. 甲镇");
    expect(card).toContain("🏘 东区团委 · 准备阶段");
    expect(card).toContain("（只读：清单由乡镇团委填写）");
    expect(card).toContain("📋“甲镇”工作清单(已完成 1/13)");
    expect(card).toContain("完成于 2026年2月1日 · 甲镇书记记录于");
    const buttons = (
      p.api.sent().at(-1)!.payload.reply_markup as { inline_keyboard: { callback_data: string }[][] }
    ).inline_keyboard
      .flat()
      .map((b) => b.callback_data);
    expect(buttons).toEqual([`v1:ov:n:${ids.t1}`, `v1:ov:u:${ids.county}:0`]);
    expect(await city.click("返回“东区团委”")).toContain("📊“东区团委”工作进度");
  });

  it("nudges a township's members through the outbox once a day, however often it is clicked", async () => {
    const county = chatAs(p, COUNTY);
    await county.say("/overview");
    await county.click("2. 乙镇");
    expect(await county.click("提醒该乡镇")).toContain("已通知“乙镇”的 2 名成员");
    expect(await county.click("提醒该乡镇")).toContain("今天已经提醒过“乙镇”");
    expect((await outbox()).filter((r) => r.key.startsWith(`nudge|${ids.t2}|`)).map((r) => r.chatId)).toEqual(
      [TOWNSHIP_2.id, DEPUTY_2.id],
    );
  });

  it("leaves out members who turned reminders off, and tells the supervisor", async () => {
    const settings = reminderSettingsRepository(p.database.db);
    await settings.setMuted(TOWNSHIP.id, true, NOW);
    const county = chatAs(p, COUNTY);
    await county.say("/overview");
    await county.click("1. 甲镇");
    expect(await county.click("提醒该乡镇")).toContain("“甲镇”的成员都暂停、关闭了提醒或屏蔽了助手，这次没有人会收到。");
    expect((await outbox()).filter((r) => r.key.startsWith(`nudge|${ids.t1}|`))).toEqual([]);
    await settings.setMuted(TOWNSHIP.id, false, NOW);
    expect(await county.click("提醒该乡镇")).toContain("已通知“甲镇”的 1 名成员");
  });

  it("exports the subtree's progress as a CSV that Excel opens as UTF-8", async () => {
    await chatAs(p, CITY).say("/overview");
    await chatAs(p, CITY).click("导出表格");
    const call = p.api.sent("sendDocument").at(-1)!;
    expect(Number(call.payload.chat_id)).toBe(CITY.id);
    const file = call.payload[String(call.payload.document).replace("attach://", "")] as {
      filename: string;
      bytes: Buffer;
    };
    expect(file.filename).toBe("团建进度-攀枝花市团委-2026-03-10.csv");
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = file.bytes.subarray(3).toString("utf8").trim().split("\r\n");
    expect(lines[0]).toBe(
      "省,市（州）,县（区）,乡镇（街道）,上级团委,阶段,已完成步骤,逾期步骤,下一步,候选人名单,不合规项,完成度（%）,按时率（%）,名单合规率（%）,得分",
    );
    expect(lines).toHaveLength(4);
    // 甲镇: 1 of 13 steps done (8%), on time; 7 overdue, so 1 of 8 steps due on time (13%); no slate; 3 + 5 = 8.
    expect(lines.find((l) => l.includes(",甲镇,"))).toBe(
      "四川省,攀枝花市,东区,甲镇,东区团委,准备阶段,1,7,成立工作机构(领导小组),未录入,,8,13,0,8",
    );
    expect(String(call.payload.caption)).toContain("3个");
  });

  it("exports the same progress as an .xlsx in a county office's layout: title, date, header, townships in chasing order", async () => {
    await chatAs(p, CITY).say("/overview");
    await chatAs(p, CITY).click("导出进度表（Excel）");
    const call = p.api.sent("sendDocument").at(-1)!;
    const file = call.payload[String(call.payload.document).replace("attach://", "")] as { filename: string; bytes: Buffer };
    expect(file.filename).toBe("团建进度-攀枝花市团委-2026-03-10.xlsx");
    const bytes = new Uint8Array(file.bytes);
    const rows = await readSheet<string>(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), { parseNumber: (text: string) => text });
    expect(rows[0]![0]).toBe("攀枝花市团委下属乡镇（街道）团组织格局创新工作进度表");
    expect(rows[1]!.find((c) => c)).toBe("截至2026年3月10日，共3个乡镇（街道）");
    expect(rows[2]).toEqual(["序号", "县（区）", "乡镇（街道）", "状态", "阶段", "已完成环节", "首个逾期环节", "逾期天数", "候选人名单问题", "下一步", "得分"]);
    const townships = rows.slice(3);
    expect(townships.map((r) => r[0])).toEqual(["1", "2", "3"]);
    const jia = townships.find((r) => r[2] === "甲镇")!;
    expect(jia.slice(1, 7)).toEqual(["东区团委", "甲镇", "有逾期", "准备阶段", "1/13", "成立工作机构(领导小组)"]);
    expect(Number(jia[7])).toBeGreaterThan(0);
    expect(String(call.payload.caption)).toContain("3个");
  });

  it("lets a colleague join the unit with its own link", async () => {
    const link = payloadIn(await forge(COUNTY, `sup:inv:member:${ids.county}`));
    const colleague = { id: 305, first_name: "东区干事" };
    expect(await chatAs(p, colleague).say(`/start ${link}`)).toContain("您已加入“东区团委”");
    expect(await chatAs(p, colleague).say("/overview")).toContain("下属乡镇（街道）2个");
  });
});

describe("access: nobody reaches a unit or township that is not theirs", () => {
  const NAMES = ["东区团委", "攀枝花市团委", "甲镇", "乙镇", "丙镇", "西区团委"];
  const REFUSED = "这个单位不在您的管辖范围内，或已不存在。";

  async function expectRefused(user: UserSpec, data: string, ownNames: string[] = []) {
    const documentsBefore = p.api.sent("sendDocument").length;
    const outboxBefore = (await outbox()).length;
    const answer = await forge(user, data);
    expect(answer, data).toBe(`sendMessage: ${REFUSED}`);
    for (const name of NAMES.filter((n) => !ownNames.includes(n))) expect(answer).not.toContain(name);
    expect(p.api.sent("sendDocument")).toHaveLength(documentsBefore);
    expect(await outbox()).toHaveLength(outboxBefore);
  }

  const forgeries = () => [
    `ov:u:${ids.county}:0`,
    `ov:u:${ids.city}:0`,
    `ov:t:${ids.t1}`,
    `ov:t:${ids.t2}`,
    `ov:n:${ids.t2}`,
    `ov:csv:${ids.county}`,
    `ov:csv:${ids.city}`,
    `ov:u:no-such-unit:0`,
  ];

  it("refuses a township's secretary every unit and township, their own included", async () => {
    for (const data of forgeries()) await expectRefused(TOWNSHIP, data, ["甲镇"]);
    expect(await forge(TOWNSHIP, `sup:inv:below:${ids.county}`)).toBe("");
    expect(await chatAs(p, TOWNSHIP).say("/overview")).toContain("您还没有登记为上级团委");
  });

  it("refuses a county user the other county, its townships and the city above", async () => {
    for (const data of forgeries()) await expectRefused(OTHER_COUNTY, data, ["西区团委"]);
    // Its own county and township are fine.
    expect(await forge(OTHER_COUNTY, `ov:t:${ids.t3}`)).toContain("丙镇");
    const invites = async () =>
      Number((await p.database.client.execute("SELECT count(*) AS n FROM unit_invites")).rows[0]!.n);
    const before = await invites();
    expect(await forge(OTHER_COUNTY, `sup:inv:below:${ids.county}`)).toBe("");
    expect(await forge(OTHER_COUNTY, `sup:inv:member:${ids.city}`)).toBe("");
    expect(await invites()).toBe(before);
  });

  it("refuses an outsider everything", async () => {
    for (const data of forgeries()) await expectRefused(OUTSIDER, data);
    expect(await chatAs(p, OUTSIDER).say("/overview")).toContain("您还没有登记为上级团委");
  });

  it("refuses a malformed or expired link without saying anything about the unit", async () => {
    const answer = await chatAs(p, OUTSIDER).say("/start unit_AAAAAAAAAAAAAAAAAAAAAA");
    expect(answer).toContain("这个邀请链接无效或已过期");
    for (const name of NAMES) expect(answer).not.toContain(name);
  });
});

describe("moving a township to another county, and leaving a unit", () => {
  it("the county takes a township out; its secretary then joins another county, which alone sees it", async () => {
    // Neither another county nor the city above may take it out: only the county it is directly under.
    for (const user of [OTHER_COUNTY, CITY, TOWNSHIP, OUTSIDER])
      expect(await forge(user, `ov:rel-ok:${ids.t1}`)).toContain("不在您的管辖范围内");
    const county = chatAs(p, COUNTY);
    await county.say("/overview");
    await county.click("甲镇");
    expect(await county.click("移出“东区团委”")).toContain("确定把“甲镇”移出“东区团委”吗");
    expect(await county.click("确认移出")).toContain("已把“甲镇”移出“东区团委”");
    // The same confirmation again (a double click, a redelivery) changes nothing more.
    expect(await forge(COUNTY, `ov:rel-ok:${ids.t1}`)).toContain("不在您的管辖范围内");
    expect(await county.say("/overview")).not.toContain("甲镇");
    expect(await forge(COUNTY, `ov:t:${ids.t1}`)).toContain("不在您的管辖范围内");

    const westInvite = payloadIn(await forge(OTHER_COUNTY, `sup:inv:below:${ids.otherCounty}`));
    expect(await chatAs(p, TOWNSHIP).say(`/start ${westInvite}`)).toContain("“甲镇”已加入“西区团委”");
    expect(await chatAs(p, OTHER_COUNTY).say("/overview")).toContain("甲镇");
    const audit = await p.database.client.execute({
      sql: "SELECT action FROM audit_log WHERE township_id = ? AND action IN ('township.release', 'township.attach') ORDER BY id",
      args: [ids.t1!],
    });
    expect(audit.rows.map((r) => String(r.action))).toEqual(["township.attach", "township.release", "township.attach"]);
  });

  it("a member leaves a unit after confirming; its only member cannot", async () => {
    const colleague = chatAs(p, { id: 305, first_name: "东区干事" });
    await colleague.say("/supervise");
    expect(await colleague.click("退出“东区团委”")).toContain("确定退出“东区团委”吗");
    expect(await colleague.click("确认退出")).toContain("您已退出“东区团委”");
    expect(await colleague.say("/overview")).toContain("您还没有登记为上级团委");
    expect(await forge({ id: 305, first_name: "东区干事" }, `ov:u:${ids.county}:0`)).toContain("不在您的管辖范围内");

    const west = chatAs(p, OTHER_COUNTY);
    await west.say("/supervise");
    await west.click("退出“西区团委”");
    expect(await west.click("确认退出")).toContain("您是“西区团委”唯一的成员，不能退出");
    expect(await west.say("/overview")).toContain("甲镇");
  });
});
