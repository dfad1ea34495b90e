/**
 * Due dates against a straightforward reference: each step's date computed recursively on dates (no
 * day numbers, no arrays), from the same rules: a key date with its `otherwise` chain, the step it
 * follows (its recorded date overriding the planned one), a span rule's days with the step's own
 * recorded start, and the completion deadline capping every date not derived from a record; and never
 * before the due dates of the steps a step follows.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checklistStatus,
  completionDeadline,
  type DueRule,
  dueDates,
  STEPS,
  type Step,
  type StepId,
  type StepRecord,
  latestRecords,
  type SpanRule,
} from "../../src/domain/checklist/index.js";
import { dueItems } from "../../src/domain/reminders.js";
import { effectiveRules } from "../../src/domain/rules/effective.js";
import { PROFILES, RECOMMENDED_PROFILE_ID } from "../../src/domain/rules/profiles.js";
import type { ProfileId } from "../../src/domain/rules/types.js";
import { addDays, compareDates, isValidDate } from "../../src/domain/time.js";
import type { LocalDate, TownshipPlan } from "../../src/domain/township.js";

type Expected = { date: LocalDate | undefined; fromRecord: boolean };

function reference(plan: TownshipPlan, records: readonly StepRecord[]): Record<StepId, Expected> {
  const latest = latestRecords(records);
  const deadline = completionDeadline(plan)?.date;
  const recorded = (id: StepId, key: string) => {
    const value = latest[id]?.values[key];
    return typeof value === "string" && isValidDate(value) ? value : undefined;
  };
  const ends = (s: Step) => {
    const first = s.fields[0]!;
    return first.kind === "date-range" ? { finish: `${first.name}End`, start: `${first.name}Start` } : { finish: first.name, start: first.name };
  };
  const span = (key: SpanRule) => {
    const own = effectiveRules(plan)[key];
    return (own ? own.value : PROFILES[RECOMMENDED_PROFILE_ID].rules[key]!.value).days;
  };
  const memo = new Map<StepId, Expected>();
  const resolve = (s: Step, rule: DueRule): Expected => {
    if ("deadline" in rule) return { date: deadline, fromRecord: false };
    if ("from" in rule) {
      const key = plan[rule.from];
      if (key !== undefined && isValidDate(key)) return { date: addDays(key, rule.offsetDays), fromRecord: false };
      return rule.otherwise ? resolve(s, rule.otherwise) : { date: undefined, fromRecord: false };
    }
    const before = STEPS.find((t) => t.id === rule.after)!;
    const done = recorded(before.id, ends(before).finish);
    const anchor = done ?? due(before).date;
    const fromRecord = done !== undefined || due(before).fromRecord;
    if (!rule.lasting) return { date: anchor && addDays(anchor, rule.days), fromRecord };
    const ownStart = recorded(s.id, ends(s).start);
    const start = ownStart ?? (anchor && addDays(anchor, rule.days));
    return { date: start && addDays(start, span(rule.lasting) - 1), fromRecord: fromRecord || ownStart !== undefined };
  };
  const due = (s: Step): Expected => {
    let result = memo.get(s.id);
    if (!result) {
      result = resolve(s, s.due);
      if (result.date && deadline && !result.fromRecord && compareDates(result.date, deadline) > 0)
        result = { date: deadline, fromRecord: false };
      // Never before the steps it follows.
      for (const dep of s.requires) {
        const before = due(STEPS.find((t) => t.id === dep)!).date;
        if (before && result.date && compareDates(before, result.date) > 0) result = { ...result, date: before };
      }
      memo.set(s.id, result);
    }
    return result;
  };
  return Object.fromEntries(STEPS.map((s) => [s.id, due(s)])) as Record<StepId, Expected>;
}

const day = fc.integer({ min: 0, max: 5 * 366 }).map((n) => addDays("2022-01-01", n));
/** Mostly valid dates; sometimes none, or one no calendar has. */
const keyDate = fc.oneof(day, fc.constant(undefined), fc.constant("2024-02-30"));
const profileIds = Object.keys(PROFILES) as ProfileId[];

const planArb = fc.record({
  profileId: fc.constantFrom(...profileIds),
  partyElectionDate: keyDate,
  plannedElectionDate: keyDate,
  publicity: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
  notice: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
});

const recordsArb = fc.array(
  fc.record({
    step: fc.constantFrom(...STEPS),
    finish: fc.oneof(day, fc.constant("2023-13-01")),
    length: fc.integer({ min: 0, max: 20 }),
    at: fc.integer({ min: 0, max: 1000 }),
  }),
  { maxLength: 12 },
);

function toPlan(p: typeof planArb extends fc.Arbitrary<infer T> ? T : never): TownshipPlan {
  const customRules = {
    ...(p.publicity ? { publicityDaysMin: { days: p.publicity } } : {}),
    ...(p.notice ? { preAppointmentNoticeDays: { days: p.notice } } : {}),
  };
  return {
    id: "t1",
    province: "海南省",
    city: "三亚市",
    county: "吉阳区",
    name: "吉阳镇",
    kind: "township",
    profileId: p.profileId,
    ...(p.partyElectionDate ? { partyElectionDate: p.partyElectionDate } : {}),
    ...(p.plannedElectionDate ? { plannedElectionDate: p.plannedElectionDate } : {}),
    ...(Object.keys(customRules).length ? { customRules } : {}),
    seats: { secretary: 1, fulltimeDeputies: 1, parttimeDeputies: 1, members: 10 },
  };
}

function toRecords(list: { step: Step; finish: string; length: number; at: number }[]): StepRecord[] {
  return list.map(({ step, finish, length, at }) => {
    const first = step.fields[0]!;
    const start = isValidDate(finish) ? addDays(finish, -length) : finish;
    const values = first.kind === "date-range" ? { [`${first.name}Start`]: start, [`${first.name}End`]: finish } : { [first.name]: finish };
    return { stepId: step.id, values, recordedBy: 1, recordedAt: new Date(Date.UTC(2024, 0, 1) + at * 60_000).toISOString() };
  });
}

describe("due dates (planned as day numbers)", () => {
  it("equal a straightforward computation on dates, whatever the plan and the records", () => {
    fc.assert(
      fc.property(planArb, recordsArb, (p, list) => {
        const plan = toPlan(p);
        const records = toRecords(list);
        const expected = reference(plan, records);
        const got = dueDates(plan, records);
        for (const s of STEPS) expect(got[s.id], s.id).toBe(expected[s.id].date);
        // The checklist's statuses show the same dates.
        for (const state of checklistStatus(plan, records, "2024-06-01")) expect(state.due).toBe(expected[state.stepId].date);
      }),
      { numRuns: 2000 },
    );
  });

  it("never run backwards: no step is due before a step it follows", () => {
    fc.assert(
      fc.property(planArb, recordsArb, (p, list) => {
        const got = dueDates(toPlan(p), toRecords(list));
        for (const s of STEPS)
          for (const dep of s.requires) {
            const [mine, before] = [got[s.id], got[dep]];
            if (mine && before) expect(compareDates(mine, before), `${s.id} after ${dep}`).toBeGreaterThanOrEqual(0);
          }
      }),
      { numRuns: 1000 },
    );
  });

  it("reminders name exactly those dates, for steps not done", () => {
    fc.assert(
      fc.property(planArb, recordsArb, day, (p, list, today) => {
        const plan = toPlan(p);
        const records = toRecords(list);
        const expected = reference(plan, records);
        for (const item of dueItems(plan, records, today)) {
          if (!STEPS.some((s) => s.id === item.subject)) continue;
          expect(item.due).toBe(expected[item.subject as StepId].date);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
