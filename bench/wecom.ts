/**
 * WeCom callback throughput against the Telegram webhook, on the same Node server (src/main.ts with
 * both channels configured, a real SQLite file) under the same autocannon load: `/start` from 10,000
 * users, as Telegram updates to POST /telegram/webhook (answered through the fake Bot API) and as
 * WeCom callbacks, each sealed anew (signature, AES, a fresh MsgId), to POST /wecom/callback (answered
 * through the fake WeCom API). The WeCom members' accounts exist beforehand (returning members).
 * Measured alternately; medians of the per-second samples.
 *
 * Environment: BENCH_SECONDS (default 15), BENCH_WARMUP (default 3), BENCH_ROUNDS (default 2),
 * BENCH_CONNECTIONS (default 10), BENCH_PROFILE=<dir> (a V8 CPU profile of the server, both channels,
 * into <dir>; summarise it with `tsx bench/profile-summary.ts <file>`).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import autocannon from "autocannon";
import { openNodeDatabase } from "../src/db/node.js";
import { channelAccounts } from "../src/db/schema.js";
import { startBotApi, TEST_BOT_INFO } from "../test/fixtures/bot-api.js";
import { startServer } from "../test/fixtures/server-process.js";
import {
  sealCallback,
  startWecomServer,
  TEST_WECOM,
  textXml,
  wecomEnv,
} from "../test/fixtures/wecom-server.js";
import { envNumber, median, round } from "./lib/stats.js";
import type { Benchmark, BenchmarkReport } from "./lib/types.js";
import { startOnlyUpdates } from "./lib/updates.js";

const TARGET_RATIO = 0.7;
const WEBHOOK_SECRET = "bench-webhook-secret-0123456789";
const USERS = 10_000;

type Channel = "telegram" | "wecom";

/** User + system CPU time of a process so far, in seconds (Linux /proc). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export const wecomBenchmark: Benchmark = {
  name: "wecom",
  async run(): Promise<BenchmarkReport> {
    const seconds = envNumber("BENCH_SECONDS", 15);
    const warmupSeconds = envNumber("BENCH_WARMUP", 3);
    const rounds = Math.round(envNumber("BENCH_ROUNDS", 2));
    const connections = Math.round(envNumber("BENCH_CONNECTIONS", 10));
    const api = await startBotApi();
    const wecom = await startWecomServer();
    const dir = mkdtempSync(join(tmpdir(), "bench-wecom-"));
    // The members have written before (their accounts exist), as Telegram's users need no account:
    // the load measures returning members. A member's first message costs one more write.
    const seeded = await openNodeDatabase(`file:${join(dir, "bot.db")}`);
    for (let i = 0; i < USERS; i += 1000)
      await seeded.db
        .insert(channelAccounts)
        .values(
          Array.from({ length: 1000 }, (_, j) => ({
            channel: "wecom" as const,
            externalId: `bench${i + j}`,
          })),
        );
    seeded.close();
    const server = await startServer({
      BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ",
      PII_HASH_KEY: "wecom-test-pii-hash-key",
      BOT_MODE: "webhook",
      WEBHOOK_SECRET,
      BOT_INFO: JSON.stringify(TEST_BOT_INFO),
      TELEGRAM_API_ROOT: api.url,
      DATABASE_URL: `file:${join(dir, "bot.db")}`,
      LOG_LEVEL: "warn",
      ...wecomEnv(TEST_WECOM, wecom.url),
      ...(process.env.BENCH_PROFILE
        ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${resolve(process.env.BENCH_PROFILE)}` }
        : {}),
    });
    const telegramUpdates = startOnlyUpdates({ users: USERS });
    let wecomIssued = 0;
    const seal = () =>
      sealCallback(TEST_WECOM, textXml(TEST_WECOM, `bench${wecomIssued++ % USERS}`, "/start"));
    /** Sealed before each run, so that the load generator's own crypto does not slow the load. */
    let sealed: ReturnType<typeof seal>[] = [];
    const request = (channel: Channel): autocannon.Request =>
      channel === "telegram"
        ? {
            method: "POST" as const,
            path: "/telegram/webhook",
            headers: {
              "content-type": "application/json",
              "x-telegram-bot-api-secret-token": WEBHOOK_SECRET,
            },
            setupRequest: (r) => ({ ...r, body: telegramUpdates.next() }),
          }
        : {
            method: "POST" as const,
            headers: { "content-type": "text/xml" },
            setupRequest: (r) => {
              const { query, body } = sealed.pop() ?? seal();
              return { ...r, path: `/wecom/callback?${query}`, body };
            },
          };
    const fire = (channel: Channel, duration: number, onResponse?: (status: number) => void) => {
      const instance = autocannon({ url: server.url, connections, duration, requests: [request(channel)] });
      if (onResponse) instance.on("response", (_c: unknown, status: number) => onResponse(status));
      return instance;
    };
    const samples: Record<Channel, number[][]> = { telegram: [], wecom: [] };
    const failed: Record<Channel, number> = { telegram: 0, wecom: 0 };
    const cpuPerUpdate: Record<Channel, number[]> = { telegram: [], wecom: [] };
    /** This process's CPU per update: the load generator and the fake API (Bot API or WeCom) together. */
    const benchCpuPerUpdate: Record<Channel, number[]> = { telegram: [], wecom: [] };
    try {
      for (let r = 1; r <= rounds; r++) {
        for (const channel of ["telegram", "wecom"] as const) {
          process.stdout.write(`  wecom: round ${r}/${rounds} ${channel} … `);
          if (channel === "wecom") sealed = Array.from({ length: 3000 * warmupSeconds }, seal);
          await fire(channel, warmupSeconds);
          if (channel === "wecom") sealed = Array.from({ length: 3000 * seconds }, seal);
          const cpuBefore = cpuSeconds(server.process.pid!);
          const benchBefore = process.cpuUsage();
          let responses = 0;
          let last = 0;
          const perSecond: number[] = [];
          const instance = fire(channel, seconds, (status) => {
            responses++;
            if (status !== 200) failed[channel]++;
          });
          const timer = setInterval(() => {
            perSecond.push(responses - last);
            last = responses;
          }, 1000);
          await instance;
          clearInterval(timer);
          samples[channel].push(perSecond);
          cpuPerUpdate[channel].push(
            ((cpuSeconds(server.process.pid!) - cpuBefore) * 1000) / Math.max(1, responses),
          );
          const bench = process.cpuUsage(benchBefore);
          benchCpuPerUpdate[channel].push((bench.user + bench.system) / 1000 / Math.max(1, responses));
          console.log(
            `${Math.round(median(perSecond))} req/s, ${cpuPerUpdate[channel].at(-1)!.toFixed(2)} ms server CPU per update, ${benchCpuPerUpdate[channel].at(-1)!.toFixed(2)} ms load generator + fake API`,
          );
        }
      }
      const rate = (channel: Channel) => Math.round(median(samples[channel].flat()));
      const ratio = rate("wecom") / rate("telegram");
      const warnings: string[] = [];
      if (ratio < TARGET_RATIO)
        warnings.push(`wecom/telegram = ${ratio.toFixed(2)}, below the target of ${TARGET_RATIO}`);
      for (const channel of ["telegram", "wecom"] as const)
        if (failed[channel]) warnings.push(`${channel}: ${failed[channel]} answers other than 200`);
      const wecomErrors = wecom.calls.filter((c) => c.errcode !== 0).length;
      if (wecomErrors) warnings.push(`the WeCom API refused ${wecomErrors} calls`);
      if (wecom.dropped.length) warnings.push(`WeCom dropped ${wecom.dropped.length} messages (a member's 30 a minute)`);
      return {
        name: "wecom",
        description: `/start from ${USERS} users (WeCom accounts known), ${connections} connections, ${rounds} × (${warmupSeconds} s warm-up + ${seconds} s) per channel, alternating, one Node server; medians of 1 s samples`,
        table: {
          columns: ["metric", "wecom", "telegram", "wecom/telegram"],
          rows: [
            [
              "updates/s (median)",
              String(rate("wecom")),
              String(rate("telegram")),
              `${ratio.toFixed(2)} (target ≥ ${TARGET_RATIO})`,
            ],
            [
              "updates/s per round",
              samples.wecom.map((s) => Math.round(median(s))).join(" / "),
              samples.telegram.map((s) => Math.round(median(s))).join(" / "),
              "",
            ],
            [
              "server CPU ms per update (median)",
              median(cpuPerUpdate.wecom).toFixed(2),
              median(cpuPerUpdate.telegram).toFixed(2),
              (median(cpuPerUpdate.wecom) / median(cpuPerUpdate.telegram)).toFixed(2),
            ],
            [
              "load generator + fake API CPU ms per update",
              median(benchCpuPerUpdate.wecom).toFixed(2),
              median(benchCpuPerUpdate.telegram).toFixed(2),
              "",
            ],
            ["WeCom API calls", String(wecom.calls.length), "", ""],
          ],
        },
        data: {
          connections,
          seconds,
          warmupSeconds,
          rounds,
          ratio: round(ratio, 3),
          targetRatio: TARGET_RATIO,
          samples,
          cpuPerUpdate,
          benchCpuPerUpdate,
          failed,
        },
        warnings,
      };
    } finally {
      await server.stop();
      await wecom.close();
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
