import { describe, expect, it } from "vitest";
import type { Candidate, CandidateStatus } from "../../src/domain/candidate.js";
import { markedNow, markElectionTarget, markPool, markTargets, markViolations, statusChanges } from "../../src/domain/candidate-marks.js";
import { PROFILES } from "../../src/domain/rules/profiles.js";
import type { Post, ProfileId } from "../../src/domain/rules/types.js";
import type { TownshipPlan } from "../../src/domain/township.js";
import { candidate } from "../fixtures/candidates.js";

const plan = (profileId: ProfileId): TownshipPlan => ({
  id: "t1",
  province: "四川省",
  city: "攀枝花市",
  county: "东区",
  name: "南山街道",
  kind: "subdistrict",
  profileId,
  seats: { secretary: 1, fulltimeDeputies: 0, parttimeDeputies: 2, members: 6 },
});

const make = (post: Post, status: CandidateStatus): Candidate =>
  candidate({ post, status, commitment: post === "secretary" ? "fulltime" : "parttime" });

/** `counts` per post, all with one status. */
function slate(status: CandidateStatus, counts: Partial<Record<Post, number>>): Candidate[] {
  return (Object.entries(counts) as [Post, number][]).flatMap(([post, n]) => Array.from({ length: n }, () => make(post, status)));
}
const ids = (list: Candidate[]) => list.map((c) => c.id);
const codes = (violations: { code: string }[]) => violations.map((v) => v.code);

