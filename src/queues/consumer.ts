/**
 * The reminder queue's consumer, in the same Worker: each invocation takes a batch of jobs (sizes.ts:
 * few enough messages for the free plan's 10 ms of CPU and 50 subrequests), claims their rows for this
 * attempt, asks the pacer for one slot per chat, sends, and settles the rows — all within its own
 * subrequest budget. The outbox claim stays the truth, so a redelivered or
 * duplicated job sends nothing that was sent: its rows are no longer queued. Per job message:
 *  - everything settled (sent, blocked, failed on a 4xx, superseded): ack;
 *  - a 5xx or a network error: retry after attempts × REMINDER_RETRY_SECONDS; a job that keeps failing
 *    reaches the dead-letter queue after max_retries (wrangler.toml) and deadLetterJobs marks it failed;
 *  - anything that is no failure of the job — Telegram's 429 (after its retry_after), no pacer slot
 *    soon enough, the subrequest budget spent, rows another attempt still holds (its lease), the
 *    database failing — puts it back on the queue as a new message with a delay, not a retry: a retry
 *    would bring a good job nearer the dead-letter queue;
 *  - quiet hours (22:00–08:00): the rows go back to pending, for the morning's dispatch.
 * Rows an attempt that died left `sending` are taken over when its lease ends — at-least-once only for
 * the messages Telegram accepted after the attempt's last write (at most `markEvery`).
 */
import type { Client } from "@libsql/client";
import { randomId } from "../db/townships.js";
import { isQuietTime } from "../domain/reminders.js";
import type { Logger } from "../logging.js";
import { reminderStore } from "../reminders/store.js";
import { deliverClaimed, type Pacer, type SweepDeps, type SweepReport } from "../reminders/sweep.js";
import { type ReminderJob, reminderJobSchema } from "./job.js";
import { reserveSlots } from "./pace.js";
import type { DurableObjectNamespace, MessageBatch, QueueMessage, QueueProducer } from "./platform.js";
import { REMINDER_QUEUE_SIZES } from "./sizes.js";

export interface ConsumerDeps extends SweepDeps {
  pace: DurableObjectNamespace;
  /** To put a job back with a delay that is not a failure. */
  queue?: QueueProducer<ReminderJob>;
  logger?: Logger;
}

export interface ConsumerOptions {
  now?: Date;
  /** Messages a second across all consumers (default 28). */
  rate?: number;
  leaseMs?: number;
  retrySeconds?: number;
  /** Subrequests this invocation may make (default: sizes.ts, the free plan's 50 less a margin). */
  subrequestBudget?: number;
  /** Outcome writes after this many messages (default: sizes.ts). */
  markEvery?: number;
}

export interface ConsumerReport {
  jobs: number;
  claimedRows: number;
  sent: number;
  acked: number;
  retried: number;
  requeued: number;
  calls: number;
}

const HORIZON_MS = 20_000;
const PACE_CHUNK = 10;

