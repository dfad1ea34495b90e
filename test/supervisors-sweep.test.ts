/**
 * The supervisors' messages through the reminder outbox and the real sweep (libSQL file, loopback Bot
 * API): the weekly digest arrives once per member and week however often the sweep runs, never in
 * quiet hours, not when muted or after leaving the unit; a nudge arrives once per member and day.
 */
import { afterEach, describe, expect, it } from "vitest";
import { stepRepository } from "../src/db/steps.js";
import { supervisionRepository } from "../src/db/supervision.js";
import { townshipRepository } from "../src/db/townships.js";
import { reminderSettingsRepository } from "../src/reminders/settings.js";
import { runReminderSweep, type SweepOptions } from "../src/reminders/sweep.js";
import { type Pipeline, startPipeline } from "./fixtures/pipeline.js";
import { samplePlan } from "./fixtures/plans.js";

/** An instant given as Shanghai wall-clock time. */
const sh = (wall: string) => new Date(`${wall.replace(" ", "T")}:00+08:00`);
const MONDAY = sh("2026-03-09 09:00");
const SUPERVISOR = 301;
const SECRETARY = 401;
const DEPUTY = 402;

let pipeline: Pipeline | undefined;
afterEach(async () => {
  await pipeline?.close();
  pipeline = undefined;
});

async function setup() {
  pipeline = await startPipeline({ now: () => MONDAY });
  const p = pipeline;
  const db = p.database.db;
  const supervision = supervisionRepository(db);
  const townships = townshipRepository(db);
  const county = await supervision.register(SUPERVISOR, { level: "county", name: "东区团委" }, MONDAY);
  if (!county.ok) throw new Error("not registered");
  for (const id of [SECRETARY, DEPUTY]) await townships.touchUser(id, `用户${id}`);
  const township = await townships.create(samplePlan("甲镇", "2026-02-20"), SECRETARY, MONDAY);
  await townships.join(DEPUTY, (await townships.createInvite(SECRETARY, township, MONDAY))!, MONDAY);
  const token = await supervision.createInvite(SUPERVISOR, county.id, "below", MONDAY);
  expect((await supervision.attachTownship(SECRETARY, token!, MONDAY)).ok).toBe(true);
  await stepRepository(db).save(
    township,
    {
      stepId: "work-plan",
      values: { approvedOn: "2026-02-01" },
      recordedBy: SECRETARY,
      recordedAt: "2026-02-01T02:00:00.000Z",
    },
    0,
  );
  return {
    p,
    supervision,
    county: county.id,
    township,
    sweep: (now: Date, options: SweepOptions = {}) =>
      runReminderSweep({ db, api: p.bot.api }, { now, messagesPerSecond: 1000, ...options }),
    digestsTo: (chatId: number) => p.textsTo(chatId).filter((t) => t.includes("每周进度简报")),
    nudgesTo: (chatId: number) => p.textsTo(chatId).filter((t) => t.startsWith("📣")),
  };
}

describe("the weekly digest", () => {
  it("reaches each supervisor once a week, however often the sweep runs", async () => {
    const s = await setup();
    await s.sweep(MONDAY);
    await s.sweep(MONDAY);
    await s.sweep(sh("2026-03-09 15:00"));
    await s.sweep(sh("2026-03-11 09:00"));
    const digests = s.digestsTo(SUPERVISOR);
    expect(digests).toHaveLength(1);
    expect(digests[0]).toContain("📊 每周进度简报：“东区团委”（2026年3月9日）");
    expect(digests[0]).toContain("下属乡镇（街道）1个");
    expect(digests[0]).toContain("⚠️ 有逾期步骤的乡镇：1个");
    expect(digests[0]).toContain("· 甲镇：🟠 有逾期，准备阶段，完成 1/13");
    const call = s.p.api.sent().find((c) => String(c.payload.text).includes("每周进度简报"))!;
    const buttons = (
      call.payload.reply_markup as { inline_keyboard: { callback_data: string }[][] }
    ).inline_keyboard.flat();
    expect(buttons[0]!.callback_data).toBe(`v1:ov:u:${s.county}:0`);
    // The next week, the next digest.
    await s.sweep(sh("2026-03-16 09:00"));
    expect(s.digestsTo(SUPERVISOR)).toHaveLength(2);
  });

  it("waits for the morning in quiet hours, and does not go to a muted supervisor", async () => {
    const s = await setup();
    await s.sweep(sh("2026-03-09 07:30"));
    expect(s.digestsTo(SUPERVISOR)).toHaveLength(0);
    await reminderSettingsRepository(s.p.database.db).setMuted(SUPERVISOR, true, MONDAY);
    await s.sweep(MONDAY);
    expect(s.digestsTo(SUPERVISOR)).toHaveLength(0);
  });

  it("waits for a supervisor's snooze to end, then comes once that week", async () => {
    const s = await setup();
    const settings = reminderSettingsRepository(s.p.database.db);
    await settings.snooze(SUPERVISOR, sh("2026-03-11 08:00"), MONDAY);
    await s.sweep(MONDAY);
    await s.sweep(sh("2026-03-10 09:00"));
    expect(s.digestsTo(SUPERVISOR)).toHaveLength(0);
    await s.sweep(sh("2026-03-11 09:00"));
    await s.sweep(sh("2026-03-12 09:00"));
    expect(s.digestsTo(SUPERVISOR)).toHaveLength(1);
  });

  it("is not sent to someone who left the unit after it was queued", async () => {
    const s = await setup();
    // Plans (queues the digest) but claims nothing.
    await s.sweep(MONDAY, { batchSize: 0 });
    await s.p.database.client.execute({
      sql: "DELETE FROM unit_memberships WHERE user_id = ?",
      args: [SUPERVISOR],
    });
    const report = await s.sweep(MONDAY);
    expect(report.superseded).toBe(1);
    expect(s.digestsTo(SUPERVISOR)).toHaveLength(0);
  });
});

