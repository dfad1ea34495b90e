/**
 * The reminder sweep's database side, in plain SQL over the libSQL client (an embedded file in Node,
 * HTTP in the Worker). Every function is one round trip (a batch is one request over HTTP and one
 * transaction), so the sweep can count its Cloudflare subrequests.
 */
import type { Client, InStatement, ResultSet } from "@libsql/client";
import type { Locale } from "../i18n/index.js";
import { PLAN_JSON_ITEMS, type PlanTuple, planFromTuple } from "../db/plan-json.js";
import type { Reminder, ReminderMember, TownshipReminderInput } from "../domain/reminders.js";

const STATE_ID = "sweep";
/** How the dead-letter queue's consumer marks the rows of a job that kept failing (`last_error`). */
export const DEAD_LETTER = "dead-lettered";
/** Rows are kept this long after they were written: longer than any reminder window (7 days). */
export const OUTBOX_RETENTION_MS = 30 * 86_400_000;

export interface PlanState {
  plannedDate: string | null;
  /** `<date>|<township id>`: where an unfinished pass over every township stopped, and the day it began. */
  cursor: string | null;
  auditId: number;
  plannedAt: number;
  /** The audit_log's newest id when the state was read. */
  maxAuditId: number;
  /** Townships whose data changed since the last incremental plan (audit log, settings, ended snoozes). */
  changed: string[];
}

/** Which townships to load: a page of every township by id, a list, or those of a claim. */
export type Selection = { page: { after: string; limit: number } } | { ids: string[] } | { claim: string };

export interface LoadedTownship extends TownshipReminderInput {
  /** Members the bot cannot write to (it got 403 from Telegram); never passed to the planner. */
  blocked: number[];
}

export interface OutboxRow {
  id: number;
  key: string;
  chatId: number;
  townshipId: string;
  subject: string;
  kind: string;
  dueDate: string;
  attempts: number;
}

export interface ChatInfo {
  locale: Locale | undefined;
  blocked: boolean;
}

const num = (value: unknown): number => Number(value ?? 0);
const str = (value: unknown): string => String(value ?? "");

function outboxRow(row: Record<string, unknown>): OutboxRow {
  return {
    id: num(row.id),
    key: str(row.key),
    chatId: num(row.chat_id),
    townshipId: str(row.township_id),
    subject: str(row.subject),
    kind: str(row.kind),
    dueDate: str(row.due_date),
    attempts: num(row.attempts),
  };
}

