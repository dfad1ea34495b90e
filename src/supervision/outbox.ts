/**
 * The supervisors' messages in the reminder outbox, beside the deadline reminders and under the same
 * guarantees (unique key per chat, one claim per row, quiet hours, mute, 403 handling):
 * - the weekly digest: key `digest|<unit>|<Monday>` for every member of a unit, queued by the daily
 *   planning pass (so at most one per unit, member and week), written when it is sent with the figures
 *   of that moment;
 * - the nudge: key `nudge|<township>|<day>` for every member of the township, queued by the
 *   supervisor's button (src/db/supervision.ts), so a second click the same day queues nothing.
 * A row is still sent only if its recipient is still a member (of the unit, or the township) and has
 * not muted reminders (nor, for a nudge, snoozed them); otherwise it is superseded.
 */
import type { InStatement } from "@libsql/client";
import { sql } from "drizzle-orm";
import { InlineKeyboard } from "grammy";
import { type Locale, translate, translator } from "../i18n/index.js";
import type { Database } from "../db/client.js";
import { supervisionRepository } from "../db/supervision.js";
import { checklistStatus, firstOpenStep } from "../domain/checklist/index.js";
import { buildOverview, type Overview } from "../domain/overview.js";
import { addDays, formatDate, shanghaiDate } from "../domain/time.js";
import type { LoadedTownship, OutboxRow } from "../reminders/store.js";
import { rowLine, unitSummary } from "./text.js";
import { encodeButton } from "../buttons/callback-data.js";

const DIGEST = "digest";
const NUDGE = "nudge:";
const DIGEST_TOP = 3;

export function isSupervisionSubject(subject: string): boolean {
  return subject === DIGEST || subject.startsWith(NUDGE);
}

/** The Monday (Shanghai) of the week `now` falls in: the digest's key date. */
export function weekOf(now: Date): string {
  const today = shanghaiDate(now);
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(today, -((weekday + 6) % 7));
}

/**
 * This week's digest for every member of every unit who has not muted reminders or blocked the bot. A
 * member who snoozed reminders gets it at the first daily pass after the snooze ends, if that is still
 * the same week (the key is the week's).
 */
export function digestEnqueue(now: Date): InStatement {
  const week = weekOf(now);
  return {
    sql: `INSERT INTO reminder_outbox (key, chat_id, township_id, subject, kind, due_date)
          SELECT 'digest|' || m.unit_id || '|' || ?1, m.user_id, m.unit_id, '${DIGEST}', 'weekly', ?1
          FROM unit_memberships m LEFT JOIN reminder_settings s ON s.user_id = m.user_id
          WHERE coalesce(s.muted, 0) = 0 AND s.blocked_at IS NULL AND coalesce(s.snoozed_until, 0) <= ?2
          ON CONFLICT (key, chat_id) DO NOTHING`,
    args: [week, now.getTime()],
  };
}

export interface SupervisionSection {
  valid: OutboxRow[];
  gone: OutboxRow[];
  text?: string;
  keyboard?: InlineKeyboard;
}

/**
 * Loads what the claimed supervision rows need (unit names, memberships, each digest unit's overview)
 * and returns, per chat, which rows are still to send and the text they make.
 */
