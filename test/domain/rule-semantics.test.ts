import { describe, expect, it } from "vitest";
import { PROFILES } from "../../src/domain/rules/profiles.js";

/** Each rule's modality and scope, read from the words of its quote. */
describe("rule modality and scope, from their quotes", () => {
  it.each([
    // "推行35岁以下的乡镇(街道)党政副职兼任团委书记": what 广元 does, for the secretary.
    ["sichuan", "maxAge", "推行35岁以下", "practice", ["secretary"]],
    // "33周岁以下(特殊情况可放宽至38周岁)" under "增配编制外副书记、委员": the posts it adds.
    ["xingang", "maxAge", "33周岁以下", "must", ["fulltime-deputy", "parttime-deputy", "member"]],
    ["xingang", "relaxedMaxAge", "可放宽", "may", ["fulltime-deputy", "parttime-deputy", "member"]],
    // "年龄一般不超过 35 周岁": the normal case, for everyone.
    ["nanshan", "maxAge", "一般", "should", undefined],
    ["nanshan", "relaxedMaxAge", "可放宽", "may", undefined],
    // "可以通过…等渠道产生": channels candidates may come through.
    ["jiyang", "nominationChannels", "可以通过", "may", undefined],
    ["jiyang", "maxAge", "应在", "must", undefined],
  ] as const)("%s %s (%s): %s, scope %j", (profile, key, word, modality, posts) => {
    const record = PROFILES[profile].rules[key]!;
    expect(record.citation.quote).toContain(word);
    expect(record.modality).toBe(modality);
    expect(record.scope?.posts).toEqual(posts);
  });

  it("requires every nomination channel only where the document combines them all (南山), and keeps 民主推荐 apart from 联名推荐", () => {
    expect(PROFILES.nanshan.rules.nominationChannels!.citation.quote).toContain("三种途径相结合");
    expect(PROFILES.nanshan.rules.nominationChannels!.value).toMatchObject({
      required: "all",
      channels: ["organisation", "democratic", "self"],
    });
    expect(PROFILES.jiyang.rules.nominationChannels!.value.required).toBe("any");
    expect(PROFILES.xingang.rules.nominationChannels!.value.required).toBe("any");
  });

  it("counts 南山's surplus over the election as a whole, without the secretary its Party working committee appoints", () => {
    expect(PROFILES.nanshan.rules.candidateSurplusMin!.citation.quote).toContain(
      "高于拟选配街道团工委委员数量 20%",
    );
    expect(PROFILES.nanshan.rules.candidateSurplusMin!.value).toMatchObject({
      minRatio: 0.2,
      over: "election",
      excludes: ["secretary"],
    });
  });
});
