/**
 * The reminder sweep: plans what is due into the outbox, then sends a bounded batch. Run by an
 * in-process schedule in Node, by `npm run remind`, and by the Worker's cron — which, with the reminder
 * queue bound, only plans here and leaves sending to the queue's consumer (src/queues/), through the
 * same deliverClaimed.
 *
 * Planning. Reminder windows change with the Shanghai date, so once a day (the first sweep after 08:00)
 * a pass goes over every township (in pages when `planPageSize` is set, resumed by the next sweeps);
 * between passes only townships whose data changed are planned again (audit log entries since the last
 * plan, reminder settings changed, snoozes ended). What is due is inserted with
 * INSERT … ON CONFLICT (key, chat) DO NOTHING (a key superseded earlier is revived).
 *
 * Sending, once. Rows are claimed with one atomic UPDATE (status → sending, this sweep's claim id), so
 * two overlapping sweeps never claim the same row. Claimed rows are checked against what is due now (a
 * date changed, a step was done, the user muted or snoozed: superseded, not sent), grouped into one
 * message per chat, sent at most `messagesPerSecond`, and marked sent after the Bot API accepted them.
 * A claim left by a sweep that died is taken over after `staleClaimMs`.
 *
 * The trade-off: Telegram's sendMessage is not idempotent, so no design gets exactly-once across a
 * crash between "Telegram accepted" and "we wrote sent". We take at-least-once for that window (the
 * stale claim is resent) and exactly-once everywhere else: a lost deadline reminder costs more than a
 * rare duplicate, and the window is one database round trip per message (`markEvery: 1`, Node) or
 * `markEvery` messages (the Worker batches writes to stay within its subrequest budget).
 */
import type { Client } from "@libsql/client";
import { type Api, GrammyError, type InlineKeyboard } from "grammy";
import { isChatRateLimit } from "../lib/chat-rate-limit.js";
import type { Locale } from "../i18n/index.js";
import type { Database } from "../db/client.js";
import { storageFailure } from "../db/storage-failures.js";
import { randomId } from "../db/townships.js";
import { dueReminders, isPlanningTime, isQuietTime, type Reminder } from "../domain/reminders.js";
import { shanghaiDate } from "../domain/time.js";
import type { Logger } from "../logging.js";
import {
  digestEnqueue,
  isSupervisionSubject,
  prepareSupervision,
  type SupervisionSection,
} from "../supervision/outbox.js";
import { isSubject, type ReminderLine, renderReminder } from "./message.js";
import { type LoadedTownship, type Outcome, type OutboxRow, type ReminderStore, reminderStore, type Selection } from "./store.js";

export interface SweepDeps {
  db: Database;
  /** The bot's Api (local chat transport, auto-retry), or a plain one (the Worker counts every call). */
  api: Pick<Api, "sendMessage">;
  logger?: Logger;
  /**
   * Requests a channel makes behind one sendMessage, counted so far (WeCom: a text, cards, a token):
   * each send adds what it made to the invocation's subrequests, on top of the one it counts itself,
   * which stands for the card's row written to the database. Absent: one request per send.
   */
  channelRequests?: () => number;
}

export interface SweepOptions {
  /** The sweep's time (default: now). */
  now?: Date;
  /** Messages per invocation (default 40: Cloudflare's free plan allows 50 subrequests). */
  batchSize?: number;
  /** Send rate limit (default 25/s, under Telegram's 30/s for broadcasts). */
  messagesPerSecond?: number;
  /** Write outcomes after this many messages (default 1: the duplicate window after a crash is one message). */
  markEvery?: number;
  /** A claim older than this is taken over (default 15 minutes, longer than any sweep runs). */
  staleClaimMs?: number;
  /** Tries before a message failing with 5xx or a network error is given up (default 5). */
  maxAttempts?: number;
  /** A 429 asking to wait longer than this ends the batch instead (default 30 s). */
  maxRetryAfterSeconds?: number;
  /** Townships planned per sweep during the daily pass (default: all at once). */
  planPageSize?: number;
  /** Outgoing requests allowed to this invocation: database round trips and Bot API calls (default ∞). */
  subrequestBudget?: number;
  /** Compute and print, write and send nothing. */
  dryRun?: boolean;
  /** Stops sending after the current message (the rest goes back to pending), e.g. at shutdown. */
  signal?: AbortSignal;
  /** Called after each message is settled (tests use it to stop a sweep midway). */
  onMessage?: (message: SweepMessage, index: number) => void | Promise<void>;
  sleep?: (ms: number) => Promise<void>;
}

