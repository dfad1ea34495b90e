import MiniSearch from "minisearch";
import { Lru } from "../lib/lru.js";
import { expandQuery } from "./glossary.js";
import type { Passage } from "./passages.js";
import { containsHan, tokenize } from "./tokenize.js";

/**
 * BM25 retrieval over passages with MiniSearch (small, dependency-free, serialisable index, runs in
 * Workers). Terms are made by our tokenizer for both documents and queries.
 */
const OPTIONS = {
  fields: ["text", "heading", "context"],
  idField: "id",
  tokenize: (text: string) => tokenize(text),
  processTerm: (term: string) => term,
  // A heading names what its text is about; the headings above it do too, but more loosely.
  searchOptions: { boost: { text: 1, heading: 2, context: 0.5 }, combineWith: "OR" as const },
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
  const expanded = [...new Set(expandQuery(question).flatMap(termsOf))].filter((t) => !own.includes(t));
  return { own, expanded };
}

/** Glossary words are few and asked for again and again: each is tokenized once per process. */
const glossaryTerms = new Lru<string, string[]>(512);
const termsOf = (word: string): string[] => glossaryTerms.remember(word, () => tokenize(word));

/**
 * How much a glossary term counts next to the question's own words. A Chinese question's own words
 * are the best evidence and the glossary's related terms only help; an English question reaches the
 * text through the glossary alone.
 */
const EXPANDED_BOOST = 0.4;

export function search(index: MiniSearch<Passage>, passages: Passage[], terms: QueryTerms, limit = 8): Hit[] {
  const all = [...terms.own, ...terms.expanded];
  if (all.length === 0) return [];
  const expandedBoost = terms.own.some(containsHan) ? EXPANDED_BOOST : 1;
  const expanded = new Set(terms.expanded);
  const results = index.search(all.join(" "), {
    tokenize: (text) => text.split(" "),
    boostTerm: (term) => (expanded.has(term) ? expandedBoost : 1),
  });
  return results.slice(0, limit).map((r) => ({
    passage: passages[r.id as number]!,
    score: r.score,
    matched: Object.keys(r.match),
  }));
}

/** The distinct terms of a passage (text, heading and the headings above it), as the index sees them. */
export function passageTerms(passage: Pick<Passage, "text" | "heading" | "context">): Set<string> {
  return new Set([...tokenize(passage.text), ...tokenize(passage.heading), ...tokenize(passage.context)]);
}
