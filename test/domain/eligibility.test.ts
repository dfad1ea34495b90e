import { describe, expect, it } from "vitest";
import { ageOn, type EligibilityInput, eligibilityFor } from "../../src/domain/eligibility.js";
import { effectiveRules } from "../../src/domain/rules/effective.js";
import { PROFILES } from "../../src/domain/rules/profiles.js";
import type { ProfileId } from "../../src/domain/rules/types.js";

describe("ageOn (周岁)", () => {
  it.each([
    ["1990-05-10", "2025-05-09", 34],
    ["1990-05-10", "2025-05-10", 35],
    ["1990-12-31", "2025-01-01", 34],
    // Born on 29 February: the birthday is 1 March in non-leap years.
    ["2000-02-29", "2001-02-28", 0],
    ["2000-02-29", "2001-03-01", 1],
    ["2000-02-29", "2004-02-28", 3],
    ["2000-02-29", "2004-02-29", 4],
    ["1999-03-01", "2000-02-29", 0],
  ])("born %s, on %s: %i", (birth, on, age) => {
    expect(ageOn(birth, on)).toBe(age);
  });
});

const ELECTION = "2025-06-01";
const person = (overrides: Partial<EligibilityInput>): EligibilityInput => ({
  birthDate: "1995-01-01",
  politicalStatus: "league-member",
  localTie: true,
  post: "member",
  commitment: "parttime",
  ...overrides,
});
const check = (profileId: ProfileId, input: Partial<EligibilityInput>, election = ELECTION) =>
  eligibilityFor(person(input), effectiveRules({ profileId }), election);
const ageFindingOf = (result: ReturnType<typeof check>) =>
  result.findings.find((f) => f.rule === "maxAge" || f.rule === "relaxedMaxAge");

