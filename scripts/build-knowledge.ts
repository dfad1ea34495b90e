/**
 * Build-time half of the knowledge base: parses src/knowledge/docs/*.md, cuts passages, builds the
 * MiniSearch index and serialises everything into src/generated/knowledge.ts, so a question is
 * answered without reading a file or building an index (the Worker has no file system).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseKnowledgeDoc, withEnglish } from "../src/knowledge/corpus.js";
import { passagesOf } from "../src/knowledge/passages.js";
import { buildIndex, passageTerms } from "../src/knowledge/search.js";

export function buildKnowledgeModule(root: string): string {
  const dir = join(root, "src/knowledge/docs");
  const docs = readdirSync(dir)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => {
      const doc = parseKnowledgeDoc(readFileSync(join(dir, f), "utf8"));
      const english = join(dir, f.replace(/\.md$/, ".en.yaml"));
      return existsSync(english) ? withEnglish(doc, readFileSync(english, "utf8")) : doc;
    });
  const passages = passagesOf(docs);
  const index = buildIndex(passages);
  const df: Record<string, number> = {};
  for (const passage of passages) for (const term of passageTerms(passage)) df[term] = (df[term] ?? 0) + 1;
  return [
    `import type { KnowledgeDoc } from "../knowledge/corpus.js";`,
    `import type { Passage } from "../knowledge/passages.js";`,
    `export const knowledgeDocs: KnowledgeDoc[] = ${JSON.stringify(docs)};`,
    `export const knowledgePassages: Passage[] = ${JSON.stringify(passages)};`,
    `/** MiniSearch.toJSON() of the passages, as a string for MiniSearch.loadJSON. */`,
    `/** In how many passages each term occurs (for weighting the evidence behind an answer). */`,
    `export const knowledgeTermDf: Record<string, number> = ${JSON.stringify(df)};`,
    `export const knowledgeIndexJson: string = ${JSON.stringify(JSON.stringify(index))};`,
    "",
  ].join("\n");
}
