// Prints how long deserialising the bundled knowledge index takes in this fresh process (ms).
import { knowledgeIndexJson } from "../../src/generated/knowledge.js";
import { loadIndex } from "../../src/knowledge/search.js";

const t0 = performance.now();
loadIndex(knowledgeIndexJson);
console.log((performance.now() - t0).toFixed(2));