describe("a nudge", () => {
  it("reaches every member of the township once, whatever the clicks and sweeps that day", async () => {
    const s = await setup();
    const at = sh("2026-03-10 10:00");
    expect(await s.supervision.nudge(SUPERVISOR, s.township, at)).toEqual({
      name: "甲镇",
      queued: 2,
      members: 2,
      quiet: 0,
    });
    expect(await s.supervision.nudge(SUPERVISOR, s.township, sh("2026-03-10 18:00"))).toEqual({
      name: "甲镇",
      queued: 0,
      members: 2,
      quiet: 0,
    });
    await s.sweep(at);
    await s.sweep(at);
    for (const chat of [SECRETARY, DEPUTY]) {
      const nudges = s.nudgesTo(chat);
      expect(nudges).toHaveLength(1);
      expect(nudges[0]).toContain("📣“东区团委”提醒您：请抓紧推进“甲镇”的团组织格局创新。");
      expect(nudges[0]).toContain("下一步是“成立工作机构(领导小组)”");
    }
    // Another day, another nudge.
    expect((await s.supervision.nudge(SUPERVISOR, s.township, sh("2026-03-11 10:00")))?.queued).toBe(2);
    await s.sweep(sh("2026-03-11 10:00"));
    expect(s.nudgesTo(SECRETARY)).toHaveLength(2);
  });

  it("is not sent to a member who snoozed reminders, before the click or after it", async () => {
    const s = await setup();
    const settings = reminderSettingsRepository(s.p.database.db);
    const at = sh("2026-03-10 10:00");
    await settings.snooze(DEPUTY, sh("2026-03-12 08:00"), sh("2026-03-10 09:00"));
    expect(await s.supervision.nudge(SUPERVISOR, s.township, at)).toMatchObject({ queued: 1, members: 2, quiet: 1 });
    // Queued for the secretary, who then snoozes before the sweep sends it.
    await settings.snooze(SECRETARY, sh("2026-03-11 08:00"), sh("2026-03-10 10:00"));
    expect((await s.sweep(sh("2026-03-10 10:01"))).superseded).toBe(1);
    expect(s.nudgesTo(SECRETARY)).toEqual([]);
    expect(s.nudgesTo(DEPUTY)).toEqual([]);
    // Once the secretary's snooze is over, the next day's nudge reaches them; the deputy's runs on.
    expect(await s.supervision.nudge(SUPERVISOR, s.township, sh("2026-03-11 10:00"))).toMatchObject({ queued: 1, quiet: 1 });
    await s.sweep(sh("2026-03-11 10:00"));
    expect(s.nudgesTo(SECRETARY)).toHaveLength(1);
    expect(s.nudgesTo(DEPUTY)).toEqual([]);
  });

  it("is refused for a township outside the supervisor's units", async () => {
    const s = await setup();
    const other = await s.supervision.register(999, { level: "county", name: "西区团委" }, MONDAY);
    expect(other.ok).toBe(true);
    expect(await s.supervision.nudge(999, s.township, MONDAY)).toBeUndefined();
    const rows = await s.p.database.client.execute(
      "SELECT count(*) AS n FROM reminder_outbox WHERE kind = 'nudge'",
    );
    expect(Number(rows.rows[0]!.n)).toBe(0);
  });
});
