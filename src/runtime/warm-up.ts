/**
 * The Worker's global scope runs this once per isolate: a /start and a policy question through a
 * throwaway assistant whose database and Bot API are answered in memory (no I/O, which the global
 * scope may not do). Cloudflare counts the global scope against the startup limit (1 s), not against
 * a request's CPU time (10 ms on the free plan), and a cold isolate's first request otherwise pays for
 * the first run of every function on its way (grammY, Hono, the libSQL client, the knowledge index):
 * `npm run bench cold-start` measures both.
 */
import { createClient } from "@libsql/client/web";
import type { Update } from "grammy/types";
import { parseConfig } from "../config/env.js";
import { createLogger } from "../logging.js";
import { composeAssistant } from "./compose.js";

const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } });

/** libSQL's HTTP protocol, answered as if every write changed one row and every read found nothing. */
async function emptyDatabase(request: Request): Promise<Response> {
  const result = { cols: [], rows: [], affected_row_count: 1, last_insert_rowid: null };
  const { requests } = (await request.json()) as { requests: { type: string; batch?: { steps: unknown[] } }[] };
  return json({
    baton: null,
    base_url: null,
    results: requests.map((r) => ({
      type: "ok",
      response:
        r.type === "batch"
          ? { type: "batch", result: { step_results: r.batch!.steps.map(() => result), step_errors: r.batch!.steps.map(() => null) } }
          : r.type === "execute"
            ? { type: "execute", result }
            : r.type === "get_autocommit"
              ? { type: r.type, is_autocommit: true }
              : { type: r.type },
    })),
  });
}

/** The Bot API, answering every call with a message. */
async function acceptingBotApi(): Promise<Response> {
  return json({ ok: true, result: { message_id: 1, date: 0, chat: { id: 1, type: "private" }, text: "" } });
}

const USER = { id: 1, is_bot: false, first_name: "warm-up", language_code: "zh-hans" };
const message = (update_id: number, text: string): Update =>
  ({
    update_id,
    message: {
      message_id: update_id,
      date: 0,
      chat: { id: USER.id, type: "private", first_name: USER.first_name },
      from: USER,
      text,
      ...(text.startsWith("/") ? { entities: [{ type: "bot_command", offset: 0, length: text.length }] } : {}),
    },
  }) as Update;

export async function warmUp(): Promise<void> {
  const config = parseConfig({
    BOT_TOKEN: "1:warm-up-token-not-used-for-any-call",
    BOT_MODE: "webhook",
    WEBHOOK_SECRET: "warm-up-secret-not-used",
    DATABASE_URL: "http://warm-up.invalid",
    PII_HASH_KEY: "warm-up",
    BOT_INFO: JSON.stringify({ id: 2, is_bot: true, first_name: "warm-up", username: "warm_up_bot", can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false }),
    LOG_LEVEL: "silent",
  });
  const client = createClient({ url: config.databaseUrl!, fetch: emptyDatabase });
  const { bot } = composeAssistant({ config, client, logger: createLogger("silent"), botApiFetch: acceptingBotApi as never });
  // Through the bot, not the webhook route: grammY's webhook adapter sets a timeout, which the global
  // scope may not (the route's own code is small).
  await bot.handleUpdate(message(1, "/start"));
  await bot.handleUpdate(message(2, "兼职副书记的年龄上限是多少?"));
  client.close();
}
