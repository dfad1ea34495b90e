import { Composer, InlineKeyboard } from "grammy";
import { maskPersonalData } from "../../domain/privacy.js";
import type { BotContext, PickState } from "../context.js";

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
  /** Answered by ticking any number of options and confirming (the answer is the list of values ticked). */
  pick?: PickField;
}

export interface PickField {
  /** The options (read when the field is asked), those ticked at first, and what to add to the prompt. */
  load: (ctx: BotContext, data: DialogData) => Promise<{ options: FieldChoice[]; chosen: string[]; detail?: string }>;
  /** Said instead of asking when there is nothing to tick: the answer is then an empty list. */
  empty: (ctx: BotContext, data: DialogData) => string;
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

/** Asks again for one field (to correct an answer), keeping the others (and what was ticked, for a pick). */
export async function reopenField(ctx: BotContext, definition: DialogDefinition, data: DialogData, field: string, pick?: PickState): Promise<void> {
  const { [field]: _dropped, ...rest } = data;
  ctx.session.dialog = { name: definition.name, step: "", data: rest, ...(pick ? { pick } : {}) };
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
      await reopenField(ctx, definition, dialog.data, refused.field, dialog.pick);
    }
    return;
  }
  dialog.step = field.key;
  if (field.pick) return askPick(ctx, definition, field, field.pick);
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
  if (field.pick) {
    await ctx.reply(ctx.t("dialog-pick-use-buttons"));
    return;
  }
  const parsed = field.parse(input.trim(), ctx, dialog.data);
  if (!parsed.ok) {
    await ctx.reply(`${parsed.error}\n${ctx.t("dialog-retype")}`);
    return;
  }
  await accept(ctx, definition, field, parsed.value);
}

/** Takes an answer: checks the answers so far, then asks the next field or completes. */
async function accept(ctx: BotContext, definition: DialogDefinition, field: DialogField, value: unknown): Promise<void> {
  const dialog = ctx.session.dialog!;
  // Typed text is kept with ID and mobile numbers masked unless the field keeps them on purpose.
  dialog.data[field.key] = typeof value === "string" && !field.keepsPersonalData ? maskPersonalData(value) : value;
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
    ctx.session.dialog = { name: definition.name, step: "", data, ...(dialog.pick ? { pick: dialog.pick } : {}) };
  }
  await advance(ctx, definition);
}

// ---- pick fields: tick any number of options, then confirm ----

async function askPick(ctx: BotContext, definition: DialogDefinition, field: DialogField, pick: PickField): Promise<void> {
  const dialog = ctx.session.dialog!;
  const { options, chosen, detail } = await pick.load(ctx, dialog.data);
  if (options.length === 0) {
    delete dialog.pick;
    await ctx.reply(pick.empty(ctx, dialog.data));
    return accept(ctx, definition, field, []);
  }
  const values = options.map((o) => o.value);
  // Asked again after a refusal: what the user had ticked stays ticked.
  const ticked = dialog.pick?.key === field.key ? dialog.pick.chosen : chosen;
  const prompt = [field.prompt(ctx, dialog.data), ...(detail ? [detail] : [])].join("\n");
  dialog.pick = { key: field.key, prompt, values, labels: options.map((o) => o.label), chosen: values.filter((v) => ticked.includes(v)) };
  const { text, keyboard } = pickMessage(ctx, definition, field, dialog.pick);
  await ctx.reply(text, { reply_markup: keyboard });
}

/**
 * Names per page of a pick: Telegram allows 100 buttons in a keyboard, and a page of 40 (20 rows of
 * two) stays readable on a phone. A longer list gets ◀ ▶ buttons; ticks are kept across pages, and
 * "all", "none" and the count cover the whole list.
 */
export const PICK_PAGE_SIZE = 40;

function pickMessage(ctx: BotContext, definition: DialogDefinition, field: DialogField, state: PickState) {
  const callback = (action: string | number) => `dlp:${definition.name}:${field.key}:${action}`;
  const pages = Math.max(1, Math.ceil(state.values.length / PICK_PAGE_SIZE));
  const page = Math.min(Math.max(state.page ?? 0, 0), pages - 1);
  const from = page * PICK_PAGE_SIZE;
  const keyboard = new InlineKeyboard();
  state.values.slice(from, from + PICK_PAGE_SIZE).forEach((value, j) => {
    const i = from + j;
    keyboard.text(`${state.chosen.includes(value) ? "☑️" : "⬜"} ${state.labels[i]}`, callback(i));
    if (j % 2 === 1) keyboard.row();
  });
  if (pages > 1) {
    keyboard.row();
    if (page > 0) keyboard.text(ctx.t("dialog-pick-previous"), callback(`p${page - 1}`));
    if (page < pages - 1) keyboard.text(ctx.t("dialog-pick-next"), callback(`p${page + 1}`));
  }
  keyboard
    .row()
    .text(ctx.t("dialog-pick-all"), callback("all"))
    .text(ctx.t("dialog-pick-none"), callback("none"))
    .row()
    .text(ctx.t("dialog-pick-confirm", { count: state.chosen.length }), callback("ok"));
  const text = [
    state.prompt,
    ctx.t("dialog-pick-count", { chosen: state.chosen.length, total: state.values.length }),
    ...(pages > 1 ? [ctx.t("dialog-pick-page", { page: page + 1, pages })] : []),
    ctx.t("dialog-cancel-hint"),
  ].join("\n");
  return { text, keyboard };
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

dialogs.callbackQuery(/^dlp:([\w-]+):([\w-]+):(\d+|p\d+|all|none|ok)$/, async (ctx) => {
  ctx.handler = "dialog-pick";
  const [, name, key, action] = ctx.match as RegExpMatchArray as [string, string, string, string];
  const dialog = ctx.session.dialog;
  const definition = registry.get(name);
  const field = definition?.fields.find((f) => f.key === key);
  const state = dialog?.pick;
  // A click on a pick already confirmed (or a duplicate delivery of the confirmation) changes nothing.
  if (!dialog || dialog.name !== name || dialog.step !== key || !state || state.key !== key || !definition || !field) {
    await ctx.answerCallbackQuery({ text: ctx.t("button-outdated") });
    return;
  }
  await ctx.answerCallbackQuery();
  if (action === "ok") {
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await accept(ctx, definition, field, [...state.chosen]);
    return;
  }
  if (action.startsWith("p")) state.page = Number(action.slice(1));
  else {
    const value = state.values[Number(action)];
    const chosen =
      action === "all" ? state.values : action === "none" ? [] : value === undefined ? state.chosen : state.chosen.includes(value) ? state.chosen.filter((v) => v !== value) : [...state.chosen, value];
    state.chosen = state.values.filter((v) => chosen.includes(v));
  }
  const { text, keyboard } = pickMessage(ctx, definition, field, state);
  // Telegram refuses an edit that changes nothing (e.g. "all" when all are ticked): nothing to show then.
  await ctx.editMessageText(text, { reply_markup: keyboard }).catch(() => undefined);
});

dialogs.on("message:text", async (ctx, next) => {
  if (!ctx.session.dialog || ctx.msg.text.startsWith("/")) return next();
  ctx.handler = `dialog:${ctx.session.dialog.name}`;
  await answer(ctx, ctx.msg.text);
});
