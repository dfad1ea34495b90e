import type { Locale } from "../i18n/index.js";
import { translate } from "../i18n/index.js";
import { type Answer, type AnswerCitation, type AnswerOptions, answerQuestion } from "./answer.js";
import { knowledgeBase } from "./base.js";
import { createRephraser, type LlmSettings } from "./llm.js";
import { PLACE_OF_DOC } from "./question.js";

export type AskPolicy = (question: string, options?: AnswerOptions) => Promise<Answer>;

/** The deterministic answer, rephrased by the LLM when one is configured (and verified, see llm.ts). */
export function createPolicyDesk(
  llm: LlmSettings | undefined,
  log: (event: string, fields: Record<string, unknown>) => void = () => undefined,
): AskPolicy {
  const rephrase = llm ? createRephraser(llm, log) : undefined;
  return async (question, options) => {
    const answer = answerQuestion(question, options);
    return rephrase ? rephrase(question, answer) : answer;
  };
}

/** A cited section and the distinct quotes cited from it, in order of first citation. */
export interface CitedSection {
  doc: AnswerCitation["doc"];
  section: string;
  heading: string;
  quotes: string[];
}

/** The answer's citations by section: one source line and one button per section, no quote twice. */
export function citedSections(answer: Answer): CitedSection[] {
  const sections: CitedSection[] = [];
  for (const c of answer.citations) {
    let s = sections.find((x) => x.doc === c.doc && x.section === c.section);
    if (!s) {
      s = { doc: c.doc, section: c.section, heading: c.heading, quotes: [] };
      sections.push(s);
    }
    if (!s.quotes.some((q) => q.includes(c.quote)))
      s.quotes = [...s.quotes.filter((q) => !c.quote.includes(q)), c.quote];
  }
  return sections;
}

/** The answer with its numbered sources (short document name and section), as a chat message or CLI output. */
export function formatAnswer(answer: Answer): string {
  const sections = citedSections(answer);
  if (sections.length === 0) return answer.answer;
  const lang: Locale = answer.lang;
  // An English reader gets the section's English heading; the quote stays the Chinese original.
  const heading = (s: CitedSection) =>
    (lang === "en" &&
      knowledgeBase()
        .docs.get(s.doc)
        ?.sections.find((x) => x.id === s.section)?.en?.heading) ||
    s.heading;
  const sources = sections.map((s, i) =>
    translate(lang, "kb-source-short", {
      n: i + 1,
      doc: translate(lang, `kb-place-${PLACE_OF_DOC[s.doc]}`),
      heading: heading(s),
      quote: s.quotes.join("……"),
    }),
  );
  return `${answer.answer}\n\n${translate(lang, "kb-sources")}\n${sources.join("\n")}`;
}
