/**
 * The reminder sweep against the real database (a libSQL file) and the loopback Bot API: exactly one
 * message per chat and window, whatever runs twice, concurrently, or dies midway; 429 and 403.
 */
import { spawn } from "node:child_process";
import { Api } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import type { StepRecord } from "../src/domain/checklist/index.js";
import type { TownshipPlan } from "../src/domain/township.js";
import { openNodeDatabase } from "../src/db/node.js";
import { stepRepository } from "../src/db/steps.js";
import { townshipRepository } from "../src/db/townships.js";
import { startReminderSchedule } from "../src/reminders/schedule.js";
import { reminderStore } from "../src/reminders/store.js";
import { runReminderSweep, type SweepOptions } from "../src/reminders/sweep.js";
import { chatAs } from "./fixtures/chat.js";
import { type Pipeline, startPipeline } from "./fixtures/pipeline.js";

/** An instant given as Shanghai wall-clock time. */
const sh = (wall: string) => new Date(`${wall.replace(" ", "T")}:00+08:00`);
/** Party election 2026-03-15: the work plan is due 2026-03-01, the working group 2026-03-04. */
const T = sh("2026-02-26 09:00");

const PLAN: Omit<TownshipPlan, "id"> = {
  province: "海南省",
  city: "三亚市",
  county: "吉阳区",
  name: "吉阳镇",
  kind: "township",
  profileId: "recommended",
  partyElectionDate: "2026-03-15",
  seats: { secretary: 1, fulltimeDeputies: 1, parttimeDeputies: 1, members: 10 },
};

let pipeline: Pipeline | undefined;
afterEach(async () => {
  await pipeline?.close();
  pipeline = undefined;
});

async function setup(options: { apiRetries?: number; now?: Date } = {}) {
  let clock = options.now ?? T;
  pipeline = await startPipeline({
    now: () => clock,
    ...(options.apiRetries ? { apiRetries: options.apiRetries } : {}),
  });
  const p = pipeline;
  const townships = townshipRepository(p.database.db);
  const client = p.database.client;
  return {
    p,
    setNow(now: Date) {
      clock = now;
    },
    /** A township whose secretary is `users[0]`; the others join by invitation. */
    async township(users: number[], plan: Partial<TownshipPlan> = {}): Promise<string> {
      for (const id of users) await townships.touchUser(id, `用户${id}`);
      const id = await townships.create({ ...PLAN, ...plan }, users[0]!, T);
      for (const user of users.slice(1)) {
        const token = await townships.createInvite(users[0]!, id, T);
        await townships.join(user, token!, T);
      }
      return id;
    },
    async record(townshipId: string, record: Omit<StepRecord, "recordedAt">, at = T) {
      await stepRepository(p.database.db).save(townshipId, { ...record, recordedAt: at.toISOString() }, 0);
    },
    sweep(options: SweepOptions = {}, api: Pick<Api, "sendMessage"> = p.bot.api) {
      return runReminderSweep({ db: p.database.db, api }, { now: T, messagesPerSecond: 1000, ...options });
    },
    sentTo(chatId: number) {
      return p.textsTo(chatId).filter((t) => t.startsWith("⏰"));
    },
    async outbox() {
      const rs = await client.execute(
        "SELECT key, chat_id, status, attempts FROM reminder_outbox ORDER BY id",
      );
      return rs.rows.map((r) => ({
        key: String(r.key),
        chatId: Number(r.chat_id),
        status: String(r.status),
        attempts: Number(r.attempts),
      }));
    },
  };
}

