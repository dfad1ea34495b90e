import { InlineKeyboard } from "grammy";
import { typedChoice } from "../channels/wecom/cards.js";
import type { BotContext } from "../bot/context.js";
import { FeatureComposer } from "../bot/feature-composer.js";
import { encodeButton } from "../buttons/callback-data.js";
import { onButton } from "../buttons/on-button.js";
import { maskPersonalData } from "../domain/privacy.js";
import { effectiveRules } from "../domain/rules/effective.js";
import type { DocId } from "../domain/rules/types.js";
import { citedSections, formatAnswer } from "../knowledge/ask.js";
import { knowledgeBase } from "../knowledge/base.js";
import type { Asker } from "../knowledge/compose.js";
import { PLACES, type PlaceId } from "../knowledge/question.js";
import { activeTownship } from "./active-township.js";

/**
 * Policy questions: `/ask QUESTION`, or any free text outside a dialog. The reply carries the answer,
 * its numbered sources, and a button per source to read the full cited section.
 */
export const askFeature = new FeatureComposer<BotContext>();

const MAX_MESSAGE = 4000;

/** A registered user's township: the rules that apply to it (its profile and its own /plan values) lead the answer. */
async function askerOf(ctx: BotContext): Promise<Asker | undefined> {
  if (!ctx.from) return undefined;
  const plan = await activeTownship(ctx);
  if (!plan) return undefined;
  const place = (PLACES as readonly string[]).includes(plan.profileId)
    ? (plan.profileId as PlaceId)
    : undefined;
  return { ...(place ? { place } : {}), rules: effectiveRules(plan) };
}

/** Buttons per row under an answer: one per cited section. */
const BUTTONS_PER_ROW = 4;

async function answer(ctx: BotContext, question: string): Promise<void> {
  ctx.handler = "ask";
  // An ID or phone number pasted into a question is no part of it, and must not reach the LLM.
  const asker = await askerOf(ctx);
  const result = await ctx.deps.ask(maskPersonalData(question), asker ? { asker } : {});
  const keyboard = new InlineKeyboard();
  citedSections(result).forEach((s, i) => {
    if (i > 0 && i % BUTTONS_PER_ROW === 0) keyboard.row();
    keyboard.text(ctx.t("kb-read-source", { n: i + 1 }), encodeButton("src", s.doc, s.section));
  });
  await ctx.reply(
    truncate(formatAnswer(result)),
    result.citations.length > 0 ? { reply_markup: keyboard } : {},
  );
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

onButton(askFeature, "src", async (ctx, args) => {
  ctx.handler = "ask-source";
  const [docId, sectionId] = args;
  const doc = knowledgeBase().docs.get(docId as DocId);
  const section = doc?.sections.find((s) => s.id === sectionId);
  if (!doc || !section) {
    await ctx.answerCallbackQuery({ text: ctx.t("button-outdated") });
    return;
  }
  await ctx.answerCallbackQuery();
  // In English, the section's faithful English rendering; the Chinese original is a tap away in Chinese.
  if (ctx.locale === "en" && section.en) {
    const heading = ctx.t("kb-section-en", { title: doc.titleEn, heading: section.en.heading });
    await ctx.reply(truncate(`${heading}\n\n${section.en.text || section.en.heading}`));
    return;
  }
  const heading = ctx.t("kb-source-text", { title: doc.title, heading: section.path.join(" › ") });
  await ctx.reply(truncate(`${heading}\n\n${section.text || section.heading}`));
});

/** Free text in a private chat, when no dialog is waiting for it, is a question. */
askFeature.on("message:text", async (ctx, next) => {
  if (ctx.chat.type !== "private" || ctx.msg.text.startsWith("/") || ctx.session.dialog) return next();
  // "#5" is a button's number (WeCom's cards answer to it); one that presses nothing is no question.
  const number = typedChoice(ctx.msg.text);
  if (number !== undefined) {
    await ctx.reply(ctx.t("ask-no-such-button", { number }));
    return;
  }
  await answer(ctx, ctx.msg.text);
});

function truncate(text: string): string {
  return text.length <= MAX_MESSAGE ? text : `${text.slice(0, MAX_MESSAGE - 1)}…`;
}
