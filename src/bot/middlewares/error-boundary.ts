import { GrammyError, HttpError, type NextFunction } from "grammy";
import type { BotContext } from "../context.js";
import { negotiateLocale, translate } from "../i18n.js";

/**
 * Errors that a later delivery of the same update can get past: Telegram unreachable or failing on
 * its side. These are rethrown so the webhook answers 5xx and Telegram retries.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof HttpError) return true;
  if (error instanceof GrammyError) return error.error_code >= 500 || error.error_code === 429;
  return false;
}

/**
 * Every other error is logged and answered politely in the user's language; the update then counts
 * as handled, because handling it again would fail the same way.
 */
export async function errorBoundary(ctx: BotContext, next: NextFunction): Promise<void> {
  try {
    await next();
  } catch (error) {
    if (isRetryable(error)) throw error;
    const databaseDown = isDatabaseUnavailable(error);
    ctx.deps.logger.error("handler_failed", { update_id: ctx.update.update_id, handler: ctx.handler, error });
    const locale = ctx.locale ?? negotiateLocale(ctx.from?.language_code);
    const text = translate(locale, databaseDown ? "error-try-again" : "error-generic");
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text }).catch(() => undefined);
    else if (ctx.chat) await ctx.reply(text).catch(() => undefined);
  }
}

function isDatabaseUnavailable(error: unknown): boolean {
  const text = `${(error as { code?: string })?.code ?? ""} ${(error as Error)?.message ?? ""}`;
  return /SQLITE_BUSY|SERVER_ERROR|ECONNREFUSED|fetch failed|HRANA|database is locked/i.test(text);
}
