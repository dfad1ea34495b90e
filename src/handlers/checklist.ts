import { Composer, InlineKeyboard } from "grammy";
import { z } from "zod";
import type { BotContext } from "../bot/context.js";
import { hasMessage } from "../bot/i18n.js";
import { type DialogData, type DialogDefinition, type DialogField, defineDialog, startDialog } from "../bot/dialogs/engine.js";
import { describeSource } from "../bot/sources.js";
import { candidateRepository, type StoredCandidate } from "../db/candidates.js";
import { type StoredStepRecord, stepRepository, type VersionedStatusChange } from "../db/steps.js";
import { townshipRepository } from "../db/townships.js";
import { type MarkedStatus, markedNow, markPool, markTargets, statusChanges } from "../domain/candidate-marks.js";
import { AVERAGE_AGE_RANGE } from "../domain/committee-before.js";
import {
  checklistStatus,
  isAverageAge,
  firstOpenStep,
  type FieldDescriptor,
  STEP_IDS,
  STEPS,
  type Step,
  type StepId,
  type StepRecord,
  stepById,
  stepMessageArgs,
  validateStepRecord,
  type Violation,
} from "../domain/checklist.js";
import { parseDateInput } from "../domain/date-input.js";
import { effectiveRules } from "../domain/rules/effective.js";
import { formatDate, shanghaiDate } from "../domain/time.js";
import type { TownshipPlan } from "../domain/township.js";
import { addDocumentButton } from "./documents.js";
import { slateStatusFor } from "./slate-status.js";

/**
 * The checklist: /progress shows every step (done / current / overdue, due dates, who recorded what),
 * /next opens the first open step; a step's card says what to do, why, the rule it rests on and when
 * it is due, and its "record" button asks for what the step records. A record the rules forbid is
 * refused with the rule and its source; an accepted one is saved at once with who and when.
 */
export const checklistFeature = new Composer<BotContext>();

const STATUS_ICON = { done: "✅", current: "▶️", overdue: "⚠️", open: "⬜" } as const;

async function load(ctx: BotContext) {
  const township = await townshipRepository(ctx.deps.db).activeFor(ctx.from!.id);
  if (!township) return undefined;
  const records = await stepRepository(ctx.deps.db).list(township.id);
  return { township, records };
}

async function needTownship(ctx: BotContext): Promise<void> {
  await ctx.reply(ctx.t("no-township-yet"), { reply_markup: new InlineKeyboard().text(ctx.t("button-register"), "nav:register") });
}

const date = (ctx: BotContext, value: string | undefined) => (value ? formatDate(value, ctx.locale) : ctx.t("checklist-no-date"));

/**
 * The checklist card: every step by phase with its status, due date and who recorded it. Shown to the
 * township's members (/progress) and, read-only, to the supervisors above it (/overview).
 */
export function progressCard(ctx: BotContext, township: TownshipPlan, records: readonly StoredStepRecord[]): string {
  const states = checklistStatus(township, records, shanghaiDate(ctx.deps.now()));
  const byStep = new Map(records.map((r) => [r.stepId, r]));
  const lines: string[] = [];
  let phase = "";
  states.forEach((state, i) => {
    const step = stepById(state.stepId);
    if (step.phase !== phase) {
      phase = step.phase;
      lines.push(ctx.t(`phase-${phase}`));
    }
    const title = ctx.t(step.title, stepMessageArgs(step.id, township));
    const record = byStep.get(step.id);
    const detail =
      state.status === "done" && record
        ? ctx.t("checklist-line-done", { who: record.recordedByName || ctx.t("deleted-user"), when: formatDate(shanghaiDate(new Date(record.recordedAt)), ctx.locale) })
        : ctx.t(state.status === "overdue" ? "checklist-line-overdue" : "checklist-line-due", { due: date(ctx, state.due) });
    lines.push(`${STATUS_ICON[state.status]} ${i + 1}. ${title} — ${detail}`);
  });
  const done = states.filter((s) => s.status === "done").length;
  const header = ctx.t("checklist-header", { name: township.name, done, total: states.length });
  return `${header}\n${lines.join("\n")}`;
}

