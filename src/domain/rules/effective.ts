/**
 * The rules that actually apply to one township: its profile's records, with the values the township
 * set itself overriding them. Every consumer (eligibility, slate, checklist, reminders) reads rules
 * through here, so each value arrives with its source: a document citation, or the township's own note.
 * Pure: no I/O.
 */
import type { TownshipPlan } from "../township.js";
import { PROFILES } from "./profiles.js";
import type {
  Bilingual,
  Citation,
  RuleModality,
  RuleScope,
  NominationChannel,
  PoliticalStatus,
  Post,
  RuleKey,
  RuleValues,
} from "./types.js";

/** A value the township set itself; `note` says on what authority (e.g. the county committee's notice). */
export interface CustomSource {
  custom: true;
  note?: string;
  /** The profile's citation this value replaces, so the reply can say what the documents said. */
  replaces?: Citation;
}

export type RuleSource = Citation | CustomSource;

export function isCustomSource(source: RuleSource): source is CustomSource {
  return "custom" in source;
}

export interface EffectiveRule<K extends RuleKey = RuleKey> {
  key: K;
  value: RuleValues[K];
  /** The document's; a value the township set itself is a requirement for every post. */
  modality?: RuleModality;
  scope?: RuleScope;
  summary: Bilingual;
  source: RuleSource;
}

export type EffectiveRules = { [K in RuleKey]?: EffectiveRule<K> };

/** A profile's own rules, made once: most townships set no values of their own, and sweeps ask for thousands. */
const profileRules = new Map<string, Readonly<EffectiveRules>>();

export function effectiveRules(
  plan: Pick<TownshipPlan, "profileId" | "customRules" | "customNote"> & { name?: string; townshipName?: string },
): Readonly<EffectiveRules> {
  const hasOwn = plan.customRules !== undefined && Object.keys(plan.customRules).length > 0;
  if (hasOwn) return inOwnWords(buildRules(plan), plan);
  let rules = profileRules.get(plan.profileId);
  if (!rules) {
    rules = Object.freeze(buildRules(plan));
    profileRules.set(plan.profileId, rules);
  }
  return inOwnWords(rules, plan);
}

/**
 * A document's sentence that names its own place (吉阳镇's 「须为吉阳镇户籍…」) says the rule for another
 * township in that township's name: a form in 某镇 asks about 某镇户籍, not 吉阳镇's.
 */
function inOwnWords(
  rules: Readonly<EffectiveRules>,
  plan: { profileId: TownshipPlan["profileId"]; name?: string; townshipName?: string },
): Readonly<EffectiveRules> {
  const name = plan.name ?? plan.townshipName;
  const place = PROFILES[plan.profileId].place.zh;
  const tie = rules.localTie;
  const own = place.match(/[^省市区县州]+(?:镇|乡|街道)$/u)?.[0];
  if (!name || !tie || !own || name === own || isCustomSource(tie.source) || !tie.summary.zh.includes(own)) return rules;
  const summary = tie.value.required
    ? { zh: `须为${name}户籍或在${name}长期居住、工作。`, en: `Must hold household registration in ${name}, or live or work there long-term.` }
    : tie.summary;
  return { ...rules, localTie: { ...tie, summary } };
}

function buildRules(plan: Pick<TownshipPlan, "profileId" | "customRules" | "customNote">): EffectiveRules {
  const result: EffectiveRules = {};
  const set = <K extends RuleKey>(key: K, rule: EffectiveRule<K>) => {
    (result as Record<K, EffectiveRule<K>>)[key] = rule;
  };
  for (const record of Object.values(PROFILES[plan.profileId].rules)) {
    if (record)
      set(record.key, {
        key: record.key,
        value: record.value,
        summary: record.summary,
        source: record.citation,
        modality: record.modality,
        ...(record.scope ? { scope: record.scope } : {}),
      });
  }
  for (const key of Object.keys(plan.customRules ?? {}) as RuleKey[]) {
    const value = plan.customRules?.[key];
    if (value === undefined) continue;
    const replaces = result[key]?.source;
    const source: CustomSource = { custom: true };
    if (plan.customNote) source.note = plan.customNote;
    if (replaces && !isCustomSource(replaces)) source.replaces = replaces;
    set(key, { key, value, summary: describeRule(key, value), source } as EffectiveRule<typeof key>);
  }
  return result;
}

