/**
 * The rule parameters of the restructuring, as data. Every record carries the document, section and
 * exact quote it comes from, so the validator, the checklist, the reminders and the Q&A all cite
 * the same words. Pure types: no I/O here.
 */

export const DOC_IDS = [
  "sichuan-speech",
  "kuanzhuang-reflection",
  "jiyang-plan",
  "xingang-plan",
  "nanshan-plan",
] as const;
export type DocId = (typeof DOC_IDS)[number];

/** Text in both interface languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** Where a rule comes from: `quote` is an exact substring of section `section` of document `doc`. */
export interface Citation {
  doc: DocId;
  section: string;
  quote: string;
}

export const POSTS = ["secretary", "fulltime-deputy", "parttime-deputy", "member"] as const;
export type Post = (typeof POSTS)[number];

export const POLITICAL_STATUSES = [
  "party-member", // 中共党员
  "probationary-party-member", // 中共预备党员
  "league-member", // 共青团员
  "other", // 群众 and others
] as const;
export type PoliticalStatus = (typeof POLITICAL_STATUSES)[number];

/**
 * 民主推荐 (`democratic`, a recommendation by the members' vote: 南山) is a channel of its own, not
 * 团员青年联名推荐 (`joint-signature`, a nomination signed by a number of members: 吉阳). Stored as text,
 * so adding one needs no migration.
 */
export const NOMINATION_CHANNELS = ["organisation", "joint-signature", "self", "democratic"] as const;
export type NominationChannel = (typeof NOMINATION_CHANNELS)[number];

/** The value shape of each rule, by key. */
export interface RuleValues {
  /** Age in completed years (周岁) on the election date; `inclusive` true for "以下". */
  maxAge: { years: number; inclusive: boolean };
  /** A higher limit allowed only with a recorded reason (e.g. "特别优秀的兼职干部人选可放宽到40岁以下"). */
  /**
   * `partTimeOnly`: the documents relax the limit for part-time cadres (兼职干部), so a candidate on
   * one of the posts who serves full-time is not reached by it.
   */
  relaxedMaxAge: {
    years: number;
    inclusive: boolean;
    appliesTo: Post[] | "all";
    partTimeOnly?: boolean;
    condition: Bilingual;
    /**
     * Whether using the relaxation needs a reason on record: a condition beyond the post (吉阳's
     * 「特别优秀」, 新港's 「特殊情况」) does; 南山's, which names only the part-time cadres, does not.
     */
    needsReason?: boolean;
  };
  politicalStatus: { allowed: PoliticalStatus[] };
  /** Candidates must have 户籍 in the township, or live or work there long-term. */
  localTie: { required: boolean };
  committeeSize: { min: number; max: number };
  /** Planned composition, where a document fixes it (e.g. 1 secretary, 3 part-time deputies). */
  seats: { secretary?: number; fulltimeDeputies?: number; parttimeDeputies?: number; total?: number };
  /** Secretary + deputies as a share of all members, at most numerator/denominator (inclusive). */
  leaderShareMax: { numerator: number; denominator: number };
  /** 编制外 members as a share of all members, at least `ratio` (inclusive). */
  nonEstablishmentShareMin: { ratio: number };
  partyMembersMin: { count: number };
  /** Formal candidates at least seats × (1 + minRatio); `minRatio` 0 means "more candidates than seats" (差额). */
  /**
   * `over`: "election" counts the formal candidates of the whole election against all the members to
   * be chosen (南山: 高于拟选配委员数量20%, 13 → 16), leaving out `excludes`, posts filled without an
   * election (a secretary appointed directly); "post" (the default) counts each post on its own.
   */
  candidateSurplusMin: {
    minRatio: number;
    strictlyMore: boolean;
    over?: "election" | "post";
    excludes?: Post[];
  };
  /**
   * `required`: "all" when the document requires every channel (三种途径缺一不可, 坚持…三种途径相结合),
   * "any" when it only names the channels candidates may come through (可以通过…等渠道); default "all".
   */
  nominationChannels: {
    channels: NominationChannel[];
    jointSignaturesMin?: number;
    required?: "all" | "any";
  };
  publicityDaysMin: { days: number };
  preAppointmentNoticeDays: { days: number };
  speechMinutesMax: { minutes: number };
  scoring: { scale: number; method: "average" };
  /** The whole restructuring finishes within this many months after the township Party committee's election. */
  completionDeadline: { monthsAfterPartyElection: number };
  committeeMeetingEvery: { months: number };
  annualWorkReport: { perYear: number };
  partyCommitteeHearing: { perYear: number };
}
export type RuleKey = keyof RuleValues;

/**
 * How binding a rule is: a requirement (must), the normal case (should: 一般, 原则上), a permission
 * (may), or one city's practice a speech reports (practice: no limit for anyone else).
 */
export type RuleModality = "must" | "should" | "may" | "practice";

/** Whom a rule applies to, where its document says (新港's 33 names the added deputies and members). */
export interface RuleScope {
  posts: Post[];
}

export interface RuleRecord<K extends RuleKey = RuleKey> {
  key: K;
  value: RuleValues[K];
  modality: RuleModality;
  /** Absent: every post. */
  scope?: RuleScope;
  /** One short sentence stating the rule, in both languages, numbers as in the quote. */
  summary: Bilingual;
  citation: Citation;
}

export type ProfileId = "jiyang" | "xingang" | "nanshan" | "sichuan" | "recommended";

export interface RuleProfile {
  id: ProfileId;
  name: Bilingual;
  /** The place the profile's rules were written for. */
  place: Bilingual;
  /** Why this profile is shaped as it is (for the recommended default: how each value was chosen). */
  basis: Bilingual;
  rules: { [K in RuleKey]?: RuleRecord<K> };
}
