/**
 * The reminder pass over libSQL's HTTP server, which answers at most so many bytes (sqld: 10 MB): a
 * page of townships whose JSON passes the limit is planned in smaller pages, never skipped, never an
 * error that stops every morning's reminders.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createClient as createWebClient } from "@libsql/client/web";
import { Api } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { createDatabase } from "../src/db/client.js";
import { openNodeDatabase } from "../src/db/node.js";
import { stepRepository } from "../src/db/steps.js";
import { townshipRepository } from "../src/db/townships.js";
import type { TownshipPlan } from "../src/domain/township.js";
import { runReminderSweep } from "../src/reminders/sweep.js";
import { startBotApi } from "./fixtures/bot-api.js";
import { samplePlan } from "./fixtures/plans.js";
import { type HranaServer, startHranaServer } from "./fixtures/hrana-server.js";

const T = new Date("2026-02-26T09:00:00+08:00");
const PLAN: Omit<TownshipPlan, "id"> = {
  ...samplePlan("吉阳镇", "2026-03-15"),
  // About 6 KB of JSON per township.
  customNote: "经县委组织部同意,按本县实施方案执行。".repeat(110),
};
const TOWNSHIPS = 12;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(responseLimitBytes: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reminder-page-"));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const dbPath = path.join(dir, "bot.db");
  const seeded = await openNodeDatabase(`file:${dbPath}`);
  const townships = townshipRepository(seeded.db);
  const ids: string[] = [];
  for (let i = 0; i < TOWNSHIPS; i++) {
    await townships.touchUser(1000 + i, `书记${i}`);
    ids.push(await townships.create({ ...PLAN, name: `第${i}镇` }, 1000 + i, T));
  }
  seeded.client.close();
  const hrana: HranaServer = await startHranaServer({ dbPath, responseLimitBytes });
  cleanups.push(() => hrana.close());
  const client = createWebClient({ url: hrana.url });
  cleanups.push(() => client.close());
  const botApi = await startBotApi();
  cleanups.push(() => botApi.close());
  const api = new Api("123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ", { apiRoot: botApi.url });
  const sent = () => botApi.sent("sendMessage").map((c) => Number(c.payload.chat_id));
  const warnings: Record<string, unknown>[] = [];
  const logger = {
    debug() {},
    info() {},
    warn: (event: string, fields: Record<string, unknown> = {}) => warnings.push({ event, ...fields }),
    error() {},
  };
  const db = createDatabase(client);
  // A claim loads the townships of the messages it sends: a batch of 2 stays within the limit here.
  const sweep = (now = T) => runReminderSweep({ db, api, logger }, { now, planPageSize: TOWNSHIPS, batchSize: 2, messagesPerSecond: 1000 });
  return { sweep, sent, warnings, db, ids };
}

describe("a reminder page over the database's response limit", () => {
  it("is planned in smaller pages until the pass is complete, and every secretary is reminded once", async () => {
    // 12 townships (~72 KB) do not fit in 32 KB; 3 (~18 KB) do.
    const s = await setup(32 * 1024);
    const reports = [];
    for (let i = 0; i < 10; i++) {
      const report = await s.sweep();
      reports.push(report);
      if (report.plan.passComplete) break;
    }
    expect(reports.at(-1)!.plan.passComplete).toBe(true);
    expect(reports.reduce((n, r) => n + r.plan.townships, 0)).toBe(TOWNSHIPS);
    expect(s.warnings.filter((w) => w.event === "reminder_page_too_large").length).toBeGreaterThan(0);
    // Later sweeps send what the earlier ones planned: each secretary exactly once.
    for (let i = 0; i < 8; i++) await s.sweep();
    expect(s.sent().sort()).toEqual(Array.from({ length: TOWNSHIPS }, (_, i) => 1000 + i));
  });

  it("the changed townships, too many for one answer, are loaded in halves", async () => {
    const s = await setup(32 * 1024);
    for (let i = 0; i < 10 && !(await s.sweep()).plan.passComplete; i++);
    s.warnings.length = 0;
    // Every township records its work plan: all twelve are planned again, as changes.
    const later = new Date(T.getTime() + 3600_000);
    for (const id of s.ids)
      await stepRepository(s.db).save(id, { stepId: "work-plan", values: { approvedOn: "2026-02-26" }, recordedBy: 0, recordedAt: later.toISOString() }, 0);
    const report = await s.sweep(new Date(later.getTime() + 60_000));
    expect(report.plan.mode).toBe("changes");
    expect(report.plan.townships).toBe(TOWNSHIPS);
    expect(s.warnings.filter((w) => w.event === "reminder_page_too_large").length).toBeGreaterThan(0);
  });

  it("a page that fits is one load, with nothing said", async () => {
    const s = await setup(10 * 1024 * 1024);
    const report = await s.sweep();
    expect(report.plan.townships).toBe(TOWNSHIPS);
    expect(s.warnings).toEqual([]);
  });
});
