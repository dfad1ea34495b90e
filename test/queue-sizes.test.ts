/**
 * The reminder queue's sizes live in src/queues/sizes.ts, which the dispatch, the consumer and the
 * benchmark read; wrangler.toml must declare the same consumer (read here by wrangler itself), or the
 * deployed invocations would not be the ones measured against the free plan's limits.
 */
import path from "node:path";
import { unstable_readConfig } from "wrangler";
import { describe, expect, it } from "vitest";
import { jobsOf } from "../src/queues/job.js";
import { MESSAGES_PER_INVOCATION, REMINDER_QUEUE_SIZES } from "../src/queues/sizes.js";

const config = unstable_readConfig({ config: path.join(import.meta.dirname, "..", "wrangler.toml") });
const consumers: { queue: string; max_batch_size?: number; max_concurrency?: number | null }[] =
  config.queues.consumers ?? [];
const consumer = consumers.find((c) => c.queue === "tuanjian-reminders");

describe("the reminder queue's sizes, one source", () => {
  it("wrangler.toml's consumer takes the batch and concurrency that sizes.ts declares", () => {
    expect(consumer).toBeDefined();
    expect(consumer!.max_batch_size).toBe(REMINDER_QUEUE_SIZES.batchJobs);
    expect(consumer!.max_concurrency).toBe(REMINDER_QUEUE_SIZES.maxConcurrency);
  });

  it("the dispatch cuts a morning into jobs of sizes.ts's chats", () => {
    const rows = Array.from({ length: 23 }, (_, i) => ({ chatId: 1000 + i }));
    const jobs = jobsOf("d1", new Date("2026-03-10T01:00:00Z"), rows);
    expect(jobs.map((j) => j.chats.length)).toEqual([
      ...Array(Math.floor(23 / REMINDER_QUEUE_SIZES.jobChats)).fill(REMINDER_QUEUE_SIZES.jobChats),
      ...(23 % REMINDER_QUEUE_SIZES.jobChats ? [23 % REMINDER_QUEUE_SIZES.jobChats] : []),
    ]);
  });

  it("an invocation's sends, writes, claim and pacer call fit the free plan's 50 subrequests, WeCom members' too", () => {
    const writes = Math.ceil(MESSAGES_PER_INVOCATION / REMINDER_QUEUE_SIZES.markEvery);
    // A WeCom member's reminder: a token, a text, up to three cards and the card's row (the sweep
    // counts each send's requests and stops before the budget: test/wecom.test.ts).
    const perSend = 6;
    // claim + pacer (one per ten chats) + sends + writes + putting jobs back on the queue
    const most = 1 + Math.ceil(MESSAGES_PER_INVOCATION / 10) + MESSAGES_PER_INVOCATION * perSend + writes + 1;
    expect(most).toBeLessThanOrEqual(REMINDER_QUEUE_SIZES.subrequestBudget);
    expect(REMINDER_QUEUE_SIZES.subrequestBudget).toBeLessThanOrEqual(50);
  });
});
