/**
 * One composer per question kind, over the curated facts. Each returns the answer's sentences, the
 * facts it rests on (their quotes become the citations) and the numbers it derived (shown with their
 * arithmetic), or nothing when the facts do not answer the question (the passages get a try then).
 * Rule values come from the rule profiles (src/domain/rules), the same records the validator reads.
 */
import { joinList, type Locale, translate } from "../i18n/index.js";
import { type EffectiveRules, isCustomSource } from "../domain/rules/effective.js";
import { PROFILES } from "../domain/rules/profiles.js";
import type { Post, RuleKey } from "../domain/rules/types.js";
import { candidatesNeeded } from "../domain/slate.js";
import { FACTS, type Fact } from "./facts.js";
import { PLACE_OF_DOC, PLACES, PLAN_PLACES, type PlaceId, type QuestionAnalysis } from "./question.js";
import { normalizeText, tokenize } from "./tokenize.js";
import type { TopicId } from "./topics.js";

export interface Composed {
  lines: string[];
  facts: Fact[];
  /** Numbers the answer states that no quote holds: results of the arithmetic it shows. */
  derived: number[];
}

/** A registered user's township: the place whose plan it follows, and its rules with its own /plan values. */
export interface Asker {
  place?: PlaceId;
  rules?: Readonly<EffectiveRules>;
}

const FACT_BY_ID = new Map(FACTS.map((f) => [f.id, f]));
/** The facts about each topic, in FACTS' order. */
const FACTS_BY_TOPIC = new Map<string, Fact[]>();
for (const fact of FACTS)
  for (const topic of new Set(fact.about)) FACTS_BY_TOPIC.set(topic, [...(FACTS_BY_TOPIC.get(topic) ?? []), fact]);
const factById = (id: string) => FACT_BY_ID.get(id)!;
const placeName = (lang: Locale, p: PlaceId) => translate(lang, `kb-locality-${p}`);
const docName = (lang: Locale, p: PlaceId) => translate(lang, `kb-place-${p}`);

export function compose(a: QuestionAnalysis, question: string, asker: Asker = {}): Composed | undefined {
  if (!a.topic) return undefined;
  if (a.kind === "compute" || a.kind === "compare" || a.ages.length > 0) {
    const computed = computeFor(a, question, asker);
    if (computed) return computed;
  }
  const first = composeFacts(a, question, asker);
  if (!first || !a.also) return first;
  const second = composeFacts({ ...a, topic: a.also }, question, asker);
  if (!second) return first;
  return {
    lines: [...first.lines, ...second.lines],
    facts: [...first.facts, ...second.facts],
    derived: [...first.derived, ...second.derived],
  };
}

// ── Facts by place ──────────────────────────────────────────────────────────────────────────────

/** Questions that want the topic's figure: a place without one is silent on the question. */
const WANTS_FIGURE = new Set(["value", "whether", "compare", "compute", "when"]);

