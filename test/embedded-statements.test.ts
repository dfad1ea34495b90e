/**
 * The Node server's per-update statements on the embedded file (db/embedded-statements.ts): batches
 * asked for together share one commit, yet each stays all-or-nothing on its own, and what was asked
 * for before the database is closed is on the file afterwards.
 */
import Database from "libsql";
import { afterEach, describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "../src/bot/failures.js";
import { embeddedStatements } from "../src/db/embedded-statements.js";
import { tempDatabase, type TempDatabase } from "./fixtures/database.js";

const put = (key: string, value: string | null) => ({
  sql: "INSERT INTO sessions (key, value) VALUES (?, ?)",
  args: [key, value],
});

let file: TempDatabase | undefined;
afterEach(() => {
  file?.cleanup();
  file = undefined;
});

/** The sessions on the file, read by a connection of their own. */
function storedKeys(path: string): string[] {
  const reader = new Database(path);
  try {
    return (reader.prepare("SELECT key FROM sessions ORDER BY key").all([]) as { key: string }[]).map((r) => r.key);
  } finally {
    reader.close();
  }
}

describe("the per-update statements on the embedded file", () => {
  it("commits batches asked for together, and a failing batch takes back only its own writes", async () => {
    file = await tempDatabase();
    const runner = file.statements;
    const outcomes = await Promise.allSettled([
      runner.batch([put("a", "{}")]),
      // The second statement breaks a NOT NULL constraint: the first one of this batch must go too.
      runner.batch([put("b", "{}"), put("b2", null)]),
      runner.batch([put("c", "{}")]),
      runner.execute({ sql: "SELECT count(*) AS n FROM sessions", args: [] }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
    const failure = (outcomes[1] as PromiseRejectedResult).reason as Error & { code?: string };
    expect(failure.code).toMatch(/^SQLITE_CONSTRAINT/);
    expect(failure.message).toMatch(/NOT NULL/);
    // A broken statement is not an outage: the update fails instead of waiting for a redelivery.
    expect(isDatabaseUnavailable(failure)).toBe(false);
    expect(storedKeys(file.url.slice("file:".length))).toEqual(["a", "c"]);
  });

  it("reports how many rows a write changed and the row a read found", async () => {
    file = await tempDatabase();
    const runner = file.statements;
    const [inserted, read] = await runner.batch([put("k", '{"step":2}'), { sql: "SELECT value FROM sessions WHERE key = ?", args: ["k"] }]);
    expect(inserted).toEqual({ row: undefined, changes: 1 });
    expect(read!.row).toMatchObject({ value: '{"step":2}' });
    const missing = await runner.execute({ sql: "SELECT value FROM sessions WHERE key = ?", args: ["none"] });
    expect(missing.row).toBeUndefined();
  });

  it("writes what was asked for before close, then refuses more", async () => {
    file = await tempDatabase();
    const path = file.url.slice("file:".length);
    const runner = embeddedStatements(path);
    await runner.batch([put("first", "{}")]);
    // Asked for and not awaited: close must not lose them.
    const pending = [runner.batch([put("second", "{}")]), runner.batch([put("third", "{}")])];
    runner.close();
    await Promise.all(pending);
    expect(storedKeys(path)).toEqual(["first", "second", "third"]);
    await expect(runner.batch([put("late", "{}")])).rejects.toThrow(/closed/);
  });
});

describe("the per-update statements when the database itself fails", () => {
  it("a full database fails the batches asked for together, without taking the process down, and later ones work", async () => {
    file = await tempDatabase();
    const runner = file.statements;
    const pages = Number((await runner.execute({ sql: "PRAGMA page_count", args: [] })).row!.page_count);
    await runner.execute({ sql: `PRAGMA max_page_count = ${pages + 1}`, args: [] });
    const big = "x".repeat(200_000);
    const outcomes = await Promise.allSettled([runner.batch([put("small", "{}")]), runner.batch([put("big", big)])]);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected"]);
    const failure = (outcomes[1] as PromiseRejectedResult).reason as Error & { code?: string };
    expect(failure.code).toBe("SQLITE_FULL");
    await runner.execute({ sql: "PRAGMA max_page_count = 1073741823", args: [] });
    await runner.batch([put("after", "{}")]);
    expect(storedKeys(file.url.slice("file:".length))).toEqual(["after"]);
  });
});
