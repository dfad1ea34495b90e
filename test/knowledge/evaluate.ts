/**
 * How an answer is judged against its label: the language, grounded or not, a cited document among
 * the expected ones, every labelled fact in the answer or its quotes, computed figures in the answer
 * itself, the first line saying what it must (the named place's silence, the asker's township), and
 * an English answer written in English (Chinese only in quotes and names).
 */
import { readFileSync } from "node:fs";
import { type Answer, answerQuestion } from "../../src/knowledge/answer.js";
import type { PlaceId } from "../../src/knowledge/question.js";
import { effectiveRules } from "../../src/domain/rules/effective.js";
import type { ProfileId } from "../../src/domain/rules/types.js";

export interface Labelled {
  id: string;
  lang: "zh" | "en";
  kind?: string;
  question: string;
  grounded: boolean;
  docs: string[];
  facts: string[];
  /** Strings the answer's own text must hold (a computed figure). */
  answer?: string[];
  /** Strings the answer's first line must hold. */
  first?: string[];
  /** Asked by a registered user whose township follows this profile. */
  profile?: ProfileId;
}

export function loadSet(name: "questions" | "held-out"): Labelled[] {
  return JSON.parse(readFileSync(new URL(`./${name}.json`, import.meta.url), "utf8")) as Labelled[];
}

const squash = (text: string) => text.replace(/\s+/g, "");

/** An English answer's own words: no Chinese beyond a few characters of a name or a quoted term. */
export function isEnglish(text: string): boolean {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const latin = text.match(/[A-Za-z]/g)?.length ?? 0;
  return latin > 0 && han <= Math.max(6, latin * 0.05);
}

export function ask(q: Labelled): Answer {
  if (!q.profile) return answerQuestion(q.question);
  return answerQuestion(q.question, {
    asker: { place: q.profile as PlaceId, rules: effectiveRules({ profileId: q.profile }) },
  });
}

/** Why an answer misses its label, or undefined when it is right. */
export function verdict(q: Labelled, a: Answer = ask(q)): string | undefined {
  if (a.lang !== q.lang) return `answered in ${a.lang}`;
  if (a.grounded !== q.grounded) return `grounded=${a.grounded}: ${a.answer.slice(0, 100)}`;
  if (!q.grounded) return undefined;
  if (q.docs.length > 0 && !a.citations.some((c) => q.docs.includes(c.doc)))
    return `cited ${a.citations.map((c) => c.doc).join(",")}: ${a.answer.slice(0, 100)}`;
  const evidence = squash([a.answer, ...a.citations.map((c) => `${c.heading} ${c.quote}`)].join("\n"));
  const missing = q.facts.filter((f) => !evidence.includes(squash(f)));
  if (missing.length > 0) return `missing ${missing.join(", ")}: ${a.answer.slice(0, 140)}`;
  const notStated = (q.answer ?? []).filter((f) => !squash(a.answer).includes(squash(f)));
  if (notStated.length > 0) return `answer lacks ${notStated.join(", ")}: ${a.answer.slice(0, 140)}`;
  const firstLine = a.answer.split("\n")[0] ?? "";
  const notFirst = (q.first ?? []).filter((f) => !firstLine.includes(f));
  if (notFirst.length > 0) return `first line lacks ${notFirst.join(", ")}: ${firstLine}`;
  if (q.lang === "en" && !isEnglish(a.answer)) return `not English: ${a.answer.slice(0, 100)}`;
  return undefined;
}

export interface Score {
  total: number;
  right: number;
  accuracy: number;
  /** Out-of-scope questions answered as if grounded. */
  groundedOutOfScope: number;
  /** English questions answered in anything but English sentences. */
  notEnglish: number;
  failures: { q: Labelled; why: string }[];
}

export function score(set: Labelled[]): Score {
  const failures: { q: Labelled; why: string }[] = [];
  let groundedOutOfScope = 0;
  let notEnglish = 0;
  for (const q of set) {
    const a = ask(q);
    if (!q.grounded && a.grounded) groundedOutOfScope++;
    if (q.lang === "en" && a.grounded && !isEnglish(a.answer)) notEnglish++;
    const why = verdict(q, a);
    if (why) failures.push({ q, why });
  }
  const right = set.length - failures.length;
  return { total: set.length, right, accuracy: right / set.length, groundedOutOfScope, notEnglish, failures };
}
