import { describe, expect, it } from "vitest";
import { knowledgeBase } from "../src/knowledge/base.js";
import { BACKGROUND, FACTS } from "../src/knowledge/facts.js";
import { splitSentences } from "../src/knowledge/passages.js";
import { TOPICS } from "../src/knowledge/topics.js";

const kb = knowledgeBase();
const section = (doc: string, id: string) => kb.docs.get(doc as never)?.sections.find((s) => s.id === id);
const digits = (text: string) => new Set(text.match(/\d+/g) ?? []);

/** The plans' sections that state what to do; their preambles, guiding thoughts, sign-offs and annexes do not. */
const NORMATIVE: Record<string, RegExp> = {
  "jiyang-plan": /^s[2-6]/,
  "nanshan-plan": /^s[2-6]/,
  "xingang-plan": /^s[2-4]/,
};

describe("curated facts", () => {
  it("quote the documents' exact words, under unique ids, about known topics", () => {
    const ids = new Set<string>();
    const topics = new Set<string>(TOPICS.map((t) => t.id));
    for (const f of FACTS) {
      expect(ids.has(f.id), f.id).toBe(false);
      ids.add(f.id);
      expect(section(f.doc, f.section)?.text, `${f.id} ${f.doc}#${f.section}`).toContain(f.quote);
      for (const t of f.about) expect(topics.has(t), `${f.id}: ${t}`).toBe(true);
    }
    for (const f of FACTS)
      for (const item of f.items ?? []) expect(ids.has(item), `${f.id} → ${item}`).toBe(true);
  });

  it("state no number that their quote, heading or listed items do not hold", () => {
    for (const f of FACTS) {
      const items = (f.items ?? []).map((id) => FACTS.find((x) => x.id === id)!);
      const backing = [f, ...items].map((x) => `${x.quote} ${section(x.doc, x.section)!.heading}`).join(" ");
      const allowed = digits(backing);
      for (const text of [f.zh, f.en])
        for (const n of digits(text)) expect(allowed.has(n), `${f.id}: ${n} in "${text}"`).toBe(true);
    }
  });

  it("have an English statement written in English", () => {
    for (const f of FACTS) expect(f.en.match(/\p{Script=Han}/gu)?.length ?? 0, f.id).toBeLessThanOrEqual(1);
  });

  it("cover every sentence of the plans' normative sections, or list it as background", () => {
    const uncovered: string[] = [];
    for (const [doc, normative] of Object.entries(NORMATIVE)) {
      for (const s of kb.docs.get(doc as never)!.sections.filter((x) => normative.test(x.id))) {
        const quotes = FACTS.filter((f) => f.doc === doc && f.section === s.id).map((f) => f.quote);
        for (const sentence of splitSentences(s.text)) {
          const bare = sentence.replace(/[。;;::]$/, "");
          const covered =
            quotes.some((q) => q.includes(bare) || bare.includes(q)) ||
            BACKGROUND.some((b) => b.doc === doc && b.section === s.id && sentence.startsWith(b.starts));
          if (!covered) uncovered.push(`${doc}#${s.id}: ${sentence}`);
        }
      }
    }
    expect(uncovered).toEqual([]);
  });

  it("have every section of every document rendered in English", () => {
    for (const doc of kb.docs.values()) {
      for (const s of doc.sections) {
        expect(s.en?.heading, `${doc.id}#${s.id}`).toBeTruthy();
        if (s.text.trim()) expect(s.en?.text, `${doc.id}#${s.id}`).toBeTruthy();
        expect(s.en?.text.match(/\p{Script=Han}/gu) ?? [], `${doc.id}#${s.id}`).toEqual([]);
      }
    }
  });
});
