import type MiniSearch from "minisearch";
import {
  knowledgeDocs,
  knowledgeIndexJson,
  knowledgePassages,
  knowledgeTermDf,
} from "../generated/knowledge.js";
import type { DocId } from "../domain/rules/types.js";
import type { KnowledgeDoc } from "./corpus.js";
import type { Passage } from "./passages.js";
import { loadIndex } from "./search.js";

export interface KnowledgeBase {
  docs: Map<DocId, KnowledgeDoc>;
  passages: Passage[];
  index: MiniSearch<Passage>;
  /** Inverse document frequency of a term; unknown terms weigh the most. */
  idf(term: string): number;
}

let loaded: KnowledgeBase | undefined;

/** The bundled knowledge base, its index deserialised once per process or isolate, on first use. */
export function knowledgeBase(): KnowledgeBase {
  if (loaded) return loaded;
  const n = knowledgePassages.length;
  loaded = {
    docs: new Map(knowledgeDocs.map((d) => [d.id, d])),
    passages: knowledgePassages,
    index: loadIndex(knowledgeIndexJson),
    idf: (term) => Math.log((n + 1) / ((knowledgeTermDf[term] ?? 0) + 0.5)),
  };
  return loaded;
}
