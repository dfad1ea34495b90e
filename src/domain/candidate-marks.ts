/**
 * Three checklist steps decide who moves on: the formal candidate list (正式候选人), the election
 * (当选) and the appointment (任命). Recording such a step, the secretary ticks the people it decided;
 * their candidate status follows. Here: who can be ticked at each step, which statuses change, and
 * what the rules refuse (the 差额 surplus of formal candidates, as many elected as there are seats),
 * with the rule's citation where a document states it. Pure: no I/O.
 */
import type { Candidate, CandidateStatus } from "./candidate.js";
import type { Violation } from "./checklist/index.js";
import { effectiveRules } from "./rules/effective.js";
import { POSTS, type Post } from "./rules/types.js";
import { candidatesNeeded, countedForElection, electionSurplus, SEATS_OF_POST } from "./slate.js";
import type { TownshipPlan } from "./township.js";

export type MarkedStatus = "formal" | "elected" | "appointed";

interface Mark {
  /** Who can be ticked: these statuses, and those already holding the mark (a step recorded again). */
  from: CandidateStatus[];
  /** An offered candidate holding the mark and not ticked any more goes back to this status. */
  back: CandidateStatus;
  /** Statuses that already went past the mark (an elected candidate was a formal one). */
  beyond: CandidateStatus[];
}

const MARKS: Record<MarkedStatus, Mark> = {
  formal: { from: ["nominated", "eligible"], back: "eligible", beyond: ["elected", "appointed"] },
  elected: { from: ["formal"], back: "formal", beyond: ["appointed"] },
  appointed: { from: ["elected"], back: "elected", beyond: [] },
};

export interface StatusChange {
  candidateId: string;
  from: CandidateStatus;
  to: CandidateStatus;
}

const POST_ORDER = (a: Candidate, b: Candidate) => POSTS.indexOf(a.post) - POSTS.indexOf(b.post);

/** The candidates a step offers to tick, by post (secretary first), in the order they were entered. */
export function markPool(mark: MarkedStatus, candidates: readonly Candidate[]): Candidate[] {
  const offered = [...MARKS[mark].from, mark];
  return candidates.filter((c) => offered.includes(c.status)).sort(POST_ORDER);
}

/** Those holding the mark now: ticked at first when a step is recorded again. */
export function markedNow(mark: MarkedStatus, candidates: readonly Candidate[]): string[] {
  return markPool(mark, candidates)
    .filter((c) => c.status === mark)
    .map((c) => c.id);
}

/** The status changes a choice makes: the ticked get the mark, the unticked who held it go back. */
export function statusChanges(mark: MarkedStatus, candidates: readonly Candidate[], chosen: readonly string[]): StatusChange[] {
  const picked = new Set(chosen);
  const changes: StatusChange[] = [];
  for (const c of markPool(mark, candidates)) {
    const to = picked.has(c.id) ? mark : c.status === mark ? MARKS[mark].back : c.status;
    if (to !== c.status) changes.push({ candidateId: c.id, from: c.status, to });
  }
  return changes;
}

export interface MarkTarget {
  post: Post;
  seats: number;
  /** For the formal list: the fewest formal candidates the post needs (the seats where the surplus is not per post). */
  needed: number;
}

/**
 * Per post with seats: the seats and the formal candidates needed (what the pick prompt tells the
 * secretary). Under a whole-election surplus a post needs its seats only, and a post the rule leaves
 * out (南山's secretary, appointed by the Party working committee) is not offered a target at all.
 */
export function markTargets(plan: TownshipPlan): MarkTarget[] {
  const surplus = effectiveRules(plan).candidateSurplusMin;
  const whole = surplus && electionSurplus(plan.seats, surplus.value);
  return POSTS.map((post) => ({ post, seats: plan.seats[SEATS_OF_POST[post]] }))
    .filter((t) => t.seats > 0 && !whole?.excludes.includes(t.post))
    .map((t) => ({ ...t, needed: surplus && !whole ? candidatesNeeded(t.seats, surplus.value) : t.seats }));
}

/** Under a whole-election surplus: the members to be chosen and the formal candidates the election needs. */
export function markElectionTarget(plan: TownshipPlan): { seats: number; needed: number } | undefined {
  const surplus = effectiveRules(plan).candidateSurplusMin;
  const whole = surplus && electionSurplus(plan.seats, surplus.value);
  return whole && { seats: whole.seats, needed: whole.needed };
}

