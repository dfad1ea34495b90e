/**
 * The deterministic answer composer. Rules answer first when a question is about a rule (one line
 * per locality, each from the rule data with its citation); otherwise the best passages are quoted.
 * Every answer carries its citations; when the evidence is thin it says so instead of guessing.
 */
import { type Locale, translate } from "../bot/i18n.js";
import { PROFILES } from "../domain/rules/profiles.js";
import type { DocId, ProfileId, RuleKey, RuleRecord } from "../domain/rules/types.js";
import { type KnowledgeBase, knowledgeBase } from "./base.js";
import { GLOSSARY } from "./glossary.js";
import { splitSentences } from "./passages.js";
import { localitiesIn, ruleKeysFor } from "./rule-topics.js";
import { type Hit, passageTerms, queryTerms, search } from "./search.js";
import { analyze, containsHan, tokenize } from "./tokenize.js";

export interface AnswerCitation {
  doc: DocId;
  section: string;
  /** The document's title. */
  title: string;
  /** The section's heading. */
  heading: string;
  /** Exact words of the section. */
  quote: string;
}

export interface Answer {
  answer: string;
  grounded: boolean;
  lang: Locale;
  citations: AnswerCitation[];
}

/** The localities whose documents state rules, in the order answers list them. */
const LOCALITY_PROFILES: ProfileId[] = ["jiyang", "xingang", "nanshan", "sichuan"];

/**
 * Below this share of the question's (rarity-weighted) concepts found in a passage, the passage is
 * not evidence. English questions reach the Chinese text only through the glossary, so less of their
 * wording can be matched; calibrated on the labelled question set (test/knowledge/questions.json).
 */
export const MIN_COVERAGE: Record<Locale, number> = { zh: 0.3, en: 0.2 };

/** English when Latin letters outnumber Chinese characters ("What does 高一级推动 mean?" is English). */
export function detectLanguage(question: string): Locale {
  const han = question.match(/\p{Script=Han}/gu)?.length ?? 0;
  const latin = question.match(/[A-Za-z]/g)?.length ?? 0;
  return latin > han ? "en" : "zh";
}

/** Provinces and regions the documents do not cover: their rules are not ours to state. */
const OTHER_PLACES =
  /北京|天津|上海|重庆|河北|山西|内蒙古|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西|贵州|西藏|陕西|甘肃|青海|宁夏|新疆|台湾|香港|澳门|beijing|shanghai|tianjin|chongqing|guangdong|zhejiang|jiangsu|shandong|henan|hubei|hunan|fujian|guangxi|guizhou|tibet|xinjiang|shaanxi|gansu|hebei|anhui|jiangxi|liaoning|jilin|heilongjiang|qinghai|ningxia|inner mongolia|taiwan|hong kong|macau/i;

export function answerQuestion(question: string, options: { lang?: Locale } = {}): Answer {
  const text = question.trim().slice(0, 1000);
  const lang = options.lang ?? detectLanguage(text);
  const kb = knowledgeBase();
  if (tokenize(text).length === 0) return notFound(lang);
  const places = localitiesIn(text);
  if (places.length === 0 && OTHER_PLACES.test(text)) return notFound(lang, "kb-other-place");
  const keys = ruleKeysFor(text);
  if (keys.length > 0) {
    const fromRules = ruleAnswer(kb, keys, places.map((p) => p.profile), lang);
    // The named place's document is silent on the rule: its own words on the matter come first.
    if (fromRules?.silent && places.length > 0) {
      const own = passageAnswer(kb, text, places, lang);
      if (own) return own;
    }
    if (fromRules) return withPassage(kb, fromRules.answer, text, places, lang);
  }
  return passageAnswer(kb, text, places, lang) ?? notFound(lang);
}

/** A rule answer gains the best passage too when that passage answers the question's words squarely. */
function withPassage(kb: KnowledgeBase, answer: Answer, question: string, places: Locality[], lang: Locale): Answer {
  const passage = passageAnswer(kb, question, places, lang, 0.8, 1);
  const extra = passage?.citations.filter((c) => !answer.citations.some((r) => r.doc === c.doc && r.section === c.section));
  if (!passage || !extra?.length) return answer;
  return { ...answer, answer: `${answer.answer}\n${passage.answer}`, citations: [...answer.citations, ...extra] };
}

type Locality = ReturnType<typeof localitiesIn>[number];

