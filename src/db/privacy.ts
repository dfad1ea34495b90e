import { and, asc, count, eq, sql } from "drizzle-orm";
import { CHANNEL_USER_ID_BASE, isChannelUserId } from "./channel-accounts.js";
import type { Database } from "./client.js";
import type { SessionData } from "./session-data.js";
import {
  auditLog,
  candidates,
  channelAccounts,
  invites,
  localMessages,
  wecomCards,
  memberships,
  orgUnits,
  reminderOutbox,
  reminderSettings,
  sessions,
  speechScores,
  stepRecords,
  townships,
  unitInvites,
  unitMemberships,
  users,
} from "./schema.js";

/**
 * What the assistant keeps about one person, and erasing it (/mydata, /deleteme). Every function takes
 * the acting user and reads or changes only rows about that user: their own account, session, chat
 * transcript and reminder settings, their memberships, and the authorship of what they recorded.
 *
 * What they recorded for a township (checklist steps, candidates, scores, the audit trail) belongs to
 * the township and stays with it, attributed to DELETED_USER. A township nobody else belongs to goes
 * with its last member: nobody could see it any more, and it holds other people's personal data.
 */
export const DELETED_USER = 0;

export interface StoredAbout {
  user?: { firstName: string; createdAt: number };
  session: { language?: string; dialog?: string; drafts: string[] };
  memberships: { townshipId: string; township: string; role: string; joinedAt: number; otherMembers: number }[];
  /** The supervising units (county, city, province committees) they belong to. */
  units: { unit: string; joinedAt: number }[];
  steps: { township: string; stepId: string; recordedAt: string }[];
  candidates: {
    township: string;
    name: string;
    post: string;
    status: string;
    idNumberMasked: string | null;
    mobile: string | null;
  }[];
  scoreSheets: { township: string; judge: string; scores: number }[];
  auditEntries: number;
  invites: number;
  reminders?: { muted: boolean; snoozedUntil: number | null; blocked: boolean };
  remindersQueued: number;
  localMessages: number;
}

/** The session of a private chat is keyed by the chat id, which is the user id. */
const sessionKey = (userId: number) => String(userId);