export interface SweepMessage {
  chatId: number;
  locale: Locale;
  text: string;
  keys: string[];
  status: "sent" | "would-send" | "blocked" | "failed" | "deferred";
  error?: string;
}

export interface SweepReport {
  at: string;
  quiet: boolean;
  dryRun: boolean;
  plan: {
    mode: "pass" | "changes" | "none" | "quiet";
    townships: number;
    due: number;
    enqueued: number;
    computeMs: number;
    passComplete?: boolean;
  };
  claimed: number;
  superseded: number;
  messages: SweepMessage[];
  /** Why sending stopped before the batch was done (a long 429, the subrequest budget). */
  stopped?: string;
  /** The queue consumer: the longest retry_after Telegram asked for (seconds). */
  retryAfter?: number;
  calls: number;
}

const defaults = {
  batchSize: 40,
  messagesPerSecond: 25,
  markEvery: 1,
  staleClaimMs: 15 * 60_000,
  maxAttempts: 5,
  maxRetryAfterSeconds: 30,
  planPageSize: Number.POSITIVE_INFINITY,
  subrequestBudget: Number.POSITIVE_INFINITY,
};

/** The first page tried when a pass with no page size is refused as too large. */
const FIRST_SMALLER_PAGE = 1024;

/**
 * Loads the selection; one the database refuses as too large to answer (sqld answers at most 10 MB: a
 * page of townships with long notes can pass that) is loaded again in halves — a smaller page, which
 * the cursor then resumes after, or the changed townships in two lists. Returns what was loaded and the
 * selection that fitted.
 */
async function loadFitting(
  store: ReminderStore,
  selection: Selection,
  report: SweepReport,
  logger: Logger | undefined,
): Promise<{ townships: LoadedTownship[]; selection: Selection }> {
  try {
    report.calls++;
    return { townships: await store.load(selection), selection };
  } catch (error) {
    if (storageFailure(error)?.kind !== "too-large") throw error;
    if ("page" in selection && selection.page.limit > 1) {
      const limit = Number.isFinite(selection.page.limit) ? Math.floor(selection.page.limit / 2) : FIRST_SMALLER_PAGE;
      logger?.warn("reminder_page_too_large", { townships: selection.page.limit, retry_with: limit });
      return loadFitting(store, { page: { ...selection.page, limit } }, report, logger);
    }
    if ("ids" in selection && selection.ids.length > 1) {
      const half = Math.ceil(selection.ids.length / 2);
      logger?.warn("reminder_page_too_large", { townships: selection.ids.length, retry_with: half });
      const first = await loadFitting(store, { ids: selection.ids.slice(0, half) }, report, logger);
      const second = await loadFitting(store, { ids: selection.ids.slice(half) }, report, logger);
      return { townships: [...first.townships, ...second.townships], selection };
    }
    throw error;
  }
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function runReminderSweep(deps: SweepDeps, options: SweepOptions = {}): Promise<SweepReport> {
  const o = { ...defaults, ...definedOnly(options) };
  const now = options.now ?? new Date();
  const sleep = options.sleep ?? realSleep;
  // drizzle keeps the libSQL client it wraps as `$client` (file or HTTP, whichever the runtime opened).
  const store = reminderStore((deps.db as unknown as { $client: Client }).$client);
  const report: SweepReport = {
    at: now.toISOString(),
    quiet: isQuietTime(now),
    dryRun: Boolean(options.dryRun),
    plan: { mode: "quiet", townships: 0, due: 0, enqueued: 0, computeMs: 0 },
    claimed: 0,
    superseded: 0,
    messages: [],
    calls: 0,
  };
  // 22:00–08:00 Shanghai: nothing is sent, the windows stay open until the morning; from 06:00 the
  // day's plan is made ahead (PLANNING_STARTS_HOUR), so that a paged pass is done by 08:00.
  if (report.quiet && !isPlanningTime(now)) return report;
  if (options.dryRun) return report.quiet ? report : preview(store, now, o.batchSize, o.staleClaimMs, report);

  // ---- plan ----
  const today = shanghaiDate(now);
  const state = await store.readState(now);
  report.calls++;
  const [cursorDate, cursorId] = state.cursor ? splitCursor(state.cursor) : [undefined, ""];
  let selection: Selection | undefined;
  if (state.plannedDate !== today || state.cursor) {
    report.plan.mode = "pass";
    selection = { page: { after: cursorDate === today ? cursorId : "", limit: o.planPageSize } };
  } else if (state.changed.length > 0) {
    report.plan.mode = "changes";
    selection = { ids: state.changed };
  } else report.plan.mode = "none";
  if (selection) {
    const loaded = await loadFitting(store, selection, report, deps.logger);
    const townships = loaded.townships;
    const t0 = performance.now();
    const due = dueReminders({ townships, now });
    report.plan.computeMs = Math.round(performance.now() - t0);
    report.plan.townships = townships.length;
    report.plan.due = due.length;
    let update: ReturnType<typeof store.incrementalUpdate>;
    if ("page" in selection) {
      const limit = "page" in loaded.selection ? loaded.selection.page.limit : o.planPageSize;
      const complete = !Number.isFinite(limit) || townships.length < limit;
      report.plan.passComplete = complete;
      update = store.passUpdate(
        state.cursor,
        complete
          ? { completed: today }
          : { cursor: `${today}|${townships.map((t) => t.plan.id).sort().at(-1)}` },
        now,
      );
    } else update = store.incrementalUpdate(state.maxAuditId, now);
    // The supervisors' weekly digest is queued by the daily pass too (once per unit, member and week).
    if ("page" in selection) update.push(digestEnqueue(now));
    report.plan.enqueued = await store.enqueue(due, update);
    report.calls++;
  }

  // ---- send ----
  // The Worker's cron with a queue only plans (src/queues/dispatch.ts sends the jobs); before 08:00
  // nothing is sent.
  if (o.batchSize <= 0 || report.quiet) return finish(report, deps.logger);
  // Room for the claim, one message and the final write.
  if (report.calls + 3 > o.subrequestBudget) {
    report.stopped = "subrequest budget";
    return report;
  }
  const claimId = randomId();
  const claim = await store.claim(claimId, o.batchSize, now, now.getTime() - o.staleClaimMs);
  report.calls++;
  report.claimed = claim.rows.length;
  if (claim.rows.length === 0) return finish(report, deps.logger);
  await deliverClaimed(deps, store, claimId, claim, now, report, {
    ...o,
    pacer: localPacer(o.messagesPerSecond, sleep),
    sleep,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onMessage ? { onMessage: options.onMessage } : {}),
  });
  return finish(report, deps.logger);
}

