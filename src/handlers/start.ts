import { Composer } from "grammy";
import type { BotContext } from "../bot/context.js";

/** /start and /help: who the assistant is and what it can do. */
export const startFeature = new Composer<BotContext>();

startFeature.command("start", async (ctx) => {
  ctx.handler = "start";
  await ctx.reply(ctx.t("welcome", { name: ctx.from?.first_name ?? "" }));
});

startFeature.command("help", async (ctx) => {
  ctx.handler = "help";
  await ctx.reply(ctx.t("help"));
});