export function ruleValue<K extends RuleKey>(rules: EffectiveRules, key: K): RuleValues[K] | undefined {
  return rules[key]?.value as RuleValues[K] | undefined;
}

// Summaries for values a township set itself: the documents' own sentences no longer fit.

const POST_NAMES: Record<Post, Bilingual> = {
  secretary: { zh: "书记", en: "secretary" },
  "fulltime-deputy": { zh: "专职副书记", en: "full-time deputy secretary" },
  "parttime-deputy": { zh: "兼职副书记", en: "part-time deputy secretary" },
  member: { zh: "委员", en: "member" },
};
const STATUS_NAMES: Record<PoliticalStatus, Bilingual> = {
  "party-member": { zh: "中共党员", en: "CPC member" },
  "probationary-party-member": { zh: "中共预备党员", en: "probationary CPC member" },
  "league-member": { zh: "共青团员", en: "League member" },
  other: { zh: "群众及其他", en: "other" },
};
const CHANNEL_NAMES: Record<NominationChannel, Bilingual> = {
  organisation: { zh: "组织推荐", en: "organisation nomination" },
  "joint-signature": { zh: "团员青年联名推荐", en: "joint nomination by League members and young people" },
  self: { zh: "个人自荐", en: "self-nomination" },
  democratic: { zh: "民主推荐", en: "democratic recommendation" },
};

function list<T extends string>(items: T[], names: Record<T, Bilingual>): Bilingual {
  return { zh: items.map((i) => names[i].zh).join("、"), en: items.map((i) => names[i].en).join(", ") };
}

const percent = (ratio: number) => Math.round(ratio * 10000) / 100;

