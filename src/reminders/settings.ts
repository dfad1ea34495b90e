/** Per-user reminder settings (muted, snoozed until, blocked, language), for the /reminders feature. */
import { eq } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { reminderSettings } from "../db/schema.js";
import { addDays, shanghaiDate, startOfShanghaiDay } from "../domain/time.js";

export interface ReminderSettings {
  muted: boolean;
  snoozedUntil: Date | undefined;
  blocked: boolean;
}

/** A snooze of N days ends at 08:00 Shanghai N days from today, when reminders start again anyway. */
export function snoozeEnd(now: Date, days: number): Date {
  return new Date(startOfShanghaiDay(addDays(shanghaiDate(now), days)).getTime() + 8 * 3600_000);
}

/**
 * `updated_at` moves on every change that can make something due again (unmute, resume, unblock), so
 * the sweep re-plans that user's townships at once instead of at the next daily pass.
 */
export function reminderSettingsRepository(db: Database) {
  const upsert = (userId: number, set: Partial<typeof reminderSettings.$inferInsert>, now: Date) =>
    db
      .insert(reminderSettings)
      .values({ userId, ...set, updatedAt: now.getTime() })
      .onConflictDoUpdate({ target: reminderSettings.userId, set: { ...set, updatedAt: now.getTime() } });

  return {
    async get(userId: number, now: Date): Promise<ReminderSettings> {
      const row = await db.select().from(reminderSettings).where(eq(reminderSettings.userId, userId)).get();
      const until = row?.snoozedUntil ?? undefined;
      return {
        muted: row?.muted ?? false,
        snoozedUntil: until !== undefined && until > now.getTime() ? new Date(until) : undefined,
        blocked: row?.blockedAt !== null && row?.blockedAt !== undefined,
      };
    },

    async setMuted(userId: number, muted: boolean, now: Date): Promise<void> {
      await upsert(userId, { muted }, now);
    },

    async snooze(userId: number, until: Date, now: Date): Promise<void> {
      await upsert(userId, { snoozedUntil: until.getTime() }, now);
    },

    async resume(userId: number, now: Date): Promise<void> {
      await upsert(userId, { snoozedUntil: null }, now);
    },
  };
}
