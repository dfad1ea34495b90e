import { type Composer, InlineKeyboard } from "grammy";
import { z } from "zod";
import { encodeButton } from "../../buttons/callback-data.js";
import { onButton } from "../../buttons/on-button.js";
import { maskPersonalData } from "../../domain/privacy.js";
import type { BotContext, PickState } from "../context.js";
import { FeatureComposer } from "../feature-composer.js";

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
  /** The default is leaving the field empty: its button says 「跳过」 rather than showing the value. */
  skippable?: boolean;
  /** The answer's value, or what is wrong with it; may look things up (the database) before deciding. */
  parse: (input: string, ctx: BotContext, data: DialogData) => Parsed | Promise<Parsed>;
  /**
   * The shape of the value `parse` returns, checked whenever the answers are read back from the
   * session: a form stored before an upgrade that changed this field starts again instead of failing.
   */
  value?: z.ZodType;
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

/**
 * Why the answers cannot be taken. `field`: the question to ask again (its answer and those after it
 * are dropped); without it, the question just answered is asked again. `end`: no answer to this form
 * can mend it (e.g. an earlier step is not done): the form ends, its answers kept as a draft.
 */
export interface Refusal {
  field?: string;
  /** Questions asked again with `field` (e.g. a period's end with its start). */
  also?: string[];
  error: string;
  end?: boolean;
}

export interface DialogDefinition {
  name: string;
  fields: DialogField[];
  /** The shape of the values a dialog is started with (ids, versions), checked like the answers. */
  context?: z.ZodRawShape;
  /** All fields answered: act on them. A refusal sends the user back to a field (by default the last). */
  complete: (ctx: BotContext, data: DialogData) => Promise<Refusal | undefined> | Promise<void>;
  /** Checks the answers so far after each one, so a rule is enforced as soon as it can be. */
  check?: (ctx: BotContext, data: DialogData) => Promise<Refusal | undefined>;
}

/** A dialog, as a feature declares it; the bot routes answers to the dialogs in its registry. */
export function defineDialog(definition: DialogDefinition): DialogDefinition {
  return definition;
}

/** The dialogs a bot knows, by name (the assistant's: appDialogs in src/handlers/index.ts). */
export type DialogRegistry = ReadonlyMap<string, DialogDefinition>;

export function dialogRegistry(definitions: readonly DialogDefinition[]): DialogRegistry {
  const registry = new Map<string, DialogDefinition>();
  for (const definition of definitions) {
    if (registry.has(definition.name)) throw new Error(`two dialogs named ${definition.name}`);
    registry.set(definition.name, definition);
  }
  return registry;
}

// Built once per dialog: zod compiles an object schema on its first parse, and every answer checks one.
const dataSchemas = new WeakMap<DialogDefinition, z.ZodType<DialogData>>();

/** The stored answers' schema: each field's value (where declared) and the start values, all optional. */
function dataSchema(definition: DialogDefinition): z.ZodType<DialogData> {
  const known = dataSchemas.get(definition);
  if (known) return known;
  const schema = buildDataSchema(definition);
  dataSchemas.set(definition, schema);
  return schema;
}

function buildDataSchema(definition: DialogDefinition): z.ZodType<DialogData> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, type] of Object.entries(definition.context ?? {})) shape[key] = (type as z.ZodType).optional();
  for (const field of definition.fields) {
    const type = field.pick ? z.array(z.string()) : field.value;
    if (type) shape[field.key] = type.optional();
  }
  return z.looseObject(shape) as z.ZodType<DialogData>;
}

function fits(definition: DialogDefinition, data: unknown): data is DialogData {
  return dataSchema(definition).safeParse(data).success;
}

/** The start values of stored answers (those that are no field's), kept when a form starts again. */
function contextOf(definition: DialogDefinition, data: DialogData): DialogData {
  const keys = new Set(definition.fields.map((f) => f.key));
  const kept = Object.fromEntries(Object.entries(data).filter(([key]) => !keys.has(key)));
  return fits(definition, kept) ? kept : {};
}