async function showProgress(ctx: BotContext): Promise<void> {
  ctx.handler = "progress";
  const loaded = await load(ctx);
  if (!loaded) return needTownship(ctx);
  const { township, records } = loaded;
  const next = firstOpenStep(records);
  await ctx.reply(progressCard(ctx, township, records), {
    reply_markup: next ? new InlineKeyboard().text(ctx.t("button-next-step"), `step:${next}`) : undefined,
  });
}

async function showStep(ctx: BotContext, stepId: StepId): Promise<void> {
  ctx.handler = "step";
  const loaded = await load(ctx);
  if (!loaded) return needTownship(ctx);
  const { township, records } = loaded;
  const step = stepById(stepId);
  const args = stepMessageArgs(stepId, township);
  const state = checklistStatus(township, records, shanghaiDate(ctx.deps.now())).find((s) => s.stepId === stepId)!;
  const rules = effectiveRules(township);
  const sources = [...new Set(step.rules.map((key) => rules[key]).filter((r) => r !== undefined).map((r) => describeSource(ctx.locale, r.source)))];
  const record = records.find((r) => r.stepId === stepId);
  const parts = [
    ctx.t("step-card-title", { index: STEP_IDS.indexOf(stepId) + 1, total: STEPS.length, title: ctx.t(step.title, args), phase: ctx.t(`phase-${step.phase}`) }),
    ctx.t(state.status === "overdue" ? "step-card-overdue" : "step-card-due", { due: date(ctx, state.due) }),
    ctx.t("step-card-what", { what: ctx.t(step.what, args) }),
    ctx.t("step-card-why", { why: ctx.t(step.why, args) }),
    ...(sources.length ? [ctx.t("step-card-sources"), ...sources] : []),
    record ? recordSummary(ctx, step, record) : ctx.t("step-card-fields", { fields: step.fields.map((f) => ctx.t(f.label)).join("、") }),
  ];
  const keyboard = new InlineKeyboard()
    .text(ctx.t(record ? "button-record-again" : "button-record"), `rec:${stepId}`)
    .text(ctx.t("button-progress"), "nav:progress");
  addDocumentButton(ctx, keyboard, stepId);
  await ctx.reply(parts.join("\n"), { reply_markup: keyboard });
}

function recordSummary(ctx: BotContext, step: Step, record: StoredStepRecord): string {
  const values = step.fields
    .flatMap((f) => (f.kind === "date-range" ? [`${f.name}Start`, `${f.name}End`].map((name) => [name, f] as const) : [[f.name, f] as const]))
    .filter(([name]) => record.values[name] !== undefined && record.values[name] !== "")
    .map(([name, f]) => {
      const value = record.values[name]!;
      const shown =
        f.kind === "date" || f.kind === "date-range"
          ? formatDate(String(value), ctx.locale)
          : Array.isArray(value)
            ? ctx.t("record-ticked", { count: value.length })
            : String(value);
      const label = f.kind === "date-range" ? ctx.t(name.endsWith("Start") ? "field-range-start" : "field-range-end", { label: ctx.t(f.label) }) : ctx.t(f.label);
      return `· ${label}:${shown}`;
    });
  const when = formatDate(shanghaiDate(new Date(record.recordedAt)), ctx.locale);
  return [ctx.t("step-card-recorded", { who: record.recordedByName || ctx.t("deleted-user"), when }), ...values].join("\n");
}

// ---- recording a step: one dialog per step, its fields from the step's descriptors ----

function dialogFields(step: Step): DialogField[] {
  return step.fields.flatMap((f): DialogField[] => {
    if (f.kind === "date-range")
      return [
        dateField(`${f.name}Start`, (ctx) => ctx.t("field-range-start", { label: ctx.t(f.label) }), f.required),
        dateField(`${f.name}End`, (ctx) => ctx.t("field-range-end", { label: ctx.t(f.label) }), f.required),
      ];
    if (f.kind === "date") return [dateField(f.name, (ctx) => ctx.t(f.label), f.required)];
    if (f.marks) return [pickField(f.name, f.marks)];
    const asked = valueField(f);
    const total = f.onlyWith;
    return [total ? { ...asked, when: (data) => typeof data[total] === "number" && data[total] > 0 } : asked];
  });
}

/** The dialog keys of a step's values (a date range's two ends). */
const valueKeysOf = (step: Step) => step.fields.flatMap((f) => (f.kind === "date-range" ? [`${f.name}Start`, `${f.name}End`] : [f.name]));

