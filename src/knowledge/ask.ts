import type { Locale } from "../bot/i18n.js";
import { translate } from "../bot/i18n.js";
import { type Answer, answerQuestion } from "./answer.js";
import { createRephraser, type LlmSettings } from "./llm.js";

export type AskPolicy = (question: string, options?: { lang?: Locale }) => Promise<Answer>;

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

/** The answer with its numbered sources, as a chat message or CLI output. */
export function formatAnswer(answer: Answer): string {
  if (answer.citations.length === 0) return answer.answer;
  const sources = answer.citations.map((c, i) =>
    translate(answer.lang, "kb-source-line", {
      n: i + 1,
      title: c.title,
      heading: c.heading,
      quote: c.quote,
    }),
  );
  return `${answer.answer}\n\n${translate(answer.lang, "kb-sources")}\n${sources.join("\n")}`;
}
