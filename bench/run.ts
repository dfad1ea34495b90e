/**
 * `npm run bench`: runs every benchmark in order, prints one summary table per benchmark with the
 * machine it ran on, and writes everything to bench/results/latest.json. To add a benchmark, write
 * bench/<name>.ts exporting a `Benchmark` and list it below.
 * Usage: tsx bench/run.ts [name ...]   (default: all)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleBenchmark } from "./bundle.js";
import { candidatesBenchmark } from "./candidates.js";
import { coldStartBenchmark } from "./cold-start.js";
import { documentsBenchmark } from "./documents.js";
import { describeMachine, formatMachine } from "./lib/machine.js";
import type { Benchmark, BenchmarkReport } from "./lib/types.js";
import { knowledgeBenchmark } from "./knowledge.js";
import { overviewBenchmark } from "./overview.js";
import { queuesBenchmark } from "./queues.js";
import { remindersBenchmark } from "./reminders.js";
import { startupBenchmark } from "./startup.js";
import { webhookBenchmark } from "./webhook.js";
import { wecomBenchmark } from "./wecom.js";

const benchmarks: Benchmark[] = [knowledgeBenchmark, webhookBenchmark, startupBenchmark, bundleBenchmark, candidatesBenchmark, documentsBenchmark, remindersBenchmark, queuesBenchmark, overviewBenchmark, coldStartBenchmark, wecomBenchmark];

const resultsDir = join(dirname(fileURLToPath(import.meta.url)), "results");

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !benchmarks.some((b) => b.name === name));
  if (unknown.length)
    throw new Error(
      `unknown benchmark(s): ${unknown.join(", ")}; known: ${benchmarks.map((b) => b.name).join(", ")}`,
    );
  const selected = wanted.length ? benchmarks.filter((b) => wanted.includes(b.name)) : benchmarks;

  const machine = describeMachine();
  console.log(`Machine: ${formatMachine(machine)}\n`);
  const started = Date.now();
  const reports: BenchmarkReport[] = [];
  const failures: Record<string, string> = {};
  for (const benchmark of selected) {
    console.log(`▶ ${benchmark.name}`);
    const t0 = Date.now();
    try {
      reports.push(await benchmark.run());
      console.log(`  done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    } catch (error) {
      failures[benchmark.name] = (error as Error).stack ?? String(error);
      console.error(`  FAILED: ${(error as Error).message}`);
    }
  }

  console.log(`\n=== Summary · ${formatMachine(machine)} ===`);
  for (const report of reports) {
    console.log(`\n${report.name}: ${report.description}`);
    console.log(formatTable(report.table.columns, report.table.rows));
    for (const warning of report.warnings ?? []) console.log(`  ! ${warning}`);
  }
  const totalSeconds = Math.round((Date.now() - started) / 100) / 10;
  console.log(
    `\nTotal ${totalSeconds} s; 1-minute load average ${machine.loadAverage} at start, ${loadavg()[0]!.toFixed(2)} at end.`,
  );

  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, "latest.json");
  const json = {
    date: new Date().toISOString(),
    machine: { ...machine, loadAverageAtEnd: Math.round(loadavg()[0]! * 100) / 100 },
    totalSeconds,
    results: Object.fromEntries(reports.map((r) => [r.name, r.data])),
    ...(Object.keys(failures).length ? { failures } : {}),
  };
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`Results written to ${file}`);
  if (Object.keys(failures).length) process.exitCode = 1;
}

function formatTable(columns: string[], rows: string[][]): string {
  const all = [columns, ...rows];
  const widths = columns.map((_, i) => Math.max(...all.map((row) => width(row[i] ?? ""))));
  const line = (row: string[]) =>
    `  ${row.map((cell, i) => (i === 0 ? pad(cell, widths[i]!) : padStart(cell, widths[i]!))).join("  ")}`.trimEnd();
  return [line(columns), `  ${widths.map((w) => "─".repeat(w)).join("  ")}`, ...rows.map(line)].join("\n");
}

/** Display width: CJK and other wide characters take two columns. */
function width(text: string): number {
  let w = 0;
  for (const ch of text)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}
const pad = (text: string, w: number) => text + " ".repeat(Math.max(0, w - width(text)));
const padStart = (text: string, w: number) => " ".repeat(Math.max(0, w - width(text))) + text;

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
