import { InlineKeyboard } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { FeatureComposer } from "../../bot/feature-composer.js";
import { encodeButton } from "../../buttons/callback-data.js";
import { onButton } from "../../buttons/on-button.js";
import { candidatesJudgedNow, requireTownship, say } from "./shared.js";
import { slateReport } from "./slate-report.js";

/** The slate checked against the township's rules (/slate). */
export const slateFeature = new FeatureComposer<BotContext>();

slateFeature.command("slate", showSlate);
onButton(slateFeature, "cand:slate", async (ctx) => {
  await ctx.answerCallbackQuery();
  await showSlate(ctx);
});

async function showSlate(ctx: BotContext): Promise<void> {
  ctx.handler = "slate";
  const township = await requireTownship(ctx);
  if (!township) return;
  const candidates = await candidatesJudgedNow(ctx, township);
  await say(ctx, slateReport(ctx, township, candidates), {
    reply_markup: new InlineKeyboard()
      .text(ctx.t("cand-button-list"), encodeButton("cand:list", 0))
      .text(ctx.t("cand-button-add"), encodeButton("cand:add")),
  });
}