function composeFacts(a: QuestionAnalysis, question: string, asker: Asker): Composed | undefined {
  const topic = a.topic!;
  const lang = a.lang;
  const wantsFigure = topic.perPlace === true && WANTS_FIGURE.has(a.kind);
  // Each place's facts are asked for several times while the answer is composed: picked out once.
  const onTopic = (FACTS_BY_TOPIC.get(topic.id) ?? []).filter((f) => a.within.every((name) => f.zh.includes(name) || f.quote.includes(name)));
  const ofPlace = new Map<PlaceId, Fact[]>();
  const held = new Map<PlaceId, Fact[]>();
  const of = (p: PlaceId): Fact[] => {
    const known = ofPlace.get(p);
    if (known) return known;
    const facts = onTopic.filter((f) => PLACE_OF_DOC[f.doc] === p);
    ofPlace.set(p, facts);
    return facts;
  };
  const holds = (p: PlaceId): Fact[] => {
    const known = held.get(p);
    if (known) return known;
    const facts = of(p).filter((f) => !wantsFigure || f.figure);
    held.set(p, facts);
    return facts;
  };
  const lines: string[] = [];
  const facts: Fact[] = [];
  const say = (p: PlaceId, chosen: Fact[]) => {
    const picked = narrowed(chosen, topic.id as TopicId, question, lang);
    lines.push(
      translate(lang, "kb-fact-line", {
        place: docName(lang, p),
        text: picked.map((f) => f[lang]).join(lang === "zh" ? "" : " "),
      }),
    );
    facts.push(...picked);
  };
  const silence = (p: PlaceId) => {
    lines.push(translate(lang, "kb-silent", { place: placeName(lang, p), what: topic.label[lang] }));
    const own = of(p);
    if (own.length > 0) say(p, own);
  };
  const others = (except: PlaceId[]) => {
    const speaking = PLACES.filter((p) => !except.includes(p) && holds(p).length > 0);
    if (speaking.length === 0) return;
    lines.push(translate(lang, "kb-others-say"));
    for (const p of speaking) say(p, holds(p));
  };

  if (a.within.length > 0 && a.places.every((p) => of(p).length === 0)) return undefined;
  if (a.places.length > 0) {
    const silent = a.places.filter((p) => holds(p).length === 0);
    // A place whose document speaks of this only in passing, or a topic plans need not set: the passages may know.
    if (
      silent.some((p) => !PLAN_PLACES.includes(p) || !topic.perPlace || (!wantsFigure && of(p).length === 0))
    )
      return undefined;
    for (const p of silent) silence(p);
    for (const p of a.places.filter((p) => !silent.includes(p))) say(p, holds(p));
    if (silent.length > 0) others(a.places);
    return { lines, facts, derived: [] };
  }

  const home = asker.place;
  const derived: number[] = [];
  if (home) {
    const custom = customLine(a, asker);
    // The township's own value is the asker's, not the documents': its figures need no quote.
    if (custom) {
      lines.push(custom);
      derived.push(...(custom.match(/\d+(\.\d+)?/g) ?? []).map(Number));
    }
    if (holds(home).length > 0) {
      lines.push(translate(lang, "kb-yours", { place: docName(lang, home) }));
      say(home, holds(home));
    } else if (topic.perPlace && PLAN_PLACES.includes(home)) {
      lines.push(translate(lang, "kb-yours-silent", { place: docName(lang, home), what: topic.label[lang] }));
    }
    const before = lines.length;
    others([home]);
    if (lines.length === before && facts.length === 0) return undefined;
    return { lines, facts, derived };
  }

  const speaking = PLACES.filter((p) => holds(p).length > 0);
  if (speaking.length === 0) return undefined;
  for (const p of speaking) say(p, holds(p));
  return { lines, facts, derived: [] };
}

/** The township's own value from /plan, when it set one for the rule this topic reads. */
function customLine(a: QuestionAnalysis, asker: Asker): string | undefined {
  for (const key of (a.topic?.rules ?? []) as RuleKey[]) {
    const rule = asker.rules?.[key];
    if (rule && isCustomSource(rule.source))
      return translate(a.lang, "kb-yours-custom", { rule: rule.summary[a.lang] });
  }
  return undefined;
}

/**
 * Of several facts of one place, the ones the question's own words point to (the training phase of
 * four, the pre-job training among a city committee's duties): a fact scores by the question's terms
 * it holds, and more when the topic is what it is mainly about, or when it lists the items a list
 * question asks for. Up to three facts are kept as they are: a limit and its relaxation answer together.
 */
function narrowed(facts: Fact[], topic: TopicId, question: string, lang: Locale): Fact[] {
  if (facts.length <= 1) return facts;
  const terms = tokenize(question).filter((t) => t.length >= 2);
  const asksList = LIST_WORDS.test(question);
  const score = (f: Fact) => {
    const text = normalizeText(`${f.quote} ${f.zh} ${lang === "en" ? f.en : ""}`);
    return (
      terms.filter((t) => text.includes(t)).length +
      (f.about[0] === topic ? 2 : 0) +
      (asksList && f.items ? 3 : 0)
    );
  };
  const ranked = facts
    .map((f, i) => ({ f, i, score: score(f) }))
    .sort(
      (x, y) => y.score - x.score || MODALITY_RANK[x.f.modality] - MODALITY_RANK[y.f.modality] || x.i - y.i,
    );
  if (facts.length <= 3) return ranked.map((r) => r.f);
  const best = ranked[0]!.score;
  return ranked
    .filter((r) => r.score === best)
    .slice(0, 3)
    .map((r) => r.f);
}

