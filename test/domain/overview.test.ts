import { describe, expect, it } from "vitest";
import { checklistStatus, firstOpenStep, STEPS, stepById } from "../../src/domain/checklist/index.js";
import { BADGES, buildOverview, type ProgressRow, SLATE_RULES, STAGES, type Stage } from "../../src/domain/overview.js";
import { effectiveRules } from "../../src/domain/rules/effective.js";
import { scoreOf } from "../../src/domain/score.js";
import { checkSlate } from "../../src/domain/slate.js";
import { generateTree, type GeneratedTownship } from "../fixtures/org-tree.js";

const TODAY = "2026-03-10";
const tree = generateTree(TODAY);
const overview = buildOverview({ rootId: tree.rootId, units: tree.units, townships: tree.townships, today: TODAY });

/** The figures of a set of townships, counted one by one without the overview's aggregation. */
function directCount(townships: GeneratedTownship[]) {
  const stages = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  const failing = Object.fromEntries(SLATE_RULES.map((r) => [r, 0]));
  let overdueSteps = 0;
  let overdueTownships = 0;
  let slateFailingTownships = 0;
  for (const t of townships) {
    const open = firstOpenStep(t.records);
    stages[t.records.length === 0 ? "not-started" : open ? stepById(open).phase : "done"]++;
    const overdue = checklistStatus(t.plan, t.records, TODAY).filter((s) => s.status === "overdue").length;
    overdueSteps += overdue;
    if (overdue > 0) overdueTownships++;
    if (t.candidates.length > 0) {
      const report = checkSlate(t.candidates, t.plan, effectiveRules(t.plan));
      if (!report.ok) slateFailingTownships++;
      for (const rule of new Set(report.checks.filter((c) => !c.ok).map((c) => c.rule))) failing[rule]!++;
    }
  }
  return { townships: townships.length, stages, overdueSteps, overdueTownships, slateFailing: failing, slateFailingTownships };
}

const under = (unitId: string) => tree.townships.filter((t) => tree.paths.get(t.countyId)!.includes(`/${unitId}/`));

describe("the overview of a province (1 province, 20 cities, 180 counties, 4,668 townships)", () => {
  it("has every township, with varied progress", () => {
    expect(tree.units.filter((u) => u.level === "city")).toHaveLength(20);
    expect(tree.units.filter((u) => u.level === "county")).toHaveLength(180);
    expect(overview.root.townships).toBe(4668);
    for (const stage of STAGES) expect(overview.root.stages[stage], stage).toBeGreaterThan(0);
    expect(overview.root.overdueSteps).toBeGreaterThan(0);
    expect(overview.root.slateFailingTownships).toBeGreaterThan(0);
  });

  it("gives the figures a direct count gives, at the province, a city and a county", () => {
    const city = "c07";
    const county = overview.children(city).find((r) => r.kind === "unit")!.id;
    for (const unitId of [tree.rootId, city, county]) {
      const unit = overview.units.get(unitId)!;
      const direct = directCount(under(unitId));
      expect(direct.townships).toBeGreaterThan(0);
      expect({
        townships: unit.townships,
        stages: unit.stages,
        overdueSteps: unit.overdueSteps,
        overdueTownships: unit.overdueTownships,
        slateFailing: unit.slateFailing,
        slateFailingTownships: unit.slateFailingTownships,
      }).toEqual(direct);
    }
  });

  it("scores a unit with the mean of its townships' scores", () => {
    const county = overview.units.get("k042")!;
    const scores = under("k042").map((t) => overview.townships.get(t.plan.id)!.score);
    expect(county.score).toBe(Math.round(scores.reduce((a, b) => a + b, 0) / scores.length));
  });

  it("lists whoever needs chasing first: the largest share of townships with overdue steps", () => {
    const cities = overview.children(tree.rootId) as Extract<ProgressRow, { kind: "unit" }>[];
    expect(cities).toHaveLength(20);
    const shares = cities.map((c) => c.overdueTownships / c.townships);
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
    const townships = overview.children("k001") as Extract<ProgressRow, { kind: "township" }>[];
    // By badge (deadline missed, overdue, not started, on track, done), then days late.
    const ranks = townships.map((t) => BADGES.indexOf(t.badge));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    for (let i = 1; i < townships.length; i++)
      if (townships[i]!.badge === townships[i - 1]!.badge && townships[i]!.badge === "overdue")
        expect(townships[i - 1]!.daysLate).toBeGreaterThanOrEqual(townships[i]!.daysLate);
    expect(townships.every((t) => t.countyId === "k001")).toBe(true);
  });

  it("lists the townships that have not started, and every township below a unit once", () => {
    const notStarted = overview.notStarted("c03");
    expect(notStarted.map((t) => t.id).sort()).toEqual(
      under("c03")
        .filter((t) => t.records.length === 0)
        .map((t) => t.plan.id)
        .sort(),
    );
    const all = overview.townshipsBelow("c03").map((t) => t.id);
    expect(new Set(all).size).toBe(all.length);
    expect(all.sort()).toEqual(under("c03").map((t) => t.plan.id).sort());
  });

  it("counts nothing from outside the root's subtree", () => {
    const city = buildOverview({ rootId: "c05", units: tree.units, townships: tree.townships, today: TODAY });
    expect(city.root.townships).toBe(under("c05").length);
    expect(city.units.has(tree.rootId)).toBe(true); // passed in, but never summed into
    expect([...city.townships.values()].every((t) => tree.paths.get(t.countyId)!.startsWith("/p1/c05/"))).toBe(true);
  });
});

