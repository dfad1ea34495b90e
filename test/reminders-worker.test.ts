/**
 * The reminder sweep in the real Worker (workerd, as `wrangler dev` runs it) from its cron trigger, as
 * a deployment without the reminder queue runs it (test/reminders-queue-worker.test.ts has the queue):
 * the database over HTTP (the Hrana fixture), the Bot API on loopback. One invocation sends at most its
 * batch (40, within the free plan's 50 subrequests); the next continues; nobody gets a message twice.
 */
import { seedReminderTownships } from "./fixtures/reminder-townships.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotApiFixture } from "./fixtures/bot-api.js";
import { startTestWorker, type TestWorker, WORKER_AFTER_ALL_MS, WORKER_BEFORE_ALL_MS } from "./fixtures/worker.js";

/** 09:00 in Shanghai; the Party election on 2026-03-15 puts the work plan due 2026-03-01. */
const T = new Date("2026-02-26T09:00:00+08:00").getTime();
const CHATS = Array.from({ length: 45 }, (_, i) => 7_700_001 + i);

let worker: TestWorker | undefined;
let botApi: BotApiFixture;

const query = <T>(sql: string, ...params: unknown[]) => worker!.query<T>(sql, ...params);

beforeAll(async () => {
  worker = await startTestWorker({
    prefix: "reminders-worker-",
    queues: false,
    webhookSecret: "reminders-worker-secret_0123456789",
    seed: (db) => seedReminderTownships(db, CHATS, new Date(T)),
  });
  ({ botApi } = worker);
}, WORKER_BEFORE_ALL_MS);

afterAll(async () => {
  await worker?.stop();
}, WORKER_AFTER_ALL_MS);

/** Fires the cron trigger at `time` and waits until the sweep's writes settle (it runs in waitUntil). */
async function cron(time: number): Promise<void> {
  const response = await worker!.scheduled("* * * * *", time);
  expect(response.status).toBe(200);
  await response.arrayBuffer();
  const deadline = Date.now() + 30_000;
  let last = -1;
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    const busy =
      query<{ busy: number }>("SELECT count(*) AS busy FROM reminder_outbox WHERE status = 'sending'")[0]
        ?.busy ?? 0;
    const sent = botApi.sent("sendMessage").length;
    if (busy === 0 && sent === last) return;
    last = sent;
    if (Date.now() > deadline) throw new Error("the sweep did not settle");
  }
}

describe("reminders from the Worker's cron trigger", () => {
  it("sends 40 messages per invocation, the rest on the next, each chat once", async () => {
    await cron(T);
    const first = botApi.sent("sendMessage");
    expect(first).toHaveLength(40);
    expect(String(first[0]!.payload.text)).toContain("制定工作计划:还有3天到期");
    expect(query("SELECT count(*) AS n FROM reminder_outbox WHERE status = 'sent'")).toEqual([{ n: 80 }]);

    await cron(T + 60_000);
    await cron(T + 120_000);
    const chats = botApi.sent("sendMessage").map((c) => Number(c.payload.chat_id));
    expect(chats).toHaveLength(CHATS.length);
    expect(new Set(chats)).toEqual(new Set(CHATS));
    expect(query("SELECT status, count(*) AS n FROM reminder_outbox GROUP BY status")).toEqual([
      { status: "sent", n: 90 },
    ]);
  });

  it("sends nothing at night", async () => {
    const before = botApi.calls.length;
    await cron(new Date("2026-02-27T23:30:00+08:00").getTime());
    expect(botApi.calls.length).toBe(before);
  });
});