/** Ticking the candidates a step decides: those on offer, the ones holding the mark already ticked. */
function pickField(key: string, mark: MarkedStatus): DialogField {
  return {
    key,
    prompt: (ctx) => ctx.t(`record-pick-${mark}`),
    // Answered by the buttons only (the engine says so when text is typed).
    parse: () => ({ ok: false, error: "" }),
    pick: {
      async load(ctx) {
        const loaded = await load(ctx);
        if (!loaded) return { options: [], chosen: [] };
        const candidates = await candidateRepository(ctx.deps.db).list(loaded.township.id);
        const options = markPool(mark, candidates).map((c) => ({ value: c.id, label: `${c.name} · ${ctx.t(`cand-post-${c.post}`)}` }));
        const targets = markTargets(loaded.township).map((t) =>
          ctx.t(mark === "formal" ? "record-pick-target-formal" : "record-pick-target-seats", { post: ctx.t(`cand-post-${t.post}`), seats: t.seats, needed: t.needed }),
        );
        return { options, chosen: markedNow(mark, candidates), detail: [ctx.t("record-pick-targets"), ...targets].join("\n") };
      },
      empty: (ctx) => ctx.t(`record-pick-empty-${mark}`),
    },
  };
}

const SKIP = "-";

function dateField(key: string, label: (ctx: BotContext) => string, required: boolean): DialogField {
  return {
    key,
    value: z.string(),
    prompt: (ctx) => ctx.t("record-prompt-date", { label: label(ctx) }),
    ...(required ? {} : { defaultValue: () => SKIP }),
    parse: (input, ctx) => {
      if (!required && input === SKIP) return { ok: true, value: "" };
      const value = input === ctx.t("record-today") ? shanghaiDate(ctx.deps.now()) : parseDateInput(input);
      return value ? { ok: true, value } : { ok: false, error: ctx.t("onboard-error-date") };
    },
    choices: (ctx) => [{ value: ctx.t("record-today"), label: ctx.t("record-today") }],
  };
}

function valueField(f: FieldDescriptor): DialogField {
  return {
    key: f.name,
    value: f.kind === "count" || f.kind === "age" ? z.union([z.number(), z.literal("")]) : z.string(),
    // A field that needs explaining has its own prompt (`record-prompt-<name>`); the others say the label.
    prompt: (ctx) =>
      hasMessage(ctx.locale, `record-prompt-${f.name}`)
        ? ctx.t(`record-prompt-${f.name}`)
        : ctx.t(f.kind === "count" ? "record-prompt-count" : f.kind === "age" ? "record-prompt-age" : "record-prompt-text", { label: ctx.t(f.label) }),
    ...(f.required ? {} : { defaultValue: () => SKIP }),
    ...(f.options ? { choices: () => f.options!.map((o) => ({ value: o, label: o })) } : {}),
    parse: (input, ctx) => {
      if (!f.required && input === SKIP) return { ok: true, value: "" };
      if (f.kind === "count") {
        const n = Number(input.normalize("NFKC"));
        return Number.isInteger(n) && n >= 0 && n <= 100_000 ? { ok: true, value: n } : { ok: false, error: ctx.t("onboard-error-count", { min: 0, max: 100000 }) };
      }
      if (f.kind === "age") {
        const n = Number(input.normalize("NFKC").replace(/(周岁|岁)$/, ""));
        return isAverageAge(n) ? { ok: true, value: n } : { ok: false, error: ctx.t("violation-age-invalid", { value: input, ...AVERAGE_AGE_RANGE }) };
      }
      if (f.options && !f.options.includes(input)) return { ok: false, error: ctx.t("onboard-error-choice") };
      return input.length >= 1 && input.length <= 200 ? { ok: true, value: input } : { ok: false, error: ctx.t("onboard-error-text", { min: 1, max: 200 }) };
    },
  };
}

/** Refusals no answer in the form can mend: the step before is not done, the slate fails. */
const UNMENDABLE = new Set(["step-order", "slate-not-ok"]);

/** The nomination counts a refused channel was typed in. */
const CHANNEL_KEYS: Record<string, string> = { organisation: "organisation", "joint-signature": "jointSignature", self: "self" };

/**
 * The dialog key of the question a violation is about (a date range's are `<name>Start`/`<name>End`):
 * the one asked again. Undefined when no question is to blame (the form ends) or it is the one just answered.
 */