/** Paces sends: each chat's turn (false: no turn now, stop), and a note when a send was answered. */
export interface Pacer {
  turn(chatId: number): Promise<boolean>;
  answered(): void;
}

/**
 * In-process pacing: sends spaced 1/rate apart, and never more than `rate` in a second as Telegram
 * counts them: send n + rate starts a full second after send n was answered (so after it arrived).
 */
function localPacer(messagesPerSecond: number, sleep: (ms: number) => Promise<void>): Pacer {
  const rate = Math.max(1, Math.floor(messagesPerSecond));
  const interval = 1000 / messagesPerSecond;
  const answered: number[] = [];
  let nextSlot = Date.now();
  return {
    async turn() {
      const windowStart = answered.length >= rate ? answered[answered.length - rate]! + 1000 : 0;
      const wait = Math.max(nextSlot, windowStart) - Date.now();
      if (wait > 0) await sleep(wait);
      nextSlot = Math.max(nextSlot, Date.now()) + interval;
      return true;
    },
    answered() {
      answered.push(Date.now());
      if (answered.length > rate) answered.shift();
    },
  };
}

export interface DeliveryOptions {
  markEvery: number;
  maxAttempts: number;
  maxRetryAfterSeconds: number;
  subrequestBudget: number;
  pacer: Pacer;
  sleep: (ms: number) => Promise<void>;
  /** The queue consumer: a 429 is not waited out here, the rows go back to this job (queued). */
  giveBackTo?: { job: string };
  signal?: AbortSignal;
  onMessage?: SweepOptions["onMessage"];
}

export type Claim = Awaited<ReturnType<ReminderStore["claim"]>>;

/**
 * Sends what a claim holds, one message per chat, and settles its rows: checked against what is due
 * now, paced, written every `markEvery` messages. Whatever was not decided goes back (to pending, or to
 * the job with `giveBackTo`); returns the chats given back so.
 */
