/**
 * A send job on the reminder queue: the chats whose rows the cron's dispatch `job` marked queued. The
 * outbox stays the truth (the rows, their status and claim); the message only says which to look at.
 */
import { z } from "zod";
import { REMINDER_QUEUE_SIZES } from "./sizes.js";

export const reminderJobSchema = z.object({
  job: z.string().min(1).max(64),
  /**
   * The dispatch's clock (the cron's scheduled time, ms). The consumer reads the time as this plus the
   * time the message has spent on the queue: in production that is the wall clock; a cron fired for
   * another instant (tests, `wrangler dev`) keeps its consumer at that instant too.
   */
  at: z.number().int(),
  chats: z.array(z.number().int()).min(1).max(100),
});
export type ReminderJob = z.infer<typeof reminderJobSchema>;

/** Groups a dispatch's rows into jobs of up to `jobChats` chats each (sizes.ts), in the order they came. */
export function jobsOf(
  job: string,
  at: Date,
  rows: readonly { chatId: number }[],
  jobChats: number = REMINDER_QUEUE_SIZES.jobChats,
): ReminderJob[] {
  const chats = [...new Set(rows.map((r) => r.chatId))];
  const jobs: ReminderJob[] = [];
  for (let i = 0; i < chats.length; i += jobChats)
    jobs.push({ job, at: at.getTime(), chats: chats.slice(i, i + jobChats) });
  return jobs;
}
