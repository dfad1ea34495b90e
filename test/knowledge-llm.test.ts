import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerQuestion } from "../src/knowledge/answer.js";
import { createPolicyDesk } from "../src/knowledge/ask.js";
import { startFakeOpenAI } from "./fixtures/openai.js";

const question = "南山街道宣传发动要多少天?";

describe("the optional LLM rephrasing", () => {
  let fake: Awaited<ReturnType<typeof startFakeOpenAI>>;
  const fallbacks: string[] = [];
  let ask: ReturnType<typeof createPolicyDesk>;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
    ask = createPolicyDesk({ apiKey: "test", baseURL: fake.baseURL, model: "fake", timeoutMs: 800 }, (_e, f) =>
      fallbacks.push(String(f.reason)),
    );
  });
  afterAll(() => fake.close());

  const deterministic = answerQuestion(question);
  const passageId = (prompt: string) => /\[(P\d+)\][^\n]*\n[^\n]*不少于 10 天/.exec(prompt)?.[1] ?? "P1";

  it("uses a verified answer: quotes found in the passages, numbers found in the quotes", async () => {
    fake.behave({
      kind: "answer",
      content: (prompt) => ({
        answerable: true,
        answer: "南山街道要求宣传发动不少于10天。",
        citations: [{ passage_id: passageId(prompt), quote: "宣传发动时间不少于 10 天" }],
      }),
    });
    const answer = await ask(question);
    expect(answer.answer).toBe("南山街道要求宣传发动不少于10天。");
    expect(answer.citations).toEqual([expect.objectContaining({ doc: "nanshan-plan", quote: "宣传发动时间不少于 10 天" })]);
    expect(fake.prompts.at(-1)).toContain("不少于 10 天");
  });

  it.each([
    ["a quote that is not in the passage", { kind: "answer", content: () => ({ answerable: true, answer: "要15天。", citations: [{ passage_id: "P1", quote: "宣传发动不少于15天整" }] }) }, "unverified"],
    ["a number not in any quote", { kind: "answer", content: (p: string) => ({ answerable: true, answer: "要20天。", citations: [{ passage_id: passageId(p), quote: "宣传发动时间不少于 10 天" }] }) }, "unverified"],
    ["answerable: false", { kind: "answer", content: () => ({ answerable: false, answer: "", citations: [] }) }, "unverified"],
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
