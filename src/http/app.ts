import type { Bot } from "grammy";
import { Hono } from "hono";
import type { BotContext } from "../bot/context.js";
import { wecomCallbackRoutes } from "../channels/wecom/callback.js";
import type { WecomChannel } from "../channels/wecom/channel.js";
import { isDatabaseUnavailable } from "../bot/failures.js";
import type { AppConfig } from "../config/env.js";
import type { Database, DatabaseStatus } from "../db/client.js";
import type { LocalChatStore } from "../db/local-chat.js";
import type { Logger } from "../logging.js";
import { VERSION } from "../version.js";
import { limitBody } from "./body-limit.js";
import { verifyInitData } from "./init-data.js";
import { allowedHostNames, localAccess } from "./local-access.js";
import { localChatRoutes } from "./local-chat.js";
import { type MiniAppDeps, miniAppRoutes } from "./miniapp.js";
import { securityHeaders } from "./security-headers.js";
import { telegramWebhook } from "./webhook.js";

export interface AppDeps {
  config: AppConfig;
  bot: Bot<BotContext>;
  logger: Logger;
  databaseStatus: () => Promise<DatabaseStatus>;
  /** Present when the process runs without a Telegram token: the local chat page is served. */
  localChat?: {
    store: LocalChatStore;
    now: () => Date;
    db: Database;
    /** The names the server answers to (see local-access.ts); default: loopback only. */
    allowedHosts?: ReadonlySet<string>;
    /** Set when the server listens beyond loopback: every route but /healthz then needs it. */
    accessToken?: string;
  };
  /** The overview's web page (Telegram Mini App) and its JSON API. */
  miniApp: MiniAppDeps;
  /** Whether POST /telegram/webhook is served (webhook mode in Node, always in the Worker). */
  webhook: boolean;
  /** Present when WeCom is configured: /wecom/callback is served. */
  wecom?: WecomChannel;
}

/** The largest webhook body accepted (1 MiB); Telegram's updates are a few kilobytes. */
export const MAX_WEBHOOK_BODY = 1024 * 1024;

/** The HTTP surface both runtimes serve. */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.use(securityHeaders({ frameableByTelegram: (path) => path === "/miniapp" }));

  const local = deps.localChat;
  const access = local
    ? localAccess({
        allowedHosts: local.allowedHosts ?? allowedHostNames("127.0.0.1", deps.config.publicUrl),
        ...(local.accessToken ? { accessToken: local.accessToken } : {}),
        db: local.db,
      })
    : undefined;
  if (access) {
    app.use(access.hostGuard, access.crossSiteGuard, access.accessGuard);
    app.get("/local/login", access.login);
  }
  // Mini App login data: fresh (INIT_DATA_MAX_AGE_SECONDS), and on the local server the browser's own
  // user only (the local token that signs them is public).
  app.use("/miniapp/api/*", async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const initData = header.startsWith("tma ") ? header.slice(4) : undefined;
    const verified = await verifyInitData(initData, deps.miniApp.botToken, deps.miniApp.now(), deps.config.initDataMaxAgeSeconds);
    const sessionUser = access ? await access.browserUser(c, false) : undefined;
    if (!verified.ok || (access && verified.user.id !== sessionUser)) {
      if (verified.ok || verified.reason === "stale") deps.logger.info("miniapp_refused", { reason: verified.ok ? "other-user" : verified.reason });
      return c.json({ error: "unauthorized" }, 401);
    }
    return next();
  });

  app.get("/healthz", async (c) => {
    const database = await deps.databaseStatus();
    return c.json({ status: database === "ok" ? "ok" : "degraded", version: VERSION, database }, database === "ok" ? 200 : 503);
  });

  if (deps.webhook) {
    app.post(
      "/telegram/webhook",
      // Telegram's updates are a few kilobytes; anything near this is not from Telegram.
      limitBody(MAX_WEBHOOK_BODY, (c) => c.json({ error: "payload too large" }, 413)),
      telegramWebhook(deps),
    );
    app.all("/telegram/webhook", (c) => c.json({ error: "method not allowed" }, 405, { Allow: "POST" }));
  }

  if (deps.wecom) app.route("/", wecomCallbackRoutes({ bot: deps.bot, logger: deps.logger, channel: deps.wecom }));
  app.route("/", miniAppRoutes(deps.miniApp));
  if (local && access) app.route("/", localChatRoutes(deps, local.store, local.now, access));

  app.notFound((c) => c.json({ error: "not found" }, 404));
  // No stack trace or message leaves the server; the log line is masked and holds no request body.
  app.onError((error, c) => {
    if (isDatabaseUnavailable(error)) {
      deps.logger.warn("http_database_unavailable", { path: c.req.path, error });
      return c.json({ error: "temporarily unavailable, retry later" }, 503);
    }
    deps.logger.error("http_error", { path: c.req.path, error });
    return c.json({ error: "internal error" }, 500);
  });
  return app;
}
