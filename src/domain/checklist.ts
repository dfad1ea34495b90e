/**
 * The restructuring checklist as data, and pure functions over a plan and its step records: due dates,
 * statuses and the refusals a step record meets. The steps follow the selection procedure of
 * jiyang-plan 四.3, xingang-plan 三 and nanshan-plan 四; the phases are jiyang-plan 六's four.
 * No I/O: the adapters store records and render the i18n keys (texts in STEP_MESSAGES).
 */
import { PROFILES, RECOMMENDED_PROFILE_ID } from "./rules/profiles.js";
import type { Citation, DocId, NominationChannel, RuleKey, RuleValues } from "./rules/types.js";
import { addDays, addMonths, compareDates, daysBetween, isValidDate } from "./time.js";
import type { LocalDate, TownshipPlan } from "./township.js";

export type Phase = "prepare" | "implement" | "train" | "summarise"; // 准备 | 实施 | 培训 | 总结

export const STEP_IDS = [
  "work-plan",
  "working-group",
  "publicity",
  "nominations",
  "eligibility-review",
  "formal-candidates",
  "election",
  "inspection",
  "pre-appointment-notice",
  "appointment",
  "training",
  "running-mechanisms",
  "summary-report",
] as const;
export type StepId = (typeof STEP_IDS)[number];

export type FieldKind = "date" | "date-range" | "count" | "text" | "person" | "choice";

/** What a step records. A "date-range" named `x` is stored as values `xStart` and `xEnd`. */
export interface FieldDescriptor {
  name: string;
  kind: FieldKind;
  required: boolean;
  /** i18n key of the label: `field-<name>`. */
  label: string;
  /** For "choice": the allowed values. */
  options?: string[];
}

export type KeyDate = "partyElectionDate" | "plannedElectionDate";
/** Rules whose number of days sets how long a step lasts. */
export type SpanRule = "publicityDaysMin" | "preAppointmentNoticeDays";

/**
 * How a step's due date derives. `from`: a key date of the plan plus an offset (else `otherwise`);
 * `after`: the date the step it follows was done (its recorded date, else its due) plus `days`, and
 * with `lasting` the step runs that rule's number of days, both ends counted, from there (or from its
 * own recorded start); `deadline`: the completion deadline. Dates planned without records are capped
 * at the completion deadline.
 */
export type DueRule =
  | { from: KeyDate; offsetDays: number; otherwise?: DueRule }
  | { after: StepId; days: number; lasting?: SpanRule }
  | { deadline: "completion" };

export interface Step {
  id: StepId;
  phase: Phase;
  title: string;
  what: string;
  why: string;
  rules: RuleKey[];
  /** The first field holds the step's date (for a range, its end is the date the step was done). */
  fields: FieldDescriptor[];
  /** Steps that must be done before this one can be completed. */
  requires: StepId[];
  due: DueRule;
}

export interface StepRecord {
  stepId: StepId;
  values: Record<string, string | number>;
  /** Telegram user id. */
  recordedBy: number;
  /** ISO instant. */
  recordedAt: string;
}

const field = (name: string, kind: FieldKind, required = true): FieldDescriptor => ({
  name,
  kind,
  required,
  label: `field-${name}`,
});

const step = (id: StepId, phase: Phase, rest: Pick<Step, "rules" | "fields" | "requires" | "due">): Step => ({
  id,
  phase,
  title: `step-${id}-title`,
  what: `step-${id}-what`,
  why: `step-${id}-why`,
  ...rest,
});

/**
 * The due offsets, in days, for a Party election on day P (recommended profile: publicity 15 days,
 * notice 7): work plan P−14, working group P−11, publicity P−10…P+4, nominations P+8, review P+10,
 * formal list P+11, election P+13, inspection P+16, notice P+17…P+23, appointment P+24, training and
 * mechanisms P+27, summary at the deadline (P+1 month ≥ P+28). Inspiration: jiyang-plan 六 puts the
 * preparation before the work proper and ties the timetable to the Party election ("总体时间与乡镇党委
 * 换届工作时间相衔接"); xingang-plan 三's calendar gives the lengths: preparation a week (10月8日-14日),
 * 报名 4 days (10月19日-22日), 资格审查 2 days (10月23日-24日), summary the last 3 days (10月29日-31日).
 */
