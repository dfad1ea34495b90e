/**
 * Terms for Chinese retrieval: the words `Intl.Segmenter` finds, plus the character bigrams of every
 * word of three or more characters and of every run of characters it left single (segmenters disagree
 * on domain words like 编制外 or 兼职副书记 and on names like 黄舣镇; bigrams match them anyway), plus
 * lower-cased Latin words and numbers. Runs in Node and in the Worker.
 */
import { Lru } from "../lib/lru.js";

const segmenter = new Intl.Segmenter("zh", { granularity: "word" });

/**
 * Words too common in these documents or in questions to tell passages apart. Not 文件: the documents
 * use it for the official papers they rest on (文件要求, 下发文件), which users ask about.
 */
const STOP_WORDS = new Set(
  [
    "的 了 和 与 及 或 是 在 有 为 对 中 等 也 都 就 要 把 被 将 以 由 从 之 其 这 那 我 你 他 她 它 们 吗 呢 吧 啊 呀 么",
    "什么 怎么 怎样 如何 多少 哪些 哪个 哪里 是否 可以 需要 应该 请问 一下 一个 有没有 能不能 规定 要求 多久",
    "哪 几 谁 啥 咋 该 得 给 让 会 能 多 吗 嘛 些 那篇 这篇 文章 方案 讲话 里面 里 说 提到 一共 分别 具体 主要 指",
    // Interrogative phrases the segmenter keeps whole ("分几个阶段", "多大比例", "怎么回事").
    "几个 几位 几次 几项 几条 几种 几点 多大 多长 哪一 哪种 哪类 回事 要有 说的 怎么办 为什么 什么样",
    "什么时候 几月份 月份 哪天 多少个 多少名 大概 大概是 如果 还是 没有 意思 认为 最后 出来 来当 要用 搞 搞了",
    // The chat's here and now, not the documents' (the speech's one "今天" is no answer to "今天星期几").
    "今天 明天 昨天 后天 现在",
    "the a an of to in on for and or is are be was were what which who whom how many much does do did can could",
    "document documents plan plans speech article say says said mention mentions according",
    "should must may might there their this that these those with by at from as it its any about tell me please i we you",
    "author think thinks believe believes mean means meant kind kinds type types sort way ways new people someone",
  ]
    .join(" ")
    .split(/\s+/),
);

const HAS_HAN = /\p{Script=Han}/u;

/** Full-width forms, case and stray spaces normalised the same way for documents and questions. */
export function normalizeText(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

/** A unit of meaning in a text: a word (with its bigrams when it is long) or a bigram of a run. */
export interface TextUnit {
  term: string;
  parts: string[];
  /** A bigram of characters the segmenter left single: maybe a name, maybe two words' edges. */
  guessed?: boolean;
}

/** A question is analysed several times while it is answered: the last few results are remembered (shared: not to be changed). */
const recent = new Lru<string, TextUnit[]>(64);

export function analyze(text: string): TextUnit[] {
  return recent.remember(text, () => segment(text));
}

function segment(text: string): TextUnit[] {
  const units: TextUnit[] = [];
  // Consecutive single Han characters the segmenter could not group (names like 黄舣镇) form a run.
  let run = "";
  const flushRun = () => {
    for (const bigram of bigrams(run)) units.push({ term: bigram, parts: [], guessed: true });
    run = "";
  };
  for (const { segment, isWordLike } of segmenter.segment(normalizeText(text))) {
    if (!isWordLike || STOP_WORDS.has(segment)) {
      flushRun();
    } else if (!HAS_HAN.test(segment)) {
      flushRun();
      units.push({ term: stem(segment), parts: [] });
    } else if (segment.length === 1) {
      run += segment;
    } else {
      flushRun();
      units.push({ term: segment, parts: segment.length >= 3 ? bigrams(segment) : [] });
    }
  }
  flushRun();
  return units;
}

export function tokenize(text: string): string[] {
  return analyze(text).flatMap((unit) => [unit.term, ...unit.parts]);
}

function bigrams(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 2 <= word.length; i++) out.push(word.slice(i, i + 2));
  return out;
}

/** Just enough English stemming for a glossary lookup: plurals and -ing/-ed forms. */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && word.endsWith("ing")) return word.slice(0, -3);
  if (word.length > 3 && word.endsWith("ed")) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

export function containsHan(text: string): boolean {
  return HAS_HAN.test(text);
}
