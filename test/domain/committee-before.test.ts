import { describe, expect, it } from "vitest";
import { validateStepRecord } from "../../src/domain/checklist/index.js";
import { committeeBefore } from "../../src/domain/committee-before.js";
import type { TownshipPlan } from "../../src/domain/township.js";
import { beforeFigures, committeeChange, committeeFigures } from "../../src/documents/figures.js";
import { candidate } from "../fixtures/candidates.js";

const plan: TownshipPlan = {
  id: "t1",
  province: "海南省",
  city: "三亚市",
  county: "",
  name: "吉阳镇",
  kind: "township",
  profileId: "jiyang",
  seats: { secretary: 1, fulltimeDeputies: 1, parttimeDeputies: 1, members: 6 },
};
const workPlan = (values: Record<string, string | number>) =>
  validateStepRecord("work-plan", { stepId: "work-plan", values: { approvedOn: "2011-09-20", ...values }, recordedBy: 1, recordedAt: "2011-09-20T00:00:00Z" }, plan, [], {
    slateOk: true,
    slateReasons: [],
  });

describe("the committee before the restructuring", () => {
  it("is optional, and consistent figures pass", () => {
    expect(workPlan({})).toEqual([]);
    expect(workPlan({ beforeMembers: 3, beforeOutside: 1, beforePartyMembers: 2, beforeLeagueMembers: 1, beforeAverageAge: 38.5, beforeUnits: 2, beforeSectors: 2 })).toEqual([]);
  });

  it("refuses a part larger than its whole, Party and League members beyond the members, a detail without members", () => {
    expect(workPlan({ beforeMembers: 3, beforeOutside: 4 })).toEqual([
      { code: "before-part-exceeds-whole", params: { field: "beforeOutside", value: 4, whole: "beforeMembers", total: 3 } },
    ]);
    expect(workPlan({ beforeMembers: 3, beforeUnits: 2, beforeSectors: 3 }).map((v) => v.params)).toEqual([
      { field: "beforeSectors", value: 3, whole: "beforeUnits", total: 2 },
    ]);
    expect(workPlan({ beforeMembers: 3, beforePartyMembers: 2, beforeLeagueMembers: 2 }).map((v) => v.code)).toEqual(["before-political-exceeds-members"]);
    expect(workPlan({ beforeOutside: 1 }).map((v) => v.code)).toEqual(["before-without-members"]);
    expect(workPlan({ beforeMembers: 0, beforeOutside: 1 }).map((v) => v.code)).toEqual(["before-without-members"]);
  });

  it("refuses counts that are not whole and ages outside 14–80 or with two decimals", () => {
    expect(workPlan({ beforeMembers: 2.5 }).map((v) => v.code)).toEqual(["count-invalid"]);
    expect(workPlan({ beforeMembers: -1 }).map((v) => v.code)).toEqual(["count-invalid"]);
    for (const age of [13.9, 81, 30.25]) expect(workPlan({ beforeMembers: 3, beforeAverageAge: age }).map((v) => v.code), String(age)).toEqual(["age-invalid"]);
  });

  it("derives 编制内 and the outside share, and the change against the committee after", () => {
    const before = beforeFigures(committeeBefore({ beforeMembers: 3, beforeOutside: 1, beforeAverageAge: 38.5 })!);
    expect(before).toMatchObject({ members: 3, outside: 1, inside: 2, outsidePercent: 33.3 });
    expect(before.partyMembers).toBeUndefined();
    const after = committeeFigures(
      [0, 1, 2].map((i) => candidate({ birthDate: "1997-01-01", establishment: i === 0 ? "inside" : "outside", status: "appointed" })),
      "2027-02-01",
    );
    expect(committeeChange(before, after)).toEqual({ members: 0, inside: -1, outside: 1, outsidePercent: 33.4, averageAge: -8.5 });
    // No committee at all before: every part is 0, not unknown.
    expect(committeeBefore({ beforeMembers: 0 })).toMatchObject({ members: 0, outside: 0, inside: 0, partyMembers: 0 });
    expect(committeeBefore({})).toBeUndefined();
  });
});
