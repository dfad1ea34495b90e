import { describe, expect, it } from "vitest";
import type { Candidate, CandidateStatus, Establishment } from "../../src/domain/candidate.js";
import { effectiveRules } from "../../src/domain/rules/effective.js";
import { PROFILES } from "../../src/domain/rules/profiles.js";
import type {
  NominationChannel,
  PoliticalStatus,
  Post,
  ProfileId,
  RuleKey,
} from "../../src/domain/rules/types.js";
import { checkSlate, type SlateCheck } from "../../src/domain/slate.js";
import { candidate } from "../fixtures/candidates.js";
import type { PlannedSeats, TownshipPlan } from "../../src/domain/township.js";

const many = (n: number, overrides: Partial<Candidate> = {}) =>
  Array.from({ length: n }, () => candidate(overrides));

function plan(
  profileId: ProfileId,
  seats: PlannedSeats,
  customRules?: TownshipPlan["customRules"],
): TownshipPlan {
  return {
    id: "t1",
    province: "四川省",
    city: "攀枝花市",
    county: "东区",
    name: "南山街道",
    kind: "subdistrict",
    profileId,
    seats,
    customRules,
  };
}
const NANSHAN_SEATS: PlannedSeats = { secretary: 1, fulltimeDeputies: 0, parttimeDeputies: 3, members: 9 };

function run(
  profileId: ProfileId,
  seats: PlannedSeats,
  candidates: Candidate[],
  customRules?: TownshipPlan["customRules"],
) {
  const p = plan(profileId, seats, customRules);
  return checkSlate(candidates, p, effectiveRules(p));
}
const find = (checks: SlateCheck[], rule: RuleKey | "postsFilled", post?: Post) =>
  checks.find((c) => c.rule === rule && (post === undefined || c.post === post));

describe("committee size", () => {
  it.each([
    [
      "nanshan",
      { ...NANSHAN_SEATS, members: 8 },
      "committee-size-too-small",
      { members: 12, min: 13, max: 13 },
    ],
    ["nanshan", NANSHAN_SEATS, "committee-size-ok", { members: 13, min: 13, max: 13 }],
    [
      "nanshan",
      { ...NANSHAN_SEATS, members: 10 },
      "committee-size-too-large",
      { members: 14, min: 13, max: 13 },
    ],
    [
      "jiyang",
      { secretary: 1, fulltimeDeputies: 1, parttimeDeputies: 1, members: 5 },
      "committee-size-too-small",
      { members: 8, min: 9, max: 15 },
    ],
    [
      "jiyang",
      { secretary: 1, fulltimeDeputies: 1, parttimeDeputies: 1, members: 6 },
      "committee-size-ok",
      { members: 9, min: 9, max: 15 },
    ],
    [
      "jiyang",
      { secretary: 1, fulltimeDeputies: 1, parttimeDeputies: 1, members: 12 },
      "committee-size-ok",
      { members: 15, min: 9, max: 15 },
    ],
    [
      "jiyang",
      { secretary: 1, fulltimeDeputies: 1, parttimeDeputies: 1, members: 13 },
      "committee-size-too-large",
      { members: 16, min: 9, max: 15 },
    ],
  ] as const)("%s %j → %s", (profileId, seats, code, figures) => {
    const check = find(run(profileId, seats, []).checks, "committeeSize");
    expect(check).toMatchObject({ ok: code === "committee-size-ok", code, figures });
    expect(check?.source).toEqual(PROFILES[profileId].rules.committeeSize?.citation);
  });
});

describe("leaders' share (jiyang: at most one third)", () => {
  it.each([
    [{ secretary: 1, fulltimeDeputies: 2, parttimeDeputies: 2, members: 10 }, true, 5],
    [{ secretary: 1, fulltimeDeputies: 2, parttimeDeputies: 3, members: 9 }, false, 6],
    [{ secretary: 1, fulltimeDeputies: 1, parttimeDeputies: 1, members: 6 }, true, 3], // 3 of 9, exactly one third
    [{ secretary: 1, fulltimeDeputies: 1, parttimeDeputies: 2, members: 7 }, false, 4], // 4 of 11
  ])("%j → %s", (seats, ok, leaders) => {
    const members = seats.secretary + seats.fulltimeDeputies + seats.parttimeDeputies + seats.members;
    expect(find(run("jiyang", seats, []).checks, "leaderShareMax")).toMatchObject({
      ok,
      code: ok ? "leader-share-ok" : "leader-share-too-high",
      figures: { leaders, members, numerator: 1, denominator: 3 },
    });
  });
});

