import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerQuestion } from "../src/knowledge/answer.js";
import { createPolicyDesk } from "../src/knowledge/ask.js";
import { startFakeOpenAI } from "./fixtures/openai.js";

const question = "南山街道宣传发动要多少天?";

describe("the optional LLM phrasing over the curated facts", () => {
  let fake: Awaited<ReturnType<typeof startFakeOpenAI>>;
  const fallbacks: string[] = [];
  let ask: ReturnType<typeof createPolicyDesk>;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
    ask = createPolicyDesk(
      { apiKey: "test", baseURL: fake.baseURL, model: "fake", timeoutMs: 800 },
      (_e, f) => fallbacks.push(String(f.reason)),
    );
  });
  afterAll(() => fake.close());

  const deterministic = answerQuestion(question);

  it("gives the model the facts with their ids and quotes, and uses an answer whose fact ids and numbers check out", async () => {
    fake.behave({
      kind: "answer",
      content: () => ({
        answerable: true,
        answer: "南山街道要求宣传发动不少于10天。",
        fact_ids: ["ns-publicity"],
      }),
    });
    const answer = await ask(question);
    expect(answer.answer).toBe("南山街道要求宣传发动不少于10天。");
    expect(answer.facts).toEqual(["ns-publicity"]);
    expect(answer.citations).toEqual([
      expect.objectContaining({ doc: "nanshan-plan", section: "s4-1", quote: "宣传发动时间不少于 10 天" }),
    ]);
    const prompt = fake.prompts.at(-1)!;
    expect(prompt).toContain("[ns-publicity]");
    expect(prompt).toContain("原文: 宣传发动时间不少于 10 天");
    // The other places' rules on the topic go along, so a comparison can be answered too.
    expect(prompt).toContain("[jy-publicity]");
  });

  it("works with a server that has JSON mode but no JSON schema (DeepSeek), remembering it", async () => {
    fake.behave({
      kind: "json-mode-only",
      content: () => ({ answerable: true, answer: "南山街道:不少于10天。", fact_ids: ["ns-publicity"] }),
    });
    const before = fake.formats.length;
    expect((await ask(question)).answer).toBe("南山街道:不少于10天。");
    expect((await ask(question)).answer).toBe("南山街道:不少于10天。");
    expect(fake.formats.slice(before)).toEqual(["json_schema", "json_object", "json_object"]);
  });

  it("never asks the model about a question the documents do not cover", async () => {
    const before = fake.prompts.length;
    const answer = await ask("团委委员要什么学历?");
    expect(answer.grounded).toBe(false);
    expect(fake.prompts.length).toBe(before);
  });

  it.each([
    [
      "a fact id it was not given",
      { kind: "answer", content: () => ({ answerable: true, answer: "要15天。", fact_ids: ["made-up"] }) },
      "unverified",
    ],
    [
      "a number no cited fact holds",
      {
        kind: "answer",
        content: () => ({ answerable: true, answer: "要20天。", fact_ids: ["ns-publicity"] }),
      },
      "unverified",
    ],
    [
      "an answer in the wrong language",
      {
        kind: "answer",
        content: () => ({ answerable: true, answer: "At least 10 days.", fact_ids: ["ns-publicity"] }),
      },
      "unverified",
    ],
    [
      "answerable: false",
      { kind: "answer", content: () => ({ answerable: false, answer: "", fact_ids: [] }) },
      "unverified",
    ],
    ["a refusal", { kind: "refuse" }, "refusal"],
    ["malformed JSON", { kind: "malformed" }, "invalid_output"],
    ["a server error", { kind: "error", status: 500 }, "error"],
    ["a timeout", { kind: "stall", ms: 3000 }, "timeout"],
  ] as const)("falls back to the deterministic answer on %s", async (_name, behaviour, reason) => {
    fake.behave(behaviour as Parameters<typeof fake.behave>[0]);
    const started = Date.now();
    const answer = await ask(question);
    expect(answer).toEqual(deterministic);
    expect(fallbacks.at(-1)).toBe(reason);
    expect(Date.now() - started).toBeLessThan(2500);
  });
});
