/**
 * A cold Worker's CPU time, against the free plan's 10 ms per request: the Worker's bundle (wrangler
 * deploy --dry-run, minified, as deployed) imported by a fresh Node process — its global scope, which
 * Cloudflare counts against the startup limit (1 s), not a request's CPU time — then its first update
 * and a second one of the same kind through the Worker's fetch handler, each measured with
 * process.threadCpuUsage (user + system of the JavaScript thread: not V8's background compiler and GC
 * threads). Two kinds of first update: /start, and a policy question (which
 * needs the knowledge index). The database (libSQL over HTTP) and the Bot API are served by another
 * process, so only the Worker's CPU is counted. Node runs the same V8 as workerd, whose own timers are
 * frozen between I/O and cannot measure this; Node's fetch client (undici, loaded before measuring)
 * costs more CPU per call than workerd's built-in one, so the figures are if anything high.
 *
 * Environment: BENCH_COLD_RUNS (fresh processes per kind, default 5).
 */
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { envNumber, median, round } from "./lib/stats.js";
import type { Benchmark, BenchmarkReport } from "./lib/types.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const BUDGET_MS = 10;

interface Cold {
  startup: number;
  first: number;
  second: number;
}

export const coldStartBenchmark: Benchmark = {
  name: "cold-start",
  async run(): Promise<BenchmarkReport> {
    const runs = envNumber("BENCH_COLD_RUNS", 5);
    const outdir = mkdtempSync(join(tmpdir(), "bench-cold-bundle-"));
    const fixtures = spawn(process.execPath, ["--import", "tsx", join(root, "bench/lib/cold-fixtures.ts")], {
      cwd: root,
      stdio: ["pipe", "pipe", "inherit"],
    });
    try {
      await promisify(execFile)("npm", ["exec", "--", "wrangler", "deploy", "--dry-run", "--outdir", outdir], {
        cwd: root,
        env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1" },
        maxBuffer: 16 * 1024 * 1024,
      });
      const bundle = join(outdir, readdirSync(outdir).find((f) => f.endsWith(".js"))!);
      const urls = await new Promise<string>((resolveUrls, reject) => {
        fixtures.stdout!.once("data", (d: Buffer) => resolveUrls(d.toString().trim()));
        fixtures.once("exit", (code) => reject(new Error(`fixtures exited with ${code}`)));
      });
      const measure = async (text: string): Promise<Cold[]> => {
        const results: Cold[] = [];
        for (let i = 0; i < runs; i++) {
          const { stdout } = await promisify(execFile)(process.execPath, [join(root, "bench/lib/cold-request.mjs"), bundle, urls, text], {
            cwd: root,
          });
          results.push(JSON.parse(stdout.trim().split("\n").at(-1)!) as Cold);
        }
        return results;
      };
      const kinds = { start: await measure("/start"), question: await measure("兼职副书记的年龄上限是多少?") };
      const summary = Object.fromEntries(
        Object.entries(kinds).map(([kind, results]) => [
          kind,
          {
            startupMs: round(median(results.map((r) => r.startup)), 1),
            firstMs: round(median(results.map((r) => r.first)), 1),
            secondMs: round(median(results.map((r) => r.second)), 1),
            runs: results,
          },
        ]),
      ) as Record<keyof typeof kinds, { startupMs: number; firstMs: number; secondMs: number; runs: Cold[] }>;
      const warnings: string[] = [];
      for (const [kind, s] of Object.entries(summary))
        if (s.firstMs > BUDGET_MS) warnings.push(`a cold ${kind} takes ${s.firstMs} ms of CPU, above the free plan's ${BUDGET_MS} ms`);
      return {
        name: "cold-start",
        description: `fresh Node process per run (median of ${runs}): import of the minified Worker bundle (global scope), its first update, a second one; CPU time of the JS thread (process.threadCpuUsage)`,
        table: {
          columns: ["first update", "global scope (startup)", "first request", "second request", "target (request)"],
          rows: Object.entries(summary).map(([kind, s]) => [
            kind === "start" ? "/start" : "a policy question",
            `${s.startupMs} ms`,
            `${s.firstMs} ms`,
            `${s.secondMs} ms`,
            `≤ ${BUDGET_MS} ms`,
          ]),
        },
        data: { runs, budgetMs: BUDGET_MS, ...summary },
        warnings,
      };
    } finally {
      fixtures.kill();
      rmSync(outdir, { recursive: true, force: true });
    }
  },
};