const DESCRIBE: { [K in RuleKey]: (v: RuleValues[K]) => Bilingual } = {
  maxAge: (v) => ({
    zh: `年龄${v.inclusive ? `${v.years}周岁以下` : `不满${v.years}周岁`}。`,
    en: v.inclusive ? `Candidates must be ${v.years} or younger.` : `Candidates must be under ${v.years}.`,
  }),
  relaxedMaxAge: (v) => {
    const posts = v.appliesTo === "all" ? { zh: "所有职务", en: "all posts" } : list(v.appliesTo, POST_NAMES);
    return {
      zh: `${v.condition.zh}年龄可放宽到${v.inclusive ? `${v.years}周岁以下` : `不满${v.years}周岁`}(适用:${posts.zh})。`,
      en: `For ${v.condition.en}, the age limit is relaxed to ${v.inclusive ? `${v.years} or younger` : `under ${v.years}`} (applies to: ${posts.en}).`,
    };
  },
  politicalStatus: (v) => {
    const names = list(v.allowed, STATUS_NAMES);
    return { zh: `政治面貌须为:${names.zh}。`, en: `Political status must be one of: ${names.en}.` };
  },
  localTie: (v) =>
    v.required
      ? {
          zh: "须为本地户籍或在本地长期居住、工作。",
          en: "Must hold local household registration, or live or work there long-term.",
        }
      : { zh: "不要求本地户籍或居住、工作。", en: "No local registration, residence or work is required." },
  committeeSize: (v) =>
    v.min === v.max
      ? { zh: `团委设委员${v.min}名。`, en: `The committee has ${v.min} members.` }
      : { zh: `团委由${v.min}—${v.max}名委员组成。`, en: `The committee has ${v.min}–${v.max} members.` },
  seats: (v) => {
    const parts: [number | undefined, string, string][] = [
      [v.total, "委员", "members"],
      [v.secretary, "书记", "secretary"],
      [v.fulltimeDeputies, "专职副书记", "full-time deputies"],
      [v.parttimeDeputies, "兼职副书记", "part-time deputies"],
    ];
    const given = parts.filter((p): p is [number, string, string] => p[0] !== undefined);
    return {
      zh: `职数:${given.map(([n, zh]) => `${zh}${n}名`).join(",")}。`,
      en: `Seats: ${given.map(([n, , en]) => `${n} ${en}`).join(", ")}.`,
    };
  },
  leaderShareMax: (v) => ({
    zh: `书记、副书记数量不超过委员数量的${v.denominator}分之${v.numerator}。`,
    en: `Secretary and deputies together at most ${v.numerator}/${v.denominator} of the members.`,
  }),
  nonEstablishmentShareMin: (v) => ({
    zh: `编制外人员所占比例不低于${percent(v.ratio)}%。`,
    en: `At least ${percent(v.ratio)}% of the members are from outside the establishment.`,
  }),
  partyMembersMin: (v) => ({
    zh: `中共党员不少于${v.count}人。`,
    en: `At least ${v.count} members are CPC members.`,
  }),
  candidateSurplusMin: (v) =>
    v.minRatio === 0
      ? { zh: "候选人数多于职数(差额)。", en: "More candidates than seats (competitive election)." }
      : {
          zh: `正式候选人数高于职数${percent(v.minRatio)}%${v.strictlyMore ? ",且多于职数" : ""}。`,
          en: `Formal candidates at least ${percent(v.minRatio)}% more than the seats${v.strictlyMore ? ", and more than the seats" : ""}.`,
        },
  nominationChannels: (v) => {
    const names = list(v.channels, CHANNEL_NAMES);
    const min = v.jointSignaturesMin;
    return {
      zh: `候选人通过${names.zh}产生${min === undefined ? "" : `(联名不少于${min}人)`}。`,
      en: `Candidates come from: ${names.en}${min === undefined ? "" : ` (joint nominations need at least ${min} signatures)`}.`,
    };
  },
  publicityDaysMin: (v) => ({
    zh: `宣传发动时间不少于${v.days}天。`,
    en: `Publicity and mobilisation runs at least ${v.days} days.`,
  }),
  preAppointmentNoticeDays: (v) => ({
    zh: `任前公示${v.days}天。`,
    en: `The pre-appointment public notice lasts ${v.days} days.`,
  }),
  speechMinutesMax: (v) => ({
    zh: `竞职演讲不超过${v.minutes}分钟。`,
    en: `Each election speech lasts at most ${v.minutes} minutes.`,
  }),
  scoring: (v) => ({
    zh: `评委按${v.scale}分制打分,取平均分。`,
    en: `Judges score out of ${v.scale}; the average counts.`,
  }),
  completionDeadline: (v) => ({
    zh: `党委换届结束后${v.monthsAfterPartyElection}个月内完成团的组织格局创新。`,
    en: `The restructuring finishes within ${v.monthsAfterPartyElection} month(s) after the Party committee's election.`,
  }),
  committeeMeetingEvery: (v) => ({
    zh: `每${v.months}个月召开1次全体委员例会。`,
    en: `The full committee meets once every ${v.months} months.`,
  }),
  annualWorkReport: (v) => ({
    zh: `团委班子每年述职${v.perYear}次。`,
    en: `The committee reports on its work ${v.perYear} time(s) a year.`,
  }),
  partyCommitteeHearing: (v) => ({
    zh: `党委每年至少听取${v.perYear}次团委专题汇报。`,
    en: `The Party committee hears a League work report at least ${v.perYear} time(s) a year.`,
  }),
};

export function describeRule<K extends RuleKey>(key: K, value: RuleValues[K]): Bilingual {
  return (DESCRIBE[key] as (v: RuleValues[K]) => Bilingual)(value);
}
