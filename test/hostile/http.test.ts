/**
 * The HTTP surface under hostile requests: the Telegram webhook and the local chat's JSON API. Wrong or
 * missing secrets, oversized bodies, invalid JSON, wrong shapes, methods and paths get a clear 4xx with
 * a short JSON reason — never a stack trace — and nothing personal is logged.
 */
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/env.js";
import { MAX_WEBHOOK_BODY } from "../../src/http/app.js";
import { createLogger } from "../../src/logging.js";
import { composeAssistant } from "../../src/runtime/compose.js";
import { tempDatabase } from "../fixtures/database.js";
import { type LocalSession, openLocalSession } from "../fixtures/local-session.js";
import { type Pipeline, startPipeline } from "../fixtures/pipeline.js";
import { logProblems, makeIdNumber } from "./checks.js";
import { textMessage } from "./updates.js";

const SECRET = "http-surface-webhook-secret";
const ID = makeIdNumber("19900307", "123");

/** A 4xx with a short JSON reason and nothing of the server's insides. */
async function expectClear(response: Response, status: number) {
  const body = await response.text();
  expect(response.status, body).toBe(status);
  expect(JSON.parse(body)).toEqual({ error: expect.any(String) });
  expect(body).not.toMatch(/\bat \S+:\d+|node_modules|\/src\/|Error:|SQLITE|drizzle/i);
  expect(body).not.toContain(ID);
}

describe("the webhook route", () => {
  let p: Pipeline;
  beforeAll(async () => {
    p = await startPipeline({ webhookSecret: SECRET });
  });
  afterAll(() => p.close());

  const raw = (init: RequestInit & { secret?: string }, path = "/telegram/webhook") => {
    const { secret, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (secret !== undefined) headers.set("X-Telegram-Bot-Api-Secret-Token", secret);
    return p.request(path, { ...rest, headers });
  };

  it("refuses a missing or wrong secret before reading anything", async () => {
    const update = JSON.stringify(textMessage({ id: 1, first_name: "x", language_code: "zh" }, ID));
    for (const secret of [undefined, "", "wrong", `${SECRET}x`, SECRET.slice(0, -1), SECRET.toUpperCase(), "\u00e9\u00e8"])
      await expectClear(await raw({ method: "POST", body: update, ...(secret !== undefined ? { secret } : {}) }), 401);
    expect(p.api.calls).toHaveLength(0);
  });

  it("refuses bodies that are not one Telegram update, and bodies over 1 MiB", async () => {
    for (const body of ["{ not json", "", "null", "[]", "42", '"text"', '{"update_id":1}', '{"update_id":"7","message":{}}', `{"update_id":${2 ** 60},"message":{}}`])
      await expectClear(await raw({ method: "POST", body, secret: SECRET }), 400);
    const oversized = JSON.stringify({ update_id: 5, message: { text: "x".repeat(MAX_WEBHOOK_BODY) } });
    await expectClear(await raw({ method: "POST", body: oversized, secret: SECRET }), 413);
    // Just under the limit is an update like any other.
    const large = textMessage({ id: 2, first_name: "x", language_code: "zh" }, "问".repeat(Math.floor((MAX_WEBHOOK_BODY - 2000) / 3)));
    expect((await raw({ method: "POST", body: JSON.stringify(large), secret: SECRET })).status).toBe(200);
    expect(p.api.calls.filter((c) => c.method === "sendMessage")).toHaveLength(1);
  });

  it("answers wrong methods and paths with 405 and 404", async () => {
    for (const method of ["GET", "PUT", "DELETE", "PATCH"]) await expectClear(await raw({ method, secret: SECRET }), 405);
    for (const path of ["/telegram/webhook/", "/telegram/Webhook", "/telegram", "/..%2f..%2fetc/passwd", "/local/messages", "/%00"])
      await expectClear(await raw({ method: "POST", body: "{}", secret: SECRET }, path), 404);
    expect(logProblems(p.logLines)).toEqual([]);
    expect(p.logLines.join("\n")).not.toContain(ID.slice(0, 14));
  });
});

describe("the local chat's routes", () => {
  let app: Hono;
  let browser: LocalSession;
  let cleanup: () => void;
  const lines: string[] = [];
  beforeAll(async () => {
    const database = await tempDatabase();
    const config = parseConfig({ DATABASE_URL: database.url });
    ({ app } = composeAssistant({ config, client: database.client, logger: createLogger("debug", (line) => lines.push(line)) }));
    browser = await openLocalSession(app);
    cleanup = database.cleanup;
  });
  afterAll(() => cleanup());

  const json = (path: string, body: unknown, method = "POST") =>
    browser.request(path, { method, headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) });

  it("refuses malformed messages and button presses with 400, unknown ones with 404, oversized ones with 413", async () => {
    for (const body of ["{oops", "[]", { text: "" }, { text: "   " }, { text: "x".repeat(4097) }, { text: 42 }, { text: "hi", after: -1 }, { text: "hi", language: "fr" }])
      await expectClear(await json("/local/messages", body), 400);
    await expectClear(await json("/local/messages", { text: "字".repeat(30_000) }), 413);
    for (const body of [{}, { messageId: 1 }, { messageId: 0, data: "x" }, { messageId: 1, data: "x".repeat(65) }, { messageId: "1", data: "x" }])
      await expectClear(await json("/local/callback", body), 400);
    await expectClear(await json("/local/callback", { messageId: 999_999, data: "nav:next" }), 404);
    // A user's own message cannot be "pressed".
    const sent = (await (await json("/local/messages", { text: `我的身份证 ${ID}` })).json()) as { messages: { id: number; fromBot: boolean; text: string }[] };
    const mine = sent.messages.find((m) => !m.fromBot)!;
    expect(mine.text).not.toContain(ID);
    await expectClear(await json("/local/callback", { messageId: mine.id, data: "nav:next" }), 404);
  });

  it("refuses uploads that are not a form with one small file", async () => {
    await expectClear(await json("/local/document", { document: "x" }), 400);
    const form = new FormData();
    form.append("document", new Blob([new Uint8Array(3 * 1024 * 1024)]), "big.csv");
    await expectClear(await browser.request("/local/document", { method: "POST", body: form }), 413);
    const empty = new FormData();
    empty.append("document", new Blob([]), "empty.csv");
    await expectClear(await browser.request("/local/document", { method: "POST", body: empty }), 400);
  });

  it("refuses bad reads, wrong methods and unknown paths", async () => {
    for (const path of ["/local/messages?after=abc", "/local/messages?after=-1", "/local/files/1001/abc/x", "/local/documents/x", "/local/documents/0"])
      await expectClear(await browser.request(path), 400);
    for (const path of ["/local/files/1001/999999/x", "/local/documents/999999"]) await expectClear(await browser.request(path), 404);
    for (const [method, path] of [
      ["PUT", "/local/messages"],
      ["DELETE", "/local/messages"],
      ["POST", "/telegram/webhook"],
      ["GET", "/nope"],
    ] as const)
      await expectClear(await browser.request(path, { method }), 404);
    expect(logProblems(lines)).toEqual([]);
    expect(lines.join("\n")).not.toContain(ID.slice(0, 14));
  });
});