describe("the reminder sweep", () => {
  it("sends each member one message listing what is due, with buttons to open a step and to snooze", async () => {
    const s = await setup();
    await s.township([101, 102]);
    const report = await s.sweep();
    expect(report.messages.map((m) => [m.chatId, m.status])).toEqual([
      [101, "sent"],
      [102, "sent"],
    ]);
    const [text] = s.sentTo(101);
    expect(text).toContain("吉阳镇");
    expect(text).toContain("制定工作计划:还有3天到期(2026年3月1日)");
    expect(text).toContain("成立工作机构(领导小组):还有6天到期(2026年3月4日)");
    const call = s.p.api.sent().find((c) => Number(c.payload.chat_id) === 101)!;
    const data = (
      call.payload.reply_markup as { inline_keyboard: { callback_data: string }[][] }
    ).inline_keyboard
      .flat()
      .map((b) => b.callback_data);
    expect(data).toEqual([
      "v1:step:work-plan",
      "v1:step:working-group",
      "v1:rem:snooze:1",
      "v1:rem:snooze:3",
      "v1:rem:snooze:7",
      "v1:rem:show",
    ]);
    expect((await s.outbox()).map((r) => r.status)).toEqual(["sent", "sent", "sent", "sent"]);
  });

  it("run twice at the same time, sends once", async () => {
    const s = await setup();
    await s.township([101, 102]);
    await s.sweep();
    const second = await s.sweep();
    expect(second.messages).toEqual([]);
    expect(s.sentTo(101)).toHaveLength(1);
    expect(s.sentTo(102)).toHaveLength(1);
  });

  it("two sweeps at once, on two connections to the same database, send once", async () => {
    const s = await setup();
    const users = Array.from({ length: 12 }, (_, i) => 201 + i);
    for (let i = 0; i < users.length; i += 3) await s.township(users.slice(i, i + 3));
    const other = await openNodeDatabase(s.p.database.url);
    try {
      const [a, b] = await Promise.all([
        s.sweep({ messagesPerSecond: 50 }),
        runReminderSweep({ db: other.db, api: s.p.bot.api }, { now: T, messagesPerSecond: 50 }),
      ]);
      expect(a.messages.length + b.messages.length).toBe(users.length);
    } finally {
      other.client.close();
    }
    for (const user of users) expect(s.sentTo(user), `chat ${user}`).toHaveLength(1);
    expect(s.p.api.sent()).toHaveLength(users.length);
  });

  it("a sweep that stops midway: the rerun sends the rest, once", async () => {
    const s = await setup();
    const users = [301, 302, 303, 304, 305];
    await s.township(users);
    const crash = new Error("killed");
    await expect(
      s.sweep({
        onMessage: (_m, index) => {
          if (index === 1) throw crash;
        },
      }),
    ).rejects.toBe(crash);
    expect(s.p.api.sent()).toHaveLength(2);
    // Five members, two reminders each: two messages went, the other three chats' rows were given back.
    expect((await s.outbox()).filter((r) => r.status === "pending")).toHaveLength(6);
    const rerun = await s.sweep();
    expect(rerun.messages).toHaveLength(3);
    for (const user of users) expect(s.sentTo(user), `chat ${user}`).toHaveLength(1);
  });

  it("a claim left by a sweep that died is taken over once it is stale, and sent once", async () => {
    const s = await setup();
    await s.township([401, 402]);
    await s.sweep({ batchSize: 0 }); // plans only
    // A sweep claims every row and dies before sending anything.
    const dead = await reminderStore(s.p.database.client).claim(
      "dead-sweep",
      40,
      T,
      T.getTime() - 15 * 60_000,
    );
    expect(dead.rows).toHaveLength(4);
    const soon = await s.sweep({ now: new Date(T.getTime() + 60_000) });
    expect(soon.claimed).toBe(0); // still someone else's
    const later = await s.sweep({ now: new Date(T.getTime() + 16 * 60_000) });
    expect(later.messages.map((m) => m.chatId).sort()).toEqual([401, 402]);
    await s.sweep({ now: new Date(T.getTime() + 32 * 60_000) });
    expect(s.sentTo(401)).toHaveLength(1);
    expect(s.sentTo(402)).toHaveLength(1);
  });

  it("429: the bot's auto-retry waits retry_after and the message goes once", async () => {
    const s = await setup({ apiRetries: 2 });
    await s.township([501]);
    s.p.api.failNext("sendMessage", {
      error_code: 429,
      description: "Too Many Requests: retry after 1",
      parameters: { retry_after: 1 },
    });
    const report = await s.sweep();
    expect(report.messages.map((m) => m.status)).toEqual(["sent"]);
    const calls = s.p.api.calls.filter((c) => c.method === "sendMessage");
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(900);
  });

  it("429 without auto-retry (the Worker's plain Api): the sweep waits retry_after itself", async () => {
    const s = await setup();
    await s.township([502]);
    const plain = new Api("123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ", { apiRoot: s.p.api.url });
    s.p.api.failNext("sendMessage", {
      error_code: 429,
      description: "Too Many Requests: retry after 1",
      parameters: { retry_after: 1 },
    });
    const waits: number[] = [];
    const report = await s.sweep(
      {
        sleep: async (ms) => {
          waits.push(ms);
        },
      },
      plain,
    );
    expect(report.messages.map((m) => m.status)).toEqual(["sent"]);
    expect(waits).toContain(1000);
    expect(s.p.api.sent()).toHaveLength(1);
  });

  it("429 asking for a long wait ends the batch; the next sweep sends it", async () => {
    const s = await setup();
    await s.township([503, 504]);
    s.p.api.failNext("sendMessage", {
      error_code: 429,
      description: "Too Many Requests: retry after 120",
      parameters: { retry_after: 120 },
    });
    const first = await s.sweep();
    expect(first.stopped).toContain("429");
    expect(s.p.api.sent()).toHaveLength(0);
    expect((await s.outbox()).every((r) => r.status === "pending" && r.attempts === 0)).toBe(true);
    await s.sweep({ now: new Date(T.getTime() + 120_000) });
    expect(s.sentTo(503)).toHaveLength(1);
    expect(s.sentTo(504)).toHaveLength(1);
  });

  it("403: the chat is marked blocked and skipped from then on, until the user sends /start", async () => {
    const s = await setup();
    await s.township([601, 602]);
    s.p.api.failNext("sendMessage", {
      error_code: 403,
      description: "Forbidden: bot was blocked by the user",
    });
    const report = await s.sweep();
    expect(report.messages.map((m) => [m.chatId, m.status])).toEqual([
      [601, "blocked"],
      [602, "sent"],
    ]);
    const blocked = await s.p.database.client.execute(
      "SELECT blocked_at FROM reminder_settings WHERE user_id = 601",
    );
    expect(blocked.rows[0]!.blocked_at).not.toBeNull();
    // Two days later new windows open: 602 hears of them, 601 is not even tried.
    const later = sh("2026-02-28 09:00");
    const next = await s.sweep({ now: later });
    expect(next.messages.map((m) => m.chatId)).toEqual([602]);
    expect(
      s.p.api.calls.filter((c) => c.method === "sendMessage" && Number(c.payload.chat_id) === 601),
    ).toHaveLength(1);
    // The user unblocks the bot: Telegram's "Restart" sends /start.
    s.setNow(later);
    await chatAs(s.p, { id: 601 }).say("/start");
    const after = await s.sweep({ now: new Date(later.getTime() + 60_000) });
    expect(after.messages.map((m) => [m.chatId, m.status])).toEqual([[601, "sent"]]);
  });

  it("holds everything in quiet hours and sends at 08:00", async () => {
    const s = await setup();
    await s.township([701]);
    const night = await s.sweep({ now: sh("2026-02-26 22:30") });
    expect(night.quiet).toBe(true);
    expect(await s.outbox()).toEqual([]);
    await s.sweep({ now: sh("2026-02-27 07:59") });
    expect(s.p.api.sent()).toHaveLength(0);
    await s.sweep({ now: sh("2026-02-27 08:00") });
    expect(s.sentTo(701)).toHaveLength(1);
  });

  it("plans the day from 06:00 and sends nothing before 08:00, then each planned reminder once", async () => {
    const s = await setup();
    const id = await s.township([711, 712]);
    const early = await s.sweep({ now: sh("2026-02-27 05:59") });
    expect(early.plan.mode).toBe("quiet");
    expect(await s.outbox()).toEqual([]);
    const ahead = await s.sweep({ now: sh("2026-02-27 06:00") });
    expect(ahead.quiet).toBe(true);
    expect(ahead.plan.mode).toBe("pass");
    expect(ahead.claimed).toBe(0);
    const planned = await s.outbox();
    expect(new Set(planned.map((r) => r.chatId))).toEqual(new Set([711, 712]));
    expect(planned.every((r) => r.status === "pending")).toBe(true);
    // A step done before 08:00 still stops its reminder.
    await s.record(id, { stepId: "work-plan", values: { approvedOn: "2026-02-27" }, recordedBy: 711 }, sh("2026-02-27 07:00"));
    await s.sweep({ now: sh("2026-02-27 07:30") });
    expect(s.p.api.sent()).toHaveLength(0);
    await s.sweep({ now: sh("2026-02-27 08:00") });
    await s.sweep({ now: sh("2026-02-27 08:01") });
    expect(s.sentTo(711)).toHaveLength(1);
    expect(s.sentTo(712)).toHaveLength(1);
    expect(s.sentTo(711)[0]).not.toContain("制定工作计划");
  });

  it("does not send a reminder that stopped being due before it went out (the step was done)", async () => {
    const s = await setup();
    const id = await s.township([801]);
    await s.sweep({ batchSize: 0 }); // planned, not sent
    await s.record(id, { stepId: "work-plan", values: { approvedOn: "2026-02-26" }, recordedBy: 801 });
    const report = await s.sweep({ now: new Date(T.getTime() + 60_000) });
    expect(report.superseded).toBeGreaterThanOrEqual(1);
    const [text] = s.sentTo(801);
    expect(text).not.toContain("制定工作计划");
    expect(text).toContain("成立工作机构");
  });

  it("plans again when a key date changes: the new due date is reminded, the old key is not resent", async () => {
    const s = await setup();
    const id = await s.township([811]);
    await s.sweep();
    const townships = townshipRepository(s.p.database.db);
    const plan = (await townships.getFor(811, id))!;
    expect(await townships.update(811, id, plan.version, { partyElectionDate: "2026-03-12" }, T)).toBe(true);
    const report = await s.sweep({ now: new Date(T.getTime() + 60_000) });
    expect(report.plan.mode).toBe("changes");
    const texts = s.sentTo(811);
    expect(texts).toHaveLength(2);
    expect(texts[1]).toContain("制定工作计划:今天到期"); // 2026-03-12 − 14 days = 2026-02-26
  });

  it("puts two townships of one member in one message", async () => {
    const s = await setup();
    await s.township([901]);
    await s.township([901], { name: "新港街道", kind: "subdistrict" });
    await s.sweep();
    const texts = s.sentTo(901);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain("【吉阳镇】");
    expect(texts[0]).toContain("【新港街道】");
  });

  it("pages the daily pass over the townships: each sweep plans the next page, then the pass is complete", async () => {
    const s = await setup();
    for (let i = 0; i < 5; i++) await s.township([1601 + i]);
    const modes: string[] = [];
    for (let minute = 0; minute < 4; minute++) {
      const report = await s.sweep({ now: new Date(T.getTime() + minute * 60_000), planPageSize: 2 });
      modes.push(`${report.plan.mode}:${report.plan.townships}:${report.plan.passComplete ?? "-"}`);
    }
    expect(modes).toEqual(["pass:2:false", "pass:2:false", "pass:1:true", "none:0:-"]);
    for (let i = 0; i < 5; i++) expect(s.sentTo(1601 + i)).toHaveLength(1);
    // The next day starts a new pass from the first township.
    const nextDay = await s.sweep({ now: sh("2026-02-27 09:00"), planPageSize: 2 });
    expect(nextDay.plan).toMatchObject({ mode: "pass", townships: 2, passComplete: false });
  });

  it("keeps within a subrequest budget: what does not fit waits for the next invocation", async () => {
    const s = await setup();
    const users = Array.from({ length: 8 }, (_, i) => 1001 + i);
    await s.township(users);
    const first = await s.sweep({ subrequestBudget: 10, markEvery: 3 });
    expect(first.calls).toBeLessThanOrEqual(10);
    expect(first.stopped).toBe("subrequest budget");
    const sentFirst = first.messages.length;
    expect(sentFirst).toBeGreaterThan(0);
    expect(sentFirst).toBeLessThan(8);
    await s.sweep({ now: new Date(T.getTime() + 60_000) });
    for (const user of users) expect(s.sentTo(user), `chat ${user}`).toHaveLength(1);
  });
});