export const STEPS: readonly Step[] = [
  step("work-plan", "prepare", {
    rules: ["completionDeadline", "committeeSize", "seats", "leaderShareMax"],
    fields: [field("approvedOn", "date"), field("note", "text", false)],
    requires: [],
    due: { from: "partyElectionDate", offsetDays: -14 },
  }),
  step("working-group", "prepare", {
    rules: [],
    fields: [field("formedOn", "date"), field("leader", "person"), field("note", "text", false)],
    requires: ["work-plan"],
    due: { after: "work-plan", days: 3 },
  }),
  step("publicity", "implement", {
    rules: ["publicityDaysMin"],
    fields: [field("period", "date-range"), field("media", "text", false)],
    requires: ["working-group"],
    due: { after: "working-group", days: 1, lasting: "publicityDaysMin" },
  }),
  step("nominations", "implement", {
    rules: ["nominationChannels"],
    fields: [
      field("closedOn", "date"),
      field("organisation", "count"),
      field("jointSignature", "count"),
      field("self", "count"),
      field("fewestSignatures", "count", false),
    ],
    requires: ["publicity"],
    due: { after: "publicity", days: 4 },
  }),
  step("eligibility-review", "implement", {
    rules: ["maxAge", "relaxedMaxAge", "politicalStatus", "localTie"],
    fields: [field("reviewedOn", "date"), field("eligible", "count"), field("ineligible", "count")],
    requires: ["nominations"],
    due: { after: "nominations", days: 2 },
  }),
  step("formal-candidates", "implement", {
    rules: ["candidateSurplusMin", "committeeSize", "nonEstablishmentShareMin", "partyMembersMin"],
    fields: [field("decidedOn", "date"), field("formalCandidates", "count")],
    requires: ["eligibility-review"],
    due: { after: "eligibility-review", days: 1 },
  }),
  step("election", "implement", {
    rules: ["speechMinutesMax", "scoring"],
    fields: [field("heldOn", "date"), field("judges", "count", false)],
    requires: ["formal-candidates"],
    due: { from: "plannedElectionDate", offsetDays: 0, otherwise: { after: "formal-candidates", days: 2 } },
  }),
  step("inspection", "implement", {
    rules: [],
    fields: [field("completedOn", "date"), field("note", "text", false)],
    requires: ["election"],
    due: { after: "election", days: 3 },
  }),
  step("pre-appointment-notice", "implement", {
    rules: ["preAppointmentNoticeDays"],
    fields: [field("period", "date-range"), field("place", "text", false)],
    requires: ["inspection"],
    due: { after: "inspection", days: 1, lasting: "preAppointmentNoticeDays" },
  }),
  step("appointment", "implement", {
    rules: ["preAppointmentNoticeDays", "completionDeadline"],
    fields: [field("appointedOn", "date"), field("documentNo", "text", false)],
    requires: ["pre-appointment-notice"],
    due: { after: "pre-appointment-notice", days: 1 },
  }),
  step("training", "train", {
    rules: [],
    fields: [field("heldOn", "date"), field("participants", "count", false), field("note", "text", false)],
    requires: ["appointment"],
    due: { after: "appointment", days: 3 },
  }),
  // jiyang-plan 六.2 sets the mechanisms up in the implementation phase; listed after training as asked.
  step("running-mechanisms", "implement", {
    rules: ["committeeMeetingEvery", "annualWorkReport", "partyCommitteeHearing"],
    fields: [field("setUpOn", "date"), field("firstMeetingOn", "date"), field("hearingOn", "date", false)],
    requires: ["appointment"],
    due: { after: "appointment", days: 3 },
  }),
  step("summary-report", "summarise", {
    rules: ["completionDeadline"],
    fields: [field("submittedOn", "date"), field("submittedTo", "text", false)],
    requires: ["training", "running-mechanisms"],
    due: { deadline: "completion" },
  }),
];

const STEP_BY_ID = new Map<StepId, Step>(STEPS.map((s) => [s.id, s]));

export function stepById(id: StepId): Step {
  return STEP_BY_ID.get(id)!;
}

// ---- rules ----

/** A rule as the checklist reads it; `source` becomes a Citation-or-custom-note with effectiveRules. */
export interface ActiveRule<K extends RuleKey> {
  value: RuleValues[K];
  source: Citation;
}
export type ActiveRules = { [K in RuleKey]?: ActiveRule<K> };

/** The plan's rules. Stand-in until src/domain/rules/effective.ts: swap the body for effectiveRules(plan). */
export function rulesOf(plan: TownshipPlan): ActiveRules {
  const rules: ActiveRules = {};
  for (const record of Object.values(PROFILES[plan.profileId].rules)) {
    if (record)
      (rules as Record<string, unknown>)[record.key] = { value: record.value, source: record.citation };
  }
  return rules;
}

/** A rule used for planning or guidance: the plan's own, else the recommended default's (`fallback`). */
export interface PlanningRule<K extends RuleKey> extends ActiveRule<K> {
  rule: K;
  fallback: boolean;
}

function planningRule<K extends RuleKey>(plan: TownshipPlan, key: K): PlanningRule<K> | undefined {
  const own = rulesOf(plan)[key] as ActiveRule<K> | undefined;
  if (own) return { rule: key, ...own, fallback: false };
  const record = PROFILES[RECOMMENDED_PROFILE_ID].rules[key];
  return record ? { rule: key, value: record.value, source: record.citation, fallback: true } : undefined;
}

/** The completion deadline: partyElectionDate + the profile's months (the recommended months if silent). */
export function completionDeadline(
  plan: TownshipPlan,
): { date: LocalDate; basis: PlanningRule<"completionDeadline"> } | undefined {
  const basis = planningRule(plan, "completionDeadline");
  if (!basis || !plan.partyElectionDate || !isValidDate(plan.partyElectionDate)) return undefined;
  return { date: addMonths(plan.partyElectionDate, basis.value.monthsAfterPartyElection), basis };
}

