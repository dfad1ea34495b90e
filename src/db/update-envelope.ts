/**
 * The statements every update needs, in two round trips instead of six: one batch opens the update
 * (claim its id in the ledger, record the user and that they can be reached, read the chat's session
 * and the user's township), one closes it (write the session if it changed, mark the update done). On the Worker each statement would be an
 * HTTP round trip to Turso; in Node each commit costs a WAL append. Written in SQL rather than drizzle's
 * builder because it runs on every update and the statements are fixed.
 */
import { activeMembershipRowid } from "./active-township.js";
import { STALE_CLAIM_MS } from "./processed-updates.js";
import type { SqlRow, SqlStatement, StatementRunner } from "./statements.js";
import { type ActiveTownship, planOfRow, type Role } from "./townships.js";

/** Who sent the update, as far as the bot knows them; read with the claim, so handlers need not ask. */
export interface Viewer {
  /**
   * The township they work on (their chosen one if still a member, else their first), if any: the
   * whole plan, as townshipRepository.activeFor reads it, so that handlers need not read it again.
   */
  township: ActiveTownship | undefined;
}

export interface Opening {
  /**
   * claimed: this delivery handles the update; done: an earlier delivery handled it; in-progress: an
   * earlier delivery holds the claim (still running, or died before releasing it).
   */
  ledger: "claimed" | "done" | "in-progress";
  /** The stored session JSON, or undefined when the chat has none (or there is no chat). */
  session: string | undefined;
  viewer: Viewer | undefined;
}

const CLAIM = `INSERT INTO processed_updates (update_id, status, claimed_at) VALUES (?, 'processing', ?)
  ON CONFLICT (update_id) DO UPDATE SET claimed_at = excluded.claimed_at
  WHERE processed_updates.status = 'processing' AND processed_updates.claimed_at < ?`;
// Both writes below are made only by the delivery that claimed the update (its claim carries its own
// `now`), so a re-delivery changes nothing.
const CLAIMED_BY_ME = `EXISTS (SELECT 1 FROM processed_updates
  WHERE update_id = ?5 AND status = 'processing' AND claimed_at = ?4)`;
// Everyone who talks to the bot has a user row (joining a township sets its active township there);
// the name follows their Telegram profile. No write when nothing changed.
const SEEN = `INSERT INTO users (id, first_name) SELECT ?1, ?2 WHERE ${CLAIMED_BY_ME}
  ON CONFLICT (id) DO UPDATE SET first_name = excluded.first_name
  WHERE users.first_name IS NOT excluded.first_name`;
// The update's ledger status, the chat's session and the user's township, in one row. The township is
// the one townshipRepository.activeFor reads (db/active-township.ts).
const READ = `SELECT
    (SELECT status FROM processed_updates WHERE update_id = ?3) AS ledger,
    (SELECT value FROM sessions WHERE key = ?1) AS session,
    m.role AS township_role, t.id AS township_id, t.province, t.city, t.county, t.name, t.kind, t.profile_id,
    t.custom_rules, t.custom_note, t.party_election_date, t.planned_election_date, t.seats, t.version, t.county_unit_id
  FROM (SELECT 1)
  LEFT JOIN memberships AS m ON m.rowid = ${activeMembershipRowid("?2")}
  LEFT JOIN townships AS t ON t.id = m.township_id`;
// The user speaks to the bot in private: it is not blocked (Telegram's "Restart" after unblocking sends
// /start), and reminders are written in their language: the one chosen in the session, else Telegram's
// (?3, as the i18n middleware decides). updated_at moves on an unblock so the reminder sweep plans for
// them again at once. No write when nothing changed.
const REMINDERS_SEEN = `INSERT INTO reminder_settings (user_id, locale, updated_at)
  SELECT ?1, coalesce((SELECT CASE WHEN json_valid(value) THEN value ->> '$.language' END FROM sessions WHERE key = ?2), ?3), ?6
  WHERE ${CLAIMED_BY_ME}
  ON CONFLICT (user_id) DO UPDATE SET locale = excluded.locale, blocked_at = NULL,
    updated_at = CASE WHEN reminder_settings.blocked_at IS NOT NULL THEN excluded.updated_at ELSE reminder_settings.updated_at END
  WHERE reminder_settings.blocked_at IS NOT NULL OR reminder_settings.locale IS NOT excluded.locale`;
const SESSION_WRITE = `INSERT INTO sessions (key, value) VALUES (?, ?)
  ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = (unixepoch('subsec') * 1000)`;
const COMPLETE = `UPDATE processed_updates SET status = 'done' WHERE update_id = ?`;
// Only the delivery's own open claim: not one a later delivery took over once this one's was stale,
// nor an update already done (a close whose answer was lost after it was stored).
const RELEASE = `DELETE FROM processed_updates WHERE update_id = ? AND status = 'processing' AND claimed_at = ?`;