describe("eligibilityFor: age", () => {
  it.each([
    // profile, birth date, post, commitment, reason, eligible, code, age
    ["jiyang", "1989-06-02", "secretary", "fulltime", undefined, true, "age-ok", 35], // day before the 36th birthday
    ["jiyang", "1989-06-01", "secretary", "fulltime", undefined, false, "age-relaxation-not-for-post", 36],
    [
      "jiyang",
      "1989-06-01",
      "fulltime-deputy",
      "fulltime",
      "特别优秀",
      false,
      "age-relaxation-not-for-post",
      36,
    ],
    ["jiyang", "1989-06-01", "parttime-deputy", "parttime", undefined, false, "age-relaxed-needs-reason", 36],
    ["jiyang", "1989-06-01", "parttime-deputy", "parttime", "  ", false, "age-relaxed-needs-reason", 36],
    [
      "jiyang",
      "1989-06-01",
      "parttime-deputy",
      "parttime",
      "大学生村官,表现特别优秀",
      true,
      "age-relaxed-ok",
      36,
    ],
    ["jiyang", "1984-06-02", "member", "parttime", "特别优秀", true, "age-relaxed-ok", 40],
    ["jiyang", "1984-06-01", "member", "parttime", "特别优秀", false, "age-over-relaxed-limit", 41],
    // A part-time commitment counts as a part-time post, even for the secretary.
    ["jiyang", "1987-01-01", "secretary", "parttime", "特别优秀", true, "age-relaxed-ok", 38],
    // 南山 relaxes the limit for part-time cadres as such (「兼职团干部年龄可放宽到40周岁」): no reason asked.
    ["nanshan", "1985-01-01", "parttime-deputy", "parttime", "兼职团干部", true, "age-relaxed-ok-no-condition", 40],
    [
      "nanshan",
      "1985-01-01",
      "parttime-deputy",
      "parttime",
      undefined,
      true,
      "age-relaxed-ok-no-condition",
      40,
    ],
    ["xingang", "1991-06-02", "fulltime-deputy", "fulltime", undefined, true, "age-ok", 33],
    [
      "xingang",
      "1991-06-01",
      "fulltime-deputy",
      "fulltime",
      undefined,
      false,
      "age-relaxation-not-for-post",
      34,
    ],
    ["xingang", "1986-06-02", "member", "parttime", "特殊情况", true, "age-relaxed-ok", 38],
    ["xingang", "1986-06-01", "member", "parttime", "特殊情况", false, "age-over-relaxed-limit", 39],
  ] as const)(
    "%s: born %s, %s %s, reason %s → %s %s",
    (profileId, birthDate, post, commitment, reason, eligible, code, age) => {
      const result = check(profileId, { birthDate, post, commitment, relaxationReason: reason });
      expect(result.eligible).toBe(eligible);
      expect(ageFindingOf(result)).toMatchObject({ code, ok: eligible, params: { age } });
    },
  );

  // "广元团市委…推行35岁以下的乡镇(街道)党政副职兼任团委书记": one city's practice, for the secretary.
  it("sichuan: Guangyuan's 35 concerns the secretary only; a 37-year-old part-time member is not refused for it", () => {
    const member = check("sichuan", { birthDate: "1988-06-01", post: "member", commitment: "parttime" });
    expect(member.eligible).toBe(true);
    expect(ageFindingOf(member)).toBeUndefined();
    const secretary = check("sichuan", {
      birthDate: "1988-06-01",
      post: "secretary",
      commitment: "fulltime",
    });
    expect(ageFindingOf(secretary)).toMatchObject({
      ok: false,
      code: "age-over-limit",
      params: { age: 37, limit: 35 },
    });
  });

  // "(一)调整团工委班子,增配编制外副书记、委员 … (1)选配标准 … 33周岁以下(特殊情况可放宽至38周岁)"
  it("xingang: 33/38 apply to the deputies and members it adds, not to the secretary", () => {
    const secretary = check("xingang", {
      birthDate: "1986-06-01",
      post: "secretary",
      commitment: "fulltime",
    });
    expect(secretary.eligible).toBe(true);
    expect(ageFindingOf(secretary)).toBeUndefined();
    const deputy = check("xingang", {
      birthDate: "1986-06-01",
      post: "parttime-deputy",
      commitment: "parttime",
      relaxationReason: "特殊情况",
    });
    expect(ageFindingOf(deputy)).toMatchObject({
      ok: false,
      code: "age-over-relaxed-limit",
      params: { age: 39 },
    });
  });

  // "兼职团干部年龄可放宽到40 周岁" (nanshan), "其他条件特别优秀的兼职干部人选可放宽到40岁以下" (jiyang):
  // the relaxation is for part-time cadres, so a full-time member of 36 is held to 35.
  it.each(["nanshan", "jiyang"] as const)(
    "%s: the relaxation to 40 reaches part-time cadres only, not a full-time member",
    (profile) => {
      const fulltime = check(profile, {
        birthDate: "1989-01-01",
        post: "member",
        commitment: "fulltime",
        relaxationReason: "特别优秀",
      });
      expect(fulltime.eligible).toBe(false);
      expect(ageFindingOf(fulltime)).toMatchObject({
        ok: false,
        code: "age-relaxation-part-time-only",
        params: { age: 36, limit: 35 },
      });
      const parttime = check(profile, {
        birthDate: "1989-01-01",
        post: "member",
        commitment: "parttime",
        relaxationReason: "特别优秀",
      });
      expect(parttime.eligible).toBe(true);
    },
  );

  it("reports both limits and cites the relaxation clause when it is used", () => {
    const finding = ageFindingOf(check("jiyang", { birthDate: "1989-06-01", relaxationReason: "特别优秀" }));
    expect(finding).toEqual({
      rule: "relaxedMaxAge",
      ok: true,
      code: "age-relaxed-ok",
      params: { age: 36, limit: 35, relaxed: 40 },
      source: PROFILES.jiyang.rules.relaxedMaxAge?.citation,
    });
  });

  it.each([
    // Born on a leap day, xingang (33): the 34th birthday in 2026 falls on 1 March.
    ["2026-02-28", true, 33],
    ["2026-03-01", false, 34],
  ])("leap-day birth 1992-02-29, election %s: eligible %s", (election, eligible, age) => {
    const result = check(
      "xingang",
      { birthDate: "1992-02-29", post: "fulltime-deputy", commitment: "fulltime" },
      election,
    );
    expect(result.eligible).toBe(eligible);
    expect(ageFindingOf(result)?.params.age).toBe(age);
  });

  it("applies a township's custom age limit and cites its note", () => {
    const rules = effectiveRules({
      profileId: "jiyang",
      customRules: { maxAge: { years: 30, inclusive: false } },
      customNote: "县团委通知",
    });
    const result = eligibilityFor(
      person({ birthDate: "1995-06-01", post: "secretary", commitment: "fulltime" }),
      rules,
      ELECTION,
    );
    expect(result.findings[0]).toMatchObject({ ok: false, params: { age: 30, limit: 30 } });
    expect(result.findings[0]?.source).toMatchObject({ custom: true, note: "县团委通知" });
  });
});

describe("eligibilityFor: political status and local tie", () => {
  it.each([
    ["jiyang", "party-member", true],
    ["jiyang", "probationary-party-member", true],
    ["jiyang", "league-member", true],
    ["jiyang", "other", false],
    ["xingang", "other", false],
    ["nanshan", "other", false],
    ["nanshan", "party-member", true],
    ["recommended", "other", false],
  ] as const)("%s: %s → %s", (profileId, politicalStatus, ok) => {
    const finding = check(profileId, { politicalStatus }).findings.find((f) => f.rule === "politicalStatus");
    expect(finding).toMatchObject({ ok, code: ok ? "political-status-ok" : "political-status" });
    expect(finding?.source).toEqual(PROFILES[profileId].rules.politicalStatus?.citation);
  });

  it("has no political-status finding where the profile sets none (sichuan)", () => {
    const result = check("sichuan", { politicalStatus: "other", post: "secretary" });
    expect(result.findings.map((f) => f.rule)).toEqual(["maxAge"]);
    expect(result.eligible).toBe(true);
  });

  it.each([
    ["jiyang", false, false, "local-tie"],
    ["jiyang", true, true, "local-tie-ok"],
    ["recommended", false, false, "local-tie"],
    ["nanshan", false, true, undefined],
  ] as const)("%s: local tie %s → eligible %s", (profileId, localTie, eligible, code) => {
    const result = check(profileId, { localTie });
    expect(result.eligible).toBe(eligible);
    expect(result.findings.find((f) => f.rule === "localTie")?.code).toBe(code);
  });
});
