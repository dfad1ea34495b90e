/**
 * The Node entry: `npm start`. Without BOT_TOKEN it serves the local chat page; with it, it
 * long-polls Telegram (BOT_MODE=polling) or serves the webhook (BOT_MODE=webhook).
 */
import { serve } from "@hono/node-server";
import { botApiFetch } from "./bot/bot-api-fetch.js";
import { registerCommands } from "./bot/commands.js";
import type { BotOptions } from "./bot/create-bot.js";
import { ConfigError, parseConfig } from "./config/env.js";
import { openNodeDatabase } from "./db/node.js";
import { releaseAbandonedClaims } from "./db/processed-updates.js";
import { createLogger } from "./logging.js";
import { startReminderSchedule } from "./reminders/schedule.js";
import { composeAssistant } from "./runtime/compose.js";

async function main(): Promise<void> {
  const startedAt = Date.now();
  const config = parseConfig(process.env);
  const logger = createLogger(config.logLevel);
  const database = await openNodeDatabase(config.databaseUrl, config.databaseAuthToken);
  const { client, statements } = database;
  const { bot, app, deps } = composeAssistant({ config, client, logger, statements, botApiFetch: botApiFetch() as BotOptions["fetch"] });
  if (config.databaseUrl.startsWith("file:")) {
    // This process is the only one handling updates on its file: a claim left open is a dead process's
    // (a crash, a kill), and Telegram's redelivery of that update must be handled, not skipped.
    const released = await releaseAbandonedClaims(deps.db, startedAt);
    if (released > 0) logger.warn("abandoned_claims_released", { updates: released });
  }

  const server = serve({ fetch: app.fetch, port: config.port, hostname: "0.0.0.0" });
  const mode = config.botToken ? config.botMode : "local";
  logger.info("started", { port: config.port, mode, database: config.databaseUrl.split(":")[0] });
  if (mode === "local") console.log(`团建助手 · local chat: http://localhost:${config.port}/`);

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
