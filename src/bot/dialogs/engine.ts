import { Composer, InlineKeyboard } from "grammy";
import { maskPersonalData } from "../../domain/privacy.js";
import type { BotContext } from "../context.js";

/**
 * A small form engine for the bot's dialogs: a dialog is a list of fields, each with a prompt, an
 * optional list of answers offered as buttons, an optional default, and a parser that returns the
 * value or a message saying what is wrong. The answers so far live in the session (the database), so
 * a user can leave at any point — or /cancel — and resume later on any device.
 *
 * Why not @grammyjs/conversations: it resumes by replaying handler code, so a deploy that changes a
 * dialog can strand the conversations in flight; plain field data survives any deploy, and the same
 * field parsers serve the batch importer and the tests.
 */
export type Parsed = { ok: true; value: unknown } | { ok: false; error: string };
export type DialogData = Record<string, unknown>;

export interface FieldChoice {
  value: string;
  label: string;
}

export interface DialogField {
  key: string;
  prompt: (ctx: BotContext, data: DialogData) => string;
  choices?: (ctx: BotContext, data: DialogData) => FieldChoice[];
  defaultValue?: (ctx: BotContext, data: DialogData) => string | undefined;
  parse: (input: string, ctx: BotContext, data: DialogData) => Parsed;
  /** Asked only when this holds for the answers so far. */
  when?: (data: DialogData) => boolean;
  /**
   * A typed answer is kept (in the session, then the database) with ID and mobile numbers masked: an
   * ID number typed as a township name or a note is never stored. A field whose value is personal
   * data on purpose (a candidate's mobile) or is used within the same update (pasted rows, from which
   * only hashes and masked forms are kept) says so here.
   */
  keepsPersonalData?: boolean;
}

export interface DialogDefinition {
  name: string;
  fields: DialogField[];
  /** All fields answered: act on them. Return a field and message to send the user back to that field. */
  complete: (ctx: BotContext, data: DialogData) => Promise<undefined | { field: string; error: string }>;
  /**
   * Checks the answers so far after each one, so a rule is enforced as soon as it can be: return the
   * field to ask again (its answer and those after it are dropped) and the message saying why. Without
   * a field, no answer can mend it: the dialog ends and the answers are kept as a draft.
   */
  check?: (ctx: BotContext, data: DialogData) => Promise<{ field?: string; error: string } | undefined>;
}

const registry = new Map<string, DialogDefinition>();

export function defineDialog(definition: DialogDefinition): DialogDefinition {
  registry.set(definition.name, definition);
  return definition;
}

/** Starts (or resumes, keeping earlier answers) a dialog. */
export async function startDialog(ctx: BotContext, definition: DialogDefinition, initial: DialogData = {}): Promise<void> {
  const draft = ctx.session.drafts?.[definition.name] ?? {};
  ctx.session.dialog = { name: definition.name, step: "", data: { ...draft, ...initial } };
  if (ctx.session.drafts) delete ctx.session.drafts[definition.name];
  await advance(ctx, definition);
}

/** Asks again for one field (to correct an answer), keeping the others. */
export async function reopenField(ctx: BotContext, definition: DialogDefinition, data: DialogData, field: string): Promise<void> {
  const { [field]: _dropped, ...rest } = data;
  ctx.session.dialog = { name: definition.name, step: "", data: rest };
  await advance(ctx, definition);
}

function nextField(definition: DialogDefinition, data: DialogData): DialogField | undefined {
  return definition.fields.find((f) => !(f.key in data) && (f.when?.(data) ?? true));
}

async function advance(ctx: BotContext, definition: DialogDefinition): Promise<void> {
  const dialog = ctx.session.dialog!;
  const field = nextField(definition, dialog.data);
  if (!field) {
    ctx.session.dialog = undefined;
    const refused = await definition.complete(ctx, dialog.data);
    if (refused) {
      await ctx.reply(refused.error);
      await reopenField(ctx, definition, dialog.data, refused.field);
    }
    return;
  }
  dialog.step = field.key;
  await ask(ctx, definition, field, dialog.data);
}

