/**
 * A township's (or subdistrict's) restructuring plan: who it is, which rules apply, its key dates and
 * the seats it plans. Plain data; the database stores it, the checklist and the reminders read it.
 */
import type { ProfileId, RuleKey, RuleValues } from "./rules/types.js";

/** A calendar date in Asia/Shanghai, "YYYY-MM-DD". */
export type LocalDate = string;

export type UnitKind = "township" | "subdistrict"; // 乡镇 | 街道

export interface PlannedSeats {
  secretary: number;
  fulltimeDeputies: number;
  parttimeDeputies: number;
  /** Ordinary members (委员), not counting the secretary and deputies. */
  members: number;
}

export interface TownshipPlan {
  id: string;
  province: string;
  city: string;
  county: string;
  name: string;
  kind: UnitKind;
  /** The locality whose rules apply, or the recommended default. */
  profileId: ProfileId;
  /** Values the township set itself, overriding the profile (with a note saying on what authority). */
  customRules?: { [K in RuleKey]?: RuleValues[K] };
  customNote?: string;
  /** The township Party committee's election (换届): the restructuring must finish within a month after it. */
  partyElectionDate?: LocalDate;
  /** The planned League committee election (选举大会 / 竞职演讲). */
  plannedElectionDate?: LocalDate;
  seats: PlannedSeats;
}

export function totalSeats(seats: PlannedSeats): number {
  return seats.secretary + seats.fulltimeDeputies + seats.parttimeDeputies + seats.members;
}

export function leaderSeats(seats: PlannedSeats): number {
  return seats.secretary + seats.fulltimeDeputies + seats.parttimeDeputies;
}