export function privacyRepository(db: Database) {
  /** Townships whose only member is this user: they are erased with the user. */
  const soleTownships = (userId: number) =>
    sql`(select township_id from memberships where user_id = ${userId}
      and township_id not in (select township_id from memberships where user_id <> ${userId}))`;

  return {
    async storedAbout(userId: number): Promise<StoredAbout> {
      const [user, session, member, steps, entered, sheets, audit, invited, settings, queued, local, units] = await Promise.all([
        db.select({ firstName: users.firstName, createdAt: users.createdAt }).from(users).where(eq(users.id, userId)).get(),
        db.select({ value: sessions.value }).from(sessions).where(eq(sessions.key, sessionKey(userId))).get(),
        db
          .select({
            townshipId: memberships.townshipId,
            township: townships.name,
            role: memberships.role,
            joinedAt: memberships.joinedAt,
            otherMembers: sql<number>`(select count(*) from memberships m where m.township_id = ${memberships.townshipId} and m.user_id <> ${userId})`,
          })
          .from(memberships)
          .innerJoin(townships, eq(townships.id, memberships.townshipId))
          .where(eq(memberships.userId, userId))
          .orderBy(asc(memberships.joinedAt))
          .all(),
        db
          .select({ township: townships.name, stepId: stepRecords.stepId, recordedAt: stepRecords.recordedAt })
          .from(stepRecords)
          .innerJoin(townships, eq(townships.id, stepRecords.townshipId))
          .where(eq(stepRecords.recordedBy, userId))
          .orderBy(asc(stepRecords.recordedAt))
          .all(),
        db
          .select({
            township: townships.name,
            name: candidates.name,
            post: candidates.post,
            status: candidates.status,
            idNumberMasked: candidates.idNumberMasked,
            mobile: candidates.mobile,
          })
          .from(candidates)
          .innerJoin(townships, eq(townships.id, candidates.townshipId))
          .where(eq(candidates.createdBy, userId))
          .orderBy(asc(candidates.createdAt), asc(sql`${candidates}.rowid`))
          .all(),
        db
          .select({ township: townships.name, judge: speechScores.judge, scores: count() })
          .from(speechScores)
          .innerJoin(townships, eq(townships.id, speechScores.townshipId))
          .where(eq(speechScores.recordedBy, userId))
          .groupBy(speechScores.townshipId, speechScores.judge)
          .all(),
        db.select({ n: count() }).from(auditLog).where(eq(auditLog.userId, userId)).get(),
        db.select({ n: count() }).from(invites).where(eq(invites.createdBy, userId)).get(),
        db.select().from(reminderSettings).where(eq(reminderSettings.userId, userId)).get(),
        db
          .select({ n: count() })
          .from(reminderOutbox)
          .where(and(eq(reminderOutbox.chatId, userId), sql`${reminderOutbox.status} in ('pending', 'sending')`))
          .get(),
        db.select({ n: count() }).from(localMessages).where(eq(localMessages.chatId, userId)).get(),
        db
          .select({ unit: orgUnits.name, joinedAt: unitMemberships.joinedAt })
          .from(unitMemberships)
          .innerJoin(orgUnits, eq(orgUnits.id, unitMemberships.unitId))
          .where(eq(unitMemberships.userId, userId))
          .orderBy(asc(unitMemberships.joinedAt))
          .all(),
      ]);
      const data = session ? (JSON.parse(session.value) as SessionData) : {};
      return {
        ...(user ? { user } : {}),
        session: {
          ...(data.language ? { language: data.language } : {}),
          ...(data.dialog ? { dialog: data.dialog.name } : {}),
          drafts: Object.keys(data.drafts ?? {}),
        },
        memberships: member,
        units,
        steps,
        candidates: entered,
        scoreSheets: sheets,
        auditEntries: audit?.n ?? 0,
        invites: invited?.n ?? 0,
        ...(settings ? { reminders: { muted: settings.muted, snoozedUntil: settings.snoozedUntil, blocked: settings.blockedAt !== null } } : {}),
        remindersQueued: queued?.n ?? 0,
        localMessages: local?.n ?? 0,
      };
    },

    /** The townships (names) that would be erased with the user, because nobody else belongs to them. */
    async townshipsErasedWith(userId: number): Promise<string[]> {
      const rows = await db
        .select({ name: townships.name })
        .from(townships)
        .where(sql`${townships.id} in ${soleTownships(userId)}`)
        .all();
      return rows.map((r) => r.name);
    },

    /**
     * Erases the user in one transaction: account (and channel account), session, chat transcript, reminder settings and
     * queued reminders, memberships of townships and of supervising units, the townships only they
     * belonged to (with everything in them);
     * elsewhere their authorship becomes DELETED_USER (candidates they entered: no creator).
     */
    async erase(userId: number): Promise<void> {
      const sole = soleTownships(userId);
      await db.batch([
        db.delete(auditLog).where(sql`${auditLog.townshipId} in ${sole}`),
        db.delete(reminderOutbox).where(sql`${reminderOutbox.townshipId} in ${sole}`),
        // Memberships, invitations, steps, candidates and scores of these townships go by ON DELETE CASCADE.
        db.delete(townships).where(sql`${townships.id} in ${sole}`),
        db.delete(memberships).where(eq(memberships.userId, userId)),
        // A supervising unit stays (the units above still see its townships), without this member.
        db.delete(unitMemberships).where(eq(unitMemberships.userId, userId)),
        db.update(orgUnits).set({ createdBy: DELETED_USER }).where(eq(orgUnits.createdBy, userId)),
        db.update(unitInvites).set({ createdBy: DELETED_USER }).where(eq(unitInvites.createdBy, userId)),
        db.update(townships).set({ createdBy: DELETED_USER }).where(eq(townships.createdBy, userId)),
        db.update(invites).set({ createdBy: DELETED_USER }).where(eq(invites.createdBy, userId)),
        db.update(candidates).set({ createdBy: null }).where(eq(candidates.createdBy, userId)),
        db.update(stepRecords).set({ recordedBy: DELETED_USER }).where(eq(stepRecords.recordedBy, userId)),
        db.update(speechScores).set({ recordedBy: DELETED_USER }).where(eq(speechScores.recordedBy, userId)),
        db.update(auditLog).set({ userId: DELETED_USER }).where(eq(auditLog.userId, userId)),
        db
          .update(auditLog)
          .set({ detail: sql`json_set(${auditLog.detail}, '$.invitedBy', ${DELETED_USER})` })
          .where(sql`json_valid(${auditLog.detail}) and json_extract(${auditLog.detail}, '$.invitedBy') = ${userId}`),
        db.delete(reminderOutbox).where(eq(reminderOutbox.chatId, userId)),
        db.delete(reminderSettings).where(eq(reminderSettings.userId, userId)),
        db.delete(localMessages).where(eq(localMessages.chatId, userId)),
        db.delete(wecomCards).where(eq(wecomCards.chatId, userId)),
        db.delete(sessions).where(eq(sessions.key, sessionKey(userId))),
        db.delete(users).where(eq(users.id, userId)),
        // A local browser or WeCom person: the account goes too; writing again, they are a new user.
        db.delete(channelAccounts).where(eq(channelAccounts.seq, isChannelUserId(userId) ? userId - CHANNEL_USER_ID_BASE : -1)),
      ]);
    },
  };
}
