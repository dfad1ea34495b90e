import type { Bot } from "grammy";
import { type Context, Hono } from "hono";
import type { BotContext } from "../../bot/context.js";
import { worthRedelivering } from "../../bot/failures.js";
import type { Logger } from "../../logging.js";
import { limitBody } from "../../http/body-limit.js";
import { openWecomMessage, WecomCryptoError } from "./crypto.js";
import type { WecomChannel } from "./channel.js";
import { readFlatXml } from "./xml.js";

/** WeCom's callbacks are a few kilobytes; anything near this is not from WeCom. */
const MAX_CALLBACK_BODY = 64 * 1024;

/**
 * /wecom/callback, the URL given to WeCom's admin console (接收消息 → API 接收).
 *
 * GET is WeCom's check of the URL: the signed, encrypted echostr is answered decrypted. POST is a
 * message or event: the signature and the timestamp (replay window) are checked and the payload
 * decrypted before anything else; a request already handled is acknowledged and dropped; the message becomes a
 * Telegram update for the same bot pipeline (its update id drops WeCom's retries in the ledger).
 * WeCom waits 5 s for the answer and retries three times: the update is handled before answering
 * (a few hundred milliseconds), so that a failure worth another try is a 503 WeCom retries, not a
 * message lost.
 */
export function wecomCallbackRoutes(deps: {
  bot: Bot<BotContext>;
  logger: Logger;
  channel: WecomChannel;
}): Hono {
  const app = new Hono();
  const { channel } = deps;
  const nowSeconds = () => Math.floor(channel.now() / 1000);
  const signed = (c: Context) => ({
    msgSignature: c.req.query("msg_signature") ?? "",
    timestamp: c.req.query("timestamp") ?? "",
    nonce: c.req.query("nonce") ?? "",
  });
  const refused = (c: Context, error: unknown) => {
    if (!(error instanceof WecomCryptoError)) throw error;
    deps.logger.warn("wecom_callback_refused", { reason: error.message });
    return c.json({ error: "wrong signature or stale request" }, 403);
  };

  app.get("/wecom/callback", async (c) => {
    try {
      return c.text(openWecomMessage(channel.crypto, signed(c), c.req.query("echostr") ?? "", nowSeconds()));
    } catch (error) {
      return refused(c, error);
    }
  });

  app.post(
    "/wecom/callback",
    limitBody(MAX_CALLBACK_BODY, (c) => c.json({ error: "payload too large" }, 413)),
    async (c) => {
      const params = signed(c);
      const now = nowSeconds();
      let fields: Record<string, string>;
      try {
        const encrypt = readFlatXml(await c.req.text()).Encrypt;
        if (!encrypt) return c.json({ error: "expected WeCom's encrypted XML" }, 400);
        fields = readFlatXml(openWecomMessage(channel.crypto, params, encrypt, now));
        // The very request handled before (a replay, or WeCom repeating one whose answer it missed):
        // acknowledged, nothing done. Checked after the signature, so a forgery cannot learn of it.
        if (channel.replays.seen(params.msgSignature, now)) {
          deps.logger.info("wecom_callback_replayed", {});
          return c.body(null, 200);
        }
      } catch (error) {
        if (error instanceof WecomCryptoError) return refused(c, error);
        return c.json({ error: "expected WeCom's encrypted XML" }, 400);
      }
      const update = await channel.toUpdate(fields);
      if (update) {
        try {
          await deps.bot.handleUpdate(update);
          // The cards just sent are stored before WeCom hears the callback was taken.
          await channel.settled();
        } catch (error) {
          if (!worthRedelivering(error)) throw error;
          deps.logger.warn("wecom_retry_later", { update_id: update.update_id, error });
          return c.json({ error: "temporarily unavailable, retry later" }, 503);
        }
      }
      channel.replays.remember(params.msgSignature, now);
      // An empty answer tells WeCom the callback was taken (and that no passive reply follows).
      return c.body(null, 200);
    },
  );
  app.all("/wecom/callback", (c) => c.json({ error: "method not allowed" }, 405, { Allow: "GET, POST" }));
  return app;
}
