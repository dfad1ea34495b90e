/**
 * Faults around the pipeline: the Bot API answering 429, 500, too late or not at all; the database
 * unreachable (libSQL over HTTP, the Worker's way to Turso) or locked (an embedded file), before and
 * at every point of an update; the LLM down. Through the webhook route, Telegram is answered 503 only
 * when a redelivery can succeed, the update's claim is not left behind, and the redelivery stores
 * nothing twice; without redelivery (polling, the local page) the user is told to try again.
 */
import { createClient } from "@libsql/client";
import { eq } from "drizzle-orm";
import type { Update } from "grammy/types";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { SessionData } from "../../src/bot/context.js";
import { candidateRepository } from "../../src/db/candidates.js";
import { STALE_CLAIM_MS } from "../../src/db/processed-updates.js";
import { processedUpdates, sessions } from "../../src/db/schema.js";
import { townshipRepository } from "../../src/db/townships.js";
import type { PlannedFailure } from "../fixtures/bot-api.js";
import { httpDatabase } from "../fixtures/database.js";
import { startFakeOpenAI } from "../fixtures/openai.js";
import { type AnyPipeline, startPipeline } from "../fixtures/pipeline.js";
import { databaseProblems, logProblems, makeIdNumber } from "./checks.js";
import { enterCandidateUntilConfirmation, registerUntilConfirmation, webhookUser } from "./driver.js";
import type { Person } from "./updates.js";

const NOW = new Date("2024-03-20T02:00:00Z");
const SECRET = "hostile-webhook-secret";
const RATE = { limit: 1000, windowMs: 1000 };
let nextUser = 9500;
const person = (language_code = "zh-hans"): Person => ({ id: nextUser++, first_name: `用户${nextUser}`, language_code });

let p: AnyPipeline | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await p?.close();
  p = undefined;
});

const ledgerRow = async (pipeline: AnyPipeline, update: Update) =>
  pipeline.database.db.select().from(processedUpdates).where(eq(processedUpdates.updateId, update.update_id)).get();
const sessionOf = async (pipeline: AnyPipeline, userId: number) => {
  const row = await pipeline.database.db.select().from(sessions).where(eq(sessions.key, String(userId))).get();
  return row ? (JSON.parse(row.value) as SessionData) : {};
};

describe("the Bot API failing", () => {
  it("429 with retry_after is waited out: the answer arrives once", async () => {
    p = await startPipeline({ now: () => NOW, webhookSecret: SECRET, apiRetries: 2, rateLimit: RATE });
    const user = webhookUser(p, person());
    p.api.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } });
    expect(await user.deliver(user.typing("/start"))).toBe(200);
    expect(p.api.calls.filter((c) => c.method === "sendMessage").map((c) => c.status)).toEqual([429, 200]);
    expect(user.texts()).toHaveLength(1);
  });

  const faults: [string, PlannedFailure][] = [
    ["429 beyond the retries", { error_code: 429, description: "Too Many Requests: retry after 40", parameters: { retry_after: 40 } }],
    ["500", { error_code: 500, description: "Internal Server Error" }],
    ["a timeout (Telegram did send it)", { stallMs: 2500 }],
    ["a dropped connection", { drop: true }],
  ];

  it.each(faults)("%s after the work is saved: 503, the claim released, the redelivery saves nothing twice", async (_name, fault) => {
    p = await startPipeline({ now: () => NOW, webhookSecret: SECRET, apiTimeoutSeconds: 1, rateLimit: RATE });
    const user = webhookUser(p, person());
    await user.say("/start");
    await registerUntilConfirmation(user, "西山镇");
    const confirm = user.pressing("确认保存");
    p.api.failNext("sendMessage", fault);
    expect(await user.deliver(confirm)).toBe(503);
    expect(await ledgerRow(p, confirm)).toBeUndefined();
    expect(await user.deliver(confirm)).toBe(200);
    expect(await user.deliver(confirm)).toBe(200);
    expect((await townshipRepository(p.database.db).listFor(user.person.id)).map((t) => t.name)).toEqual(["西山镇"]);
    const saved = user.texts().filter((t) => t.includes("已保存“西山镇”的工作计划")).length;
    // Telegram's sendMessage is not idempotent: when it did the work but the answer was lost, it is sent again.
    expect(saved).toBe("stallMs" in fault ? 2 : 1);

    // The same for a candidate's confirmation.
    await enterCandidateUntilConfirmation(user, "何十", makeIdNumber("19970303", "135"));
    const save = user.pressing("确认保存");
    p.api.failNext("sendMessage", fault);
    expect(await user.deliver(save)).toBe(503);
    expect(await user.deliver(save)).toBe(200);
    expect(user.texts().filter((t) => t.includes("已保存候选人 何十")).length).toBe("stallMs" in fault ? 2 : 1);
    const [township] = await townshipRepository(p.database.db).listFor(user.person.id);
    expect((await candidateRepository(p.database.db).list(township!.id)).map((c) => c.name)).toEqual(["何十"]);
    expect(await databaseProblems(p.database.client)).toEqual([]);
    expect(logProblems(p.logLines)).toEqual([]);
  });

  it("Telegram failing to take the next question: the stored answer is undone, and the redelivery asks it once", async () => {
    p = await startPipeline({ now: () => NOW, webhookSecret: SECRET, rateLimit: RATE });
    const user = webhookUser(p, person());
    await user.say("/register");
    const answer = user.typing("四川省");
    p.api.failNext("sendMessage", { error_code: 500, description: "Internal Server Error" });
    expect(await user.deliver(answer)).toBe(503);
    // As before the answer: the session at the first question, no ledger entry for the update.
    expect((await sessionOf(p, user.person.id)).dialog?.step).toBe("province");
    expect(await ledgerRow(p, answer)).toBeUndefined();
    expect(await user.deliver(answer)).toBe(200);
    expect(user.texts().filter((t) => t.includes("(2/12)"))).toHaveLength(1);
    expect(await user.say("攀枝花市")).toContain("(3/12)");
    expect(logProblems(p.logLines)).toEqual([]);
  });

  it("a button answered too late does not hide the answer that follows", async () => {
    p = await startPipeline({ now: () => NOW, webhookSecret: SECRET, rateLimit: RATE });
    const user = webhookUser(p, person());
    await user.say("/start");
    p.api.failNext("answerCallbackQuery", { error_code: 400, description: "Bad Request: query is too old and response timeout expired or query ID is invalid" });
    expect(await user.click("登记")).toContain("(1/12)");
    expect(user.statuses.every((s) => s === 200)).toBe(true);
  });
});

