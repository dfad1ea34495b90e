/**
 * The deterministic answer composer. Rules answer first when a question is about a rule (one line
 * per locality, each from the rule data with its citation); otherwise the best passages are quoted.
 * Every answer carries its citations; when the evidence is thin it says so instead of guessing.
 */
import { joinList, type Locale, translate } from "../i18n/index.js";
import { Lru } from "../lib/lru.js";
import { PROFILES } from "../domain/rules/profiles.js";
import type { DocId, ProfileId, RuleKey, RuleRecord } from "../domain/rules/types.js";
import { type KnowledgeBase, knowledgeBase } from "./base.js";
import type { KnowledgeSection } from "./corpus.js";
import { GLOSSARY, groupsIn, respelled } from "./glossary.js";
import { type Passage, splitSentences } from "./passages.js";
import { localitiesIn, placesIn, ruleKeysFor } from "./rule-topics.js";
import { type Hit, type QueryTerms, queryTerms, search } from "./search.js";
import { analyze, containsHan, normalizeText, tokenize } from "./tokenize.js";
import { type Asker, type Composed, compose } from "./compose.js";
import { FACTS, type Fact } from "./facts.js";
import {
  analyzeQuestion,
  detectLanguage,
  PLACE_OF_DOC,
  type QuestionAnalysis,
  type QuestionKind,
} from "./question.js";

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
  /** What the question asked, as analysed (absent when nothing could be made of it). */
  kind?: QuestionKind;
  /** The curated facts the answer states (ids from facts.ts). */
  facts?: string[];
}

export interface AnswerOptions {
  lang?: Locale;
  /** A registered user's township: its rule set leads the answer. */
  asker?: Asker;
}

/** The localities whose documents state rules, in the order answers list them. */
const LOCALITY_PROFILES: ProfileId[] = ["jiyang", "xingang", "nanshan", "sichuan"];

/**
 * Below this share of the question's (rarity-weighted) concepts found in a passage, the passage is
 * not evidence. English questions reach the Chinese text only through the glossary, so less of their
 * wording can be matched; calibrated on the labelled question set (test/knowledge/questions.json).
 */
export const MIN_COVERAGE: Record<Locale, number> = { zh: 0.3, en: 0.2 };

export { detectLanguage };

/** Provinces and regions the documents do not cover: their rules are not ours to state. */
const OTHER_PLACES =
  /北京|天津|上海|重庆|河北|山西|内蒙古|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西|贵州|西藏|陕西|甘肃|青海|宁夏|新疆|台湾|香港|澳门|beijing|shanghai|tianjin|chongqing|guangdong|zhejiang|jiangsu|shandong|henan|hubei|hunan|fujian|guangxi|guizhou|tibet|xinjiang|shaanxi|gansu|hebei|anhui|jiangxi|liaoning|jilin|heilongjiang|qinghai|ningxia|inner mongolia|taiwan|hong kong|macau/i;

/** A calendar year (2009, 2024) the question names. */
const YEAR = /(?<!\d)(19|20)\d\d(?!\d)/g;

/**
 * Question analysis → the composer for its kind over the curated facts → verification of every
 * number against the cited words → rendering from the locale files. What the facts do not answer is
 * answered from the passages (MiniSearch), and what no document covers is said to be not covered.
 */
export function answerQuestion(question: string, options: AnswerOptions = {}): Answer {
  // Read in the documents' spelling: a slip of the input method or a short name still finds its topic.
  const text = respelled(question.trim().slice(0, 1000));
  const a = analyzeQuestion(text, options.lang);
  const lang = a.lang;
  const kb = knowledgeBase();
  if (tokenize(text).length === 0) return notFound(lang);
  if (a.notCovered) return notCovered(lang, a.notCovered.label[lang]);
  const places = localitiesIn(text);
  if (places.length === 0 && OTHER_PLACES.test(text)) return notFound(lang, "kb-other-place");
  // The documents are of 2009–2012: a year they never mention is a question about another time.
  if ([...text.matchAll(YEAR)].some((m) => kb.idf(m[0]) >= UNSEEN_IDF(kb)) && a.kind !== "compute")
    return notFound(lang);
  const composed = compose(a, text, options.asker);
  if (composed && composed.facts.length > 0) {
    const answer = fromFacts(kb, composed, a, text);
    if (verified(answer, text, composed.derived)) return answer;
  }
  const fallback = fromPassages(kb, text, places, lang);
  return { ...(lang === "en" ? inEnglish(fallback) : fallback), kind: a.kind };
}

