import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BotApiFixture, startBotApi, TEST_BOT_INFO } from "./fixtures/bot-api.js";
import { buildNode } from "../scripts/build-node.js";
import { type LocalSession, openLocalSession, serverFetch } from "./fixtures/local-session.js";
import { type RunningServer, startServer } from "./fixtures/server-process.js";
import { textUpdate } from "./fixtures/updates.js";

interface ChatView {
  revision: number;
  messages: { id: number; fromBot: boolean; text: string; edited: boolean; buttons: { text: string; data: string }[][] }[];
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

describe("the Node server without a token, built and run as npm start runs it: local chat", () => {
  let dir: string;
  let server: RunningServer;
  let browser: LocalSession;
  // Two folders below the repository, as dist/node/main.js is (the bundle finds the migrations from there).
  const build = join("dist", `test-${process.pid}`);
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "tuanjian-local-"));
    const bundle = await buildNode("src/main.ts", join(build, "main.js"));
    server = await startServer({ DATABASE_URL: `file:${join(dir, "bot.db")}` }, 0, { bundle });
    browser = await openLocalSession(serverFetch(server.url));
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(build, { recursive: true, force: true });
  });

  it("runs without a TypeScript loader", () => {
    expect(server.process.spawnargs.join(" ")).not.toMatch(/tsx/);
    expect(server.process.spawnargs.at(-1)).toMatch(/main\.js$/);
  });

  it("answers /healthz with the version and the database status", async () => {
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as Record<string, string>;
    expect(health).toMatchObject({ status: "ok", database: "ok" });
    expect(health.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("serves the chat page and round-trips a message through the bot", async () => {
    const page = await (await fetch(`${server.url}/`)).text();
    expect(page).toContain('role="log"');
    const view = (await (await browser.post("/local/messages", { text: "/start" })).json()) as ChatView;
    expect(view.messages.map((m) => m.fromBot)).toEqual([false, true]);
    expect(view.messages[1]!.text).toContain("团建助手");
  });

  it("shows a button click's result as an edit of the same message", async () => {
    const prompt = (await (await browser.post("/local/messages", { text: "/language" })).json()) as ChatView;
    const menu = prompt.messages.find((m) => m.fromBot && m.buttons.flat().some((b) => b.text.includes("English")))!;
    const english = menu.buttons.flat().find((b) => b.text.includes("English"))!;
    const after = (await (
      await browser.post("/local/callback", { messageId: menu.id, data: english.data, after: prompt.revision })
    ).json()) as ChatView;
    // The label pressed, as the user's line, then the same message edited.
    expect(after.messages).toHaveLength(2);
    expect(after.messages[0]).toMatchObject({ fromBot: false, text: "English" });
    expect(after.messages[1]).toMatchObject({ id: menu.id, edited: true, text: "The interface is now in English." });
  });

  it("rejects bad input with 400 and changes nothing", async () => {
    const before = (await (await browser.request("/local/messages")).json()) as ChatView;
    expect((await browser.post("/local/messages", { text: "" })).status).toBe(400);
    expect((await browser.post("/local/messages", { text: "x".repeat(5000) })).status).toBe(400);
    expect((await browser.request("/local/messages", { method: "POST", headers: { "content-type": "application/json" }, body: "{oops" })).status).toBe(400);
    expect((await browser.post("/local/callback", { messageId: 999999, data: "x" })).status).toBe(404);
    const after = (await (await browser.request(`/local/messages?after=${before.revision}`)).json()) as ChatView;
    expect(after.messages).toHaveLength(0);
  });

  it("does not serve the Telegram webhook without a token", async () => {
    expect((await post(`${server.url}/telegram/webhook`, textUpdate({ id: 1 }, "/start"))).status).toBe(404);
  });
});

describe("the Node server with a token in webhook mode", () => {
  const secret = "s3cret-token-for-tests";
  let dir: string;
  let api: BotApiFixture;
  let server: RunningServer;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "tuanjian-webhook-"));
    api = await startBotApi();
    env = {
      DATABASE_URL: `file:${join(dir, "bot.db")}`,
      BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ",
      PII_HASH_KEY: "test-pii-hash-key",
      BOT_MODE: "webhook",
      WEBHOOK_SECRET: secret,
      TELEGRAM_API_ROOT: api.url,
      BOT_INFO: JSON.stringify(TEST_BOT_INFO),
    };
    server = await startServer(env);
  });
  afterAll(async () => {
    await server.stop();
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const hook = (body: unknown, token?: string) =>
    post(`${server.url}/telegram/webhook`, body, token ? { "X-Telegram-Bot-Api-Secret-Token": token } : {});

  it("handles an update with the right secret, once even if delivered twice", async () => {
    const update = textUpdate({ id: 8101, language_code: "zh" }, "/start");
    expect((await hook(update, secret)).status).toBe(200);
    expect((await hook(update, secret)).status).toBe(200);
    const sent = api.sent("sendMessage").filter((c) => c.payload.chat_id === 8101);
    expect(sent).toHaveLength(1);
    expect(String(sent[0]!.payload.text)).toContain("团建助手");
    expect(api.calls.some((c) => c.method === "getMe")).toBe(false);
  });

  it("answers 40 concurrent updates once each, delivered twice at once, and has marked every one done", async () => {
    const updates = Array.from({ length: 40 }, (_, i) => textUpdate({ id: 8200 + i, language_code: "zh" }, "/help"));
    // Every update delivered twice at once: Telegram retrying while the first is still being handled.
    // A delivery that finds the update in progress is sent back (503); delivered again later, it is skipped.
    const statuses = await Promise.all([...updates, ...updates].map(async (u) => (await hook(u, secret)).status));
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(40);
    for (const u of updates) expect((await hook(u, secret)).status).toBe(200);
    for (let i = 0; i < 40; i++)
      expect(api.sent("sendMessage").filter((c) => c.payload.chat_id === 8200 + i)).toHaveLength(1);
    const { createClient } = await import("@libsql/client");
    const db = createClient({ url: env.DATABASE_URL! });
    const ids = updates.map((u) => u.update_id).join(",");
    const done = await db.execute(`SELECT count(*) AS n FROM processed_updates WHERE update_id IN (${ids}) AND status = 'done'`);
    db.close();
    expect(Number(done.rows[0]!.n)).toBe(40);
  });

  it("refuses a wrong or missing secret with 401 and a malformed body with 400", async () => {
    const before = api.calls.length;
    expect((await hook(textUpdate({ id: 8102 }, "/start"), "wrong-secret-value")).status).toBe(401);
    expect((await hook(textUpdate({ id: 8102 }, "/start"))).status).toBe(401);
    const malformed = await fetch(`${server.url}/telegram/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret },
      body: "{ not json",
    });
    expect(malformed.status).toBe(400);
    expect((await hook({ hello: "world" }, secret)).status).toBe(400);
    expect(api.calls.length).toBe(before);
  });

  it("remembers what a user chose across a restart", async () => {
    const user = { id: 8103, language_code: "zh" };
    await hook(textUpdate(user, "/language"), secret);
    const prompt = api.sent("sendMessage").filter((c) => c.payload.chat_id === 8103).at(-1)!;
    const markup = prompt.payload.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] };
    const english = markup.inline_keyboard.flat().find((b) => b.text === "English")!;
    const { callbackUpdate } = await import("./fixtures/updates.js");
    expect((await hook(callbackUpdate(user, { message_id: 1, reply_markup: markup }, english.callback_data), secret)).status).toBe(200);

    await server.stop();
    server = await startServer(env, server.port);
    await hook(textUpdate(user, "/help"), secret);
    const last = api.sent("sendMessage").filter((c) => c.payload.chat_id === 8103).at(-1)!;
    expect(String(last.payload.text)).toMatch(/^Commands:/);
  });

  // Last: the server drops the connection of an oversized upload, which the client's pool then discards.
  it("refuses an oversized body with 413, whether its length is declared or it comes in chunks", async () => {
    // Without a Content-Length the body is counted as it streams in; an update sent that way is handled.
    const chunked = (body: string) =>
      fetch(`${server.url}/telegram/webhook`, {
        method: "POST",
        headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret },
        body: new Blob([body]).stream(),
        duplex: "half",
      } as RequestInit);
    expect((await chunked(JSON.stringify(textUpdate({ id: 8104, language_code: "en" }, "/help")))).status).toBe(200);
    expect(api.sent("sendMessage").filter((c) => c.payload.chat_id === 8104)).toHaveLength(1);
    expect((await chunked(JSON.stringify({ update_id: 6, message: "x".repeat(2 * 1024 * 1024) }))).status).toBe(413);
    expect((await hook({ update_id: 5, message: "x".repeat(2 * 1024 * 1024) }, secret)).status).toBe(413);
  });
});
