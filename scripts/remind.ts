/**
 * npm run remind -- [--now ISO-DATETIME] [--dry-run] [--batch N] [--json]
 * Runs one reminder sweep at the given time (default: now) against DATABASE_URL and prints what it sent,
 * or with --dry-run what it would send (nothing is written or sent). Without BOT_TOKEN the messages go
 * to the local chat page's transcript, as in `npm start`.
 */
import { parseArgs } from "node:util";
import { ConfigError, parseConfig } from "../src/config/env.js";
import { openNodeDatabase } from "../src/db/node.js";
import { createLogger } from "../src/logging.js";
import { formatSweepReport, runReminderSweep } from "../src/reminders/sweep.js";
import { composeAssistant } from "../src/runtime/compose.js";

const USAGE = "Usage: npm run remind -- [--now ISO-DATETIME] [--dry-run] [--batch N] [--json]";

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

let values: { now?: string; "dry-run"?: boolean; batch?: string; json?: boolean; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      now: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      batch: { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  }));
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const now = values.now === undefined ? new Date() : new Date(values.now);
if (Number.isNaN(now.getTime()))
  fail(`--now must be an ISO date-time, e.g. 2026-03-05T09:00:00+08:00\n${USAGE}`);
const batchSize = values.batch === undefined ? undefined : Number(values.batch);
if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0))
  fail("--batch must be a positive integer");

let config: ReturnType<typeof parseConfig>;
try {
  config = parseConfig(process.env);
} catch (error) {
  fail(error instanceof ConfigError ? error.message : String(error));
}
const logger = createLogger(values.json ? "silent" : "warn", (line) => console.error(line));
const { client } = await openNodeDatabase(config.databaseUrl, config.databaseAuthToken);
try {
  const { bot, deps } = composeAssistant({ config, client, logger, now: () => now });
  const report = await runReminderSweep(
    { db: deps.db, api: bot.api, logger },
    { now, dryRun: values["dry-run"], ...(batchSize ? { batchSize } : {}) },
  );
  console.log(values.json ? JSON.stringify(report, null, 2) : formatSweepReport(report));
} finally {
  client.close();
}
