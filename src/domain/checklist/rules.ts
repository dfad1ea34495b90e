/** The rules a plan is checked and planned against: its profile's, overridden by the township's own values. */
import { type RuleSource, effectiveRules } from "../rules/effective.js";
import { PROFILES, RECOMMENDED_PROFILE_ID } from "../rules/profiles.js";
import type { RuleKey, RuleValues } from "../rules/types.js";
import { addMonths, isValidDate } from "../time.js";
import type { LocalDate, TownshipPlan } from "../township.js";

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
