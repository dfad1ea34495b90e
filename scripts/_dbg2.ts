import { localitiesIn, ruleKeysFor } from "../src/knowledge/rule-topics.js";
import { answerQuestion } from "../src/knowledge/answer.js";
for (const q of process.argv.slice(2)) { const a = answerQuestion(q); console.log(q, "| rules:", ruleKeysFor(q).join(","), "| places:", localitiesIn(q).map(l=>l.doc).join(","), "\n  ", a.answer.slice(0,150).replace(/\n/g," / "), a.citations.map(c=>c.doc+"#"+c.section).join(" ")); }
