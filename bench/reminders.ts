/**
 * Reminders at scale: 40,000 townships with plans and step records in various states (not started, in
 * progress, finished with running duties; 1–3 members each) in a temp libSQL file.
 *  - due set: dueReminders over all of them (the pure computation), median of several runs (target ≤ 1 s),
 *    the first (cold) run apart; loading them from the database; the daily pass (load + compute + enqueue,
 *    the first one filling the outbox and a repeat finding it filled); a sweep with nothing changed.
 *  - sending: one sweep of BENCH_REMINDER_MESSAGES messages (default 2,000) at the 25 messages/s limit to
 *    the loopback Bot API, counting what arrived (each chat exactly once, nothing lost) and the most that
 *    arrived in any one second.
 * Environment: BENCH_REMINDER_TOWNSHIPS (default 40000), BENCH_REMINDER_MESSAGES (default 2000),
 * BENCH_DB_DIR (where the temp file goes).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Api } from "grammy";
import { openNodeDatabase } from "../src/db/node.js";
import { dueDates, STEPS, type StepRecord } from "../src/domain/checklist/index.js";
import { dueReminders } from "../src/domain/reminders.js";
import type { ProfileId } from "../src/domain/rules/types.js";
import { addDays, shanghaiDate } from "../src/domain/time.js";
import type { TownshipPlan } from "../src/domain/township.js";
import { reminderStore } from "../src/reminders/store.js";
import { runReminderSweep } from "../src/reminders/sweep.js";
import { startBotApi } from "../test/fixtures/bot-api.js";
import { townshipInserts } from "../test/fixtures/bulk-insert.js";
import { doneRecord } from "../test/fixtures/records.js";
import { envNumber, median, round } from "./lib/stats.js";
import type { Benchmark, BenchmarkReport } from "./lib/types.js";

const PROFILES: ProfileId[] = ["recommended", "jiyang", "xingang", "nanshan", "sichuan"];
export const NOW = new Date("2026-03-10T09:00:00+08:00");
const RATE = 25;

type Seeded = { plan: TownshipPlan; records: StepRecord[]; members: number[] };

/** 25% not started (election ahead), 45% in progress, 30% finished (running duties); 1% own meeting rule. */
export function township(i: number): Seeded {
  const today = shanghaiDate(NOW);
  const state = i % 20;
  const party =
    state < 5
      ? addDays(today, 1 + (i % 60))
      : state < 14
        ? addDays(today, 10 - (i % 45))
        : addDays(today, -30 - (i % 400));
  const plan: TownshipPlan = {
    id: `t${String(i).padStart(6, "0")}`,
    province: "四川省",
    city: "成都市",
    county: `第${(i % 300) + 1}县`,
    name: `第${i + 1}镇`,
    kind: i % 7 === 0 ? "subdistrict" : "township",
    profileId: PROFILES[i % PROFILES.length]!,
    partyElectionDate: party,
    seats: { secretary: 1, fulltimeDeputies: 1, parttimeDeputies: 1, members: 10 },
    ...(i % 100 === 7 ? { customRules: { committeeMeetingEvery: { months: 2 } } } : {}),
  };
  const members = Array.from({ length: 1 + (i % 3) }, (_, j) => 1_000_000 + i * 3 + j);
  const doneSteps = state < 5 ? 0 : state < 14 ? i % 10 : STEPS.length;
  const planned = doneSteps > 0 ? dueDates(plan, []) : undefined;
  const records = Array.from({ length: doneSteps }, (_, k) =>
    doneRecord(k, planned![STEPS[k]!.id]!, members[0]!),
  );
  return { plan, records, members };
}

export async function seed(
  client: Awaited<ReturnType<typeof openNodeDatabase>>["client"],
  all: Seeded[],
): Promise<void> {
  const CHUNK = 2000;
  for (let i = 0; i < all.length; i += CHUNK) {
    const part = all.slice(i, i + CHUNK);
    await client.batch(townshipInserts(part), "write");
  }
}

async function timed<T>(f: () => Promise<T> | T): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await f();
  return [value, performance.now() - t0];
}

/** The most arrivals in any one-second window [t, t + 1000). */
function maxPerSecond(times: number[]): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= 1000) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

