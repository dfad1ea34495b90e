import MiniSearch from "minisearch";
import { expandQuery } from "./glossary.js";
import type { Passage } from "./passages.js";
import { tokenize } from "./tokenize.js";

/**
 * BM25 retrieval over passages with MiniSearch (small, dependency-free, serialisable index, runs in
 * Workers). Terms are made by our tokenizer for both documents and queries.
 */
const OPTIONS = {
  fields: ["text", "heading"],
  idField: "id",
  tokenize: (text: string) => tokenize(text),
  processTerm: (term: string) => term,
  searchOptions: { boost: { text: 1, heading: 2 }, combineWith: "OR" as const },
};

export function buildIndex(passages: Passage[]): MiniSearch<Passage> {
  const index = new MiniSearch<Passage>(OPTIONS);
  index.addAll(passages);
  return index;
}

export function loadIndex(json: string): MiniSearch<Passage> {
  return MiniSearch.loadJSON<Passage>(json, OPTIONS);
}

export interface Hit {
  passage: Passage;
  score: number;
  /** Query terms found in the passage. */
  matched: string[];
}

export interface QueryTerms {
  /** Terms from the question's own words. */
  own: string[];
  /** Terms the glossary added. */
  expanded: string[];
}

export function queryTerms(question: string): QueryTerms {
  const own = [...new Set(tokenize(question))];
  const expanded = [...new Set(expandQuery(question).flatMap((term) => tokenize(term)))].filter((t) => !own.includes(t));
  return { own, expanded };
}

export function search(index: MiniSearch<Passage>, passages: Passage[], terms: QueryTerms, limit = 8): Hit[] {
  const all = [...terms.own, ...terms.expanded];
  if (all.length === 0) return [];
  const results = index.search(all.join(" "), { tokenize: (text) => text.split(" ") });
  return results.slice(0, limit).map((r) => ({
    passage: passages[r.id as number]!,
    score: r.score,
    matched: Object.keys(r.match),
  }));
}

/** The distinct terms of a passage, as the index sees them. */
export function passageTerms(passage: Pick<Passage, "text" | "heading">): Set<string> {
  return new Set([...tokenize(passage.text), ...tokenize(passage.heading)]);
}
