import type { BotContext } from "../bot/context.js";
import { FeatureComposer } from "../bot/feature-composer.js";

/** Whatever no feature took: an unknown command, a sticker, a stale button. Always a clear answer. */
export const fallbackFeature = new FeatureComposer<BotContext>();

fallbackFeature.on("message", async (ctx) => {
  ctx.handler = "fallback";
  const isCommand = ctx.message.text?.startsWith("/") ?? false;
  await ctx.reply(ctx.t(isCommand ? "unknown-command" : "unsupported-message"));
});

// An edited message is not read again (a dialog has moved on by then): the user is told to send it anew.
fallbackFeature.on("edited_message", async (ctx) => {
  ctx.handler = "fallback";
  await ctx.reply(ctx.t("edited-message-ignored"));
});

fallbackFeature.on("callback_query", async (ctx) => {
  ctx.handler = "fallback";
  await ctx.answerCallbackQuery({ text: ctx.t("button-outdated") });
});