function ruleAnswer(
  kb: KnowledgeBase,
  keys: RuleKey[],
  named: (ProfileId | null)[],
  lang: Locale,
): { answer: Answer; silent: boolean } | undefined {
  // A question naming only places without rule data (款庄) is answered from passages.
  if (named.length > 0 && named.every((p) => p === null)) return undefined;
  const wanted = named.filter((p): p is ProfileId => p !== null);
  const profiles = wanted.length > 0 ? wanted : LOCALITY_PROFILES;
  const lines: string[] = [];
  const citations: AnswerCitation[] = [];
  const silent: ProfileId[] = [];
  const found = (id: ProfileId) =>
    keys.map((k) => PROFILES[id].rules[k] as RuleRecord | undefined).filter((r): r is RuleRecord => r !== undefined);
  for (const id of profiles) {
    const records = found(id);
    if (records.length === 0) {
      silent.push(id);
      continue;
    }
    lines.push(translate(lang, "kb-rule-line", { place: translate(lang, `kb-locality-${id}`), rules: joinSummaries(records, lang) }));
    for (const record of records) citations.push(citationOf(kb, record.citation.doc, record.citation.section, record.citation.quote));
  }
  // A named place whose document is silent: say so, and show what the other documents say.
  if (wanted.length > 0 && silent.length > 0) {
    const others = LOCALITY_PROFILES.filter((id) => !profiles.includes(id) && found(id).length > 0);
    for (const id of others) {
      const records = found(id);
      lines.push(translate(lang, "kb-rule-line", { place: translate(lang, `kb-locality-${id}`), rules: joinSummaries(records, lang) }));
      for (const record of records) citations.push(citationOf(kb, record.citation.doc, record.citation.section, record.citation.quote));
    }
    const names = silent.map((id) => translate(lang, `kb-locality-${id}`)).join(lang === "zh" ? "、" : ", ");
    lines.unshift(translate(lang, others.length > 0 ? "kb-rule-silent-others" : "kb-rule-silent", { places: names }));
  }
  if (citations.length === 0) return undefined;
  const intro = profiles.length > 1 && lines.length > 1 ? [translate(lang, "kb-rule-intro")] : [];
  return {
    answer: { answer: [...intro, ...lines].join("\n"), grounded: true, lang, citations: dedupe(citations) },
    silent: silent.length > 0,
  };
}

function joinSummaries(records: RuleRecord[], lang: Locale): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const r of records) {
    const s = r.summary[lang].trim();
    if (!seen.has(s)) parts.push(s);
    seen.add(s);
  }
  return parts.join(lang === "zh" ? "" : " ");
}

function passageAnswer(
  kb: KnowledgeBase,
  question: string,
  places: Locality[],
  lang: Locale,
  minCoverage = MIN_COVERAGE[lang],
  maxPassages = 2,
): Answer | undefined {
  const docs = places.map((p) => p.doc);
  // The place names chose the documents; they are not words the passage itself must contain.
  const rest = places.flatMap((p) => p.patterns).reduce((q, p) => q.replace(new RegExp(p, "gi"), " "), question);
  const terms = queryTerms(rest);
  let hits = search(kb.index, kb.passages, terms, docs.length > 0 ? 40 : 12);
  if (docs.length > 0) hits = hits.filter((h) => docs.includes(h.passage.doc));
  const concepts = questionConcepts(rest, lang);
  const scored = hits
    .slice(0, 10)
    .map((hit) => ({ hit, coverage: coverage(kb, concepts, passageTerms(hit.passage)) }))
    .filter((s) => s.coverage >= minCoverage)
    // BM25 finds the passages; how much of the question each one covers decides between them.
    .sort((a, b) => b.hit.score * b.coverage ** 2 - a.hit.score * a.coverage ** 2);
  const best = scored[0];
  if (!best) return undefined;
  const chosen: Hit[] = [best.hit];
  const second = scored.find(
    (s) => s.hit.passage.section !== best.hit.passage.section && s.coverage >= best.coverage * 0.9 && s.hit.score >= best.hit.score * 0.6,
  );
  if (second && maxPassages > 1) chosen.push(second.hit);
  const citations = chosen.map((hit) => {
    const quote = bestSpan(kb, hit.passage.text, [...terms.own, ...terms.expanded]);
    return citationOf(kb, hit.passage.doc, hit.passage.section, quote);
  });
  const lines = citations.map((c) =>
    translate(lang, "kb-passage-line", {
      title: lang === "zh" ? c.title : kb.docs.get(c.doc)!.titleEn,
      heading: c.heading,
      quote: c.quote,
    }),
  );
  return { answer: lines.join("\n"), grounded: true, lang, citations };
}

