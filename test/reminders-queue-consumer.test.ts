/**
 * The reminder queue's consumer on its own, in Node against a libSQL file (two connections: two
 * consumer invocations on two machines) and the loopback Bot API: the case the local queue cannot
 * produce on demand — the same message delivered twice at the same moment — and the pacer's schedule
 * across several consumers. The Worker-level behaviour is in test/reminders-queue-worker.test.ts.
 */

import { Api } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { openNodeDatabase } from "../src/db/node.js";
import { consumeReminderJobs } from "../src/queues/consumer.js";
import { runReminderDispatch } from "../src/queues/dispatch.js";
import type { ReminderJob } from "../src/queues/job.js";
import { PaceSchedule, PER_CHAT_MS, TelegramPace } from "../src/queues/pace.js";
import type { DurableObjectNamespace, MessageBatch } from "../src/queues/platform.js";
import { REMINDER_QUEUE_SIZES } from "../src/queues/sizes.js";
import { type BotApiFixture, startBotApi } from "./fixtures/bot-api.js";
import { type TempDatabase, tempDatabase } from "./fixtures/database.js";
import { recordingQueue } from "./fixtures/recording-queue.js";
import { seedReminderTownships } from "./fixtures/reminder-townships.js";

const T = new Date("2026-02-26T09:00:00+08:00");
const TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ";

let database: TempDatabase | undefined;
let botApi: BotApiFixture | undefined;

afterEach(async () => {
  await botApi?.close();
  database?.cleanup();
});

/** A batch as the queue hands it to the consumer, recording what the consumer acked or retried. */
function batchOf(jobs: ReminderJob[], id: string) {
  const settled = new Map<string, string>();
  const batch: MessageBatch<unknown> = {
    queue: "tuanjian-reminders",
    messages: jobs.map((body, i) => ({
      id: `${id}-${i}`,
      timestamp: new Date(),
      body,
      attempts: 1,
      ack: () => settled.set(`${id}-${i}`, "ack"),
      retry: (o) => settled.set(`${id}-${i}`, `retry ${o?.delaySeconds ?? 0}`),
    })),
    ackAll() {},
    retryAll() {},
  };
  return { batch, settled };
}

describe("the reminder queue's consumer", () => {
  it("the same job delivered to two consumers at the same moment sends each message once", async () => {
    database = await tempDatabase("queue-consumer-");
    botApi = await startBotApi({ limits: { perSecond: 30, perChatMs: 1000 } });
    // One job's worth of chats (sizes.ts), delivered twice.
    const chats = Array.from({ length: REMINDER_QUEUE_SIZES.jobChats }, (_, i) => 8_100_001 + i);
    await seedReminderTownships(database.db, chats, T);
    const api = new Api(TOKEN, { apiRoot: botApi.url });
    const queue = recordingQueue();
    const { jobs } = queue;
    const dispatched = await runReminderDispatch({ db: database.db, api, queue }, { now: T });
    expect(dispatched.queuedChats).toBe(chats.length);
    expect(jobs).toHaveLength(1);

    // One pacer (the Durable Object's class), two consumers on two connections.
    const pacer = new TelegramPace();
    const pace: DurableObjectNamespace = {
      idFromName: () => "telegram",
      get: () => ({ fetch: (input, init) => pacer.fetch(new Request(input, init)) }),
    };
    const other = await openNodeDatabase(database.url);
    try {
      const first = batchOf(jobs, "a");
      const second = batchOf(jobs, "a");
      const [a, b] = await Promise.all([
        consumeReminderJobs(first.batch, { db: database.db, api, pace, queue }, { now: T }),
        consumeReminderJobs(second.batch, { db: other.db, api, pace, queue }, { now: T }),
      ]);
      expect(a.sent + b.sent).toBe(chats.length);
      // Whoever claimed the rows acked; the other found them taken (sent, or within the lease).
      expect([...first.settled.values(), ...second.settled.values()]).toContain("ack");
    } finally {
      other.client.close();
    }
    const got = botApi.sent("sendMessage").map((c) => Number(c.payload.chat_id));
    expect(got.sort()).toEqual([...chats].sort());
    expect(botApi.floods).toEqual([]);
    const statuses = await database.client.execute("SELECT DISTINCT status FROM reminder_outbox");
    expect(statuses.rows.map((r) => r.status)).toEqual(["sent"]);
  });

  it("the cron plans from 06:00 but queues nothing before 08:00; at 08:00 it queues what was planned", async () => {
    database = await tempDatabase("queue-dispatch-early-");
    botApi = await startBotApi();
    const chats = [8_200_001, 8_200_002];
    await seedReminderTownships(database.db, chats, T);
    const api = new Api(TOKEN, { apiRoot: botApi.url });
    const queue = recordingQueue();
    const early = await runReminderDispatch({ db: database.db, api, queue }, { now: new Date("2026-02-27T06:30:00+08:00") });
    expect(early.sweep.plan.mode).toBe("pass");
    expect(early.sweep.plan.enqueued).toBeGreaterThan(0);
    expect(queue.jobs).toEqual([]);
    const eight = await runReminderDispatch({ db: database.db, api, queue }, { now: new Date("2026-02-27T08:00:00+08:00") });
    expect(eight.queuedChats).toBe(chats.length);
    expect(botApi.calls).toHaveLength(0);
  });

  it("the pacer hands out at most `rate` slots in any second and one per chat each 1.1 s, across consumers", () => {
    const schedule = new PaceSchedule();
    const slots: { chat: number; at: number }[] = [];
    // Four consumers asking at nearly the same time, some chats in two of them (a nudge after a reminder).
    for (let consumer = 0; consumer < 4; consumer++) {
      const chats = Array.from({ length: 30 }, (_, i) => 100 + ((consumer * 25 + i) % 110));
      const now = 1_000_000 + consumer * 7;
      const { waits } = schedule.reserve({ chats, rate: 28, horizonMs: 60_000 }, now);
      waits.forEach((wait, i) => {
        expect(wait).not.toBeNull();
        slots.push({ chat: chats[i]!, at: now + wait! });
      });
    }
    const times = slots.map((s) => s.at).sort((x, y) => x - y);
    for (let i = 28; i < times.length; i++) expect(times[i]! - times[i - 28]!).toBeGreaterThanOrEqual(1000 - 1e-6);
    const byChat = new Map<number, number[]>();
    for (const s of slots) byChat.set(s.chat, [...(byChat.get(s.chat) ?? []), s.at]);
    for (const list of byChat.values()) {
      list.sort((x, y) => x - y);
      for (let i = 1; i < list.length; i++) expect(list[i]! - list[i - 1]!).toBeGreaterThanOrEqual(PER_CHAT_MS);
    }
    // Past the horizon: no slot (the consumer puts the job back on the queue).
    const late = schedule.reserve({ chats: [999], rate: 28, horizonMs: 1000 }, 1_000_000);
    expect(late.waits).toEqual([null]);
  });
});
