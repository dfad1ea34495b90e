import type { Context, SessionFlavor } from "grammy";
import type { AppConfig } from "../config/env.js";
import type { Database } from "../db/client.js";
import type { SessionData } from "../db/session-data.js";
import type { StatementRunner } from "../db/statements.js";
import type { Viewer } from "../db/update-envelope.js";
import type { AskPolicy } from "../knowledge/ask.js";
import type { Logger } from "../logging.js";
import type { Locale, Translate } from "../i18n/index.js";
import type { StorageHealth } from "../db/client.js";

export type { PickState, SessionData } from "../db/session-data.js";

/** What the runtime hands to the bot: the same shape in Node and in the Worker. */
export interface BotDeps {
  config: AppConfig;
  db: Database;
  /** The per-update statements' runner (db/statements.ts); default: over the database's client. */
  statements?: StatementRunner;
  logger: Logger;
  /** Current time, injectable so tests and the reminder sweep can fix it. */
  now: () => Date;
  /** Answers a policy question from the knowledge base (and the LLM, when configured). */
  ask: AskPolicy;
  /** Whether the database takes writes, as the updates found it (shown by /healthz). */
  storageHealth?: StorageHealth;
}

interface Extras {
  deps: BotDeps;
  locale: Locale;
  t: Translate;
  /** Who sent the update, read when the update was opened (undefined without a sender). */
  viewer?: Viewer;
  /** Set by a feature so the update's log line says which handler answered. */
  handler: string;
}

export type BotContext = Context & SessionFlavor<SessionData> & Extras;
