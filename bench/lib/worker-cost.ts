/**
 * What an invocation of the Worker costs, measured in-process on the Worker's own code path
 * (src/worker.ts's fetch and the queue consumer, with libSQL's web client over HTTP): workerd gives no
 * CPU figure locally. The Bot API and the Hrana fixture run in a worker thread, so that
 * process.threadCpuUsage() of the main thread counts the Worker's code only (plus Node's fetch, which
 * costs more than workerd's). Subrequests = HTTP requests the fixtures received, plus the consumer's
 * calls to the pacer (a Durable Object, in-process here).
 */

import { once } from "node:events";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { createClient } from "@libsql/client/web";
import { Api } from "grammy";
import type { Update } from "grammy/types";
import { createDatabase } from "../../src/db/client.js";
import { openNodeDatabase } from "../../src/db/node.js";
import { townshipRepository } from "../../src/db/townships.js";
import { runReminderDispatch } from "../../src/queues/dispatch.js";
import { TelegramPace } from "../../src/queues/pace.js";
import { renderReminder } from "../../src/reminders/message.js";
import type { DurableObjectNamespace, MessageBatch } from "../../src/queues/platform.js";
import { REMINDER_QUEUE_SIZES } from "../../src/queues/sizes.js";
import worker from "../../src/worker.js";
import { TEST_BOT_INFO } from "../../test/fixtures/bot-api.js";
import { recordingQueue } from "../../test/fixtures/recording-queue.js";
import { callbackUpdate, textUpdate } from "../../test/fixtures/updates.js";
import { NOW, seed, township } from "../reminders.js";
import { median, round } from "./stats.js";

const TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const SECRET = "bench-worker-cost-secret_0123456789";
const SAMPLES = 25;
const WARM_UP = 3;
const CRON_DAYS = 9;

