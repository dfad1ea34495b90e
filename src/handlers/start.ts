import { InlineKeyboard } from "grammy";
import type { BotContext } from "../bot/context.js";
import { FeatureComposer } from "../bot/feature-composer.js";
import { encodeButton } from "../buttons/callback-data.js";
import { townshipRepository } from "../db/townships.js";
import { openUnitInvitation } from "./supervisors.js";

/** /start (with an invitation payload: join a township) and /help. */
export const startFeature = new FeatureComposer<BotContext>();

startFeature.command("start", async (ctx) => {
  ctx.handler = "start";
  const user = ctx.from!;
  const repo = townshipRepository(ctx.deps.db);
  // The update's envelope has recorded the user and read their township.
  const viewer = ctx.viewer;
  if (await openUnitInvitation(ctx, ctx.match.trim())) return;
  const invitation = /^join_([\w-]{8,64})$/.exec(ctx.match.trim())?.[1];
  if (invitation) {
    const joined = await repo.join(user.id, invitation, ctx.deps.now());
    const township = joined ? await repo.getFor(user.id, joined) : undefined;
    await ctx.reply(township ? ctx.t("join-done", { name: township.name }) : ctx.t("join-invalid"));
    if (!township) return;
  }
  const township = viewer && !invitation ? viewer.township : await repo.activeFor(user.id);
  if (!township) {
    await ctx.reply(ctx.t("welcome", { name: user.first_name }), {
      reply_markup: new InlineKeyboard().text(ctx.t("button-register"), encodeButton("nav:register")),
    });
    return;
  }
  await ctx.reply(ctx.t("welcome-back", { name: user.first_name, township: township.name }), {
    reply_markup: new InlineKeyboard().text(ctx.t("button-next-step"), encodeButton("nav:next")).text(ctx.t("button-progress"), encodeButton("nav:progress")),
  });
});

startFeature.command("help", async (ctx) => {
  ctx.handler = "help";
  await ctx.reply(ctx.t("help"));
});
