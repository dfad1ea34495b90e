import { Composer } from "grammy";
import { Menu } from "@grammyjs/menu";
import type { BotContext } from "../bot/context.js";
import { LOCALES, translator } from "../bot/i18n.js";

/** /language: a button per language; the choice is kept in the session and the message is edited in place. */
export const languageMenu = new Menu<BotContext>("language", { onMenuOutdated: false });
for (const locale of LOCALES) {
  languageMenu.text(
    (ctx) => `${ctx.session.language === locale ? "✓ " : ""}${translator(locale)("language-name")}`,
    async (ctx) => {
      ctx.handler = "language";
      ctx.session.language = locale;
      ctx.locale = locale;
      ctx.t = translator(locale);
      await ctx.editMessageText(ctx.t("language-chosen"));
    },
  );
}

export const languageFeature = new Composer<BotContext>();
languageFeature.use(languageMenu);
languageFeature.command("language", async (ctx) => {
  ctx.handler = "language";
  await ctx.reply(ctx.t("language-prompt"), { reply_markup: languageMenu });
});