/** What binds comes before what is allowed, practised elsewhere or described. */
const MODALITY_RANK: Record<Fact["modality"], number> = {
  must: 0,
  should: 1,
  may: 2,
  practice: 3,
  example: 4,
  describes: 5,
};

const LIST_WORDS = /几个|几步|哪几|哪些|\b(phases|steps|stages)\b/i;

// ── Computations ────────────────────────────────────────────────────────────────────────────────

/** "Which is strictest / lowest": a question after the one locality whose limit is lowest. */
const STRICTEST = /最严|最低|最小的上限|哪个.{0,8}严|strictest|lowest|toughest/i;

/** "Can a 37-year-old …": a question whether someone of the asker's age may serve. */
const ELIGIBLE =
  /能不能|可不可以|可以吗|能吗|行吗|行不行|能当|可以当|能参选|符合|\bcan\b|allowed|eligible|\bjoin\b|\bbecome\b|too old/i;

function computeFor(a: QuestionAnalysis, question: string, asker: Asker): Composed | undefined {
  const topic = a.topic!.id as TopicId;
  const n = a.numbers[0];
  if (topic === "leaderShare" && n !== undefined) return leaders(a, n, asker);
  if (topic === "surplus" && n !== undefined) return surplus(a, n, asker);
  if (topic === "nonEst" && n !== undefined) return outside(a, n, asker);
  if (topic === "deadline" && a.date) return deadline(a, asker);
  if (topic === "publicity" && a.kind === "compare") return longerPublicity(a);
  if (topic === "age" && STRICTEST.test(question)) return strictestAge(a);
  const age = a.ages[0];
  if (topic === "age" && age !== undefined && age >= 14 && age <= 70 && ELIGIBLE.test(question))
    return ageVerdict(a, age, question, asker);
  return undefined;
}

/**
 * The lead of a computed answer whose rule is `from`'s: each named plan place without the rule is
 * said to be silent, then what its document does say on the point (its own facts on the topic, quoted);
 * asked by a registered user whose township follows another plan, that plan's silence comes first the
 * same way. Then "the others say", and the computation, which names its plan.
 */
