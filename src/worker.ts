/**
 * The Cloudflare Worker entry: the same Hono app and bot, with libSQL over HTTP (Turso) and the
 * webhook always on. The cron trigger runs the scheduled maintenance and reminder sweep.
 */
import { createClient } from "@libsql/client/web";
import { Api } from "grammy";
import { parseConfig } from "./config/env.js";
import { pruneProcessedUpdates } from "./db/processed-updates.js";
import { createLogger } from "./logging.js";
import { consumeReminderJobs, deadLetterJobs } from "./queues/consumer.js";
import { runReminderDispatch } from "./queues/dispatch.js";
import type { ReminderJob } from "./queues/job.js";
import type { MessageBatch, QueueProducer, ReminderQueueBindings } from "./queues/platform.js";
import { CRON_PLAN_PAGE, REMINDER_QUEUE_SIZES } from "./queues/sizes.js";
import { runReminderSweep } from "./reminders/sweep.js";
import { composeAssistant } from "./runtime/compose.js";
import { warmUp } from "./runtime/warm-up.js";

/** The pacer of the reminder queue's consumers (a Durable Object class must be exported by the entry). */
export { TelegramPace } from "./queues/pace.js";

/** The parts of the Workers runtime this entry uses (kept local: the full typings clash with DOM's). */
interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException(): void;
  props: unknown;
}
type ScheduledController = { scheduledTime: number; cron: string };

export type WorkerEnv = Record<string, string | undefined>;

type Assistant = ReturnType<typeof composeAssistant>;

// Cloudflare counts the global scope against the startup limit (1 s), not against a request's CPU time
// (10 ms on the free plan): the common updates handled here, in memory, take the first run of the whole
// path (and the knowledge index) out of a cold isolate's first request (bench cold-start). It only saves
// time, so a failure is logged and the Worker starts anyway.
await warmUp().then(
  (updates) => createLogger("info").info("warm_up", { updates }),
  (error: unknown) => createLogger("error").error("warm_up_failed", { error }),
);

/** Reminder messages per cron invocation: 40 fits the free plan's 50 subrequests with the database's. */
const REMINDER_BATCH = 40;
let cached: { env: WorkerEnv; assistant: Assistant } | undefined;

/** One assistant per isolate: built on the first request, reused while the bindings stay the same. */
function assistantFor(env: WorkerEnv): Assistant {
  if (cached?.env === env) return cached.assistant;
  const config = parseConfig({ ...env, BOT_MODE: "webhook", DATABASE_URL: env.LIBSQL_URL });
  if (!config.botToken) throw new Error("Configuration error: BOT_TOKEN is required in the Worker");
  const client = createClient({ url: config.databaseUrl, authToken: config.databaseAuthToken });
  const assistant = composeAssistant({ config, client, logger: createLogger(config.logLevel) });
  cached = { env, assistant };
  return assistant;
}

/**
 * The Bot API for reminders, from the cron or the queue's consumer: a plain Api (no auto-retry), so that
 * every request counts against the invocation's subrequest budget; WeCom users' reminders go through
 * WeCom, as the bot's own answers do.
 */
function reminderApi(assistant: Assistant): Api {
  const api = new Api(assistant.deps.config.botToken!, { apiRoot: assistant.deps.config.telegramApiRoot });
  if (assistant.wecom) api.config.use(assistant.wecom.transport);
  return api;
}

/** WeCom's requests behind each reminder sent, counted against the invocation's subrequests. */
function channelRequests(assistant: Assistant): { channelRequests?: () => number } {
  return assistant.wecom ? { channelRequests: assistant.wecom.requests } : {};
}

export default {
  fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Response | Promise<Response> {
    const assistant = assistantFor(env);
    const response = assistant.app.fetch(request, env, ctx);
    // A card sent to a WeCom member from any request is stored before the invocation ends.
    if (assistant.wecom) ctx.waitUntil(Promise.resolve(response).then(() => assistant.wecom?.settled()));
    return response;
  },

  async scheduled(controller: ScheduledController, env: WorkerEnv, ctx: ExecutionContext): Promise<void> {
    const assistant = assistantFor(env);
    ctx.waitUntil(
      pruneProcessedUpdates(assistant.deps.db).then((pruned) => assistant.deps.logger.info("scheduled", { pruned_updates: pruned })),
    );
    // The sweep counts every request against the invocation's subrequest limit (50 on the free plan;
    // the prune above takes one).
    const { db, logger } = assistant.deps;
    const api = reminderApi(assistant);
    // With the reminder queue bound, the cron plans and dispatches; its consumer (queue below) sends.
    const queue = (env as ReminderQueueBindings).REMINDER_QUEUE as QueueProducer<ReminderJob> | undefined;
    if (queue && (env as ReminderQueueBindings).TELEGRAM_PACE) {
      ctx.waitUntil(
        runReminderDispatch(
          { db, api, logger, queue },
          { now: new Date(controller.scheduledTime), planPageSize: CRON_PLAN_PAGE, subrequestBudget: 44 },
        ).catch((error: unknown) => logger.error("reminders_dispatch_failed", { error })),
      );
      return;
    }
    // A deployment without the queue: the cron sends a batch itself, as before.
    ctx.waitUntil(
      runReminderSweep(
        { db, api, logger, ...channelRequests(assistant) },
        {
          now: new Date(controller.scheduledTime),
          batchSize: REMINDER_BATCH,
          markEvery: 10,
          subrequestBudget: 48,
          planPageSize: CRON_PLAN_PAGE,
        },
      )
        // WeCom reminders' cards are stored before the invocation ends.
        .then(() => assistant.wecom?.settled())
        .catch((error: unknown) => logger.error("reminders_sweep_failed", { error })),
    );
  },

  /** The reminder queue's consumer, and its dead-letter queue's (wrangler.toml [[queues.consumers]]). */
  async queue(batch: MessageBatch<unknown>, env: WorkerEnv): Promise<void> {
    const assistant = assistantFor(env);
    const { db, logger } = assistant.deps;
    const bindings = env as ReminderQueueBindings;
    if (batch.queue.endsWith("-dlq")) {
      await deadLetterJobs(batch, { db, logger });
      return;
    }
    if (!bindings.TELEGRAM_PACE) throw new Error("Configuration error: the reminder queue needs TELEGRAM_PACE");
    const setting = (value: string | undefined, fallback: number) => (value ? Number(value) : fallback);
    await consumeReminderJobs(
      batch,
      {
        db,
        api: reminderApi(assistant),
        logger,
        ...channelRequests(assistant),
        pace: bindings.TELEGRAM_PACE,
        ...(bindings.REMINDER_QUEUE ? { queue: bindings.REMINDER_QUEUE as QueueProducer<ReminderJob> } : {}),
      },
      {
        rate: setting(bindings.REMINDER_RATE, 28),
        leaseMs: setting(bindings.REMINDER_LEASE_SECONDS, 60) * 1000,
        retrySeconds: setting(bindings.REMINDER_RETRY_SECONDS, 5),
        subrequestBudget: setting(bindings.REMINDER_SUBREQUESTS, REMINDER_QUEUE_SIZES.subrequestBudget),
      },
    );
    await assistant.wecom?.settled();
  },
};
