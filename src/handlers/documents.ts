import { InlineKeyboard, InputFile } from "grammy";
import type { BotContext } from "../bot/context.js";
import { FeatureComposer } from "../bot/feature-composer.js";
import { encodeButton } from "../buttons/callback-data.js";
import { onButton } from "../buttons/on-button.js";
import { stepRepository } from "../db/steps.js";
import { documentBasis, unitWord } from "../documents/data.js";
import { documentName, draftDocument, draftDocx } from "../documents/draft.js";
import { DOCUMENT_KINDS, type DocumentKind, documentForStep, isDocumentKind } from "../documents/kinds.js";
import { splitForMessages } from "../documents/render.js";
import type { StepId } from "../domain/checklist/index.js";
import { shanghaiDate } from "../domain/time.js";
import { activeTownship } from "./active-township.js";
import { candidatesJudgedNow } from "./candidates/shared.js";

/**
 * The papers of the restructuring, drafted from the township's data: /documents lists them all, and a
 * checklist step's card offers its own (see `addDocumentButton`). The draft arrives as text to copy
 * (split at Telegram's 4096 characters) and as a .docx document, with the blanks left to fill named.
 */
export const documentsFeature = new FeatureComposer<BotContext>();

/** Telegram's limit for a document's caption. */
const MAX_CAPTION = 1024;

/** Adds the "draft this step's paper" button to a step card's keyboard, on its own row, if the step has one. */
export function addDocumentButton(ctx: BotContext, keyboard: InlineKeyboard, stepId: StepId): InlineKeyboard {
  const kind = documentForStep(stepId);
  return kind ? keyboard.row().text(ctx.t("button-draft-document", { name: documentName(kind) }), encodeButton("doc", kind)) : keyboard;
}

async function listDocuments(ctx: BotContext): Promise<void> {
  ctx.handler = "documents";
  const keyboard = new InlineKeyboard();
  for (const kind of DOCUMENT_KINDS) keyboard.text(ctx.t("button-draft-document", { name: documentName(kind) }), encodeButton("doc", kind)).row();
  const lines = DOCUMENT_KINDS.map((kind) => `· ${documentName(kind)} — ${ctx.t(`document-about-${kind}`)}`);
  await ctx.reply([ctx.t("documents-intro"), ...lines].join("\n"), { reply_markup: keyboard });
}

function caption(ctx: BotContext, draft: ReturnType<typeof draftDocument>): string {
  const parts = [ctx.t("documents-caption", { name: draft.name })];
  for (const note of draft.notes) parts.push(ctx.t(`documents-note-${note}`));
  if (draft.blanks.length === 0) parts.push(ctx.t("documents-no-blanks"));
  else parts.push(ctx.t("documents-blanks", { count: draft.blanks.length, names: draft.blanks.join(ctx.t("list-separator")) }));
  const text = parts.join("\n");
  return text.length <= MAX_CAPTION ? text : `${text.slice(0, MAX_CAPTION - 1)}…`;
}

function basisText(ctx: BotContext, kind: DocumentKind, township: Parameters<typeof documentBasis>[1]): string | undefined {
  const { own, reference } = documentBasis(kind, township);
  const unit = unitWord(township);
  const line = (l: { source: string; quote: string | undefined }) =>
    l.quote ? ctx.t("documents-basis-line", { source: l.source, quote: l.quote }) : ctx.t("documents-basis-line-plain", { source: l.source });
  const parts: string[] = [];
  if (own.length > 0) parts.push([ctx.t("documents-basis-own", { unit }), ...own.map(line)].join("\n"));
  if (reference.length > 0) parts.push([ctx.t("documents-basis-reference", { unit }), ...reference.map(line)].join("\n"));
  return parts.length > 0 ? parts.join("\n\n") : undefined;
}

async function sendDraft(ctx: BotContext, kind: DocumentKind): Promise<void> {
  ctx.handler = "document";
  const township = await activeTownship(ctx);
  if (!township) {
    await ctx.reply(ctx.t("no-township-yet"), { reply_markup: new InlineKeyboard().text(ctx.t("button-register"), encodeButton("nav:register")) });
    return;
  }
  const [records, candidates] = await Promise.all([
    stepRepository(ctx.deps.db).list(township.id),
    candidatesJudgedNow(ctx, township),
  ]);
  const draft = draftDocument(kind, { plan: township, records, candidates, today: shanghaiDate(ctx.deps.now()) });
  ctx.deps.logger.info("document_drafted", { township: township.id, kind, blanks: draft.blanks.length });
  // The paper itself, on its own so that it can be copied whole (Chinese papers are in Chinese).
  await ctx.reply(ctx.t("documents-text-follows", { name: draft.name }));
  for (const chunk of splitForMessages(draft.text)) await ctx.reply(chunk);
  // What the paper rests on goes with it, never into it (a county office sends back a paper quoting another locality).
  const basis = basisText(ctx, kind, township);
  if (basis) for (const chunk of splitForMessages(basis)) await ctx.reply(chunk);
  const bytes = await draftDocx(draft);
  await ctx.replyWithDocument(new InputFile(bytes, draft.fileName), { caption: caption(ctx, draft) });
}

documentsFeature.command("documents", listDocuments);

onButton(documentsFeature, "doc", async (ctx, args) => {
  await ctx.answerCallbackQuery();
  const kind = args[0];
  if (!isDocumentKind(kind)) return;
  await sendDraft(ctx, kind);
});