describe("the Node schedule", () => {
  it("sweeps every interval without overlapping, and stops cleanly", async () => {
    const s = await setup();
    await s.township([1501, 1502]);
    const lines: string[] = [];
    const logger = {
      debug() {},
      info: (event: string) => lines.push(event),
      warn() {},
      error: (event: string) => lines.push(event),
    };
    const schedule = startReminderSchedule(
      { db: s.p.database.db, api: s.p.bot.api, logger },
      { intervalMs: 30, firstDelayMs: 0, clock: () => T, sweep: { messagesPerSecond: 1000 } },
    );
    await new Promise((r) => setTimeout(r, 400));
    await schedule.stop();
    expect(lines.filter((l) => l === "reminders_sweep").length).toBeGreaterThan(2);
    expect(lines).not.toContain("reminders_sweep_failed");
    expect(s.sentTo(1501)).toHaveLength(1);
    expect(s.sentTo(1502)).toHaveLength(1);
  });
});

describe("/reminders and the reminder buttons", () => {
  it("shows what is coming with dates; mute stops the reminders, unmute brings them back", async () => {
    const s = await setup();
    await s.township([1101]);
    const me = chatAs(s.p, { id: 1101 });
    const view = await me.say("/reminders");
    expect(view).toContain("吉阳镇 · 截止提醒");
    expect(view).toContain("• 2026年3月1日 制定工作计划");
    expect(view).toContain("状态:已开启");
    await me.click("静音");
    expect(s.p.api.calls.filter((c) => c.method === "editMessageText").at(-1)!.payload.text).toContain(
      "已静音",
    );
    expect((await s.sweep()).messages).toEqual([]);
    expect(await me.say("/reminders")).toContain("状态:已静音");
    await me.click("取消静音");
    const report = await s.sweep({ now: new Date(T.getTime() + 60_000) });
    expect(report.messages.map((m) => m.chatId)).toEqual([1101]);
  });

  it("snooze on a reminder: nothing until 08:00 that day, then what is still due comes again", async () => {
    const s = await setup();
    await s.township([1201]);
    await s.sweep();
    const me = chatAs(s.p, { id: 1201 });
    await me.click("暂停1天");
    const notice = s.p.api.calls.filter((c) => c.method === "answerCallbackQuery").at(-1)!;
    expect(notice.payload.text).toBe("已暂停提醒,2026年2月27日 08:00恢复。");
    expect((await s.sweep({ now: sh("2026-02-26 15:00") })).messages).toEqual([]);
    const back = await s.sweep({ now: sh("2026-02-27 08:00") });
    expect(back.messages.map((m) => m.chatId)).toEqual([1201]);
    expect(s.sentTo(1201)).toHaveLength(2);
  });

  it("tells a user without a township how to get reminders", async () => {
    const s = await setup();
    expect(await chatAs(s.p, { id: 1701 }).say("/reminders")).toContain("发送 /register 登记");
    expect(s.p.api.sent().at(-1)!.payload.reply_markup).toBeUndefined();
  });

  it("answers in English for an English client", async () => {
    const s = await setup();
    await s.township([1301]);
    const view = await chatAs(s.p, { id: 1301, language_code: "en" }).say("/reminders");
    expect(view).toContain("deadline reminders");
    await s.sweep();
    expect(s.sentTo(1301)[0]).toContain("Draw up the work plan: due in 3 days (1 Mar 2026)");
  });
});

