/**
 * Question analysis: what is asked (its kind), about what (a topic), for where (the places named),
 * in which language, and the figures and dates the asker gave. Pure and cheap: regular expressions
 * over the question, no index lookups.
 */
import type { Locale } from "../i18n/index.js";
import type { DocId } from "../domain/rules/types.js";
import { Lru } from "../lib/lru.js";
import { localitiesIn, placesIn } from "./rule-topics.js";
import { NOT_COVERED, TOPICS, type Topic, type TopicId } from "./topics.js";

/** Where a document's rules come from: the three plans' places, the Sichuan speech, the Kuanzhuang article. */
export const PLACES = ["jiyang", "xingang", "nanshan", "sichuan", "kuanzhuang"] as const;
export type PlaceId = (typeof PLACES)[number];
/** The places whose plans set rules: the ones a question can find silent. */
export const PLAN_PLACES: PlaceId[] = ["jiyang", "xingang", "nanshan"];

export const PLACE_OF_DOC: Record<DocId, PlaceId> = {
  "jiyang-plan": "jiyang",
  "xingang-plan": "xingang",
  "nanshan-plan": "nanshan",
  "sichuan-speech": "sichuan",
  "kuanzhuang-reflection": "kuanzhuang",
};

export const KINDS = ["compute", "compare", "who", "when", "list", "whether", "value", "explain"] as const;
export type QuestionKind = (typeof KINDS)[number];

export interface AskedDate {
  year?: number;
  month: number;
  day: number;
}

export interface QuestionAnalysis {
  lang: Locale;
  places: PlaceId[];
  /** Places a document reports on that the question names (广元, 黄舣): only statements about them answer it. */
  within: string[];
  topic?: Topic & { id: TopicId };
  /** A second rule the same question asks about ("党员要几个,编外要几个"). */
  also?: Topic & { id: TopicId };
  notCovered?: (typeof NOT_COVERED)[number];
  kind: QuestionKind;
  /** Counts the asker gave (15 members), not ages, years, dates or percentages. */
  numbers: number[];
  /** Ages the asker gave (37岁, a 39-year-old). */
  ages: number[];
  date?: AskedDate;
}

const compiled = new Map<string, RegExp>();
function hits(text: string, pattern: string): boolean {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(/^[a-z]/i.test(pattern) ? `\\b${pattern}` : pattern, "i");
    compiled.set(pattern, re);
  }
  return re.test(text);
}
const matches = (text: string, t: { triggers: readonly (readonly string[])[]; unless?: readonly string[] }) =>
  !t.unless?.some((p) => hits(text, p)) && t.triggers.every((group) => group.some((p) => hits(text, p)));

/** English when Latin letters outnumber Chinese characters ("What does 高一级推动 mean?" is English). */
export function detectLanguage(question: string): Locale {
  const han = question.match(/\p{Script=Han}/gu)?.length ?? 0;
  const latin = question.match(/[A-Za-z]/g)?.length ?? 0;
  return latin > han ? "en" : "zh";
}

const COMPARE =
  /哪个(地方|方案|文件)?.{0,6}(长|短|严|多|少|早|晚)|最严|最低|最高|最长|最短|差几|差多少|相比|区别|不同|一样吗|分别|\bcompare|\bdiffer|\bdifference|longer|shorter|strictest|lowest|highest|\bwhich (locality|plan|place|document)|\band in\b/i;
const WHO = /谁|哪个部门|哪些单位|哪一级|\bwho(m|se)?\b|which bod(y|ies)/i;
const WHEN = /什么时候|何时|哪天|哪几天|几月|几号|哪一?年|截止到|\bwhen\b|by when|what date/i;
const LIST =
  /哪些|哪几|几个阶段|几步|步骤|几种|几类|几方面|\bwhat are\b|\bsteps\b|\bphases\b|\bwhich (two|three|four)\b/i;
