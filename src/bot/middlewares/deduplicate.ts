import type { NextFunction } from "grammy";
import { type UpdateLedger, updateLedger } from "../../db/processed-updates.js";
import type { Database } from "../../db/client.js";
import type { BotContext } from "../context.js";
import { UpdateInProgress } from "../failures.js";

const ledgers = new WeakMap<Database, UpdateLedger>();

/**
 * Telegram re-delivers an update when our answer was late or lost. The first delivery claims the
 * update id; a delivery of an update already handled is skipped, so nothing is changed or sent twice.
 * A delivery that finds the claim still open (the first one is running, or died before releasing it)
 * is sent back (503 from the webhook): a later delivery then finds it done, or the claim stale and
 * retakes it — skipping it here would lose the update. If handling fails with an error worth retrying,
 * the claim is released so the redelivery can do the work.
 */
export async function deduplicateUpdates(ctx: BotContext, next: NextFunction): Promise<void> {
  const { db } = ctx.deps;
  let ledger = ledgers.get(db);
  if (!ledger) {
    ledger = updateLedger(db);
    ledgers.set(db, ledger);
  }
  const id = ctx.update.update_id;
  if (!(await ledger.claim(id))) {
    ctx.handler = "duplicate";
    if (await ledger.isDone(id)) return;
    throw new UpdateInProgress(id);
  }
  try {
    await next();
  } catch (error) {
    await ledger.release(id).catch(() => undefined);
    throw error;
  }
  // The update's work is done and answered: a failure to mark it must not make Telegram redo it. The
  // claim then stays open; a redelivery (there should be none) is sent back until the claim is stale.
  await ledger.complete(id).catch((error: unknown) => ctx.deps.logger.warn("ledger_complete_failed", { update_id: id, error }));
}
