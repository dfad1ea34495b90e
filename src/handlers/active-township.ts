import type { BotContext } from "../bot/context.js";
import { type ActiveTownship, townshipRepository } from "../db/townships.js";

/**
 * The sender's township as this update found it: the update envelope read it with the update's
 * claim (ctx.viewer), in the same SQL as townshipRepository.activeFor, so it is not read again.
 * Without an envelope reading (no private sender) it is read here. A handler that changes the
 * township or the user's memberships reads it again from the repository after the change.
 */
export async function activeTownship(ctx: BotContext): Promise<ActiveTownship | undefined> {
  if (!ctx.from) return undefined;
  if (ctx.viewer) return ctx.viewer.township;
  return await townshipRepository(ctx.deps.db).activeFor(ctx.from.id);
}

/** After this update changed the sender's township or memberships: what the envelope read no longer stands. */
export function townshipChanged(ctx: BotContext): void {
  ctx.viewer = undefined;
}
