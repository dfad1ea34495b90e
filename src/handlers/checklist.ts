import { InlineKeyboard } from "grammy";
import { z } from "zod";
import type { BotContext } from "../bot/context.js";
import { type DialogData, type DialogDefinition, type DialogField, defineDialog, startDialog } from "../bot/dialogs/engine.js";
import { FeatureComposer } from "../bot/feature-composer.js";
import { encodeButton } from "../buttons/callback-data.js";
import { onButton } from "../buttons/on-button.js";
import { candidateRepository, type StoredCandidate } from "../db/candidates.js";
import { type StoredStepRecord, stepRepository, type VersionedStatusChange } from "../db/steps.js";
import { type MarkedStatus, markElectionTarget, markedNow, markPool, markTargets, statusChanges } from "../domain/candidate-marks.js";
import {
  checklistStatus,
  type FieldDescriptor,
  firstOpenStep,
  happenedOn,
  isAverageAge,
  isStepDone,
  latestRecords,
  PHASES,
  recordChanges,
  recordConflicts,
  ruleInForce,
  STEP_IDS,
  STEPS,
  type Step,
  type StepId,
  type StepRecord,
  stepById,
  type Violation,
  validateStepRecord,
} from "../domain/checklist/index.js";
import { AVERAGE_AGE_RANGE } from "../domain/committee-before.js";
import { parseDateInput } from "../domain/date-input.js";
import { effectiveRules } from "../domain/rules/effective.js";
import type { RuleKey } from "../domain/rules/types.js";
import { formatDate, shanghaiDate } from "../domain/time.js";
import type { TownshipPlan } from "../domain/township.js";
import { hasMessage } from "../i18n/index.js";
import { describeSource } from "../i18n/sources.js";
import { activeTownship } from "./active-township.js";
import { dateAnswer } from "./date-answer.js";
import { wholeNumberAnswer } from "./number-answer.js";
import { addDocumentButton } from "./documents.js";
import { slateStatusFor } from "./slate-status.js";
import { stepMessageArgs } from "./step-text.js";

/**
 * The checklist: /progress shows every step (done / current / overdue, due dates, who recorded what),
 * /next opens the first open step; a step's card says what to do, why, the rule it rests on and when
 * it is due, and its "record" button asks for what the step records. A record the rules forbid is
 * refused with the rule and its source; an accepted one is saved at once with who and when.
 */
export const checklistFeature = new FeatureComposer<BotContext>();

/** Rules that hold even where a profile is silent (the recommended value): the validator enforces them so. */
const IN_FORCE_WHEN_SILENT = new Set<RuleKey>(["publicityDaysMin", "preAppointmentNoticeDays", "completionDeadline"]);

const STATUS_ICON = { done: "✅", current: "▶️", overdue: "⚠️", open: "⬜" } as const;

async function load(ctx: BotContext) {
  const township = await activeTownship(ctx);
  if (!township) return undefined;
  const records = await stepRepository(ctx.deps.db).list(township.id);
  return { township, records };
}

async function needTownship(ctx: BotContext): Promise<void> {
  await ctx.reply(ctx.t("no-township-yet"), { reply_markup: new InlineKeyboard().text(ctx.t("button-register"), encodeButton("nav:register")) });
}

const date = (ctx: BotContext, value: string | undefined) => (value ? formatDate(value, ctx.locale) : ctx.t("checklist-no-date"));

/** When a step happened, as recorded: a period's two ends, or its one date. */
function happened(ctx: BotContext, stepId: StepId, record: StoredStepRecord): string {
  const { start, end } = happenedOn(stepId, record);
  const field = stepById(stepId).fields[0]!;
  if (field.kind === "date-range" && start && end) return ctx.t("checklist-happened-range", { start: formatDate(start, ctx.locale), end: formatDate(end, ctx.locale) });
  return ctx.t("checklist-happened-on", { date: date(ctx, end ?? start) });
}

