import { and, eq, lt } from "drizzle-orm";
import type { Database } from "./client.js";
import { processedUpdates } from "./schema.js";

/** A claim older than this is taken to belong to a crashed process and may be retaken. */
export const STALE_CLAIM_MS = 2 * 60_000;

// The ledger itself (claim, complete, release) is kept by the update envelope (update-envelope.ts),
// in the same round trips as the rest of each update's reads and writes.

/**
 * Telegram re-delivers for at most a day; a week of ids is plenty. Run from the scheduler. Claims left
 * open that long (their completion could not be written) go too.
 */
export async function pruneProcessedUpdates(db: Database, now = Date.now()): Promise<number> {
  const cutoff = now - 7 * 24 * 3600_000;
  const rows = await db.delete(processedUpdates).where(lt(processedUpdates.claimedAt, cutoff)).returning({ id: processedUpdates.updateId });
  return rows.length;
}

/**
 * Claims left open by a process that died (SIGKILL, power cut) before `startedAt`. Only for a process
 * that is the sole handler of updates on its database (Node with an embedded file): every open claim
 * older than its start is then a dead process's, and Telegram's redelivery must be able to retake it
 * at once rather than after STALE_CLAIM_MS.
 */
export async function releaseAbandonedClaims(db: Database, startedAt: number): Promise<number> {
  const rows = await db
    .delete(processedUpdates)
    .where(and(eq(processedUpdates.status, "processing"), lt(processedUpdates.claimedAt, startedAt)))
    .returning({ id: processedUpdates.updateId });
  return rows.length;
}
