/**
 * The Cloudflare Worker entry: the same Hono app and bot, with libSQL over HTTP (Turso) and the
 * webhook always on. The cron trigger runs the scheduled maintenance and reminder sweep.
 */
import { createClient } from "@libsql/client/web";
import { Api } from "grammy";
import { parseConfig } from "./config/env.js";
import { pruneProcessedUpdates } from "./db/processed-updates.js";
import { createLogger } from "./logging.js";
import { runReminderSweep } from "./reminders/sweep.js";
import { composeAssistant } from "./runtime/compose.js";
import { warmUp } from "./runtime/warm-up.js";

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
// (10 ms on the free plan): a /start and a question handled here, in memory, take the first run of the
// whole path (and the knowledge index, ~40 ms) out of a cold isolate's first request (bench cold-start).
await warmUp();

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

export default {
  fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Response | Promise<Response> {
    return assistantFor(env).app.fetch(request, env, ctx);
  },

  async scheduled(controller: ScheduledController, env: WorkerEnv, ctx: ExecutionContext): Promise<void> {
    const assistant = assistantFor(env);
    ctx.waitUntil(
      pruneProcessedUpdates(assistant.deps.db).then((pruned) => assistant.deps.logger.info("scheduled", { pruned_updates: pruned })),
    );
    // Reminders: a plain Api (no auto-retry) so that the sweep counts every request it makes against
    // the invocation's subrequest limit (50 on the free plan; the prune above takes one).
    const { config, db, logger } = assistant.deps;
    const api = new Api(config.botToken!, { apiRoot: config.telegramApiRoot });
    // Reminders to WeCom users go through WeCom, as the bot's own answers do.
    if (assistant.wecom) api.config.use(assistant.wecom.transport);
    ctx.waitUntil(
      runReminderSweep(
        { db, api, logger },
        {
          now: new Date(controller.scheduledTime),
          batchSize: REMINDER_BATCH,
          markEvery: 10,
          subrequestBudget: 48,
          planPageSize: 2000,
        },
      ).catch((error: unknown) => logger.error("reminders_sweep_failed", { error })),
    );
  },
};