/** Who recorded a step, and when. */
function recordedBy(ctx: BotContext, record: StoredStepRecord): string {
  return ctx.t("checklist-recorded-by", { who: record.recordedByName || ctx.t("deleted-user"), when: formatDate(shanghaiDate(new Date(record.recordedAt)), ctx.locale) });
}

/**
 * The checklist card: every step under its phase (each phase once, in the documents' order) with its
 * status, and for a step done when it happened and, apart, who recorded it and when. Shown to the
 * township's members (/progress) and, read-only, to the supervisors above it (/overview).
 */
export function progressCard(ctx: BotContext, township: TownshipPlan, records: readonly StoredStepRecord[]): string {
  const today = shanghaiDate(ctx.deps.now());
  const states = checklistStatus(township, records, today);
  const byStep = new Map(records.map((r) => [r.stepId, r]));
  const lines: string[] = [];
  for (const phase of PHASES) {
    const inPhase = states.filter((state) => stepById(state.stepId).phase === phase);
    if (inPhase.length === 0) continue;
    lines.push(ctx.t(`phase-${phase}`));
    for (const state of inPhase) {
      const step = stepById(state.stepId);
      const title = ctx.t(step.title, stepMessageArgs(step.id, township));
      const record = byStep.get(step.id);
      // A period recorded with its end still to come (its plan) is shown under way until then.
      const end = record && happenedOn(step.id, record).end;
      const underWay = state.status === "done" && end !== undefined && end > today;
      const detail =
        (state.status === "done" || underWay) && record
          ? `${underWay ? ctx.t("checklist-under-way") : ""}${happened(ctx, step.id, record)} · ${recordedBy(ctx, record)}`
          : ctx.t(state.status === "overdue" ? "checklist-line-overdue" : "checklist-line-due", { due: date(ctx, state.due) });
      lines.push(`${underWay ? STATUS_ICON.current : STATUS_ICON[state.status]} ${STEP_IDS.indexOf(step.id) + 1}. ${title} — ${detail}`);
    }
  }
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
  const keyboard = new InlineKeyboard();
  if (next) keyboard.text(ctx.t("button-next-step"), encodeButton("step", next));
  if (records.length > 0) keyboard.text(ctx.t("button-correct-step"), encodeButton("fix:list"));
  await ctx.reply(progressCard(ctx, township, records), { reply_markup: keyboard });
}