function spanDays(plan: TownshipPlan, key: SpanRule): PlanningRule<SpanRule> | undefined {
  return planningRule(plan, key);
}

// ---- records ----

/** The latest record per step (records may hold edits; the newest `recordedAt` wins). */
export function latestRecords(records: readonly StepRecord[]): Partial<Record<StepId, StepRecord>> {
  const latest: Partial<Record<StepId, StepRecord>> = {};
  for (const record of records) {
    const current = latest[record.stepId];
    if (!current || current.recordedAt <= record.recordedAt) latest[record.stepId] = record;
  }
  return latest;
}

function present(value: string | number | undefined): boolean {
  return value !== undefined && value !== "";
}

function valueKeys(f: FieldDescriptor): string[] {
  return f.kind === "date-range" ? [`${f.name}Start`, `${f.name}End`] : [f.name];
}

/** Done = every required field recorded. A record missing some (e.g. a notice's end) is a draft. */
export function isStepDone(stepId: StepId, record: StepRecord | undefined): boolean {
  if (!record) return false;
  return stepById(stepId)
    .fields.filter((f) => f.required)
    .every((f) => valueKeys(f).every((key) => present(record.values[key])));
}

function dateValue(record: StepRecord | undefined, key: string): LocalDate | undefined {
  const value = record?.values[key];
  return typeof value === "string" && isValidDate(value) ? value : undefined;
}

/** The recorded date a step was done: its first field (for a range, the range's end). */
function doneOn(s: Step, record: StepRecord | undefined): LocalDate | undefined {
  const first = s.fields[0]!;
  return dateValue(record, first.kind === "date-range" ? `${first.name}End` : first.name);
}

/** The earliest date a record states (for a range, its start): it may not precede the steps required. */
function startedOn(s: Step, record: StepRecord | undefined): LocalDate | undefined {
  const first = s.fields[0]!;
  return dateValue(record, first.kind === "date-range" ? `${first.name}Start` : first.name);
}

// ---- due dates ----

export interface DueBasis {
  rule: RuleKey;
  source: Citation;
  /** True when the profile is silent and the recommended default's rule was used. */
  fallback: boolean;
}

interface Planned {
  date: LocalDate | undefined;
  /** Derived from a recorded date: not capped at the deadline (the procedure's own minimum governs). */
  fromRecord: boolean;
  basis: DueBasis[];
}

function basisOf(rule: PlanningRule<RuleKey> | undefined): DueBasis[] {
  return rule ? [{ rule: rule.rule, source: rule.source, fallback: rule.fallback }] : [];
}

function planAll(plan: TownshipPlan, records: readonly StepRecord[]): Map<StepId, Planned> {
  const latest = latestRecords(records);
  const deadline = completionDeadline(plan);
  const planned = new Map<StepId, Planned>();

  const resolve = (s: Step, rule: DueRule): Planned => {
    if ("deadline" in rule)
      return { date: deadline?.date, fromRecord: false, basis: basisOf(deadline?.basis) };
    if ("from" in rule) {
      const key = plan[rule.from];
      if (key && isValidDate(key))
        return { date: addDays(key, rule.offsetDays), fromRecord: false, basis: [] };
      return rule.otherwise ? resolve(s, rule.otherwise) : { date: undefined, fromRecord: false, basis: [] };
    }
    const dep = planned.get(rule.after)!;
    const depDone = doneOn(stepById(rule.after), latest[rule.after]);
    const anchor = depDone ?? dep.date;
    const fromRecord = depDone !== undefined || dep.fromRecord;
    if (!rule.lasting) return { date: anchor && addDays(anchor, rule.days), fromRecord, basis: [] };
    const span = spanDays(plan, rule.lasting);
    const ownStart = startedOn(s, latest[s.id]);
    const start = ownStart ?? (anchor && addDays(anchor, rule.days));
    const days = span?.value.days ?? 1;
    return {
      date: start && addDays(start, days - 1),
      fromRecord: ownStart !== undefined || fromRecord,
      basis: basisOf(span),
    };
  };

  for (const s of STEPS) {
    const result = resolve(s, s.due);
    const late =
      result.date && deadline && !result.fromRecord && compareDates(result.date, deadline.date) > 0;
    planned.set(
      s.id,
      late
        ? { date: deadline.date, fromRecord: false, basis: [...result.basis, ...basisOf(deadline.basis)] }
        : result,
    );
  }
  return planned;
}

/** Each step's due date; recomputed from the plan's key dates and the recorded dates it depends on. */
export function dueDates(
  plan: TownshipPlan,
  records: readonly StepRecord[],
): Record<StepId, LocalDate | undefined> {
  const planned = planAll(plan, records);
  return Object.fromEntries(STEPS.map((s) => [s.id, planned.get(s.id)!.date])) as Record<
    StepId,
    LocalDate | undefined
  >;
}

// ---- statuses ----

export type StepStatus = "done" | "current" | "open" | "overdue";