export const remindersBenchmark: Benchmark = {
  name: "reminders",
  async run(): Promise<BenchmarkReport> {
    const count = envNumber("BENCH_REMINDER_TOWNSHIPS", 40_000);
    const messages = envNumber("BENCH_REMINDER_MESSAGES", 2000);
    const dir = mkdtempSync(join(process.env.BENCH_DB_DIR ?? tmpdir(), "bench-reminders-"));
    const { client, db } = await openNodeDatabase(`file:${join(dir, "bot.db")}`);
    const api = await startBotApi();
    try {
      const [all, buildMs] = await timed(() => Array.from({ length: count }, (_, i) => township(i)));
      const [, seedMs] = await timed(() => seed(client, all));
      const recordCount = all.reduce((n, t) => n + t.records.length, 0);
      const memberCount = all.reduce((n, t) => n + t.members.length, 0);

      const store = reminderStore(client);
      const loads: number[] = [];
      let loaded = await store.load({ page: { after: "", limit: Number.POSITIVE_INFINITY } });
      for (let i = 0; i < 5; i++) {
        const [result, ms] = await timed(() =>
          store.load({ page: { after: "", limit: Number.POSITIVE_INFINITY } }),
        );
        loaded = result;
        loads.push(ms);
      }
      const computes: number[] = [];
      let due = 0;
      for (let i = 0; i < 6; i++) {
        const [result, ms] = await timed(() => dueReminders({ townships: loaded, now: NOW }));
        due = result.length;
        computes.push(ms);
      }
      const [coldMs, ...warm] = computes;
      const chats = new Set(dueReminders({ townships: loaded, now: NOW }).map((r) => r.userId)).size;

      // The daily pass: the first fills the outbox; repeats (the date "changed") find every key there.
      const sweepDeps = { db, api: new Api("123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ", { apiRoot: api.url }) };
      const [firstPass, firstPassMs] = await timed(() =>
        runReminderSweep(sweepDeps, { now: NOW, batchSize: 0 }),
      );
      const passes: number[] = [];
      for (let i = 0; i < 3; i++) {
        await client.execute("UPDATE reminder_state SET planned_date = NULL");
        passes.push((await timed(() => runReminderSweep(sweepDeps, { now: NOW, batchSize: 0 })))[1]);
      }
      const idle: number[] = [];
      for (let i = 0; i < 5; i++)
        idle.push((await timed(() => runReminderSweep(sweepDeps, { now: NOW, batchSize: 0 })))[1]);

      // Sending: one sweep of `messages` messages at 25/s.
      api.reset();
      const [sent, sendMs] = await timed(() =>
        runReminderSweep(sweepDeps, { now: NOW, batchSize: messages, messagesPerSecond: RATE, markEvery: 1 }),
      );
      const arrived = api.sent("sendMessage");
      const arrivedChats = new Set(arrived.map((c) => Number(c.payload.chat_id)));
      const times = arrived.map((c) => c.at).sort((a, b) => a - b);
      const spanS = times.length > 1 ? (times.at(-1)! - times[0]!) / 1000 : 0;
      const sentRows = await client.execute(
        "SELECT count(DISTINCT chat_id) AS chats FROM reminder_outbox WHERE status = 'sent'",
      );

      const data = {
        townships: count,
        stepRecords: recordCount,
        members: memberCount,
        dueReminders: due,
        dueChats: chats,
        buildMs: round(buildMs),
        seedMs: round(seedMs),
        loadMedianMs: round(median(loads)),
        computeColdMs: round(coldMs!),
        computeMedianMs: round(median(warm)),
        passFirstMs: round(firstPassMs),
        passFirstEnqueued: firstPass.plan.enqueued,
        passRepeatMedianMs: round(median(passes)),
        idleSweepMedianMs: round(median(idle), 1),
        sendMessages: sent.messages.filter((m) => m.status === "sent").length,
        sendArrived: arrived.length,
        sendArrivedChats: arrivedChats.size,
        sendMarkedSentChats: Number(sentRows.rows[0]!.chats),
        sendSeconds: round(sendMs / 1000, 1),
        sendRatePerSecond: round(spanS > 0 ? (arrived.length - 1) / spanS : 0, 2),
        sendMaxInOneSecond: maxPerSecond(times),
      };
      const warnings: string[] = [];
      if (data.computeMedianMs > 1000)
        warnings.push(`due-set computation ${data.computeMedianMs} ms is above the 1 s target`);
      if (data.sendArrived !== messages || data.sendArrivedChats !== messages)
        warnings.push(
          `sent ${messages} messages, ${data.sendArrived} arrived to ${data.sendArrivedChats} chats`,
        );
      if (data.sendMaxInOneSecond > RATE)
        warnings.push(`${data.sendMaxInOneSecond} messages arrived within one second (limit ${RATE})`);
      return {
        name: "reminders",
        description: `${count} townships (${recordCount} step records, ${memberCount} members) in a libSQL file at ${NOW.toISOString()}; compute = dueReminders (median of 5 after a cold run); pass = load + compute + enqueue; send = one sweep of ${messages} messages at ${RATE}/s to the loopback Bot API`,
        table: {
          columns: ["metric", "value", "target"],
          rows: [
            ["due set", `${due} reminders to ${chats} chats`, ""],
            ["compute due set (median)", `${data.computeMedianMs} ms`, "≤ 1000 ms"],
            ["compute due set (cold)", `${data.computeColdMs} ms`, ""],
            ["load townships (median)", `${data.loadMedianMs} ms`, ""],
            ["daily pass, empty outbox", `${data.passFirstMs} ms (${data.passFirstEnqueued} rows)`, ""],
            ["daily pass, outbox filled (median)", `${data.passRepeatMedianMs} ms`, ""],
            ["sweep with nothing changed (median)", `${data.idleSweepMedianMs} ms`, ""],
            [
              "send: arrived / sent",
              `${data.sendArrived} / ${data.sendMessages} (${data.sendArrivedChats} chats)`,
              "no loss",
            ],
            ["send rate", `${data.sendRatePerSecond} msg/s over ${data.sendSeconds} s`, `≤ ${RATE}/s`],
            ["most in any one second", `${data.sendMaxInOneSecond}`, `≤ ${RATE}`],
          ],
        },
        data,
        warnings,
      };
    } finally {
      await api.close();
      client.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
