/**
 * Reminders through the Worker's queue (`npm run bench queues`).
 *
 * Delivery, in workerd (`wrangler dev`'s runtime, local queues and the pacer Durable Object, as
 * test/fixtures/worker.ts starts it) against a loopback Bot API enforcing Telegram's flood limits (30 a
 * second overall, one a second per chat, 429 + retry_after beyond) and the Hrana fixture over a SQLite
 * file: BENCH_QUEUE_TOWNSHIPS townships (default 4,000, a tenth of bench/reminders.ts's national
 * morning, ~3,800 messages) planned by the crons from 06:00 (pages of CRON_PLAN_PAGE townships, fired
 * back to back at their scheduled minutes) and then, from the morning's first cron on, delivered by
 * the consumer; those crons fire every real minute with the matching scheduled time. Measured: messages a
 * second sustained (first to last arrival), the most in any one second, 429s, chats reached once /
 * twice / never, and each cron's plan (from the cron firing until the planner's state moved).
 *
 * Cost, in-process on the Worker's code path (bench/lib/worker-cost.ts): CPU and subrequests per
 * consumer invocation (sized by src/queues/sizes.ts, as wrangler.toml declares it) and per webhook update.
 */
import type { Client } from "@libsql/client";
import { PLANNING_STARTS_HOUR } from "../src/domain/reminders.js";
import { shanghaiDate } from "../src/domain/time.js";
import { CRON_PLAN_PAGE } from "../src/queues/sizes.js";
import { startTestWorker, type TestWorker } from "../test/fixtures/worker.js";
import { envNumber, round } from "./lib/stats.js";
import type { Benchmark, BenchmarkReport } from "./lib/types.js";
import { measureWorkerCost } from "./lib/worker-cost.js";
import { NOW, seed, township } from "./reminders.js";

const NATIONAL_CHATS = 37_892;
const NATIONAL_TOWNSHIPS = 40_000;

