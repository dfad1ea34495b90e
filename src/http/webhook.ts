import { webhookCallback } from "grammy";
import type { MiddlewareHandler } from "hono";
import { worthRedelivering } from "../bot/failures.js";
import type { AppDeps } from "./app.js";

/**
 * POST /telegram/webhook: the secret header is checked before anything is read; a body that is not
 * an update is a 400 (Telegram would retry a 5xx forever). Whatever the user sent, a handled update
 * is a 200 (bad input is answered in the chat). 503 only when a later delivery can succeed: Telegram
 * or the database briefly failing, or the same update still being handled — the update's claim in
 * the ledger is then released (or still open), so the redelivery is not skipped.
 */
export function telegramWebhook(deps: AppDeps): MiddlewareHandler {
  const secret = deps.config.webhookSecret;
  const handle = webhookCallback(deps.bot, "hono", { secretToken: secret });
  return async (c) => {
    const given = c.req.header("X-Telegram-Bot-Api-Secret-Token") ?? "";
    if (!secret || !constantTimeEqual(given, secret)) return c.json({ error: "wrong secret token" }, 401);
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: "body is not JSON" }, 400);
    }
    if (!isUpdate(body)) return c.json({ error: "body is not a Telegram update" }, 400);
    try {
      return await handle(c);
    } catch (error) {
      if (!worthRedelivering(error)) throw error;
      deps.logger.warn("webhook_retry_later", { update_id: body.update_id, error });
      return c.json({ error: "temporarily unavailable, retry later" }, 503);
    }
  };
}

function isUpdate(body: unknown): body is { update_id: number } {
  return (
    typeof body === "object" &&
    body !== null &&
    Number.isSafeInteger((body as { update_id?: unknown }).update_id) &&
    Object.keys(body).length >= 2
  );
}

function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) diff |= (a.charCodeAt(i) || 0) ^ b.charCodeAt(i);
  return diff === 0;
}
