import { webhookCallback } from "grammy";
import type { MiddlewareHandler } from "hono";
import type { AppDeps } from "./app.js";

/**
 * POST /telegram/webhook: the secret header is checked before anything is read; a body that is not
 * an update is a 400 (Telegram would retry a 5xx forever); errors worth retrying become 5xx.
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
    return handle(c);
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
