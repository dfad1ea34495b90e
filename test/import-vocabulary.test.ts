/**
 * Import and dialog share one vocabulary: every label a candidate dialog's button shows, in either
 * language, is accepted in a pasted row or a sheet's cell, and means what the button means.
 */
import { describe, expect, it } from "vitest";
import { LOCALES, translate } from "../src/i18n/index.js";
import { validateBatch } from "../src/domain/candidate-import.js";
import { effectiveRules } from "../src/domain/rules/effective.js";

const rules = effectiveRules({ profileId: "recommended" });
// 民主推荐 is a channel of 南山's rules only (the recommended default has 联名推荐): read under them.
const nanshan = effectiveRules({ profileId: "nanshan" });
const HEADER = ["姓名", "性别", "出生日期", "政治面貌", "编制", "领域", "竞选职务", "专兼职", "推荐方式", "联名人数", "是否本地", "学历"];
const BASE = ["张三", "男", "1995-03-07", "共青团员", "编制外", "农村", "委员", "兼职", "组织推荐", "", "是", "本科"];

/** Each button a dialog shows: the column it fills, the candidate's field, and the label key per value. */
const BUTTONS: { column: string; field: string; values: Record<string, unknown>; key: (value: string) => string }[] = [
  { column: "性别", field: "gender", values: { male: "male", female: "female" }, key: (v) => `cand-gender-${v}` },
  {
    column: "政治面貌",
    field: "politicalStatus",
    values: { "party-member": "party-member", "probationary-party-member": "probationary-party-member", "league-member": "league-member", other: "other" },
    key: (v) => `cand-political-${v}`,
  },
  { column: "编制", field: "establishment", values: { inside: "inside", outside: "outside" }, key: (v) => `cand-establishment-${v}` },
  {
    column: "领域",
    field: "sector",
    values: { government: "government", "private-enterprise": "private-enterprise", rural: "rural", school: "school", "social-organisation": "social-organisation", other: "other" },
    key: (v) => `cand-sector-${v}`,
  },
  { column: "专兼职", field: "commitment", values: { fulltime: "fulltime", parttime: "parttime" }, key: (v) => `cand-commitment-${v}` },
  { column: "推荐方式", field: "channel", values: { organisation: "organisation", self: "self", democratic: "democratic" }, key: (v) => `cand-channel-${v}` },
  {
    column: "学历",
    field: "education",
    values: { "junior-high": "junior-high", "senior-high": "senior-high", vocational: "vocational", college: "college", bachelor: "bachelor", master: "master", doctorate: "doctorate" },
    key: (v) => `cand-education-${v}`,
  },
  { column: "是否本地", field: "localTie", values: { yes: true, no: false }, key: (v) => `cand-${v}` },
];

describe("every button label is accepted by the import", () => {
  for (const locale of LOCALES)
    for (const button of BUTTONS)
      for (const [value, meaning] of Object.entries(button.values)) {
        const label = translate(locale, button.key(value));
        it(`${locale} ${button.column}: “${label}”`, () => {
          const row = [...BASE];
          row[HEADER.indexOf(button.column)] = label;
          const under = button.field === "channel" && value === "democratic" ? nanshan : rules;
          const [result] = validateBatch([HEADER, row], under, "2024-03-20", "2024-04-05").rows;
          expect(result?.problems.filter((p) => p.kind === "field")).toEqual([]);
          expect((result?.candidate as Record<string, unknown> | undefined)?.[button.field]).toBe(meaning);
        });
      }

  it("reads the joint nomination the channel button shows", () => {
    for (const locale of LOCALES) {
      const row = [...BASE];
      row[HEADER.indexOf("推荐方式")] = translate(locale, "cand-channel-joint-signature");
      row[HEADER.indexOf("联名人数")] = "12";
      const [result] = validateBatch([HEADER, row], rules, "2024-03-20", "2024-04-05").rows;
      expect(result?.candidate?.channel, locale).toBe("joint-signature");
    }
  });

  it("reads the posts the post buttons show, with the commitment they imply", () => {
    for (const locale of LOCALES)
      for (const post of ["secretary", "fulltime-deputy", "parttime-deputy", "member"]) {
        const row = [...BASE];
        row[HEADER.indexOf("竞选职务")] = translate(locale, `cand-post-${post}`);
        row[HEADER.indexOf("专兼职")] = post === "parttime-deputy" || post === "member" ? "兼职" : "专职";
        const [result] = validateBatch([HEADER, row], rules, "2024-03-20", "2024-04-05").rows;
        expect(result?.candidate?.post, `${locale} ${post}`).toBe(post);
      }
  });
});