export interface StepState {
  stepId: StepId;
  status: StepStatus;
  due: LocalDate | undefined;
  record?: StepRecord;
  /** The rules the due date was planned with (e.g. the recommended completion deadline). */
  dueBasis: DueBasis[];
}

export function firstOpenStep(records: readonly StepRecord[]): StepId | undefined {
  const latest = latestRecords(records);
  return STEPS.find((s) => !isStepDone(s.id, latest[s.id]))?.id;
}

/**
 * Per step, in order: done (all required fields recorded); overdue (not done and `today` is past its
 * due date — this wins over current, so a late current step shows as late); current (the first step
 * not done); open (the rest).
 */
export function checklistStatus(
  plan: TownshipPlan,
  records: readonly StepRecord[],
  today: LocalDate,
): StepState[] {
  const latest = latestRecords(records);
  const planned = planAll(plan, records);
  const first = firstOpenStep(records);
  return STEPS.map((s) => {
    const { date: due, basis } = planned.get(s.id)!;
    const record = latest[s.id];
    const status: StepStatus = isStepDone(s.id, record)
      ? "done"
      : due && compareDates(today, due) > 0
        ? "overdue"
        : s.id === first
          ? "current"
          : "open";
    return { stepId: s.id, status, due, dueBasis: basis, ...(record ? { record } : {}) };
  });
}

// ---- validation ----

export interface Violation {
  /** Message key: `violation-<code>`. */
  code: string;
  /** Fluent placeables. `field` is a field name (label `field-<name>`), `step` a step id (`step-<id>-title`). */
  params: Record<string, string | number>;
  /** The rule refused against; absent for date sanity and order, which no document states. */
  rule?: RuleKey;
  source?: Citation;
}

export interface ValidationContext {
  /** The candidate slate check (computed elsewhere), for the formal candidate list. */
  slateOk: boolean;
  slateReasons: string[];
  /** Saving a draft (e.g. a notice's start before it ends): missing required fields are not refused. */
  partial?: boolean;
}

const CHANNEL_FIELDS: Record<NominationChannel, string> = {
  organisation: "organisation",
  "joint-signature": "jointSignature",
  self: "self",
};

function violation(
  code: string,
  params: Violation["params"],
  rule?: ActiveRule<RuleKey> & { key: RuleKey },
): Violation {
  return rule ? { code, params, rule: rule.key, source: rule.source } : { code, params };
}

function withKey<K extends RuleKey>(rules: ActiveRules, key: K) {
  const rule = rules[key] as ActiveRule<K> | undefined;
  return rule && { ...rule, key };
}

/** Shape checks: required fields, real dates, counts, range order. */
function fieldViolations(s: Step, values: StepRecord["values"], partial: boolean): Violation[] {
  const out: Violation[] = [];
  for (const f of s.fields) {
    for (const key of valueKeys(f)) {
      const value = values[key];
      if (!present(value)) {
        if (f.required && !partial) out.push(violation("field-required", { field: f.name }));
      } else if (
        (f.kind === "date" || f.kind === "date-range") &&
        !(typeof value === "string" && isValidDate(value))
      ) {
        out.push(violation("date-invalid", { field: f.name, value: String(value) }));
      } else if (
        f.kind === "count" &&
        !(typeof value === "number" && Number.isInteger(value) && value >= 0)
      ) {
        out.push(violation("count-invalid", { field: f.name, value: String(value) }));
      } else if (f.kind === "choice" && f.options && !f.options.includes(String(value))) {
        out.push(violation("choice-invalid", { field: f.name, value: String(value) }));
      }
    }
    if (f.kind === "date-range") {
      const start = dateValue({ values } as StepRecord, `${f.name}Start`);
      const end = dateValue({ values } as StepRecord, `${f.name}End`);
      if (start && end && compareDates(end, start) < 0)
        out.push(violation("range-end-before-start", { start, end }));
    }
  }
  return out;
}

/** A period counted with both ends in: 10月1日–10月15日 is 15 days. */
function periodDays(record: StepRecord): number | undefined {
  const start = dateValue(record, "periodStart");
  const end = dateValue(record, "periodEnd");
  return start && end && compareDates(end, start) >= 0 ? daysBetween(start, end) + 1 : undefined;
}

