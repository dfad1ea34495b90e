import { and, eq, lt } from "drizzle-orm";
import type { Database } from "./client.js";
import { processedUpdates } from "./schema.js";

/** A claim older than this is taken to belong to a crashed process and may be retaken. */
export const STALE_CLAIM_MS = 2 * 60_000;

/**
 * Claims an update for handling. Returns false when another delivery of the same update is being
 * handled or has been handled: one atomic statement, so two concurrent deliveries cannot both win.
 */
export async function claimUpdate(db: Database, updateId: number, now = Date.now()): Promise<boolean> {
  const rows = await db
    .insert(processedUpdates)
    .values({ updateId, status: "processing", claimedAt: now })
    .onConflictDoUpdate({
      target: processedUpdates.updateId,
      set: { claimedAt: now },
      setWhere: and(eq(processedUpdates.status, "processing"), lt(processedUpdates.claimedAt, now - STALE_CLAIM_MS)),
    })
    .returning({ updateId: processedUpdates.updateId });
  return rows.length > 0;
}

export async function completeUpdate(db: Database, updateId: number): Promise<void> {
  await db.update(processedUpdates).set({ status: "done" }).where(eq(processedUpdates.updateId, updateId));
}

/** Gives the update back so that Telegram's next delivery handles it. */
export async function releaseUpdate(db: Database, updateId: number): Promise<void> {
  await db.delete(processedUpdates).where(eq(processedUpdates.updateId, updateId));
}

/** Telegram re-delivers for at most a day; a week of ids is plenty. Run from the scheduler. */
export async function pruneProcessedUpdates(db: Database, now = Date.now()): Promise<number> {
  const cutoff = now - 7 * 24 * 3600_000;
  const rows = await db
    .delete(processedUpdates)
    .where(and(eq(processedUpdates.status, "done"), lt(processedUpdates.claimedAt, cutoff)))
    .returning({ id: processedUpdates.updateId });
  return rows.length;
}