export async function deliverClaimed(
  deps: SweepDeps,
  store: ReminderStore,
  claimId: string,
  claim: Claim,
  now: Date,
  report: SweepReport,
  o: DeliveryOptions,
): Promise<Set<number>> {
  const stillDue = new Set(
    dueReminders({ townships: claim.townships, now }).map((r) => `${r.key}#${r.userId}`),
  );
  // Subrequests a send takes, at most so far: one, or behind a channel such as WeCom up to six (a token,
  // a text, three cards, the card's row) until a larger one is seen.
  const sendCost = { most: deps.channelRequests ? 6 : 1 };
  const names = new Map(claim.townships.map((t) => [t.plan.id, t.plan.name]));
  // Digests and nudges: checked and written by their own module, sent in the same message per chat.
  const supervision = await prepareSupervision(deps.db, claim.rows, claim.townships, now);
  report.calls += supervision.calls;
  const chats = groupByChat(claim.rows);
  const unsettled: Outcome[] = [];
  const done = new Set<number>(); // chats whose outcome is decided
  const givenBack = new Set<number>();
  let sentSinceWrite = 0;
  let settleError: unknown;

  const write = async () => {
    if (unsettled.length === 0) return;
    const batch = unsettled.splice(0);
    await store.settle(claimId, batch, now, o.giveBackTo);
    report.calls++;
    sentSinceWrite = 0;
  };

  try {
    for (const [chatId, rows] of chats) {
      const info = claim.chatInfo.get(chatId);
      const locale = info?.locale ?? "zh";
      const reminders = rows.filter((r) => !isSupervisionSubject(r.subject));
      const supervised = supervision.section(chatId, rows, locale);
      const due = [...reminders.filter((r) => stillDue.has(`${r.key}#${chatId}`)), ...supervised.valid];
      const gone = [...reminders.filter((r) => !stillDue.has(`${r.key}#${chatId}`)), ...supervised.gone];
      if (info?.blocked) {
        unsettled.push({ chatId, rowIds: rows.map((r) => r.id), status: "blocked" });
        done.add(chatId);
        continue;
      }
      if (gone.length > 0) {
        unsettled.push({ chatId, rowIds: gone.map((r) => r.id), status: "superseded" });
        report.superseded += gone.length;
      }
      if (due.length === 0) {
        done.add(chatId);
        continue;
      }
      if (o.signal?.aborted) {
        report.stopped = "stopped";
        break;
      }
      // The message and the final write must fit (a 429 retry checks for itself).
      if (report.calls + sendCost.most + 1 > o.subrequestBudget) {
        report.stopped = "subrequest budget";
        break;
      }
      if (!(await o.pacer.turn(chatId))) {
        report.stopped = "paced";
        break;
      }
      const { text, keyboard } = composeMessage(locale, toLines(due, names), supervised, shanghaiDate(now));
      const result = await send(deps.api, deps.channelRequests, sendCost, chatId, text, keyboard, o, report, due);
      o.pacer.answered();
      const message: SweepMessage = {
        chatId,
        locale,
        text,
        keys: due.map((r) => r.key),
        status:
          result.status === "sent" || result.status === "blocked" || result.status === "failed"
            ? result.status
            : "deferred",
        ...(result.error ? { error: result.error } : {}),
      };
      report.messages.push(message);
      unsettled.push({
        chatId,
        rowIds: due.map((r) => r.id),
        status: result.status,
        ...(result.messageId !== undefined ? { messageId: result.messageId } : {}),
        ...(result.error ? { error: result.error } : {}),
        ...(result.tried ? { tried: true } : {}),
        markChat: result.status === "blocked",
      });
      done.add(chatId);
      if (result.status === "pending") givenBack.add(chatId);
      if (result.status === "sent") sentSinceWrite++;
      if (sentSinceWrite >= o.markEvery || result.status !== "sent") await write();
      if (result.stop) {
        report.stopped = result.error ?? "rate limited";
        break;
      }
      await o.onMessage?.(message, report.messages.length - 1);
    }
  } finally {
    // Whatever was decided is written; what was not tried goes back to pending for the next sweep.
    for (const [chatId, rows] of chats)
      if (!done.has(chatId)) {
        unsettled.push({ chatId, rowIds: rows.map((r) => r.id), status: "pending" });
        givenBack.add(chatId);
      }
    try {
      await write();
    } catch (error) {
      deps.logger?.error("reminders_settle_failed", { error });
      settleError = error;
    }
  }
  // The queue consumer must know: its job is retried, and the rows' lease decides who sends them.
  if (settleError !== undefined && o.giveBackTo) throw settleError;
  return givenBack;
}

