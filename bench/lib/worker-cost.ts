/**
 * What an invocation of the Worker costs, measured in-process on the Worker's own code path
 * (src/worker.ts's fetch and the queue consumer, with libSQL's web client over HTTP): workerd gives no
 * CPU figure locally. The Bot API and the Hrana fixture run in a worker thread, so that
 * process.threadCpuUsage() of the main thread counts the Worker's code only (plus Node's fetch, which
 * costs more than workerd's). Subrequests = HTTP requests the fixtures received (+1 per pacer call).
 */

import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { createClient } from "@libsql/client/web";
import { Api } from "grammy";
import type { Update } from "grammy/types";
import { createDatabase } from "../../src/db/client.js";
import { openNodeDatabase } from "../../src/db/node.js";
import { townshipRepository } from "../../src/db/townships.js";
import { consumeReminderJobs } from "../../src/queues/consumer.js";
import { runReminderDispatch } from "../../src/queues/dispatch.js";
import type { ReminderJob } from "../../src/queues/job.js";
import { TelegramPace } from "../../src/queues/pace.js";
import type { DurableObjectNamespace, MessageBatch } from "../../src/queues/platform.js";
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
const JOBS_PER_BATCH = 10; // max_batch_size in wrangler.toml

export interface CostFigure {
  cpuMedianMs: number;
  cpuP90Ms: number;
  subrequests: number;
  samples: number;
}

function figure(samples: { cpuMs: number; subrequests: number }[]): CostFigure {
  const cpu = samples.map((s) => s.cpuMs).sort((a, b) => a - b);
  return {
    cpuMedianMs: round(median(cpu), 2),
    cpuP90Ms: round(cpu[Math.floor(cpu.length * 0.9)] ?? 0, 2),
    subrequests: median(samples.map((s) => s.subrequests)),
    samples: samples.length,
  };
}

type Figure = CostFigure & { cpuWithoutHttpMs: number };

export async function measureWorkerCost(): Promise<{
  consumer: Figure;
  updates: Record<string, Figure>;
  /** CPU of one HTTP round trip through Node's clients (the mean of a Bot API call and a libSQL one). */
  httpRequestCpuMs: number;
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
  const measure = async (f: () => Promise<unknown>, extraSubrequests = 0) => {
    const before = await counts();
    const cpu0 = process.threadCpuUsage();
    await f();
    const cpu = process.threadCpuUsage(cpu0);
    const after = await counts();
    return {
      cpuMs: (cpu.user + cpu.system) / 1000,
      subrequests: after.hrana - before.hrana + after.botApi - before.botApi + extraSubrequests,
    };
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
    const kinds: Record<string, (i: number) => Promise<{ cpuMs: number; subrequests: number }>> = {
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
    const updates: Record<string, CostFigure> = {};
    for (const [name, run] of Object.entries(kinds)) {
      const samples = [];
      for (let i = 0; i < SAMPLES + WARM_UP; i++) {
        const sample = await run(i);
        if (i >= WARM_UP) samples.push(sample);
      }
      updates[name] = figure(samples);
    }

    // ---- consumer invocations: dispatch in-process, then batches of ten jobs (wrangler.toml) ----
    const client = createClient({ url: urls.hranaUrl });
    const db = createDatabase(client);
    const api = new Api(TOKEN, { apiRoot: urls.botApiUrl });
    const queue = recordingQueue();
    const { jobs } = queue;
    await runReminderDispatch({ db, api, queue }, { now: NOW, planPageSize: 2000 });
    const pacer = new TelegramPace();
    const pace: DurableObjectNamespace = {
      idFromName: () => "telegram",
      get: () => ({ fetch: (input, init) => pacer.fetch(new Request(input, init)) }),
    };
    const invocations = [];
    for (let i = 0; i + JOBS_PER_BATCH <= jobs.length; i += JOBS_PER_BATCH) {
      const batch: MessageBatch<unknown> = {
        queue: "tuanjian-reminders",
        messages: jobs.slice(i, i + JOBS_PER_BATCH).map((body, k) => ({
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
      invocations.push(
        await measure(
          () => consumeReminderJobs(batch, { db, api, pace, queue }, { now: NOW, rate: 1000, subrequestBudget: 200 }),
          // The pacer (a Durable Object) is asked once per ten chats.
          Math.ceil(batch.messages.reduce((n, m) => n + (m.body as ReminderJob).chats.length, 0) / 10),
        ),
      );
    }
    // Node's HTTP clients (node-fetch under grammY, undici under libSQL's web client) cost CPU that
    // workerd's native fetch does not: one round trip of each, measured alone, to subtract.
    const rounds = 60;
    const botCall = await measure(async () => {
      for (let i = 0; i < rounds; i++) await api.getMe();
    });
    const dbCall = await measure(async () => {
      for (let i = 0; i < rounds; i++) await client.execute("SELECT 1");
    });
    client.close();
    const perRequestMs = round((botCall.cpuMs + dbCall.cpuMs) / (2 * rounds), 3);
    const withoutHttp = (f: CostFigure): CostFigure & { cpuWithoutHttpMs: number } => ({
      ...f,
      cpuWithoutHttpMs: round(Math.max(0, f.cpuMedianMs - f.subrequests * perRequestMs), 2),
    });
    return {
      consumer: withoutHttp(figure(invocations.slice(1))),
      updates: Object.fromEntries(Object.entries(updates).map(([k, v]) => [k, withoutHttp(v)])),
      httpRequestCpuMs: perRequestMs,
      redelivered,
    };
  } finally {
    await ask("close");
    await thread.terminate();
    rmSync(dir, { recursive: true, force: true });
  }
}
