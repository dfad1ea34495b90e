/**
 * The real Worker in workerd against the libSQL HTTP fixture with faults injected at every request of
 * an update, in every way a network and Turso fail (test/fixtures/hrana-server.ts). An update is either
 * fully handled (200) or answered 503 so that Telegram delivers it again — never 200 and lost — and a
 * user is never sent a question whose answer before it was not stored. The database is checked after
 * every update. One Worker for the whole file (each start costs workerd ~10-20 s).
 */
import { createClient } from "@libsql/client";
import Database from "libsql";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STALE_CLAIM_MS } from "../src/db/processed-updates.js";
import type { HranaFault } from "./fixtures/hrana-server.js";
import type { AnyPipeline } from "./fixtures/pipeline.js";
import { startTestWorker, type TestWorker, WORKER_AFTER_ALL_MS, WORKER_BEFORE_ALL_MS } from "./fixtures/worker.js";
import { databaseProblems } from "./hostile/checks.js";
import { registerUntilConfirmation, type WebhookUser, webhookUser } from "./hostile/driver.js";

let worker: TestWorker;
let nextUser = 7_310_000;

beforeAll(async () => {
  worker = await startTestWorker({ prefix: "worker-faults-" });
}, WORKER_BEFORE_ALL_MS);
afterAll(async () => {
  await worker?.stop();
}, WORKER_AFTER_ALL_MS);

/** A person talking to the Worker through its webhook, as Telegram delivers their updates. */
function user(): WebhookUser {
  const id = nextUser++;
  const telegram = {
    api: worker.botApi,
    hook: (update: Update) => worker.postWebhook(JSON.stringify(update), worker.webhookSecret),
  } as unknown as AnyPipeline;
  return webhookUser(telegram, { id, first_name: `用户${id}`, language_code: "zh-hans" });
}

const FAULTS: [string, HranaFault][] = [
  ["the connection dropped", { kind: "drop" }],
  ["the answer lost after the request ran", { kind: "drop-after" }],
  ["the connection refused", { kind: "refuse" }],
  ["HTTP 503", { kind: "error", status: 503 }],
  ["PROXY_ERROR", { kind: "error", code: "PROXY_ERROR", status: 502 }],
  ["TRANSACTION_TIMEOUT", { kind: "error", code: "TRANSACTION_TIMEOUT" }],
  ["TRANSACTION_BUSY", { kind: "error", code: "TRANSACTION_BUSY" }],
  ["BLOCKED", { kind: "error", code: "BLOCKED" }],
  ["RESPONSE_TOO_LARGE", { kind: "error", code: "RESPONSE_TOO_LARGE" }],
  ["SQLITE_FULL", { kind: "error", code: "SQLITE_FULL", message: "SQLite error: database or disk is full" }],
];

const ledger = (update: Update) =>
  worker.query<{ status: string }>("SELECT status FROM processed_updates WHERE update_id = ?", update.update_id)[0]?.status;
const dialogOf = (u: WebhookUser) => {
  const row = worker.query<{ value: string }>("SELECT value FROM sessions WHERE key = ?", String(u.person.id))[0];
  return row ? (JSON.parse(row.value) as { dialog?: { step: string; data: Record<string, unknown> } }).dialog : undefined;
};
/** A claim the failing delivery could not release goes stale, as two minutes would make it. */
function ageClaim(update: Update) {
  const db = new Database(worker.dbPath);
  try {
    db.prepare("UPDATE processed_updates SET claimed_at = claimed_at - ? WHERE update_id = ? AND status = 'processing'").run(
      STALE_CLAIM_MS + 1000,
      update.update_id,
    );
  } finally {
    db.close();
  }
}
async function problems(settled = true) {
  const client = createClient({ url: `file:${worker.dbPath}` });
  try {
    return await databaseProblems(client, { settled });
  } finally {
    client.close();
  }
}

/**
 * Delivers `update` with `fault` after `served` database requests, then heals and redelivers as
 * Telegram would until it is answered 200. Returns the first status and whether the fault was met.
 */
async function deliverThroughFault(u: WebhookUser, update: Update, served: number, fault: HranaFault) {
  const faultedBefore = worker.hrana.faulted;
  worker.hrana.faultAfter(served, fault);
  const first = await u.deliver(update);
  const met = worker.hrana.faulted > faultedBefore;
  await worker.hrana.heal();
  // Never 200 and lost: a 200 with the fault met means the update was handled in full regardless.
  expect([200, 503]).toContain(first);
  let status = first;
  for (let attempt = 0; status !== 200 && attempt < 3; attempt++) {
    if (ledger(update) === "processing") ageClaim(update);
    status = await u.deliver(update);
  }
  expect(status, "Telegram's redelivery is handled").toBe(200);
  return { first, met };
}

