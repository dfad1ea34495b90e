/**
 * Townships with their step records as one JSON string built by SQLite: the reminder sweep and the
 * supervisors' overview load thousands at once, and parsing one string is far cheaper than libSQL's
 * per-row objects (~10 µs each). The SQL reads a `townships` row aliased `t`.
 */
import type { StepId, StepRecord } from "../domain/checklist/index.js";
import type { ProfileId } from "../domain/rules/types.js";
import type { PlannedSeats, TownshipPlan } from "../domain/township.js";

/** The plan's columns then its records, as the first 13 items of a json_array(...). */
export const PLAN_JSON_ITEMS = `t.id, t.province, t.city, t.county, t.name, t.kind, t.profile_id, json(t.custom_rules),
  t.custom_note, t.party_election_date, t.planned_election_date, json(t.seats),
  (SELECT json_group_array(json_array(r.step_id, json(r."values"), r.recorded_by, r.recorded_at))
     FROM step_records r WHERE r.township_id = t.id)`;

export type PlanTuple = [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  TownshipPlan["customRules"] | null,
  string | null,
  string | null,
  string | null,
  PlannedSeats,
  [string, StepRecord["values"], number, string][],
];

/** Reads the first items of a tuple built with PLAN_JSON_ITEMS. */
export function planFromTuple(tuple: readonly [...PlanTuple, ...unknown[]]): { plan: TownshipPlan; records: StepRecord[] } {
  const [
    id,
    province,
    city,
    county,
    name,
    kind,
    profileId,
    customRules,
    customNote,
    party,
    planned,
    seats,
    records,
  ] = tuple;
  const plan: TownshipPlan = {
    id,
    province,
    city,
    county,
    name,
    kind: kind as TownshipPlan["kind"],
    profileId: profileId as ProfileId,
    seats,
  };
  if (customRules) plan.customRules = customRules;
  if (customNote) plan.customNote = customNote;
  if (party) plan.partyElectionDate = party;
  if (planned) plan.plannedElectionDate = planned;
  return {
    plan,
    records: records.map(([stepId, values, recordedBy, recordedAt]) => ({
      stepId: stepId as StepId,
      values,
      recordedBy,
      recordedAt,
    })),
  };
}
