/**
 * The Worker's cron with a reminder queue: plans what is due into the outbox exactly as the sweep does
 * (src/reminders/sweep.ts, idempotent and resumable), then, instead of sending, marks the pending rows
 * of up to `maxChats` chats `queued` under one dispatch id and puts them on the queue as jobs of a few
 * chats (sizes.ts). The consumer (consumer.ts) sends them. At most `maxChats` chats are queued or being sent at a
 * time: a minute's cron keeps a good minute and a half of Telegram's pace in the queue, no more, so a
 * step done or a mute set meanwhile still reaches the check made just before each send.
 */
import { randomId } from "../db/townships.js";
import type { Logger } from "../logging.js";
import { runReminderSweep, type SweepDeps, type SweepReport } from "../reminders/sweep.js";
import { reminderStore } from "../reminders/store.js";
import type { Client } from "@libsql/client";
import { jobsOf, type ReminderJob } from "./job.js";
import type { QueueProducer } from "./platform.js";

export interface DispatchOptions {
  now: Date;
  /** Chats queued or being sent at once, at most (default 2,500: 90 s at 28/s). */
  maxChats?: number;
  planPageSize?: number;
  subrequestBudget?: number;
  /** A queued row whose job never came is dispatched again after this long (default 15 minutes). */
  staleClaimMs?: number;
}

export interface DispatchReport {
  sweep: SweepReport;
  queuedChats: number;
  queuedRows: number;
  jobs: number;
  /** Rows the dead-letter queue marked failed in the last 24 hours. */
  deadLettered: number;
}

const QUEUE_BATCH = 100; // sendBatch takes at most 100 messages

export async function runReminderDispatch(
  deps: SweepDeps & { queue: QueueProducer<ReminderJob>; logger?: Logger },
  options: DispatchOptions,
): Promise<DispatchReport> {
  const { now } = options;
  const sweep = await runReminderSweep(deps, {
    now,
    batchSize: 0,
    ...(options.planPageSize ? { planPageSize: options.planPageSize } : {}),
    ...(options.subrequestBudget ? { subrequestBudget: options.subrequestBudget } : {}),
  });
  const report: DispatchReport = { sweep, queuedChats: 0, queuedRows: 0, jobs: 0, deadLettered: 0 };
  if (sweep.quiet) return report;
  const store = reminderStore((deps.db as unknown as { $client: Client }).$client);
  const job = randomId();
  const staleBefore = now.getTime() - (options.staleClaimMs ?? 15 * 60_000);
  const queued = await store.dispatch(
    job,
    options.maxChats ?? 2500,
    now,
    staleBefore,
    now.getTime() - 86_400_000,
  );
  report.deadLettered = queued.deadLettered;
  report.queuedRows = queued.rows.length;
  const jobs = jobsOf(job, now, queued.rows);
  try {
    for (let i = 0; i < jobs.length; i += QUEUE_BATCH)
      await deps.queue.sendBatch(jobs.slice(i, i + QUEUE_BATCH).map((body) => ({ body })));
  } catch (error) {
    // Jobs already on the queue find their rows pending and send nothing; the next dispatch takes them.
    deps.logger?.error("reminders_dispatch_failed", { error });
    await store.release(job);
    return report;
  }
  report.jobs = jobs.length;
  report.queuedChats = jobs.reduce((n, j) => n + j.chats.length, 0);
  deps.logger?.info("reminders_dispatch", {
    jobs: report.jobs,
    chats: report.queuedChats,
    rows: report.queuedRows,
    ...(report.deadLettered > 0 ? { dead_lettered_24h: report.deadLettered } : {}),
  });
  if (report.deadLettered > 0) deps.logger?.warn("reminders_dead_letters", { rows_24h: report.deadLettered });
  return report;
}