/** The most arrivals in any one-second window [t, t + 1000). */
function maxPerSecond(times: number[]): number {
  let best = 0;
  for (let start = 0, end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= 1000) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

async function deliver(count: number) {
  const all = Array.from({ length: count }, (_, i) => township(i));
  let worker: TestWorker | undefined;
  try {
    worker = await startTestWorker({
      prefix: "bench-queues-",
      botApi: { limits: { perSecond: 30, perChatMs: 1000 } },
      extraBindings: { LOG_LEVEL: "error" },
      seed: (db) => seed((db as unknown as { $client: Client }).$client as never, all),
    });
    const w = worker;
    const state = () =>
      w.query<{ planned_date: string | null; cursor: string | null }>(
        "SELECT planned_date, cursor FROM reminder_state",
      )[0] ?? { planned_date: null, cursor: null };
    const open = () =>
      w.query<{ n: number }>(
        "SELECT count(*) AS n FROM reminder_outbox WHERE status IN ('pending', 'queued', 'sending')",
      )[0]!.n;
    const today = shanghaiDate(NOW);
    const plans: number[] = [];
    // The day's plan is made from 06:00 (PLANNING_STARTS_HOUR), a page a minute, nothing sent before
    // 08:00: those crons, each at its own scheduled minute, are fired here back to back.
    const planningFrom = new Date(`${today}T${String(PLANNING_STARTS_HOUR).padStart(2, "0")}:00:00+08:00`).getTime();
    for (let minute = 0; !(state().planned_date === today && state().cursor === null); minute++) {
      if (minute > 120) throw new Error("the plan was not done by 08:00");
      const before = JSON.stringify(state());
      const fired = Date.now();
      await (await w.scheduled("* * * * *", planningFrom + minute * 60_000)).arrayBuffer();
      while (JSON.stringify(state()) === before && Date.now() - fired < 60_000) await new Promise((r) => setTimeout(r, 100));
      plans.push(Date.now() - fired);
    }
    const planned = w.botApi.calls.length;
    const started = Date.now();
    let crons = 0;
    let lastCalls = -1;
    let still = 0;
    const deadline = started + 20 * 60_000;
    for (;;) {
      if (Date.now() >= started + crons * 60_000) {
        const before = JSON.stringify(state());
        const fired = Date.now();
        const response = await w.scheduled("* * * * *", NOW.getTime() + (fired - started));
        await response.arrayBuffer();
        crons++;
        if (state().planned_date !== today || state().cursor !== null || plans.length === 0) {
          while (JSON.stringify(state()) === before && Date.now() - fired < 60_000)
            await new Promise((r) => setTimeout(r, 100));
          plans.push(Date.now() - fired);
        }
      }
      await new Promise((r) => setTimeout(r, 500));
      const done = state().planned_date === today && state().cursor === null && open() === 0;
      const calls = w.botApi.calls.length;
      still = done && calls === lastCalls ? still + 1 : 0;
      lastCalls = calls;
      if (still >= 4) break;
      if (Date.now() > deadline) throw new Error(`not delivered within 20 minutes: ${open()} row(s) open`);
    }
    const arrived = w.botApi.sent("sendMessage");
    const times = arrived.map((c) => c.at).sort((a, b) => a - b);
    const perChat = new Map<number, number>();
    for (const c of arrived) perChat.set(Number(c.payload.chat_id), (perChat.get(Number(c.payload.chat_id)) ?? 0) + 1);
    const expected = w.query<{ chat_id: number }>("SELECT DISTINCT chat_id FROM reminder_outbox WHERE status = 'sent'");
    const statuses = w.query<{ status: string; n: number }>(
      "SELECT status, count(*) AS n FROM reminder_outbox GROUP BY status",
    );
    const due = w.query<{ n: number; chats: number }>(
      "SELECT count(*) AS n, count(DISTINCT chat_id) AS chats FROM reminder_outbox",
    )[0]!;
    const spanS = (times.at(-1)! - times[0]!) / 1000;
    return {
      townships: count,
      dueRows: due.n,
      dueChats: due.chats,
      messages: arrived.length,
      chatsReached: perChat.size,
      chatsTwice: [...perChat.values()].filter((n) => n > 1).length,
      chatsNever: due.chats - perChat.size,
      rowsByStatus: Object.fromEntries(statuses.map((s) => [s.status, s.n])),
      markedSentChats: expected.length,
      rate: round((arrived.length - 1) / spanS, 2),
      spanS: round(spanS, 1),
      maxInOneSecond: maxPerSecond(times),
      floods: w.botApi.floods.length,
      crons,
      planMs: plans,
      firstArrivalS: round((times[0]! - started) / 1000, 1),
      sentWhilePlanning: planned,
    };
  } finally {
    await worker?.stop();
  }
}

export const queuesBenchmark: Benchmark = {
  name: "queues",
  async run(): Promise<BenchmarkReport> {
    const count = envNumber("BENCH_QUEUE_TOWNSHIPS", 4000);
    const d = await deliver(count);
    const cost = await measureWorkerCost();
    const planPageMs = d.planMs.length ? Math.max(...d.planMs) : 0;
    const nationalMinutes = NATIONAL_CHATS / d.rate / 60;
    const data = { ...d, planPageMs, nationalMinutes: round(nationalMinutes, 1), cost };
    const warnings: string[] = [];
    if (d.rate < 25) warnings.push(`sustained ${d.rate} messages/s, below the 25/s target`);
    if (d.chatsNever > 0 || d.chatsTwice > 0)
      warnings.push(`${d.chatsNever} chat(s) never reached, ${d.chatsTwice} reached twice`);
    if (d.sentWhilePlanning > 0) warnings.push(`${d.sentWhilePlanning} Bot API call(s) before 08:00`);
    if (d.maxInOneSecond > 30) warnings.push(`${d.maxInOneSecond} messages within one second`);
    const c = cost.consumer;
    if (c.cpuMedianMs > 10) warnings.push(`consumer invocation: ${c.cpuMedianMs} ms CPU, above the free plan's 10 ms`);
    if (c.subrequestsMax > 50) warnings.push(`consumer invocation: ${c.subrequestsMax} subrequests, above the free plan's 50`);
    if (cost.cron.cpuMedianMs > 10) warnings.push(`cron invocation: ${cost.cron.cpuMedianMs} ms CPU, above the free plan's 10 ms`);
    for (const [name, figure] of Object.entries(cost.updates))
      if (figure.cpuMedianMs > 10) warnings.push(`${name}: ${figure.cpuMedianMs} ms CPU, above the free plan's 10 ms`);
    const rows: string[][] = [
      ["due", `${d.dueRows} reminders to ${d.dueChats} chats (${count} townships)`, ""],
      ["delivered", `${d.messages} messages: ${d.chatsReached} chats once, ${d.chatsTwice} twice, ${d.chatsNever} never`, "none lost, none twice"],
      ["sustained rate", `${d.rate} msg/s over ${d.spanS} s`, "≥ 25/s"],
      ["most in any one second / 429s", `${d.maxInOneSecond} / ${d.floods}`, "≤ 30 / 0"],
      ["first message after the morning's first cron", `${d.firstArrivalS} s`, ""],
      ["sent before 08:00, while planning", String(d.sentWhilePlanning), "0"],
      [`plan per cron from 06:00 (page of ≤ ${CRON_PLAN_PAGE} townships), wall time`, d.planMs.map((ms) => `${ms} ms`).join(", "), ""],
      [
        "national morning, extrapolated",
        `${NATIONAL_CHATS} messages in ${round(nationalMinutes, 1)} min; plan ${NATIONAL_TOWNSHIPS / CRON_PLAN_PAGE} pages, one a minute from 06:00`,
        "≈ 30 min",
      ],
      [
        `consumer invocation (${c.batchJobs} job × ${c.jobChats} chats = ${c.messages} messages; sizes.ts)`,
        `${c.cpuMedianMs} ms CPU median, p90 ${c.cpuP90Ms} (without Node's HTTP ${c.cpuWithoutHttpMs}, p90 ${c.cpuWithoutHttpP90Ms}); ${c.subrequests} subrequests (most ${c.subrequestsMax})`,
        "≤ 10 ms median, ≤ 50 subrequests",
      ],
      [
        `cron invocation, daily pass (a page of ${CRON_PLAN_PAGE} townships; sizes.ts)`,
        `${cost.cron.cpuMedianMs} ms CPU median, p90 ${cost.cron.cpuP90Ms} (without Node's HTTP ${cost.cron.cpuWithoutHttpMs}); ${cost.cron.subrequests} subrequests`,
        "≤ 10 ms median, ≤ 50 subrequests",
      ],
      ...Object.entries(cost.updates).map(([name, f]) => [
        `webhook ${name}`,
        `${f.cpuMedianMs} ms CPU median (p90 ${f.cpuP90Ms}; ${f.cpuWithoutHttpMs} ms without Node's HTTP), ${f.subrequests} subrequests`,
        "≤ 10 ms",
      ]),
    ];
    return {
      name: "queues",
      description: `${count} townships planned by the Worker's cron and delivered through the local queue (workerd) to a Bot API limiting 30/s overall and 1/s per chat; cost measured in-process on the Worker's code path (web libSQL client over HTTP), CPU of the Worker's thread only`,
      table: { columns: ["metric", "value", "target"], rows },
      data,
      warnings,
    };
  },
};