/** The recorded steps, one button each: the one pressed shows its card, with a button per field to correct. */
async function showRecordedSteps(ctx: BotContext): Promise<void> {
  ctx.handler = "correct";
  const loaded = await load(ctx);
  if (!loaded) return needTownship(ctx);
  const recorded = STEP_IDS.filter((id) => loaded.records.some((r) => r.stepId === id));
  if (recorded.length === 0) {
    await ctx.reply(ctx.t("correct-nothing-recorded"));
    return;
  }
  const keyboard = new InlineKeyboard();
  recorded.forEach((id, i) => {
    if (i > 0 && i % 2 === 0) keyboard.row();
    keyboard.text(`${STEP_IDS.indexOf(id) + 1}. ${ctx.t(stepById(id).title, stepMessageArgs(id, loaded.township))}`, encodeButton("step", id));
  });
  await ctx.reply(ctx.t("correct-which-step"), { reply_markup: keyboard });
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
  // A channel-bound count (民主推荐) only where the township's rule names the channel.
  const channels = channelsOf(township);
  const offered = step.fields.filter((f) => !f.channel || channels.includes(f.channel));
  // The rules the card's figures come from: a length or deadline the profile does not state is the
  // recommended one, shown (and enforced) as such; the other rules apply only where the profile states them.
  const sources = [
    ...new Set(
      step.rules.flatMap((key) => {
        const inForce = IN_FORCE_WHEN_SILENT.has(key) ? ruleInForce(township, key) : undefined;
        if (inForce) return [`${describeSource(ctx.locale, inForce.source)}${inForce.fallback ? ctx.t("step-card-recommended") : ""}`];
        const own = rules[key];
        return own ? [describeSource(ctx.locale, own.source)] : [];
      }),
    ),
  ];
  const record = records.find((r) => r.stepId === stepId);
  const parts = [
    ctx.t("step-card-title", { index: STEP_IDS.indexOf(stepId) + 1, total: STEPS.length, title: ctx.t(step.title, args), phase: ctx.t(`phase-${step.phase}`) }),
    ctx.t(state.status === "overdue" ? "step-card-overdue" : "step-card-due", { due: date(ctx, state.due) }),
    ctx.t("step-card-what", { what: ctx.t(step.what, args) }),
    ctx.t("step-card-why", { why: ctx.t(step.why, args) }),
    ...sources,
    record ? recordSummary(ctx, step, record) : ctx.t("step-card-fields", { fields: offered.map((f) => ctx.t(f.label)).join(ctx.t("list-separator")) }),
  ];
  const keyboard = new InlineKeyboard();
  if (record) {
    // A recorded step is corrected one field at a time (the others stay as recorded).
    offered.forEach((f, i) => {
      if (i > 0 && i % 2 === 0) keyboard.row();
      keyboard.text(ctx.t("button-correct-field", { label: ctx.t(f.label) }), encodeButton("fix", stepId, f.name));
    });
    keyboard.row();
  }
  keyboard.text(ctx.t(record ? "button-record-again" : "button-record"), encodeButton("rec", stepId)).text(ctx.t("button-progress"), encodeButton("nav:progress"));
  addDocumentButton(ctx, keyboard, stepId);
  await ctx.reply(parts.join("\n"), { reply_markup: keyboard });
}

/** Each value key of a step with the field it belongs to (a date range has two). */
const valueFields = (step: Step) =>
  step.fields.flatMap((f) => (f.kind === "date-range" ? [`${f.name}Start`, `${f.name}End`].map((name) => [name, f] as const) : [[f.name, f] as const]));

function valueLabel(ctx: BotContext, f: FieldDescriptor, key: string): string {
  return f.kind === "date-range" ? ctx.t(key.endsWith("Start") ? "field-range-start" : "field-range-end", { label: ctx.t(f.label) }) : ctx.t(f.label);
}

function shownValue(ctx: BotContext, f: FieldDescriptor, value: StoredStepRecord["values"][string] | null | undefined): string {
  if (value === undefined || value === null || value === "") return ctx.t("checklist-no-value");
  if (f.kind === "date" || f.kind === "date-range") return formatDate(String(value), ctx.locale);
  return Array.isArray(value) ? ctx.t("record-ticked", { count: value.length }) : String(value);
}

function recordSummary(ctx: BotContext, step: Step, record: StoredStepRecord): string {
  const values = valueFields(step)
    .filter(([name]) => record.values[name] !== undefined && record.values[name] !== "")
    .map(([name, f]) => `· ${valueLabel(ctx, f, name)}:${shownValue(ctx, f, record.values[name])}`);
  return [`${happened(ctx, step.id, record)} · ${recordedBy(ctx, record)}`, ...values].join("\n");
}

/** What a correction changed, old → new, one line a value. */
function changesText(ctx: BotContext, step: Step, changes: ReturnType<typeof recordChanges>): string {
  return valueFields(step)
    .filter(([key]) => key in changes)
    .map(([key, f]) => `· ${valueLabel(ctx, f, key)}:${shownValue(ctx, f, changes[key]!.from)} → ${shownValue(ctx, f, changes[key]!.to)}`)
    .join("\n");
}

