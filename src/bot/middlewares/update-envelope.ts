import type { NextFunction } from "grammy";
import type { SessionStore } from "../../db/session-storage.js";
import type { StatementRunner } from "../../db/statements.js";
import { updateEnvelope } from "../../db/update-envelope.js";
import { UpdateInProgress } from "../failures.js";
import { negotiateLocale } from "../i18n.js";
import { privateSender } from "./private-chats.js";
import type { BotContext } from "../context.js";

/** grammY's default session key (the chat), shared with the session middleware. */
export function sessionKeyOf(ctx: Pick<BotContext, "chat">): string | undefined {
  return ctx.chat?.id.toString();
}

/**
 * Opens and closes every update in one round trip each (db/update-envelope.ts). Opening claims the
 * update and, for a private chat, records that the user exists under their current name and that
 * reminders reach them (in their language), and reads the chat's session and the user's township;
 * closing stores the changed session and marks the update done.
 *
 * Telegram re-delivers an update when our answer was late or lost. The first delivery claims the
 * update id; a delivery of an update already handled is skipped, so nothing is changed or sent twice.
 * A delivery that finds the claim still open (the first one is running, or died before releasing it)
 * is sent back (503 from the webhook): a later delivery then finds it done, or the claim stale and
 * retakes it — skipping it here would lose the update. If handling fails, the claim is released so a
 * redelivery can do the work, and the session is left as it was.
 */
export function updateEnvelopeMiddleware(runner: StatementRunner, sessions: SessionStore<unknown>) {
  const envelope = updateEnvelope(runner);
  return async (ctx: BotContext, next: NextFunction): Promise<void> => {
    const updateId = ctx.update.update_id;
    // Only private chats reach the features (middlewares/private-chats.ts): nothing is kept of anyone else.
    const person = privateSender(ctx);
    const sessionKey = person ? sessionKeyOf(ctx) : undefined;
    const now = Date.now();
    const opening = await envelope.open({
      updateId,
      sessionKey,
      ...(person
        ? {
            user: {
              id: person.id,
              firstName: person.first_name,
              ...(reachable(ctx) ? { privateLocale: negotiateLocale(person.language_code) } : {}),
            },
          }
        : {}),
      now,
      at: ctx.deps.now().getTime(),
    });
    if (opening.ledger !== "claimed") {
      ctx.handler = "duplicate";
      if (opening.ledger === "done") return;
      throw new UpdateInProgress(updateId);
    }
    ctx.viewer = opening.viewer;
    if (sessionKey !== undefined) sessions.begin(sessionKey, opening.session);
    let write: string | undefined;
    let ended = sessionKey === undefined;
    try {
      await next();
      ended = true;
      write = sessionKey === undefined ? undefined : sessions.end(sessionKey, opening.session);
      // A changed session is part of the update's work: if it cannot be stored, the update fails as a whole.
      if (write !== undefined) await envelope.close(updateId, { key: sessionKey!, value: write });
    } catch (error) {
      if (!ended) sessions.end(sessionKey!, opening.session);
      await envelope.release(updateId, now).catch(() => undefined);
      throw error;
    }
    if (write !== undefined) return;
    // The work is done and answered: a failure to mark it must not make Telegram redo it. The claim
    // then stays open; a redelivery (there should be none) is sent back until the claim is stale.
    await envelope
      .close(updateId)
      .catch((error: unknown) => ctx.deps.logger.warn("ledger_complete_failed", { update_id: updateId, error }));
  };
}

/**
 * The person is talking to the bot, so reminders reach them: a message, a button, or their chat with
 * the bot (re)opened. Telegram's notice that they blocked the bot is not that.
 */
function reachable(ctx: BotContext): boolean {
  if (ctx.myChatMember) return ctx.myChatMember.new_chat_member.status !== "kicked";
  return Boolean(ctx.message || ctx.editedMessage || ctx.callbackQuery);
}
