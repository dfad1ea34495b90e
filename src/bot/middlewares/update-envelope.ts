import type { NextFunction } from "grammy";
import type { SessionStore } from "../../db/session-storage.js";
import type { StatementRunner } from "../../db/statements.js";
import { updateEnvelope } from "../../db/update-envelope.js";
import { negotiateLocale } from "../i18n.js";
import type { BotContext } from "../context.js";

/** grammY's default session key (the chat), shared with the session middleware. */
export function sessionKeyOf(ctx: Pick<BotContext, "chat">): string | undefined {
  return ctx.chat?.id.toString();
}

/**
 * Opens and closes every update in one round trip each (db/update-envelope.ts). Opening claims the
 * update, records that the user exists under their current name, and reads the chat's session and who
 * the user is (and, in a private chat, that reminders reach them, in their language); closing stores
 * the changed session and marks the update done.
 *
 * Telegram re-delivers an update when our answer was late or lost. The first delivery claims the
 * update id; later ones are skipped, so nothing is changed or sent twice. If handling fails with an
 * error worth retrying, the claim is released so the redelivery can do the work, and the session is
 * left as it was.
 */
export function updateEnvelopeMiddleware(runner: StatementRunner, sessions: SessionStore<unknown>) {
  const envelope = updateEnvelope(runner);
  return async (ctx: BotContext, next: NextFunction): Promise<void> => {
    const updateId = ctx.update.update_id;
    const sessionKey = sessionKeyOf(ctx);
    const from = ctx.from;
    const inPrivate = ctx.chat?.type === "private";
    const opening = await envelope.open({
      updateId,
      sessionKey,
      ...(from
        ? {
            user: {
              id: from.id,
              firstName: from.first_name,
              ...(inPrivate ? { privateLocale: negotiateLocale(from.language_code) } : {}),
            },
          }
        : {}),
      now: ctx.deps.now().getTime(),
    });
    if (!opening.claimed) {
      ctx.handler = "duplicate";
      return;
    }
    ctx.viewer = opening.viewer;
    if (sessionKey !== undefined) sessions.begin(sessionKey, opening.session);
    try {
      await next();
    } catch (error) {
      if (sessionKey !== undefined) sessions.end(sessionKey);
      await envelope.release(updateId).catch(() => undefined);
      throw error;
    }
    const write = sessionKey === undefined ? undefined : sessions.end(sessionKey);
    await envelope.close(updateId, write === undefined ? undefined : { key: sessionKey!, value: write });
  };
}