// Undoes a close whose answer could not be sent (Telegram failing): the session goes back to what the
// update began with and the ledger forgets the update, so that Telegram's redelivery handles it again
// from the same question. Only the delivery's own close (its claim's `now`) is undone.
const CLOSED_BY_ME = `EXISTS (SELECT 1 FROM processed_updates WHERE update_id = ?1 AND status = 'done' AND claimed_at = ?2)`;
const SESSION_RESTORE = `UPDATE sessions SET value = ?4 WHERE key = ?3 AND ?4 IS NOT NULL AND ${CLOSED_BY_ME}`;
const SESSION_UNDO_CREATE = `DELETE FROM sessions WHERE key = ?3 AND ?4 IS NULL AND ${CLOSED_BY_ME}`;
const REOPEN = `DELETE FROM processed_updates WHERE update_id = ?1 AND status = 'done' AND claimed_at = ?2`;

const text = (row: SqlRow | undefined, column: string) => {
  const value = row?.[column];
  return value === null || value === undefined ? undefined : String(value);
};

/** The READ row's township columns as the plan the handlers work with. */
function activeTownshipOf(row: SqlRow, id: string): ActiveTownship {
  const optional = (column: string) => text(row, column) ?? null;
  const plan = planOfRow({
    id,
    province: text(row, "province")!,
    city: text(row, "city")!,
    county: text(row, "county")!,
    name: text(row, "name")!,
    kind: text(row, "kind") as ActiveTownship["kind"],
    profileId: text(row, "profile_id")!,
    customRules: optional("custom_rules"),
    customNote: optional("custom_note"),
    partyElectionDate: optional("party_election_date"),
    plannedElectionDate: optional("planned_election_date"),
    seats: text(row, "seats")!,
    version: Number(row.version),
  });
  return { ...plan, role: text(row, "township_role") as Role, countyUnitId: optional("county_unit_id") };
}

export function updateEnvelope(runner: StatementRunner) {
  return {
    /**
     * Claims the update and reads what handlers need. `user.locale` is the language Telegram reports
     * for a private chat's sender, which makes the update count as "the user is reachable".
     */
    async open(input: {
      updateId: number;
      sessionKey?: string;
      user?: { id: number; firstName: string; privateLocale?: string };
      /** The clock of the ledger's claims (wall time: a claim goes stale after STALE_CLAIM_MS). */
      now: number;
      /** The application's clock (ctx.deps.now), for what the user's settings record. */
      at: number;
    }): Promise<Opening> {
      const { updateId, sessionKey, user, now, at } = input;
      const statements: SqlStatement[] = [{ sql: CLAIM, args: [updateId, now, now - STALE_CLAIM_MS] }];
      if (user) statements.push({ sql: SEEN, args: [user.id, user.firstName, null, now, updateId] });
      if (user?.privateLocale)
        statements.push({
          sql: REMINDERS_SEEN,
          args: [user.id, sessionKey ?? null, user.privateLocale, now, updateId, at],
        });
      statements.push({ sql: READ, args: [sessionKey ?? null, user?.id ?? null, updateId] });
      const results = await runner.batch(statements);
      const row = results.at(-1)!.row;
      // The claim changed a row: inserted, or a stale claim of a crashed process taken over.
      const ledger = results[0]!.changes > 0 ? "claimed" : text(row, "ledger") === "done" ? "done" : "in-progress";
      const session = text(row, "session");
      if (!user) return { ledger, session, viewer: undefined };
      const townshipId = text(row, "township_id");
      return { ledger, session, viewer: { township: townshipId ? activeTownshipOf(row!, townshipId) : undefined } };
    },

    /** Marks the update done; a session it changed is stored in the same transaction. */
    async close(updateId: number, session?: { key: string; value: string }): Promise<void> {
      if (!session) {
        await runner.execute({ sql: COMPLETE, args: [updateId] });
        return;
      }
      await runner.batch([
        { sql: SESSION_WRITE, args: [session.key, session.value] },
        { sql: COMPLETE, args: [updateId] },
      ]);
    },

    /**
     * Undoes `close(updateId, session)` when the update's answer could not be sent: the session as it
     * was (`before`; none: deleted) and no ledger entry. `now` is the claim's (open's).
     */
    async reopen(updateId: number, now: number, session: { key: string; before: string | undefined }): Promise<void> {
      const args = [updateId, now, session.key, session.before ?? null];
      await runner.batch([
        { sql: SESSION_RESTORE, args },
        { sql: SESSION_UNDO_CREATE, args },
        { sql: REOPEN, args: [updateId, now] },
      ]);
    },

    /** Gives the update back so that Telegram's next delivery handles it; `now` is the claim's (open's). */
    async release(updateId: number, now: number): Promise<void> {
      await runner.execute({ sql: RELEASE, args: [updateId, now] });
    },
  };
}
