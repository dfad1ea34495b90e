import type { Client } from "@libsql/client";
import type { UserFromGetMe } from "grammy/types";
import type { BotDeps } from "../bot/context.js";
import { type BotOptions, createBot } from "../bot/create-bot.js";
import { LOCAL_BOT_INFO, LOCAL_BOT_TOKEN, localChatTransport } from "../bot/local-transport.js";
import type { WecomFetch } from "../channels/wecom/api.js";
import { chainTransports, wecomChannel } from "../channels/wecom/channel.js";
import type { AppConfig } from "../config/env.js";
import { createDatabase, databaseStatus, storageHealth } from "../db/client.js";
import { localChatStore } from "../db/local-chat.js";
import { clientStatements, type StatementRunner } from "../db/statements.js";
import { createApp } from "../http/app.js";
import { createPolicyDesk } from "../knowledge/ask.js";
import type { Logger } from "../logging.js";
import { appFeatures } from "../handlers/index.js";

/**
 * Wires the bot and the HTTP app from a configuration and a database client. Node and the Worker
 * both call this; they differ only in how they open the database and how they receive updates.
 */
export function composeAssistant(input: {
  config: AppConfig;
  client: Client;
  logger: Logger;
  now?: () => Date;
  /** Node runs the per-update statements on the embedded file with prepared statements (db/node.ts). */
  statements?: StatementRunner;
  /** How the bot calls Telegram and WeCom (Node passes undici's pool, bot/bot-api-fetch.ts). */
  botApiFetch?: BotOptions["fetch"];
  /** The local server's access rules (Node, no token): the names it answers to, and its access token. */
  localAccess?: { allowedHosts: ReadonlySet<string>; accessToken?: string };
}) {
  const { config, client, logger } = input;
  const db = createDatabase(client);
  const ask = createPolicyDesk(config.openai, (event, fields) => logger.warn(event, fields));
  const health = storageHealth();
  const deps: BotDeps = {
    config,
    storageHealth: health,
    db,
    logger,
    now: input.now ?? (() => new Date()),
    ask,
    ...(input.statements ? { statements: input.statements } : {}),
  };
  const localStore = config.botToken ? undefined : localChatStore(db);
  // WeCom users' messages go to WeCom; everyone else's to Telegram or the local chat, as before.
  const wecom = config.wecom
    ? wecomChannel(config.wecom, {
        db,
        statements: input.statements ?? clientStatements(client),
        logger,
        now: () => deps.now().getTime(),
        ...(input.botApiFetch ? { fetch: input.botApiFetch as WecomFetch } : {}),
      })
    : undefined;
  const bot = localStore
    ? createBot(deps, {
        features: appFeatures(),
        token: LOCAL_BOT_TOKEN,
        botInfo: LOCAL_BOT_INFO,
        transport: wecom
          ? chainTransports(wecom.transport, localChatTransport(localStore, deps.now))
          : localChatTransport(localStore, deps.now),
      })
    : createBot(deps, {
        ...(wecom ? { transport: wecom.transport } : {}),
        features: appFeatures(),
        token: config.botToken!,
        botInfo: config.botInfo as UserFromGetMe | undefined,
        apiRoot: config.telegramApiRoot,
        retriedByTelegram: config.botMode === "webhook",
        ...(input.botApiFetch ? { fetch: input.botApiFetch } : {}),
      });
  const app = createApp({
    config,
    bot,
    logger,
    databaseStatus: () => databaseStatus(client, health),
    ...(localStore ? { localChat: { store: localStore, now: deps.now, db, ...input.localAccess } } : {}),
    ...(wecom ? { wecom } : {}),
    miniApp: { db, now: deps.now, logger, botToken: config.botToken ?? LOCAL_BOT_TOKEN },
    webhook: Boolean(config.botToken) && config.botMode === "webhook",
  });
  return { bot, app, deps, wecom };
}