interface SendResult {
  status: Outcome["status"];
  messageId?: number;
  error?: string;
  tried?: boolean;
  stop?: boolean;
}

async function send(
  api: SweepDeps["api"],
  channelRequests: SweepDeps["channelRequests"],
  sendCost: { most: number },
  chatId: number,
  text: string,
  keyboard: InlineKeyboard,
  o: DeliveryOptions,
  report: SweepReport,
  rows: OutboxRow[],
): Promise<SendResult> {
  for (let attempt = 0; ; attempt++) {
    try {
      report.calls++;
      const before = channelRequests?.() ?? 0;
      try {
        const message = await api.sendMessage(chatId, text, { reply_markup: keyboard });
        return { status: "sent", messageId: message.message_id };
      } finally {
        const made = (channelRequests?.() ?? 0) - before;
        report.calls += made;
        sendCost.most = Math.max(sendCost.most, made + 1);
      }
    } catch (error) {
      const description = error instanceof Error ? error.message : String(error);
      if (error instanceof GrammyError) {
        // The user blocked the bot (or deleted their account): mark the chat and skip it from now on.
        if (error.error_code === 403) return { status: "blocked", error: description };
        // One chat's own limit (a WeCom member's 30 a minute): this chat's rows wait in the outbox
        // (or, in the queue consumer, its job comes back after retry_after); the batch goes on.
        if (isChatRateLimit(error)) {
          if (o.giveBackTo) report.retryAfter = Math.max(report.retryAfter ?? 0, error.parameters.retry_after ?? 60);
          return { status: "pending", error: description };
        }
        if (error.error_code === 429) {
          // The bot's auto-retry (if installed) already waited; otherwise wait here, within limits.
          const retryAfter = error.parameters.retry_after ?? 1;
          // The queue consumer hands the wait to the queue (the job comes back after retry_after).
          if (o.giveBackTo) {
            report.retryAfter = Math.max(report.retryAfter ?? 0, retryAfter);
            return { status: "pending", error: description, stop: true };
          }
          if (retryAfter <= o.maxRetryAfterSeconds && attempt < 3 && report.calls + 2 <= o.subrequestBudget) {
            await o.sleep(retryAfter * 1000);
            continue;
          }
          return { status: "pending", error: description, stop: true };
        }
        // Any other 4xx (chat not found, message malformed) will not succeed on a retry.
        if (error.error_code >= 400 && error.error_code < 500)
          return { status: "failed", error: description };
      }
      // 5xx or the network: the next sweep tries again, up to maxAttempts.
      const attempts = Math.max(...rows.map((r) => r.attempts));
      return attempts >= o.maxAttempts
        ? { status: "failed", error: description }
        : { status: "pending", error: description, tried: true };
    }
  }
}

/** Dry run: what a sweep at `now` would send, from every township, writing nothing. */
async function preview(
  store: ReturnType<typeof reminderStore>,
  now: Date,
  batchSize: number,
  staleClaimMs: number,
  report: SweepReport,
): Promise<SweepReport> {
  const townships = await store.load({ page: { after: "", limit: Number.POSITIVE_INFINITY } });
  const t0 = performance.now();
  const due = dueReminders({ townships, now });
  report.plan = {
    mode: "pass",
    townships: townships.length,
    due: due.length,
    enqueued: 0,
    computeMs: Math.round(performance.now() - t0),
  };
  const dueById = new Map(due.map((r) => [`${r.key}#${r.userId}`, r]));
  const existing = await store.existing([...new Set(due.map((r) => r.key))]);
  const stale = now.getTime() - staleClaimMs;
  const rows: OutboxRow[] = [];
  // Rows already waiting (still due), then what the plan would add; in the order a sweep would send.
  for (const row of await store.pending(stale)) if (dueById.has(`${row.key}#${row.chatId}`)) rows.push(row);
  const queued = new Set(rows.map((r) => `${r.key}#${r.chatId}`));
  let nextId = Number.MAX_SAFE_INTEGER - due.length;
  for (const [id, r] of dueById) {
    const known = existing.get(id);
    if (queued.has(id) || (known && known.status !== "superseded")) continue;
    rows.push(asRow(r, nextId++));
  }
  const chats = [...groupByChat(rows)].slice(0, batchSize);
  const info = await store.chatInfo(chats.map(([chatId]) => chatId));
  const names = new Map(townships.map((t) => [t.plan.id, t.plan.name]));
  for (const [chatId, chatRows] of chats) {
    if (info.get(chatId)?.blocked) continue;
    const locale = info.get(chatId)?.locale ?? "zh";
    const { text } = renderReminder(locale, toLines(chatRows, names), shanghaiDate(now));
    report.messages.push({ chatId, locale, text, keys: chatRows.map((r) => r.key), status: "would-send" });
  }
  return report;
}

