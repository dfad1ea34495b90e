/**
 * Does the township's plan and list of candidates satisfy the composition rules (数量结构, 差额)?
 * Each check reports its figures so the reply can say "6 of 13 are 编制外, the rule asks 50%", and
 * its source so it can cite the document. Shares are compared with integers only. Pure: no I/O.
 */
import type { Candidate } from "./candidate.js";
import type { EffectiveRules, RuleSource } from "./rules/effective.js";
import type { Post, RuleKey, RuleValues } from "./rules/types.js";
import { leaderSeats, type PlannedSeats, type TownshipPlan, totalSeats } from "./township.js";

export const SLATE_CODES = [
  "committee-size-ok",
  "committee-size-too-small",
  "committee-size-too-large",
  "leader-share-ok",
  "leader-share-too-high",
  "non-establishment-share-ok",
  "non-establishment-share-too-low",
  "party-members-ok",
  "party-members-too-few",
  "candidate-surplus-ok",
  "candidate-surplus-too-few",
  "candidate-surplus-election-ok",
  "candidate-surplus-election-too-few",
  "posts-filled-ok",
  "posts-filled-too-few",
  "nomination-channels-ok",
  "nomination-channels-any",
  "nomination-channels-missing",
] as const;
export type SlateCode = (typeof SLATE_CODES)[number];

export interface SlateCheck {
  rule: RuleKey | "postsFilled";
  ok: boolean;
  code: SlateCode;
  figures: Record<string, number>;
  /** For the per-post checks (candidate surplus, posts filled). */
  post?: Post;
  /** Absent for "postsFilled", which no document states: a post without candidates cannot be filled. */
  source?: RuleSource;
}

/** What the slate checks read of a candidate: the overview loads only this for thousands of townships. */
export type SlateCandidate = Pick<
  Candidate,
  "status" | "establishment" | "politicalStatus" | "post" | "channel"
>;

export interface SlateReport {
  ok: boolean;
  checks: SlateCheck[];
}

export const SEATS_OF_POST: Record<Post, keyof PlannedSeats> = {
  secretary: "secretary",
  "fulltime-deputy": "fulltimeDeputies",
  "parttime-deputy": "parttimeDeputies",
  member: "members",
};

/** Ratios such as 0.5 or 0.2 as integer parts per 10 000, so 6/13 vs 50% is decided without floats. */
const perTenThousand = (ratio: number) => Math.round(ratio * 10_000);

/**
 * Under a surplus rule counted over the election as a whole (南山: 「高于拟选配街道团工委委员数量20%」):
 * the members to be chosen, the posts filled otherwise and not counted (its secretary, appointed by
 * the Party working committee), and the fewest candidates the election needs (13 → 16). Undefined
 * where the rule counts per post. The slate check and the checklist's ticking both read this.
 */
export function electionSurplus(
  seats: PlannedSeats,
  surplus: RuleValues["candidateSurplusMin"],
): { seats: number; excludes: Post[]; needed: number } | undefined {
  if (surplus.over !== "election") return undefined;
  const members = totalSeats(seats);
  return { seats: members, excludes: surplus.excludes ?? [], needed: candidatesNeeded(members, surplus) };
}

/** How many of `candidates` an election-wide surplus counts: everyone but the posts it leaves out. */
export function countedForElection(candidates: readonly Pick<Candidate, "post">[], excludes: readonly Post[]): number {
  return candidates.filter((c) => !excludes.includes(c.post)).length;
}

/**
 * The fewest candidates a post with `seats` seats may go to the election with under the surplus rule
 * (差额): ceil(seats × (1 + minRatio)) in integers (10 seats × 1.2 → 12; 13 × 1.2 = 15.6 → 16), and
 * at least one more than the seats where the rule says "more than".
 */
export function candidatesNeeded(seats: number, surplus: RuleValues["candidateSurplusMin"]): number {
  const scaled = seats * (10_000 + perTenThousand(surplus.minRatio));
  return Math.max(Math.ceil(scaled / 10_000), surplus.strictlyMore ? seats + 1 : 0);
}

/**
 * Everyone still in the running counts as a candidate. The composition (编制外 share, Party members) is
 * that of the people elected once any are; before the election, that of the slate on offer.
 */
function pools(candidates: readonly SlateCandidate[]) {
  const running = candidates.filter((c) => c.status !== "withdrawn" && c.status !== "ineligible");
  const chosen = running.filter((c) => c.status === "elected" || c.status === "appointed");
  const slate = running.filter(
    (c) => c.status === "nominated" || c.status === "eligible" || c.status === "formal",
  );
  return { running, composition: chosen.length > 0 ? chosen : slate };
}

