/**
 * Reminders through the reminder queue in the real Worker (workerd, as `wrangler dev` runs it, with
 * the queue, its dead-letter queue and the pacer Durable Object as wrangler.toml declares them): the
 * cron plans and dispatches, the consumer sends. The database is the Hrana fixture over a SQLite file;
 * the Bot API on loopback enforces Telegram's flood limits (30 a second overall, one a second per chat)
 * with 429 + retry_after. One Worker, one morning after another: each day's reminders are new keys.
 */
import { seedReminderTownships } from "./fixtures/reminder-townships.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotApiFixture, RecordedCall } from "./fixtures/bot-api.js";
import { startTestWorker, type TestWorker, WORKER_AFTER_ALL_MS, WORKER_BEFORE_ALL_MS } from "./fixtures/worker.js";
import { REMINDER_QUEUE_SIZES } from "../src/queues/sizes.js";

/** The Party election on 2026-03-15 puts the work plan due 2026-03-01. */
const at = (day: string) => new Date(`${day}T09:00:00+08:00`).getTime();
const CHATS = Array.from({ length: 45 }, (_, i) => 7_800_001 + i);

let worker: TestWorker | undefined;
let botApi: BotApiFixture;

const query = <T>(sql: string, ...params: unknown[]) => worker!.query<T>(sql, ...params);

beforeAll(async () => {
  worker = await startTestWorker({
    prefix: "reminders-queue-",
    webhookSecret: "reminders-queue-secret_0123456789",
    botApi: { limits: { perSecond: 30, perChatMs: 1000 } },
    // Short waits, so that a crash's lease and a failing job's retries fit a test.
    extraBindings: { REMINDER_LEASE_SECONDS: "3", REMINDER_RETRY_SECONDS: "1" },
    seed: (db) => seedReminderTownships(db, CHATS, new Date(at("2026-02-20"))),
  });
  ({ botApi } = worker);
}, WORKER_BEFORE_ALL_MS);

afterAll(async () => {
  await worker?.stop();
}, WORKER_AFTER_ALL_MS);

