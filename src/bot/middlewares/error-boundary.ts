import type { Middleware } from "grammy";
import type { BotContext } from "../context.js";
import { errorChain, isBotApiRetryable, needsOperator, storageFailure, UpdateInProgress } from "../failures.js";
import { negotiateLocale, translate } from "../../i18n/index.js";

/**
 * Errors a later delivery of the same update can get past are rethrown, so the webhook answers 503
 * and Telegram delivers the update again: Telegram itself failing, a delivery of an update that is
 * still being handled, and — when Telegram does redeliver (`retriedByTelegram`: webhook mode) — the
 * database being unreachable for a moment, even for recording the update in the ledger. Nothing
 * partial is kept: the session is not written and every repository write is one transaction.
 *
 * Without redelivery (polling, the local chat page) the user is told the action was not saved and to
 * try again. Every database failure is classified (bot/failures.ts) and remembered for /healthz. Every other error is a bug: logged, answered politely in the user's language, and the
 * update counts as handled, because handling it again would fail the same way.
 */
const FAULT_EVENT: Record<string, string> = {
  storage: "storage_fault",
  misconfigured: "database_misconfigured",
  "too-large": "database_refused_size",
};

export function errorBoundary(options: { retriedByTelegram: boolean }): Middleware<BotContext> {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (isBotApiRetryable(error) || errorChain(error).some((e) => e instanceof UpdateInProgress)) throw error;
      const failure = storageFailure(error);
      const fields = { update_id: ctx.update.update_id, handler: ctx.handler, error };
      if (failure) {
        ctx.deps.storageHealth?.failed(failure);
        // The database failing is not a bug: a moment's outage is a warning; what needs whoever runs
        // the bot (a full disk, a refused token, a quota block) is an error that names it.
        if (needsOperator(failure)) ctx.deps.logger.error(FAULT_EVENT[failure.kind] ?? "storage_fault", { ...fields, kind: failure.kind, cause: failure.cause });
        else ctx.deps.logger.warn("database_unavailable", { ...fields, kind: failure.kind, cause: failure.cause });
        if (options.retriedByTelegram) throw error;
      } else ctx.deps.logger.error("handler_failed", fields);
      const databaseDown = failure !== undefined;
      const locale = ctx.locale ?? negotiateLocale(ctx.from?.language_code);
      const text = translate(locale, databaseDown ? "error-try-again" : "error-generic");
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text }).catch(() => undefined);
      else if (ctx.chat?.type === "private") await ctx.reply(text).catch(() => undefined);
    }
  };
}
