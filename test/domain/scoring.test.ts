import { describe, expect, it } from "vitest";
import { scoreSheet, validateScore } from "../../src/domain/scoring.js";

describe("validateScore", () => {
  it.each([
    [0, { ok: true }],
    [100, { ok: true }],
    [85.5, { ok: true }],
    [85.25, { ok: true }],
    [0.01, { ok: true }],
    [-0.01, { ok: false, error: "out-of-range" }],
    [100.01, { ok: false, error: "out-of-range" }],
    [101, { ok: false, error: "out-of-range" }],
    [85.555, { ok: false, error: "too-precise" }],
    [Number.NaN, { ok: false, error: "not-a-number" }],
    [Number.POSITIVE_INFINITY, { ok: false, error: "not-a-number" }],
  ])("%d → %j", (score, expected) => {
    expect(validateScore(score)).toEqual(expected);
  });
});

const JUDGES = ["评委甲", "评委乙", "评委丙"];
const scoresFor = (candidate: string, values: number[]) =>
  values.map((score, i) => ({ judge: JUDGES[i]!, candidate, score }));

describe("scoreSheet", () => {
  it.each([
    // scores, average: exact to two decimals, half up
    [[85, 90, 92.5], 89.17], // 267.5 / 3 = 89.1666…
    [[80, 80, 81], 80.33],
    [[90.01, 90.02, 90.02], 90.02], // 270.05 / 3 = 90.01666…
    [[70.1, 70.2, 70.2], 70.17], // floats would drift; hundredths don't
    [[0.01, 0, 0], 0],
    [[100, 100, 100], 100],
    [[88.88, 88.89, 88.88], 88.88], // 266.65 / 3 = 88.88333…
    [[60, 60.01, 60.02], 60.01],
  ])("%j → %d", (values, average) => {
    const sheet = scoreSheet(JUDGES, ["甲"], scoresFor("甲", values));
    expect(sheet.rows[0]).toEqual({ candidate: "甲", average, scored: 3, complete: true, rank: 1 });
  });

  it("rounds a half hundredth up", () => {
    // 90.01 + 90.02 = 180.03 / 2 = 90.015 → 90.02
    const sheet = scoreSheet(
      ["a", "b"],
      ["甲"],
      [
        { judge: "a", candidate: "甲", score: 90.01 },
        { judge: "b", candidate: "甲", score: 90.02 },
      ],
    );
    expect(sheet.rows[0]?.average).toBe(90.02);
  });

  it("ranks best first and lets equal averages share a rank (1, 1, 3)", () => {
    const sheet = scoreSheet(
      JUDGES,
      ["甲", "乙", "丙", "丁"],
      [...scoresFor("甲", [80, 80, 80]), ...scoresFor("乙", [90, 85, 95]), ...scoresFor("丙", [95, 90, 85])],
    );
    expect(sheet.rows.map((r) => [r.candidate, r.average, r.rank])).toEqual([
      ["乙", 90, 1],
      ["丙", 90, 1],
      ["甲", 80, 3],
      ["丁", null, null],
    ]);
  });

  it("flags the missing (judge, candidate) pairs and marks the average provisional", () => {
    const sheet = scoreSheet(
      JUDGES,
      ["甲", "乙"],
      [...scoresFor("甲", [80, 90]), ...scoresFor("乙", [70, 70, 70])],
    );
    expect(sheet.missing).toEqual([{ judge: "评委丙", candidate: "甲" }]);
    expect(sheet.rows[0]).toEqual({ candidate: "甲", average: 85, scored: 2, complete: false, rank: 1 });
  });

  it("rejects scores out of range, unknown names and a judge's second score", () => {
    const sheet = scoreSheet(
      JUDGES,
      ["甲"],
      [
        { judge: "评委甲", candidate: "甲", score: 101 },
        { judge: "评委乙", candidate: "甲", score: 90 },
        { judge: "评委乙", candidate: "甲", score: 10 },
        { judge: "路人", candidate: "甲", score: 90 },
        { judge: "评委丙", candidate: "戊", score: 90 },
      ],
    );
    expect(sheet.rejected.map((r) => r.error)).toEqual([
      "out-of-range",
      "duplicate",
      "unknown-judge",
      "unknown-candidate",
    ]);
    expect(sheet.rows[0]).toMatchObject({ average: 90, scored: 1 });
    expect(sheet.missing).toEqual([
      { judge: "评委甲", candidate: "甲" },
      { judge: "评委丙", candidate: "甲" },
    ]);
  });
});
