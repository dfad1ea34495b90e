import type { NextFunction } from "grammy";
import type { BotContext } from "../context.js";
import { negotiateLocale, translator } from "../../i18n/index.js";

/** Picks the user's language: their own choice (kept in the session), else Telegram's, else Chinese. */
export async function useLocale(ctx: BotContext, next: NextFunction): Promise<void> {
  // Updates without a chat (inline queries, polls) have no session to read.
  const chosen = ctx.chat ? ctx.session.language : undefined;
  ctx.locale = chosen ?? negotiateLocale(ctx.from?.language_code);
  ctx.t = translator(ctx.locale);
  await next();
}
