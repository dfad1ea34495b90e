/**
 * Webhook throughput, latency and memory: our Node server (src/main.ts, real SQLite file, fake Bot API)
 * against a bare grammY + Hono echo bot (bench/echo-server.ts) as the ceiling. Both are built with
 * scripts/build-node.ts and run by plain node with the same flags (as `npm start` runs ours), and both
 * call the Bot API through undici (src/bot/bot-api-fetch.ts). Each gets the same autocannon load of a
 * realistic mix from many users (bench/lib/updates.ts: /start, questions, registration answers typed
 * and pressed, /progress, the next step's button), from its own stream so that every user's session
 * stays in order. Both streams are the same sequence of updates and each round sends a fixed number of
 * them, so both servers get the same mix whatever their speed (a stream's mix moves as its users get
 * further into their sessions: measured over a fixed time, the faster server would get another mix).
 * The two are measured alternately (echo, ours, echo, ours, ...); a server's rate is its rounds' median.
 *
 * Environment: BENCH_UPDATES (measured updates per round, default 15,000), BENCH_WARMUP_UPDATES
 * (updates sent before each round, default 3,000), BENCH_ROUNDS (rounds per server, default 2), BENCH_CONNECTIONS (default 10), BENCH_USERS (users
 * active at once, default 1,000), BENCH_PROFILE=<dir> (write V8 CPU profiles of both servers into <dir>
 * when they stop), BENCH_NODE_OPTIONS (extra NODE_OPTIONS for our server), BENCH_DB_DIR (where the
 * temporary SQLite file goes, default the OS temp dir; /dev/shm takes fsync out of the picture),
 * BENCH_LOG_LEVEL (our server's LOG_LEVEL, default warn: no line per update; with info, its one JSON
 * line per update goes to a pipe the benchmark reads).
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startBotApi, TEST_BOT_INFO } from "../test/fixtures/bot-api.js";
import { type RunningServer, startServer } from "../test/fixtures/server-process.js";
import { startEchoServer } from "./lib/echo-process.js";
import { runWebhookLoad, type WebhookLoadResult } from "./lib/load.js";
import { procStatusBytes } from "./lib/memory.js";
import { buildNode } from "../scripts/build-node.js";
import { envNumber, median, round } from "./lib/stats.js";
import type { Benchmark, BenchmarkReport } from "./lib/types.js";
import { startUpdates, type UpdateSource } from "./lib/updates.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const TARGET_RATIO = 0.7;
const TARGET_RSS_RATIO = 1.3;
const BOT_TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const WEBHOOK_SECRET = "bench-webhook-secret-0123456789";
const MB = 1024 * 1024;

interface Target {
  name: "ours" | "echo";
  server: RunningServer;
  updates: UpdateSource;
  rounds: WebhookLoadResult[];
}

export const webhookBenchmark: Benchmark = {
  name: "webhook",
  async run(): Promise<BenchmarkReport> {
    const measuredUpdates = Math.round(envNumber("BENCH_UPDATES", 15_000));
    const warmupUpdates = Math.round(envNumber("BENCH_WARMUP_UPDATES", 3_000));
    const roundsPerServer = Math.round(envNumber("BENCH_ROUNDS", 2));
    const connections = Math.round(envNumber("BENCH_CONNECTIONS", 10));
    const activeUsers = Math.round(envNumber("BENCH_USERS", 1_000));
    const profileDir = process.env.BENCH_PROFILE ? resolve(process.env.BENCH_PROFILE) : undefined;
    const logLevel = process.env.BENCH_LOG_LEVEL || "warn";

    const api = await startBotApi();
    const dir = mkdtempSync(join(process.env.BENCH_DB_DIR || tmpdir(), "bench-webhook-"));
    const env = {
      BOT_TOKEN,
      PII_HASH_KEY: "bench-pii-hash-key",
      BOT_MODE: "webhook",
      WEBHOOK_SECRET,
      BOT_INFO: JSON.stringify(TEST_BOT_INFO),
      TELEGRAM_API_ROOT: api.url,
    };
    const targets: Target[] = [];
    // Two folders below the repository, as dist/node/main.js is (our bundle finds the migrations from there).
    const build = join(root, "dist", `bench-${process.pid}`);
    try {
      const [oursBundle, echoBundle] = await Promise.all([
        buildNode("src/main.ts", join(build, "main.js")),
        buildNode("bench/echo-server.ts", join(build, "echo-server.js")),
      ]);
      const echo = await startEchoServer({ ...env, ...nodeOptions(profileDir, false) }, echoBundle);
      targets.push({ name: "echo", server: echo, updates: startUpdates({ activeUsers }), rounds: [] });
      const ours = await startServer(
        { ...env, DATABASE_URL: `file:${join(dir, "bot.db")}`, LOG_LEVEL: logLevel, ...nodeOptions(profileDir) },
        0,
        { bundle: oursBundle },
      );
      targets.push({ name: "ours", server: ours, updates: startUpdates({ activeUsers }), rounds: [] });
      api.reset();

      for (let round = 1; round <= roundsPerServer; round++) {
        for (const target of targets) {
          process.stdout.write(`  webhook: round ${round}/${roundsPerServer} ${target.name} … `);
          const result = await runWebhookLoad({
            url: target.server.url,
            secret: WEBHOOK_SECRET,
            updates: target.updates,
            api,
            pid: target.server.process.pid!,
            connections,
            warmupUpdates,
            measuredUpdates,
          });
          target.rounds.push(result);
          const bad = result.non2xx + result.errors + result.timeouts;
          console.log(
            `${round0(result.rate)} updates/s over ${result.seconds.toFixed(1)} s, ${result.cpuMsPerUpdate.toFixed(3)} ms server CPU per update${bad ? ` (${bad} failed)` : ""}`,
          );
        }
      }

      const summary = Object.fromEntries(targets.map((t) => [t.name, summarize(t)])) as Record<
        Target["name"],
        Summary
      >;
      const ratio = summary.ours.requestsPerSecond / summary.echo.requestsPerSecond;
      const warnings: string[] = [];
      for (const [name, s] of Object.entries(summary)) {
        if (s.non2xx || s.errors || s.timeouts) {
          warnings.push(
            `${name}: ${s.non2xx} non-2xx (${JSON.stringify(s.statusCodes)}), ${s.errors} errors, ${s.timeouts} timeouts`,
          );
        }
        // Every update is answered with at least one call; only the few in flight at a window's edge may lack it.
        if (s.apiCalls < s.requests - connections * roundsPerServer * 2)
          warnings.push(`${name}: ${s.apiCalls} Bot API calls for ${s.requests} updates`);
        if (s.rateLimited > 0) warnings.push(`${name}: ${s.rateLimited} updates rate-limited (raise BENCH_USERS)`);
      }
      const rssRatio = summary.ours.peakRssMB / summary.echo.peakRssMB;
      // Updates/s each would reach with a core to itself: the CPU ratio, steadier on a shared machine.
      const cpuRatio = summary.echo.cpuMsPerUpdate / summary.ours.cpuMsPerUpdate;
      if (ratio < TARGET_RATIO)
        warnings.push(`ours/echo = ${ratio.toFixed(2)}, below the target of ${TARGET_RATIO}`);
      if (rssRatio > TARGET_RSS_RATIO)
        warnings.push(`peak RSS ours/echo = ${rssRatio.toFixed(2)}, above the target of ${TARGET_RSS_RATIO}`);
      const [oursMix, echoMix] = (["ours", "echo"] as const).map((name) => mixText(targets.find((t) => t.name === name)!.updates));
      if (oursMix !== echoMix) warnings.push(`the two servers got different mixes: ours ${oursMix}; echo ${echoMix}`);
      const oursLog = logExcerpt(ours.output(), logLevel);
      if (oursLog) warnings.push(`our server logged (LOG_LEVEL=${logLevel}):\n${oursLog}`);

      const cell = (pick: (s: Summary) => number | string) => [
        String(pick(summary.ours)),
        String(pick(summary.echo)),
      ];
      return {
        name: "webhook",
        description:
          `POST /telegram/webhook, a session mix (${mixText(targets.find((t) => t.name === "ours")!.updates)}) from ` +
          `${activeUsers.toLocaleString("en")} users at a time, both built and run by node with undici, ${connections} connections, ` +
          `${roundsPerServer} × (${warmupUpdates.toLocaleString("en")} warm-up + ${measuredUpdates.toLocaleString("en")} measured updates) per server, the same sequence for both, alternating; ` +
          `our LOG_LEVEL=${logLevel}`,
        table: {
          columns: ["metric", "ours", "echo", "ours/echo"],
          rows: [
            [
              "updates/s (median of rounds)",
              ...cell((s) => s.requestsPerSecond),
              `${ratio.toFixed(2)} (target ≥ ${TARGET_RATIO})`,
            ],
            ["Bot API calls/s (median of 1 s samples)", ...cell((s) => s.apiCallsPerSecond), ""],
            [
              "server CPU ms per update (median of rounds)",
              ...cell((s) => s.cpuMsPerUpdate),
              `${cpuRatio.toFixed(2)} (echo/ours: the throughput ratio on a core each)`,
            ],
            ["updates/s per round", ...cell((s) => s.perRound.join(" / ")), ""],
            ["latency p50 / p99 ms", ...cell((s) => `${s.latencyP50Ms} / ${s.latencyP99Ms}`), ""],
            ["non-2xx / errors", ...cell((s) => `${s.non2xx} / ${s.errors + s.timeouts}`), ""],
            [
              "peak RSS MB (VmHWM)",
              ...cell((s) => `${s.peakRssMB} (${s.vmHwmMB})`),
              `${rssRatio.toFixed(2)} (target ≤ ${TARGET_RSS_RATIO})`,
            ],
            ["users who started a session", ...cell((s) => s.users), ""],
          ],
        },
        data: {
          connections,
          warmupUpdates,
          measuredUpdates,
          roundsPerServer,
          databaseDir: dirname(dir),
          logLevel,
          activeUsers,
          ratio: round(ratio, 3),
          targetRatio: TARGET_RATIO,
          rssRatio: round(rssRatio, 3),
          cpuRatio: round(cpuRatio, 3),
          targetRssRatio: TARGET_RSS_RATIO,
          ...summary,
        },
        warnings,
      };
    } finally {
      for (const target of targets) await target.server.stop();
      await api.close();
      rmSync(dir, { recursive: true, force: true });
      // The profiles name the bundles' lines: bench/profile-summary.ts reads them from a copy beside them.
      if (profileDir) for (const name of ["main.js", "echo-server.js"]) if (existsSync(join(build, name))) copyFileSync(join(build, name), join(profileDir, name));
      rmSync(build, { recursive: true, force: true });
    }
  },
};

interface Summary {
  requestsPerSecond: number;
  apiCallsPerSecond: number;
  perRound: number[];
  samples: number[];
  requests: number;
  apiCalls: number;
  rateLimited: number;
  users: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  peakRssMB: number;
  vmHwmMB: number;
  cpuMsPerUpdate: number;
}

function summarize(target: Target): Summary {
  const { rounds } = target;
  const samples = rounds.flatMap((r) => r.requestsPerSecond);
  const statusCodes: Record<string, number> = {};
  for (const r of rounds)
    for (const [code, n] of Object.entries(r.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + n;
  const sum = (pick: (r: WebhookLoadResult) => number) => rounds.reduce((acc, r) => acc + pick(r), 0);
  return {
    requestsPerSecond: round0(median(rounds.map((r) => r.rate))),
    apiCallsPerSecond: round0(median(rounds.flatMap((r) => r.apiCallsPerSecond))),
    perRound: rounds.map((r) => round0(r.rate)),
    samples,
    requests: sum((r) => r.requests),
    apiCalls: sum((r) => r.apiCalls),
    rateLimited: sum((r) => r.rateLimited),
    users: target.updates.users,
    non2xx: sum((r) => r.non2xx),
    statusCodes,
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    latencyP50Ms: round(median(rounds.map((r) => r.latencyP50Ms)), 1),
    latencyP99Ms: round(median(rounds.map((r) => r.latencyP99Ms)), 1),
    peakRssMB: round(Math.max(...rounds.map((r) => r.peakRssBytes)) / MB, 1),
    vmHwmMB: round((procStatusBytes(target.server.process.pid!, "VmHWM") ?? 0) / MB, 1),
    cpuMsPerUpdate: round(median(rounds.map((r) => r.cpuMsPerUpdate)), 3),
  };
}

function nodeOptions(profileDir: string | undefined, ours = true): { NODE_OPTIONS?: string } {
  const options = [
    ours ? (process.env.BENCH_NODE_OPTIONS ?? "") : "",
    profileDir ? `--cpu-prof --cpu-prof-dir=${profileDir}` : "",
  ];
  const joined = options.join(" ").trim();
  return joined ? { NODE_OPTIONS: joined } : {};
}

/** The share of each kind of update in what was sent, e.g. "commands 14%, questions 14%, …". */
function mixText(updates: UpdateSource): string {
  const kinds = updates.kinds;
  const total = Object.values(kinds).reduce((a, b) => a + b, 0) || 1;
  const names = { command: "commands", question: "questions", answer: "typed answers", button: "button presses" } as const;
  return (Object.keys(names) as (keyof typeof names)[]).map((k) => `${names[k]} ${Math.round((kinds[k] * 100) / total)}%`).join(", ");
}

function round0(value: number): number {
  return Math.round(value);
}

/** The first lines the server wrote at warn level or above, if any (its per-update info lines are expected). */
function logExcerpt(output: string, logLevel: string): string {
  const lines = output
    .split("\n")
    .filter((line) => line.trim() && !(logLevel !== "warn" && /"level":"(info|debug)"/.test(line)));
  if (!lines.length) return "";
  const shown = lines.slice(0, 5).map((line) => `    ${line.slice(0, 300)}`);
  if (lines.length > 5) shown.push(`    … ${lines.length - 5} more lines`);
  return shown.join("\n");
}
