/**
 * The figures of the summary report (总结阶段的工作报告), computed from what the township recorded:
 * the committee after the restructuring (its members, 编制内/外, Party and League members, average
 * age, the units and fields they come from), the committee before it as the secretary gave it with
 * the work plan, the change between the two, and whether each checklist step was done by its due
 * date. Nothing is estimated: a figure the data cannot give is `undefined`, and the document shows a
 * blank there. Pure: no I/O.
 */
import type { Candidate, Sector } from "../domain/candidate.js";
import {
  completionDeadline,
  dateValue,
  dueDates,
  isStepDone,
  latestRecords,
  STEPS,
  type StepId,
  type StepRecord,
  stepDoneOn,
} from "../domain/checklist/index.js";
import { type CommitteeBefore, committeeBefore } from "../domain/committee-before.js";
import { ageOn } from "../domain/eligibility.js";
import { compareDates, daysBetween, isValidDate } from "../domain/time.js";
import type { LocalDate, TownshipPlan } from "../domain/township.js";

export interface CommitteeFigures {
  members: number;
  secretaries: number;
  fulltimeDeputies: number;
  parttimeDeputies: number;
  /** 委员 other than the secretary and deputies. */
  ordinaryMembers: number;
  inside: number;
  outside: number;
  /** 编制外 share, in percent with one decimal; undefined for an empty committee. */
  outsidePercent: number | undefined;
  /** 中共党员 including probationary members. */
  partyMembers: number;
  leagueMembers: number;
  female: number;
  fulltime: number;
  parttime: number;
  /** Mean age in 周岁 on `ageDate`, one decimal; undefined without members or a date. */
  averageAge: number | undefined;
  /** Distinct workplaces named (members without one are `unitsUnknown`). */
  units: number;
  unitsUnknown: number;
  /** Distinct fields (机关事业单位, 非公企业, 农村 …) the members come from. */
  sectors: number;
  bySector: Partial<Record<Sector, number>>;
}

export interface StepTiming {
  stepId: StepId;
  due: LocalDate | undefined;
  doneOn: LocalDate | undefined;
  /** done: recorded and on or before its due date; late: after it; open: not done; undated: no due date to judge by. */
  timing: "on-time" | "late" | "open" | "undated";
  /** Days after the due date, for a late step. */
  daysLate?: number;
}

/** The committee before, with the shares derived from what was given. */
export interface BeforeFigures extends CommitteeBefore {
  /** 编制外 share in percent, one decimal; undefined without the outside figure or without members. */
  outsidePercent?: number;
}

/** After minus before, per figure both sides have (`outsidePercent`: in percentage points). */
export type CommitteeChange = { [K in keyof BeforeFigures]?: number };

export interface SummaryFigures {
  /** Whose figures "after" are: the appointed, else the elected; empty when neither is recorded. */
  committeeBasis: "appointed" | "elected" | "none";
  committee: Candidate[];
  after: CommitteeFigures | undefined;
  /** As recorded with the work plan; undefined when its size was not given. */
  before: BeforeFigures | undefined;
  change: CommitteeChange;
  /** The date the ages are counted on: the election held (recorded), else the planned election, else `today`. */
  ageDate: LocalDate;
  steps: StepTiming[];
  stepsTotal: number;
  stepsDone: number;
  stepsOnTime: number;
  stepsLate: number;
  /** Nominations by channel as the nominations step recorded them. */
  nominations: { organisation?: number; jointSignature?: number; self?: number; democratic?: number; total?: number };
  /** Candidates entered and not withdrawn. */
  candidatesEntered: number;
}

const PARTY: Candidate["politicalStatus"][] = ["party-member", "probationary-party-member"];

/** The committee a township ended with: the appointed, or if none is marked appointed yet, the elected. */
export function committeeOf(candidates: readonly Candidate[]): { basis: SummaryFigures["committeeBasis"]; members: Candidate[] } {
  const appointed = candidates.filter((c) => c.status === "appointed");
  if (appointed.length > 0) return { basis: "appointed", members: appointed };
  const elected = candidates.filter((c) => c.status === "elected");
  return elected.length > 0 ? { basis: "elected", members: elected } : { basis: "none", members: [] };
}

export function committeeFigures(members: readonly Candidate[], ageDate: LocalDate): CommitteeFigures {
  const count = (test: (c: Candidate) => boolean) => members.filter(test).length;
  const outside = count((c) => c.establishment === "outside");
  const ages = members.filter((c) => isValidDate(c.birthDate)).map((c) => ageOn(c.birthDate, ageDate));
  const workplaces = new Set(members.map((c) => c.workplace?.trim()).filter((w): w is string => !!w));
  const bySector: Partial<Record<Sector, number>> = {};
  for (const c of members) bySector[c.sector] = (bySector[c.sector] ?? 0) + 1;
  return {
    members: members.length,
    secretaries: count((c) => c.post === "secretary"),
    fulltimeDeputies: count((c) => c.post === "fulltime-deputy"),
    parttimeDeputies: count((c) => c.post === "parttime-deputy"),
    ordinaryMembers: count((c) => c.post === "member"),
    inside: members.length - outside,
    outside,
    outsidePercent: members.length > 0 ? Math.round((outside / members.length) * 1000) / 10 : undefined,
    partyMembers: count((c) => PARTY.includes(c.politicalStatus)),
    leagueMembers: count((c) => c.politicalStatus === "league-member"),
    female: count((c) => c.gender === "female"),
    fulltime: count((c) => c.commitment === "fulltime"),
    parttime: count((c) => c.commitment === "parttime"),
    averageAge: ages.length > 0 ? Math.round((ages.reduce((a, b) => a + b, 0) / ages.length) * 10) / 10 : undefined,
    units: workplaces.size,
    unitsUnknown: count((c) => !c.workplace?.trim()),
    sectors: Object.keys(bySector).length,
    bySector,
  };
}