function fieldToReopen(step: Step, violation: Violation): string | undefined {
  const name = violation.params.field;
  const first = step.fields[0]!;
  const dialogKey = (f: FieldDescriptor) => (f.kind === "date-range" ? `${f.name}Start` : f.name);
  if (typeof name === "string") {
    const f = step.fields.find((x) => x.name === name);
    if (f) return dialogKey(f);
    if (valueKeysOf(step).includes(name)) return name;
  }
  if (["publicity-too-short", "notice-too-short", "range-end-before-start", "appointment-before-notice-end", "date-before-previous-step"].includes(violation.code))
    return dialogKey(first);
  if (violation.code === "joint-signatures-below-min") return "fewestSignatures";
  if (violation.code === "channel-not-allowed") return CHANNEL_KEYS[String(violation.params.channel)];
  return undefined;
}

function describeViolation(ctx: BotContext, v: Violation): string {
  const params = { ...v.params };
  for (const key of ["field", "whole"] as const) if (typeof params[key] === "string") params[key] = ctx.t(`field-${params[key]}`);
  if (typeof params.post === "string") params.post = ctx.t(`cand-post-${params.post}`);
  if (typeof params.step === "string" && STEP_IDS.includes(params.step as StepId)) params.step = ctx.t(stepById(params.step as StepId).title);
  for (const key of ["date", "start", "end", "noticeEnd", "previous", "today"] as const) {
    const value = params[key];
    if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) params[key] = formatDate(value, ctx.locale);
  }
  const text = `· ${ctx.t(`violation-${v.code}`, params)}`;
  return v.source ? `${text}\n  ${describeSource(ctx.locale, v.source)}` : text;
}

function recordOf(ctx: BotContext, step: Step, data: DialogData): StepRecord {
  const values: StepRecord["values"] = {};
  for (const key of valueKeysOf(step)) {
    const value = data[key];
    if (typeof value === "number" || (typeof value === "string" && value !== "")) values[key] = value;
    else if (Array.isArray(value)) values[key] = value.filter((id): id is string => typeof id === "string");
  }
  return { stepId: step.id, values, recordedBy: ctx.from!.id, recordedAt: ctx.deps.now().toISOString() };
}

const marksCandidates = (step: Step) => step.fields.some((f) => f.marks);

/** What the rules refuse in the answers so far (all of them when `partial` is false), as a reply and a field to ask again. */
async function refusal(ctx: BotContext, step: Step, data: DialogData, partial: boolean, candidates?: readonly StoredCandidate[]) {
  const loaded = await load(ctx);
  if (!loaded) return undefined;
  const { township, records } = loaded;
  const slate = step.id === "formal-candidates" ? await slateStatusFor(ctx, township) : { slateOk: true, slateReasons: [] };
  const current = candidates ?? (marksCandidates(step) ? await candidateRepository(ctx.deps.db).list(township.id) : []);
  const today = shanghaiDate(ctx.deps.now());
  const all = validateStepRecord(step.id, recordOf(ctx, step, data), township, records, { ...slate, partial, candidates: current, today });
  // While the form is open, a problem with a question not asked yet waits for that question.
  const violations = partial ? all.filter((v) => { const f = fieldToReopen(step, v); return f === undefined || f in data; }) : all;
  if (violations.length === 0) return undefined;
  return {
    field: violations.map((v) => fieldToReopen(step, v)).find((f) => f !== undefined),
    error: `${ctx.t("record-refused")}\n${violations.map((v) => describeViolation(ctx, v)).join("\n")}`,
    end: violations.some((v) => UNMENDABLE.has(v.code)),
  };
}

/** The status changes the ticked candidates make, each with the candidate's version they were decided on. */
function markChanges(step: Step, record: StepRecord, candidates: readonly StoredCandidate[]): VersionedStatusChange[] {
  const versions = new Map(candidates.map((c) => [c.id, c.version]));
  return step.fields.flatMap((f) => {
    const chosen = record.values[f.name];
    if (!f.marks || !Array.isArray(chosen)) return [];
    return statusChanges(f.marks, candidates, chosen).map((change) => ({ ...change, version: versions.get(change.candidateId)! }));
  });
}