function leadFor(a: QuestionAnalysis, from: PlaceId, asker: Asker): { lines: string[]; facts: Fact[] } {
  const lang = a.lang;
  const topic = a.topic!;
  const what = topic.label[lang];
  const lines: string[] = [];
  const facts: Fact[] = [];
  const ownWords = (p: PlaceId) => {
    const own = FACTS.filter((f) => f.about.includes(topic.id as TopicId) && PLACE_OF_DOC[f.doc] === p);
    if (own.length === 0) return;
    const picked = narrowed(own, topic.id as TopicId, "", lang);
    lines.push(
      translate(lang, "kb-fact-line", {
        place: docName(lang, p),
        text: picked.map((f) => f[lang]).join(lang === "zh" ? "" : " "),
      }),
    );
    facts.push(...picked);
  };
  const silent = a.places.filter((p) => p !== from && PLAN_PLACES.includes(p));
  for (const p of silent) {
    lines.push(translate(lang, "kb-silent", { place: placeName(lang, p), what }));
    ownWords(p);
  }
  const home = asker.place;
  const yours =
    a.places.length === 0 &&
    home !== undefined &&
    home !== from &&
    PLAN_PLACES.includes(home) &&
    customLine(a, asker) === undefined;
  if (yours) {
    lines.push(translate(lang, "kb-yours-silent", { place: docName(lang, home), what }));
    ownWords(home);
  }
  if (lines.length > 0) lines.push(translate(lang, "kb-others-say"));
  return { lines, facts };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function leaders(a: QuestionAnalysis, members: number, asker: Asker): Composed {
  const rule = PROFILES.jiyang.rules.leaderShareMax!.value;
  const exact = round2((members * rule.numerator) / rule.denominator);
  const result = Math.floor((members * rule.numerator) / rule.denominator);
  const lead = leadFor(a, "jiyang", asker);
  const lines = [
    ...lead.lines,
    translate(a.lang, "kb-compute-leaders", { members, exact: String(exact), result }),
  ];
  return {
    lines,
    facts: [...lead.facts, factById("jy-leaders")],
    derived: [members, exact, result, rule.numerator, rule.denominator],
  };
}

function surplus(a: QuestionAnalysis, seats: number, asker: Asker): Composed {
  const custom = asker.rules?.candidateSurplusMin;
  const value =
    custom && isCustomSource(custom.source)
      ? custom.value
      : PROFILES.nanshan.rules.candidateSurplusMin!.value;
  const result = candidatesNeeded(seats, value);
  const percent = Math.round(value.minRatio * 100);
  const exact = round2(seats * (1 + value.minRatio));
  const lead = leadFor(a, "nanshan", asker);
  const lines = [
    ...lead.lines,
    translate(a.lang, "kb-compute-surplus", { seats, percent, exact: String(exact), result }),
  ];
  return {
    lines,
    facts: [...lead.facts, factById("ns-surplus")],
    derived: [seats, exact, result, 1, percent],
  };
}

function outside(a: QuestionAnalysis, members: number, asker: Asker): Composed {
  const custom = asker.rules?.nonEstablishmentShareMin;
  const ratio =
    custom && isCustomSource(custom.source)
      ? custom.value.ratio
      : PROFILES.nanshan.rules.nonEstablishmentShareMin!.value.ratio;
  const percent = Math.round(ratio * 100);
  const exact = round2(members * ratio);
  const result = Math.ceil((members * percent) / 100);
  const lead = leadFor(a, "nanshan", asker);
  const lines = [
    ...lead.lines,
    translate(a.lang, "kb-compute-non-est", { members, percent, exact: String(exact), result }),
  ];
  return { lines, facts: [...lead.facts, factById("ns-nonest")], derived: [members, exact, result, percent] };
}

const EN_MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

function formatDate(lang: Locale, d: { year?: number; month: number; day: number }): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  if (lang === "zh") return `${d.year ? `${d.year}年` : ""}${d.month}月${d.day}日`;
  return d.year ? `${d.year}-${pad(d.month)}-${pad(d.day)}` : `${d.day} ${EN_MONTHS[d.month - 1]}`;
}

/** The same day `months` later, or the month's last day when it has no such day (1-31 → 2-28). */
export function addMonths(
  d: { year?: number; month: number; day: number },
  months: number,
): { year?: number; month: number; day: number } {
  const total = d.month - 1 + months;
  const month = (total % 12) + 1;
  const yearShift = Math.floor(total / 12);
  const year = d.year === undefined ? undefined : d.year + yearShift;
  const last = new Date(Date.UTC(year ?? 2001, month, 0)).getUTCDate();
  const out = { month, day: Math.min(d.day, last) };
  return year === undefined ? out : { year, ...out };
}

function deadline(a: QuestionAnalysis, asker: Asker): Composed {
  const months = PROFILES.jiyang.rules.completionDeadline!.value.monthsAfterPartyElection;
  const until = addMonths(a.date!, months);
  const lead = leadFor(a, "jiyang", asker);
  const lines = [
    ...lead.lines,
    translate(a.lang, "kb-compute-deadline", {
      months,
      from: formatDate(a.lang, a.date!),
      until: formatDate(a.lang, until),
    }),
  ];
  const d = a.date!;
  return {
    lines,
    facts: [...lead.facts, factById("jy-deadline")],
    derived: [d.year ?? 0, d.month, d.day, until.year ?? 0, until.month, until.day, months],
  };
}

function longerPublicity(a: QuestionAnalysis): Composed | undefined {
  const days = (p: PlaceId) =>
    PLAN_PLACES.includes(p) ? PROFILES[p as "jiyang"].rules.publicityDaysMin?.value.days : undefined;
  const named = a.places.length >= 2 ? a.places : PLAN_PLACES;
  const set = named.filter((p) => days(p) !== undefined).sort((x, y) => days(y)! - days(x)!);
  if (set.length < 2) return undefined;
  const [longer, shorter] = [set[0]!, set.at(-1)!];
  const [da, db] = [days(longer)!, days(shorter)!];
  const lines = [
    ...named
      .filter((p) => days(p) === undefined)
      .map((p) =>
        translate(a.lang, "kb-silent", { place: placeName(a.lang, p), what: a.topic!.label[a.lang] }),
      ),
    translate(a.lang, "kb-compute-longer", {
      longer: placeName(a.lang, longer),
      shorter: placeName(a.lang, shorter),
      a: da,
      b: db,
      diff: da - db,
    }),
  ];
  const facts = [longer, shorter].map((p) => factById(p === "jiyang" ? "jy-publicity" : "ns-publicity"));
  return { lines, facts, derived: [da - db] };
}