/** Starts (or resumes, keeping earlier answers) a dialog. */
export async function startDialog(ctx: BotContext, definition: DialogDefinition, initial: DialogData = {}): Promise<void> {
  let draft = ctx.session.drafts?.[definition.name] ?? {};
  if (ctx.session.drafts) delete ctx.session.drafts[definition.name];
  if (!fits(definition, { ...draft, ...initial })) {
    // A draft kept from before an upgrade that changed the form: start afresh, and say so.
    await ctx.reply(ctx.t("dialog-outdated"));
    draft = {};
  }
  ctx.session.dialog = { name: definition.name, step: "", data: { ...draft, ...initial } };
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

/** The last question answered (the one to ask again when a refusal names none). */
function lastAnswered(definition: DialogDefinition, data: DialogData): string | undefined {
  return definition.fields.findLast((f) => f.key in data)?.key;
}

/**
 * Turns a refusal into a question asked again: the one it names if that was asked already, else the
 * one just answered (on completion, the last one). A form never reports a problem with a question it
 * has not asked yet, and never moves past a refused answer. `current`: the question just answered,
 * undefined on completion.
 */
async function askAgain(ctx: BotContext, definition: DialogDefinition, data: DialogData, refused: Refusal, current: string | undefined, pick?: PickState) {
  const order = definition.fields.map((f) => f.key);
  const asked = (key: string) => key in data && order.includes(key) && (current === undefined || order.indexOf(key) <= order.indexOf(current));
  const target = refused.field !== undefined && asked(refused.field) ? refused.field : (current ?? lastAnswered(definition, data));
  if (refused.end || target === undefined) {
    ctx.session.dialog = undefined;
    // Nothing typed was wrong: the answers are kept as a draft for when the problem is dealt with.
    ctx.session.drafts = { ...ctx.session.drafts, [definition.name]: data };
    await ctx.reply(`${refused.error}\n${ctx.t("dialog-ended-draft")}`);
    return;
  }
  // Asked again: the question named, those that go with it, and any answered since (they may depend on it).
  const drop = new Set([target, ...(refused.also ?? []).filter(asked)]);
  if (current !== undefined) for (const key of order.slice(order.indexOf(target), order.indexOf(current) + 1)) drop.add(key);
  await ctx.reply(`${refused.error}\n${ctx.t("dialog-retype")}`);
  const kept = Object.fromEntries(Object.entries(data).filter(([key]) => !drop.has(key)));
  ctx.session.dialog = { name: definition.name, step: "", data: kept, ...(pick ? { pick } : {}) };
  await advance(ctx, definition);
}

async function advance(ctx: BotContext, definition: DialogDefinition): Promise<void> {
  const dialog = ctx.session.dialog!;
  const field = nextField(definition, dialog.data);
  if (!field) {
    ctx.session.dialog = undefined;
    const refused = await definition.complete(ctx, dialog.data);
    if (refused) await askAgain(ctx, definition, dialog.data, refused, undefined, dialog.pick);
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
    keyboard.text(choice.label, encodeButton("dlg", definition.name, field.key, String(i)));
    if (i % 2 === 1) keyboard.row();
  });
  const fallback = field.defaultValue?.(ctx, data);
  const [useDefault, defaultHint] = field.skippable ? ["dialog-skip", "dialog-skip-hint"] : ["dialog-use-default", "dialog-default-hint"];
  if (fallback !== undefined) keyboard.row().text(ctx.t(useDefault, { value: fallback }), encodeButton("dlg", definition.name, field.key, "d"));
  let text = field.prompt(ctx, data);
  if (fallback !== undefined) text += `\n${ctx.t(defaultHint, { value: fallback })}`;
  await ctx.reply(`${text}\n${ctx.t("dialog-cancel-hint")}`, choices.length || fallback !== undefined ? { reply_markup: keyboard } : {});
}

/** Asks the question the dialog is at once more (after a stray button press or typed text for a pick). */
async function askCurrent(ctx: BotContext, definition: DialogDefinition): Promise<void> {
  const dialog = ctx.session.dialog!;
  dialog.step = "";
  await advance(ctx, definition);
}

type OpenDialog = { definition: DialogDefinition; field: DialogField };

/**
 * The dialog in progress, read back from the session and checked against its definition. One stored
 * before an upgrade that no longer fits (a dialog renamed, a field gone or changed) is started afresh,
 * and the user told so; undefined then.
 */
