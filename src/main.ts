/**
 * The Node entry: `npm start`. Without BOT_TOKEN it serves the local chat page; with it, it
 * long-polls Telegram (BOT_MODE=polling) or serves the webhook (BOT_MODE=webhook).
 */
import { serve } from "@hono/node-server";
import { botApiFetch } from "./bot/bot-api-fetch.js";
import { registerCommands } from "./bot/commands.js";
import type { BotOptions } from "./bot/create-bot.js";
import { networkInterfaces } from "node:os";
import { ConfigError, parseConfig } from "./config/env.js";
import { localSecret } from "./config/local-secrets.js";
import { openNodeDatabase } from "./db/node.js";
import { releaseAbandonedClaims } from "./db/processed-updates.js";
import { allowedHostNames, isLoopback } from "./http/local-access.js";
import { createLogger } from "./logging.js";
import { startReminderSchedule } from "./reminders/schedule.js";
import { composeAssistant } from "./runtime/compose.js";

async function main(): Promise<void> {
  const startedAt = Date.now();
  const parsed = parseConfig(process.env);
  const mode = parsed.botToken ? parsed.botMode : "local";
  // Without PII_HASH_KEY (local mode only) the hash key is the one kept in the data directory.
  const config = parsed.piiHashKeyFromEnv ? parsed : { ...parsed, piiHashKey: localSecret(parsed.dataDir, "pii-hash-key").value };
  const logger = createLogger(config.logLevel);
  // Beyond loopback the local chat needs its access token (kept in the data directory, shown once below).
  const exposed = mode === "local" && !isLoopback(config.host);
  const accessToken = exposed ? localSecret(config.dataDir, "local-access-token").value : undefined;
  const ownAddresses = Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((a) => a.address));
  const database = await openNodeDatabase(config.databaseUrl, config.databaseAuthToken);
  const { client, statements } = database;
  const { bot, app, deps } = composeAssistant({
    config,
    client,
    logger,
    statements,
    botApiFetch: botApiFetch() as BotOptions["fetch"],
    localAccess: { allowedHosts: allowedHostNames(config.host, config.publicUrl, ownAddresses), ...(accessToken ? { accessToken } : {}) },
  });
  if (config.databaseUrl.startsWith("file:")) {
    // This process is the only one handling updates on its file: a claim left open is a dead process's
    // (a crash, a kill), and Telegram's redelivery of that update must be handled, not skipped.
    const released = await releaseAbandonedClaims(deps.db, startedAt);
    if (released > 0) logger.warn("abandoned_claims_released", { updates: released });
  }

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host });
  logger.info("started", { port: config.port, host: config.host, mode, database: config.databaseUrl.split(":")[0] });
  if (mode === "local" && !accessToken) console.log(`团建助手 · local chat: http://localhost:${config.port}/`);
  if (accessToken) {
    // The only place the token is shown: whoever opens this link gets the access cookie.
    const wildcard = config.host === "0.0.0.0" || config.host === "::";
    const reachable = Object.values(networkInterfaces()).flatMap((list) => list ?? []).find((a) => a.family === "IPv4" && !a.internal)?.address;
    const shown = wildcard ? (reachable ?? "localhost") : config.host.includes(":") ? `[${config.host}]` : config.host;
    console.log(`团建助手 · local chat on ${config.host}: open http://${shown}:${config.port}/local/login?token=${accessToken}`);
    console.log(`(the token is kept in ${config.dataDir}/local-access-token; delete that file and restart to change it)`);
  }

  if (config.botToken) {
    await bot.init();
    await registerCommands(bot.api).catch((error) => logger.warn("set_commands_failed", { error }));
    // Polling runs until stopped; updates are handled one at a time, in order.
    if (config.botMode === "polling") void bot.start({ onStart: () => logger.info("polling") });
  }

  // Deadline reminders, once a minute, through the bot's Api: Telegram, or the local chat's transcript.
  // No subrequest limit here: up to 600 messages a sweep (24 s at 25 messages/s).
  const reminders = startReminderSchedule({ db: deps.db, api: bot.api, logger }, { sweep: { batchSize: 600 } });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await reminders.stop();
    if (bot.isRunning()) await bot.stop();
    server.close();
    database.close();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  // A configuration mistake is one clear line, never a stack trace.
  console.error(error instanceof ConfigError ? error.message : `Start-up failed: ${(error as Error).message}`);
  process.exit(1);
});