/** What the records now conflict with (after a correction or a change of rules), or undefined if nothing. */
export function conflictsText(ctx: BotContext, plan: TownshipPlan, records: readonly StoredStepRecord[]): string | undefined {
  const conflicts = recordConflicts(plan, records);
  if (conflicts.length === 0) return undefined;
  const lines = conflicts.map(({ stepId, violation }) => `${STEP_IDS.indexOf(stepId) + 1}. ${ctx.t(stepById(stepId).title, stepMessageArgs(stepId, plan))}\n  ${describeViolation(ctx, violation).trimStart()}`);
  return [ctx.t("record-conflicts-now"), ...lines].join("\n");
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
    const channel = f.channel;
    // A channel-bound count is asked only where the township's rule names the channel (see recordStart).
    if (channel) return [{ ...asked, when: (data) => Array.isArray(data._channels) && data._channels.includes(channel) }];
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
        const whole = mark === "appointed" ? undefined : markElectionTarget(loaded.township);
        if (whole) targets.push(ctx.t("record-pick-target-election", whole));
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
    ...(required ? {} : { defaultValue: () => SKIP, skippable: true }),
    parse: (input, ctx) => {
      if (!required && input === SKIP) return { ok: true, value: "" };
      return dateAnswer(input, ctx, input === ctx.t("record-today") ? shanghaiDate(ctx.deps.now()) : parseDateInput(input));
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
    ...(f.required ? {} : { defaultValue: () => SKIP, skippable: true }),
    ...(f.options ? { choices: () => f.options!.map((o) => ({ value: o, label: o })) } : {}),
    parse: (input, ctx) => {
      if (!f.required && input === SKIP) return { ok: true, value: "" };
      if (f.kind === "count") {
        return wholeNumberAnswer(input, ctx, 0, 100_000);
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
const CHANNEL_KEYS: Record<string, string> = { organisation: "organisation", "joint-signature": "jointSignature", self: "self", democratic: "democratic" };

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
  if (typeof params.channel === "string") params.channel = ctx.t(`cand-channel-${params.channel}`);
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
  const field = violations.map((v) => fieldToReopen(step, v)).find((f) => f !== undefined);
  return {
    field,
    // A period is asked again whole: its start, then its end.
    ...(field?.endsWith("Start") ? { also: [`${field.slice(0, -"Start".length)}End`] } : {}),
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
    context: { version: z.number().int().nonnegative(), _correcting: z.string() },
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
      const before = records.find((r) => r.stepId === step.id);
      const corrected = expected > 0 && before ? recordChanges(before.values, record.values) : undefined;
      if (!(await steps.save(township.id, record, expected, changes, corrected))) {
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
      ctx.deps.logger.info("step_recorded", { township: township.id, step: step.id, statuses: changes.length, corrected: corrected !== undefined });
      const now = [...records.filter((r) => r.stepId !== step.id), { ...record, version: expected + 1, recordedByName: ctx.from?.first_name ?? "" }];
      const next = firstOpenStep(now);
      const title = ctx.t(step.title, stepMessageArgs(step.id, township));
      const said = corrected
        ? [ctx.t("record-corrected", { title }), changesText(ctx, step, corrected) || ctx.t("record-corrected-nothing")]
        : [ctx.t("record-saved", { title })];
      // A correction, or a step recorded again, may put a later step out of order (or an earlier one,
      // for a changed end): say which. A first record cannot, since the steps after it wait for it.
      const conflicts = conflictsText(ctx, township, now);
      await ctx.reply([...said, ...(conflicts ? [conflicts] : [])].join("\n"), {
        reply_markup: next
          ? new InlineKeyboard().text(ctx.t("button-next-step"), encodeButton("step", next)).text(ctx.t("button-progress"), encodeButton("nav:progress"))
          : new InlineKeyboard().text(ctx.t("button-progress"), encodeButton("nav:progress")),
      });
    },
  });
}

const recordDialogs = new Map(STEPS.map((s) => [s.id, recordDialog(s)]));
/** The step dialogs, for the bot's dialog registry. */
export const checklistDialogs = [...recordDialogs.values()];

/** The nomination channels the township's rule names: a channel-bound count is asked only for these. */
const channelsOf = (plan: TownshipPlan): string[] => [...(effectiveRules(plan).nominationChannels?.value.channels ?? [])];

async function startRecording(ctx: BotContext, stepId: StepId, plan: TownshipPlan, current: StoredStepRecord | undefined, records: readonly StoredStepRecord[]) {
  ctx.deps.logger.debug("record_start", { township: plan.id, step: stepId });
  // A step whose predecessors are not done cannot be recorded: said before any question is asked.
  const latest = latestRecords(records);
  const missing = stepById(stepId).requires.filter((dep) => !isStepDone(dep, latest[dep]));
  if (missing.length > 0) {
    const lines = missing.map((dep) => describeViolation(ctx, { code: "step-order", params: { step: dep } }));
    await ctx.reply([ctx.t("record-refused"), ...lines].join("\n"), {
      reply_markup: new InlineKeyboard().text(ctx.t("button-next-step"), encodeButton("step", firstOpenStep(records) ?? stepId)),
    });
    return;
  }
  // A correction starts from a clean form but remembers which version it corrects.
  await startDialog(ctx, recordDialogs.get(stepId)!, { version: current?.version ?? 0, _channels: channelsOf(plan) });
}

/**
 * Corrects one field of a recorded step: the form asks only that field (both ends, for a period), the
 * others stay as recorded; the whole record is checked again and saved as a new version, audited.
 */
async function startCorrection(ctx: BotContext, stepId: StepId, fieldName: string): Promise<void> {
  ctx.handler = "correct";
  const loaded = await load(ctx);
  if (!loaded) return needTownship(ctx);
  const step = stepById(stepId);
  const current = loaded.records.find((r) => r.stepId === stepId);
  const field = step.fields.find((f) => f.name === fieldName);
  if (!current || !field) return showStep(ctx, stepId);
  const asked = new Set(field.kind === "date-range" ? [`${field.name}Start`, `${field.name}End`] : [field.name]);
  const kept: DialogData = {};
  for (const f of dialogFields(step)) if (!asked.has(f.key)) kept[f.key] = current.values[f.key] ?? (f.pick ? [] : "");
  const definition = recordDialogs.get(stepId)!;
  if (ctx.session.drafts) delete ctx.session.drafts[definition.name];
  await startDialog(ctx, definition, { ...kept, version: current.version, _correcting: fieldName, _channels: channelsOf(loaded.township) });
}

onButton(checklistFeature, "fix:list", async (ctx) => {
  await ctx.answerCallbackQuery();
  await showRecordedSteps(ctx);
});
onButton(checklistFeature, "fix", async (ctx, args) => {
  await ctx.answerCallbackQuery();
  const stepId = args[0] as StepId;
  if (!STEP_IDS.includes(stepId)) return;
  await startCorrection(ctx, stepId, args[1]);
});

checklistFeature.command("progress", showProgress);
onButton(checklistFeature, "nav:progress", async (ctx) => {
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
onButton(checklistFeature, "nav:next", async (ctx) => {
  await ctx.answerCallbackQuery();
  await showNext(ctx);
});

onButton(checklistFeature, "step", async (ctx, args) => {
  await ctx.answerCallbackQuery();
  const stepId = args[0] as StepId;
  if (!STEP_IDS.includes(stepId)) return;
  await showStep(ctx, stepId);
});

onButton(checklistFeature, "rec", async (ctx, args) => {
  ctx.handler = "record";
  await ctx.answerCallbackQuery();
  const stepId = args[0] as StepId;
  if (!STEP_IDS.includes(stepId)) return;
  const loaded = await load(ctx);
  if (!loaded) return needTownship(ctx);
  await startRecording(ctx, stepId, loaded.township, loaded.records.find((r) => r.stepId === stepId), loaded.records);
});