async function ask(ctx: BotContext, definition: DialogDefinition, field: DialogField, data: DialogData): Promise<void> {
  const keyboard = new InlineKeyboard();
  const choices = field.choices?.(ctx, data) ?? [];
  choices.forEach((choice, i) => {
    keyboard.text(choice.label, `dlg:${definition.name}:${field.key}:${i}`);
    if (i % 2 === 1) keyboard.row();
  });
  const fallback = field.defaultValue?.(ctx, data);
  if (fallback !== undefined) keyboard.row().text(ctx.t("dialog-use-default", { value: fallback }), `dlg:${definition.name}:${field.key}:d`);
  let text = field.prompt(ctx, data);
  if (fallback !== undefined) text += `\n${ctx.t("dialog-default-hint", { value: fallback })}`;
  await ctx.reply(`${text}\n${ctx.t("dialog-cancel-hint")}`, choices.length || fallback !== undefined ? { reply_markup: keyboard } : {});
}

async function answer(ctx: BotContext, input: string): Promise<void> {
  const dialog = ctx.session.dialog!;
  const definition = registry.get(dialog.name);
  const field = definition?.fields.find((f) => f.key === dialog.step);
  if (!definition || !field) {
    ctx.session.dialog = undefined;
    return;
  }
  const parsed = field.parse(input.trim(), ctx, dialog.data);
  if (!parsed.ok) {
    await ctx.reply(`${parsed.error}\n${ctx.t("dialog-retype")}`);
    return;
  }
  dialog.data[field.key] = typeof parsed.value === "string" && !field.keepsPersonalData ? maskPersonalData(parsed.value) : parsed.value;
  const refused = await definition.check?.(ctx, dialog.data);
  if (refused && !refused.field) {
    ctx.session.dialog = undefined;
    ctx.session.drafts = { ...ctx.session.drafts, [definition.name]: dialog.data };
    await ctx.reply(refused.error);
    return;
  }
  if (refused) {
    await ctx.reply(refused.error);
    const keep = definition.fields.slice(0, definition.fields.findIndex((f) => f.key === refused.field)).map((f) => f.key);
    const data = Object.fromEntries(Object.entries(dialog.data).filter(([key]) => keep.includes(key) || !definition.fields.some((f) => f.key === key)));
    ctx.session.dialog = { name: definition.name, step: "", data };
  }
  await advance(ctx, definition);
}

/** Routes answers (typed or clicked) to the dialog in progress; /cancel leaves it, keeping the draft. */
export const dialogs = new Composer<BotContext>();

dialogs.command("cancel", async (ctx) => {
  ctx.handler = "dialog-cancel";
  const dialog = ctx.session.dialog;
  if (!dialog) {
    await ctx.reply(ctx.t("dialog-nothing-to-cancel"));
    return;
  }
  ctx.session.dialog = undefined;
  ctx.session.drafts = { ...ctx.session.drafts, [dialog.name]: dialog.data };
  await ctx.reply(ctx.t("dialog-cancelled"));
});

dialogs.callbackQuery(/^dlg:([\w-]+):([\w-]+):(\d+|d)$/, async (ctx) => {
  ctx.handler = "dialog";
  const [, name, key, pick] = ctx.match as RegExpMatchArray as [string, string, string, string];
  const dialog = ctx.session.dialog;
  const definition = registry.get(name);
  const field = definition?.fields.find((f) => f.key === key);
  if (!dialog || dialog.name !== name || dialog.step !== key || !definition || !field) {
    await ctx.answerCallbackQuery({ text: ctx.t("button-outdated") });
    return;
  }
  await ctx.answerCallbackQuery();
  const input = pick === "d" ? field.defaultValue?.(ctx, dialog.data) : field.choices?.(ctx, dialog.data)[Number(pick)]?.value;
  if (input === undefined) return;
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  await answer(ctx, input);
});

dialogs.on("message:text", async (ctx, next) => {
  if (!ctx.session.dialog || ctx.msg.text.startsWith("/")) return next();
  ctx.handler = `dialog:${ctx.session.dialog.name}`;
  await answer(ctx, ctx.msg.text);
});