async function openDialog(ctx: BotContext, registry: DialogRegistry): Promise<OpenDialog | undefined> {
  const dialog = ctx.session.dialog;
  if (!dialog) return undefined;
  const definition = registry.get(dialog.name);
  const field = definition?.fields.find((f) => f.key === dialog.step);
  if (definition && field && fits(definition, dialog.data)) return { definition, field };
  ctx.session.dialog = undefined;
  await ctx.reply(ctx.t("dialog-outdated"));
  // Started again with the values it was started with (ids, versions), where those still fit.
  if (definition) await startDialog(ctx, definition, contextOf(definition, dialog.data));
  return undefined;
}

async function answer(ctx: BotContext, open: OpenDialog, input: string): Promise<void> {
  const { definition, field } = open;
  if (field.pick) {
    await ctx.reply(ctx.t("dialog-pick-use-buttons"));
    await askCurrent(ctx, definition);
    return;
  }
  const dialog = ctx.session.dialog!;
  const parsed = await field.parse(input.trim(), ctx, dialog.data);
  if (!parsed.ok) {
    await ctx.reply(`${parsed.error}\n${ctx.t("dialog-retype")}`);
    await askCurrent(ctx, definition);
    return;
  }
  await accept(ctx, definition, field, parsed.value);
}

/** Takes an answer: checks the answers so far, then asks the next field, asks again, or completes. */
async function accept(ctx: BotContext, definition: DialogDefinition, field: DialogField, value: unknown): Promise<void> {
  const dialog = ctx.session.dialog!;
  // Typed text is kept with ID and mobile numbers masked unless the field keeps them on purpose.
  const data = { ...dialog.data, [field.key]: typeof value === "string" && !field.keepsPersonalData ? maskPersonalData(value) : value };
  const refused = await definition.check?.(ctx, data);
  if (refused) return askAgain(ctx, definition, data, refused, field.key, dialog.pick);
  dialog.data = data;
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
  const callback = (action: string | number) => encodeButton("dlp", definition.name, field.key, String(action));
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

/**
 * Routes answers (typed or clicked) to the dialog in progress; /cancel leaves it, keeping the draft.
 * While a form is open, typed text answers it (it is never taken as a policy question).
 */
export function dialogRoutes(registry: DialogRegistry): Composer<BotContext> {
  const routes = new FeatureComposer<BotContext>();

  routes.command("cancel", async (ctx) => {
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

  /** A press on a button of a question no longer asked: said so, and the open question asked again. */
  async function outdatedPress(ctx: BotContext): Promise<void> {
    await ctx.answerCallbackQuery({ text: ctx.t("button-outdated") });
    const open = await openDialog(ctx, registry);
    if (open) {
      await ctx.reply(ctx.t("dialog-button-outdated"));
      await askCurrent(ctx, open.definition);
    }
  }

  onButton(routes, "dlg", async (ctx, args) => {
    ctx.handler = "dialog";
    const [name, key, pick] = args;
    const dialog = ctx.session.dialog;
    if (!dialog || dialog.name !== name || dialog.step !== key) return outdatedPress(ctx);
    const open = await openDialog(ctx, registry);
    if (!open) return void (await ctx.answerCallbackQuery());
    const { field } = open;
    const input = pick === "d" ? field.defaultValue?.(ctx, dialog.data) : field.choices?.(ctx, dialog.data)[Number(pick)]?.value;
    if (input === undefined) return outdatedPress(ctx);
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await answer(ctx, open, input);
  });

  onButton(routes, "dlp", async (ctx, args) => {
    ctx.handler = "dialog-pick";
    const [name, key, action] = args;
    const dialog = ctx.session.dialog;
    const state = dialog?.pick;
    // A click on a pick already confirmed (or a duplicate delivery of the confirmation) changes nothing.
    if (!dialog || dialog.name !== name || dialog.step !== key || !state || state.key !== key) return outdatedPress(ctx);
    const open = await openDialog(ctx, registry);
    if (!open) return void (await ctx.answerCallbackQuery());
    const { definition, field } = open;
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

  routes.on("message:text", async (ctx, next) => {
    if (!ctx.session.dialog || ctx.msg.text.startsWith("/")) return next();
    ctx.handler = `dialog:${ctx.session.dialog.name}`;
    const open = await openDialog(ctx, registry);
    if (open) await answer(ctx, open, ctx.msg.text);
  });

  return routes;
}