describe("the Worker with the database failing at every point of an update", () => {
  it("a dialog answer: handled once, the next question only after the answer is stored", async () => {
    const summary: string[] = [];
    for (const [name, fault] of FAULTS) {
      let points = 0;
      for (let served = 0; served < 10; served++) {
        const u = user();
        await u.say("/register");
        expect(u.last()).toContain("(1/12)");
        const answer = u.typing("四川省");
        const { first, met } = await deliverThroughFault(u, answer, served, fault);
        if (!met) break;
        points++;
        const texts = u.texts();
        // Asked the second question (once, or twice when the first delivery's sends went out and the
        // answer to Telegram was what failed), never the third; and the answer is stored.
        const asked = texts.filter((t) => t.includes("(2/12)")).length;
        expect(asked, `${name} after ${served}: asked ${asked} times, first ${first}`).toBeGreaterThanOrEqual(1);
        expect(texts.some((t) => t.includes("(3/12)"))).toBe(false);
        expect(dialogOf(u)?.data.province ?? Object.values(dialogOf(u)?.data ?? {})).toBeTruthy();
        expect(JSON.stringify(dialogOf(u)?.data)).toContain("四川省");
        expect(ledger(answer)).toBe("done");
        // The apology of a bug never reaches the user for a database failure.
        expect(texts.some((t) => t.includes("抱歉"))).toBe(false);
        // The next answer lands on the next question.
        expect(await u.say("攀枝花市")).toContain("(3/12)");
      }
      summary.push(`${name}: ${points}`);
      expect(points, `${name}: the fault was met at some point`).toBeGreaterThan(0);
    }
    console.info(`dialog answer, failing points per kind: ${summary.join(", ")}`);
    expect(await problems()).toEqual([]);
  }, 600_000);

  it("a registration's confirmation: never half a township, one township in the end", async () => {
    const summary: string[] = [];
    for (const [name, fault] of FAULTS.filter(([, f]) => f.kind !== "error" || f.code === "TRANSACTION_TIMEOUT")) {
      let points = 0;
      for (let served = 0; served < 12; served++) {
        const u = user();
        await registerUntilConfirmation(u, "东山镇");
        const confirm = u.pressing("确认保存");
        const { met } = await deliverThroughFault(u, confirm, served, fault);
        if (!met) break;
        points++;
        const townships = worker.query<{ name: string }>(
          "SELECT t.name FROM townships t JOIN memberships m ON m.township_id = t.id WHERE m.user_id = ?",
          u.person.id,
        );
        expect(townships.map((t) => t.name), `${name} after ${served}`).toEqual(["东山镇"]);
        expect(u.texts().some((t) => t.includes("已保存“东山镇”的工作计划"))).toBe(true);
        expect(await problems(false)).toEqual([]);
      }
      summary.push(`${name}: ${points}`);
      expect(points).toBeGreaterThan(0);
    }
    console.info(`confirmation, failing points per kind: ${summary.join(", ")}`);
    expect(await problems()).toEqual([]);
  }, 600_000);
});

describe("the Worker and a database that needs its operator", () => {
  it.each([
    ["a quota block (BLOCKED)", { kind: "error", code: "BLOCKED" }],
    ["a refused token (401)", { kind: "error", status: 401 }],
  ] as [string, HranaFault][])("%s: 503, /healthz degraded naming it, and back to ok once a write succeeds", async (_name, fault) => {
    const u = user();
    await u.say("/register");
    worker.hrana.faultAfter(0, fault);
    const answer = u.typing("四川省");
    expect(await u.deliver(answer)).toBe(503);
    const during = await fetch(`${worker.url}/healthz`);
    expect(during.status).toBe(503);
    expect(await during.json()).toMatchObject({ status: "degraded", database: "misconfigured" });
    await worker.hrana.heal();
    // Reads work again, but no write has succeeded since: /healthz still says what the update met.
    const after = await fetch(`${worker.url}/healthz`);
    expect(after.status).toBe(503);
    expect(await after.json()).toMatchObject({ status: "degraded", database: "misconfigured" });
    expect(await u.deliver(answer)).toBe(200);
    expect(u.last()).toContain("(2/12)");
    const healed = await fetch(`${worker.url}/healthz`);
    expect(await healed.json()).toMatchObject({ status: "ok", database: "ok" });
  });

  it("a database hanging past grammY's webhook timeout: 503, redeliveries 503 while the claim is open, then handled once", async () => {
    const u = user();
    await u.say("/register");
    const answer = u.typing("四川省");
    worker.hrana.faultAfter(0, { kind: "hang" });
    const started = Date.now();
    expect(await u.deliver(answer)).toBe(503);
    const waited = Date.now() - started;
    console.info(`database hanging: the webhook answered 503 after ${waited} ms`);
    await worker.hrana.heal();
    // The hung delivery may still hold its claim (workerd ends its work with the response).
    let status = await u.deliver(answer);
    if (status === 503) {
      expect(ledger(answer)).toBe("processing");
      ageClaim(answer);
      status = await u.deliver(answer);
    }
    expect(status).toBe(200);
    expect(u.texts().filter((t) => t.includes("(2/12)"))).toHaveLength(1);
    expect(JSON.stringify(dialogOf(u)?.data)).toContain("四川省");
    expect(await problems()).toEqual([]);
  }, 60_000);
});
