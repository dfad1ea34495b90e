import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../bot/context.js";
import { maskPersonalData } from "../domain/privacy.js";
import type { DocId } from "../domain/rules/types.js";
import { formatAnswer } from "../knowledge/ask.js";
import { knowledgeBase } from "../knowledge/base.js";

/**
 * Policy questions: `/ask QUESTION`, or any free text outside a dialog. The reply carries the answer,
 * its numbered sources, and a button per source to read the full cited section.
 */
export const askFeature = new Composer<BotContext>();

const SOURCE_PREFIX = "src:";
const MAX_MESSAGE = 4000;

async function answer(ctx: BotContext, question: string): Promise<void> {
  ctx.handler = "ask";
  // An ID or phone number pasted into a question is no part of it, and must not reach the LLM.
  const result = await ctx.deps.ask(maskPersonalData(question));
  const keyboard = new InlineKeyboard();
  result.citations.slice(0, 4).forEach((c, i) => {
    keyboard.text(ctx.t("kb-read-source", { n: i + 1 }), `${SOURCE_PREFIX}${c.doc}:${c.section}`);
  });
  await ctx.reply(truncate(formatAnswer(result)), result.citations.length > 0 ? { reply_markup: keyboard } : {});
}

askFeature.command("ask", async (ctx) => {
  const question = ctx.match.trim();
  if (!question) {
    ctx.handler = "ask";
    await ctx.reply(ctx.t("kb-ask-usage"));
    return;
  }
  await answer(ctx, question);
});

askFeature.callbackQuery(/^src:([a-z-]+):([A-Za-z0-9-]+)$/, async (ctx) => {
  ctx.handler = "ask-source";
  const [, docId, sectionId] = ctx.match as RegExpMatchArray as [string, string, string];
  const doc = knowledgeBase().docs.get(docId as DocId);
  const section = doc?.sections.find((s) => s.id === sectionId);
  if (!doc || !section) {
    await ctx.answerCallbackQuery({ text: ctx.t("button-outdated") });
    return;
  }
  await ctx.answerCallbackQuery();
  const heading = ctx.t("kb-source-text", { title: doc.title, heading: section.path.join(" › ") });
  await ctx.reply(truncate(`${heading}\n\n${section.text || section.heading}`));
});

/** Free text in a private chat, when no dialog is waiting for it, is a question. */
askFeature.on("message:text", async (ctx, next) => {
  if (ctx.chat.type !== "private" || ctx.msg.text.startsWith("/") || ctx.session.dialog) return next();
  await answer(ctx, ctx.msg.text);
});

function truncate(text: string): string {
  return text.length <= MAX_MESSAGE ? text : `${text.slice(0, MAX_MESSAGE - 1)}…`;
}
