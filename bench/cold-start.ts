/**
 * A cold Worker's CPU time, against the free plan's 10 ms per request: the Worker's bundle (wrangler
 * deploy --dry-run, minified, as deployed) in a fresh runtime per run — its start (the global scope,
 * which Cloudflare counts against the startup limit of 1 s, not against a request), then its first
 * update and a second one. Two kinds of first update: /start, and a policy question (which needs the
 * knowledge index).
 *
 * - workerd (the figure that counts): a bare workerd serving the bundle (lib/workerd-cold.ts), CPU of
 *   its main thread from Linux's per-thread accounting.
 * - Node (for comparison): the bundle imported by plain node, served through its fetch handler, CPU of
 *   the JavaScript thread (process.threadCpuUsage). Node's fetch, Request and Response are JavaScript
 *   (undici) where workerd's are native, so Node's figures are higher.
 *
 * The database (libSQL over HTTP) and the Bot API are served by another process, so only the Worker's
 * CPU is counted. Environment: BENCH_COLD_RUNS (fresh runtimes per kind, default 5).
 */
import { execFile, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { buildWorkerBundle } from "../test/fixtures/bare-workerd.js";
import { TEST_BOT_INFO } from "../test/fixtures/bot-api.js";
import { freePort } from "../test/fixtures/server-process.js";
import { callbackUpdate, textUpdate } from "../test/fixtures/updates.js";
import { envNumber, median, round } from "./lib/stats.js";
import type { Benchmark, BenchmarkReport } from "./lib/types.js";
import { measureInWorkerd } from "./lib/workerd-cold.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const BUDGET_MS = 10;
const SECOND_TEXT: Record<string, string> = { "/start": "/start", "兼职副书记的年龄上限是多少?": "团代会代表怎么选?" };

const WARM_USERS = 16;

/** A request of Telegram's to the Worker's webhook, for a server at `url`. */
const webhookPost = (env: Record<string, string>, update: unknown) => (url: string) =>
  fetch(`${url}/telegram/webhook`, {
    method: "POST",
    headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": env.WEBHOOK_SECRET! },
    body: JSON.stringify(update),
  });

const warmCell = (w: { medianMs: number; p90Ms: number }) => `${w.medianMs} ms (${w.p90Ms})`;

/**
 * The common updates of a warm isolate, in workerd: users one after another each send /start and a
 * question, press 「登记本乡镇」, answer the dialog's first question and ask for /progress. The first
 * user's updates are left out (the isolate's first run of each path).
 */
async function warmUpdates(bundleFile: string, env: Record<string, string>, firstUser: number) {
  const steps: [kind: string, update: (from: { id: number; first_name: string; language_code: string }) => unknown][] = [
    ["/start", (from) => textUpdate(from, "/start")],
    ["a question", (from) => textUpdate(from, "候选人差额比例是多少")],
    ["a button", (from) => callbackUpdate(from, { message_id: 1, text: "…" }, "nav:register")],
    ["a dialog answer", (from) => textUpdate(from, "海南省")],
    ["/progress", (from) => textUpdate(from, "/progress")],
  ];
  const requests: ((url: string) => Promise<Response>)[] = [];
  for (let u = 0; u < WARM_USERS; u++) {
    const from = { id: firstUser + 10_000 + u, first_name: "热身", language_code: "zh-hans" };
    for (const [, update] of steps)
      requests.push(webhookPost(env, update(from)));
  }
  const { requestsMs } = await measureInWorkerd({ bundleFile, port: await freePort(), bindings: env, requests });
  return Object.fromEntries(
    steps.map(([kind], k) => {
      const samples = requestsMs.filter((_, i) => i % steps.length === k).slice(1).sort((a, b) => a - b);
      return [kind, { medianMs: round(median(samples), 1), p90Ms: round(samples[Math.floor(samples.length * 0.9)]!, 1), samples }];
    }),
  );
}

/** The Worker's bindings, as the deployment sets them, pointing at the fixtures. */
function workerEnv(urls: { libsql: string; botApi: string }): Record<string, string> {
  return {
    BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    WEBHOOK_SECRET: "bench-cold-secret-0123456789",
    LIBSQL_URL: urls.libsql,
    TELEGRAM_API_ROOT: urls.botApi,
    BOT_INFO: JSON.stringify(TEST_BOT_INFO),
    LOG_LEVEL: "warn",
    PII_HASH_KEY: "bench-cold-key",
  };
}

interface Cold {
  /** Node: CPU of the JS thread (process.threadCpuUsage). */
  startup: number;
  first: number;
  second: number;
  /** workerd: CPU of its main thread (schedstat), and of V8's background threads per request. */
  workerd: { startup: number; first: number; second: number; background: number[] };
}

export const coldStartBenchmark: Benchmark = {
  name: "cold-start",
  async run(): Promise<BenchmarkReport> {
    const runs = envNumber("BENCH_COLD_RUNS", 5);
    let bundleDir: string | undefined;
    const fixtures = spawn(process.execPath, ["--import", "tsx", join(root, "bench/lib/cold-fixtures.ts")], {
      cwd: root,
      stdio: ["pipe", "pipe", "inherit"],
    });
    try {
      const built = await buildWorkerBundle();
      bundleDir = built.dir;
      const bundle = built.file;
      const urls = await new Promise<string>((resolveUrls, reject) => {
        fixtures.stdout!.once("data", (d: Buffer) => resolveUrls(d.toString().trim()));
        fixtures.once("exit", (code) => reject(new Error(`fixtures exited with ${code}`)));
      });
      const env = workerEnv(JSON.parse(urls) as { libsql: string; botApi: string });
      let user = 6_100_000 + Math.floor(Math.random() * 1e5);
      const measure = async (text: string): Promise<Cold[]> => {
        const results: Cold[] = [];
        for (let i = 0; i < runs; i++) {
          // workerd first: the same bundle in the Workers runtime, CPU from the kernel's thread accounting.
          const from = { id: user++, first_name: "冷启动", language_code: "zh-hans" };
          const post = (body: string) => webhookPost(env, textUpdate(from, body));
          const inWorkerd = await measureInWorkerd({
            bundleFile: bundle,
            port: await freePort(),
            bindings: env,
            requests: [post(text), post(SECOND_TEXT[text]!)],
          });
          const { stdout } = await promisify(execFile)(
            process.execPath,
            [join(root, "bench/lib/cold-request.mjs"), bundle, urls, JSON.stringify(env), text],
            { cwd: root },
          );
          const inNode = JSON.parse(stdout.trim().split("\n").at(-1)!) as Omit<Cold, "workerd">;
          results.push({
            ...inNode,
            workerd: { startup: inWorkerd.startupMs, first: inWorkerd.requestsMs[0]!, second: inWorkerd.requestsMs[1]!, background: inWorkerd.backgroundMs },
          });
        }
        return results;
      };
      const kinds = { start: await measure("/start"), question: await measure("兼职副书记的年龄上限是多少?") };
      const warm = await warmUpdates(bundle, env, user);
      const summary = Object.fromEntries(
        Object.entries(kinds).map(([kind, results]) => [
          kind,
          {
            startupMs: round(median(results.map((r) => r.startup)), 1),
            firstMs: round(median(results.map((r) => r.first)), 1),
            secondMs: round(median(results.map((r) => r.second)), 1),
            workerd: {
              startupMs: round(median(results.map((r) => r.workerd.startup)), 1),
              firstMs: round(median(results.map((r) => r.workerd.first)), 1),
              secondMs: round(median(results.map((r) => r.workerd.second)), 1),
            },
            runs: results,
          },
        ]),
      ) as Record<
        keyof typeof kinds,
        { startupMs: number; firstMs: number; secondMs: number; workerd: { startupMs: number; firstMs: number; secondMs: number }; runs: Cold[] }
      >;
      const warnings: string[] = [];
      for (const [kind, w] of Object.entries(warm))
        if (w.medianMs > BUDGET_MS) warnings.push(`${kind} takes ${w.medianMs} ms of CPU in a warm workerd, above ${BUDGET_MS} ms`);
      for (const [kind, s] of Object.entries(summary))
        if (s.workerd.firstMs > BUDGET_MS)
          warnings.push(`a cold ${kind} takes ${s.workerd.firstMs} ms of CPU in workerd, above the free plan's ${BUDGET_MS} ms`);
      return {
        name: "cold-start",
        description: `the minified Worker bundle, a fresh runtime per run (median of ${runs}): its start (global scope), its first update, a second one. workerd: a bare workerd serving the bundle, CPU of its main thread from /proc schedstat; Node: the bundle imported by plain node, CPU of the JS thread (process.threadCpuUsage)`,
        table: {
          columns: ["update", "runtime", "start (global scope)", "cold: first request", "second request", `warm: median (p90) of ${WARM_USERS - 1}`, "target (request)"],
          rows: [
            ...Object.entries(summary).flatMap(([kind, s]) => [
              [
                kind === "start" ? "/start" : "a policy question",
                "workerd",
                `${s.workerd.startupMs} ms`,
                `${s.workerd.firstMs} ms`,
                `${s.workerd.secondMs} ms`,
                warmCell(warm[kind === "start" ? "/start" : "a question"]!),
                `≤ ${BUDGET_MS} ms`,
              ],
              ["", "Node", `${s.startupMs} ms`, `${s.firstMs} ms`, `${s.secondMs} ms`, "", ""],
            ]),
            ...["a button", "a dialog answer", "/progress"].map((kind) => [kind, "workerd", "", "", "", warmCell(warm[kind]!), `≤ ${BUDGET_MS} ms`]),
          ],
        },
        data: { runs, budgetMs: BUDGET_MS, ...summary, warm },
        warnings,
      };
    } finally {
      fixtures.kill();
      if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
    }
  },
};