/** The refusals the documents state for this step. */
function ruleViolations(
  s: Step,
  record: StepRecord,
  plan: TownshipPlan,
  latest: Partial<Record<StepId, StepRecord>>,
  context: ValidationContext,
): Violation[] {
  const rules = rulesOf(plan);
  const v = record.values;
  const out: Violation[] = [];
  if (s.id === "publicity" || s.id === "pre-appointment-notice") {
    const rule = withKey(rules, s.id === "publicity" ? "publicityDaysMin" : "preAppointmentNoticeDays");
    const days = periodDays(record);
    if (rule && days !== undefined && days < rule.value.days) {
      const code = s.id === "publicity" ? "publicity-too-short" : "notice-too-short";
      out.push(violation(code, { days, min: rule.value.days }, rule));
    }
  }
  if (s.id === "nominations") {
    const rule = withKey(rules, "nominationChannels");
    for (const channel of Object.keys(CHANNEL_FIELDS) as NominationChannel[]) {
      const count = v[CHANNEL_FIELDS[channel]];
      if (rule && typeof count === "number" && count > 0 && !rule.value.channels.includes(channel)) {
        out.push(violation("channel-not-allowed", { channel }, rule));
      }
    }
    const min = rule?.value.jointSignaturesMin;
    const joint = v.jointSignature;
    if (rule && min !== undefined && typeof joint === "number" && joint > 0) {
      const fewest = v.fewestSignatures;
      if (!present(fewest)) out.push(violation("field-required", { field: "fewestSignatures" }, rule));
      else if (typeof fewest === "number" && fewest < min) {
        out.push(violation("joint-signatures-below-min", { signatures: fewest, min }, rule));
      }
    }
  }
  if (s.id === "formal-candidates" && !context.slateOk) {
    const params = { reasons: context.slateReasons.join("; "), count: context.slateReasons.length };
    out.push(violation("slate-not-ok", params, withKey(rules, "candidateSurplusMin")));
  }
  if (s.id === "appointment") {
    // Appointment only once the notice is over ("公示期满"): strictly after its last day.
    const noticeEnd = dateValue(latest["pre-appointment-notice"], "periodEnd");
    const date = dateValue(record, "appointedOn");
    if (noticeEnd && date && compareDates(date, noticeEnd) <= 0) {
      const rule = planningRule(plan, "preAppointmentNoticeDays");
      out.push(
        violation(
          "appointment-before-notice-end",
          { date, noticeEnd },
          rule && { key: rule.rule, value: rule.value, source: rule.source },
        ),
      );
    }
  }
  return out;
}

/** Order: the steps required must be done, and this step's dates may not precede theirs. */
function orderViolations(
  s: Step,
  record: StepRecord,
  latest: Partial<Record<StepId, StepRecord>>,
): Violation[] {
  const out: Violation[] = [];
  const start = startedOn(s, record);
  for (const depId of s.requires) {
    const dep = latest[depId];
    if (!isStepDone(depId, dep)) {
      out.push(violation("step-order", { step: depId }));
      continue;
    }
    // The appointment's strict "after the notice" check is a rule refusal above.
    if (s.id === "appointment") continue;
    const depDate = doneOn(stepById(depId), dep);
    if (start && depDate && compareDates(start, depDate) < 0) {
      out.push(violation("date-before-previous-step", { date: start, step: depId, previous: depDate }));
    }
  }
  return out;
}

/** Everything that refuses `record` for step `stepId`; empty when it may be saved. */
export function validateStepRecord(
  stepId: StepId,
  record: StepRecord,
  plan: TownshipPlan,
  records: readonly StepRecord[],
  context: ValidationContext,
): Violation[] {
  const s = stepById(stepId);
  const latest = latestRecords(records.filter((r) => r.stepId !== stepId));
  return [
    ...fieldViolations(s, record.values, context.partial ?? false),
    ...ruleViolations(s, record, plan, latest, context),
    ...orderViolations(s, record, latest),
  ];
}

// ---- messages ----

/** Placeables for a step's title/what/why: numbers from the plan's rules (recommended where silent). */
export function stepMessageArgs(stepId: StepId, plan: TownshipPlan): Record<string, string | number> {
  const doc = (rule: { source: Citation } | undefined): DocId | "other" => rule?.source.doc ?? "other";
  switch (stepId) {
    case "work-plan":
    case "summary-report": {
      const rule = planningRule(plan, "completionDeadline");
      return { months: rule?.value.monthsAfterPartyElection ?? 1, doc: doc(rule) };
    }
    case "publicity":
    case "pre-appointment-notice": {
      const rule = planningRule(
        plan,
        stepId === "publicity" ? "publicityDaysMin" : "preAppointmentNoticeDays",
      );
      return { days: rule?.value.days ?? 0, doc: doc(rule) };
    }
    case "nominations": {
      const rule = rulesOf(plan).nominationChannels;
      return { signatures: rule?.value.jointSignaturesMin ?? 0, doc: doc(rule) };
    }
    case "formal-candidates": {
      const rule = rulesOf(plan).candidateSurplusMin;
      return { percent: Math.round((rule?.value.minRatio ?? 0) * 100), doc: doc(rule) };
    }
    case "election": {
      const speech = planningRule(plan, "speechMinutesMax");
      const scoring = planningRule(plan, "scoring");
      return { minutes: speech?.value.minutes ?? 5, scale: scoring?.value.scale ?? 100, doc: doc(speech) };
    }
    case "running-mechanisms": {
      const rule = planningRule(plan, "committeeMeetingEvery");
      return { months: rule?.value.months ?? 3, doc: doc(rule) };
    }
    default:
      return {};
  }
}

const zhDoc =
  "{ $doc ->\n    [jiyang-plan] 吉阳镇方案\n    [xingang-plan] 新港街道方案\n    [nanshan-plan] 南山街道方案\n" +
  "    [sichuan-speech] 四川省视频会议讲话\n    [kuanzhuang-reflection] 款庄镇的思考文章\n   *[other] 本镇确定的规则\n}";
