import type { Update } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createBot } from "../src/bot/create-bot.js";
import { translate } from "../src/i18n/index.js";
import { parseConfig } from "../src/config/env.js";
import { createPolicyDesk } from "../src/knowledge/ask.js";
import { createLogger } from "../src/logging.js";
import { TEST_BOT_INFO } from "./fixtures/bot-api.js";
import { type Pipeline, startPipeline } from "./fixtures/pipeline.js";
import { callbackUpdate, textUpdate } from "./fixtures/updates.js";
import { appFeatures } from "../src/handlers/index.js";

const zhUser = { id: 7001, first_name: "小王", language_code: "zh-hans" };
const enUser = { id: 7002, first_name: "Li", language_code: "en" };

describe("the bot pipeline", () => {
  let p: Pipeline;
  beforeEach(async () => {
    p = await startPipeline();
  });
  afterEach(async () => {
    await p.close();
  });

  it("greets in Chinese by default and in English for English clients", async () => {
    await p.bot.handleUpdate(textUpdate(zhUser, "/start"));
    await p.bot.handleUpdate(textUpdate(enUser, "/start"));
    expect(p.textsTo(zhUser.id)[0]).toContain("小王您好");
    expect(p.textsTo(enUser.id)[0]).toContain("Hello Li");
  });

  it("handles a re-delivered update once, even when both deliveries arrive together", async () => {
    const update = textUpdate(zhUser, "/help");
    await p.bot.handleUpdate(update);
    await p.bot.handleUpdate(update);
    const again = textUpdate(zhUser, "/start");
    // The delivery that finds the first one still running is sent back (the webhook answers 503)...
    const both = await Promise.allSettled([p.bot.handleUpdate(again), p.bot.handleUpdate(again)]);
    expect(both.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    // ...and when Telegram comes back, the update is done and skipped.
    await p.bot.handleUpdate(again);
    expect(p.textsTo(zhUser.id)).toHaveLength(2);
  });

  it("keeps the chosen language in the database across a restart", async () => {
    await p.bot.handleUpdate(textUpdate(zhUser, "/language"));
    const prompt = p.api.sent("sendMessage").at(-1)!;
    const markup = prompt.payload.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] };
    const english = markup.inline_keyboard.flat().find((b) => b.text.includes("English"))!;
    await p.bot.handleUpdate(callbackUpdate(zhUser, { message_id: 1, text: "请选择界面语言:", reply_markup: markup }, english.callback_data));
    const edit = p.api.sent("editMessageText").at(-1)!;
    expect(edit.payload.text).toBe("The interface is now in English.");

    // A new bot over the same database file: what a restarted process or another isolate sees.
    const config = parseConfig({ PII_HASH_KEY: "test-pii-hash-key", BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ", TELEGRAM_API_ROOT: p.api.url });
    const restarted = createBot(
      { config, db: p.database.db, logger: createLogger("silent"), now: () => new Date(), ask: createPolicyDesk(undefined) },
      { features: appFeatures(), token: config.botToken!, botInfo: TEST_BOT_INFO, apiRoot: p.api.url },
    );
    await restarted.handleUpdate(textUpdate(zhUser, "/help"));
    expect(p.textsTo(zhUser.id).at(-1)).toMatch(/^Commands:/);
  });

  it("answers unknown commands and non-text messages with a clear message", async () => {
    await p.bot.handleUpdate(textUpdate(zhUser, "/frobnicate"));
    expect(p.textsTo(zhUser.id).at(-1)).toContain("没有这个命令");
  });

  it("logs one JSON line per update with ids, handler and duration, and no message text", async () => {
    await p.bot.handleUpdate(textUpdate(zhUser, "/help 13812345678"));
    const lines = p.logLines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.event === "update");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ user_id: zhUser.id, handler: "help", outcome: "ok", kind: "message" });
    expect(typeof lines[0]!.duration_ms).toBe("number");
    expect(p.logLines.join("\n")).not.toContain("13812345678");
  });

  it("lets Telegram retry an update whose answer could not be delivered", async () => {
    p.api.failNext("sendMessage", { error_code: 500, description: "Internal Server Error" }, 10);
    const update = textUpdate(zhUser, "/help");
    await expect(p.bot.handleUpdate(update)).rejects.toThrow();
    expect(p.textsTo(zhUser.id)).toHaveLength(0);
    p.api.reset();
    await p.bot.handleUpdate(update);
    expect(p.textsTo(zhUser.id)).toHaveLength(1);
  });

  it("stores a dialog answer only when the update is handled: a failed delivery leaves the dialog where it was", async () => {
    await p.bot.handleUpdate(textUpdate(zhUser, "/register"));
    const session = async () =>
      String((await p.database.client.execute("SELECT value FROM sessions WHERE key = '7001'")).rows[0]?.value);
    const before = await session();
    expect(before).toContain('"dialog"');
    // Telegram is failing: the answer cannot be acknowledged, so nothing of it may be kept.
    p.api.failNext("sendMessage", { error_code: 500, description: "Internal Server Error" }, 10);
    const answer = textUpdate(zhUser, "四川省");
    await expect(p.bot.handleUpdate(answer)).rejects.toThrow();
    expect(await session()).toBe(before);
    p.api.reset();
    // Telegram's redelivery does the work, once; a third delivery changes nothing.
    await p.bot.handleUpdate(answer);
    await p.bot.handleUpdate(answer);
    const after = await session();
    expect(after).not.toBe(before);
    expect(after).toContain("四川省");
    expect(p.textsTo(zhUser.id)).toHaveLength(1);
  });

  it("keeps what one update of a chat changed when a slower update of the same chat, which changed nothing, ends after it", async () => {
    await p.bot.handleUpdate(textUpdate(zhUser, "/start"));
    // /help's answer is slow to be acknowledged; meanwhile the user asks to delete their data.
    p.api.failNext("sendMessage", { stallMs: 300 });
    const slow = p.bot.handleUpdate(textUpdate(zhUser, "/help"));
    await vi.waitFor(() => expect(p.api.calls.filter((c) => c.method === "sendMessage")).toHaveLength(2));
    await p.bot.handleUpdate(textUpdate(zhUser, "/deleteme"));
    await slow;
    const confirm = p.api.sent("sendMessage").at(-1)!;
    const markup = confirm.payload.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] };
    const erase = markup.inline_keyboard.flat().find((b) => b.callback_data.startsWith("v1:priv:erase:"))!;
    await p.bot.handleUpdate(callbackUpdate(zhUser, { message_id: 3, text: String(confirm.payload.text), reply_markup: markup }, erase.callback_data));
    // The confirmation still holds: the erasure is done, not refused as an outdated button.
    expect(p.api.sent("answerCallbackQuery").at(-1)!.payload.text).toBeUndefined();
    expect(p.textsTo(zhUser.id).at(-1)).toBe(translate("zh", "privacy-erased"));
    const users = await p.database.client.execute("SELECT id FROM users WHERE id = 7001");
    expect(users.rows).toHaveLength(0);
  });

  it("keeps the user's name as Telegram shows it, and rewrites nothing for a repeat /start", async () => {
    await p.bot.handleUpdate(textUpdate(zhUser, "/start"));
    await p.bot.handleUpdate(textUpdate({ ...zhUser, first_name: "王小明" }, "/help"));
    const name = await p.database.client.execute("SELECT first_name FROM users WHERE id = 7001");
    expect(name.rows[0]!.first_name).toBe("王小明");
    const snapshot = async () =>
      JSON.stringify(
        await Promise.all(
          ["users", "sessions", "reminder_settings"].map(async (t) => (await p.database.client.execute(`SELECT * FROM ${t}`)).rows),
        ),
      );
    const before = await snapshot();
    await p.bot.handleUpdate(textUpdate({ ...zhUser, first_name: "王小明" }, "/start"));
    // A session write would move its updated_at; nothing about the user changed.
    expect(await snapshot()).toBe(before);
  });

  it("keeps a user who blocked the bot marked blocked when Telegram says so, until they write again", async () => {
    await p.bot.handleUpdate(textUpdate(zhUser, "/start"));
    const blockedAt = async () =>
      (await p.database.client.execute("SELECT blocked_at FROM reminder_settings WHERE user_id = 7001")).rows[0]!.blocked_at;
    await p.database.client.execute("UPDATE reminder_settings SET blocked_at = 1 WHERE user_id = 7001");
    const member = (status: "kicked" | "member") =>
      ({
        update_id: 990_000 + (status === "kicked" ? 1 : 2),
        my_chat_member: {
          chat: { id: zhUser.id, type: "private", first_name: zhUser.first_name },
          from: { id: zhUser.id, is_bot: false, first_name: zhUser.first_name, language_code: "zh-hans" },
          date: Math.floor(Date.now() / 1000),
          old_chat_member: { user: TEST_BOT_INFO, status: status === "kicked" ? "member" : "kicked" },
          new_chat_member: { user: TEST_BOT_INFO, status, ...(status === "kicked" ? { until_date: 0 } : {}) },
        },
      }) as unknown as Update;
    await p.bot.handleUpdate(member("kicked"));
    expect(await blockedAt()).not.toBeNull();
    await p.bot.handleUpdate(member("member"));
    expect(await blockedAt()).toBeNull();
  });

  it("answers a flood from one account with a polite limit message, not with work", async () => {
    for (let i = 0; i < 25; i++) await p.bot.handleUpdate(textUpdate(zhUser, "/help"));
    const texts = p.textsTo(zhUser.id);
    expect(texts.filter((t) => t.startsWith("可用命令"))).toHaveLength(20);
    // One notice per window, not one per extra message.
    expect(texts.filter((t) => t.includes("操作太频繁"))).toHaveLength(1);
    await p.bot.handleUpdate(textUpdate(enUser, "/help"));
    expect(p.textsTo(enUser.id)[0]).toMatch(/^Commands:/);
  });
});