export function checkSlate(
  candidates: readonly SlateCandidate[],
  plan: Pick<TownshipPlan, "seats">,
  rules: EffectiveRules,
): SlateReport {
  const checks: SlateCheck[] = [];
  const { running, composition } = pools(candidates);
  const members = totalSeats(plan.seats);

  const size = rules.committeeSize;
  if (size) {
    const { min, max } = size.value;
    const code =
      members < min
        ? "committee-size-too-small"
        : members > max
          ? "committee-size-too-large"
          : "committee-size-ok";
    checks.push({
      rule: "committeeSize",
      ok: code === "committee-size-ok",
      code,
      figures: { members, min, max },
      source: size.source,
    });
  }

  const leaderShare = rules.leaderShareMax;
  if (leaderShare) {
    const { numerator, denominator } = leaderShare.value;
    const leaders = leaderSeats(plan.seats);
    const ok = leaders * denominator <= numerator * members;
    checks.push({
      rule: "leaderShareMax",
      ok,
      code: ok ? "leader-share-ok" : "leader-share-too-high",
      figures: { leaders, members, numerator, denominator },
      source: leaderShare.source,
    });
  }

  const outsideShare = rules.nonEstablishmentShareMin;
  if (outsideShare) {
    const outside = composition.filter((c) => c.establishment === "outside").length;
    const total = composition.length;
    const min = perTenThousand(outsideShare.value.ratio);
    // An empty slate has no share to speak of: it does not meet the rule yet.
    const ok = total > 0 && outside * 10_000 >= min * total;
    checks.push({
      rule: "nonEstablishmentShareMin",
      ok,
      code: ok ? "non-establishment-share-ok" : "non-establishment-share-too-low",
      figures: { outside, total, minPercent: min / 100 },
      source: outsideShare.source,
    });
  }

  const party = rules.partyMembersMin;
  if (party) {
    // Probationary members count: Party statistics include them (党员总数含预备党员).
    const partyMembers = composition.filter(
      (c) => c.politicalStatus === "party-member" || c.politicalStatus === "probationary-party-member",
    ).length;
    const ok = partyMembers >= party.value.count;
    checks.push({
      rule: "partyMembersMin",
      ok,
      code: ok ? "party-members-ok" : "party-members-too-few",
      figures: { partyMembers, min: party.value.count, total: composition.length },
      source: party.source,
    });
  }

  const surplus = rules.candidateSurplusMin;
  const whole = surplus && electionSurplus(plan.seats, surplus.value);
  const overElection = whole !== undefined;
  if (surplus && whole) {
    // The whole election against all the members to be chosen, without the posts filled otherwise.
    const count = countedForElection(running, whole.excludes);
    const ok = count >= whole.needed;
    checks.push({
      rule: "candidateSurplusMin",
      ok,
      code: ok ? "candidate-surplus-election-ok" : "candidate-surplus-election-too-few",
      figures: { seats: whole.seats, candidates: count, needed: whole.needed },
      source: surplus.source,
    });
  }
  for (const post of Object.keys(SEATS_OF_POST) as Post[]) {
    const seats = plan.seats[SEATS_OF_POST[post]];
    if (seats <= 0) continue;
    // A post filled otherwise than by this election (南山's secretary, appointed by the Party working
    // committee) needs no candidates on the slate.
    if (whole?.excludes.includes(post)) continue;
    const count = running.filter((c) => c.post === post).length;
    if (surplus && !overElection) {
      const needed = candidatesNeeded(seats, surplus.value);
      const ok = count >= needed;
      checks.push({
        rule: "candidateSurplusMin",
        ok,
        code: ok ? "candidate-surplus-ok" : "candidate-surplus-too-few",
        figures: { seats, candidates: count, needed },
        post,
        source: surplus.source,
      });
    }
    const filled = count >= seats;
    checks.push({
      rule: "postsFilled",
      ok: filled,
      code: filled ? "posts-filled-ok" : "posts-filled-too-few",
      figures: { seats, candidates: count },
      post,
    });
  }

  const channels = rules.nominationChannels;
  if (channels && channels.value.channels.length > 0) {
    const figures: Record<string, number> = {};
    for (const channel of channels.value.channels)
      figures[channel] = running.filter((c) => c.channel === channel).length;
    // A missing channel fails only where the document requires every one (三种途径缺一不可).
    const required = channels.value.required ?? "all";
    const every = Object.values(figures).every((n) => n > 0);
    const ok = required === "any" || every;
    checks.push({
      rule: "nominationChannels",
      ok,
      // Where any channel will do, a channel with nobody is fine, and said to be allowed, not filled.
      code: every ? "nomination-channels-ok" : ok ? "nomination-channels-any" : "nomination-channels-missing",
      figures,
      source: channels.source,
    });
  }

  return { ok: checks.every((c) => c.ok), checks };
}
