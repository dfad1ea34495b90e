/**
 * Whether a candidate meets the township's eligibility rules (资格审查): age on the election date,
 * political status, local tie. Each finding names its rule and carries the rule's source, so the reply
 * can cite the document (or the township's own note). Pure: no I/O.
 */
import type { Candidate, CandidateStatus } from "./candidate.js";
import type { EffectiveRules, RuleSource } from "./rules/effective.js";
import type { Post, RuleKey } from "./rules/types.js";
import { isLeapYear } from "./time.js";
import type { LocalDate } from "./township.js";

function parts(date: LocalDate): [number, number, number] {
  const [y, m, d] = date.split("-").map(Number);
  return [y ?? Number.NaN, m ?? Number.NaN, d ?? Number.NaN];
}

/**
 * Age in completed years (周岁) on `onDate`. Someone born on 29 February has their birthday on 1 March
 * in non-leap years, as Chinese practice counts it (a person born 2000-02-29 turns 1 on 2001-03-01),
 * so "35周岁以下" lasts until the day before 1 March of the 36th year.
 */
export function ageOn(birthDate: LocalDate, onDate: LocalDate): number {
  const [by, bm, bd] = parts(birthDate);
  const [oy, om, od] = parts(onDate);
  const [birthdayMonth, birthdayDay] = bm === 2 && bd === 29 && !isLeapYear(oy) ? [3, 1] : [bm, bd];
  const hadBirthday = om > birthdayMonth || (om === birthdayMonth && od >= birthdayDay);
  return oy - by - (hadBirthday ? 0 : 1);
}

export const FINDING_CODES = [
  "age-ok",
  "age-over-limit",
  "age-relaxation-not-for-post",
  "age-relaxation-part-time-only",
  "age-over-relaxed-limit",
  "age-relaxed-needs-reason",
  "age-relaxed-ok",
  "age-relaxed-ok-no-condition",
  "political-status-ok",
  "political-status",
  "local-tie-ok",
  "local-tie",
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export interface Finding {
  rule: RuleKey;
  ok: boolean;
  code: FindingCode;
  params: Record<string, string | number>;
  source: RuleSource;
}

export type EligibilityInput = Pick<
  Candidate,
  "birthDate" | "politicalStatus" | "localTie" | "post" | "commitment" | "relaxationReason"
>;

/** Posts that are part-time by nature; a part-time commitment on any post counts as one of them. */
const PART_TIME_POSTS: Post[] = ["parttime-deputy", "member"];

const within = (age: number, limit: { years: number; inclusive: boolean }) =>
  limit.inclusive ? age <= limit.years : age < limit.years;

function ageFinding(input: EligibilityInput, rules: EffectiveRules, electionDate: LocalDate): Finding | null {
  const max = rules.maxAge;
  // A limit its document sets for other posts (新港's names the added deputies and members, 广元's the
  // secretary) does not reach this candidate.
  if (!max || (max.scope && !max.scope.posts.includes(input.post))) return null;
  const age = ageOn(input.birthDate, electionDate);
  const limit = max.value.years;
  if (within(age, max.value))
    return { rule: "maxAge", ok: true, code: "age-ok", params: { age, limit }, source: max.source };

  const relaxed = rules.relaxedMaxAge;
  if (!relaxed)
    return { rule: "maxAge", ok: false, code: "age-over-limit", params: { age, limit }, source: max.source };
  const { appliesTo } = relaxed.value;
  const params = { age, limit, relaxed: relaxed.value.years };
  const applies =
    appliesTo === "all" ||
    appliesTo.includes(input.post) ||
    (input.commitment === "parttime" && appliesTo.some((p) => PART_TIME_POSTS.includes(p)));
  const finding = (ok: boolean, code: FindingCode): Finding => ({
    rule: "relaxedMaxAge",
    ok,
    code,
    params,
    source: relaxed.source,
  });
  // The relaxation does not reach this post: the plain limit is what the candidate fails.
  if (!applies)
    return { rule: "maxAge", ok: false, code: "age-relaxation-not-for-post", params, source: max.source };
  // The documents relax the limit for part-time cadres: serving full-time, the candidate is held to it.
  if (relaxed.value.partTimeOnly && input.commitment === "fulltime")
    return { rule: "maxAge", ok: false, code: "age-relaxation-part-time-only", params, source: max.source };
  if (!within(age, relaxed.value)) return finding(false, "age-over-relaxed-limit");
  // The relaxation is an exception the documents tie to a condition ("特别优秀", "特殊情况"): it must be on record.
  if (relaxed.value.needsReason === false) return finding(true, "age-relaxed-ok-no-condition");
  if (!input.relaxationReason?.trim()) return finding(false, "age-relaxed-needs-reason");
  return finding(true, "age-relaxed-ok");
}

export function eligibilityFor(
  input: EligibilityInput,
  rules: EffectiveRules,
  electionDate: LocalDate,
): { eligible: boolean; findings: Finding[] } {
  const findings: Finding[] = [];
  const age = ageFinding(input, rules, electionDate);
  if (age) findings.push(age);

  const status = rules.politicalStatus;
  if (status) {
    const ok = status.value.allowed.includes(input.politicalStatus);
    findings.push({
      rule: "politicalStatus",
      ok,
      code: ok ? "political-status-ok" : "political-status",
      params: { status: input.politicalStatus, allowed: status.value.allowed.join(",") },
      source: status.source,
    });
  }

  const tie = rules.localTie;
  if (tie?.value.required) {
    findings.push({
      rule: "localTie",
      ok: input.localTie,
      code: input.localTie ? "local-tie-ok" : "local-tie",
      params: {},
      source: tie.source,
    });
  }
  return { eligible: findings.every((f) => f.ok), findings };
}

/**
 * Candidates as the rules in force judge them on this election date. One marked eligible (or nominated,
 * or formal) when entered who fails the rules now — the township changed its rules, its election date
 * or set its own value since — counts as ineligible, so the list, the slate check and the papers never
 * count them as running. Elected, appointed, withdrawn and ineligible candidates stay as recorded.
 */
export function judgedNow<C extends EligibilityInput & { status: CandidateStatus }>(
  candidates: readonly C[],
  rules: EffectiveRules,
  electionDate: LocalDate,
): C[] {
  return candidates.map((c) =>
    (c.status === "nominated" || c.status === "eligible" || c.status === "formal") && !eligibilityFor(c, rules, electionDate).eligible
      ? { ...c, status: "ineligible" as const }
      : c,
  );
}
