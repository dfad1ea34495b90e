import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { answerQuestion } from "../src/knowledge/answer.js";
import { knowledgeBase } from "../src/knowledge/base.js";

interface Labelled {
  id: string;
  lang: "zh" | "en";
  question: string;
  grounded: boolean;
  docs: string[];
  facts: string[];
}

const questions = JSON.parse(readFileSync(new URL("./knowledge/questions.json", import.meta.url), "utf8")) as Labelled[];
const squash = (text: string) => text.replace(/\s+/g, "");

/** Why an answer misses its label, or undefined when it is right. */
function verdict(q: Labelled): string | undefined {
  const a = answerQuestion(q.question);
  if (a.lang !== q.lang) return `answered in ${a.lang}`;
  if (a.grounded !== q.grounded) return `grounded=${a.grounded}: ${a.answer.slice(0, 80)}`;
  if (!q.grounded) return undefined;
  if (!a.citations.some((c) => q.docs.includes(c.doc))) return `cited ${a.citations.map((c) => c.doc).join(",")}`;
  const evidence = squash([a.answer, ...a.citations.map((c) => c.quote)].join("\n"));
  const missing = q.facts.filter((f) => !evidence.includes(squash(f)));
  return missing.length > 0 ? `missing ${missing.join(", ")}: ${a.answer.slice(0, 120)}` : undefined;
}

const CHINESE_NUMERALS: Record<string, string> = { 一: "1", 二: "2", 两: "2", 三: "3", 四: "4", 五: "5", 六: "6", 七: "7", 八: "8", 九: "9", 十: "10" };
/** Digits, and Chinese numerals where they count something (三个月, 一周, 两名), not in names like 四川. */
const numbersIn = (text: string) =>
  (
    text
      .replace(/[一二两三四五六七八九十](?=[天周名人个次岁年月分条种])/g, (c) => ` ${CHINESE_NUMERALS[c]} `)
      .match(/\d+/g) ?? []
  ).map(Number);

describe("policy answers from the knowledge base", () => {
  it(`answers the labelled question set (${questions.length} questions) at 95% or better`, () => {
    expect(questions.length).toBeGreaterThanOrEqual(80);
    const failures = questions.map((q) => [q, verdict(q)] as const).filter(([, why]) => why !== undefined);
    const score = 1 - failures.length / questions.length;
    if (score < 1) console.log(failures.map(([q, why]) => `${q.id} ${q.question} → ${why}`).join("\n"));
    expect(score).toBeGreaterThanOrEqual(0.95);
  });

  it("every grounded answer carries citations whose quotes are the documents' exact words", () => {
    const kb = knowledgeBase();
    for (const q of questions) {
      const a = answerQuestion(q.question);
      if (!a.grounded) {
        expect(a.citations).toEqual([]);
        continue;
      }
      expect(a.citations.length).toBeGreaterThan(0);
      for (const c of a.citations) {
        const section = kb.docs.get(c.doc)?.sections.find((s) => s.id === c.section);
        expect(section?.text, `${q.id} ${c.doc}#${c.section}`).toContain(c.quote);
        expect(c.title).toBe(kb.docs.get(c.doc)?.title);
      }
    }
  });

  it("puts no number in an answer that its cited quotes do not contain", () => {
    for (const q of questions) {
      const a = answerQuestion(q.question);
      const quoted = new Set(numbersIn(a.citations.map((c) => `${c.quote} ${c.heading}`).join(" ")));
      const stated = numbersIn(a.answer.replace(/《[^》]*》/g, ""));
      for (const n of stated) expect(quoted.has(n), `${q.id}: ${n} in "${a.answer}"`).toBe(true);
    }
  });

  it("answers in the question's language and says plainly when it does not know", () => {
    const zh = answerQuestion("怎么炒股票?");
    expect(zh).toMatchObject({ grounded: false, lang: "zh", citations: [] });
    expect(zh.answer).toContain("没有找到");
    const en = answerQuestion("How do I bake sourdough bread?");
    expect(en).toMatchObject({ grounded: false, lang: "en" });
    expect(en.answer).toMatch(/found nothing/);
  });

  it("answers one line per locality where the documents differ, and only the named one when asked", () => {
    const all = answerQuestion("兼职副书记的年龄上限是多少?");
    expect(all.answer).toMatch(/吉阳镇.*40/);
    expect(all.answer).toMatch(/新港街道.*38/);
    expect(all.answer).toMatch(/南山街道.*40/);
    const one = answerQuestion("南山街道宣传发动要多少天?");
    expect(one.answer).toContain("10");
    expect(one.answer).not.toContain("15");
    expect(one.citations.every((c) => c.doc === "nanshan-plan")).toBe(true);
  });
});
