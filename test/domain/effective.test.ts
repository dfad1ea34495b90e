import { describe, expect, it } from "vitest";
import { effectiveRules, isCustomSource, ruleValue } from "../../src/domain/rules/effective.js";
import { PROFILES } from "../../src/domain/rules/profiles.js";

describe("effectiveRules", () => {
  it("passes a profile's records through with their citations", () => {
    const rules = effectiveRules({ profileId: "nanshan" });
    expect(Object.keys(rules).sort()).toEqual(Object.keys(PROFILES.nanshan.rules).sort());
    expect(rules.maxAge).toEqual({
      key: "maxAge",
      value: { years: 35, inclusive: true },
      summary: PROFILES.nanshan.rules.maxAge?.summary,
      source: PROFILES.nanshan.rules.maxAge?.citation,
      // "年龄一般不超过 35 周岁": the normal case.
      modality: "should",
    });
    expect(rules.leaderShareMax).toBeUndefined();
  });

  it("lets the township's own values override, citing its note and what they replace", () => {
    const rules = effectiveRules({
      profileId: "jiyang",
      customRules: { maxAge: { years: 30, inclusive: true }, partyMembersMin: { count: 4 } },
      customNote: "县团委2024年通知",
    });
    expect(ruleValue(rules, "maxAge")).toEqual({ years: 30, inclusive: true });
    expect(rules.maxAge?.summary).toEqual({
      zh: "年龄30周岁以下。",
      en: "Candidates must be 30 or younger.",
    });
    expect(rules.maxAge?.source).toEqual({
      custom: true,
      note: "县团委2024年通知",
      replaces: PROFILES.jiyang.rules.maxAge?.citation,
    });
    // A rule the profile lacks is added, with nothing to replace.
    expect(rules.partyMembersMin?.source).toEqual({ custom: true, note: "县团委2024年通知" });
    expect(rules.partyMembersMin?.summary.zh).toBe("中共党员不少于4人。");
    expect(isCustomSource(rules.committeeSize!.source)).toBe(false);
  });

  it("writes a summary in both languages for every kind of rule a township may set", () => {
    const custom = effectiveRules({
      profileId: "sichuan",
      customRules: Object.fromEntries(
        Object.values(PROFILES.recommended.rules).map((r) => [r?.key, r?.value]),
      ) as never,
    });
    expect(Object.keys(custom).length).toBe(Object.keys(PROFILES.recommended.rules).length);
    for (const rule of Object.values(custom)) {
      expect(rule?.summary.zh).toMatch(/。$/);
      expect(rule?.summary.en).toMatch(/\.$/);
      expect(rule?.summary.en).not.toMatch(/undefined|NaN/);
    }
    expect(custom.nonEstablishmentShareMin?.summary.zh).toBe("编制外人员所占比例不低于50%。");
    expect(custom.seats?.summary.zh).toBe("职数:委员13名,书记1名,兼职副书记3名。");
  });
});