/** The composed sentences, their facts' quotes as citations (one per fact, sections in order of use). */
function fromFacts(kb: KnowledgeBase, composed: Composed, a: QuestionAnalysis, _question: string): Answer {
  const stated = [...new Map(composed.facts.map((f) => [f.id, f])).values()];
  // A list's items are cited with it: their headings name the steps, and back the dates it gives.
  const items = stated.flatMap((f) => (f.items ?? []).map((id) => FACTS.find((x) => x.id === id)!));
  const facts = [...new Map([...stated, ...items].map((f) => [f.id, f])).values()];
  const citations = dedupe(facts.map((f) => citationOf(kb, f.doc, f.section, f.quote)));
  return {
    answer: composed.lines.join("\n"),
    grounded: true,
    lang: a.lang,
    citations,
    kind: a.kind,
    facts: facts.map((f) => f.id),
  };
}

/**
 * Nothing guessed: every number the answer states stands in a cited quote or heading, in the question
 * (the asker's own figures), or is one the composer derived and shows the arithmetic for.
 */
export function verified(answer: Answer, question: string, derived: number[] = []): boolean {
  const allowed = new Set<string>([
    ...numbersOf(answer.citations.map((c) => `${c.quote} ${c.heading}`).join(" ")),
    ...numbersOf(question),
    ...derived.map(String),
  ]);
  return numbersOf(answer.answer.replace(/《[^》]*》/g, "")).every((n) => allowed.has(n));
}

const numbersOf = (text: string) => (text.match(/\d+(?:\.\d+)?/g) ?? []).map((n) => String(Number(n)));

/** The facts of the cited section whose quotes lie within the cited quote (or hold it). */
function factsFor(c: AnswerCitation): Fact[] {
  return FACTS.filter(
    (f) =>
      f.doc === c.doc && f.section === c.section && (c.quote.includes(f.quote) || f.quote.includes(c.quote)),
  );
}

/**
 * A passage answer in English sentences: each cited section speaks through its facts' English
 * statements (the Chinese words stay as the quotes). A section without facts keeps its quote.
 */
function inEnglish(answer: Answer): Answer {
  if (!answer.grounded) return answer;
  const lines: string[] = [];
  const used: Fact[] = [];
  const kb = knowledgeBase();
  const fromRendering: AnswerCitation[] = [];
  for (const c of answer.citations) {
    const place = translate("en", `kb-place-${PLACE_OF_DOC[c.doc]}`);
    const facts = factsFor(c)
      .filter((f) => !used.includes(f))
      .slice(0, 3);
    if (facts.length > 0) {
      used.push(...facts);
      lines.push(translate("en", "kb-fact-line", { place, text: facts.map((f) => f.en).join(" ") }));
      continue;
    }
    // No curated fact: the section's English rendering, the sentences matching where the quote stands.
    const english = renderedQuote(kb, c);
    if (!english) return answer;
    fromRendering.push(c);
    lines.push(translate("en", "kb-fact-line", { place, text: english }));
  }
  if (lines.length === 0) return answer;
  const citations = dedupe([...used.map((f) => citationOf(kb, f.doc, f.section, f.quote)), ...fromRendering]);
  const rendered = { ...answer, answer: lines.join("\n"), citations, facts: used.map((f) => f.id) };
  return verified(rendered, "") ? rendered : answer;
}

/**
 * The English sentences of a section's rendering that stand where the Chinese quote stands (the
 * rendering keeps the original's order, so relative positions line up), at most about 400 characters.
 */
