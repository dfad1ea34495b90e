/** Due dates and statuses: recomputed from the plan's key dates and the recorded dates each step depends on. */
import type { RuleSource } from "../rules/effective.js";
import { PROFILES, RECOMMENDED_PROFILE_ID } from "../rules/profiles.js";
import type { RuleKey } from "../rules/types.js";
import { compareDates, dateOfDay, dayNumber, dayNumberOf } from "../time.js";
import type { LocalDate, TownshipPlan } from "../township.js";
import { finishKey, isStepDone, latestRecords, startKey } from "./records.js";
import { type PlanningRule, completionDeadline, ruleInForce, rulesOf } from "./rules.js";
import { type DueRule, STEPS, type SpanRule, type StepId, type StepRecord } from "./steps.js";

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
