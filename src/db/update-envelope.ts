/**
 * The statements every update needs, in two round trips instead of six: one batch opens the update
 * (claim its id in the ledger, read the chat's session, read who the user is), one batch closes it
 * (write the session if it changed, mark the update done). On the Worker each statement would be an
 * HTTP round trip to Turso; in Node each commit costs a WAL append. Written in SQL rather than drizzle's
 * builder because it runs on every update and the statements are fixed.
 */
import type { InStatement, Row } from "@libsql/client";
import type { Database } from "./client.js";
import { STALE_CLAIM_MS } from "./processed-updates.js";

/** Who sent the update, as far as the bot knows them; read with the claim, so handlers need not ask. */
export interface Viewer {
  /** The township they work on (their chosen one if still a member, else their first), if any. */
  township: { id: string; name: string; role: string } | undefined;
  /** Their reminder settings row: its language, and whether a send found the bot blocked. */
  reminders: { locale: string | null; blocked: boolean } | undefined;
}

export interface Opening {
  /** False when another delivery of the same update is being handled or has been handled. */
  claimed: boolean;
  /** The stored session JSON, or undefined when the chat has none (or there is no chat). */
  session: string | undefined;
  viewer: Viewer | undefined;
}

const CLAIM = `INSERT INTO processed_updates (update_id, status, claimed_at) VALUES (?, 'processing', ?)
  ON CONFLICT (update_id) DO UPDATE SET claimed_at = excluded.claimed_at
  WHERE processed_updates.status = 'processing' AND processed_updates.claimed_at < ?
  RETURNING update_id`;
// Everyone who talks to the bot has a user row (joining a township sets its active township there);
// the name follows their Telegram profile. No write when nothing changed.
const SEEN = `INSERT INTO users (id, first_name) VALUES (?, ?)
  ON CONFLICT (id) DO UPDATE SET first_name = excluded.first_name
  WHERE users.first_name IS NOT excluded.first_name`;
// The chat's session, the user's reminder settings and their township, in one row. The township is
// chosen as townshipRepository.activeFor chooses it: the active one if still a member, else the first.
const READ = `SELECT
    (SELECT value FROM sessions WHERE key = ?1) AS session,
    rs.user_id AS settings, rs.locale, rs.blocked_at,
    t.id AS township_id, t.name AS township_name, t.role AS township_role
  FROM (SELECT ?2 AS id) AS q
  LEFT JOIN reminder_settings AS rs ON rs.user_id = q.id
  LEFT JOIN (
    SELECT t.id, t.name, m.role FROM memberships AS m
    JOIN townships AS t ON t.id = m.township_id
    LEFT JOIN users AS u ON u.id = m.user_id
    WHERE m.user_id = ?2
    ORDER BY (t.id IS u.active_township_id) DESC, m.rowid
    LIMIT 1
  ) AS t`;
// The user spoke to the bot in private: it is not blocked (Telegram's "Restart" after unblocking sends
// /start), and reminders are written in the language they use. updated_at moves on an unblock so the
// reminder sweep plans for them again at once.
const REMINDERS_SEEN = `INSERT INTO reminder_settings (user_id, locale, updated_at) VALUES (?1, ?2, ?3)
  ON CONFLICT (user_id) DO UPDATE SET locale = excluded.locale, blocked_at = NULL,
    updated_at = CASE WHEN reminder_settings.blocked_at IS NOT NULL THEN excluded.updated_at ELSE reminder_settings.updated_at END
  WHERE reminder_settings.blocked_at IS NOT NULL OR reminder_settings.locale IS NOT excluded.locale`;
const SESSION_WRITE = `INSERT INTO sessions (key, value) VALUES (?, ?)
  ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = (unixepoch('subsec') * 1000)`;
const COMPLETE = `UPDATE processed_updates SET status = 'done' WHERE update_id = ?`;
const RELEASE = `DELETE FROM processed_updates WHERE update_id = ?`;

const text = (row: Row | undefined, column: string) => {
  const value = row?.[column];
  return value === null || value === undefined ? undefined : String(value);
};

export interface Closing {
  /** The session's new JSON, when the update changed it. */
  session?: { key: string; value: string };
  /** The user spoke in private with this language: reminders reach them (again), in it. */
  reminders?: { userId: number; locale: string };
}

export function updateEnvelope(db: Database) {
  const client = db.$client;
  return {
    async open(input: {
      updateId: number;
      sessionKey?: string;
      user?: { id: number; firstName: string };
      now: number;
    }): Promise<Opening> {
      const { updateId, sessionKey, user, now } = input;
      const statements: InStatement[] = [{ sql: CLAIM, args: [updateId, now, now - STALE_CLAIM_MS] }];
      if (user) statements.push({ sql: SEEN, args: [user.id, user.firstName] });
      if (sessionKey !== undefined || user) statements.push({ sql: READ, args: [sessionKey ?? null, user?.id ?? null] });
      const results = await client.batch(statements, "write");
      const claimed = results[0]!.rows.length > 0;
      const row = statements.length > 1 ? results.at(-1)!.rows[0] : undefined;
      const session = text(row, "session");
      if (!user) return { claimed, session, viewer: undefined };
      const townshipId = text(row, "township_id");
      return {
        claimed,
        session,
        viewer: {
          township: townshipId
            ? { id: townshipId, name: text(row, "township_name")!, role: text(row, "township_role")! }
            : undefined,
          reminders:
            text(row, "settings") !== undefined
              ? { locale: text(row, "locale") ?? null, blocked: text(row, "blocked_at") !== undefined }
              : undefined,
        },
      };
    },

    /** Marks the update done; what it changed in passing (session, reminder settings) goes in the same transaction. */
    async close(updateId: number, closing: Closing, now: number): Promise<void> {
      const statements: InStatement[] = [];
      if (closing.session) statements.push({ sql: SESSION_WRITE, args: [closing.session.key, closing.session.value] });
      if (closing.reminders)
        statements.push({ sql: REMINDERS_SEEN, args: [closing.reminders.userId, closing.reminders.locale, now] });
      statements.push({ sql: COMPLETE, args: [updateId] });
      if (statements.length === 1) await client.execute(statements[0]!);
      else await client.batch(statements, "write");
    },

    /** Gives the update back so that Telegram's next delivery handles it. */
    async release(updateId: number): Promise<void> {
      await client.execute({ sql: RELEASE, args: [updateId] });
    },
  };
}
export type UpdateEnvelope = ReturnType<typeof updateEnvelope>;