export function reminderStore(client: Client) {
  async function readState(now: Date): Promise<PlanState> {
    const [, state, max, changedAudit, changedUsers] = await client.batch(
      [
        {
          sql: `INSERT INTO reminder_state (id, audit_id, planned_at)
                VALUES (?, (SELECT coalesce(max(id), 0) FROM audit_log), ?) ON CONFLICT (id) DO NOTHING`,
          args: [STATE_ID, now.getTime()],
        },
        {
          sql: "SELECT planned_date, cursor, audit_id, planned_at FROM reminder_state WHERE id = ?",
          args: [STATE_ID],
        },
        "SELECT coalesce(max(id), 0) AS max FROM audit_log",
        {
          sql: `SELECT DISTINCT township_id FROM audit_log
                WHERE id > (SELECT audit_id FROM reminder_state WHERE id = ?) AND township_id IS NOT NULL`,
          args: [STATE_ID],
        },
        {
          sql: `SELECT DISTINCT m.township_id FROM reminder_settings s JOIN memberships m ON m.user_id = s.user_id
                WHERE s.updated_at >= (SELECT planned_at FROM reminder_state WHERE id = ?1)
                   OR (s.snoozed_until > (SELECT planned_at FROM reminder_state WHERE id = ?1) AND s.snoozed_until <= ?2)`,
          args: [STATE_ID, now.getTime()],
        },
      ],
      "write",
    );
    const row = state!.rows[0]!;
    const changed = new Set<string>();
    for (const r of [...changedAudit!.rows, ...changedUsers!.rows]) changed.add(str(r.township_id));
    return {
      plannedDate: (row.planned_date as string | null) ?? null,
      cursor: (row.cursor as string | null) ?? null,
      auditId: num(row.audit_id),
      plannedAt: num(row.planned_at),
      maxAuditId: num(max!.rows[0]!.max),
      changed: [...changed],
    };
  }

  function selectionSql(selection: Selection): { where: string; args: (string | number)[] } {
    if ("page" in selection) {
      const limit = Number.isFinite(selection.page.limit) ? selection.page.limit : -1;
      return {
        where: "IN (SELECT id FROM townships WHERE id > ? ORDER BY id LIMIT ?)",
        args: [selection.page.after, limit],
      };
    }
    if ("ids" in selection)
      return { where: "IN (SELECT value FROM json_each(?))", args: [JSON.stringify(selection.ids)] };
    return {
      where: "IN (SELECT township_id FROM reminder_outbox WHERE claim_id = ?)",
      args: [selection.claim],
    };
  }

  /**
   * One statement, one row: SQLite builds the JSON of every township with its records and members, and
   * JavaScript parses one string (libSQL's per-row objects cost ~10 µs each; 40,000 townships have
   * some 300,000 rows).
   */
  function loadStatement(selection: Selection): InStatement {
    const { where, args } = selectionSql(selection);
    return {
      sql: `SELECT json_group_array(json_array(${PLAN_JSON_ITEMS},
              (SELECT json_group_array(json_array(m.user_id, s.muted, s.snoozed_until, s.blocked_at))
                 FROM memberships m LEFT JOIN reminder_settings s ON s.user_id = m.user_id WHERE m.township_id = t.id)
            )) AS townships
            FROM (SELECT * FROM townships WHERE id ${where} ORDER BY id) AS t`,
      args,
    };
  }

  type Tuple = [...PlanTuple, [number, number | null, number | null, number | null][]];

  function assemble(json: unknown): LoadedTownship[] {
    const tuples = JSON.parse(String(json ?? "[]")) as Tuple[];
    return tuples.map((tuple) => {
      const { plan, records } = planFromTuple(tuple);
      const members = tuple[13];
      const township: LoadedTownship = { plan, records, members: [], blocked: [] };
      for (const [userId, muted, snoozedUntil, blockedAt] of members) {
        if (blockedAt !== null) {
          township.blocked.push(userId);
          continue;
        }
        const member: ReminderMember = { userId, muted: muted === 1 };
        if (snoozedUntil !== null) member.snoozedUntil = new Date(snoozedUntil);
        (township.members as ReminderMember[]).push(member);
      }
      return township;
    });
  }

  /** What a claim needs to check and write its rows: their townships, each chat's language and block. */
  function claimLoads(claimId: string): InStatement[] {
    return [
      loadStatement({ claim: claimId }),
      {
        sql: `SELECT key, value FROM sessions WHERE key IN (SELECT CAST(chat_id AS TEXT) FROM reminder_outbox WHERE claim_id = ?)`,
        args: [claimId],
      },
      {
        sql: `SELECT user_id, locale, blocked_at FROM reminder_settings WHERE user_id IN (SELECT chat_id FROM reminder_outbox WHERE claim_id = ?)`,
        args: [claimId],
      },
    ];
  }

  function claimedRows(results: readonly ResultSet[]) {
    const [claimed, loaded, sessions, settings] = results;
    const rows: OutboxRow[] = claimed!.rows.map(outboxRow).sort((a, b) => a.id - b.id);
      const chatInfo = new Map<number, ChatInfo>();
    for (const row of settings!.rows)
      chatInfo.set(num(row.user_id), {
        locale: asLocale(row.locale),
        blocked: row.blocked_at !== null && row.blocked_at !== undefined,
      });
    for (const row of sessions!.rows) {
      // The language the user chose in /language wins over the one recorded at their last command.
      let chosen: Locale | undefined;
      try {
        chosen = asLocale((JSON.parse(str(row.value)) as { language?: unknown }).language);
      } catch {}
      const chatId = Number(row.key);
      const info = chatInfo.get(chatId) ?? { locale: undefined, blocked: false };
      chatInfo.set(chatId, { ...info, locale: chosen ?? info.locale });
    }
    return { rows, townships: assemble(loaded!.rows[0]?.townships), chatInfo };
  }

  return {
    readState,

    async load(selection: Selection): Promise<LoadedTownship[]> {
      const result = await client.execute(loadStatement(selection));
      return assemble(result.rows[0]?.townships);
    },

    /**
     * Inserts what is due (new keys only; a key superseded earlier and due again is revived) and moves
     * the planner's state, in one transaction. Returns how many rows were inserted or revived.
     */
    async enqueue(due: readonly Reminder[], stateUpdate: InStatement[]): Promise<number> {
      const statements: InStatement[] = [];
      const CHUNK = 2000;
      for (let i = 0; i < due.length; i += CHUNK) {
        const rows = due
          .slice(i, i + CHUNK)
          .map((r) => [r.key, r.userId, r.item.townshipId, r.item.subject, r.item.kind, r.item.due]);
        statements.push({
          // "WHERE true" keeps SQLite from reading ON CONFLICT as part of the SELECT.
          sql: `INSERT INTO reminder_outbox (key, chat_id, township_id, subject, kind, due_date)
                SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5
                FROM json_each(?) AS j WHERE true
                ON CONFLICT (key, chat_id) DO UPDATE SET status = 'pending' WHERE status = 'superseded'`,
          args: [JSON.stringify(rows)],
        });
      }
      if (statements.length + stateUpdate.length === 0) return 0;
      const results = await client.batch([...statements, ...stateUpdate], "write");
      return results.slice(0, statements.length).reduce((sum, r) => sum + r.rowsAffected, 0);
    },

    /** A full pass finished (or moved on): the state update to commit with its enqueue. */
    passUpdate(
      previousCursor: string | null,
      next: { cursor: string } | { completed: string },
      now: Date,
    ): InStatement[] {
      const guard = "coalesce(cursor, '') = ?";
      if ("cursor" in next)
        return [
          {
            sql: `UPDATE reminder_state SET cursor = ? WHERE id = ? AND ${guard}`,
            args: [next.cursor, STATE_ID, previousCursor ?? ""],
          },
        ];
      return [
        {
          sql: `UPDATE reminder_state SET cursor = NULL, planned_date = ? WHERE id = ? AND ${guard}`,
          args: [next.completed, STATE_ID, previousCursor ?? ""],
        },
        // Once a day: rows older than any window can no longer be due again.
        {
          sql: `DELETE FROM reminder_outbox WHERE status IN ('sent', 'superseded', 'failed', 'blocked') AND created_at < ?`,
          args: [now.getTime() - OUTBOX_RETENTION_MS],
        },
      ];
    },

    incrementalUpdate(maxAuditId: number, now: Date): InStatement[] {
      return [
        {
          sql: "UPDATE reminder_state SET audit_id = max(audit_id, ?), planned_at = max(planned_at, ?) WHERE id = ?",
          args: [maxAuditId, now.getTime(), STATE_ID],
        },
      ];
    },

    /**
     * Claims the pending rows of up to `chats` chats (and rows whose claim went stale) for this sweep,
     * atomically: one UPDATE, so two sweeps never claim the same row. Loads, in the same round trip,
     * what is needed to check the rows are still due and to write them: the townships, and per chat its
     * language and whether it blocked the bot.
     */
    async claim(claimId: string, chats: number, now: Date, staleBefore: number) {
      // A row queued for the Worker's consumer whose job went missing is taken over like a stale claim.
      const claimable = "(status = 'pending' OR (status IN ('sending', 'queued') AND claimed_at < ?))";
      const results = await client.batch(
        [
          {
            sql: `UPDATE reminder_outbox
                  SET status = 'sending', claim_id = ?, claimed_at = ?, attempts = attempts + 1
                  WHERE chat_id IN (SELECT chat_id FROM reminder_outbox WHERE ${claimable}
                                    GROUP BY chat_id ORDER BY min(id) LIMIT ?)
                    AND ${claimable}
                  RETURNING id, key, chat_id, township_id, subject, kind, due_date, attempts`,
            args: [claimId, now.getTime(), staleBefore, chats, staleBefore],
          },
          ...claimLoads(claimId),
        ],
        "write",
      );
      return claimedRows(results);
    },

    /**
     * The Worker's queue consumer: claims the rows a job carries (its chats, queued by dispatch `job`)
     * for this attempt (`attemptId`, which starts with the job id), atomically, as `claim` does. Rows a
     * previous attempt left `sending` are taken over once its lease has run out; those still within it
     * are counted (`busy`) and left alone, so a duplicate delivery running at the same time sends nothing.
     */
    async claimJob(job: string, attemptId: string, chats: readonly number[], now: Date, leaseStart: number) {
      const mine = "chat_id IN (SELECT value FROM json_each(?)) AND claim_id LIKE ? || ':%' AND status = 'sending'";
      const results = await client.batch(
        [
          {
            sql: `SELECT chat_id, max(claimed_at) AS newest FROM reminder_outbox
                  WHERE ${mine} AND claimed_at >= ? GROUP BY chat_id`,
            args: [JSON.stringify(chats), job, leaseStart],
          },
          {
            sql: `UPDATE reminder_outbox
                  SET status = 'sending', claim_id = ?, claimed_at = ?, attempts = attempts + 1
                  WHERE chat_id IN (SELECT value FROM json_each(?))
                    AND ((status = 'queued' AND claim_id = ?)
                      OR (status = 'sending' AND claim_id LIKE ? || ':%' AND claimed_at < ?))
                  RETURNING id, key, chat_id, township_id, subject, kind, due_date, attempts`,
            args: [attemptId, now.getTime(), JSON.stringify(chats), job, job, leaseStart],
          },
          ...claimLoads(attemptId),
        ],
        "write",
      );
      const [busy, ...rest] = results;
      /** Chats whose rows another attempt is sending, and since when (ms). */
      const busyChats = new Map(busy!.rows.map((r) => [num(r.chat_id), num(r.newest)]));
      return { ...claimedRows(rest), busyChats };
    },

    /**
     * The Worker's cron: marks the pending rows of up to `chats` chats (and rows whose job went missing)
     * `queued` under dispatch id `job`, as many as keep the chats queued or sending at most `chats`.
     * Returns them (id, chat) for the queue messages, and how many rows the dead-letter queue has marked
     * failed since `since`.
     */
    async dispatch(job: string, chats: number, now: Date, staleBefore: number, since: number) {
      const claimable = "(status = 'pending' OR (status IN ('sending', 'queued') AND claimed_at < ?))";
      const [queued, dead] = await client.batch(
        [
          {
            sql: `UPDATE reminder_outbox SET status = 'queued', claim_id = ?, claimed_at = ?
                  WHERE chat_id IN (SELECT chat_id FROM reminder_outbox WHERE ${claimable}
                                    GROUP BY chat_id ORDER BY min(id)
                                    LIMIT max(0, ? - (SELECT count(DISTINCT chat_id) FROM reminder_outbox
                                                      WHERE status IN ('queued', 'sending') AND claimed_at >= ?)))
                    AND ${claimable}
                  RETURNING id, chat_id`,
            args: [job, now.getTime(), staleBefore, chats, staleBefore, staleBefore],
          },
          {
            sql: `SELECT count(*) AS n FROM reminder_outbox WHERE status = 'failed' AND last_error LIKE '${DEAD_LETTER}%' AND claimed_at >= ?`,
            args: [since],
          },
        ],
        "write",
      );
      return {
        rows: queued!.rows.map((r) => ({ id: num(r.id), chatId: num(r.chat_id) })),
        deadLettered: num(dead!.rows[0]!.n),
      };
    },

    /**
     * Rows of a dispatch go back to pending for the next one: the queue would not take the jobs, or a
     * job came in quiet hours (then only its `chats`).
     */
    async release(job: string, chats?: readonly number[]): Promise<void> {
      await client.execute({
        sql: `UPDATE reminder_outbox SET status = 'pending', claim_id = NULL WHERE claim_id = ? AND status = 'queued'
              AND (?2 IS NULL OR chat_id IN (SELECT value FROM json_each(?2)))`,
        args: [job, chats ? JSON.stringify(chats) : null],
      });
    },

    /**
     * The dead-letter queue's consumer: the rows of a job that kept failing (queued or sending under the
     * job, not yet settled) are marked failed, with the last error kept. Returns how many.
     */
    async deadLetter(job: string, chats: readonly number[], now: Date): Promise<number> {
      const result = await client.execute({
        sql: `UPDATE reminder_outbox SET status = 'failed', claim_id = NULL, claimed_at = ?,
                last_error = '${DEAD_LETTER}' || coalesce(': ' || last_error, '')
              WHERE chat_id IN (SELECT value FROM json_each(?))
                AND ((status = 'queued' AND claim_id = ?) OR (status = 'sending' AND claim_id LIKE ? || ':%'))`,
        args: [now.getTime(), JSON.stringify(chats), job, job],
      });
      return result.rowsAffected;
    },

    /** Writes the outcome of sends in one round trip; every update is guarded by this sweep's claim. */
    async settle(
      claimId: string,
      outcomes: readonly Outcome[],
      now: Date,
      /** The queue consumer gives untried rows back to its job (queued), not to the planner (pending). */
      giveBackTo?: { job: string },
    ): Promise<void> {
      if (outcomes.length === 0) return;
      const statements: InStatement[] = [];
      const ids = (o: Outcome) => JSON.stringify(o.rowIds);
      for (const o of outcomes) {
        const guard = `claim_id = ? AND id IN (SELECT value FROM json_each(?))`;
        switch (o.status) {
          case "sent":
            statements.push({
              sql: `UPDATE reminder_outbox SET status = 'sent', sent_at = ?, message_id = ?, claim_id = NULL, last_error = NULL WHERE ${guard}`,
              args: [now.getTime(), o.messageId ?? null, claimId, ids(o)],
            });
            break;
          case "pending":
            // Given back untried (the batch stopped), so the attempt does not count.
            if (giveBackTo) {
              statements.push({
                sql: `UPDATE reminder_outbox SET status = 'queued', claim_id = ?, last_error = ?,
                      attempts = attempts - ? WHERE ${guard}`,
                args: [giveBackTo.job, o.error ?? null, o.tried ? 0 : 1, claimId, ids(o)],
              });
              break;
            }
            statements.push({
              sql: `UPDATE reminder_outbox SET status = 'pending', claim_id = NULL, last_error = ?,
                    attempts = attempts - ? WHERE ${guard}`,
              args: [o.error ?? null, o.tried ? 0 : 1, claimId, ids(o)],
            });
            break;
          default:
            statements.push({
              sql: `UPDATE reminder_outbox SET status = ?, claim_id = NULL, last_error = ? WHERE ${guard}`,
              args: [o.status, o.error ?? null, claimId, ids(o)],
            });
        }
        if (o.status === "blocked" && o.markChat)
          statements.push({
            sql: `INSERT INTO reminder_settings (user_id, blocked_at) VALUES (?, ?)
                  ON CONFLICT (user_id) DO UPDATE SET blocked_at = excluded.blocked_at`,
            args: [o.chatId, now.getTime()],
          });
      }
      await client.batch(statements, "write");
    },

    /** Dry run: the status of rows already written for these keys (`key` and chat). */
    async existing(
      keys: readonly string[],
    ): Promise<Map<string, { status: string; claimedAt: number | null }>> {
      const out = new Map<string, { status: string; claimedAt: number | null }>();
      const CHUNK = 5000;
      const statements: InStatement[] = [];
      for (let i = 0; i < keys.length; i += CHUNK)
        statements.push({
          sql: "SELECT key, chat_id, status, claimed_at FROM reminder_outbox WHERE key IN (SELECT value FROM json_each(?))",
          args: [JSON.stringify(keys.slice(i, i + CHUNK))],
        });
      if (statements.length === 0) return out;
      for (const result of await client.batch(statements, "read"))
        for (const row of result.rows)
          out.set(`${str(row.key)}#${num(row.chat_id)}`, {
            status: str(row.status),
            claimedAt: row.claimed_at === null ? null : num(row.claimed_at),
          });
      return out;
    },

    /** Dry run: the pending rows (and stale claims) that a sweep would send, grouped later per chat. */
    async pending(staleBefore: number): Promise<OutboxRow[]> {
      const result = await client.execute({
        sql: `SELECT id, key, chat_id, township_id, subject, kind, due_date, attempts FROM reminder_outbox
              WHERE status = 'pending' OR (status = 'sending' AND claimed_at < ?) ORDER BY id`,
        args: [staleBefore],
      });
      return result.rows.map(outboxRow);
    },

    /** Dry run: per chat, language and blocked flag. */
    async chatInfo(chatIds: readonly number[]): Promise<Map<number, ChatInfo>> {
      const ids = JSON.stringify(chatIds);
      const [settings, sessions] = await client.batch(
        [
          {
            sql: "SELECT user_id, locale, blocked_at FROM reminder_settings WHERE user_id IN (SELECT value FROM json_each(?))",
            args: [ids],
          },
          {
            sql: "SELECT key, value FROM sessions WHERE key IN (SELECT CAST(value AS TEXT) FROM json_each(?))",
            args: [ids],
          },
        ],
        "read",
      );
      const out = new Map<number, ChatInfo>();
      for (const row of settings!.rows)
        out.set(num(row.user_id), { locale: asLocale(row.locale), blocked: row.blocked_at !== null });
      for (const row of sessions!.rows) {
        let chosen: Locale | undefined;
        try {
          chosen = asLocale((JSON.parse(str(row.value)) as { language?: unknown }).language);
        } catch {}
        const info = out.get(Number(row.key)) ?? { locale: undefined, blocked: false };
        out.set(Number(row.key), { ...info, locale: chosen ?? info.locale });
      }
      return out;
    },
  };
}
export type ReminderStore = ReturnType<typeof reminderStore>;

export interface Outcome {
  chatId: number;
  rowIds: number[];
  status: "sent" | "pending" | "failed" | "blocked" | "superseded";
  messageId?: number;
  error?: string;
  /** For "pending": whether a send was attempted (then the attempt counts toward the limit). */
  tried?: boolean;
  /** For "blocked": Telegram just said so; record it in the user's settings. */
  markChat?: boolean;
}

function asLocale(value: unknown): Locale | undefined {
  return value === "zh" || value === "en" ? value : undefined;
}