async function until(condition: () => boolean, message: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const open = () =>
  query<{ n: number }>(
    "SELECT count(*) AS n FROM reminder_outbox WHERE status IN ('pending', 'queued', 'sending')",
  )[0]!.n;

/** Fires the cron at `time` and waits until nothing is left to send and nothing more arrives. */
async function morning(time: number, timeoutMs = 30_000, during?: () => Promise<void>): Promise<void> {
  const response = await worker!.scheduled("* * * * *", time);
  expect(response.status).toBe(200);
  await response.arrayBuffer();
  await during?.();
  await settled(timeoutMs);
}

async function settled(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  let quiet = 0;
  for (;;) {
    await new Promise((r) => setTimeout(r, 400));
    const calls = botApi.calls.length;
    quiet = open() === 0 && calls === last ? quiet + 1 : 0;
    if (quiet >= 3) return;
    last = calls;
    if (Date.now() > deadline) throw new Error(`not settled: ${open()} row(s) open`);
  }
}

/** Successful sendMessage calls since index `from`, per chat. */
function deliveries(from: number): Map<number, RecordedCall[]> {
  const out = new Map<number, RecordedCall[]>();
  for (const call of botApi.calls.slice(from))
    if (call.method === "sendMessage" && call.status === 200) {
      const chat = Number(call.payload.chat_id);
      out.set(chat, [...(out.get(chat) ?? []), call]);
    }
  return out;
}

function maxPerSecond(calls: RecordedCall[]): number {
  const times = calls.map((c) => c.at).sort((a, b) => a - b);
  let best = 0;
  for (let start = 0, end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= 1000) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

describe("reminders through the queue, at Telegram's pace", () => {
  it("delivers a whole morning: every chat once, within the flood limits, every row sent", async () => {
    const from = botApi.calls.length;
    await morning(at("2026-02-26"));
    const got = deliveries(from);
    expect([...got.keys()].sort()).toEqual([...CHATS].sort());
    expect([...got.values()].every((calls) => calls.length === 1)).toBe(true);
    expect(String(got.get(CHATS[0]!)![0]!.payload.text)).toContain("制定工作计划:还有3天到期");
    expect(botApi.floods).toEqual([]);
    expect(maxPerSecond([...got.values()].flat())).toBeLessThanOrEqual(30);
    expect(query("SELECT status, count(*) AS n FROM reminder_outbox GROUP BY status")).toEqual([
      { status: "sent", n: 90 },
    ]);
  });

  it("a 429 puts the job back for retry_after; its redelivery sends only what was not sent", async () => {
    const from = botApi.calls.length;
    // The send after the 14th is refused once: the jobs before it are done, its job is put back.
    await morning(at("2026-02-28"), 30_000, async () => {
      await until(() => deliveries(from).size >= 14, "the consumer did not start sending");
      botApi.failNext("sendMessage", {
        error_code: 429,
        description: "Too Many Requests: retry after 3",
        parameters: { retry_after: 3 },
      });
    });
    const refused = botApi.calls.slice(from).find((c) => c.status === 429)!;
    const refusedChat = Number(refused.payload.chat_id);
    const got = deliveries(from);
    expect([...got.keys()].sort()).toEqual([...CHATS].sort());
    expect([...got.values()].filter((calls) => calls.length !== 1)).toEqual([]);
    const retried = got.get(refusedChat)![0]!;
    expect(retried.at - refused.at).toBeGreaterThanOrEqual(3000);
    expect(String(retried.payload.text)).toContain("制定工作计划:明天到期");
    // Those sent before the 429 (its job's first chats among them) were not sent again when it came back.
    expect([...got.values()].filter((calls) => calls[0]!.at < refused.at).length).toBeGreaterThanOrEqual(14);
  });

  it("the same rows on the queue twice (a job given up for lost, dispatched again): each message once", async () => {
    const from = botApi.calls.length;
    // Every job is held back by a 429 for 5 s (each invocation stops at its first); meanwhile a cron 16
    // minutes on finds their rows queued for longer than 15 minutes and dispatches them again, in new jobs.
    const jobs = Math.ceil(CHATS.length / REMINDER_QUEUE_SIZES.jobChats);
    botApi.failNext(
      "sendMessage",
      { error_code: 429, description: "Too Many Requests: retry after 5", parameters: { retry_after: 5 } },
      jobs,
    );
    let heldBack = 0;
    await morning(at("2026-03-01"), 30_000, async () => {
      await until(
        () =>
          botApi.calls.slice(from).filter((c) => c.status === 429).length === jobs &&
          query<{ n: number }>("SELECT count(*) AS n FROM reminder_outbox WHERE status = 'sending'")[0]!.n === 0,
        "the first jobs were not held back",
      );
      heldBack = query<{ n: number }>(
        "SELECT count(DISTINCT chat_id) AS n FROM reminder_outbox WHERE status = 'queued'",
      )[0]!.n;
      const again = await worker!.scheduled("* * * * *", at("2026-03-01") + 16 * 60_000);
      await again.arrayBuffer();
    });
    expect(heldBack).toBe(CHATS.length);
    const got = deliveries(from);
    expect([...got.keys()].sort()).toEqual([...CHATS].sort());
    expect([...got.values()].filter((calls) => calls.length !== 1)).toEqual([]);
  });

  it("a consumer that crashes mid-batch (the database gone): the rest is sent, repeats only the unwritten last sends", async () => {
    const from = botApi.calls.length;
    let outage = { start: 0, sentBefore: 0, end: 0 };
    await morning(at("2026-03-02"), 60_000, async () => {
      await until(() => deliveries(from).size >= 5, "the consumer did not start sending");
      worker!.hrana.setUnavailable(true);
      outage = { start: Date.now(), sentBefore: deliveries(from).size, end: 0 };
      await new Promise((r) => setTimeout(r, 1500));
      outage.end = Date.now();
      worker!.hrana.setUnavailable(false);
    });
    // It stopped mid-batch: with nothing written, nothing more went out until the database was back.
    expect(outage.sentBefore).toBeLessThan(CHATS.length);
    const during = botApi.calls
      .slice(from)
      .filter((c) => c.method === "sendMessage" && c.at > outage.start + 200 && c.at < outage.end);
    expect(during).toEqual([]);
    const got = deliveries(from);
    expect([...got.keys()].sort()).toEqual([...CHATS].sort());
    // Telegram accepted them, the write that would have said so failed: at most markEvery (2) messages.
    const twice = [...got.values()].filter((calls) => calls.length > 1);
    expect(twice.length).toBeLessThanOrEqual(REMINDER_QUEUE_SIZES.markEvery);
    expect([...got.values()].every((calls) => calls.length <= 2)).toBe(true);
    expect(query("SELECT DISTINCT status FROM reminder_outbox")).toEqual([{ status: "sent" }]);
  });

  it("a job that keeps failing reaches the dead-letter queue: its rows are marked failed, the others sent", async () => {
    const poison = CHATS[7]!;
    const from = botApi.calls.length;
    botApi.failChat(poison, { error_code: 500, description: "Internal Server Error" });
    try {
      await morning(at("2026-03-09"), 60_000);
    } finally {
      botApi.failChat(poison, undefined);
    }
    const got = deliveries(from);
    expect([...got.keys()].sort()).toEqual(CHATS.filter((c) => c !== poison).sort());
    expect([...got.values()].every((calls) => calls.length === 1)).toBe(true);
    // max_retries = 5 in wrangler.toml: six tries, then the dead-letter queue.
    const tries = botApi.calls.slice(from).filter((c) => Number(c.payload.chat_id) === poison);
    expect(tries).toHaveLength(6);
    const rows = query<{ status: string; last_error: string }>(
      "SELECT status, last_error FROM reminder_outbox WHERE chat_id = ? AND due_date = '2026-03-01' AND kind = 'overdue-1'",
      poison,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.status).toBe("failed");
      expect(row.last_error).toMatch(/^dead-lettered: .*Internal Server Error/);
    }
    // The next cron does not send them again.
    await morning(at("2026-03-09") + 60_000);
    expect(botApi.calls.slice(from).filter((c) => Number(c.payload.chat_id) === poison)).toHaveLength(6);
  });

  it("Telegram's flood control, again and again, delays jobs but never dead-letters them", async () => {
    const from = botApi.calls.length;
    // More 429s in a row than max_retries (5): a retry would have sent the job to the dead-letter queue.
    botApi.failNext(
      "sendMessage",
      { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } },
      8,
    );
    await morning(at("2026-03-16"), 60_000);
    expect(botApi.calls.slice(from).filter((c) => c.status === 429)).toHaveLength(8);
    const got = deliveries(from);
    expect([...got.keys()].sort()).toEqual([...CHATS].sort());
    expect([...got.values()].filter((calls) => calls.length !== 1)).toEqual([]);
    expect(
      query("SELECT count(*) AS n FROM reminder_outbox WHERE status = 'failed' AND due_date = '2026-03-01' AND kind = 'overdue-2'"),
    ).toEqual([{ n: 0 }]);
  });

  it("sends nothing at night", async () => {
    const before = botApi.calls.length;
    await morning(new Date("2026-03-10T23:30:00+08:00").getTime());
    expect(botApi.calls.length).toBe(before);
  });
});
