/**
 * Node server start: the built bundle as `npm start` runs it (`node --enable-source-maps
 * dist/node/main.js`, scripts/build-node.ts) against the sources under tsx (`node --import tsx
 * src/main.ts`, how `npm start` ran before), alternately, each start on a fresh database file in local
 * mode. Measured: time from spawn until /healthz answers (polled every 10 ms; migrations included),
 * and the process's RSS one second after that.
 *
 * Environment: BENCH_STARTS (starts per way, default 5).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildNode, NODE_FLAGS } from "../scripts/build-node.js";
import { freePort } from "../test/fixtures/server-process.js";
import { procStatusBytes } from "./lib/memory.js";
import { envNumber, median, round } from "./lib/stats.js";
import type { Benchmark, BenchmarkReport } from "./lib/types.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const MB = 1024 * 1024;

interface Start {
  readyMs: number;
  rssMB: number;
}

async function startOnce(args: string[]): Promise<Start> {
  const dir = mkdtempSync(join(tmpdir(), "bench-startup-"));
  const port = await freePort();
  const t0 = performance.now();
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", PORT: String(port), LOG_LEVEL: "warn", DATABASE_URL: `file:${join(dir, "bot.db")}` },
    stdio: "ignore",
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited early (${args.join(" ")})`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      if (performance.now() - t0 > 30_000) throw new Error(`server did not start (${args.join(" ")})`);
      await new Promise((r) => setTimeout(r, 10));
    }
    const readyMs = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 1000));
    return { readyMs, rssMB: (procStatusBytes(child.pid!, "VmRSS") ?? 0) / MB };
  } finally {
    await new Promise<void>((done) => {
      if (child.exitCode !== null) return done();
      child.once("exit", () => done());
      child.kill("SIGTERM");
    });
    rmSync(dir, { recursive: true, force: true });
  }
}

export const startupBenchmark: Benchmark = {
  name: "startup",
  async run(): Promise<BenchmarkReport> {
    const starts = Math.round(envNumber("BENCH_STARTS", 5));
    const build = join(root, "dist", `bench-${process.pid}`);
    const t0 = performance.now();
    const bundle = await buildNode("src/main.ts", join(build, "main.js"));
    const buildMs = performance.now() - t0;
    const ways = {
      bundle: [...NODE_FLAGS, bundle],
      tsx: ["--import", "tsx", "src/main.ts"],
    };
    const results: Record<keyof typeof ways, Start[]> = { bundle: [], tsx: [] };
    try {
      for (let i = 0; i < starts; i++)
        for (const [name, args] of Object.entries(ways) as [keyof typeof ways, string[]][]) results[name].push(await startOnce(args));
    } finally {
      rmSync(build, { recursive: true, force: true });
    }
    const summary = Object.fromEntries(
      Object.entries(results).map(([name, runs]) => [
        name,
        { readyMs: round(median(runs.map((r) => r.readyMs))), rssMB: round(median(runs.map((r) => r.rssMB)), 1), runs },
      ]),
    ) as Record<keyof typeof ways, { readyMs: number; rssMB: number; runs: Start[] }>;
    return {
      name: "startup",
      description: `Node server in local mode on a fresh database, ${starts} starts per way, alternating; medians`,
      table: {
        columns: ["metric", "bundle (npm start)", "tsx", "bundle/tsx"],
        rows: [
          ["spawn → /healthz ms", String(summary.bundle.readyMs), String(summary.tsx.readyMs), (summary.bundle.readyMs / summary.tsx.readyMs).toFixed(2)],
          ["RSS 1 s after ready MB", String(summary.bundle.rssMB), String(summary.tsx.rssMB), (summary.bundle.rssMB / summary.tsx.rssMB).toFixed(2)],
          ["esbuild build ms", String(round(buildMs)), "", ""],
        ],
      },
      data: { starts, buildMs: round(buildMs), ...summary },
    };
  },
};