const AGE_FACT: Record<string, string> = { jiyang: "jy-age", xingang: "xg-age", nanshan: "ns-age" };

function strictestAge(a: QuestionAnalysis): Composed | undefined {
  const named = a.places.filter((p) => PLAN_PLACES.includes(p));
  const places = named.length >= 2 ? named : PLAN_PLACES;
  const limit = (p: PlaceId) => PROFILES[p as "jiyang"].rules.maxAge!.value.years;
  const sorted = [...places].sort((x, y) => limit(x) - limit(y));
  const strictest = sorted[0]!;
  const others = joinList(
    a.lang,
    sorted
      .slice(1)
      .map((p) => translate(a.lang, "kb-age-of", { place: placeName(a.lang, p), years: limit(p) })),
  );
  const lines = [
    translate(a.lang, "kb-compute-strictest", {
      place: placeName(a.lang, strictest),
      years: limit(strictest),
      others,
    }),
  ];
  return { lines, facts: sorted.map((p) => factById(AGE_FACT[p]!)), derived: [] };
}

const POST_WORDS: [RegExp, Post][] = [
  [/副书记|deputy/i, "parttime-deputy"],
  [/书记|secretary/i, "secretary"],
  [/委员|成员|member/i, "member"],
];
const PART_TIME = /兼职|编制外|part-time|part time/i;
const FULL_TIME = /专职|full-time|full time/i;

/**
 * Whether someone of the asker's age may serve, place by place, from each place's limit, its
 * relaxation and the posts its document names: within the limit; only under the relaxation's
 * condition; over it; or a limit that does not reach the post asked about.
 */
function ageVerdict(a: QuestionAnalysis, age: number, question: string, asker: Asker): Composed | undefined {
  const lang = a.lang;
  const post = POST_WORDS.find(([re]) => re.test(question))?.[1];
  // Asked without a post or commitment, the relaxation may still apply: it is stated with its condition.
  const partTime =
    PART_TIME.test(question) ||
    post === "parttime-deputy" ||
    post === "member" ||
    (post === undefined && !FULL_TIME.test(question));
  const named = a.places.filter((p) => p !== "kuanzhuang");
  const places: PlaceId[] =
    named.length > 0 ? named : asker.place && asker.place !== "kuanzhuang" ? [asker.place] : PLAN_PLACES;
  const lines: string[] = [];
  const facts: Fact[] = [];
  const derived: number[] = [age];
  for (const p of places) {
    const rules = PROFILES[p as "jiyang"].rules;
    const max = rules.maxAge;
    if (!max) continue;
    const place = docName(lang, p);
    facts.push(...FACTS.filter((f) => f.about[0] === "age" && PLACE_OF_DOC[f.doc] === p));
    if (max.scope && post && !max.scope.posts.includes(post)) {
      lines.push(translate(lang, "kb-age-not-for-post", { place, post: translate(lang, `kb-post-${post}`) }));
      continue;
    }
    const limit = max.value.years;
    derived.push(limit);
    if (age <= limit) {
      lines.push(translate(lang, "kb-age-ok", { place, age, limit }));
      continue;
    }
    const relaxed = rules.relaxedMaxAge;
    const reaches = relaxed && (relaxed.value.appliesTo === "all" || partTime);
    if (relaxed && reaches && age <= relaxed.value.years) {
      derived.push(relaxed.value.years);
      lines.push(
        translate(lang, "kb-age-relaxed", {
          place,
          age,
          limit,
          relaxed: relaxed.value.years,
          condition: relaxed.value.condition[lang],
        }),
      );
      continue;
    }
    const highest = relaxed && reaches ? relaxed.value.years : limit;
    derived.push(highest);
    lines.push(translate(lang, "kb-age-over", { place, age, limit: highest }));
  }
  return lines.length > 0 ? { lines, facts, derived } : undefined;
}
