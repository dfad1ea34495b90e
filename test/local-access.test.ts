/**
 * The local chat server against someone on the network, or a page of another site in the user's
 * browser: who may reach it, who they are, what they may do.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../src/config/env.js";
import { createDatabase } from "../src/db/client.js";
import { initDataFor } from "../src/http/init-data.js";
import { createLogger } from "../src/logging.js";
import { composeAssistant } from "../src/runtime/compose.js";
import { makeId } from "./fixtures/candidates.js";
import { tempDatabase } from "./fixtures/database.js";
import { type LocalSession, localUserId, openLocalSession, serverFetch } from "./fixtures/local-session.js";
import { type RunningServer, startServer } from "./fixtures/server-process.js";

interface ChatView {
  revision: number;
  messages: { id: number; fromBot: boolean; text: string; buttons: { text: string; data: string }[][] }[];
}
const ID = makeId("19950307", "231");

describe("the local chat in-process: identity, hosts, cross-site requests, headers", () => {
  let app: Hono;
  let database: Awaited<ReturnType<typeof tempDatabase>>;
  beforeAll(async () => {
    database = await tempDatabase();
    const config = parseConfig({ DATABASE_URL: database.url });
    ({ app } = composeAssistant({ config, client: database.client, logger: createLogger("silent") }));
  });
  afterAll(() => database.cleanup());

  it("gives each browser its own user: nobody reads or writes another's transcript, whatever the request names", async () => {
    const alice = await openLocalSession(app);
    const bob = await openLocalSession(app);
    const mine = (await (await alice.post("/local/messages", { text: `我的身份证 ${ID}` })).json()) as ChatView;
    expect(mine.messages.length).toBeGreaterThan(0);
    const aliceId = await localUserId(createDatabase(database.client), /tj_browser=([^;]+)/.exec(alice.cookie)![1]!);
    expect(aliceId).toBeGreaterThanOrEqual(2 ** 52);

    // Bob asks for Alice's chat by every name the old API took: he sees only his own (empty) transcript.
    for (const query of ["", `?chatId=${aliceId}`, "?chatId=1001", "?chatId=5001&after=0"]) {
      const view = (await (await bob.request(`/local/messages${query}`)).json()) as ChatView;
      expect(view.messages).toEqual([]);
    }
    // Bob's message naming Alice's chat goes to his own transcript.
    await bob.post("/local/messages", { chatId: String(aliceId), text: "/help" });
    const aliceView = (await (await alice.request("/local/messages")).json()) as ChatView;
    expect(aliceView.messages.map((m) => m.text).join("\n")).not.toContain("/help");
    // Bob cannot press Alice's buttons or download her documents.
    const aliceBot = aliceView.messages.find((m) => m.fromBot)!;
    expect((await bob.post("/local/callback", { messageId: aliceBot.id, data: "nav:next" })).status).toBe(404);
    expect((await bob.request(`/local/documents/${aliceBot.id}`)).status).toBe(404);
  });

  it("answers 401 to a request without the browser's cookie (no page visited)", async () => {
    const post = await app.request("/local/messages", { method: "POST", headers: { "content-type": "application/json" }, body: '{"text":"/start"}' });
    expect(post.status).toBe(401);
    expect((await app.request("/local/messages")).status).toBe(401);
    expect((await app.request("/local/messages", { headers: { cookie: "tj_browser=short" } })).status).toBe(401);
  });

  it("answers only to its own host names (no DNS rebinding)", async () => {
    for (const host of ["localhost:8787", "127.0.0.1:8787", "[::1]:8787", "LOCALHOST"])
      expect((await app.request(`http://${host}/healthz`)).status, host).toBe(200);
    for (const host of ["evil.example", "localhost.evil.example", "127.0.0.1.nip.io:8787", "10.0.0.5"]) {
      expect((await app.request(`http://${host}/`)).status, host).toBe(421);
      expect((await app.request(`http://${host}/local/messages`)).status, host).toBe(421);
    }
  });

  it("refuses a cross-site write whatever its content type, and changes nothing", async () => {
    const alice = await openLocalSession(app);
    const before = (await (await alice.request("/local/messages")).json()) as ChatView;
    const attempts: Record<string, string>[] = [
      { "content-type": "text/plain", origin: "https://evil.example" },
      { "content-type": "application/json", origin: "https://evil.example" },
      { "content-type": "application/x-www-form-urlencoded", origin: "null" },
      { "content-type": "text/plain", "sec-fetch-site": "cross-site" },
      { "content-type": "text/plain", "sec-fetch-site": "same-site", origin: "http://localhost:9999" },
    ];
    for (const headers of attempts) {
      const response = await alice.request("/local/messages", { method: "POST", headers, body: '{"text":"/deleteme"}' });
      expect(response.status, JSON.stringify(headers)).toBe(403);
    }
    // Not JSON: not the page (a text/plain body is not parsed as JSON).
    const plain = await alice.request("/local/messages", { method: "POST", headers: { "content-type": "text/plain" }, body: '{"text":"/help"}' });
    expect(plain.status).toBe(400);
    const after = (await (await alice.request(`/local/messages?after=${before.revision}`)).json()) as ChatView;
    expect(after.messages).toEqual([]);
    // The page itself: same origin.
    const same = await alice.request("http://localhost/local/messages", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost", "sec-fetch-site": "same-origin" },
      body: '{"text":"/help"}',
    });
    expect(same.status).toBe(200);
  });

  it("sends every page with a CSP that runs no inline script, no framing, nosniff and no referrer", async () => {
    const page = await app.request("/");
    const csp = page.headers.get("content-security-policy") ?? "";
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? "";
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    const html = await page.text();
    // Every script is a file of this server, or a data block that never runs.
    for (const [, attributes] of html.matchAll(/<script\b([^>]*)>/g)) expect(attributes).toMatch(/src="\/|type="application\/json"/);
    const script = await app.request("/local/chat.js");
    expect(script.headers.get("content-type")).toMatch(/^text\/javascript/);

    const miniapp = await app.request("/miniapp");
    const miniCsp = miniapp.headers.get("content-security-policy") ?? "";
    expect(miniCsp).toMatch(/frame-ancestors https:\/\/web\.telegram\.org/);
    expect(/script-src ([^;]*)/.exec(miniCsp)?.[1]).not.toContain("unsafe-inline");
    expect(miniapp.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("accepts locally signed Mini App login data only for the browser's own user, and only while fresh", async () => {
    const alice = await openLocalSession(app);
    const aliceId = await localUserId(createDatabase(database.client), /tj_browser=([^;]+)/.exec(alice.cookie)![1]!);
    const overview = (session: LocalSession, initData: string) => session.request("/miniapp/api/overview", { headers: { authorization: `tma ${initData}` } });
    const own = await initDataFor({ id: aliceId, first_name: "本地用户" }, "0:local", new Date());
    expect((await overview(alice, own)).status).not.toBe(401);
    // Someone else's id, signed with the public local token: refused.
    const forged = await initDataFor({ id: 5001, first_name: "x" }, "0:local", new Date());
    expect((await overview(alice, forged)).status).toBe(401);
    // Without the browser's cookie: refused, even for the right id.
    expect((await app.request("/miniapp/api/overview", { headers: { authorization: `tma ${own}` } })).status).toBe(401);
    // Older than an hour: refused.
    const old = await initDataFor({ id: aliceId, first_name: "本地用户" }, "0:local", new Date(Date.now() - 61 * 60_000));
    expect((await overview(alice, old)).status).toBe(401);
  });
});

describe("Mini App login data on the Telegram server", () => {
  it("refuses data signed with the local token, and data older than INIT_DATA_MAX_AGE_SECONDS", async () => {
    const database = await tempDatabase();
    try {
      const token = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ";
      const config = parseConfig({ DATABASE_URL: database.url, BOT_TOKEN: token, PII_HASH_KEY: "a-key-of-its-own", INIT_DATA_MAX_AGE_SECONDS: "600" });
      const { app } = composeAssistant({ config, client: database.client, logger: createLogger("silent") });
      const get = (initData: string) => app.request("/miniapp/api/overview", { headers: { authorization: `tma ${initData}` } });
      const user = { id: 5001, first_name: "x" };
      expect((await get(await initDataFor(user, "0:local", new Date()))).status).toBe(401);
      expect((await get(await initDataFor(user, token, new Date(Date.now() - 11 * 60_000)))).status).toBe(401);
      expect((await get(await initDataFor(user, token, new Date(Date.now() - 5 * 60_000)))).status).not.toBe(401);
    } finally {
      database.cleanup();
    }
  });
});

function ownNonLoopbackAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .find((a) => a.family === "IPv4" && !a.internal)?.address;
}

describe("the local chat server process", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "tuanjian-access-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("listens on 127.0.0.1 by default: another machine cannot connect", async () => {
    const server = await startServer({ DATABASE_URL: `file:${join(dir, "loopback.db")}` });
    try {
      const address = ownNonLoopbackAddress();
      if (address) await expect(fetch(`http://${address}:${server.port}/healthz`)).rejects.toThrow();
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it("bound beyond loopback, asks for the access token printed at start: 401 without it, a cookie through the link", async () => {
    const env = { DATABASE_URL: `file:${join(dir, "exposed.db")}`, HOST: "0.0.0.0" };
    let server: RunningServer = await startServer(env);
    try {
      const link = /open http:\/\/\S+?(\/local\/login\?token=([0-9a-f]{64}))/.exec(server.output());
      expect(link, server.output()).not.toBeNull();
      const [, path, token] = link!;
      const tokenFile = join(dir, "local-access-token");
      expect(readFileSync(tokenFile, "utf8").trim()).toBe(token);
      expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
      // The local ID-number hash key: made on first start, this user's only, the same after a restart.
      const keyFile = join(dir, "pii-hash-key");
      const hashKey = readFileSync(keyFile, "utf8").trim();
      expect(hashKey).toMatch(/^[0-9a-f]{64}$/);
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);

      const send = serverFetch(server.url);
      expect((await send("/healthz")).status).toBe(200);
      for (const route of ["/", "/local/messages", "/local/chat.js", "/miniapp", "/miniapp/api/overview", "/local/documents/1"])
        expect((await send(route)).status, route).toBe(401);
      expect((await send(`/local/login?token=${"0".repeat(64)}`)).status).toBe(401);

      const login = await send(path!);
      expect(login.status).toBe(303);
      expect(login.headers.get("location")).toBe("/");
      const cookie = login.headers.get("set-cookie") ?? "";
      expect(cookie).toMatch(/^tj_access=[0-9a-f]{64}; /);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      const access = cookie.split(";")[0]!;
      const browser = await openLocalSession(send, access);
      const view = (await (await browser.post("/local/messages", { text: "/start" })).json()) as ChatView;
      expect(view.messages.some((m) => m.fromBot)).toBe(true);

      // A restart keeps the token (and the cookies made from it).
      await server.stop();
      server = await startServer(env);
      expect(server.output()).toContain(token);
      expect(readFileSync(keyFile, "utf8").trim()).toBe(hashKey);
      expect((await serverFetch(server.url)("/local/messages", { headers: { cookie: browser.cookie } })).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});