const WHETHER =
  /吗|能不能|可不可以|可以不|是否|行不行|要不要|是不是|有没有|^\s*(can|is|are|does|do|must|may|should|has|have)\b/i;
const VALUE =
  /几|多少|多久|多长|多大|上限|\bhow (many|long|often|old|much)\b|\bwhat (is|are) the (age|limit|minimum|maximum)|\blimit|\bmin\b/i;

/** 2011-11-10, 2011年11月10日, 2011.11.10, or 11月10日 (a bare "1/3" is a fraction, not a date). */
const DATE =
  /(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})(?!\d)\s*[日号]?|(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/;
const PERCENT_OR_FRACTION = /\d+(\.\d+)?\s*%|\d+\s*\/\s*\d+|\d+\s*:\s*\d+/g;

function askedDate(text: string): AskedDate | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const month = Number(m[2] ?? m[4]);
  const day = Number(m[3] ?? m[5]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return m[1] ? { year: Number(m[1]), month, day } : { month, day };
}

const JOINED = /和|以及|及|、|还有|另外|[,,;;]|\S\s+\S/;

/** An age the asker gives: 37岁, 37周岁, a 39-year-old, 39 years old. */
const AGE = /(\d+)\s*(?:周岁|岁|-?\s*years?[- ]old)/gi;

function counts(text: string): number[] {
  const rest = text
    .replace(DATE, " ")
    .replace(PERCENT_OR_FRACTION, " ")
    .replace(AGE, " ")
    .replace(/(19|20)\d\d\s*年?/g, " ");
  return [...rest.matchAll(/\d+/g)].map((m) => Number(m[0])).filter((n) => n > 0 && n < 1000);
}

function kindOf(
  text: string,
  topic: TopicId | undefined,
  numbers: number[],
  date: AskedDate | undefined,
): QuestionKind {
  if (topic && numbers.length > 0 && ["leaderShare", "surplus", "nonEst"].includes(topic)) return "compute";
  if (topic === "deadline" && date) return "compute";
  if (COMPARE.test(text)) return "compare";
  if (WHO.test(text)) return "who";
  if (WHEN.test(text)) return "when";
  if (WHETHER.test(text)) return "whether";
  if (LIST.test(text)) return "list";
  if (VALUE.test(text)) return "value";
  return "explain";
}

/** Analyses are cheap but asked for by several steps: the last few are remembered. */
const recent = new Lru<string, QuestionAnalysis>(64);

export function analyzeQuestion(question: string, lang?: Locale): QuestionAnalysis {
  return recent.remember(`${lang ?? ""}|${question}`, () => {
    // Patterns are matched against the question as typed and in NFKC form (full- and half-width alike).
    const normal = question.normalize("NFKC");
    const text = normal === question ? question : `${question}\n${normal}`;
    const localities = localitiesIn(text);
    const places = [...new Set(localities.map((l) => PLACE_OF_DOC[l.doc as DocId]))];
    const within = localities.flatMap((l) => placesIn(text, l.within ?? []).map((p) => p.name));
    const notCovered = NOT_COVERED.find((t) => matches(text, t));
    const matched = TOPICS.filter((t) => matches(text, t as Topic)) as (Topic & { id: TopicId })[];
    const topic = matched[0];
    // Two rules asked side by side, joined by a word or a pause: both are answered.
    const also =
      topic?.perPlace && JOINED.test(question) ? matched.slice(1).find((t) => t.perPlace) : undefined;
    const date = askedDate(text);
    const numbers = counts(text);
    const ages = [...text.matchAll(AGE)].map((m) => Number(m[1]));
    const analysis: QuestionAnalysis = {
      lang: lang ?? detectLanguage(text),
      places,
      within,
      kind: kindOf(text, topic?.id, numbers, date),
      numbers,
      ages,
    };
    if (topic) analysis.topic = topic;
    if (also) analysis.also = also;
    if (notCovered) analysis.notCovered = notCovered;
    if (date) analysis.date = date;
    return analysis;
  });
}