describe("nanshan composition: 编制外 at least 50%, at least 3 Party members", () => {
  const slate = (outside: number, partyMembers: number, status: CandidateStatus = "formal") =>
    Array.from({ length: 13 }, (_, i) =>
      candidate({
        establishment: (i < outside ? "outside" : "inside") as Establishment,
        politicalStatus: (i >= 13 - partyMembers ? "party-member" : "league-member") as PoliticalStatus,
        status,
      }),
    );

  it.each([
    [6, false],
    [7, true],
    [13, true],
    [0, false],
  ])("%i 编制外 of 13 → %s", (outside, ok) => {
    expect(
      find(run("nanshan", NANSHAN_SEATS, slate(outside, 3)).checks, "nonEstablishmentShareMin"),
    ).toMatchObject({
      ok,
      code: ok ? "non-establishment-share-ok" : "non-establishment-share-too-low",
      figures: { outside, total: 13, minPercent: 50 },
    });
  });

  it("counts 6 of 12 as exactly 50% (the boundary is included)", () => {
    const check = find(
      run("nanshan", NANSHAN_SEATS, slate(6, 3).slice(0, 12)).checks,
      "nonEstablishmentShareMin",
    );
    expect(check).toMatchObject({ ok: true, figures: { outside: 6, total: 12 } });
  });

  it("does not pass an empty slate", () => {
    expect(find(run("nanshan", NANSHAN_SEATS, []).checks, "nonEstablishmentShareMin")?.ok).toBe(false);
  });

  it.each([
    [2, false],
    [3, true],
  ])("%i Party members → %s", (count, ok) => {
    expect(find(run("nanshan", NANSHAN_SEATS, slate(7, count)).checks, "partyMembersMin")).toMatchObject({
      ok,
      code: ok ? "party-members-ok" : "party-members-too-few",
      figures: { partyMembers: count, min: 3, total: 13 },
    });
  });

  it("counts probationary Party members", () => {
    const candidates = [
      ...many(2, { politicalStatus: "party-member" }),
      candidate({ politicalStatus: "probationary-party-member" }),
    ];
    expect(find(run("nanshan", NANSHAN_SEATS, candidates).checks, "partyMembersMin")?.ok).toBe(true);
  });

  it("ignores withdrawn and ineligible candidates, and judges the elected once there are any", () => {
    const withdrawn = many(3, { establishment: "inside", status: "withdrawn" });
    const ineligible = many(3, { establishment: "inside", status: "ineligible" });
    const before = run("nanshan", NANSHAN_SEATS, [...slate(7, 3), ...withdrawn, ...ineligible]).checks;
    expect(find(before, "nonEstablishmentShareMin")?.figures).toEqual({
      outside: 7,
      total: 13,
      minPercent: 50,
    });

    // After the vote: 13 elected (6 编制外) and 3 unsuccessful 编制外 candidates.
    const after = run("nanshan", NANSHAN_SEATS, [
      ...slate(6, 3, "elected"),
      ...many(3, { status: "formal" }),
    ]).checks;
    expect(find(after, "nonEstablishmentShareMin")).toMatchObject({
      ok: false,
      figures: { outside: 6, total: 13 },
    });
  });
});

describe("formal candidates (差额)", () => {
  // 南山: "按照高于拟选配街道团工委委员数量20%的比例确定正式候选人": over the election as a whole, and
  // the secretary is appointed directly by the Party working committee, so no secretary candidate counts.
  it.each([
    // elected candidates (parttime deputies + members), needed for 13 members to choose
    [15, false],
    [16, true],
  ] as const)(
    "nanshan, 13 members to choose: %i formal candidates → %s (13 × 1.2 = 15.6 → 16)",
    (count, ok) => {
      const candidates = [
        candidate({ post: "secretary" }),
        ...many(4, { post: "parttime-deputy" }),
        ...many(count - 4, { post: "member" }),
      ];
      const checks = run("nanshan", NANSHAN_SEATS, candidates).checks.filter(
        (c) => c.rule === "candidateSurplusMin",
      );
      expect(checks).toEqual([
        {
          rule: "candidateSurplusMin",
          ok,
          code: ok ? "candidate-surplus-election-ok" : "candidate-surplus-election-too-few",
          figures: { seats: 13, candidates: count, needed: 16 },
          source: PROFILES.nanshan.rules.candidateSurplusMin?.citation,
        },
      ]);
    },
  );

  it("nanshan: candidates for the directly appointed secretary do not make up the election's surplus", () => {
    const candidates = [
      ...many(3, { post: "secretary" }),
      ...many(4, { post: "parttime-deputy" }),
      ...many(11, { post: "member" }),
    ];
    expect(find(run("nanshan", NANSHAN_SEATS, candidates).checks, "candidateSurplusMin")).toMatchObject({
      ok: false,
      figures: { seats: 13, candidates: 15, needed: 16 },
    });
  });

  it("with a custom 差额 rule (more candidates than seats), 3 seats need 4", () => {
    const seats = { secretary: 0, fulltimeDeputies: 0, parttimeDeputies: 3, members: 0 };
    const custom = { candidateSurplusMin: { minRatio: 0, strictlyMore: true } };
    const three = find(
      run("jiyang", seats, many(3, { post: "parttime-deputy" }), custom).checks,
      "candidateSurplusMin",
    );
    expect(three).toMatchObject({
      ok: false,
      figures: { seats: 3, candidates: 3, needed: 4 },
      source: { custom: true },
    });
    const four = find(
      run("jiyang", seats, many(4, { post: "parttime-deputy" }), custom).checks,
      "candidateSurplusMin",
    );
    expect(four?.ok).toBe(true);
  });

  it("checks every planned post has at least as many candidates as seats, even without a surplus rule", () => {
    const seats = { secretary: 1, fulltimeDeputies: 1, parttimeDeputies: 1, members: 6 };
    const checks = run("xingang", seats, [candidate({ post: "secretary" }), ...many(5)]).checks;
    expect(checks.filter((c) => c.rule === "postsFilled")).toEqual([
      {
        rule: "postsFilled",
        ok: true,
        code: "posts-filled-ok",
        figures: { seats: 1, candidates: 1 },
        post: "secretary",
      },
      {
        rule: "postsFilled",
        ok: false,
        code: "posts-filled-too-few",
        figures: { seats: 1, candidates: 0 },
        post: "fulltime-deputy",
      },
      {
        rule: "postsFilled",
        ok: false,
        code: "posts-filled-too-few",
        figures: { seats: 1, candidates: 0 },
        post: "parttime-deputy",
      },
      {
        rule: "postsFilled",
        ok: false,
        code: "posts-filled-too-few",
        figures: { seats: 6, candidates: 5 },
        post: "member",
      },
    ]);
    expect(find(checks, "candidateSurplusMin")).toBeUndefined();
  });
});

