/**
 * The restructuring checklist as data, and pure functions over a plan and its step records: due dates,
 * statuses and the refusals a step record meets. The steps follow the selection procedure of
 * jiyang-plan 四.3, xingang-plan 三 and nanshan-plan 四; the phases are jiyang-plan 六's four.
 * No I/O: the adapters store records and render the i18n keys (texts in src/locales/*.ftl).
 */
import type { Candidate } from "./candidate.js";
import { markViolations, type MarkedStatus } from "./candidate-marks.js";
import { AVERAGE_AGE_RANGE, BEFORE_FIELDS, beforeViolations } from "./committee-before.js";
import { effectiveRules, isCustomSource, type RuleSource } from "./rules/effective.js";
import { PROFILES, RECOMMENDED_PROFILE_ID } from "./rules/profiles.js";
import type { DocId, NominationChannel, RuleKey, RuleValues } from "./rules/types.js";
import {
  addMonths,
  compareDates,
  dateOfDay,
  dayNumber,
  dayNumberOf,
  daysBetween,
  isValidDate,
} from "./time.js";
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

/** "age": a mean age in 周岁, one decimal; "candidates": the ids of the candidates ticked (see `marks`). */
export type FieldKind = "date" | "date-range" | "count" | "text" | "person" | "choice" | "age" | "candidates";

