/**
 * Optional LLM phrasing over the curated facts. The model is given the facts the question needs (the
 * deterministic answer's, the topic's at every place, those of the sections retrieval finds), each
 * with its id, locality, modality, exact quote and statement, and must answer with the ids of the
 * facts it used. Verified the same way as the deterministic answer: the ids must be among those
 * given, every number in the answer must stand in a cited quote or heading, the question, or the
 * verified deterministic answer, and the answer must be in the question's language. A refusal, invalid
 * output, an error, a timeout or a failed check falls back to the deterministic answer, as does a
 * question the documents do not cover (the model is never asked to answer those).
 *
 * Works with any OpenAI-compatible endpoint (OPENAI_BASE_URL): structured output by JSON schema where
 * the server supports it, plain JSON mode where it does not (DeepSeek), remembered per desk.
 */
import OpenAI from "openai";
import { z } from "zod";
import { joinList, type Locale, translate } from "../i18n/index.js";
import { maskPersonalData } from "../domain/privacy.js";
import type { Answer, AnswerCitation } from "./answer.js";
import { knowledgeBase } from "./base.js";
import { FACTS, type Fact } from "./facts.js";
import { analyzeQuestion, PLACE_OF_DOC } from "./question.js";
import { respelled } from "./glossary.js";
import { queryTerms, search } from "./search.js";

export const llmOutput = z.object({
  answerable: z.boolean(),
  answer: z.string(),
  fact_ids: z.array(z.string()),
});

export interface LlmSettings {
  apiKey: string;
  baseURL?: string | undefined;
  model: string;
  /** The whole call, including the network, must finish within this (default 8 s). */
  timeoutMs?: number;
}

export type Rephrase = (question: string, fallback: Answer) => Promise<Answer>;

/** At most this many facts go to the model: enough for every place's rule, few enough to read. */
const MAX_FACTS = 16;
const MAX_ANSWER = 600;