export async function prepareSupervision(
  db: Database,
  rows: readonly OutboxRow[],
  townships: readonly LoadedTownship[],
  now: Date,
) {
  const mine = rows.filter((r) => isSupervisionSubject(r.subject));
  let calls = 0;
  const unitNames = new Map<string, string>();
  const members = new Set<string>();
  const overviews = new Map<string, Overview>();
  if (mine.length > 0) {
    const units = [
      ...new Set(mine.map((r) => (r.subject === DIGEST ? r.townshipId : r.subject.slice(NUDGE.length)))),
    ];
    const digests = mine.filter((r) => r.subject === DIGEST).map((r) => [r.townshipId, r.chatId]);
    const found = await db.all<{ id: string; name: string; user_id: number | null }>(sql`
      SELECT u.id AS id, u.name AS name, m.user_id AS user_id
      FROM org_units u LEFT JOIN unit_memberships m ON m.unit_id = u.id
        AND EXISTS (SELECT 1 FROM json_each(${JSON.stringify(digests)}) d WHERE d.value ->> 0 = m.unit_id AND d.value ->> 1 = m.user_id)
        AND NOT EXISTS (SELECT 1 FROM reminder_settings s WHERE s.user_id = m.user_id AND s.muted)
      WHERE u.id IN (SELECT value FROM json_each(${JSON.stringify(units)}))`);
    calls++;
    for (const row of found) {
      unitNames.set(row.id, row.name);
      if (row.user_id !== null) members.add(`${row.id}#${row.user_id}`);
    }
    const today = shanghaiDate(now);
    for (const unitId of new Set(mine.filter((r) => r.subject === DIGEST).map((r) => r.townshipId))) {
      const reader = [...members].find((m) => m.startsWith(`${unitId}#`));
      if (!reader) continue;
      // Read as one of the unit's own members: the same scoped query the bot uses.
      const input = await supervisionRepository(db).overviewInput(
        Number(reader.slice(unitId.length + 1)),
        unitId,
      );
      calls++;
      if (input)
        overviews.set(
          unitId,
          buildOverview({ rootId: unitId, units: input.units, townships: input.townships, today }),
        );
    }
  }
  const byId = new Map(townships.map((t) => [t.plan.id, t]));

  const section = (chatId: number, chatRows: readonly OutboxRow[], locale: Locale): SupervisionSection => {
    const out: SupervisionSection = { valid: [], gone: [] };
    const parts: string[] = [];
    const keyboard = new InlineKeyboard();
    for (const row of chatRows.filter((r) => isSupervisionSubject(r.subject))) {
      const rendered = row.subject === DIGEST ? digest(row, locale) : nudge(row, chatId, locale);
      if (!rendered) {
        out.gone.push(row);
        continue;
      }
      out.valid.push(row);
      parts.push(rendered.text);
      keyboard.append(rendered.keyboard).row();
    }
    if (parts.length > 0) {
      out.text = parts.join("\n\n");
      out.keyboard = keyboard;
    }
    return out;
  };

  function digest(row: OutboxRow, locale: Locale) {
    const overview = overviews.get(row.townshipId);
    if (!overview || !members.has(`${row.townshipId}#${row.chatId}`)) return undefined;
    const t = translator(locale);
    const unit = overview.root;
    const top = overview
      .children(unit.id)
      .slice(0, DIGEST_TOP)
      .map((r) => t("digest-line", { name: rowLine(t, r) }));
    const lines = [
      t("digest-title", { name: unit.name, date: formatDate(overview.today, locale) }),
      ...unitSummary(t, overview, unit, locale).slice(1),
      ...(top.length ? [t("digest-top"), ...top] : []),
      t("digest-footer"),
    ];
    return {
      text: lines.join("\n"),
      keyboard: new InlineKeyboard().text(t("button-overview"), encodeButton("ov:u", unit.id, 0)),
    };
  }

  function nudge(row: OutboxRow, chatId: number, locale: Locale) {
    const township = byId.get(row.townshipId);
    const member = township?.members.find((m) => m.userId === chatId);
    const unit = unitNames.get(row.subject.slice(NUDGE.length));
    // Muted or snoozed since the nudge was queued: it is not sent, as a deadline reminder would not be.
    const snoozed = member?.snoozedUntil !== undefined && member.snoozedUntil.getTime() > now.getTime();
    if (!township || !member || member.muted || snoozed || !unit) return undefined;
    const next = firstOpenStep(township.records);
    if (!next) return undefined;
    const overdue = checklistStatus(township.plan, township.records, shanghaiDate(now)).filter(
      (s) => s.status === "overdue",
    ).length;
    const step = translate(locale, `step-${next}-title`);
    const lines = [
      translate(locale, "nudge-message", { unit, township: township.plan.name }),
      overdue > 0
        ? translate(locale, "nudge-status-overdue", { count: overdue, step })
        : translate(locale, "nudge-status-next", { step }),
    ];
    return {
      text: lines.join("\n"),
      keyboard: new InlineKeyboard()
        .text(translate(locale, "reminder-button-open", { step }), encodeButton("step", next))
        .text(translate(locale, "button-progress"), encodeButton("nav:progress")),
    };
  }

  return { calls, section };
}
