import type { NextFunction } from "grammy";
import { claimUpdate, completeUpdate, releaseUpdate } from "../../db/processed-updates.js";
import type { BotContext } from "../context.js";

/**
 * Telegram re-delivers an update when our answer was late or lost. The first delivery claims the
 * update id; later ones are skipped, so nothing is changed or sent twice. If handling fails with an
 * error worth retrying, the claim is released so the redelivery can do the work.
 */
export async function deduplicateUpdates(ctx: BotContext, next: NextFunction): Promise<void> {
  const { db } = ctx.deps;
  const id = ctx.update.update_id;
  if (!(await claimUpdate(db, id))) {
    ctx.handler = "duplicate";
    return;
  }
  try {
    await next();
  } catch (error) {
    await releaseUpdate(db, id).catch(() => undefined);
    throw error;
  }
  await completeUpdate(db, id);
}