const enDoc =
  "{ $doc ->\n    [jiyang-plan] The Jiyang plan\n    [xingang-plan] The Xingang plan\n    [nanshan-plan] The Nanshan plan\n" +
  "    [sichuan-speech] The Sichuan speech\n    [kuanzhuang-reflection] The Kuanzhuang article\n   *[other] Your township's rule\n}";

/**
 * Texts for every key the checklist references, Fluent syntax (to be copied into src/locales/*.ftl).
 * `doc-name` reads `$doc` from the referencing message's arguments.
 */
export const STEP_MESSAGES: Record<string, { zh: string; en: string }> = {
  "doc-name": { zh: zhDoc, en: enDoc },
  "step-work-plan-title": { zh: "制定工作计划", en: "Draw up the work plan" },
  "step-work-plan-what": {
    zh: "结合上级团委部署,明确推进时间表、团委班子结构和职数设置,报乡镇党委。",
    en: "Following the higher League committee's plan, fix the timetable, the committee's structure and its posts, and submit them to the township Party committee.",
  },
  "step-work-plan-why": {
    zh: "{ doc-name }要求乡镇党委换届结束后{ $months }个月内完成格局创新工作,先定时间表才能倒排各环节。",
    en: "{ doc-name } requires the restructuring to be finished within { $months } month(s) after the Party committee's election; a timetable lets you plan every step back from that date.",
  },
  "step-working-group-title": { zh: "成立工作机构(领导小组)", en: "Set up the working group" },
  "step-working-group-what": {
    zh: "由乡镇党委和团委共同组成工作机构(领导小组),明确组长和成员分工。",
    en: "Form a working group (leading group) of the township Party committee and the League committee, with a named head.",
  },
  "step-working-group-why": {
    zh: "吉阳镇方案要求坚持党管干部原则,由乡镇党委和团委共同组成工作机构;南山街道方案由领导小组负责政审。",
    en: "The Jiyang plan requires the Party to manage cadres through a joint Party–League working body; in the Nanshan plan the leading group vets the nominees.",
  },
  "step-publicity-title": { zh: "宣传发动", en: "Publicity and mobilisation" },
  "step-publicity-what": {
    zh: "通过报刊、网络、手机短信、宣传栏、黑板报等发布公告,使团员青年充分知晓;记录起止日期,至少{ $days }天(首尾两天都算)。",
    en: "Announce the restructuring through the press, the web, text messages and notice boards so that young people know of it; record the start and end dates, at least { $days } days counting both ends.",
  },
  "step-publicity-why": {
    zh: "{ doc-name }要求宣传发动时间不少于{ $days }天,让团员青年有足够时间了解并报名。",
    en: "{ doc-name } requires at least { $days } days of publicity, so that young people have time to learn of it and apply.",
  },
  "step-nominations-title": { zh: "人选推荐", en: "Nominations" },
  "step-nominations-what": {
    zh: "{ $signatures ->\n    [0] 通过组织推荐、民主推荐、个人自荐产生初步人选,分别记录各途径的人数。\n   *[other] 通过组织推荐、团员青年联名推荐(至少{ $signatures }人联名)、个人自荐产生初步人选,分别记录各途径的人数和联名推荐中最少的签名人数。\n}",
    en: "{ $signatures ->\n    [0] Collect nominations from the organisation, joint (democratic) nominations and self-nominations; record the number from each channel.\n   *[other] Collect nominations from the organisation, joint nominations (at least { $signatures } signatures each) and self-nominations; record the number from each channel and the fewest signatures on a joint nomination.\n}",
  },
  "step-nominations-why": {
    zh: "吉阳镇、南山街道方案都要求组织推荐、民主推荐和个人自荐相结合,扩大选人视野。",
    en: "The Jiyang and Nanshan plans both combine organisation, democratic and self-nomination, to widen the field.",
  },
  "step-eligibility-review-title": { zh: "资格审查", en: "Eligibility review" },
  "step-eligibility-review-what": {
    zh: "对照年龄、政治面貌、户籍或居住工作地等条件,逐一审查推荐人选并进行政审,记录合格与不合格人数。",
    en: "Check each nominee against the age, political status and residence conditions and vet them politically; record how many pass and fail.",
  },
  "step-eligibility-review-why": {
    zh: "吉阳镇方案要求对推荐人选先进行资格审查,再确定正式候选人;南山街道方案要求由领导小组工作机构进行政审。",
    en: "The Jiyang plan requires an eligibility review before the formal candidates are chosen; the Nanshan plan has the leading group vet the nominees.",
  },
  "step-formal-candidates-title": { zh: "确定正式候选人", en: "Formal candidate list" },
  "step-formal-candidates-what": {
    zh: "根据多数团员青年的意见,在合格人选中确定正式候选人,报乡镇党委同意;候选人名单须通过名单检查才能确定。",
    en: "Choose the formal candidates among those who passed, following most young members' views, and have the township Party committee agree; the list must pass the slate check first.",
  },
  "step-formal-candidates-why": {
    zh: "{ $percent ->\n    [0] 吉阳镇方案要求根据多数团员青年的意见确定正式候选人,并实行差额选举。\n   *[other] { doc-name }要求按高于拟选配委员数量{ $percent }%的比例确定正式候选人,体现竞争性。\n}",
    en: "{ $percent ->\n    [0] The Jiyang plan requires formal candidates chosen by most young members' views, with more candidates than seats.\n   *[other] { doc-name } requires at least { $percent }% more formal candidates than seats, so the election is competitive.\n}",
  },
  "step-election-title": { zh: "竞职演讲与选举", en: "Speeches and election" },
  "step-election-what": {
    zh: "召开团员青年大会,候选人按抽签顺序发表不超过{ $minutes }分钟的竞职演讲,评委按{ $scale }分制打分、取平均分,随后选举;记录举行日期。",
    en: "Hold the meeting: candidates speak for at most { $minutes } minutes in an order drawn by lot, judges score out of { $scale } and the average counts, then the vote; record the date.",
  },
  "step-election-why": {
    zh: "{ doc-name }规定竞职演讲不超过{ $minutes }分钟、顺序抽签决定,评委按{ $scale }分制打分取平均分;吉阳镇方案要求选举前通过演讲体现竞争性。",
    en: "{ doc-name } limits speeches to { $minutes } minutes in an order drawn by lot, scored out of { $scale } and averaged; the Jiyang plan asks for speeches before the vote to make it competitive.",
  },
  "step-inspection-title": { zh: "组织考察", en: "Organisational inspection" },
  "step-inspection-what": {
    zh: "乡镇党委和团委研究新产生的人选名单后,对拟任人选进行组织考察。",
    en: "After the Party and League committees have reviewed the people chosen, inspect each appointee.",
  },
  "step-inspection-why": {
    zh: "新港街道、南山街道方案都要求在公示和任命前,对拟任人选进行组织考察。",
    en: "The Xingang and Nanshan plans both require an organisational inspection before the notice and the appointment.",
  },
  "step-pre-appointment-notice-title": { zh: "任前公示", en: "Pre-appointment notice" },
  "step-pre-appointment-notice-what": {
    zh: "在拟任人选所在单位进行公示,记录起止日期,至少{ $days }天(首尾两天都算)。",
    en: "Post the public notice at each appointee's workplace; record the start and end dates, at least { $days } days counting both ends.",
  },
  "step-pre-appointment-notice-why": {
    zh: "{ doc-name }要求在人选所在单位公示{ $days }天,接受群众监督后再任命。",
    en: "{ doc-name } requires a { $days }-day notice at the appointee's workplace, open to public scrutiny before the appointment.",
  },
  "step-appointment-title": { zh: "报批与正式任命", en: "Approval and appointment" },
  "step-appointment-what": {
    zh: "公示期满后,报乡镇党委和上级团组织批准,由乡镇党委发文正式任命;记录任命日期和文号。",
    en: "Once the notice period is over, seek approval from the township Party committee and the League committee above, and have the Party committee issue the appointment; record its date and number.",
  },
  "step-appointment-why": {
    zh: "新港街道方案规定公示期满后由党工委发文正式任命;吉阳镇方案要求人选报镇党委和上级团组织批准。",
    en: "The Xingang plan appoints only after the notice period ends; the Jiyang plan requires approval by the Party committee and the League committee above.",
  },
  "step-training-title": { zh: "培训", en: "Training" },
  "step-training-what": {
    zh: "组织新任团委委员参加培训,内容包括全团重点工作、基础团务和基层团的工作方法。",
    en: "Train the new committee members in the League's priorities, basic League affairs and grassroots working methods.",
  },
  "step-training-why": {
    zh: "吉阳镇方案专设培训阶段,由团市委对选配后的团委委员进行培训。",
    en: "The Jiyang plan has a training phase in which the city League committee trains the newly selected members.",
  },
  "step-running-mechanisms-title": { zh: "建立运行机制", en: "Set up the running mechanisms" },
  "step-running-mechanisms-what": {
    zh: "建立委员分工、每{ $months }个月一次的全体委员例会、每年述职和党委听取专题汇报制度;记录建立日期和第一次例会日期。",
    en: "Set up the division of work, a full committee meeting every { $months } months, a yearly work report and the Party committee's hearing; record the date and the first meeting's date.",
  },
  "step-running-mechanisms-why": {
    zh: "{ doc-name }要求每{ $months }个月召开一次全体委员例会、班子成员每年述职,乡镇党委每年至少听取一次团委专题汇报。",
    en: "{ doc-name } requires a full meeting every { $months } months and a yearly work report, and the Party committee hears the League at least once a year.",
  },
  "step-summary-report-title": { zh: "总结报告", en: "Summary report" },
  "step-summary-report-what": {
    zh: "对比格局创新前后的情况,全面总结经验,形成工作报告,报上级党委组织部门和团委。",
    en: "Compare before and after, sum up the experience in a report and submit it to the Party organisation department and the League committee above.",
  },
  "step-summary-report-why": {
    zh: "{ doc-name }要求在乡镇党委换届结束后{ $months }个月内完成全部工作;吉阳镇方案要求形成工作报告上报。",
    en: "{ doc-name } requires everything done within { $months } month(s) after the Party committee's election; the Jiyang plan asks for a written report.",
  },
  "field-approvedOn": { zh: "计划确定日期", en: "Plan approved on" },
  "field-note": { zh: "备注", en: "Note" },
  "field-formedOn": { zh: "成立日期", en: "Formed on" },
  "field-leader": { zh: "组长", en: "Head" },
  "field-period": { zh: "起止日期", en: "From – to" },
  "field-media": { zh: "宣传渠道", en: "Channels used" },
  "field-closedOn": { zh: "推荐截止日期", en: "Nominations closed on" },
  "field-organisation": { zh: "组织推荐人数", en: "Organisation nominations" },
  "field-jointSignature": { zh: "联名推荐人数", en: "Joint nominations" },
  "field-self": { zh: "个人自荐人数", en: "Self-nominations" },
  "field-fewestSignatures": { zh: "联名推荐最少签名人数", en: "Fewest signatures on a joint nomination" },
  "field-reviewedOn": { zh: "审查完成日期", en: "Review finished on" },
  "field-eligible": { zh: "合格人数", en: "Eligible" },
  "field-ineligible": { zh: "不合格人数", en: "Not eligible" },
  "field-decidedOn": { zh: "确定日期", en: "Decided on" },
  "field-formalCandidates": { zh: "正式候选人人数", en: "Formal candidates" },
  "field-heldOn": { zh: "举行日期", en: "Held on" },
  "field-judges": { zh: "评委人数", en: "Judges" },
  "field-completedOn": { zh: "完成日期", en: "Completed on" },
  "field-place": { zh: "公示地点", en: "Posted at" },
  "field-appointedOn": { zh: "任命日期", en: "Appointed on" },
  "field-documentNo": { zh: "任命文号", en: "Document number" },
  "field-participants": { zh: "参训人数", en: "Participants" },
  "field-setUpOn": { zh: "建立日期", en: "Set up on" },
  "field-firstMeetingOn": { zh: "第一次全体委员例会日期", en: "First full committee meeting" },
  "field-hearingOn": { zh: "党委听取专题汇报日期", en: "Party committee hearing on" },
  "field-submittedOn": { zh: "报送日期", en: "Submitted on" },
  "field-submittedTo": { zh: "报送单位", en: "Submitted to" },
  "violation-field-required": { zh: "请填写“{ $field }”。", en: "Please fill in “{ $field }”." },
  "violation-date-invalid": {
    zh: "“{ $value }”不是有效日期,请按“2011-10-08”的格式填写。",
    en: "“{ $value }” is not a valid date; use the form 2011-10-08.",
  },
  "violation-count-invalid": {
    zh: "“{ $value }”不是有效人数,请填写0或正整数。",
    en: "“{ $value }” is not a valid count; enter 0 or a whole number.",
  },
  "violation-choice-invalid": {
    zh: "“{ $value }”不是可选项。",
    en: "“{ $value }” is not one of the options.",
  },
  "violation-range-end-before-start": {
    zh: "结束日期 { $end } 早于开始日期 { $start }。",
    en: "The end date { $end } is before the start date { $start }.",
  },
  "violation-publicity-too-short": {
    zh: "宣传发动只有{ $days }天(首尾两天都算),规定不少于{ $min }天。",
    en: "Publicity lasts only { $days } days (both ends counted); at least { $min } are required.",
  },
  "violation-notice-too-short": {
    zh: "任前公示只有{ $days }天(首尾两天都算),规定不少于{ $min }天。",
    en: "The pre-appointment notice lasts only { $days } days (both ends counted); at least { $min } are required.",
  },
  "violation-channel-not-allowed": {
    zh: "适用的方案没有“{ $channel }”这一推荐途径。",
    en: "The applicable plan has no “{ $channel }” nomination channel.",
  },
  "violation-joint-signatures-below-min": {
    zh: "联名推荐最少只有{ $signatures }人签名,规定须{ $min }人联名。",
    en: "A joint nomination has only { $signatures } signatures; { $min } are required.",
  },
  "violation-slate-not-ok": {
    zh: "候选人名单尚未通过检查,暂不能确定正式候选人:{ $reasons }",
    en: "The candidate list has not passed the check, so the formal candidates cannot be fixed yet: { $reasons }",
  },
  "violation-appointment-before-notice-end": {
    zh: "任命日期 { $date } 不在公示期满之后(公示至 { $noticeEnd }),须在公示结束后才能任命。",
    en: "The appointment date { $date } is not after the notice, which runs until { $noticeEnd }; appoint only once it has ended.",
  },
  "violation-step-order": {
    zh: "请先完成前一步骤“{ $step }”。",
    en: "Please complete the earlier step “{ $step }” first.",
  },
  "violation-date-before-previous-step": {
    zh: "日期 { $date } 早于前一步骤“{ $step }”的日期 { $previous }。",
    en: "The date { $date } is before the earlier step “{ $step }” ({ $previous }).",
  },
};