export function createRephraser(
  settings: LlmSettings,
  log: (event: string, fields: Record<string, unknown>) => void,
): Rephrase {
  const timeout = settings.timeoutMs ?? 8000;
  const client = new OpenAI({ apiKey: settings.apiKey, baseURL: settings.baseURL, timeout, maxRetries: 0 });
  let jsonSchema = true;
  const complete = (messages: { role: "system" | "user"; content: string }[]) =>
    client.chat.completions.create(
      {
        model: settings.model,
        temperature: 0,
        messages,
        response_format: jsonSchema
          ? {
              type: "json_schema",
              json_schema: {
                name: "grounded_answer",
                strict: true,
                schema: z.toJSONSchema(llmOutput) as Record<string, unknown>,
              },
            }
          : { type: "json_object" },
      },
      { signal: AbortSignal.timeout(timeout) },
    );
  return async (question, fallback) => {
    if (!fallback.grounded) return fallback;
    const facts = factsFor(question, fallback);
    if (facts.length === 0) return fallback;
    const messages = [
      { role: "system" as const, content: systemPrompt(fallback.lang) },
      // Nothing personal leaves for the model's provider, however the question spelled it.
      { role: "user" as const, content: maskPersonalData(userPrompt(question, facts, fallback.lang)) },
    ];
    try {
      let completion: Awaited<ReturnType<typeof complete>>;
      try {
        completion = await complete(messages);
      } catch (error) {
        // A server without JSON-schema output (DeepSeek) refuses the request: plain JSON mode from now on.
        if (
          !(jsonSchema && error instanceof OpenAI.APIError && (error.status === 400 || error.status === 422))
        )
          throw error;
        jsonSchema = false;
        completion = await complete(messages);
      }
      const message = completion.choices[0]?.message;
      if (!message || message.refusal) return rejected(log, "refusal", fallback);
      const parsed = llmOutput.safeParse(safeJson(message.content ?? ""));
      if (!parsed.success) return rejected(log, "invalid_output", fallback);
      return verified(parsed.data, facts, question, fallback) ?? rejected(log, "unverified", fallback);
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

/** The deterministic answer's facts, the topic's facts at every place, then those of the sections retrieval finds. */
export function factsFor(question: string, answer: Answer): Fact[] {
  const kb = knowledgeBase();
  const chosen: Fact[] = [];
  const add = (facts: Fact[]) => {
    for (const f of facts) if (chosen.length < MAX_FACTS && !chosen.includes(f)) chosen.push(f);
  };
  add(
    (answer.facts ?? [])
      .map((id) => FACTS.find((f) => f.id === id))
      .filter((f): f is Fact => f !== undefined),
  );
  // Read as the deterministic answer reads it: in the documents' spelling.
  const asked = respelled(question);
  const topic = analyzeQuestion(asked).topic?.id;
  if (topic) add(FACTS.filter((f) => f.about.includes(topic)));
  const sections = [
    ...answer.citations.map((c) => `${c.doc}#${c.section}`),
    ...search(kb.index, kb.passages, queryTerms(asked), 5).map(
      (h) => `${h.passage.doc}#${h.passage.section}`,
    ),
  ];
  for (const key of sections) add(FACTS.filter((f) => `${f.doc}#${f.section}` === key));
  return chosen;
}

const numbersOf = (text: string) =>
  new Set((text.match(/\d+(?:\.\d+)?/g) ?? []).map((n) => String(Number(n))));

function verified(
  output: z.infer<typeof llmOutput>,
  facts: Fact[],
  question: string,
  fallback: Answer,
): Answer | undefined {
  const text = output.answer.trim();
  if (!output.answerable || text === "" || text.length > MAX_ANSWER || output.fact_ids.length === 0)
    return undefined;
  const used = output.fact_ids.map((id) => facts.find((f) => f.id === id));
  if (used.some((f) => f === undefined)) return undefined;
  const cited = [...new Set(used as Fact[])];
  const kb = knowledgeBase();
  const citations: AnswerCitation[] = cited.map((f) => {
    const doc = kb.docs.get(f.doc)!;
    return {
      doc: f.doc,
      section: f.section,
      title: doc.title,
      heading: doc.sections.find((s) => s.id === f.section)!.heading,
      quote: f.quote,
    };
  });
  const allowed = new Set([
    ...numbersOf(citations.map((c) => `${c.quote} ${c.heading}`).join(" ")),
    ...numbersOf(question),
    // The deterministic answer's figures were verified already (its arithmetic included).
    ...numbersOf(fallback.answer),
  ]);
  if ([...numbersOf(text)].some((n) => !allowed.has(n))) return undefined;
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const latin = text.match(/[A-Za-z]/g)?.length ?? 0;
  if (fallback.lang === "en" ? han > Math.max(6, latin * 0.05) : han === 0) return undefined;
  return {
    answer: text,
    grounded: true,
    lang: fallback.lang,
    citations,
    facts: cited.map((f) => f.id),
    ...(fallback.kind ? { kind: fallback.kind } : {}),
  };
}

function systemPrompt(lang: Locale): string {
  return [
    "You answer questions of township Communist Youth League secretaries using ONLY the numbered facts given, each from one locality's document.",
    "Documents differ: name the locality for each rule. If the place asked about has no fact on the point, say first that its document does not set it, then what the others say.",
    "A 'practice' fact is one city's practice, not a rule for everyone; 'may' is a permission, 'should' the normal case.",
    `Answer in ${lang === "zh" ? "Simplified Chinese" : "English sentences (no Chinese except names in brackets)"}, the fact first, in at most three sentences.`,
    "Every number in the answer must appear in a fact you cite. If the facts do not answer the question, set answerable to false.",
    'Reply with JSON only: {"answerable": boolean, "answer": string, "fact_ids": [ids of the facts used]}.',
  ].join("\n");
}

function userPrompt(question: string, facts: Fact[], lang: Locale): string {
  const kb = knowledgeBase();
  const lines = facts.map((f) => {
    const section = kb.docs.get(f.doc)!.sections.find((s) => s.id === f.section)!;
    const place = translate(lang, `kb-place-${PLACE_OF_DOC[f.doc]}`);
    return `[${f.id}] ${place} · ${section.heading} · ${f.modality}\n原文: ${f.quote}\n${lang === "zh" ? f.zh : f.en}`;
  });
  return `Facts (${joinList("en", [...new Set(facts.map((f) => PLACE_OF_DOC[f.doc]))])}):\n${lines.join("\n\n")}\n\nQuestion: ${question}`;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^```(?:json)?\s*|\s*```$/g, ""));
  } catch {
    return undefined;
  }
}
