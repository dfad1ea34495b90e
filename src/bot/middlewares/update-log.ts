import type { NextFunction } from "grammy";
import type { BotContext } from "../context.js";

/** One structured line per update: ids, the handler that answered, how long it took. No message text. */
export async function logUpdate(ctx: BotContext, next: NextFunction): Promise<void> {
  const started = performance.now();
  ctx.handler = "none";
  let outcome = "ok";
  try {
    await next();
  } catch (error) {
    outcome = "error";
    throw error;
  } finally {
    ctx.deps.logger.info("update", {
      update_id: ctx.update.update_id,
      user_id: ctx.from?.id,
      chat_type: ctx.chat?.type,
      kind: Object.keys(ctx.update).find((k) => k !== "update_id"),
      handler: ctx.handler,
      outcome,
      duration_ms: Math.round((performance.now() - started) * 10) / 10,
    });
  }
}
