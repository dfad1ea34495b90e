/**
 * Policy Q&A without the LLM: per-question latency over the labelled question set (median, p99,
 * after a warm-up), the size of the bundled index (raw and gzip of src/generated/knowledge.ts), and
 * the time to deserialise the index in a fresh process (what a cold Worker isolate pays once).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { answerQuestion } from "../src/knowledge/answer.js";
import { median, round } from "./lib/stats.js";
import type { Benchmark, BenchmarkReport } from "./lib/types.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const knowledgeBenchmark: Benchmark = {
  name: "knowledge",
  async run(): Promise<BenchmarkReport> {
    const questions = (JSON.parse(readFileSync(join(root, "test/knowledge/questions.json"), "utf8")) as { question: string }[]).map(
      (q) => q.question,
    );
    for (const q of questions) answerQuestion(q); // warm-up: loads the index, JIT
    const timings: number[] = [];
    for (let round_ = 0; round_ < 20; round_++) {
      for (const q of questions) {
        const t0 = performance.now();
        answerQuestion(q);
        timings.push(performance.now() - t0);
      }
    }
    const module = readFileSync(join(root, "src/generated/knowledge.ts"));
    const loads: number[] = [];
    for (let i = 0; i < 5; i++) {
      const out = execFileSync(process.execPath, ["--import", "tsx", join(root, "bench/lib/index-load.ts")], { cwd: root, encoding: "utf8" });
      loads.push(Number(out.trim()));
    }
    const data = {
      questions: questions.length,
      answers: timings.length,
      medianMs: round(median(timings), 3),
      p99Ms: round(percentile(timings, 99), 3),
      indexRawKiB: round(module.length / 1024, 1),
      indexGzipKiB: round(gzipSync(module).length / 1024, 1),
      indexLoadMs: round(median(loads), 1),
    };
    const warnings: string[] = [];
    if (data.medianMs > 1) warnings.push(`median ${data.medianMs} ms per question is above the 1 ms target`);
    if (data.indexGzipKiB > 300) warnings.push(`index ${data.indexGzipKiB} KiB gzip is above the 300 KiB target`);
    return {
      name: "knowledge",
      description: `answerQuestion over ${questions.length} labelled questions × 20 rounds, no LLM; index = src/generated/knowledge.ts; load = MiniSearch.loadJSON in a fresh process (median of 5)`,
      table: {
        columns: ["metric", "value", "target"],
        rows: [
          ["latency median", `${data.medianMs} ms`, "≤ 1 ms"],
          ["latency p99", `${data.p99Ms} ms`, ""],
          ["index size raw / gzip", `${data.indexRawKiB} / ${data.indexGzipKiB} KiB`, "≤ 300 KiB gzip"],
          ["index load", `${data.indexLoadMs} ms`, ""],
        ],
      },
      data,
      warnings,
    };
  },
};
