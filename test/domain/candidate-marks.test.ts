import { describe, expect, it } from "vitest";
import type { Candidate, CandidateStatus } from "../../src/domain/candidate.js";
import { markedNow, markPool, markTargets, markViolations, statusChanges } from "../../src/domain/candidate-marks.js";
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

  it("formal list: per post at least the seats × 1.2 (nanshan), cited; without a surplus rule, the seats", () => {
    const nanshan = plan("nanshan");
    expect(markTargets(nanshan)).toEqual([
      { post: "secretary", seats: 1, needed: 2 },
      { post: "parttime-deputy", seats: 2, needed: 3 },
      { post: "member", seats: 6, needed: 8 },
    ]);
    const pool = slate("eligible", { secretary: 2, "parttime-deputy": 3, member: 8 });
    expect(markViolations("formalCandidates", "formal", ids(pool), pool, nanshan)).toEqual([]);
    const short = markViolations("formalCandidates", "formal", ids(pool).slice(0, -1), pool, nanshan);
    expect(short).toEqual([
      {
        code: "formal-too-few",
        params: { field: "formalCandidates", post: "member", seats: 6, count: 7, needed: 8 },
        rule: "candidateSurplusMin",
        source: PROFILES.nanshan.rules.candidateSurplusMin!.citation,
      },
    ]);
    // Jiyang states no surplus: 7 members for 6 seats is enough, 5 is not (and no rule is cited).
    const jiyang = plan("jiyang");
    expect(markViolations("formalCandidates", "formal", ids(pool).slice(0, -1), pool, jiyang)).toEqual([]);
    const five = markViolations("formalCandidates", "formal", ids(pool).slice(0, -3), pool, jiyang);
    expect(five).toEqual([{ code: "formal-too-few", params: { field: "formalCandidates", post: "member", seats: 6, count: 5, needed: 6 } }]);
  });

  it("election: at most the seats per post (a seat may stay vacant), from a competitive field; too many are refused", () => {
    const p = plan("nanshan");
    const formal = slate("formal", { secretary: 2, "parttime-deputy": 3, member: 8 });
    const bySeat = [formal[0]!, formal[2]!, formal[3]!, ...formal.slice(5, 11)];
    expect(markViolations("elected", "elected", ids(bySeat), formal, p)).toEqual([]);
    const tooMany = markViolations("elected", "elected", [...ids(bySeat), formal[11]!.id], formal, p);
    expect(tooMany).toEqual([{ code: "elected-over-seats", params: { field: "elected", post: "member", seats: 6, count: 7 } }]);
    // One member seat left vacant.
    expect(markViolations("elected", "elected", ids(bySeat).slice(0, -1), formal, p)).toEqual([]);
    // A formal candidate for a deputy seat withdrew after the list: 2 left for 2 seats is not 差额.
    const withdrawn = formal.map((c, i) => (i === 4 ? { ...c, status: "withdrawn" as const } : c));
    const unfair = markViolations("elected", "elected", ids(bySeat), withdrawn, p);
    expect(unfair).toEqual([
      {
        code: "election-not-competitive",
        params: { field: "elected", post: "parttime-deputy", seats: 2, candidates: 2, needed: 3 },
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