function renderedQuote(kb: KnowledgeBase, c: AnswerCitation): string | undefined {
  const section = kb.docs.get(c.doc)?.sections.find((s) => s.id === c.section);
  const en = section?.en?.text;
  if (!section || !en) return undefined;
  const at = section.text.indexOf(c.quote);
  if (at < 0) return undefined;
  const [from, to] = [at / section.text.length, (at + c.quote.length) / section.text.length];
  const sentences = en.match(/[^.!?;]+[.!?;]*["”]?\s*/g) ?? [en];
  let offset = 0;
  const chosen: string[] = [];
  for (const sentence of sentences) {
    const middle = (offset + sentence.length / 2) / en.length;
    offset += sentence.length;
    if (middle >= from - 0.02 && middle <= to + 0.02) chosen.push(sentence.trim());
  }
  if (chosen.length === 0)
    chosen.push(sentences[Math.min(sentences.length - 1, Math.floor(from * sentences.length))]!.trim());
  const text = chosen.join(" ");
  return text.length <= 420 ? text : `${text.slice(0, 417).replace(/\s+\S*$/, "")}…`;
}

function fromPassages(kb: KnowledgeBase, text: string, places: Locality[], lang: Locale): Answer {
  const keys = ruleKeysFor(text);
  if (keys.length > 0) {
    const fromRules = ruleAnswer(
      kb,
      keys,
      places.map((p) => p.profile),
      lang,
    );
    // The named place's document is silent on the rule: its own words on the matter come first.
    if (fromRules?.silent && places.length > 0) {
      const own = passageAnswer(kb, text, places, lang);
      if (own) return own;
    }
    if (fromRules) return withPassage(kb, fromRules.answer, text, places, lang);
  }
  return passageAnswer(kb, text, places, lang) ?? notFound(lang);
}

/** The idf of a term no passage contains. */
const UNSEEN_IDF = (kb: KnowledgeBase) => Math.log((kb.passages.length + 1) / 0.5);

/** A rule answer gains the best passage too when that passage answers the question's words squarely. */
function withPassage(
  kb: KnowledgeBase,
  answer: Answer,
  question: string,
  places: Locality[],
  lang: Locale,
): Answer {
  const passage = passageAnswer(kb, question, places, lang, 0.8, 1);
  const extra = passage?.citations.filter(
    (c) => !answer.citations.some((r) => r.doc === c.doc && r.section === c.section),
  );
  if (!passage || !extra?.length) return answer;
  return {
    ...answer,
    answer: `${answer.answer}\n${passage.answer}`,
    citations: [...answer.citations, ...extra],
  };
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
    keys
      .map((k) => PROFILES[id].rules[k] as RuleRecord | undefined)
      .filter((r): r is RuleRecord => r !== undefined);
  for (const id of profiles) {
    const records = found(id);
    if (records.length === 0) {
      silent.push(id);
      continue;
    }
    lines.push(
      translate(lang, "kb-rule-line", {
        place: translate(lang, `kb-locality-${id}`),
        rules: joinSummaries(records, lang),
      }),
    );
    for (const record of records)
      citations.push(citationOf(kb, record.citation.doc, record.citation.section, record.citation.quote));
  }
  // A named place whose document is silent: say so, and show what the other documents say.
  if (wanted.length > 0 && silent.length > 0) {
    const others = LOCALITY_PROFILES.filter((id) => !profiles.includes(id) && found(id).length > 0);
    for (const id of others) {
      const records = found(id);
      lines.push(
        translate(lang, "kb-rule-line", {
          place: translate(lang, `kb-locality-${id}`),
          rules: joinSummaries(records, lang),
        }),
      );
      for (const record of records)
        citations.push(citationOf(kb, record.citation.doc, record.citation.section, record.citation.quote));
    }
    const names = joinList(
      lang,
      silent.map((id) => translate(lang, `kb-locality-${id}`)),
    );
    lines.unshift(
      translate(lang, others.length > 0 ? "kb-rule-silent-others" : "kb-rule-silent", { places: names }),
    );
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

/** How many passages the coverage check looks at: BM25 has put the plausible ones first by then. */
const CANDIDATES = 12;

/** What may follow a place's name when the question means its document ("the Jiyang plan", "the Sichuan speech"). */
const DOC_NOUN = "(?:'s)?(?:\\s*(?:speech|plan|article|reflection|document|paper)s?\\b)?";

/** What a question asks of the passages. */
interface PassageQuery {
  /** The documents the question names (none: all). */
  docs: string[];
  /** Places within a document the question names (广元): only passages about them will do. */
  about: string[];
  terms: QueryTerms;
  concepts: Concept[];
}

function passageQuery(kb: KnowledgeBase, question: string, places: Locality[], lang: Locale): PassageQuery {
  const named = places.flatMap((p) => placesIn(question, p.within ?? []));
  // A document's own place names chose the document; they are not words its passages must contain
  // ("the Sichuan speech" is the document, not a speech). A place the document reports on is written
  // the way the documents write it ("Fengming" is 凤鸣).
  let rest = question;
  for (const pattern of places.flatMap((p) => p.patterns))
    rest = rest.replace(new RegExp(`${pattern}${DOC_NOUN}`, "gi"), " ");
  for (const place of named)
    for (const pattern of place.patterns) rest = rest.replace(new RegExp(pattern, "gi"), ` ${place.name} `);
  return {
    docs: places.map((p) => p.doc),
    about: named.map((p) => p.name),
    terms: queryTerms(rest),
    concepts: questionConcepts(kb, rest, lang),
  };
}

interface Scored {
  hit: Hit;
  coverage: number;
}

/** The passages that are evidence for the question, best first. */
function rankPassages(kb: KnowledgeBase, query: PassageQuery, minCoverage: number): Scored[] {
  const { docs, about, terms, concepts } = query;
  let hits = search(kb.index, kb.passages, terms, docs.length > 0 ? 60 : CANDIDATES);
  // BM25 cannot find what no search term stands for: those passages join the candidates directly,
  // ranked as the weakest hit.
  const floor = hits.at(-1)?.score ?? 1;
  for (const c of concepts.filter((c) => c.unsearchable)) {
    for (const passage of kb.passages) {
      if (hits.some((h) => h.passage === passage) || !c.words.some((w) => wordingOf(kb, passage).includes(w)))
        continue;
      hits.push({ passage, score: floor, matched: [] });
    }
  }
  if (docs.length > 0) hits = hits.filter((h) => docs.includes(h.passage.doc));
  hits = hits.filter((h) => about.every((name) => wordingOf(kb, h.passage).includes(name)));
  return (
    hits
      .slice(0, CANDIDATES)
      .map((hit) => ({ hit, coverage: coverage(concepts, wordingOf(kb, hit.passage)) }))
      .filter((s) => s.coverage >= minCoverage)
      // BM25 finds the passages; how much of the question each one covers decides between them.
      .sort((a, b) => b.hit.score * b.coverage ** 3 - a.hit.score * a.coverage ** 3)
  );
}

function passageAnswer(
  kb: KnowledgeBase,
  question: string,
  places: Locality[],
  lang: Locale,
  minCoverage = MIN_COVERAGE[lang],
  maxPassages = 2,
): Answer | undefined {
  const query = passageQuery(kb, question, places, lang);
  const scored = rankPassages(kb, query, minCoverage);
  const best = scored[0];
  if (!best) return undefined;
  const chosen: Hit[] = [best.hit];
  // A second passage from another section when it is nearly as good, or covers more of the question.
  const second = scored.find(
    (s) =>
      s.hit.passage.section !== best.hit.passage.section &&
      ((s.coverage >= best.coverage * 0.9 && s.hit.score >= best.hit.score * 0.6) ||
        s.coverage > best.coverage),
  );
  if (second && maxPassages > 1) chosen.push(second.hit);
  const focus: Focus = {
    concepts: query.concepts,
    weights: new Map([...query.terms.own, ...query.terms.expanded].map((t) => [t, kb.idf(t)])),
    ranked: scored.map((s) => s.hit.passage),
  };
  // Items of one list cover the question about as well as each other.
  const peers = scored.filter((s) => s.coverage >= best.coverage * LIST_PEER).map((s) => s.hit.passage);
  const asList = isListQuestion(question);
  const lines: string[] = [];
  const citations: AnswerCitation[] = [];
  for (const hit of chosen) {
    const part =
      (asList && listOf(kb, hit.passage, peers, focus, lang)) || quoted(kb, hit.passage, focus, lang);
    // Two passages can lead to the same list.
    if (citations.some((c) => c.doc === part.citations[0]!.doc && c.section === part.citations[0]!.section))
      continue;
    lines.push(part.line);
    citations.push(...part.citations);
  }
  return { answer: lines.join("\n"), grounded: true, lang, citations };
}

/** One passage's part of an answer: a line naming its source, and the citations behind it. */
interface Evidence {
  line: string;
  citations: AnswerCitation[];
}

function quoted(kb: KnowledgeBase, passage: Passage, focus: Focus, lang: Locale): Evidence {
  const citation = citationOf(kb, passage.doc, passage.section, quoteFor(kb, passage, focus));
  return { line: passageLine(kb, citation, lang), citations: [citation] };
}

/** A quoted passage, named compactly: the document's short name and the section. */
function passageLine(_kb: KnowledgeBase, c: AnswerCitation, lang: Locale): string {
  return translate(lang, "kb-quote-line", {
    doc: translate(lang, `kb-place-${PLACE_OF_DOC[c.doc]}`),
    heading: c.heading,
    quote: c.quote,
  });
}

/**
 * What a question asks about. Chinese: its words, each satisfied by itself, most of its bigrams (for
 * long words) or, as weaker evidence, a glossary neighbour. English: the glossary concepts it names,
 * plus any content word the glossary does not know, which counts against coverage (we cannot tell
 * whether the documents speak of it), plus its Chinese words if it has any ("What does 高一级推动
 * mean?"). Both: a date when it asks when, and the single characters it quotes (“实”).
 */
interface Concept {
  /** Any of these words in the passage's wording (text, heading, headings above) satisfies the concept. */
  words: string[];
  /** Related words (glossary neighbours of a Chinese question's own word): weaker evidence. */
  related: string[];
  /** Otherwise the share of these found counts: a long word the passage may phrase differently. */
  parts: string[];
  /** How rare the concept is among passages: rare concepts tell passages apart. */
  idf: number;
  /** Relative weight: an English word the glossary does not know, or a guessed bigram, counts for less. */
  weight: number;
  /** Satisfied by wording of this shape instead (a date, for a question asking when). */
  shape?: RegExp;
  /** No search term stands for it (a quoted single character): passages holding it are looked up directly. */
  unsearchable?: boolean;
}

function questionConcepts(kb: KnowledgeBase, question: string, lang: Locale): Concept[] {
  const concepts: Concept[] = [];
  const concept = (words: string[], idf: number, more: Partial<Concept> = {}): Concept => ({
    words,
    related: [],
    parts: [],
    idf,
    weight: 1,
    ...more,
  });
  const explained = new Set<string>();
  if (lang === "en") {
    for (const match of groupsIn(question)) {
      if (match.phrases.length === 0) continue;
      for (const phrase of match.phrases) for (const word of phraseWords(phrase)) explained.add(word);
      concepts.push(concept(match.group.zh.map(normalizeText), wordsIdf(kb, match.group.zh)));
    }
  }
  for (const unit of analyze(question)) {
    if (lang === "zh" || containsHan(unit.term)) {
      const weight = unit.guessed ? GUESSED_WEIGHT : 1;
      concepts.push(
        concept([unit.term], kb.idf(unit.term), {
          related: synonymsOf(unit.term),
          parts: unit.parts,
          weight,
        }),
      );
    } else if (!explained.has(unit.term)) {
      // An English word no glossary phrase explains: a number must be found as it is, a word counts for less.
      if (/^\d+$/.test(unit.term)) concepts.push(concept([unit.term], kb.idf(unit.term)));
      else if (unit.term.length > 2)
        concepts.push(concept([unit.term], kb.idf(unit.term), { weight: UNKNOWN_ENGLISH_WEIGHT }));
    }
  }
  // A question asking when is answered by a date, whatever words surround it.
  if (ASKS_WHEN.test(question)) concepts.push(concept([], shapeIdf(kb, DATE), { shape: DATE }));
  for (const char of quotedCharacters(question)) {
    const words = [`“${char}”`, `"${char}"`, `「${char}」`];
    concepts.push(concept(words, wordsIdf(kb, words), { unsearchable: true }));
  }
  return concepts;
}

const UNKNOWN_ENGLISH_WEIGHT = 0.35;
/** A bigram of characters the segmenter left single may be two words' edges: it counts for less. */
const GUESSED_WEIGHT = 0.3;
/** A glossary neighbour (党员 for 团员, 周岁 for 年龄) is evidence, but less than the word itself. */
const RELATED_CREDIT = 0.6;

const ASKS_WHEN =
  /什么时候|什么时间|何时|哪一?年|哪个月|几月|哪一?天|几号|\bwhen\b|what (date|year|month|day)|which (year|month|day)/i;
/** A date in the documents' style: 2009年7月, 10月19日, 七至九月, 6月底. */
const DATE = /\d{4}年|\d{1,2}月|\d{1,2}日|[一二三四五六七八九十]月/;

/** The value for `key`, remembered in a bounded cache: questions are unbounded, memory is not. */
function once<K, V>(cache: Lru<K, V>, key: K, make: () => V): V {
  return cache.remember(key, make);
}

/** The words of a glossary English phrase. */
const phraseCache = new Lru<string, string[]>(512);
const phraseWords = (phrase: string) => once(phraseCache, phrase, () => tokenize(phrase));

/** The glossary neighbours of a Chinese word. */
const synonymCache = new Lru<string, string[]>(1024);
const synonymsOf = (term: string) =>
  once(synonymCache, term, () =>
    GLOSSARY.filter((g) => g.zh.includes(term)).flatMap((g) =>
      g.zh.filter((z) => z !== term && z.length >= 2).map(normalizeText),
    ),
  );

/**
 * Single Chinese characters the question quotes (“人、公、实”, (实)): the documents put their slogans'
 * key characters in quotes too, and a single character is no search term, so it is looked for as a
 * quoted word.
 */
function quotedCharacters(question: string): string[] {
  const out: string[] = [];
  for (const m of question.matchAll(/[“"'‘「『((]([^”"'’」』))]{1,20})[”"'’」』))]/g)) {
    for (const part of m[1]!.split(/[、,,;;\s]+/)) if (/^\p{Script=Han}$/u.test(part)) out.push(part);
  }
  return out;
}

/**
 * A passage's wording as coverage reads it: its text and the headings it sits under, normalised. A
 * passage of a short section reads as the whole section, since the whole section is what gets quoted
 * ("分以下四个阶段推进。" is about the 格局创新 of the paragraph before it).
 */
const wordingCache = new Lru<Passage, string>(2048);
const wordingOf = (kb: KnowledgeBase, passage: Passage) =>
  once(wordingCache, passage, () => {
    const section = sectionOf(kb, passage);
    const text = section.text.length <= WHOLE_SECTION ? section.text : passage.text;
    return normalizeText(`${passage.context}\n${passage.heading}\n${text}`);
  });

/** The rarity of a concept: in how many passages the wording has any of its words, or its shape. */
const idfCache = new Lru<string, number>(1024);
function wordsIdf(kb: KnowledgeBase, words: string[]): number {
  const normal = words.map(normalizeText);
  return once(idfCache, normal.join("|"), () =>
    idfOf(kb, (wording) => normal.some((w) => wording.includes(w))),
  );
}
function shapeIdf(kb: KnowledgeBase, shape: RegExp): number {
  return once(idfCache, shape.source, () => idfOf(kb, (wording) => shape.test(wording)));
}
function idfOf(kb: KnowledgeBase, has: (wording: string) => boolean): number {
  const df = kb.passages.filter((p) => has(wordingOf(kb, p))).length;
  return Math.log((kb.passages.length + 1) / (df + 0.5));
}

/** Share of the question's concepts (weighted by rarity) that a passage's wording contains. */
function coverage(concepts: Concept[], wording: string): number {
  let total = 0;
  let found = 0;
  for (const concept of concepts) {
    const weight = concept.idf * concept.weight;
    total += weight;
    if (concept.shape ? concept.shape.test(wording) : concept.words.some((w) => wording.includes(w))) {
      found += weight;
      continue;
    }
    const parts =
      concept.parts.length > 0
        ? concept.parts.filter((t) => wording.includes(t)).length / concept.parts.length
        : 0;
    const related = concept.related.some((w) => wording.includes(w)) ? RELATED_CREDIT : 0;
    found += weight * Math.max(parts, related);
  }
  return total === 0 ? 0 : found / total;
}

/** Quotes stay a few sentences long. */
const MAX_QUOTE = 200;
/** A section this short is quoted whole: its sentences explain each other. */
const WHOLE_SECTION = 240;

/** What a quote should hold. */
interface Focus {
  concepts: Concept[];
  /** The question's search terms by rarity, to break ties between sentences. */
  weights: Map<string, number>;
  /** The passages that are evidence, best first. */
  ranked: Passage[];
}

/**
 * The section itself when short; otherwise the sentence that covers most of the question (among the
 * sentences of this passage and of the section's other ranked passages, since a long paragraph is cut
 * into several), widened with its neighbours in the section (after it first, then before it) while
 * the quote stays short.
 */
function quoteFor(kb: KnowledgeBase, passage: Passage, focus: Focus): string {
  const section = sectionOf(kb, passage);
  if (section.text.length <= WHOLE_SECTION) return section.text;
  const spans = sentenceSpans(section.text);
  const windows = [
    passage,
    ...focus.ranked.filter((p) => p.doc === passage.doc && p.section === passage.section),
  ].map((p) => {
    const from = section.text.indexOf(p.text);
    return { from, to: from + p.text.length };
  });
  const inside = spans.filter((s) => windows.some((w) => s.start >= w.from && s.end <= w.to));
  let best = inside[0] ?? spans[0]!;
  let bestScore = -1;
  for (const span of inside) {
    const sentence = normalizeText(section.text.slice(span.start, span.end));
    let tieBreak = 0;
    for (const [term, weight] of focus.weights) if (sentence.includes(term)) tieBreak += weight;
    const score = coverage(focus.concepts, sentence) + tieBreak / 1000;
    if (score > bestScore) {
      best = span;
      bestScore = score;
    }
  }
  let { start, end } = best;
  const at = spans.indexOf(best);
  for (const next of spans.slice(at + 1)) {
    if (next.end - start > MAX_QUOTE) break;
    end = next.end;
  }
  for (const previous of spans.slice(0, at).reverse()) {
    if (end - previous.start > MAX_QUOTE) break;
    start = previous.start;
  }
  return section.text.slice(start, end);
}

function sentenceSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let cursor = 0;
  for (const sentence of splitSentences(text)) {
    const start = text.indexOf(sentence, cursor);
    spans.push({ start, end: start + sentence.length });
    cursor = start + sentence.length;
  }
  return spans;
}

function sectionOf(kb: KnowledgeBase, passage: Passage): KnowledgeSection {
  return kb.docs.get(passage.doc)!.sections.find((s) => s.id === passage.section)!;
}

/**
 * Questions that ask for the items of something: its steps, phases, kinds, the points of a list
 * ("分几个阶段", "有哪些渠道", "what are the steps").
 */
const LIST_QUESTION =
  /哪些|哪[几两二三四五六七八九十]|几个|几项|几条|几种|几点|几方面|分别|步骤|程序|流程|环节|\bwhat are\b|\bwhich (two|three|four|five|six)\b|\b(steps|phases|stages|procedure|principles|kinds|types|list)\b/i;

export function isListQuestion(question: string): boolean {
  return LIST_QUESTION.test(question);
}

/** Wording that counts points within a paragraph: 一是…, 其一…, (1)…, 1、… */
const ENUMERATES = /[一二三]是|其一|第一[,,、]|[((]1[))]|(^|\n)1[、.．]/;
/** How many of the best passages may show that a question asks for a whole list. */
const LIST_EVIDENCE = 5;
/** How close to the best passage's coverage the other items of a list must come. */
const LIST_PEER = 0.8;
/** An item of a list answer is a subsection's heading, with its first sentence when that is this short. */
const MAX_ITEM_SENTENCE = 24;
const MAX_ITEMS = 8;

/**
 * When the question asks for the items of something and the passage belongs to a section whose
 * subsections are those items (the steps of a procedure, the phases of a plan, the principles of a
 * speech), or is one of several such subsections among the best passages (`peers`), the answer names
 * them: the section's own words, then each item's heading (and its first sentence when short). Items
 * whose wording holds numbers (dates) are cited too, so every number stays backed by a quote.
 */
function listOf(
  kb: KnowledgeBase,
  passage: Passage,
  peers: Passage[],
  focus: Focus,
  lang: Locale,
): Evidence | undefined {
  const doc = kb.docs.get(passage.doc)!;
  let at = doc.sections.findIndex((s) => s.id === passage.section);
  if (childrenOf(doc.sections, at).length < 2) {
    // A passage that counts its own points (一是…二是…) holds the list itself.
    if (ENUMERATES.test(passage.text)) return undefined;
    // Otherwise it may be one item: the list is its parent's, if other items rank near it too.
    const parent = parentOf(doc.sections, at);
    const siblings = new Set(childrenOf(doc.sections, parent).map((s) => s.id));
    const near = new Set(
      peers
        .slice(0, LIST_EVIDENCE)
        .filter((p) => p.doc === doc.id && siblings.has(p.section))
        .map((p) => p.section),
    );
    if (parent < 0 || near.size < 2) return undefined;
    at = parent;
  }
  const section = doc.sections[at]!;
  const children = childrenOf(doc.sections, at);
  if (children.length < 2) return undefined;
  // A section that is only a heading over its items ("三、实施步骤") is cited through its items.
  const own = kb.passages.find((p) => p.doc === doc.id && p.section === section.id);
  const parent = own ? citationOf(kb, doc.id, section.id, quoteFor(kb, own, focus)) : undefined;
  const citations = parent ? [parent] : [];
  const items: string[] = [];
  for (const child of children.slice(0, MAX_ITEMS)) {
    const heading = bare(child.heading);
    const first = splitSentences(child.text)[0]?.replace(/[。;;]$/, "");
    if (!first) {
      // Nothing to cite for an item without text: it is named without numbers.
      if (!/\d/.test(heading)) items.push(heading);
      continue;
    }
    const item = first.length <= MAX_ITEM_SENTENCE ? `${heading}:${first}` : heading;
    if (!parent || /\d/.test(item)) citations.push(citationOf(kb, doc.id, child.id, firstClause(first)));
    items.push(item);
  }
  if (citations.length === 0) return undefined;
  const list = items.join(lang === "zh" ? ";" : "; ");
  const line = parent
    ? `${passageLine(kb, parent, lang)}\n${list}`
    : // The uncited section is named without numbers.
      passageLine(
        kb,
        { ...citationOf(kb, doc.id, section.id, list), heading: bare(section.heading).replace(/\d+/g, "") },
        lang,
      );
  return { line, citations };
}

/** A heading without its numbering (1、 (一)): a list's order shows it, and no quote backs it. */
function bare(heading: string): string {
  return heading.replace(/^\s*([((][一二三四五六七八九十\d]+[))]|[一二三四五六七八九十\d]+[、.．])\s*/, "");
}

/** The start of a long sentence up to its first pause: enough to show what an item is about. */
function firstClause(sentence: string): string {
  if (sentence.length <= MAX_ITEM_SENTENCE * 2) return sentence;
  return sentence.split(/[,,;;::]/)[0]!;
}

/** The direct subsections of the section at `at` (sections are in document order, with levels). */
function childrenOf(sections: KnowledgeSection[], at: number): KnowledgeSection[] {
  if (at < 0) return [];
  const children: KnowledgeSection[] = [];
  for (const s of sections.slice(at + 1)) {
    if (s.level <= sections[at]!.level) break;
    if (s.level === sections[at]!.level + 1) children.push(s);
  }
  return children;
}

/** The index of the section that contains the one at `at`, or -1 for a top-level section. */
function parentOf(sections: KnowledgeSection[], at: number): number {
  for (let i = at - 1; i >= 0; i--) if (sections[i]!.level < sections[at]!.level) return i;
  return -1;
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

/** A question no document covers: said plainly, with what can be asked instead. */
function notCovered(lang: Locale, what: string): Answer {
  const text = `${translate(lang, "kb-not-covered", { what })}\n${translate(lang, "kb-can-ask")}`;
  return { answer: text, grounded: false, lang, citations: [] };
}

function notFound(lang: Locale, reason?: string): Answer {
  const text = reason
    ? `${translate(lang, reason)}\n${translate(lang, "kb-not-found")}`
    : translate(lang, "kb-not-found");
  return { answer: text, grounded: false, lang, citations: [] };
}
