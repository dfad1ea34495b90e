/**
 * The ceiling for bench/webhook.ts: the smallest grammY + Hono webhook bot on Node, which replies to
 * every text message with its text and answers every button press. No database, no middleware. It
 * makes its Bot API calls the way ours does (undici, src/bot/bot-api-fetch.ts) and is configured by the
 * same variables as src/main.ts (PORT, BOT_TOKEN, WEBHOOK_SECRET, BOT_INFO, TELEGRAM_API_ROOT).
 */
import { serve } from "@hono/node-server";
import { type ApiClientOptions, Bot, webhookCallback } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { Hono } from "hono";
import { botApiFetch } from "../src/bot/bot-api-fetch.js";

const env = process.env;
const bot = new Bot(env.BOT_TOKEN ?? "", {
  botInfo: JSON.parse(env.BOT_INFO ?? "null") as UserFromGetMe,
  client: { apiRoot: env.TELEGRAM_API_ROOT, fetch: botApiFetch() as ApiClientOptions["fetch"] },
});
bot.on("message:text", (ctx) => ctx.reply(ctx.message.text));
bot.on("callback_query:data", (ctx) => ctx.answerCallbackQuery());

const app = new Hono();
app.get("/healthz", (c) => c.json({ status: "ok" }));
app.post("/telegram/webhook", webhookCallback(bot, "hono", { secretToken: env.WEBHOOK_SECRET }));

const server = serve({ fetch: app.fetch, port: Number(env.PORT ?? 8788), hostname: "127.0.0.1" });
const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