describe("nomination channels", () => {
  const withChannels = (channels: NominationChannel[]) => channels.map((channel) => candidate({ channel }));
  it.each([
    [
      "jiyang",
      ["organisation", "joint-signature", "self"],
      true,
      { organisation: 1, "joint-signature": 1, self: 1 },
    ],
    // 吉阳 "可以通过…等渠道产生" and 新港 "通过青年自荐、组织推荐的形式" name channels, not require each.
    [
      "jiyang",
      ["organisation", "organisation", "self"],
      true,
      { organisation: 2, "joint-signature": 0, self: 1 },
    ],
    // 南山 "坚持组织推荐、民主推荐和个人自荐三种途径相结合": every one of its three, 民主推荐 its own
    // channel (no 联名推荐): without a democratic recommendation the slate misses one.
    ["nanshan", ["organisation", "democratic", "self"], true, { organisation: 1, democratic: 1, self: 1 }],
    ["nanshan", ["organisation", "self"], false, { organisation: 1, democratic: 0, self: 1 }],
    ["nanshan", ["organisation", "joint-signature", "self"], false, { organisation: 1, democratic: 0, self: 1 }],
    ["xingang", ["organisation", "self"], true, { self: 1, organisation: 1 }],
    ["xingang", ["self", "self"], true, { self: 2, organisation: 0 }],
  ] as const)("%s: %j → %s", (profileId, channels, ok, figures) => {
    const check = find(
      run(profileId, NANSHAN_SEATS, withChannels([...channels])).checks,
      "nominationChannels",
    );
    const every = Object.values(figures).every((n) => n > 0);
    // Every channel with someone, or (where any will do) some empty but allowed, or one missing.
    expect(check).toMatchObject({ ok, code: every ? "nomination-channels-ok" : ok ? "nomination-channels-any" : "nomination-channels-missing" });
    expect(check?.figures).toEqual(figures);
  });

  it("has no channel check where the profile lists none (sichuan)", () => {
    expect(find(run("sichuan", NANSHAN_SEATS, []).checks, "nominationChannels")).toBeUndefined();
  });
});

describe("posts filled otherwise than by the election", () => {
  it("asks no slate candidates for 南山's secretary, appointed by the Party working committee", () => {
    const report = run("nanshan", NANSHAN_SEATS, many(13, { post: "member" }));
    const posts = report.checks.filter((c) => c.rule === "postsFilled").map((c) => c.post);
    expect(posts).not.toContain("secretary");
    expect(posts).toContain("parttime-deputy");
  });
});

describe("checkSlate overall", () => {
  it("passes a full nanshan slate and reports only the rules the profile has", () => {
    const candidates = [
      ...many(2, {
        post: "secretary",
        channel: "organisation",
        politicalStatus: "party-member",
        establishment: "inside",
      }),
      ...many(4, { post: "parttime-deputy", channel: "organisation", politicalStatus: "party-member" }),
      ...many(10, { post: "member", channel: "self" }),
      ...many(2, { post: "member", channel: "democratic" }),
    ];
    const report = run("nanshan", NANSHAN_SEATS, candidates);
    expect(report.ok).toBe(true);
    expect([...new Set(report.checks.map((c) => c.rule))].sort()).toEqual([
      "candidateSurplusMin",
      "committeeSize",
      "nominationChannels",
      "nonEstablishmentShareMin",
      "partyMembersMin",
      "postsFilled",
    ]);
  });

  it("fails when any check fails", () => {
    expect(run("nanshan", NANSHAN_SEATS, many(13)).ok).toBe(false);
  });
});
