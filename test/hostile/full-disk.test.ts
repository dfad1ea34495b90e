/**
 * The Node server in webhook mode with its database on a filesystem that fills up: a small tmpfs
 * mounted for the test (root only; skipped elsewhere), filled to the last byte while updates arrive.
 * Every update either has its effect and is answered 200, or is answered 503 so that Telegram delivers
 * it again; the fault is logged as a storage fault (not a bug) and /healthz is degraded while writes
 * fail. Once space is freed, the redeliveries are handled and /healthz is ok again, with nobody
 * restarting anything. (A read-only or failing file is classified the same way: test/storage-failures.test.ts.)
 */
import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, rmdirSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Client, createClient } from "@libsql/client";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STALE_CLAIM_MS } from "../../src/db/processed-updates.js";
import { type BotApiFixture, startBotApi, TEST_BOT_INFO } from "../fixtures/bot-api.js";
import { type RunningServer, startServer } from "../fixtures/server-process.js";
import { databaseProblems } from "./checks.js";
import { type Person, textMessage } from "./updates.js";

const SECRET = "full-disk-webhook-secret";
const person = (id: number): Person => ({ id, first_name: `用户${id}`, language_code: "zh-hans" });

function tryMount(dir: string): boolean {
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=6m", "tmpfs", dir], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const root = process.getuid?.() === 0;

describe.skipIf(!root)("a full disk under the Node server", () => {
  let dir: string;
  let mounted = false;
  let api: BotApiFixture;
  let server: RunningServer | undefined;
  let db: Client | undefined;
  const filler = () => join(dir, "filler");

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "tuanjian-full-disk-"));
    mounted = tryMount(dir);
    if (!mounted) throw new Error("could not mount a tmpfs (the test needs root)");
    api = await startBotApi();
    server = await startServer({
      DATABASE_URL: `file:${join(dir, "bot.db")}`,
      BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ",
      BOT_MODE: "webhook",
      WEBHOOK_SECRET: SECRET,
      TELEGRAM_API_ROOT: api.url,
      BOT_INFO: JSON.stringify(TEST_BOT_INFO),
      PII_HASH_KEY: "full-disk-key",
      LOG_LEVEL: "warn",
    });
    db = createClient({ url: `file:${join(dir, "bot.db")}` });
  }, 60_000);

  afterAll(async () => {
    db?.close();
    await server?.stop();
    await api?.close();
    // The server's file handles can outlive its exit by a moment: a lazy unmount detaches it at once.
    if (mounted) execFileSync("umount", ["-l", dir]);
    rmdirSync(dir);
  });

  const post = async (update: Update) =>
    (
      await fetch(`${server!.url}/telegram/webhook`, {
        method: "POST",
        headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET },
        body: JSON.stringify(update),
      })
    ).status;
  const health = async () => {
    const response = await fetch(`${server!.url}/healthz`);
    return { status: response.status, body: (await response.json()) as { status: string; database: string } };
  };
  const repliesTo = (id: number) => api.sent("sendMessage").filter((c) => Number(c.payload.chat_id) === id).map((c) => String(c.payload.text));
  const sessionOf = async (id: number) =>
    String((await db!.execute({ sql: "select value from sessions where key = ?", args: [String(id)] })).rows[0]?.value ?? "{}");

  /** Writes until the filesystem has no byte left. */
  function fillDisk() {
    const fd = openSync(filler(), "w");
    const chunk = Buffer.alloc(64 * 1024, 1);
    try {
      for (;;) writeSync(fd, chunk);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
      // The last partial chunk: fill to the very end.
      try {
        for (;;) writeSync(fd, Buffer.alloc(512, 1));
      } catch {}
    } finally {
      closeSync(fd);
    }
  }

  it("answers 503 while writes fail, degrades /healthz, and loses no acknowledged update once space is back", async () => {
    // A user in the middle of a dialog, and everyone else new.
    const dialogUser = person(8_800_000);
    expect(await post(textMessage(dialogUser, "/register"))).toBe(200);
    expect(repliesTo(dialogUser.id).at(-1)).toContain("(1/12)");
    expect((await health()).body.status).toBe("ok");

    fillDisk();
    const updates: { update: Update; who: Person; first: number }[] = [];
    const answer = textMessage(dialogUser, "四川省");
    updates.push({ update: answer, who: dialogUser, first: await post(answer) });
    for (let i = 1; i <= 40; i++) {
      const who = person(8_800_000 + i);
      const update = textMessage(who, "/start");
      updates.push({ update, who, first: await post(update) });
    }
    const refused = updates.filter((u) => u.first === 503);
    const acknowledged = updates.filter((u) => u.first === 200);
    console.info(`full disk: ${refused.length} of ${updates.length} updates answered 503, ${acknowledged.length} acknowledged`);
    expect(updates.every((u) => u.first === 200 || u.first === 503)).toBe(true);
    expect(refused.length).toBeGreaterThan(0);
    // Nobody was told their work is safe while it was not stored, nor asked the next question.
    for (const { who, first } of refused) {
      expect(repliesTo(who.id).some((t) => t.includes("抱歉")), `user ${who.id}`).toBe(false);
      if (first === 503 && who === dialogUser) expect(repliesTo(who.id).some((t) => t.includes("(2/12)"))).toBe(false);
    }
    const degraded = await health();
    expect(degraded.status).toBe(503);
    expect(degraded.body).toMatchObject({ status: "degraded", database: "storage" });
    expect(server!.output()).toMatch(/"event":"storage_fault"/);
    expect(server!.output()).not.toMatch(/handler_failed|update_failed/);

    // Space comes back; Telegram delivers the refused updates again (a claim that could not be
    // released on the full disk goes stale after STALE_CLAIM_MS: aged here instead of waited for).
    rmSync(filler());
    const open = (await db!.execute("select count(*) from processed_updates where status = 'processing'")).rows[0]![0];
    console.info(`full disk: ${open} claims left open by deliveries that could not release them`);
    await db!.execute({
      sql: "update processed_updates set claimed_at = claimed_at - ? where status = 'processing'",
      args: [STALE_CLAIM_MS + 1000],
    });
    for (const { update } of refused) expect(await post(update)).toBe(200);
    // Acknowledged ones may come again too (an answer lost on the way): nothing happens twice.
    for (const { update } of acknowledged) expect(await post(update)).toBe(200);

    for (const { update, who } of updates) {
      const done = await db!.execute({ sql: "select status from processed_updates where update_id = ?", args: [update.update_id] });
      expect(done.rows[0]?.status, `update ${update.update_id}`).toBe("done");
      if (who !== dialogUser) expect(repliesTo(who.id).filter((t) => t.includes("团建助手")), `user ${who.id}`).toHaveLength(1);
    }
    expect(await sessionOf(dialogUser.id)).toContain("四川省");
    expect(repliesTo(dialogUser.id).filter((t) => t.includes("(2/12)"))).toHaveLength(1);
    expect(await health()).toMatchObject({ status: 200, body: { status: "ok", database: "ok" } });
    expect(await databaseProblems(db!)).toEqual([]);
  }, 120_000);
});
