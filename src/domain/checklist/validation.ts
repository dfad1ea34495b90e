/** The refusals a step record meets (shape, the documents' rules, the order of steps), and re-checking what is recorded. */
import type { Candidate } from "../candidate.js";
import { markViolations } from "../candidate-marks.js";
import { AVERAGE_AGE_RANGE, beforeViolations } from "../committee-before.js";
import type { RuleSource } from "../rules/effective.js";
import type { NominationChannel, RuleKey } from "../rules/types.js";
import { compareDates, daysBetween, isValidDate } from "../time.js";
import type { LocalDate, TownshipPlan } from "../township.js";
import { dateValue, doneOn, isStepDone, latestRecords, present, startedOn, valueKeys } from "./records.js";
import { type ActiveRule, type ActiveRules, ruleInForce, rulesOf } from "./rules.js";
import { STEPS, type Step, type StepId, type StepRecord, type StepValue, stepById } from "./steps.js";

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
  // A count the new rules ask for (南山's 民主推荐) that the record, made under other rules, lacks.
  "field-required",
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