describe("a small tree", () => {
  const units = [
    { id: "c", level: "city" as const, name: "市", parentId: null },
    { id: "k1", level: "county" as const, name: "甲县", parentId: "c" },
    { id: "k2", level: "county" as const, name: "乙县", parentId: "c" },
  ];
  const plan = {
    id: "t1",
    province: "四川省",
    city: "市",
    county: "甲县",
    name: "甲镇",
    kind: "township" as const,
    profileId: "recommended" as const,
    partyElectionDate: "2026-03-01",
    seats: { secretary: 1, fulltimeDeputies: 1, parttimeDeputies: 1, members: 10 },
  };

  it("puts a county no township has joined first, and counts it", () => {
    const o = buildOverview({ rootId: "c", units, townships: [{ plan, countyId: "k1", records: [], candidates: [] }], today: TODAY });
    expect(o.root.emptyCounties).toBe(1);
    expect(o.children("c").map((r) => r.id)).toEqual(["k2", "k1"]);
  });

  it("scores a township that has not started: nothing done, its overdue steps late, no slate", () => {
    const o = buildOverview({ rootId: "c", units, townships: [{ plan, countyId: "k1", records: [], candidates: [] }], today: TODAY });
    const t = o.townships.get("t1")!;
    expect(t.stage).toBe("not-started");
    expect(t.overdue).toBeGreaterThan(0);
    expect(t.parts).toEqual({ complete: 0, onTime: 0, slate: 0 });
    expect(t.score).toBe(0);
  });

  it("scores 40 for a township with nothing due yet and 100 for one done on time with a passing slate", () => {
    const early = { ...plan, partyElectionDate: "2026-06-01" };
    const o = buildOverview({ rootId: "c", units, townships: [{ plan: early, countyId: "k1", records: [], candidates: [] }], today: TODAY });
    expect(o.townships.get("t1")!.score).toBe(40);
    expect(scoreOf({ complete: 1, onTime: 1, slate: 1 })).toBe(100);
    expect(scoreOf({ complete: 6 / 13, onTime: 0.5, slate: 0.75 })).toBe(Math.round(40 * (6 / 13) + 20 + 15));
  });

  it("counts a step done after its due date as late", () => {
    const records = STEPS.slice(0, 1).map((s) => ({
      stepId: s.id,
      values: { approvedOn: "2026-02-20" },
      recordedBy: 1,
      recordedAt: "2026-02-20T02:00:00.000Z",
    }));
    // Work plan due 2026-02-15 (14 days before the Party election), done on the 20th.
    const o = buildOverview({ rootId: "c", units, townships: [{ plan, countyId: "k1", records, candidates: [] }], today: "2026-02-21" });
    const t = o.townships.get("t1")!;
    expect(t.done).toBe(1);
    expect(t.parts.onTime).toBe(0);
    expect(t.stage).toBe("prepare");
  });

  it("ranks a township that missed the completion deadline first, then by days late, not by the count of overdue steps", () => {
    const at = (id: string, name: string, partyElectionDate: string) => ({ ...plan, id, name, partyElectionDate });
    const record = (stepIndex: number, date: string) => {
      const s = STEPS[stepIndex]!;
      const values: Record<string, string> = {};
      for (const f of s.fields.filter((f) => f.required)) {
        if (f.kind === "date") values[f.name] = date;
        else if (f.kind === "date-range") Object.assign(values, { [`${f.name}Start`]: date, [`${f.name}End`]: date });
        else values[f.name] = "1";
      }
      return { stepId: s.id, values, recordedBy: 1, recordedAt: `${date}T02:00:00.000Z` };
    };
    // 甲镇: Party election 2026-01-20, so the deadline (2026-02-20) has passed: one step still open.
    const missed = { plan: at("a", "甲镇", "2026-01-20"), countyId: "k1", records: STEPS.slice(0, 12).map((_, i) => record(i, "2026-01-10")), candidates: [] };
    // 乙镇: Party election 2026-02-25, deadline ahead; work plan done, many steps overdue by a few days.
    const manyLate = { plan: at("b", "乙镇", "2026-02-25"), countyId: "k1", records: [record(0, "2026-02-10")], candidates: [] };
    // 丙镇: nothing recorded, nothing due yet.
    const fresh = { plan: at("c", "丙镇", "2026-06-01"), countyId: "k1", records: [], candidates: [] };
    const o = buildOverview({ rootId: "c", units, townships: [fresh, manyLate, missed], today: TODAY });
    const rows = o.children("k1") as Extract<ProgressRow, { kind: "township" }>[];
    expect(rows.map((r) => [r.name, r.badge])).toEqual([
      ["甲镇", "missed-deadline"],
      ["乙镇", "overdue"],
      ["丙镇", "not-started"],
    ]);
    expect(rows[1]!.overdue).toBeGreaterThan(rows[0]!.overdue);
    expect(rows[0]!.daysPastDeadline).toBe(18);
    expect(rows[1]!.firstOverdue).toMatchObject({ step: "working-group" });
    expect(rows[1]!.firstOverdue!.daysLate).toBeGreaterThan(0);
  });
});