export interface CostFigure {
  cpuMedianMs: number;
  cpuP90Ms: number;
  subrequests: number;
  samples: number;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

function figure(samples: { cpuMs: number; subrequests: number }[]): CostFigure {
  const cpu = samples.map((s) => s.cpuMs);
  return {
    cpuMedianMs: round(median(cpu), 2),
    cpuP90Ms: round(percentile(cpu, 0.9), 2),
    subrequests: median(samples.map((s) => s.subrequests)),
    samples: samples.length,
  };
}

interface Sample {
  cpuMs: number;
  subrequests: number;
  botApi: number;
  hrana: number;
}

type Figure = CostFigure & { cpuWithoutHttpMs: number; cpuWithoutHttpP90Ms: number };

export type ConsumerFigure = Figure & {
  /** The most any invocation made (the free plan allows 50). */
  subrequestsMax: number;
  messages: number;
  jobChats: number;
  batchJobs: number;
};

/**
 * With `updates: false`, only the consumer is measured. BENCH_PROFILE=<dir> writes a V8 CPU profile
 * of the consumer invocations to <dir>/consumer.cpuprofile (see bench/profile-summary.ts).
 */
export async function measureWorkerCost(options: { updates?: boolean } = {}): Promise<{
  consumer: ConsumerFigure;
  /** A cron invocation planning the first page of a day's pass (the first left out, as for the consumer). */
  cron: Figure;
  updates: Record<string, Figure>;
  /** CPU of one HTTP round trip through Node's clients, per fixture (subtracted for "without HTTP"). */
  httpRequestCpuMs: Record<"small" | "consumer", { botApi: number; libsql: number }>;
  /** Updates the webhook answered 503 (delivered again, as Telegram would). */
  redelivered: number;
}> {
  const dir = mkdtempSync(join(process.env.BENCH_DB_DIR ?? tmpdir(), "bench-worker-cost-"));
  const dbPath = join(dir, "bot.db");
  const secretaries = Array.from({ length: SAMPLES + WARM_UP }, (_, i) => 9_100_001 + i);
  {
    const { client, db } = await openNodeDatabase(`file:${dbPath}`);
    await seed(client, Array.from({ length: 1000 }, (_, i) => township(i)));
    const townships = townshipRepository(db);
    for (const [i, id] of secretaries.entries()) {
      await townships.touchUser(id, `书记${i}`);
      await townships.create(
        {
          province: "四川省",
          city: "成都市",
          county: "锦江区",
          name: `测试${i + 1}镇`,
          kind: "township",
          profileId: "recommended",
          partyElectionDate: "2026-03-15",
          seats: { secretary: 1, fulltimeDeputies: 1, parttimeDeputies: 1, members: 10 },
        },
        id,
        new Date("2026-02-01T09:00:00+08:00"),
      );
    }
    client.close();
  }
  const thread = new Worker(new URL("./fixtures-thread.ts", import.meta.url), { workerData: { dbPath } });
  const [urls] = (await once(thread, "message")) as [{ hranaUrl: string; botApiUrl: string }];
  const ask = <T>(message: unknown) =>
    new Promise<T>((resolve) => {
      thread.once("message", resolve);
      thread.postMessage(message);
    });
  const counts = () => ask<{ hrana: number; botApi: number }>("counts");
  /** One invocation: CPU of this thread, and the HTTP requests each fixture received meanwhile. */
  const measure = async (f: () => Promise<unknown>): Promise<Sample> => {
    const before = await counts();
    const cpu0 = process.threadCpuUsage();
    await f();
    const cpu = process.threadCpuUsage(cpu0);
    const after = await counts();
    const botApi = after.botApi - before.botApi;
    const hrana = after.hrana - before.hrana;
    return { cpuMs: (cpu.user + cpu.system) / 1000, subrequests: botApi + hrana, botApi, hrana };
  };

  try {
    // ---- webhook updates, through the Worker's fetch ----
    const env = {
      BOT_TOKEN: TOKEN,
      PII_HASH_KEY: "bench-pii-hash-key",
      WEBHOOK_SECRET: SECRET,
      LIBSQL_URL: urls.hranaUrl,
      TELEGRAM_API_ROOT: urls.botApiUrl,
      BOT_INFO: JSON.stringify(TEST_BOT_INFO),
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "silent",
    };
    let redelivered = 0;
    // A 503 asks Telegram to deliver the update again (a transient fault, e.g. under load); so does this.
    const post = async (update: Update): Promise<void> => {
      for (let attempt = 1; ; attempt++) {
        const status = await postOnce(update);
        if (status === 200) return;
        if (status !== 503 || attempt === 3)
          throw new Error(`webhook answered ${status} to ${JSON.stringify(update).slice(0, 120)}`);
        redelivered++;
      }
    };
    const postOnce = async (update: Update) => {
      const waiting: Promise<unknown>[] = [];
      const ctx = { waitUntil: (p: Promise<unknown>) => waiting.push(p), passThroughOnException() {}, props: {} };
      const response = await worker.fetch(
        new Request("https://bench.example/telegram/webhook", {
          method: "POST",
          headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET },
          body: JSON.stringify(update),
        }),
        env,
        ctx,
      );
      await response.arrayBuffer();
      await Promise.all(waiting);
      return response.status;
    };
    const newcomer = (i: number) => ({ id: 9_300_001 + i, first_name: "新", language_code: "zh-hans" });
    const kinds: Record<string, (i: number) => Promise<Sample>> = {
      "/start (a new user)": (i) => measure(() => post(textUpdate(newcomer(i), "/start"))),
      "a question": (i) =>
        measure(() => post(textUpdate({ id: secretaries[i]!, language_code: "zh-hans" }, "团委委员候选人需要满足什么条件?"))),
      "a dialog answer": async (i) => {
        const user = { id: 9_500_001 + i, first_name: "新", language_code: "zh-hans" };
        await post(textUpdate(user, "/start"));
        const { markup, text } = await ask<{ markup: { inline_keyboard: { text: string; callback_data?: string }[][] }; text: string }>({ lastMarkup: user.id });
        const button = markup.inline_keyboard.flat().find((b) => b.text.includes("登记乡镇"))!;
        await post(callbackUpdate(user, { message_id: 1, text, reply_markup: markup }, button.callback_data!));
        return measure(() => post(textUpdate(user, "四川省")));
      },
      "/progress": (i) => measure(() => post(textUpdate({ id: secretaries[i]!, language_code: "zh-hans" }, "/progress"))),
    };
    const updates: Record<string, Sample[]> = {};
    for (const [name, run] of Object.entries(options.updates === false ? {} : kinds)) {
      const samples = [];
      for (let i = 0; i < SAMPLES + WARM_UP; i++) {
        const sample = await run(i);
        if (i >= WARM_UP) samples.push(sample);
      }
      updates[name] = samples;
    }

    // ---- consumer invocations: dispatch in-process, then the Worker's queue handler, one batch of
    // `batchJobs` jobs of `jobChats` chats at a time (src/queues/sizes.ts, as wrangler.toml declares) ----
    const client = createClient({ url: urls.hranaUrl });
    const db = createDatabase(client);
    const api = new Api(TOKEN, { apiRoot: urls.botApiUrl });
    const queue = recordingQueue();
    const { jobs } = queue;
    await runReminderDispatch({ db, api, queue }, { now: NOW, planPageSize: 2000 });
    // The pacer is a Durable Object: one subrequest per call, counted here (its CPU is the object's).
    const pacer = new TelegramPace();
    let paceCalls = 0;
    const pace: DurableObjectNamespace = {
      idFromName: () => "telegram",
      get: () => ({
        fetch: async (input, init) => {
          paceCalls++;
          return pacer.fetch(new Request(input, init));
        },
      }),
    };
    const queueEnv = {
      ...env,
      TELEGRAM_PACE: pace,
      REMINDER_QUEUE: recordingQueue(),
      // Sleeping between slots costs no CPU; a high rate keeps the run short (one send per chat anyway).
      REMINDER_RATE: "1000",
    } as unknown as Record<string, string | undefined>;
    const { batchJobs } = REMINDER_QUEUE_SIZES;
    const invocations: (Sample & { messages: number })[] = [];
    const profiler = process.env.BENCH_PROFILE ? new Session() : undefined;
    if (profiler) {
      profiler.connect();
      await profiler.post("Profiler.enable");
      await profiler.post("Profiler.start");
    }
    for (let i = 0; i + batchJobs <= jobs.length; i += batchJobs) {
      const batch: MessageBatch<unknown> = {
        queue: "tuanjian-reminders",
        messages: jobs.slice(i, i + batchJobs).map((body, k) => ({
          id: `m${i + k}`,
          timestamp: new Date(),
          body,
          attempts: 1,
          ack() {},
          retry() {},
        })),
        ackAll() {},
        retryAll() {},
      };
      const sentBefore = (await counts()).botApi;
      const pace0 = paceCalls;
      const sample = await measure(() => worker.queue(batch, queueEnv));
      sample.subrequests += paceCalls - pace0; // the pacer's calls are subrequests too
      invocations.push({ ...sample, messages: (await counts()).botApi - sentBefore });
    }
    // ---- cron invocations: the first page of a day's pass (CRON_PLAN_PAGE townships), through the
    // Worker's scheduled handler with the queue bound, on days after the consumer's ----
    const crons: Sample[] = [];
    for (let day = 1; day <= CRON_DAYS; day++) {
      const pending: Promise<unknown>[] = [];
      const ctx = { waitUntil: (p: Promise<unknown>) => pending.push(p), passThroughOnException() {}, props: {} };
      const scheduledTime = NOW.getTime() + day * 86_400_000;
      crons.push(
        await measure(async () => {
          await worker.scheduled({ scheduledTime, cron: "* * * * *" }, { ...queueEnv, REMINDER_QUEUE: recordingQueue() } as unknown as typeof queueEnv, ctx);
          await Promise.all(pending);
        }),
      );
    }
    if (profiler) {
      const { profile } = await profiler.post("Profiler.stop");
      mkdirSync(process.env.BENCH_PROFILE!, { recursive: true });
      writeFileSync(join(process.env.BENCH_PROFILE!, "consumer.cpuprofile"), JSON.stringify(profile));
      profiler.disconnect();
    }
    // Node's HTTP clients (node-fetch under grammY, undici under libSQL's web client, node:http and
    // the socket writes beneath) cost CPU that workerd's native fetch does not. Round trips are measured
    // alone and subtracted per request. Webhook updates: a getMe and a SELECT 1 (their requests are
    // small reads and replies). The consumer's are heavier, so it is measured against round trips of
    // its own shape: a sendMessage with a reminder's text and buttons, and a one-statement write batch.
    const rounds = 60;
    const perRound = async (f: () => Promise<unknown>) => (await measure(async () => {
      for (let i = 0; i < rounds; i++) await f();
    })).cpuMs / rounds;
    const reminder = renderReminder(
      "zh",
      [
        { townshipId: "t1", townshipName: "测试镇", subject: "work-plan", due: "2026-03-12" },
        { townshipId: "t1", townshipName: "测试镇", subject: "duty:committee-meeting", due: "2026-03-10" },
      ],
      "2026-03-10",
    );
    let chat = 9_900_000;
    const http = {
      small: { botApi: await perRound(() => api.getMe()), libsql: await perRound(() => client.execute("SELECT 1")) },
      consumer: {
        botApi: await perRound(() => api.sendMessage(++chat, reminder.text, { reply_markup: reminder.keyboard })),
        libsql: await perRound(() =>
          client.batch(
            [{ sql: "UPDATE reminder_outbox SET status = status WHERE id IN (SELECT value FROM json_each(?))", args: ["[1,2]"] }],
            "write",
          ),
        ),
      },
    };
    client.close();
    const full = (samples: Sample[], cost: { botApi: number; libsql: number }): Figure => {
      const withoutHttp = samples.map((s) => Math.max(0, s.cpuMs - s.botApi * cost.botApi - s.hrana * cost.libsql));
      return {
        ...figure(samples),
        cpuWithoutHttpMs: round(median(withoutHttp), 2),
        cpuWithoutHttpP90Ms: round(percentile(withoutHttp, 0.9), 2),
      };
    };
    // The first invocation of the isolate is left out (it builds the assistant, as a cold start does).
    const measured = invocations.slice(1);
    return {
      consumer: {
        ...full(measured, http.consumer),
        subrequestsMax: Math.max(...measured.map((s) => s.subrequests)),
        messages: median(measured.map((s) => s.messages)),
        jobChats: REMINDER_QUEUE_SIZES.jobChats,
        batchJobs,
      },
      cron: full(crons.slice(1), http.consumer),
      updates: Object.fromEntries(Object.entries(updates).map(([k, v]) => [k, full(v, http.small)])),
      httpRequestCpuMs: {
        small: { botApi: round(http.small.botApi, 3), libsql: round(http.small.libsql, 3) },
        consumer: { botApi: round(http.consumer.botApi, 3), libsql: round(http.consumer.libsql, 3) },
      },
      redelivered,
    };
  } finally {
    await ask("close");
    await thread.terminate();
    rmSync(dir, { recursive: true, force: true });
  }
}