describe("npm run remind", () => {
  // Asynchronous: the loopback Bot API answers from this process, which must not block on the child.
  const run = (args: string[], env: Record<string, string>) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", "scripts/remind.ts", ...args], {
        env: { PATH: process.env.PATH ?? "", ...env },
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString("utf8");
      });
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString("utf8");
      });
      child.on("close", (status) => resolve({ status, stdout, stderr }));
    });

  it("--dry-run prints what it would send and sends nothing; without it, sends and prints", async () => {
    const s = await setup();
    await s.township([1401, 1402]);
    const env = {
      DATABASE_URL: s.p.database.url,
      BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ",
      PII_HASH_KEY: "test-pii-hash-key",
      TELEGRAM_API_ROOT: s.p.api.url,
    };
    const dry = await run(["--now", "2026-02-26T09:00:00+08:00", "--dry-run"], env);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain("Would send 2 message(s).");
    expect(dry.stdout).toContain("→ chat 1401 [would-send]");
    expect(dry.stdout).toContain("制定工作计划:还有3天到期");
    expect(s.p.api.calls.filter((c) => c.method === "sendMessage")).toEqual([]);
    expect(await s.outbox()).toEqual([]);

    const real = await run(["--now", "2026-02-26T09:00:00+08:00"], env);
    expect(real.status, real.stderr).toBe(0);
    expect(real.stdout).toContain("Sent 2 message(s).");
    expect(s.sentTo(1401)).toHaveLength(1);
    const again = await run(["--now", "2026-02-26T09:05:00+08:00", "--dry-run"], env);
    expect(again.stdout).toContain("Would send 0 message(s).");
    expect((await run(["--now", "yesterday"], env)).stderr).toContain("--now must be an ISO date-time");
  });
});