const oneDecimal = (n: number) => Math.round(n * 10) / 10;

export function beforeFigures(before: CommitteeBefore): BeforeFigures {
  const share = before.outside !== undefined && before.members > 0 ? oneDecimal((before.outside / before.members) * 100) : undefined;
  return share === undefined ? { ...before } : { ...before, outsidePercent: share };
}

/** The change per figure; a figure missing on either side has none (a blank, not a guess). */
export function committeeChange(before: BeforeFigures | undefined, after: CommitteeFigures | undefined): CommitteeChange {
  if (!before || !after) return {};
  const afterSide: Record<keyof CommitteeChange, number | undefined> = {
    members: after.members,
    leaders: after.secretaries + after.fulltimeDeputies + after.parttimeDeputies,
    parttime: after.parttime,
    inside: after.inside,
    outside: after.outside,
    outsidePercent: after.outsidePercent,
    partyMembers: after.partyMembers,
    leagueMembers: after.leagueMembers,
    female: after.female,
    averageAge: after.averageAge,
    units: after.units,
    sectors: after.sectors,
  };
  const change: CommitteeChange = {};
  for (const key of Object.keys(afterSide) as (keyof CommitteeChange)[]) {
    const a = afterSide[key];
    const b = before[key];
    if (a !== undefined && b !== undefined) change[key] = oneDecimal(a - b);
  }
  return change;
}

/** "2:11" and, with members inside, the same normalised to one inside ("1:5.5"), as the documents compare it. */
export function establishmentRatio(inside: number, outside: number): { raw: string; perInside: string | undefined } {
  const perInside = inside > 0 ? `1:${Math.round((outside / inside) * 10) / 10}` : undefined;
  return { raw: `${inside}:${outside}`, perInside };
}

/**
 * Each step's recorded date against the date it was due, as a report to the county states it: the
 * checklist's due date, never later than the completion deadline (the whole restructuring is due by
 * then, so a step done after it is late however its own due date moved with the steps before it), and
 * never earlier than the due dates of the steps it requires (a report cannot have the summary due
 * before the training it summarises).
 */
export function stepTimings(plan: TownshipPlan, records: readonly StepRecord[]): StepTiming[] {
  const planned = dueDates(plan, records);
  const deadline = completionDeadline(plan)?.date;
  const latest = latestRecords(records);
  const due = new Map<StepId, LocalDate | undefined>();
  const later = (a: LocalDate | undefined, b: LocalDate | undefined) => (!a ? b : !b ? a : compareDates(a, b) >= 0 ? a : b);
  const earlier = (a: LocalDate | undefined, b: LocalDate | undefined) => (!a ? b : !b ? a : compareDates(a, b) <= 0 ? a : b);
  for (const s of STEPS) {
    const after = s.requires.reduce<LocalDate | undefined>((d, r) => later(d, due.get(r)), planned[s.id]);
    due.set(s.id, earlier(after, deadline));
  }
  return STEPS.map((s) => {
    const record = latest[s.id];
    const doneOn = isStepDone(s.id, record) ? stepDoneOn(s.id, record) : undefined;
    const dueOn = due.get(s.id);
    if (!doneOn) return { stepId: s.id, due: dueOn, doneOn, timing: "open" };
    if (!dueOn) return { stepId: s.id, due: dueOn, doneOn, timing: "undated" };
    return compareDates(doneOn, dueOn) <= 0
      ? { stepId: s.id, due: dueOn, doneOn, timing: "on-time" }
      : { stepId: s.id, due: dueOn, doneOn, timing: "late", daysLate: daysBetween(dueOn, doneOn) };
  });
}

const count = (record: StepRecord | undefined, key: string): number | undefined => {
  const value = record?.values[key];
  return typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : undefined;
};

export function summaryFigures(
  plan: TownshipPlan,
  records: readonly StepRecord[],
  candidates: readonly Candidate[],
  today: LocalDate,
): SummaryFigures {
  const latest = latestRecords(records);
  const held = dateValue(latest.election, "heldOn");
  const ageDate = held ?? (plan.plannedElectionDate && isValidDate(plan.plannedElectionDate) ? plan.plannedElectionDate : today);
  const { basis, members } = committeeOf(candidates);
  const after = members.length > 0 ? committeeFigures(members, ageDate) : undefined;
  const given = committeeBefore(latest["work-plan"]?.values);
  const before = given && beforeFigures(given);
  const steps = stepTimings(plan, records);
  const nominations = latest.nominations;
  const organisation = count(nominations, "organisation");
  const jointSignature = count(nominations, "jointSignature");
  const self = count(nominations, "self");
  // 民主推荐 is recorded only where the township's rule names it (南山).
  const democratic = count(nominations, "democratic");
  const total =
    organisation !== undefined && jointSignature !== undefined && self !== undefined
      ? organisation + jointSignature + self + (democratic ?? 0)
      : undefined;
  return {
    committeeBasis: basis,
    committee: members,
    after,
    before,
    change: committeeChange(before, after),
    ageDate,
    steps,
    stepsTotal: steps.length,
    stepsDone: steps.filter((s) => s.timing !== "open").length,
    stepsOnTime: steps.filter((s) => s.timing === "on-time").length,
    stepsLate: steps.filter((s) => s.timing === "late").length,
    nominations: { organisation, jointSignature, self, democratic, total },
    candidatesEntered: candidates.filter((c) => c.status !== "withdrawn").length,
  };
}
