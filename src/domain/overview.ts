/**
 * The supervisor's overview of a subtree, pure: per township its stage (not started, a checklist
 * phase, or done), overdue steps, the slate rules it fails and its score; per unit the same figures
 * summed over everything below it. Children are sorted so that whoever needs chasing comes first.
 * Plain data in (loaded in one query by src/db/supervision.ts), plain data out.
 */
import { checklistStatus, completionDeadline, type Phase, type StepId, type StepRecord, stepById } from "./checklist/index.js";
import type { UnitLevel } from "./org.js";
import { effectiveRules } from "./rules/effective.js";
import { scoreOf, type ScoreParts, scoreParts } from "./score.js";
import { checkSlate, type SlateCandidate, type SlateCheck } from "./slate.js";
import { compareDates, daysBetween } from "./time.js";
import type { LocalDate, TownshipPlan } from "./township.js";

export const STAGES = ["not-started", "prepare", "implement", "train", "summarise", "done"] as const;
export type Stage = "not-started" | Phase | "done";
export type SlateRule = SlateCheck["rule"];
export const SLATE_RULES: readonly SlateRule[] = [
  "committeeSize",
  "leaderShareMax",
  "nonEstablishmentShareMin",
  "partyMembersMin",
  "candidateSurplusMin",
  "postsFilled",
  "nominationChannels",
];

export interface OverviewUnitInput {
  id: string;
  level: UnitLevel;
  name: string;
  parentId: string | null;
}

export interface OverviewTownshipInput {
  plan: TownshipPlan;
  /** The county unit the township joined. */
  countyId: string;
  records: readonly StepRecord[];
  candidates: readonly SlateCandidate[];
}

/**
 * How a township stands at a glance, most severe first: the completion deadline passed with the work
 * not done; a step overdue; nothing recorded yet; on track; done.
 */
export const BADGES = ["missed-deadline", "overdue", "not-started", "on-track", "done"] as const;
export type Badge = (typeof BADGES)[number];

export interface TownshipProgress {
  kind: "township";
  id: string;
  name: string;
  countyId: string;
  stage: Stage;
  done: number;
  overdue: number;
  /** The first step not done. */
  next: StepId | undefined;
  badge: Badge;
  /** The completion deadline, where the plan gives one. */
  deadline: LocalDate | undefined;
  /** Days past the completion deadline with the work not done (0 when not missed). */
  daysPastDeadline: number;
  /** The first overdue step (in the checklist's order) and how many days late it is. */
  firstOverdue: { step: StepId; due: LocalDate; daysLate: number } | undefined;
  /** The most days any open step is late (0 without overdue steps). */
  daysLate: number;
  /** "none": no candidate entered yet. */
  slate: "none" | "ok" | "failing";
  /** The rules the slate fails, each once. */
  failing: SlateRule[];
  parts: ScoreParts;
  score: number;
}

export interface UnitProgress {
  kind: "unit";
  id: string;
  level: UnitLevel;
  name: string;
  parentId: string | null;
  /** Townships anywhere below. */
  townships: number;
  stages: Record<Stage, number>;
  overdueSteps: number;
  overdueTownships: number;
  /** Townships whose slate fails the rule, per rule. */
  slateFailing: Record<SlateRule, number>;
  slateFailingTownships: number;
  /** Counties below (or this county) that no township has joined yet. */
  emptyCounties: number;
  /** Mean of the townships' scores, 0 without townships. */
  score: number;
  scoreSum: number;
}

export type ProgressRow = UnitProgress | TownshipProgress;

export interface Overview {
  today: LocalDate;
  root: UnitProgress;
  units: ReadonlyMap<string, UnitProgress>;
  townships: ReadonlyMap<string, TownshipProgress>;
  /** A unit's units or townships one level below, who needs chasing first. */
  children(unitId: string): ProgressRow[];
  /** Townships below a unit that have recorded nothing, who needs chasing first. */
  notStarted(unitId: string): TownshipProgress[];
  /** Townships below a unit, by county, in chasing order within each county (for the CSV). */
  townshipsBelow(unitId: string): TownshipProgress[];
}

/** One township's figures on `today`. */
export function townshipProgress(input: OverviewTownshipInput, today: LocalDate): TownshipProgress {
  const { plan, records, candidates } = input;
  const states = checklistStatus(plan, records, today);
  let done = 0;
  let overdue = 0;
  let next: StepId | undefined;
  let firstOverdue: TownshipProgress["firstOverdue"];
  let daysLate = 0;
  for (const state of states) {
    if (state.status === "done") done++;
    else {
      if (state.status === "overdue" && state.due) {
        overdue++;
        const late = daysBetween(state.due, today);
        firstOverdue ??= { step: state.stepId, due: state.due, daysLate: late };
        daysLate = Math.max(daysLate, late);
      }
      next ??= state.stepId;
    }
  }
  const running = candidates.some((c) => c.status !== "withdrawn" && c.status !== "ineligible");
  const slate = running ? checkSlate(candidates, plan, effectiveRules(plan)) : undefined;
  const failing = slate ? [...new Set(slate.checks.filter((c) => !c.ok).map((c) => c.rule))] : [];
  const parts = scoreParts(states, slate);
  const stage: Stage =
    records.length === 0 ? "not-started" : next === undefined ? "done" : stepById(next).phase;
  const deadline = completionDeadline(plan)?.date;
  const missed = stage !== "done" && deadline !== undefined && compareDates(today, deadline) > 0;
  const badge: Badge =
    stage === "done" ? "done" : missed ? "missed-deadline" : overdue > 0 ? "overdue" : stage === "not-started" ? "not-started" : "on-track";
  return {
    kind: "township",
    id: plan.id,
    name: plan.name,
    countyId: input.countyId,
    stage,
    done,
    overdue,
    next,
    badge,
    deadline,
    daysPastDeadline: missed ? daysBetween(deadline!, today) : 0,
    firstOverdue,
    daysLate,
    slate: slate ? (slate.ok ? "ok" : "failing") : "none",
    failing,
    parts,
    score: scoreOf(parts),
  };
}

