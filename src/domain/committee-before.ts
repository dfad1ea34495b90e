/**
 * The committee as it stood before the restructuring (格局创新前). jiyang-plan 六.4 asks the summary
 * report to compare the League organisation before and after ("对换届和格局创新前后…进行对比、分析");
 * the assistant only knows the committee after (the candidates appointed), so the secretary gives the
 * old committee's figures when recording the work plan, the step where the committee's structure is
 * decided. All of them are optional: a figure not given stays a blank in the report. Pure: no I/O.
 */
import type { FieldDescriptor, StepRecord, Violation } from "./checklist/index.js";

/** The mean age a committee can plausibly have, in 周岁 (typing 3.5 or 325 is a slip, not a committee). */
export const AVERAGE_AGE_RANGE = { min: 14, max: 80 } as const;

const TOTAL = "beforeMembers";

const detail = (name: string, kind: FieldDescriptor["kind"] = "count"): FieldDescriptor => ({
  name,
  kind,
  required: false,
  label: `field-${name}`,
  onlyWith: TOTAL,
});

/** Asked after the work plan's own fields; the details only once a number of members above 0 is given. */
export const BEFORE_FIELDS: readonly FieldDescriptor[] = [
  { name: TOTAL, kind: "count", required: false, label: `field-${TOTAL}` },
  detail("beforeLeaders"),
  detail("beforeParttime"),
  detail("beforeOutside"),
  detail("beforePartyMembers"),
  detail("beforeLeagueMembers"),
  detail("beforeFemale"),
  detail("beforeAverageAge", "age"),
  detail("beforeUnits"),
  detail("beforeSectors"),
];

/** A part may not be larger than its whole: people are counted among the members, fields among units. */
const PARTS: readonly (readonly [part: string, whole: string])[] = [
  ["beforeLeaders", TOTAL],
  ["beforeParttime", TOTAL],
  ["beforeOutside", TOTAL],
  ["beforePartyMembers", TOTAL],
  ["beforeLeagueMembers", TOTAL],
  ["beforeFemale", TOTAL],
  ["beforeUnits", TOTAL],
  // Each unit belongs to one field (机关事业单位, 农村 …): there cannot be more fields than units.
  ["beforeSectors", "beforeUnits"],
];

export interface CommitteeBefore {
  members: number;
  /** 书记 and 副书记 together. */
  leaders?: number;
  parttime?: number;
  outside?: number;
  /** members − outside, when the outside figure was given. */
  inside?: number;
  partyMembers?: number;
  leagueMembers?: number;
  female?: number;
  averageAge?: number;
  units?: number;
  sectors?: number;
}

type Values = StepRecord["values"];

const numberAt = (values: Values, key: string): number | undefined => {
  const value = values[key];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
};

/** The old committee as recorded with the work plan; undefined when its size was not given. */
export function committeeBefore(values: Values | undefined): CommitteeBefore | undefined {
  const members = values && numberAt(values, TOTAL);
  if (!values || members === undefined) return undefined;
  // No committee at all before (0 members): every part is 0, not unknown; there is no average age.
  const optional = (key: string) => (members === 0 ? (key === "beforeAverageAge" ? undefined : 0) : numberAt(values, key));
  const outside = optional("beforeOutside");
  const figures: CommitteeBefore = { members };
  const set = (name: keyof CommitteeBefore, value: number | undefined) => {
    if (value !== undefined) figures[name] = value;
  };
  set("leaders", optional("beforeLeaders"));
  set("parttime", optional("beforeParttime"));
  set("outside", outside);
  set("inside", outside === undefined ? undefined : members - outside);
  set("partyMembers", optional("beforePartyMembers"));
  set("leagueMembers", optional("beforeLeagueMembers"));
  set("female", optional("beforeFemale"));
  set("averageAge", optional("beforeAverageAge"));
  set("units", optional("beforeUnits"));
  set("sectors", optional("beforeSectors"));
  return figures;
}

/**
 * What makes the figures inconsistent: a part larger than its whole, Party and League members more than
 * the members (each person is counted once, by political status, as the figures after are), or a
 * detail without the number of members it belongs to. Shape (counts, age range) is checked by the
 * field kinds.
 */
export function beforeViolations(values: Values): Violation[] {
  const out: Violation[] = [];
  const members = numberAt(values, TOTAL);
  for (const f of BEFORE_FIELDS) {
    if (f.onlyWith && values[f.name] !== undefined && values[f.name] !== "" && !(members !== undefined && members > 0))
      out.push({ code: "before-without-members", params: { field: f.name } });
  }
  if (out.length > 0) return out;
  for (const [part, whole] of PARTS) {
    const a = numberAt(values, part);
    const b = numberAt(values, whole);
    if (a !== undefined && b !== undefined && a > b)
      out.push({ code: "before-part-exceeds-whole", params: { field: part, value: a, whole, total: b } });
  }
  const party = numberAt(values, "beforePartyMembers");
  const league = numberAt(values, "beforeLeagueMembers");
  if (members !== undefined && party !== undefined && league !== undefined && party + league > members)
    out.push({ code: "before-political-exceeds-members", params: { field: "beforeLeagueMembers", party, league, total: members } });
  return out;
}
