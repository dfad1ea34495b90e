import { InlineKeyboard } from "grammy";
import type { BotContext } from "../bot/context.js";
import { FeatureComposer } from "../bot/feature-composer.js";
import { encodeButton } from "../buttons/callback-data.js";
import { onButton } from "../buttons/on-button.js";
import { LOCALES, translator } from "../i18n/index.js";

/** /language: a button per language; the choice is kept in the session and the message is edited in place. */
function languageKeyboard(ctx: BotContext): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const locale of LOCALES)
    keyboard.text(`${ctx.session.language === locale ? "✓ " : ""}${translator(locale)("language-name")}`, encodeButton("lang", locale));
  return keyboard;
}

export const languageFeature = new FeatureComposer<BotContext>();
languageFeature.command("language", async (ctx) => {
  ctx.handler = "language";
  await ctx.reply(ctx.t("language-prompt"), { reply_markup: languageKeyboard(ctx) });
});

onButton(languageFeature, "lang", async (ctx, [locale]) => {
  ctx.handler = "language";
  ctx.session.language = locale;
  ctx.locale = locale;
  ctx.t = translator(locale);
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t("language-chosen"));
});
