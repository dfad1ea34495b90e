import { autoRetry } from "@grammyjs/auto-retry";
import { limit } from "@grammyjs/ratelimiter";
import { type ApiClientOptions, Bot, type Middleware, type Transformer, session } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { libsqlSessionStorage, type SessionStore } from "../db/session-storage.js";
import { clientStatements } from "../db/statements.js";
import type { BotContext, BotDeps, SessionData } from "./context.js";
import { negotiateLocale, translate } from "../i18n/index.js";
import { errorBoundary } from "./middlewares/error-boundary.js";
import { useLocale } from "./middlewares/i18n.js";
import { sessionKeyOf, updateEnvelopeMiddleware } from "./middlewares/update-envelope.js";
import { privateChatsOnly } from "./middlewares/private-chats.js";
import { logUpdate } from "./middlewares/update-log.js";
import { maskOutgoing, retryNetworkErrors, tolerateExpiredCallbackQueries } from "./outgoing.js";

export interface BotOptions {
  token: string;
  /** Passed so that neither a cold start nor a test makes a getMe call. */
  botInfo?: UserFromGetMe;
  apiRoot?: string;
  /** Installed last, so it sees every call first: the local chat uses this to answer in place of Telegram. */
  transport?: Transformer;
  /** Retries of a failed Bot API call (429 after retry_after, 5xx and network errors with backoff 3 s, 6 s). */
  apiRetries?: number;
  /** Updates one user may send per window (default 20 per 10 s); scripted clients such as tests raise it. */
  rateLimit?: { limit: number; windowMs: number };
  /** How long one Bot API call may take (default 30 s) before it fails as a network error. */
  apiTimeoutSeconds?: number;
  /**
   * Whether Telegram delivers an update again when it is not acknowledged (webhook mode). Then an
   * update that failed because the database was briefly unreachable is left to that redelivery;
   * otherwise (polling, the local chat) the user is told to try again.
   */
  retriedByTelegram?: boolean;
  /** How Bot API calls are made (Node: bot/bot-api-fetch.ts); grammY's default otherwise. */
  fetch?: ApiClientOptions["fetch"];
  /** What the bot does, after the pipeline: the assistant's features (src/handlers/index.ts appFeatures). */
  features: Middleware<BotContext>;
}

/** The pipeline both runtimes run (Telegram polling or webhook, the Worker, the local chat page), with the features given. */
export function createBot(deps: BotDeps, options: BotOptions): Bot<BotContext> {
  const bot = new Bot<BotContext>(options.token, {
    botInfo: options.botInfo,
    client: {
      apiRoot: options.apiRoot,
      timeoutSeconds: options.apiTimeoutSeconds ?? 30,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    },
  });
  // Telegram's 429s, brief 5xx and network errors are waited out; long outages surface as errors (the
  // webhook answers 503 and Telegram redelivers). The plugin would retry network errors without end.
  const retries = options.apiRetries ?? 2;
  bot.api.config.use(autoRetry({ maxRetryAttempts: retries, maxDelaySeconds: 30, rethrowHttpErrors: true }));
  bot.api.config.use(retryNetworkErrors(retries));
  bot.api.config.use(tolerateExpiredCallbackQueries);
  if (options.transport) bot.api.config.use(options.transport);
  bot.api.config.use(maskOutgoing);

  bot.use((ctx, next) => {
    ctx.deps = deps;
    return next();
  });
  const sessions = libsqlSessionStorage<SessionData>(deps.db);
  bot.use(logUpdate);
  // Outside the envelope, so that a database that cannot even record the update is answered too.
  bot.use(errorBoundary({ retriedByTelegram: options.retriedByTelegram ?? false }));
  bot.use(updateEnvelopeMiddleware(deps.statements ?? clientStatements(deps.db.$client), sessions as SessionStore<unknown>));
  bot.use(privateChatsOnly);
  const rateWindowMs = options.rateLimit?.windowMs ?? 10_000;
  bot.use(
    limit({
      // Generous for a person typing or clicking, firm against a flood from one account.
      timeFrame: rateWindowMs,
      limit: options.rateLimit?.limit ?? 20,
      storageClient: fixedWindowStore(rateWindowMs),
      keyGenerator: (ctx) => ctx.from?.id.toString(),
      onLimitExceeded: async (ctx) => {
        const text = translate(negotiateLocale(ctx.from?.language_code), "rate-limited");
        if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text });
        else await ctx.reply(text);
      },
    }),
  );
  bot.use(
    session<SessionData, BotContext>({
      initial: () => ({}),
      getSessionKey: sessionKeyOf,
      storage: sessions.adapter,
    }),
  );
  bot.use(useLocale);

  bot.use(options.features);

  // Errors that escaped the boundary are retryable; polling logs them, the webhook turns them into 5xx.
  bot.catch((error) => {
    deps.logger.error("update_failed", { update_id: error.ctx.update.update_id, error: error.error });
  });
  return bot;
}

/**
 * The rate limiter's own MEMORY_STORE clears its counters from a `setInterval(...).unref()`. In workerd
 * a timer is a number (no `unref`: every request failed), and a timer dies with the request that set it,
 * so the counters would never be cleared and a user would stay limited. This store needs no timer: each
 * key's window ends at a timestamp, checked when the key is counted; expired keys are swept once the
 * map is large, at most once per `sweepEveryMs` (with many users active at once, a sweep on every
 * count would walk the whole map on every update).
 */
function fixedWindowStore(sweepEveryMs: number, now: () => number = Date.now) {
  const windows = new Map<string, { hits: number; endsAt: number }>();
  let nextSweepAt = 0;
  return {
    async incr(key: string): Promise<number> {
      const at = now();
      const current = windows.get(key);
      if (current && current.endsAt > at) return ++current.hits;
      if (windows.size >= 10_000 && at >= nextSweepAt) {
        nextSweepAt = at + sweepEveryMs;
        for (const [k, w] of windows) if (w.endsAt <= at) windows.delete(k);
      }
      windows.set(key, { hits: 1, endsAt: Number.POSITIVE_INFINITY });
      return 1;
    },
    /** Called by the limiter right after the first hit of a window. */
    async pexpire(key: string, milliseconds: number): Promise<number> {
      const current = windows.get(key);
      if (!current) return 0;
      current.endsAt = now() + milliseconds;
      return 1;
    },
  };
}
