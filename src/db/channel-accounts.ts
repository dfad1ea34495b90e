import { and, eq } from "drizzle-orm";
import type { Database } from "./client.js";
import { channelAccounts } from "./schema.js";

export type Channel = (typeof channelAccounts.$inferSelect)["channel"];

/** Channel accounts' user ids are this plus their `seq`: Telegram's ids stay below 2^52. */
export const CHANNEL_USER_ID_BASE = 2 ** 52;

/** Whether a user (or private chat) id belongs to a channel account rather than to Telegram. */
export function isChannelUserId(id: number): boolean {
  return id >= CHANNEL_USER_ID_BASE;
}

/**
 * Who a channel's person is to the bot: the user id given to (channel, external id) the first time
 * they write, the same one ever after.
 */
export async function channelUserId(db: Database, channel: Channel, externalId: string): Promise<number> {
  const inserted = await db
    .insert(channelAccounts)
    .values({ channel, externalId })
    .onConflictDoNothing()
    .returning({ seq: channelAccounts.seq })
    .get();
  const row =
    inserted ??
    (await db
      .select({ seq: channelAccounts.seq })
      .from(channelAccounts)
      .where(and(eq(channelAccounts.channel, channel), eq(channelAccounts.externalId, externalId)))
      .get());
  if (!row) throw new Error(`channel account ${channel} vanished while it was looked up`);
  return CHANNEL_USER_ID_BASE + row.seq;
}

/** The channel and external id behind a user id, to send to them; undefined for Telegram users. */
export async function channelAccountOf(
  db: Database,
  userId: number,
): Promise<{ channel: Channel; externalId: string } | undefined> {
  if (!isChannelUserId(userId)) return undefined;
  return db
    .select({ channel: channelAccounts.channel, externalId: channelAccounts.externalId })
    .from(channelAccounts)
    .where(eq(channelAccounts.seq, userId - CHANNEL_USER_ID_BASE))
    .get();
}

/** Forgets the account behind a user id (with /deleteme); the person gets a new id if they return. */
export async function forgetChannelAccount(db: Database, userId: number): Promise<void> {
  if (!isChannelUserId(userId)) return;
  await db.delete(channelAccounts).where(eq(channelAccounts.seq, userId - CHANNEL_USER_ID_BASE));
}
