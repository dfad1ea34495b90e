/**
 * Optional LLM rephrasing. The model sees only retrieved passages and must return, as structured
 * output, whether the passages answer the question, a short answer, and the passages and exact
 * quotes it relied on. Every quote is checked against the passage text and every number in the
 * answer against the quotes; a refusal, invalid output, an error or a timeout falls back to the
 * deterministic answer.
 */
import OpenAI from "openai";
import { z } from "zod";
import type { Locale } from "../bot/i18n.js";
import type { Answer, AnswerCitation } from "./answer.js";
import { knowledgeBase } from "./base.js";
import { queryTerms, search } from "./search.js";

export const llmOutput = z.object({
  answerable: z.boolean(),
  answer: z.string(),
  citations: z.array(z.object({ passage_id: z.string(), quote: z.string() })),
});

export interface LlmSettings {
  apiKey: string;
  baseURL?: string | undefined;
  model: string;
  /** The whole call, including the network, must finish within this (default 8 s). */
  timeoutMs?: number;
}

export type Rephrase = (question: string, fallback: Answer) => Promise<Answer>;

interface Source {
  id: string;
  citation: Omit<AnswerCitation, "quote">;
  text: string;
}

export function createRephraser(
  settings: LlmSettings,
  log: (event: string, fields: Record<string, unknown>) => void,
): Rephrase {
  const timeout = settings.timeoutMs ?? 8000;
  const client = new OpenAI({ apiKey: settings.apiKey, baseURL: settings.baseURL, timeout, maxRetries: 0 });
  return async (question, fallback) => {
    const sources = sourcesFor(question, fallback);
    if (sources.length === 0) return fallback;
    try {
      const completion = await client.chat.completions.create(
        {
          model: settings.model,
          temperature: 0,
          messages: [
            { role: "system", content: systemPrompt(fallback.lang) },
            { role: "user", content: userPrompt(question, sources) },
          ],
          response_format: {
            type: "json_schema",
            json_schema: {
              name: "grounded_answer",
              strict: true,
              schema: z.toJSONSchema(llmOutput) as Record<string, unknown>,
            },
          },
        },
        { signal: AbortSignal.timeout(timeout) },
      );
      const message = completion.choices[0]?.message;
      if (!message || message.refusal) return rejected(log, "refusal", fallback);
      const parsed = llmOutput.safeParse(safeJson(message.content ?? ""));
      if (!parsed.success) return rejected(log, "invalid_output", fallback);
      return verified(parsed.data, sources, fallback) ?? rejected(log, "unverified", fallback);
    } catch (error) {
      return rejected(
        log,
        error instanceof Error && /timed? ?out|abort/i.test(error.message) ? "timeout" : "error",
        fallback,
      );
    }
  };
}

function rejected(
  log: (event: string, fields: Record<string, unknown>) => void,
  reason: string,
  fallback: Answer,
): Answer {
  log("llm_fallback", { reason });
  return fallback;
}

/** The passages the deterministic answer cited, then the best other hits: at most five sections. */
function sourcesFor(question: string, answer: Answer): Source[] {
  const kb = knowledgeBase();
  const keys = new Set<string>();
  const sources: Source[] = [];
  const add = (doc: string, section: string) => {
    const key = `${doc}#${section}`;
    const d = kb.docs.get(doc as AnswerCitation["doc"]);
    const s = d?.sections.find((x) => x.id === section);
    if (!d || !s || keys.has(key) || sources.length >= 5) return;
    keys.add(key);
    sources.push({
      id: `P${sources.length + 1}`,
      citation: { doc: d.id, section: s.id, title: d.title, heading: s.heading },
      text: s.text,
    });
  };
  for (const c of answer.citations) add(c.doc, c.section);
  for (const hit of search(kb.index, kb.passages, queryTerms(question), 5))
    add(hit.passage.doc, hit.passage.section);
  return sources;
}

function verified(
  output: z.infer<typeof llmOutput>,
  sources: Source[],
  fallback: Answer,
): Answer | undefined {
  if (!output.answerable || output.answer.trim() === "" || output.citations.length === 0) return undefined;
  const citations: AnswerCitation[] = [];
  for (const c of output.citations) {
    const source = sources.find((s) => s.id === c.passage_id);
    const quote = c.quote.trim();
    if (!source || quote.length < 2 || !source.text.includes(quote)) return undefined;
    citations.push({ ...source.citation, quote });
  }
  const quoted = citations.map((c) => c.quote).join(" ");
  const numbers = output.answer.match(/\d+(?:\.\d+)?/g) ?? [];
  if (numbers.some((n) => !quoted.includes(n))) return undefined;
  return { answer: output.answer.trim(), grounded: true, lang: fallback.lang, citations };
}

function systemPrompt(lang: Locale): string {
  return [
    "You answer questions of township Communist Youth League secretaries using ONLY the numbered passages given.",
    "The passages come from different localities' documents that may differ: name the locality for each rule.",
    `Answer in ${lang === "zh" ? "Simplified Chinese" : "English"}, in at most three sentences.`,
    "Every citation quote must be copied exactly, character for character, from its passage (Chinese).",
    "Every number in the answer must appear in a quote. If the passages do not answer the question, set answerable to false.",
  ].join("\n");
}

function userPrompt(question: string, sources: Source[]): string {
  const passages = sources
    .map((s) => `[${s.id}] 《${s.citation.title}》${s.citation.heading}\n${s.text}`)
    .join("\n\n");
  return `Passages:\n${passages}\n\nQuestion: ${question}`;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