/** One message per chat: a supervisor's nudge or digest first, then the deadline reminders, if any. */
function composeMessage(
  locale: Locale,
  lines: readonly ReminderLine[],
  supervised: SupervisionSection,
  today: string,
): { text: string; keyboard: InlineKeyboard } {
  const reminder = lines.length > 0 ? renderReminder(locale, lines, today) : undefined;
  if (!supervised.text) return reminder!;
  if (!reminder) return { text: supervised.text, keyboard: supervised.keyboard! };
  return {
    text: `${supervised.text}\n\n${reminder.text}`,
    keyboard: supervised.keyboard!.row().append(reminder.keyboard),
  };
}

function asRow(r: Reminder, id: number): OutboxRow {
  return {
    id,
    key: r.key,
    chatId: r.userId,
    townshipId: r.item.townshipId,
    subject: r.item.subject,
    kind: r.item.kind,
    dueDate: r.item.due,
    attempts: 0,
  };
}

function groupByChat(rows: readonly OutboxRow[]): Map<number, OutboxRow[]> {
  const chats = new Map<number, OutboxRow[]>();
  for (const row of [...rows].sort((a, b) => a.id - b.id)) {
    const list = chats.get(row.chatId);
    if (list) list.push(row);
    else chats.set(row.chatId, [row]);
  }
  return chats;
}

function toLines(rows: readonly OutboxRow[], names: Map<string, string>): ReminderLine[] {
  return rows
    .filter((r) => isSubject(r.subject))
    .map((r) => ({
      townshipId: r.townshipId,
      townshipName: names.get(r.townshipId) ?? "",
      subject: r.subject as ReminderLine["subject"],
      due: r.dueDate,
    }));
}

function splitCursor(cursor: string): [string, string] {
  const bar = cursor.indexOf("|");
  return [cursor.slice(0, bar), cursor.slice(bar + 1)];
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function finish(report: SweepReport, logger: Logger | undefined): SweepReport {
  const count = (status: SweepMessage["status"]) => report.messages.filter((m) => m.status === status).length;
  logger?.info("reminders_sweep", {
    plan: report.plan.mode,
    townships: report.plan.townships,
    due: report.plan.due,
    enqueued: report.plan.enqueued,
    compute_ms: report.plan.computeMs,
    claimed: report.claimed,
    superseded: report.superseded,
    sent: count("sent"),
    blocked: count("blocked"),
    failed: count("failed"),
    deferred: count("deferred"),
    calls: report.calls,
    ...(report.stopped ? { stopped: report.stopped } : {}),
  });
  return report;
}

/** Human-readable lines for the CLI. */
export function formatSweepReport(report: SweepReport): string {
  const out = [
    `${report.dryRun ? "Dry run" : "Sweep"} at ${report.at} (Shanghai ${shanghaiDate(new Date(report.at))})`,
  ];
  if (report.quiet) {
    out.push("Quiet hours (22:00–08:00 Shanghai): nothing planned or sent; due reminders wait for 08:00.");
    return out.join("\n");
  }
  const p = report.plan;
  out.push(
    `Plan: ${p.mode}, ${p.townships} township(s), ${p.due} reminder(s) due, ${p.enqueued} new in the outbox, computed in ${p.computeMs} ms`,
  );
  if (!report.dryRun) out.push(`Claimed ${report.claimed} row(s); superseded ${report.superseded}.`);
  const verb = report.dryRun ? "Would send" : "Sent";
  const sent = report.messages.filter((m) => m.status === "sent" || m.status === "would-send");
  out.push(`${verb} ${sent.length} message(s).`);
  for (const m of report.messages) {
    out.push(
      "",
      `→ chat ${m.chatId} [${m.status}${m.error ? `: ${m.error}` : ""}] (${m.locale}), ${m.keys.length} reminder(s)`,
    );
    out.push(...m.text.split("\n").map((line) => `  ${line}`));
  }
  if (report.stopped) out.push("", `Stopped early: ${report.stopped}`);
  return out.join("\n");
}
