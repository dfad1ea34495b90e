import type { NextFunction } from "grammy";
import { type UpdateLedger, updateLedger } from "../../db/processed-updates.js";
import type { Database } from "../../db/client.js";
import type { BotContext } from "../context.js";

const ledgers = new WeakMap<Database, UpdateLedger>();

/**
 * Telegram re-delivers an update when our answer was late or lost. The first delivery claims the
 * update id; later ones are skipped, so nothing is changed or sent twice. If handling fails with an
 * error worth retrying, the claim is released so the redelivery can do the work.
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
    return;
  }
  try {
    await next();
  } catch (error) {
    await ledger.release(id).catch(() => undefined);
    throw error;
  }
  await ledger.complete(id);
}
