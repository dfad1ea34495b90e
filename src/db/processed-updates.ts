import { and, eq, lt, sql } from "drizzle-orm";
import type { Database } from "./client.js";
import { processedUpdates } from "./schema.js";

/** A claim older than this is taken to belong to a crashed process and may be retaken. */
export const STALE_CLAIM_MS = 2 * 60_000;

/**
 * The ledger of updates handled: the first delivery claims an update id, later deliveries find the
 * claim and are skipped. Claims are one atomic statement, so two concurrent deliveries cannot both
 * win. The statements are prepared once: they run on every update.
 */
export function updateLedger(db: Database) {
  const claim = db
    .insert(processedUpdates)
    .values({ updateId: sql.placeholder("id"), status: "processing", claimedAt: sql.placeholder("now") })
    .onConflictDoUpdate({
      target: processedUpdates.updateId,
      set: { claimedAt: sql`excluded.claimed_at` },
      setWhere: and(eq(processedUpdates.status, "processing"), lt(processedUpdates.claimedAt, sql.placeholder("stale"))),
    })
    .returning({ updateId: processedUpdates.updateId })
    .prepare();
  const complete = db
    .update(processedUpdates)
    .set({ status: "done" })
    .where(eq(processedUpdates.updateId, sql.placeholder("id")))
    .prepare();
  const release = db.delete(processedUpdates).where(eq(processedUpdates.updateId, sql.placeholder("id"))).prepare();
  const status = db
    .select({ status: processedUpdates.status })
    .from(processedUpdates)
    .where(eq(processedUpdates.updateId, sql.placeholder("id")))
    .prepare();

  return {
    /** False when another delivery of the same update is being handled or has been handled. */
    async claim(updateId: number, now = Date.now()): Promise<boolean> {
      const rows = await claim.all({ id: updateId, now, stale: now - STALE_CLAIM_MS });
      return rows.length > 0;
    },
    async complete(updateId: number): Promise<void> {
      await complete.run({ id: updateId });
    },
    /** Whether the update was handled to the end (a claim still open is not). */
    async isDone(updateId: number): Promise<boolean> {
      return (await status.get({ id: updateId }))?.status === "done";
    },
    /** Gives the update back so that Telegram's next delivery handles it. */
    async release(updateId: number): Promise<void> {
      await release.run({ id: updateId });
    },
  };
}
export type UpdateLedger = ReturnType<typeof updateLedger>;

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
