/** Reading step records: the latest per step, whether a step is done, and the dates it states. */
import { isValidDate } from "../time.js";
import type { LocalDate } from "../township.js";
import { type FieldDescriptor, STEPS, type Step, type StepId, type StepRecord, type StepValue, stepById } from "./steps.js";

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

export function present(value: StepValue | undefined): boolean {
  return value !== undefined && value !== "" && !(Array.isArray(value) && value.length === 0);
}

export function valueKeys(f: FieldDescriptor): string[] {
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
export function finishKey(s: Step): string {
  const first = s.fields[0]!;
  return first.kind === "date-range" ? `${first.name}End` : first.name;
}

/** The value key of the earliest date a record states (for a range, its start). */
export function startKey(s: Step): string {
  const first = s.fields[0]!;
  return first.kind === "date-range" ? `${first.name}Start` : first.name;
}

/** The recorded date a step was done. */
export function doneOn(s: Step, record: StepRecord | undefined): LocalDate | undefined {
  return dateValue(record, finishKey(s));
}

/** The date a step was recorded as done (its first field; for a range, the range's end), if any. */
export function stepDoneOn(stepId: StepId, record: StepRecord | undefined): LocalDate | undefined {
  return doneOn(stepById(stepId), record);
}

/** The earliest date a record states: it may not precede the steps required. */
export function startedOn(s: Step, record: StepRecord | undefined): LocalDate | undefined {
  return dateValue(record, startKey(s));
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