export async function consumeReminderJobs(
  batch: MessageBatch<unknown>,
  deps: ConsumerDeps,
  options: ConsumerOptions = {},
): Promise<ConsumerReport> {
  const rate = options.rate ?? 28;
  const leaseMs = options.leaseMs ?? 60_000;
  const retrySeconds = options.retrySeconds ?? 5;
  const budget = options.subrequestBudget ?? REMINDER_QUEUE_SIZES.subrequestBudget;
  const store = reminderStore((deps.db as unknown as { $client: Client }).$client);
  const out: ConsumerReport = {
    jobs: 0,
    claimedRows: 0,
    sent: 0,
    acked: 0,
    retried: 0,
    requeued: 0,
    calls: 0,
  };

  const groups = new Map<string, { message: QueueMessage<unknown>; job: ReminderJob }[]>();
  for (const message of batch.messages) {
    const parsed = reminderJobSchema.safeParse(message.body);
    if (!parsed.success) {
      // Nothing in the outbox points at it: retrying cannot help.
      deps.logger?.error("reminders_job_malformed", { message_id: message.id });
      message.ack();
      continue;
    }
    const list = groups.get(parsed.data.job) ?? [];
    list.push({ message, job: parsed.data });
    groups.set(parsed.data.job, list);
  }
  /** Jobs to put back as new messages: their clock (`at`) moves to now, as the queue's timestamp will. */
  const requeue: { message: QueueMessage<unknown>; job: ReminderJob; delaySeconds: number; now: Date }[] = [];
  /** Messages whose fate this invocation decided (acked, retried or to be put back). */
  const settled = new Set<string>();

  for (const [job, entries] of groups) {
    out.jobs += entries.length;
    const now =
      options.now ??
      new Date(
        Math.max(...entries.map((e) => e.job.at + Math.max(0, Date.now() - e.message.timestamp.getTime()))),
      );
    const chats = [...new Set(entries.flatMap((e) => e.job.chats))];
    if (isQuietTime(now)) {
      await store.release(job, chats);
      out.calls++;
      for (const e of entries) e.message.ack();
      out.acked += entries.length;
      continue;
    }
    try {
      await deliverGroup(job, chats, entries, now);
    } catch (error) {
      // The database (or the pacer) failed: nothing here is the job's fault, so it is put back, not
      // retried towards the dead-letter queue. Rows this attempt claimed wait for their lease to end.
      deps.logger?.error("reminders_consumer_failed", { error });
      for (const { message, job: body } of entries)
        if (!settled.has(message.id))
          requeue.push({
            message,
            job: body,
            delaySeconds: Math.max(retrySeconds, Math.ceil(leaseMs / 1000)),
            now,
          });
    }
  }

  async function deliverGroup(
    job: string,
    chats: number[],
    entries: { message: QueueMessage<unknown>; job: ReminderJob }[],
    now: Date,
  ) {
    const attemptId = `${job}:${randomId()}`;
    const claim = await store.claimJob(job, attemptId, chats, now, now.getTime() - leaseMs);
    out.calls++;
    out.claimedRows += claim.rows.length;
    const report: SweepReport = {
      at: now.toISOString(),
      quiet: false,
      dryRun: false,
      plan: { mode: "none", townships: 0, due: 0, enqueued: 0, computeMs: 0 },
      claimed: claim.rows.length,
      superseded: 0,
      messages: [],
      calls: out.calls,
    };
    let givenBack = new Set<number>();
    let paced = false;
    if (claim.rows.length > 0) {
      const claimedChats = [...new Set(claim.rows.map((r) => r.chatId))].filter(
        (chat) => !claim.chatInfo.get(chat)?.blocked,
      );
      // Slots are asked for (at most) ten chats at a time: a batch that stops early (a 429) leaves at most ten
      // unused slots in the shared schedule, which would otherwise hold the next consumers back.
      const slotAt = new Map<number, number | null>();
      const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
      const pacer: Pacer = {
        async turn(chatId) {
          if (!slotAt.has(chatId)) {
            const from = claimedChats.indexOf(chatId);
            const chunk = claimedChats.slice(from, from + PACE_CHUNK);
            const { waits } = await reserveSlots(deps.pace, { chats: chunk, rate, horizonMs: HORIZON_MS });
            report.calls++;
            const t0 = Date.now();
            for (const [i, chat] of chunk.entries()) {
              const wait = waits[i];
              slotAt.set(chat, wait === null || wait === undefined ? null : t0 + wait);
            }
          }
          const at = slotAt.get(chatId);
          if (at === null || at === undefined) {
            paced = true;
            return false;
          }
          const left = at - Date.now();
          if (left > 0) await sleep(left);
          return true;
        },
        answered() {},
      };
      givenBack = await deliverClaimed(deps, store, attemptId, claim, now, report, {
        markEvery: options.markEvery ?? REMINDER_QUEUE_SIZES.markEvery,
        maxAttempts: Number.POSITIVE_INFINITY,
        maxRetryAfterSeconds: 0,
        // Room for a pacer call and for putting jobs back on the queue.
        subrequestBudget: budget - 2,
        pacer,
        sleep,
        giveBackTo: { job },
      });
    }
    out.calls = report.calls;
    out.sent += report.messages.filter((m) => m.status === "sent").length;
    const tried = new Set(report.messages.filter((m) => m.status === "deferred").map((m) => m.chatId));

    for (const { message, job: body } of entries) {
      const busy = body.chats.filter((c) => claim.busyChats.has(c));
      const back = body.chats.filter((c) => givenBack.has(c));
      if (busy.length === 0 && back.length === 0) {
        message.ack();
        settled.add(message.id);
        out.acked++;
      } else if (report.retryAfter !== undefined && back.length > 0) {
        // Telegram's flood control is no failure of the job: back on the queue after retry_after.
        requeue.push({ message, job: body, delaySeconds: report.retryAfter, now });
        settled.add(message.id);
      } else if (back.some((c) => tried.has(c))) {
        message.retry({ delaySeconds: retrySeconds * message.attempts });
        settled.add(message.id);
        out.retried++;
      } else {
        const leaseLeft = Math.max(0, ...busy.map((c) => claim.busyChats.get(c)! + leaseMs - now.getTime()));
        const delaySeconds = Math.max(
          1,
          Math.ceil((busy.length > 0 ? leaseLeft : paced ? HORIZON_MS / 2 : 1000) / 1000),
        );
        requeue.push({ message, job: body, delaySeconds, now });
        settled.add(message.id);
      }
    }
  }

  // Untried work (a 429, paced out, budget, a lease, the database down): back on the queue as new
  // messages, their attempts intact (only a job whose sends fail counts towards the dead-letter queue).
  if (requeue.length > 0) {
    if (deps.queue && out.calls < budget) {
      await deps.queue.sendBatch(
        requeue.map((r) => ({ body: { ...r.job, at: r.now.getTime() }, delaySeconds: r.delaySeconds })),
      );
      out.calls++;
      for (const r of requeue) r.message.ack();
      out.requeued += requeue.length;
    } else
      for (const r of requeue) {
        r.message.retry({ delaySeconds: r.delaySeconds });
        out.retried++;
      }
  }
  deps.logger?.info("reminders_consumer", { ...out });
  return out;
}

/**
 * The dead-letter queue's consumer: a job that failed max_retries times lands here. Its rows that are
 * still unsettled are marked failed (`last_error` "dead-lettered: <last error>"), logged, and counted by
 * the cron's dispatch report; nothing is sent from here.
 */
export async function deadLetterJobs(
  batch: MessageBatch<unknown>,
  deps: Pick<SweepDeps, "db"> & { logger?: Logger },
  now = new Date(),
): Promise<number> {
  const store = reminderStore((deps.db as unknown as { $client: Client }).$client);
  let total = 0;
  for (const message of batch.messages) {
    const parsed = reminderJobSchema.safeParse(message.body);
    if (parsed.success) {
      const rows = await store.deadLetter(parsed.data.job, parsed.data.chats, now);
      total += rows;
      deps.logger?.warn("reminders_dead_letter", {
        job: parsed.data.job,
        chats: parsed.data.chats.length,
        rows,
        attempts: message.attempts,
      });
    } else deps.logger?.error("reminders_dead_letter_malformed", { message_id: message.id });
    message.ack();
  }
  return total;
}