function emptyUnit(unit: OverviewUnitInput): UnitProgress {
  return {
    kind: "unit",
    ...unit,
    townships: 0,
    stages: Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>,
    overdueSteps: 0,
    overdueTownships: 0,
    slateFailing: Object.fromEntries(SLATE_RULES.map((r) => [r, 0])) as Record<SlateRule, number>,
    slateFailingTownships: 0,
    emptyCounties: 0,
    score: 0,
    scoreSum: 0,
  };
}

function add(unit: UnitProgress, t: TownshipProgress): void {
  unit.townships++;
  unit.stages[t.stage]++;
  unit.overdueSteps += t.overdue;
  if (t.overdue > 0) unit.overdueTownships++;
  if (t.slate === "failing") unit.slateFailingTownships++;
  for (const rule of t.failing) unit.slateFailing[rule]++;
  unit.scoreSum += t.score;
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

/**
 * Who needs chasing first. Townships: by badge (the completion deadline missed, then overdue, not
 * started, on track, done), then the most days late (past the deadline, else the latest step), then
 * the lowest score; never by the count of overdue steps (one step two months late outranks five a day late).
 * Units: a county nobody joined, then the largest share of townships with overdue steps, then of
 * townships not started, then the lowest mean score. Ties by name, so the order is stable.
 */
export function chaseOrder(a: ProgressRow, b: ProgressRow): number {
  if (a.kind === "township" && b.kind === "township")
    return (
      BADGES.indexOf(a.badge) - BADGES.indexOf(b.badge) ||
      b.daysPastDeadline - a.daysPastDeadline ||
      b.daysLate - a.daysLate ||
      a.score - b.score ||
      a.name.localeCompare(b.name, "zh")
    );
  if (a.kind === "unit" && b.kind === "unit")
    return (
      Number(b.townships === 0) - Number(a.townships === 0) ||
      share(b.overdueTownships, b.townships) - share(a.overdueTownships, a.townships) ||
      share(b.stages["not-started"], b.townships) - share(a.stages["not-started"], a.townships) ||
      a.score - b.score ||
      a.name.localeCompare(b.name, "zh")
    );
  return a.kind === "unit" ? -1 : 1;
}

/**
 * Builds the overview of the subtree rooted at `rootId` from its units (the root and everything
 * below it) and its townships. Townships whose county is not among the units are ignored.
 */
export function buildOverview(input: {
  rootId: string;
  units: readonly OverviewUnitInput[];
  townships: readonly OverviewTownshipInput[];
  today: LocalDate;
}): Overview {
  const { today } = input;
  const units = new Map<string, UnitProgress>();
  for (const unit of input.units) units.set(unit.id, emptyUnit(unit));
  const root = units.get(input.rootId);
  if (!root) throw new RangeError(`the root unit ${input.rootId} is not among the units`);
  // A unit and its ancestors up to the root; empty for a unit outside the root's subtree, whatever
  // else was passed. Computed once per unit: thousands of townships share a few hundred counties.
  const chains = new Map<string, UnitProgress[]>();
  const ancestors = (id: string): UnitProgress[] => {
    const known = chains.get(id);
    if (known) return known;
    let chain: UnitProgress[] = [];
    // Four levels at most; the bound also stops a malformed parent cycle.
    for (let unit = units.get(id); ; unit = units.get(unit.parentId ?? "")) {
      if (!unit || chain.length === 4) {
        chain = [];
        break;
      }
      chain.push(unit);
      if (unit.id === root.id) break;
    }
    chains.set(id, chain);
    return chain;
  };

  const townships = new Map<string, TownshipProgress>();
  const unitChildren = new Map<string, UnitProgress[]>();
  const townshipChildren = new Map<string, TownshipProgress[]>();
  for (const unit of units.values()) {
    if (unit.id === root.id || ancestors(unit.id).length === 0 || !unit.parentId) continue;
    const list = unitChildren.get(unit.parentId);
    if (list) list.push(unit);
    else unitChildren.set(unit.parentId, [unit]);
  }
  for (const township of input.townships) {
    const chain = ancestors(township.countyId);
    if (chain.length === 0) continue;
    const progress = townshipProgress(township, today);
    townships.set(progress.id, progress);
    for (const unit of chain) add(unit, progress);
    const list = townshipChildren.get(township.countyId);
    if (list) list.push(progress);
    else townshipChildren.set(township.countyId, [progress]);
  }
  for (const unit of units.values()) {
    unit.score = unit.townships === 0 ? 0 : Math.round(unit.scoreSum / unit.townships);
    if (unit.level === "county" && unit.townships === 0)
      for (const up of ancestors(unit.id)) up.emptyCounties++;
  }

  const below = (unitId: string): TownshipProgress[] => {
    const out: TownshipProgress[] = [];
    const walk = (id: string) => {
      out.push(...[...(townshipChildren.get(id) ?? [])].sort(chaseOrder));
      for (const child of [...(unitChildren.get(id) ?? [])].sort(chaseOrder)) walk(child.id);
    };
    walk(unitId);
    return out;
  };

  return {
    today,
    root,
    units,
    townships,
    children: (unitId) =>
      [...(unitChildren.get(unitId) ?? []), ...(townshipChildren.get(unitId) ?? [])].sort(chaseOrder),
    notStarted: (unitId) =>
      below(unitId)
        .filter((t) => t.stage === "not-started")
        .sort(chaseOrder),
    townshipsBelow: below,
  };
}
