import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { SCORE_BASIS, SUPERVISION_BASIS } from "../src/domain/rules/assessment.js";
import { PROFILES, RECOMMENDED_CHOICES, RECOMMENDED_PROFILE_ID } from "../src/domain/rules/profiles.js";
import { DOC_IDS, type DocId, type RuleKey } from "../src/domain/rules/types.js";
import {
  findQuote,
  getSection,
  type KnowledgeDoc,
  parseKnowledgeDoc,
  TITLE_SECTION,
} from "../src/knowledge/corpus.js";

const docsDir = join(dirname(fileURLToPath(import.meta.url)), "../src/knowledge/docs");
const docs = new Map<DocId, KnowledgeDoc>(
  DOC_IDS.map((id) => [id, parseKnowledgeDoc(readFileSync(join(docsDir, `${id}.md`), "utf8"))]),
);
function doc(id: DocId): KnowledgeDoc {
  const d = docs.get(id);
  if (!d) throw new Error(`no doc ${id}`);
  return d;
}

// --- numbers in a rule summary must come from its quote -------------------------------------------
const CN_DIGITS: Record<string, number> = {
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
/** Chinese numeral (up to 99) to number: 三 → 3, 十五 → 15, 二十 → 20. */
function cnToNumber(s: string): number {
  if (s.includes("十")) {
    const [tens, ones] = s.split("十") as [string, string];
    return (tens ? (CN_DIGITS[tens] ?? 0) : 1) * 10 + (ones ? (CN_DIGITS[ones] ?? 0) : 0);
  }
  return CN_DIGITS[s] ?? Number.NaN;
}
/**
 * Written-out quantities whose value is not the numeral itself. Only these, spelled out here, are
 * translated: a quote saying 一周 supports a summary saying 7天, and 百分制 supports 100.
 */
const QUANTITY_WORDS: Record<string, number> = { 一周: 7, 百分制: 100 };
/** A Chinese numeral counts as a number only before one of these counters (so 一般/统一 are ignored). */
const CN_NUMBER = /([零一二两三四五六七八九十]+)(?=次|个|周|名|人|天|年|岁|周岁|分钟|种|倍)/g;
const CN_FRACTION = /([零一二两三四五六七八九十]+)分之([零一二两三四五六七八九十]+)/g;

function numbersIn(text: string, withQuantityWords: boolean): Set<number> {
  const found = new Set<number>();
  for (const m of text.matchAll(/\d+(?:\.\d+)?/g)) found.add(Number(m[0]));
  for (const m of text.matchAll(CN_FRACTION)) {
    found.add(cnToNumber(m[1]!));
    found.add(cnToNumber(m[2]!));
  }
  for (const m of text.matchAll(CN_NUMBER)) found.add(cnToNumber(m[1]!));
  if (withQuantityWords) {
    for (const [word, value] of Object.entries(QUANTITY_WORDS)) if (text.includes(word)) found.add(value);
  }
  return found;
}

describe("number extraction used by the summary check", () => {
  it("reads Arabic and Chinese numerals with counters only", () => {
    expect([...numbersIn("镇团委一般由9—15名委员组成", false)]).toEqual([9, 15]);
    expect([...numbersIn("不超过委员数量的三分之一", false)].sort()).toEqual([1, 3]);
    expect([...numbersIn("每三个月召开1次", false)].sort()).toEqual([1, 3]);
    expect([...numbersIn("一般不超过,统一换届", false)]).toEqual([]);
    expect(numbersIn("为期一周的公示", true).has(7)).toBe(true);
    expect(numbersIn("高于 20%的比例", false).has(20)).toBe(true);
  });
});

describe("knowledge documents", () => {
  it("parses all five documents with their own ids", () => {
    expect([...docs.keys()]).toEqual([...DOC_IDS]);
    for (const [id, d] of docs) {
      expect(d.id).toBe(id);
      expect(d.title).not.toBe("");
      expect(d.titleEn).not.toBe("");
      expect(d.issuer).not.toBe("");
      expect(d.place).not.toBe("");
      expect(["speech", "reflection", "plan"]).toContain(d.kind);
      if (d.date !== undefined) expect(d.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(doc("jiyang-plan").date).toBe("2011-10-08");
    expect(doc("nanshan-plan").date).toBe("2011-10-19");
    expect(doc("jiyang-plan").title).toBe("吉阳镇团组织格局创新工作实施方案");
  });

  it("has unique, well-formed, non-empty sections", () => {
    for (const d of docs.values()) {
      expect(d.sections.length).toBeGreaterThan(0);
      const ids = d.sections.map((s) => s.id);
      expect(new Set(ids).size, `${d.id} duplicate section ids`).toBe(ids.length);
      for (const [i, s] of d.sections.entries()) {
        expect(s.heading, `${d.id}#${s.id}`).not.toBe("");
        expect(s.path.at(-1)).toBe(s.heading);
        expect(s.path.length).toBe(s.level);
        // numbered ids follow the nesting: s4 → s4-1 → s4-1-1
        if (/^s\d/.test(s.id)) {
          expect(s.id, `${d.id} id/level`).toMatch(/^s\d+(-\d+)*$/);
          expect(s.id.split("-").length, `${d.id}#${s.id} level`).toBe(s.level);
        }
        // a section holds text, or is a container of the next section
        const next = d.sections[i + 1];
        const hasChildren = next !== undefined && next.level > s.level;
        expect(s.text !== "" || hasChildren, `${d.id}#${s.id} is empty`).toBe(true);
        // a heading line holds only the heading, not a run-on paragraph
        expect(s.heading.length, `${d.id}#${s.id} heading too long`).toBeLessThanOrEqual(45);
      }
    }
  });

  it("keeps none of the web page's boilerplate", () => {
    for (const d of docs.values()) {
      const all = [d.title, ...d.sections.flatMap((s) => [s.heading, s.text])].join("\n");
      for (const junk of [
        "写写帮",
        "下载本文",
        "相关范文",
        "第一篇",
        "第二篇",
        "第三篇",
        "第四篇",
        "第五篇",
        "点此处下载",
        "声明:",
      ]) {
        expect(all, `${d.id} contains ${junk}`).not.toContain(junk);
      }
    }
  });

  it("applies every recorded correction and leaves no known OCR slip", () => {
    for (const d of docs.values()) {
      for (const c of d.corrections) {
        const where = c.section === TITLE_SECTION ? d.title : getSection(d, c.section)?.text;
        expect(where, `${d.id} correction section ${c.section}`).toBeDefined();
        expect(where, `${d.id}#${c.section} lacks ${c.corrected}`).toContain(c.corrected);
        expect(where, `${d.id}#${c.section} still has ${c.original}`).not.toContain(c.original);
      }
      const all = d.sections.map((s) => `${s.heading}\n${s.text}`).join("\n");
      for (const slip of ["配臵", "设臵", "选拨", "整治素质", "**", "长:彭 云", "以下); 2 ", "直面苦难", "探索,照团中央", "扩宽"])
        expect(all, `${d.id}: ${slip}`).not.toContain(slip);
    }
  });
});

describe("rule profiles", () => {
  it("has one profile per locality plus the recommended default", () => {
    expect(Object.keys(PROFILES).sort()).toEqual(["jiyang", "nanshan", "recommended", "sichuan", "xingang"]);
    expect(RECOMMENDED_PROFILE_ID).toBe("recommended");
    for (const [id, p] of Object.entries(PROFILES)) expect(p.id).toBe(id);
  });

  it("cites an exact quote of the named section for every rule", () => {
    for (const p of Object.values(PROFILES)) {
      for (const [key, record] of Object.entries(p.rules)) {
        if (!record) continue;
        expect(record.key).toBe(key);
        const { doc: docId, section, quote } = record.citation;
        expect(
          findQuote(doc(docId), section, quote),
          `${p.id}.${key}: "${quote}" not in ${docId}#${section}`,
        ).toBe(true);
      }
    }
  });

  it("cites exact quotes for the supervisors' assessment", () => {
    for (const { doc: docId, section, quote } of [...SCORE_BASIS, SUPERVISION_BASIS])
      expect(findQuote(doc(docId), section, quote), `"${quote}" not in ${docId}#${section}`).toBe(true);
  });

  it("states in each summary only numbers that the quote holds", () => {
    for (const p of Object.values(PROFILES)) {
      for (const [key, record] of Object.entries(p.rules)) {
        if (!record) continue;
        const inQuote = numbersIn(record.citation.quote, true);
        for (const n of numbersIn(record.summary.zh, false)) {
          expect(
            inQuote.has(n),
            `${p.id}.${key}: ${n} in "${record.summary.zh}" not in "${record.citation.quote}"`,
          ).toBe(true);
        }
        expect(record.summary.en).not.toBe("");
      }
    }
  });

  it("builds the recommended profile from locality rules, citations kept", () => {
    const recommended = PROFILES.recommended;
    for (const [key, choice] of Object.entries(RECOMMENDED_CHOICES)) {
      const record = recommended.rules[key as RuleKey];
      expect(record, key).toBeDefined();
      expect(record).toEqual(PROFILES[choice.from].rules[key as RuleKey]);
      expect(recommended.basis.zh).toContain(choice.reason.zh);
      expect(recommended.basis.en).toContain(choice.reason.en);
    }
  });

  it("reads the key numbers as the documents state them", () => {
    const { jiyang, xingang, nanshan } = PROFILES;
    expect(jiyang.rules.maxAge?.value).toEqual({ years: 35, inclusive: true });
    expect(jiyang.rules.relaxedMaxAge?.value.years).toBe(40);
    expect(jiyang.rules.committeeSize?.value).toEqual({ min: 9, max: 15 });
    expect(jiyang.rules.publicityDaysMin?.value.days).toBe(15);
    expect(jiyang.rules.nominationChannels?.value.jointSignaturesMin).toBe(10);
    expect(xingang.rules.maxAge?.value.years).toBe(33);
    expect(xingang.rules.relaxedMaxAge?.value.years).toBe(38);
    expect(xingang.rules.speechMinutesMax?.value.minutes).toBe(5);
    expect(nanshan.rules.publicityDaysMin?.value.days).toBe(10);
    expect(nanshan.rules.candidateSurplusMin?.value.minRatio).toBe(0.2);
    expect(nanshan.rules.preAppointmentNoticeDays?.value.days).toBe(7);
    expect(nanshan.rules.seats?.value).toEqual({ secretary: 1, parttimeDeputies: 3, total: 13 });
  });
});

describe("parser", () => {
  it("rejects malformed documents", () => {
    const head = "---\nid: jiyang-plan\ntitle: t\ntitle_en: t\nissuer: i\nplace: p\nkind: plan\n";
    expect(() => parseKnowledgeDoc(`${head}---\n\n## A {#a}\n\nx\n\n## B {#a}\n\ny\n`)).toThrow(/duplicate/);
    expect(() => parseKnowledgeDoc(`${head}---\n\ntext first\n\n## A {#a}\n`)).toThrow(
      /before the first heading/,
    );
    expect(() => parseKnowledgeDoc(`${head}---\n\n## A\n\nx\n`)).toThrow(/explicit/);
    expect(() =>
      parseKnowledgeDoc(`${head.replace("jiyang-plan", "nowhere")}---\n\n## A {#a}\n\nx\n`),
    ).toThrow(/unknown document id/);
  });

  it("nests paths and joins paragraphs with newlines", () => {
    const d = parseKnowledgeDoc(
      "---\nid: xingang-plan\ntitle: t\ntitle_en: t\nissuer: i\nplace: p\nkind: plan\n---\n\n## 一、甲 {#s1}\n\n### (一)乙 {#s1-1}\n\n第一段\n\n第二段\n",
    );
    expect(d.sections[1]).toEqual({
      id: "s1-1",
      heading: "(一)乙",
      level: 2,
      path: ["一、甲", "(一)乙"],
      text: "第一段\n第二段",
    });
    expect(findQuote(d, "s1-1", "一段\n第二")).toBe(true);
    expect(findQuote(d, "s1", "第一段")).toBe(false);
    expect(findQuote(d, "s1-1", "")).toBe(false);
  });
});
