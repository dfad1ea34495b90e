/**
 * Whether a plan's dates can work at all: the minimum periods the rules set (publicity, the
 * pre-appointment notice) against the completion deadline, and the planned election against it.
 * Pure: the adapters (registration, /plan) say what it finds, naming the rules in conflict.
 */
import {
  completionDeadline,
  happenedOn,
  isStepDone,
  latestRecords,
  type PlanningRule,
  ruleInForce,
  STEPS,
  type StepId,
  type StepRecord,
} from "./checklist/index.js";
import { addDays, compareDates, isValidDate } from "./time.js";
import type { LocalDate, TownshipPlan } from "./township.js";

export interface EarliestPlan {
  publicity: { start: LocalDate; end: LocalDate };
  election: LocalDate;
  notice: { start: LocalDate; end: LocalDate };
  appointment: LocalDate;
}

export type TimelineWarning =
  | {
      kind: "deadline-too-short";
      deadline: LocalDate;
      /** The earliest plan the minimum periods allow, from today and what is recorded. */
      earliest: EarliestPlan;
      publicity: PlanningRule<"publicityDaysMin">;
      notice: PlanningRule<"preAppointmentNoticeDays">;
      completion: PlanningRule<"completionDeadline">;
    }
  | { kind: "election-after-deadline"; election: LocalDate; deadline: LocalDate; completion: PlanningRule<"completionDeadline"> }
  | {
      kind: "election-too-early";
      election: LocalDate;
      /** The earliest day the election can be held, the publicity over and the steps before it done. */
      earliest: LocalDate;
      publicity: PlanningRule<"publicityDaysMin">;
    };

/**
 * The earliest date each step can be done, from today: a step done is where it is recorded; the others
 * follow the steps they need, on the same day at the earliest, publicity and notice lasting the days
 * the rules in force set (both ends counted), the appointment the day after the notice's last day.
 */
export function earliestPlan(plan: TownshipPlan, records: readonly StepRecord[], today: LocalDate): EarliestPlan {
  const latest = latestRecords(records);
  const publicityDays = ruleInForce(plan, "publicityDaysMin")?.value.days ?? 1;
  const noticeDays = ruleInForce(plan, "preAppointmentNoticeDays")?.value.days ?? 1;
  const start = new Map<StepId, LocalDate>();
  const end = new Map<StepId, LocalDate>();
  for (const s of STEPS) {
    const record = latest[s.id];
    const recorded = happenedOn(s.id, record);
    if (isStepDone(s.id, record) && recorded.end) {
      start.set(s.id, recorded.start ?? recorded.end);
      end.set(s.id, recorded.end);
      continue;
    }
    let from = today;
    for (const dep of s.requires) {
      const before = end.get(dep)!;
      const after = s.id === "appointment" ? addDays(before, 1) : before;
      if (compareDates(after, from) > 0) from = after;
    }
    // A period begun (its start recorded) runs from its recorded start.
    const begun = recorded.start && compareDates(recorded.start, from) >= 0 ? recorded.start : from;
    const days = s.id === "publicity" ? publicityDays : s.id === "pre-appointment-notice" ? noticeDays : 1;
    start.set(s.id, begun);
    end.set(s.id, addDays(begun, days - 1));
  }
  return {
    publicity: { start: start.get("publicity")!, end: end.get("publicity")! },
    election: end.get("election")!,
    notice: { start: start.get("pre-appointment-notice")!, end: end.get("pre-appointment-notice")! },
    appointment: end.get("appointment")!,
  };
}

/** What in the plan's dates cannot work: the deadline too close for the minimum periods, an election after it. */
export function timelineWarnings(plan: TownshipPlan, records: readonly StepRecord[], today: LocalDate): TimelineWarning[] {
  const deadline = completionDeadline(plan);
  if (!deadline) return [];
  const out: TimelineWarning[] = [];
  const earliest = earliestPlan(plan, records, today);
  const publicity = ruleInForce(plan, "publicityDaysMin");
  const notice = ruleInForce(plan, "preAppointmentNoticeDays");
  if (publicity && notice && compareDates(earliest.appointment, deadline.date) > 0)
    out.push({ kind: "deadline-too-short", deadline: deadline.date, earliest, publicity, notice, completion: deadline.basis });
  const election = plan.plannedElectionDate;
  if (election && isValidDate(election) && compareDates(election, deadline.date) > 0)
    out.push({ kind: "election-after-deadline", election, deadline: deadline.date, completion: deadline.basis });
  const held = isStepDone("election", latestRecords(records).election);
  if (!held && publicity && election && isValidDate(election) && compareDates(election, earliest.election) < 0)
    out.push({ kind: "election-too-early", election, earliest: earliest.election, publicity });
  return out;
}