describe("the database unavailable for a moment", () => {
  it("over HTTP, before the update: 503 and nothing stored; handled once when it is back", async () => {
    const database = await httpDatabase();
    p = await startPipeline({ now: () => NOW, webhookSecret: SECRET, rateLimit: RATE, database });
    const user = webhookUser(p, person());
    const start = user.typing("/start");
    database.server.setUnavailable(true);
    expect(await user.deliver(start)).toBe(503);
    expect(user.texts()).toEqual([]);
    database.server.setUnavailable(false);
    expect(await ledgerRow(p, start)).toBeUndefined();
    expect(await user.deliver(start)).toBe(200);
    expect(await user.deliver(start)).toBe(200);
    expect(user.texts()).toHaveLength(1);
    expect((await ledgerRow(p, start))?.status).toBe("done");
  });

  it("over HTTP, at every point of a registration's confirmation: nothing half-saved, one township in the end", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
    const database = await httpDatabase();
    p = await startPipeline({ now: () => NOW, webhookSecret: SECRET, rateLimit: RATE, database });
    const failedAt: number[] = [];
    const beforeSaving: number[] = [];
    const afterSaving: number[] = [];
    for (let served = 0; served < 40; served++) {
      const user = webhookUser(p, person());
      await registerUntilConfirmation(user, "东山镇");
      const confirm = user.pressing("确认保存");
      database.server.failAfter(served);
      const status = await user.deliver(confirm);
      const sentBeforeFailing = user.texts().some((t) => t.includes("已保存“东山镇”的工作计划"));
      database.server.setUnavailable(false);
      if (status === 200) {
        // The database failed only when the update was to be marked done: the update was handled and
        // answered (200), its claim stays open until pruned; Telegram does not deliver it again.
        expect(["done", "processing"]).toContain((await ledgerRow(p, confirm))?.status);
        break;
      }
      expect(status).toBe(503);
      failedAt.push(served);
      // Nothing half-saved: no township, or the whole of it (membership, audit) — and the dialog not lost.
      expect(await databaseProblems(p.database.client, { settled: false })).toEqual([]);
      const dialog = (await sessionOf(p, user.person.id)).dialog;
      const saved = await townshipRepository(p.database.db).listFor(user.person.id);
      expect(saved.length === 1 || dialog?.step === "confirm", `failing after ${served} requests`).toBe(true);
      (saved.length === 1 ? afterSaving : beforeSaving).push(served);
      // A claim the failing delivery could not release is retaken by Telegram's redelivery once stale.
      if ((await ledgerRow(p, confirm))?.status === "processing") vi.setSystemTime(Date.now() + STALE_CLAIM_MS + 1000);
      expect(await user.deliver(confirm)).toBe(200);
      expect((await townshipRepository(p.database.db).listFor(user.person.id)).map((t) => t.name)).toEqual(["东山镇"]);
      // Told once — or twice when the database failed after the answer had been sent (at least once).
      const told = user.texts().filter((t) => t.includes("已保存“东山镇”的工作计划")).length;
      expect(told === 1 || (told === 2 && sentBeforeFailing), `failing after ${served} requests: told ${told} times`).toBe(true);
    }
    console.info(`database failing mid-update: ${failedAt.length} points (${beforeSaving.length} before the township was written, ${afterSaving.length} after)`);
    // Every request of the update failed once (opening it, the handler's reads and its one write,
    // closing it): before the township was written and after it.
    expect(failedAt.length).toBeGreaterThanOrEqual(3);
    expect(beforeSaving.length).toBeGreaterThan(0);
    expect(afterSaving.length).toBeGreaterThan(0);
    expect(await databaseProblems(p.database.client, { settled: false })).toEqual([]);
    expect(logProblems(p.logLines)).toEqual([]);
  }, 120_000);

  it("without redelivery (polling, the local page): the user is told the action was not saved, and it works when retried", async () => {
    const database = await httpDatabase();
    p = await startPipeline({ now: () => NOW, rateLimit: RATE, database });
    const user = person();
    const say = async (text: string) => {
      const before = p!.textsTo(user.id).length;
      await p!.bot.handleUpdate(textUpdateOf(user, text));
      return p!.textsTo(user.id).slice(before).join("\n");
    };
    await say("/register");
    database.server.setUnavailable(true);
    expect(await say("四川省")).toContain("系统暂时繁忙,这次操作没有保存");
    database.server.setUnavailable(false);
    expect((await sessionOf(p, user.id)).dialog).toMatchObject({ step: "province", data: {} });
    expect(await say("四川省")).toContain("(2/12)");
    expect(logProblems(p.logLines)).toEqual([]);
  });

  it("without redelivery, failing at every point of a dialog answer: the next question only once the answer is stored", async () => {
    const database = await httpDatabase();
    p = await startPipeline({ now: () => NOW, rateLimit: RATE, database });
    let points = 0;
    for (let served = 0; served < 20; served++) {
      const user = person();
      const say = async (text: string) => {
        const before = p!.textsTo(user.id).length;
        await p!.bot.handleUpdate(textUpdateOf(user, text));
        return p!.textsTo(user.id).slice(before).join("\n");
      };
      await say("/register");
      database.server.failAfter(served);
      const answered = await say("四川省");
      const failed = database.server.requests > 0 && answered.includes("系统暂时繁忙");
      database.server.setUnavailable(false);
      const stored = JSON.stringify((await sessionOf(p, user.id)).dialog?.data ?? {}).includes("四川省");
      if (!failed) {
        expect(answered, `served ${served}`).toContain("(2/12)");
        expect(stored).toBe(true);
        break;
      }
      points++;
      // Told to try again, and only that: the question before still stands, nothing was stored.
      expect(answered, `served ${served}`).not.toContain("(2/12)");
      expect(stored, `served ${served}`).toBe(false);
      expect(await say("四川省")).toContain("(2/12)");
      expect(await say("攀枝花市")).toContain("(3/12)");
    }
    // Opening the update, the handler's work and storing the answer each failed once.
    expect(points).toBeGreaterThanOrEqual(2);
    expect(logProblems(p.logLines)).toEqual([]);
  });

  it.each([
    ["a refused token (401)", { kind: "error", status: 401 }, "database_misconfigured", "misconfigured"],
    ["a quota block (BLOCKED)", { kind: "error", code: "BLOCKED" }, "database_misconfigured", "misconfigured"],
    ["a full disk on the server (SQLITE_FULL)", { kind: "error", code: "SQLITE_FULL" }, "storage_fault", "storage"],
  ] as const)("%s: 503, an error naming it, /healthz degraded until a write succeeds", async (_name, fault, event, status) => {
    const database = await httpDatabase();
    p = await startPipeline({ now: () => NOW, webhookSecret: SECRET, rateLimit: RATE, database });
    const user = webhookUser(p, person());
    await user.say("/register");
    // Past the update's opening: its answer cannot be stored.
    database.server.faultAfter(1, fault);
    const answer = user.typing("四川省");
    expect(await user.deliver(answer)).toBe(503);
    await database.server.heal();
    const line = p.logLines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.event === event);
    expect(line).toMatchObject({ level: "error", kind: status });
    expect(p.logLines.some((l) => l.includes("handler_failed"))).toBe(false);
    const health = await p.request("/healthz");
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: "degraded", database: status });
    expect(user.texts().some((t) => t.includes("(2/12)"))).toBe(false);
    // Fixed: Telegram's redelivery is handled and /healthz is ok again. (The failing delivery could not
    // release its claim either: the redelivery retakes it once stale.)
    if ((await ledgerRow(p, answer))?.status === "processing") {
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(Date.now() + STALE_CLAIM_MS + 1000);
    }
    expect(await user.deliver(answer)).toBe(200);
    expect(user.last()).toContain("(2/12)");
    expect(await (await p.request("/healthz")).json()).toMatchObject({ status: "ok", database: "ok" });
  });

  it("a locked database file: the user is told to try again, and nothing is stored until it is free", async () => {
    const pipeline = await startPipeline({ now: () => NOW, rateLimit: RATE });
    p = pipeline;
    await pipeline.database.client.execute("PRAGMA busy_timeout = 100");
    const user = person();
    await p.bot.handleUpdate(textUpdateOf(user, "/register"));
    const other = createClient({ url: pipeline.database.url });
    const lock = await other.transaction("write");
    await lock.execute("insert into users (id, first_name) values (1, 'lock')");
    await p.bot.handleUpdate(textUpdateOf(user, "四川省"));
    expect(p.textsTo(user.id).at(-1)).toContain("系统暂时繁忙,这次操作没有保存");
    await lock.rollback();
    other.close();
    expect((await sessionOf(p, user.id)).dialog?.data).toEqual({ _id: expect.any(String) });
    await p.bot.handleUpdate(textUpdateOf(user, "四川省"));
    expect(p.textsTo(user.id).at(-1)).toContain("(2/12)");
  });
});

