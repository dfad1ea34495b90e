import type { NextFunction } from "grammy";
import type { BotContext } from "../context.js";
import { negotiateLocale, translate } from "../../i18n/index.js";

/** The person writing to the bot in their private chat with it; undefined for groups, channels and bots. */
export function privateSender(ctx: Pick<BotContext, "chat" | "from">) {
  return ctx.chat?.type === "private" && ctx.from && !ctx.from.is_bot ? ctx.from : undefined;
}

/**
 * The assistant works in private chats with people: dialog state is kept per chat and townships per
 * user, so a group or a channel would mix members' answers, and a channel post has no sender at all.
 * A command typed in a group gets one line pointing to the private chat, a button of a message that
 * is not in a private chat a short notice; everything else from groups and channels, and updates of
 * kinds the assistant does not use (polls, inline queries, member changes), is left alone.
 */
export async function privateChatsOnly(ctx: BotContext, next: NextFunction): Promise<void> {
  if (privateSender(ctx)) return next();
  ctx.handler = "not-private";
  const text = () => translate(negotiateLocale(ctx.from?.language_code), "private-only");
  if (ctx.callbackQuery) {
    await ctx.answerCallbackQuery({ text: text() });
    return;
  }
  const message = ctx.message;
  if (message?.from && !message.from.is_bot && isCommandForUs(message.text ?? "", ctx.me.username)) await ctx.reply(text());
}

/** `/cmd` or `/cmd@ourbot`; a command addressed to another bot in the group is not ours to answer. */
function isCommandForUs(text: string, username: string): boolean {
  const match = /^\/[A-Za-z0-9_]+(?:@(\w+))?/.exec(text);
  return match !== null && (match[1] === undefined || match[1].toLowerCase() === username.toLowerCase());
}