/**
 * What refuses ticking `chosen` for `mark` (field `field` of the step): someone no longer on offer
 * (withdrawn or changed meanwhile); nobody ticked while there is someone to tick; and per post —
 * formal list: at least the seats, and the surplus rule's number where the plan has one (cited) —
 * per post, or over the whole election where the rule says so (南山, then once for the election);
 * election: no more elected than seats (a seat may stay vacant), from a field of candidates that meets the surplus rule (差额,
 * cited); appointment: only elected people, so never more than the seats. With nobody to offer and
 * nobody ticked (a township that keeps its candidates outside the assistant) there is nothing to check.
 */
export function markViolations(
  field: string,
  mark: MarkedStatus,
  chosen: readonly string[],
  candidates: readonly Candidate[],
  plan: TownshipPlan,
): Violation[] {
  const pool = markPool(mark, candidates);
  if (pool.length === 0 && chosen.length === 0) return [];
  const byId = new Map(pool.map((c) => [c.id, c]));
  const unavailable = chosen.filter((id) => !byId.has(id));
  if (unavailable.length > 0) {
    const names = unavailable.map((id) => candidates.find((c) => c.id === id)?.name).filter((n) => n !== undefined);
    return [{ code: "mark-unavailable", params: { field, count: unavailable.length, names: names.join("、") } }];
  }
  if (chosen.length === 0) return [{ code: "mark-none", params: { field } }];

  const picked = chosen.map((id) => byId.get(id)!);
  const inPost = (list: readonly Candidate[], post: Post) => list.filter((c) => c.post === post).length;
  const beyond = candidates.filter((c) => MARKS[mark].beyond.includes(c.status));
  const surplus = effectiveRules(plan).candidateSurplusMin;
  const cited = surplus && { rule: surplus.key, source: surplus.source };
  // 南山 counts the surplus over the whole election, as the slate check does (one function for both).
  const whole = surplus && electionSurplus(plan.seats, surplus.value);
  const out: Violation[] = [];

  for (const post of POSTS) {
    const seats = plan.seats[SEATS_OF_POST[post]];
    const count = inPost(picked, post) + inPost(beyond, post);
    if (seats === 0) {
      if (inPost(picked, post) > 0) out.push({ code: "mark-post-without-seats", params: { field, post, count } });
      continue;
    }
    if (mark === "formal") {
      // A post the whole-election rule leaves out is filled otherwise: no formal candidates asked for it.
      if (whole?.excludes.includes(post)) continue;
      const needed = surplus && !whole ? candidatesNeeded(seats, surplus.value) : seats;
      if (count < needed)
        out.push({ code: "formal-too-few", params: { field, post, seats, count, needed }, ...(whole ? {} : cited) });
    } else if (mark === "elected") {
      // Fewer may be elected than there are seats (a seat left vacant when nobody won enough votes).
      if (count > seats) out.push({ code: "elected-over-seats", params: { field, post, seats, count } });
      if (whole) continue;
      // 差额: the field of candidates the election was held among (formal, elected, appointed ones).
      const running = inPost(pool, post) + inPost(beyond, post);
      const needed = surplus ? candidatesNeeded(seats, surplus.value) : 0;
      if (surplus && running < needed)
        out.push({ code: "election-not-competitive", params: { field, post, seats, candidates: running, needed }, ...cited });
    } else if (count > seats) {
      out.push({ code: "appointed-over-seats", params: { field, post, seats, count } });
    }
  }
  if (whole && mark === "formal") {
    const count = countedForElection(picked, whole.excludes) + countedForElection(beyond, whole.excludes);
    if (count < whole.needed)
      out.push({ code: "formal-too-few-election", params: { field, seats: whole.seats, count, needed: whole.needed }, ...cited });
  } else if (whole && mark === "elected") {
    const running = countedForElection(pool, whole.excludes) + countedForElection(beyond, whole.excludes);
    if (running < whole.needed)
      out.push({
        code: "election-not-competitive-election",
        params: { field, seats: whole.seats, candidates: running, needed: whole.needed },
        ...cited,
      });
  }
  return out;
}