describe("the LLM down", () => {
  it("answers from the knowledge base when the model fails or cannot be reached", async () => {
    const fake = await startFakeOpenAI();
    p = await startPipeline({ now: () => NOW, rateLimit: RATE, env: { OPENAI_API_KEY: "test", OPENAI_BASE_URL: fake.baseURL } });
    const user = person();
    const question = "兼职副书记的年龄上限是多少?";
    fake.behave({ kind: "error", status: 500 });
    await p.bot.handleUpdate(textUpdateOf(user, question));
    const withError = p.textsTo(user.id).at(-1)!;
    await fake.close();
    await p.bot.handleUpdate(textUpdateOf(user, question));
    const unreachable = p.textsTo(user.id).at(-1)!;
    expect(withError).toContain("来源");
    expect(unreachable).toBe(withError);
    expect(fake.prompts).toHaveLength(1);
    expect(logProblems(p.logLines)).toEqual([]);
  });
});

describe("the webhook's answer to Telegram", () => {
  it("is 200 for whatever a user sends; 4xx for what is not an update", async () => {
    p = await startPipeline({ now: () => NOW, webhookSecret: SECRET, rateLimit: RATE });
    const user = webhookUser(p, person());
    for (const text of ["/frobnicate", "\u0000\ud800", "字".repeat(5000), "2024-02-30", "/start join_nonsense", "/deleteme"]) await user.say(text);
    const forged = { ...user.pressing("确认删除"), update_id: 77_000_001 } as Update;
    (forged.callback_query as { data: string }).data = "priv:erase:forged";
    await user.deliver(forged);
    await user.deliver({ update_id: 77_000_002, edited_message: { ...user.typing("x").message!, edit_date: 1 } } as Update);
    await user.deliver({ update_id: 77_000_003, some_future_kind: { anything: true } } as unknown as Update);
    expect(user.statuses.every((s) => s === 200)).toBe(true);
    expect(await townshipRepository(p.database.db).activeFor(user.person.id)).toBeUndefined();
    expect((await p.hook({ update_id: 1 })).status).toBe(400);
    expect((await p.hook("not an object")).status).toBe(400);
    expect((await p.hook({ update_id: "1", message: {} })).status).toBe(400);
    expect(logProblems(p.logLines)).toEqual([]);
  });
});

function textUpdateOf(user: Person, text: string): Update {
  return webhookUser(p!, user).typing(text);
}