describe("ticking candidates", () => {
  it("offers each step its own pool, secretary first, and ticks those who already hold the mark", () => {
    const list = [make("member", "eligible"), make("secretary", "nominated"), make("member", "formal"), make("member", "withdrawn"), make("member", "elected")];
    expect(markPool("formal", list).map((c) => c.status)).toEqual(["nominated", "eligible", "formal"]);
    expect(markPool("elected", list).map((c) => c.status)).toEqual(["formal", "elected"]);
    expect(markedNow("formal", list)).toEqual([list[2]!.id]);
    expect(markPool("appointed", list).map((c) => c.status)).toEqual(["elected"]);
  });

  it("changes only what the choice changes: the ticked get the mark, the unticked who held it go back", () => {
    const [a, b, c] = [make("member", "eligible"), make("member", "formal"), make("member", "nominated")];
    expect(statusChanges("formal", [a, b, c], [a.id])).toEqual([
      { candidateId: a.id, from: "eligible", to: "formal" },
      { candidateId: b.id, from: "formal", to: "eligible" },
    ]);
    // Recorded again with the same choice: nothing changes.
    expect(statusChanges("formal", [a, b, c], [b.id])).toEqual([]);
  });

  // 南山: 「正式候选人按照高于拟选配街道团工委委员数量20%的比例」 — over the whole election, and its
  // secretary is appointed by the Party working committee (not elected, not counted).
  it("formal list under 南山: 13 members → at least 16 formal candidates over the whole election, the secretary not counted", () => {
    const thirteen = { ...plan("nanshan"), seats: { secretary: 1, fulltimeDeputies: 0, parttimeDeputies: 2, members: 10 } };
    expect(markElectionTarget(thirteen)).toEqual({ seats: 13, needed: 16 });
    // Per post only the seats, and no target for the appointed secretary.
    expect(markTargets(thirteen)).toEqual([
      { post: "parttime-deputy", seats: 2, needed: 2 },
      { post: "member", seats: 10, needed: 10 },
    ]);
    // 16 formal candidates however they spread over the posts (3 + 13 or 2 + 14) is enough; a
    // secretary candidate ticked besides does not count towards them.
    const pool = slate("eligible", { secretary: 1, "parttime-deputy": 3, member: 14 });
    const [secretary, d1, d2, d3, ...members] = pool;
    expect(markViolations("formalCandidates", "formal", ids([d1!, d2!, d3!, ...members.slice(0, 13)]), pool, thirteen)).toEqual([]);
    expect(markViolations("formalCandidates", "formal", ids([d1!, d2!, ...members]), pool, thirteen)).toEqual([]);
    const fifteen = markViolations("formalCandidates", "formal", ids([secretary!, d1!, d2!, ...members.slice(0, 13)]), pool, thirteen);
    expect(fifteen).toEqual([
      {
        code: "formal-too-few-election",
        params: { field: "formalCandidates", seats: 13, count: 15, needed: 16 },
        rule: "candidateSurplusMin",
        source: PROFILES.nanshan.rules.candidateSurplusMin!.citation,
      },
    ]);
    // Each elected post still needs candidates for its seats: 1 deputy for 2 seats is refused.
    const oneDeputy = markViolations("formalCandidates", "formal", ids([d1!, ...members]), pool, thirteen);
    expect(oneDeputy).toEqual([
      { code: "formal-too-few", params: { field: "formalCandidates", post: "parttime-deputy", seats: 2, count: 1, needed: 2 } },
      {
        code: "formal-too-few-election",
        params: { field: "formalCandidates", seats: 13, count: 15, needed: 16 },
        rule: "candidateSurplusMin",
        source: PROFILES.nanshan.rules.candidateSurplusMin!.citation,
      },
    ]);
  });

  it("formal list without a surplus rule (吉阳): per post at least the seats, no rule cited", () => {
    const jiyang = plan("jiyang");
    expect(markElectionTarget(jiyang)).toBeUndefined();
    const pool = slate("eligible", { secretary: 2, "parttime-deputy": 3, member: 8 });
    expect(markViolations("formalCandidates", "formal", ids(pool).slice(0, -1), pool, jiyang)).toEqual([]);
    const five = markViolations("formalCandidates", "formal", ids(pool).slice(0, -3), pool, jiyang);
    expect(five).toEqual([{ code: "formal-too-few", params: { field: "formalCandidates", post: "member", seats: 6, count: 5, needed: 6 } }]);
  });

  it("election under 南山: at most the seats per post (a seat may stay vacant), from a field competitive over the whole election", () => {
    const p = plan("nanshan"); // 9 members → at least 11 formal candidates (10.8 rounded up), the secretary not counted
    const formal = slate("formal", { secretary: 1, "parttime-deputy": 3, member: 8 });
    const bySeat = [formal[0]!, formal[1]!, formal[2]!, ...formal.slice(4, 10)];
    expect(markViolations("elected", "elected", ids(bySeat), formal, p)).toEqual([]);
    const tooMany = markViolations("elected", "elected", [...ids(bySeat), formal[10]!.id], formal, p);
    expect(tooMany).toEqual([{ code: "elected-over-seats", params: { field: "elected", post: "member", seats: 6, count: 7 } }]);
    // One member seat left vacant.
    expect(markViolations("elected", "elected", ids(bySeat).slice(0, -1), formal, p)).toEqual([]);
    // A deputy candidate withdrew after the list: 2 for 2 deputy seats is fine per post, but 10
    // formal candidates for the election's 9 members is fewer than the 11 南山 asks.
    const withdrawn = formal.map((c, i) => (i === 3 ? { ...c, status: "withdrawn" as const } : c));
    const unfair = markViolations("elected", "elected", ids(bySeat), withdrawn, p);
    expect(unfair).toEqual([
      {
        code: "election-not-competitive-election",
        params: { field: "elected", seats: 9, candidates: 10, needed: 11 },
        rule: "candidateSurplusMin",
        source: PROFILES.nanshan.rules.candidateSurplusMin!.citation,
      },
    ]);
  });

  it("refuses nobody ticked, someone no longer on offer, and a post without seats", () => {
    const p = plan("recommended");
    const pool = [...slate("elected", { member: 2 }), make("fulltime-deputy", "elected")];
    expect(codes(markViolations("appointed", "appointed", [], pool, p))).toEqual(["mark-none"]);
    const gone = { ...pool[0]!, status: "withdrawn" as const };
    expect(markViolations("appointed", "appointed", [gone.id], [gone, pool[1]!], p)).toEqual([
      { code: "mark-unavailable", params: { field: "appointed", count: 1, names: gone.name } },
    ]);
    expect(codes(markViolations("appointed", "appointed", [pool[2]!.id], pool, p))).toEqual(["mark-post-without-seats"]);
    // Nobody to offer and nobody ticked: a township keeping its candidates elsewhere.
    expect(markViolations("appointed", "appointed", [], [], p)).toEqual([]);
  });
});