function recordDialog(step: Step): DialogDefinition {
  return defineDialog({
    name: `step-${step.id}`,
    fields: dialogFields(step),
    context: { version: z.number().int().nonnegative() },
    // A refusal no answer can mend (the order of steps, the slate) ends the form, keeping a draft.
    check: (ctx, data) => refusal(ctx, step, data, true),
    async complete(ctx, data) {
      ctx.handler = "record";
      const loaded = await load(ctx);
      if (!loaded) {
        await needTownship(ctx);
        return undefined;
      }
      const { township, records } = loaded;
      // Read once: the rules are checked on, and the statuses changed from, the same candidates.
      const candidates = marksCandidates(step) ? await candidateRepository(ctx.deps.db).list(township.id) : [];
      const refused = await refusal(ctx, step, data, false, candidates);
      if (refused) return refused;
      const record = recordOf(ctx, step, data);
      const changes = markChanges(step, record, candidates);
      const expected = Number(data.version ?? 0);
      const steps = stepRepository(ctx.deps.db);
      if (!(await steps.save(township.id, record, expected, changes))) {
        const now = (await steps.list(township.id)).find((r) => r.stepId === step.id);
        if ((now?.version ?? 0) === expected) {
          // The step is as it was: a candidate changed meanwhile (withdrawn, edited, ticked elsewhere).
          // Ask for the ticks again, from the candidates as they are now; nothing was saved.
          return { field: step.fields.find((f) => f.marks)!.name, error: ctx.t("record-conflict-candidates") };
        }
        await ctx.reply(ctx.t("record-conflict"));
        await showStep(ctx, step.id);
        return;
      }
      ctx.deps.logger.info("step_recorded", { township: township.id, step: step.id, statuses: changes.length });
      const next = firstOpenStep([...records.filter((r) => r.stepId !== step.id), record]);
      await ctx.reply(ctx.t("record-saved", { title: ctx.t(step.title, stepMessageArgs(step.id, township)) }), {
        reply_markup: next
          ? new InlineKeyboard().text(ctx.t("button-next-step"), `step:${next}`).text(ctx.t("button-progress"), "nav:progress")
          : new InlineKeyboard().text(ctx.t("button-progress"), "nav:progress"),
      });
    },
  });
}

const recordDialogs = new Map(STEPS.map((s) => [s.id, recordDialog(s)]));
/** The step dialogs, for the bot's dialog registry. */
export const checklistDialogs = [...recordDialogs.values()];

async function startRecording(ctx: BotContext, stepId: StepId, plan: TownshipPlan, current: StoredStepRecord | undefined) {
  ctx.deps.logger.debug("record_start", { township: plan.id, step: stepId });
  // A correction starts from a clean form but remembers which version it corrects.
  await startDialog(ctx, recordDialogs.get(stepId)!, { version: current?.version ?? 0 });
}

checklistFeature.command("progress", showProgress);
checklistFeature.callbackQuery("nav:progress", async (ctx) => {
  await ctx.answerCallbackQuery();
  await showProgress(ctx);
});

async function showNext(ctx: BotContext): Promise<void> {
  ctx.handler = "next";
  const loaded = await load(ctx);
  if (!loaded) return needTownship(ctx);
  // A form left half-filled is where the user was: continue it.
  const pending = ctx.session.dialog;
  if (pending?.name.startsWith("step-")) {
    const definition = recordDialogs.get(pending.name.slice("step-".length) as StepId);
    if (definition) return startDialog(ctx, definition, pending.data);
  }
  const next = firstOpenStep(loaded.records);
  if (!next) {
    await ctx.reply(ctx.t("checklist-all-done"));
    return;
  }
  await showStep(ctx, next);
}

checklistFeature.command("next", showNext);
checklistFeature.callbackQuery("nav:next", async (ctx) => {
  await ctx.answerCallbackQuery();
  await showNext(ctx);
});

checklistFeature.callbackQuery(/^step:([a-z-]+)$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  const stepId = ctx.match[1] as StepId;
  if (!STEP_IDS.includes(stepId)) return;
  await showStep(ctx, stepId);
});

checklistFeature.callbackQuery(/^rec:([a-z-]+)$/, async (ctx) => {
  ctx.handler = "record";
  await ctx.answerCallbackQuery();
  const stepId = ctx.match[1] as StepId;
  if (!STEP_IDS.includes(stepId)) return;
  const loaded = await load(ctx);
  if (!loaded) return needTownship(ctx);
  await startRecording(ctx, stepId, loaded.township, loaded.records.find((r) => r.stepId === stepId));
});
