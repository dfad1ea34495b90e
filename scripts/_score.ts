import { readFileSync } from "node:fs";
import { answerQuestion } from "../src/knowledge/answer.js";
interface L { id: string; lang: string; question: string; grounded: boolean; docs: string[]; facts: string[] }
const qs = JSON.parse(readFileSync("test/knowledge/questions.json", "utf8")) as L[];
const squash = (t: string) => t.replace(/\s+/g, "");
answerQuestion("warm up");
const times: number[] = [];
let fails = 0;
const verbose = process.argv.includes("-v");
for (const q of qs) {
  const t0 = performance.now();
  const a = answerQuestion(q.question);
  times.push(performance.now() - t0);
  let why: string | undefined;
  if (a.lang !== q.lang) why = `lang ${a.lang}`;
  else if (a.grounded !== q.grounded) why = `grounded=${a.grounded}`;
  else if (q.grounded) {
    if (!a.citations.some((c) => q.docs.includes(c.doc))) why = `cited ${a.citations.map((c) => c.doc).join(",")} want ${q.docs}`;
    else {
      const ev = squash([a.answer, ...a.citations.map((c) => c.quote)].join("\n"));
      const miss = q.facts.filter((f) => !ev.includes(squash(f)));
      if (miss.length) why = `missing ${miss.join(", ")}`;
    }
  }
  if (why) fails++;
  if (why || verbose) console.log(`${why ? "FAIL" : "ok  "} ${q.id} ${q.question} → ${why ?? ""}\n     ${a.answer.replace(/\n/g, " / ").slice(0, 300)}\n     ${a.citations.map((c) => `${c.doc}#${c.section}`).join(" ")}`);
}
times.sort((a, b) => a - b);
console.log(`score ${((1 - fails / qs.length) * 100).toFixed(1)}% (${fails} fails) median ${times[times.length >> 1]!.toFixed(3)}ms p95 ${times[Math.floor(times.length * 0.95)]!.toFixed(3)}ms max ${times[times.length - 1]!.toFixed(2)}`);