/**
 * What a question asks about. Chinese: its words, each satisfied by itself, a glossary synonym, or
 * (for long words) most of its bigrams. English: the glossary concepts it names, plus any content word
 * the glossary does not know, which counts against coverage (we cannot tell whether the documents
 * speak of it).
 */
interface Concept {
  /** Any of these present satisfies the concept. */
  terms: string[];
  /** Otherwise the share of these present counts. */
  parts: string[];
  /** Relative weight; an English word the glossary does not know counts for less. */
  weight?: number;
}

function questionConcepts(question: string, lang: Locale): Concept[] {
  const units = analyze(question);
  if (lang === "zh" || containsHan(question)) {
    return units.map((unit) => ({
      terms: [unit.term, ...synonymsOf(unit.term)],
      parts: unit.parts,
      ...(unit.guessed ? { weight: GUESSED_WEIGHT } : {}),
    }));
  }
  const lower = question.toLowerCase();
  const concepts: Concept[] = [];
  const explained = new Set<string>();
  for (const group of GLOSSARY) {
    const phrases = group.en.filter((p) => englishPhrase(p).test(lower));
    if (phrases.length === 0) continue;
    for (const p of phrases) for (const w of tokenize(p)) explained.add(w);
    concepts.push({ terms: group.zh.flatMap((z) => tokenize(z)), parts: [] });
  }
  for (const unit of units) {
    if (explained.has(unit.term)) continue;
    if (/^\d+$/.test(unit.term)) concepts.push({ terms: [unit.term], parts: [] });
    else if (unit.term.length > 2) concepts.push({ terms: [unit.term], parts: [], weight: UNKNOWN_ENGLISH_WEIGHT });
  }
  return concepts;
}

const UNKNOWN_ENGLISH_WEIGHT = 0.35;
const GUESSED_WEIGHT = 0.3;

function synonymsOf(term: string): string[] {
  return GLOSSARY.filter((g) => g.zh.includes(term)).flatMap((g) => g.zh.filter((z) => z !== term && z.length >= 2));
}

function englishPhrase(phrase: string): RegExp {
  return new RegExp(`(^|[^a-z])${phrase.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}([^a-z]|$)`);
}

/** Share of the question's concepts (weighted by rarity) that the passage contains. */
function coverage(kb: KnowledgeBase, concepts: Concept[], passage: Set<string>): number {
  let total = 0;
  let found = 0;
  for (const concept of concepts) {
    const weight = kb.idf(concept.terms[0]!) * (concept.weight ?? 1);
    total += weight;
    if (concept.terms.some((t) => passage.has(t))) found += weight;
    else if (concept.parts.length > 0) found += (weight * concept.parts.filter((t) => passage.has(t)).length) / concept.parts.length;
  }
  return total === 0 ? 0 : found / total;
}

const MAX_QUOTE = 200;

/**
 * The passage itself when short; otherwise the sentence that holds most of the question's
 * (rarity-weighted) terms, widened with the sentences after it while the quote stays short.
 */
function bestSpan(kb: KnowledgeBase, passage: string, terms: string[]): string {
  if (passage.length <= MAX_QUOTE) return passage;
  const sentences = splitSentences(passage);
  let bestIndex = 0;
  let bestScore = -1;
  sentences.forEach((sentence, i) => {
    const own = new Set(tokenize(sentence));
    const score = terms.reduce((sum, t) => sum + (own.has(t) ? kb.idf(t) : 0), 0);
    if (score > bestScore) {
      bestIndex = i;
      bestScore = score;
    }
  });
  const start = passage.indexOf(sentences[bestIndex]!);
  let end = start + sentences[bestIndex]!.length;
  for (const next of sentences.slice(bestIndex + 1)) {
    const at = passage.indexOf(next, end);
    if (at + next.length - start > MAX_QUOTE) break;
    end = at + next.length;
  }
  return passage.slice(start, end);
}

function citationOf(kb: KnowledgeBase, doc: DocId, sectionId: string, quote: string): AnswerCitation {
  const d = kb.docs.get(doc)!;
  const section = d.sections.find((s) => s.id === sectionId);
  return { doc, section: sectionId, title: d.title, heading: section?.heading ?? sectionId, quote };
}

function dedupe(citations: AnswerCitation[]): AnswerCitation[] {
  const seen = new Set<string>();
  return citations.filter((c) => {
    const key = `${c.doc}#${c.section}#${c.quote}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function notFound(lang: Locale, reason?: string): Answer {
  const text = reason ? `${translate(lang, reason)}\n${translate(lang, "kb-not-found")}` : translate(lang, "kb-not-found");
  return { answer: text, grounded: false, lang, citations: [] };
}