/** What a step records. A "date-range" named `x` is stored as values `xStart` and `xEnd`. */
export interface FieldDescriptor {
  name: string;
  kind: FieldKind;
  required: boolean;
  /** i18n key of the label: `field-<name>`. */
  label: string;
  /** For "choice": the allowed values. */
  options?: string[];
  /** Asked, and allowed, only once the count field named here is above 0 (a detail of that total). */
  onlyWith?: string;
  /** For "candidates": the status the ticked candidates get. */
  marks?: MarkedStatus;
  /** Asked, and required, only where the township's rule names this channel (南山's 民主推荐). */
  channel?: NominationChannel;
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

/** A recorded value: a date, text or choice, a count or age, or the ids of the candidates ticked. */
export type StepValue = string | number | string[];

export interface StepRecord {
  stepId: StepId;
  values: Record<string, StepValue>;
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

/**
 * The candidates a step decides, ticked by the secretary. Not required for the step to count as done:
 * records made before ticking existed stay done, and a township that keeps its candidates elsewhere
 * has no one to tick; whenever there is someone to tick, the rules refuse a record without a choice.
 */
const marking = (name: string, marks: MarkedStatus): FieldDescriptor => ({
  ...field(name, "candidates", false),
  marks,
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
    // The committee as it stands, for the summary report's before/after comparison (all optional).
    fields: [field("approvedOn", "date"), field("note", "text", false), ...BEFORE_FIELDS],
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
      { ...field("democratic", "count", false), channel: "democratic" },
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
    fields: [field("decidedOn", "date"), marking("formalCandidates", "formal")],
    requires: ["eligibility-review"],
    due: { after: "eligibility-review", days: 1 },
  }),
  step("election", "implement", {
    rules: ["speechMinutesMax", "scoring"],
    fields: [field("heldOn", "date"), field("judges", "count", false), marking("elected", "elected")],
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
    fields: [
      field("appointedOn", "date"),
      field("documentNo", "text", false),
      marking("appointed", "appointed"),
    ],
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

/** A rule as the checklist reads it: its value and its source (a citation, or the township's own note). */
export interface ActiveRule<K extends RuleKey> {
  value: RuleValues[K];
  source: RuleSource;
}
export type ActiveRules = { [K in RuleKey]?: ActiveRule<K> };

/** The plan's rules: its profile's, with the township's own values overriding them. */
export function rulesOf(plan: TownshipPlan): ActiveRules {
  return effectiveRules(plan);
}

/** A rule used for planning or guidance: the plan's own, else the recommended default's (`fallback`). */
export interface PlanningRule<K extends RuleKey> extends ActiveRule<K> {
  rule: K;
  fallback: boolean;
}

/**
 * The rule in force for a step, as its card shows it and as the validator enforces it (one function
 * for both, so that they cannot disagree): the plan's own, else the recommended default's.
 */
export function ruleInForce<K extends RuleKey>(plan: TownshipPlan, key: K): PlanningRule<K> | undefined {
  const own = rulesOf(plan)[key] as ActiveRule<K> | undefined;
  if (own) return { rule: key, ...own, fallback: false };
  const record = PROFILES[RECOMMENDED_PROFILE_ID].rules[key];
  return record ? { rule: key, value: record.value, source: record.citation, fallback: true } : undefined;
}

/** The completion deadline: partyElectionDate + the profile's months (the recommended months if silent). */
export function completionDeadline(
  plan: TownshipPlan,
): { date: LocalDate; basis: PlanningRule<"completionDeadline"> } | undefined {
  const basis = ruleInForce(plan, "completionDeadline");
  if (!basis || !plan.partyElectionDate || !isValidDate(plan.partyElectionDate)) return undefined;
  return { date: addMonths(plan.partyElectionDate, basis.value.monthsAfterPartyElection), basis };
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

function present(value: StepValue | undefined): boolean {
  return value !== undefined && value !== "" && !(Array.isArray(value) && value.length === 0);
}

function valueKeys(f: FieldDescriptor): string[] {
  return f.kind === "date-range" ? [`${f.name}Start`, `${f.name}End`] : [f.name];
}

/** Each step's required value keys, listed once (isStepDone runs for every step of every township on a sweep). */
const REQUIRED_KEYS = new Map<StepId, string[]>(
  STEPS.map((s) => [s.id, s.fields.filter((f) => f.required).flatMap(valueKeys)]),
);

/** Done = every required field recorded. A record missing some (e.g. a notice's end) is a draft. */
export function isStepDone(stepId: StepId, record: StepRecord | undefined): boolean {
  if (!record) return false;
  for (const key of REQUIRED_KEYS.get(stepId)!) if (!present(record.values[key])) return false;
  return true;
}

/** The valid date a record holds under `key`, if any. */
export function dateValue(record: Pick<StepRecord, "values"> | undefined, key: string): LocalDate | undefined {
  const value = record?.values[key];
  return typeof value === "string" && isValidDate(value) ? value : undefined;
}

/** The value key of the date a step was done: its first field (for a range, the range's end). */
function finishKey(s: Step): string {
  const first = s.fields[0]!;
  return first.kind === "date-range" ? `${first.name}End` : first.name;
}

/** The value key of the earliest date a record states (for a range, its start). */
function startKey(s: Step): string {
  const first = s.fields[0]!;
  return first.kind === "date-range" ? `${first.name}Start` : first.name;
}

/** The recorded date a step was done. */
function doneOn(s: Step, record: StepRecord | undefined): LocalDate | undefined {
  return dateValue(record, finishKey(s));
}

/** The date a step was recorded as done (its first field; for a range, the range's end), if any. */
export function stepDoneOn(stepId: StepId, record: StepRecord | undefined): LocalDate | undefined {
  return doneOn(stepById(stepId), record);
}

/** The earliest date a record states: it may not precede the steps required. */
function startedOn(s: Step, record: StepRecord | undefined): LocalDate | undefined {
  return dateValue(record, startKey(s));
}

// ---- due dates ----

export interface DueBasis {
  rule: RuleKey;
  source: RuleSource;
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

function recordedDay(record: StepRecord | undefined, key: string): number | undefined {
  const value = record?.values[key];
  return typeof value === "string" ? dayNumberOf(value) : undefined;
}

const STEP_INDEX = new Map<StepId, number>(STEPS.map((s, i) => [s.id, i]));
const FINISH_KEYS = STEPS.map(finishKey);
const START_KEYS = STEPS.map(startKey);

/** The days a span rule gives (the plan's own value, else the recommended default's), without building its basis. */
function spanDays(plan: TownshipPlan, key: SpanRule): number | undefined {
  const own = rulesOf(plan)[key]?.value ?? PROFILES[RECOMMENDED_PROFILE_ID].rules[key]?.value;
  return (own as { days?: number } | undefined)?.days;
}

/**
 * Every step's due day (a day number, time.ts), in STEPS order; with `basis`, the rules each date was
 * planned with. Plain arrays and numbers, no dates: a reminder sweep plans every township at once.
 */
function planDays(
  plan: TownshipPlan,
  latest: Partial<Record<StepId, StepRecord>>,
  withBasis: boolean,
): { days: (number | undefined)[]; fromRecord: boolean[]; basis: DueBasis[][] | undefined } {
  const deadline = completionDeadline(plan);
  const deadlineDay = deadline && dayNumber(deadline.date);
  const days: (number | undefined)[] = [];
  const fromRecord: boolean[] = [];
  const basis: DueBasis[][] | undefined = withBasis ? [] : undefined;
  for (let i = 0; i < STEPS.length; i++) {
    const s = STEPS[i]!;
    let rule: DueRule | undefined = s.due;
    let day: number | undefined;
    let recorded = false;
    let because: DueBasis[] = [];
    while (rule) {
      if ("deadline" in rule) {
        day = deadlineDay;
        if (basis) because = basisOf(deadline?.basis);
        break;
      }
      if ("from" in rule) {
        const key = dayNumberOf(plan[rule.from] ?? "");
        if (key !== undefined) {
          day = key + rule.offsetDays;
          break;
        }
        rule = rule.otherwise;
        continue;
      }
      const dep = STEP_INDEX.get(rule.after)!;
      const depDone = recordedDay(latest[rule.after], FINISH_KEYS[dep]!);
      const anchor = depDone ?? days[dep];
      recorded = depDone !== undefined || fromRecord[dep]!;
      if (!rule.lasting) {
        day = anchor === undefined ? undefined : anchor + rule.days;
        break;
      }
      const ownStart = recordedDay(latest[s.id], START_KEYS[i]!);
      const start = ownStart ?? (anchor === undefined ? undefined : anchor + rule.days);
      day = start === undefined ? undefined : start + (spanDays(plan, rule.lasting) ?? 1) - 1;
      recorded = ownStart !== undefined || recorded;
      if (basis) because = basisOf(ruleInForce(plan, rule.lasting));
      break;
    }
    if (day !== undefined && deadlineDay !== undefined && !recorded && day > deadlineDay) {
      day = deadlineDay;
      if (basis) because = [...because, ...basisOf(deadline!.basis)];
    }
    // Due dates never run backwards: a step is not due before the steps it follows.
    for (const dep of s.requires) {
      const before = days[STEP_INDEX.get(dep)!];
      if (day !== undefined && before !== undefined && before > day) day = before;
    }
    days.push(day);
    fromRecord.push(recorded);
    basis?.push(because);
  }
  return { days, fromRecord, basis };
}

function planAll(plan: TownshipPlan, latest: Partial<Record<StepId, StepRecord>>): Map<StepId, Planned> {
  const { days, fromRecord, basis } = planDays(plan, latest, true);
  return new Map(
    STEPS.map((s, i) => {
      const day = days[i];
      return [
        s.id,
        {
          date: day === undefined ? undefined : dateOfDay(day),
          fromRecord: fromRecord[i]!,
          basis: basis![i]!,
        },
      ];
    }),
  );
}

/** Each step's due date; recomputed from the plan's key dates and the recorded dates it depends on. */
export function dueDates(
  plan: TownshipPlan,
  records: readonly StepRecord[],
): Record<StepId, LocalDate | undefined> {
  const { days } = planDays(plan, latestRecords(records), false);
  const out = {} as Record<StepId, LocalDate | undefined>;
  STEPS.forEach((s, i) => {
    const day = days[i];
    out[s.id] = day === undefined ? undefined : dateOfDay(day);
  });
  return out;
}

/** Each step's due day as a day number (time.ts dayNumber), in STEPS order, over the latest records. */
export function dueDays(
  plan: TownshipPlan,
  latest: Partial<Record<StepId, StepRecord>>,
): readonly (number | undefined)[] {
  return planDays(plan, latest, false).days;
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
  return firstOpen(latestRecords(records));
}

function firstOpen(latest: Partial<Record<StepId, StepRecord>>): StepId | undefined {
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
  const planned = planAll(plan, latest);
  const first = firstOpen(latest);
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
  source?: RuleSource;
}

export interface ValidationContext {
  /** The candidate slate check (computed elsewhere), for the formal candidate list. */
  slateOk: boolean;
  slateReasons: string[];
  /** The township's candidates as they are now, for the steps that tick some of them. */
  candidates?: readonly Candidate[];
  /** Saving a draft (e.g. a notice's start before it ends): missing required fields are not refused. */
  partial?: boolean;
  /** Today in Asia/Shanghai: a date after it is refused (a period's end excepted: it is the plan). */
  today?: LocalDate;
}

const CHANNEL_FIELDS: Record<NominationChannel, string> = {
  organisation: "organisation",
  "joint-signature": "jointSignature",
  self: "self",
  democratic: "democratic",
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
function fieldViolations(s: Step, values: StepRecord["values"], partial: boolean, today?: LocalDate): Violation[] {
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
        today !== undefined &&
        (f.kind === "date" || (f.kind === "date-range" && key.endsWith("Start"))) &&
        compareDates(String(value), today) > 0
      ) {
        // What happened is recorded when it has happened; a period's end may still be to come (its plan).
        out.push(violation("date-in-future", { field: f.name, date: String(value), today }));
      } else if (
        f.kind === "count" &&
        !(typeof value === "number" && Number.isInteger(value) && value >= 0)
      ) {
        out.push(violation("count-invalid", { field: f.name, value: String(value) }));
      } else if (f.kind === "choice" && f.options && !f.options.includes(String(value))) {
        out.push(violation("choice-invalid", { field: f.name, value: String(value) }));
      } else if (f.kind === "age" && !isAverageAge(value)) {
        out.push(violation("age-invalid", { field: f.name, value: String(value), ...AVERAGE_AGE_RANGE }));
      } else if (
        f.kind === "candidates" &&
        !(Array.isArray(value) && value.every((id) => typeof id === "string"))
      ) {
        out.push(violation("choice-invalid", { field: f.name, value: String(value) }));
      }
    }
    if (f.kind === "date-range") {
      const start = dateValue({ values }, `${f.name}Start`);
      const end = dateValue({ values }, `${f.name}End`);
      if (start && end && compareDates(end, start) < 0)
        out.push(violation("range-end-before-start", { start, end }));
    }
  }
  return out;
}

export function isAverageAge(value: StepValue | undefined): boolean {
  return (
    typeof value === "number" &&
    value >= AVERAGE_AGE_RANGE.min &&
    value <= AVERAGE_AGE_RANGE.max &&
    Math.abs(value * 10 - Math.round(value * 10)) < 1e-9
  );
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
  if (s.id === "work-plan") out.push(...beforeViolations(v));
  for (const f of s.fields) {
    const chosen = v[f.name];
    // While a form is being filled, the choice is checked once it is made; on saving, always.
    if (!f.marks || (context.partial && chosen === undefined)) continue;
    const ids = Array.isArray(chosen) ? chosen : [];
    out.push(...markViolations(f.name, f.marks, ids, context.candidates ?? [], plan));
  }
  if (s.id === "publicity" || s.id === "pre-appointment-notice") {
    // The length the step's card shows: the profile's own, or where a profile names none (四川; 新港's
    // notice) the recommended rule's — enforced as shown.
    const inForce = ruleInForce(plan, s.id === "publicity" ? "publicityDaysMin" : "preAppointmentNoticeDays");
    const rule = inForce && { key: inForce.rule, value: inForce.value, source: inForce.source };
    const days = periodDays(record);
    if (rule && days !== undefined && days < rule.value.days) {
      const code = s.id === "publicity" ? "publicity-too-short" : "notice-too-short";
      out.push(violation(code, { days, min: rule.value.days }, rule));
    }
  }
  if (s.id === "nominations") {
    const rule = withKey(rules, "nominationChannels");
    // A channel-bound count (民主推荐) is required where the rule names the channel.
    for (const f of s.fields)
      if (f.channel && rule?.value.channels.includes(f.channel) && !present(v[f.name]) && !context.partial)
        out.push(violation("field-required", { field: f.name }, rule));
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
      // While the form is being filled, the question may not have been asked yet.
      if (!present(fewest)) {
        if (!context.partial) out.push(violation("field-required", { field: "fewestSignatures" }, rule));
      }
      else if (typeof fewest === "number" && fewest < min) {
        out.push(violation("joint-signatures-below-min", { signatures: fewest, min }, rule));
      }
    }
  }
  if (s.id === "formal-candidates" && !context.slateOk) {
    const params = { reasons: context.slateReasons.join("\n"), count: context.slateReasons.length };
    out.push(violation("slate-not-ok", params, withKey(rules, "candidateSurplusMin")));
  }
  if (s.id === "appointment") {
    // Appointment only once the notice is over ("公示期满"): strictly after its last day.
    const noticeEnd = dateValue(latest["pre-appointment-notice"], "periodEnd");
    const date = dateValue(record, "appointedOn");
    if (noticeEnd && date && compareDates(date, noticeEnd) <= 0) {
      const rule = ruleInForce(plan, "preAppointmentNoticeDays");
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
    ...fieldViolations(s, record.values, context.partial ?? false, context.today),
    ...ruleViolations(s, record, plan, latest, context),
    ...orderViolations(s, record, latest),
  ];
}

// ---- messages ----

/** Placeables for a step's title/what/why: numbers from the plan's rules (recommended where silent). */
export function stepMessageArgs(stepId: StepId, plan: TownshipPlan): Record<string, string | number> {
  const doc = (rule: { source: RuleSource } | undefined): DocId | "other" =>
    rule && !isCustomSource(rule.source) ? rule.source.doc : "other";
  switch (stepId) {
    case "work-plan":
    case "summary-report": {
      const rule = ruleInForce(plan, "completionDeadline");
      return { months: rule?.value.monthsAfterPartyElection ?? 1, doc: doc(rule) };
    }
    case "publicity":
    case "pre-appointment-notice": {
      const rule = ruleInForce(
        plan,
        stepId === "publicity" ? "publicityDaysMin" : "preAppointmentNoticeDays",
      );
      return { days: rule?.value.days ?? 0, doc: doc(rule) };
    }
    case "nominations": {
      // The channels the validator allows are the ones the card names.
      const rule = rulesOf(plan).nominationChannels;
      const joint = !rule || rule.value.channels.includes("joint-signature");
      const democratic = rule?.value.channels.includes("democratic") ?? false;
      const channels = democratic && !joint ? "democratic" : joint ? "all" : "no-joint";
      return { signatures: rule?.value.jointSignaturesMin ?? 0, channels, doc: doc(rule) };
    }
    case "formal-candidates": {
      const rule = rulesOf(plan).candidateSurplusMin;
      return { percent: Math.round((rule?.value.minRatio ?? 0) * 100), doc: doc(rule) };
    }
    case "election": {
      const speech = ruleInForce(plan, "speechMinutesMax");
      const scoring = ruleInForce(plan, "scoring");
      return { minutes: speech?.value.minutes ?? 5, scale: scoring?.value.scale ?? 100, doc: doc(speech) };
    }
    case "running-mechanisms": {
      const rule = ruleInForce(plan, "committeeMeetingEvery");
      return { months: rule?.value.months ?? 3, doc: doc(rule) };
    }
    default:
      return {};
  }
}

// ---- re-checking what is recorded ----

/**
 * Refusals that concern the timeline and the rules' numbers, not the candidates as they are now (a
 * candidate ticked long ago may have withdrawn since: that does not make the record wrong).
 */
const RECHECKED = new Set([
  "date-before-previous-step",
  "appointment-before-notice-end",
  "step-order",
  "range-end-before-start",
  "publicity-too-short",
  "notice-too-short",
  "channel-not-allowed",
  "joint-signatures-below-min",
]);

export interface RecordConflict {
  stepId: StepId;
  violation: Violation;
}

/**
 * What the records, as they stand, now conflict with: the order of the steps and their dates, and the
 * rules in force (after a correction, or a change of profile or of the township's own values).
 */
export function recordConflicts(plan: TownshipPlan, records: readonly StepRecord[]): RecordConflict[] {
  const latest = latestRecords(records);
  return STEPS.flatMap((s) => {
    const record = latest[s.id];
    if (!record || !isStepDone(s.id, record)) return [];
    return validateStepRecord(s.id, record, plan, records, { slateOk: true, slateReasons: [] })
      .filter((v) => RECHECKED.has(v.code))
      .map((violation) => ({ stepId: s.id, violation }));
  });
}

/** The fields whose values differ between two records of a step, old and new (for the audit). */
export function recordChanges(
  before: StepRecord["values"],
  after: StepRecord["values"],
): Record<string, { from: StepValue | null; to: StepValue | null }> {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const out: Record<string, { from: StepValue | null; to: StepValue | null }> = {};
  for (const key of keys) {
    const [from, to] = [before[key] ?? null, after[key] ?? null];
    if (JSON.stringify(from) !== JSON.stringify(to)) out[key] = { from, to };
  }
  return out;
}

/** The dates a step happened on, as recorded: a period's two ends, or its one date. */
export function happenedOn(stepId: StepId, record: StepRecord | undefined): { start?: LocalDate; end?: LocalDate } {
  const s = stepById(stepId);
  const start = startedOn(s, record);
  const end = doneOn(s, record);
  return { ...(start ? { start } : {}), ...(end ? { end } : {}) };
}

/** The phases in the documents' order (jiyang-plan 六), each with its steps in the checklist's order. */
export const PHASES: readonly Phase[] = ["prepare", "implement", "train", "summarise"];
