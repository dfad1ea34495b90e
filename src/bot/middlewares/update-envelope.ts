import { type ApiCallFn, GrammyError, type NextFunction, type RawApi, type Transformer } from "grammy";
import type { SessionStore } from "../../db/session-storage.js";
import type { StatementRunner } from "../../db/statements.js";
import { updateEnvelope } from "../../db/update-envelope.js";
import { isBotApiRetryable, UpdateInProgress } from "../failures.js";
import { negotiateLocale } from "../../i18n/index.js";
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
 *
 * A dialog never runs ahead of what is stored: what the handlers send (the next question) is held
 * until the update's session is committed, and dropped if that fails, so the question the user last
 * saw still stands. If Telegram then fails to take it, the close is undone (session and ledger as they
 * were) and the redelivery asks again. An update that changed no session sends first and marks itself
 * done after, as the only thing left to store is that mark.
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
    const outgoing = holdOutgoing(ctx);
    let write: string | undefined;
    let ended = sessionKey === undefined;
    try {
      await next();
      ended = true;
      write = sessionKey === undefined ? undefined : sessions.end(sessionKey, opening.session);
      // A changed session is part of the update's work: if it cannot be stored, the update fails as a
      // whole, and nothing the handlers said is sent.
      if (write !== undefined) await envelope.close(updateId, { key: sessionKey!, value: write });
    } catch (error) {
      outgoing.drop();
      if (!ended) sessions.end(sessionKey!, opening.session);
      // A close whose answer was lost may have been stored all the same: undone, or the redelivery
      // would be skipped with the user never told the next question.
      if (write !== undefined) await envelope.reopen(updateId, now, { key: sessionKey!, before: opening.session }).catch(() => undefined);
      await envelope.release(updateId, now).catch(() => undefined);
      throw error;
    }
    if (write !== undefined) {
      ctx.deps.storageHealth?.wrote();
      try {
        await outgoing.send();
      } catch (error) {
        if (isBotApiRetryable(error))
          await envelope.reopen(updateId, now, { key: sessionKey!, before: opening.session }).catch((reopenError: unknown) =>
            // Stored, but not said: the redelivery is skipped and the user sees the question before.
            ctx.deps.logger.error("update_reopen_failed", { update_id: updateId, error: reopenError }),
          );
        throw error;
      }
      return;
    }
    try {
      await outgoing.send();
    } catch (error) {
      await envelope.release(updateId, now).catch(() => undefined);
      throw error;
    }
    // The work is done and answered: a failure to mark it must not make Telegram redo it. The claim
    // then stays open; a redelivery (there should be none) is sent back until the claim is stale.
    await envelope.close(updateId).then(
      () => ctx.deps.storageHealth?.wrote(),
      (error: unknown) => ctx.deps.logger.warn("ledger_complete_failed", { update_id: updateId, error }),
    );
  };
}

/**
 * Holds the update's Bot API calls that change what a user sees (everything but reads such as
 * getFile) until `send`, in order; the handlers go on as if each had succeeded (none of them reads
 * what a send returns). Installed outermost on this update's `ctx.api`, so that `send` passes each
 * call through the bot's own transformers (retries, the personal-data mask, the local transport).
 * After `send` or `drop` calls go straight through: the error boundary's notice is not held.
 */
function holdOutgoing(ctx: BotContext) {
  type Call = Parameters<ApiCallFn<RawApi>>;
  let held: Call[] | undefined = [];
  let pass: ApiCallFn<RawApi> | undefined;
  const hold: Transformer<RawApi> = (prev, method, payload, signal) => {
    pass ??= prev;
    if (!held || method.startsWith("get")) return prev(method, payload, signal);
    held.push([method, payload, signal] as Call);
    return Promise.resolve({ ok: true, result: true } as never);
  };
  ctx.api.config.use(hold);
  return {
    drop() {
      held = undefined;
    },
    async send() {
      const calls = held ?? [];
      held = undefined;
      for (const [method, payload, signal] of calls) {
        const response = await pass!(method, payload, signal);
        if (response.ok) continue;
        // What the handlers would have met had the call gone out at once: a refused edit of a message
        // that has not changed, or of buttons gone, is nothing; any other refusal is a bug of ours.
        if (method.startsWith("edit") && response.error_code === 400) continue;
        const error = new GrammyError(
          `Call to '${method}' failed! (${response.error_code}: ${response.description})`,
          response,
          method,
          payload as Record<string, unknown>,
        );
        if (response.error_code === 429 || response.error_code >= 500) throw error;
        ctx.deps.logger.error("bot_api_refused", { update_id: ctx.update.update_id, method, error });
      }
    },
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
