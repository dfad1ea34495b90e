/**
 * How the reminder queue's work is cut, in one place: the dispatch makes jobs of `jobChats` chats, the
 * consumer takes `batchJobs` of them per invocation within `subrequestBudget`, the benchmark measures
 * exactly that invocation, and wrangler.toml's `[[queues.consumers]]` for the reminder queue must say
 * the same (`max_batch_size`, `max_concurrency`; test/queue-sizes.test.ts fails when they differ).
 *
 * Sized for the free plan: an invocation may use 10 ms of CPU and make 50 subrequests. One invocation
 * sends `jobChats × batchJobs` messages (one per chat); each costs its render, its sendMessage and a
 * share of the outcome writes, on top of the claim and the pacer call (bench/lib/worker-cost.ts
 * measures it: README "Reminders").
 */
export const REMINDER_QUEUE_SIZES = {
  /** Chats per queue message (a job). Queues bills per message, so fewer, larger jobs cost less. */
  jobChats: 4,
  /** Jobs per consumer invocation: wrangler.toml's max_batch_size. */
  batchJobs: 1,
  /**
   * Consumer invocations at once: wrangler.toml's max_concurrency. Alone, an invocation spends its
   * claim, pacer call and last write between sends; a few at once keep the pacer's 28/s filled.
   */
  maxConcurrency: 5,
  /** Outcome writes after this many messages: also the most messages a crash can send twice. */
  markEvery: 2,
  /** Subrequests an invocation may make: the free plan's 50 less a margin (database, Bot API, pacer, queue). */
  subrequestBudget: 48,
} as const;

/**
 * Townships the cron plans per invocation during the daily pass (one page a minute), with or without
 * the queue. A page costs 50–70 µs of CPU a township in Node (load, plan, and above all the outbox
 * rows written: bench/lib/worker-cost.ts), 55–72 ms for 1,000: more than the free plan's 10 ms, so a
 * deployment past a hundred-odd townships runs its cron on the paid plan (30 s). 40,000 townships are
 * 40 pages, planned from 06:00 (domain/reminders.ts PLANNING_STARTS_HOUR), done long before 08:00; a
 * page's JSON (about 1 MB) stays far inside the database's 10 MB answer.
 */
export const CRON_PLAN_PAGE = 1000;

/** Messages one consumer invocation sends at most. */
export const MESSAGES_PER_INVOCATION = REMINDER_QUEUE_SIZES.jobChats * REMINDER_QUEUE_SIZES.batchJobs;
