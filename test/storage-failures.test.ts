/**
 * Every way the database fails, as the real clients report it, sorted by what it means
 * (src/bot/failures.ts): libSQL over HTTP against the Hrana fixture with its faults injected, and the
 * embedded file on a database that is full, read-only or cannot be opened. The Worker's own transport
 * (workerd's messages) is met for real in test/worker-faults.test.ts.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createClient } from "@libsql/client";
import { createClient as createWebClient } from "@libsql/client/web";
import { GrammyError, HttpError } from "grammy";
import Database from "libsql";
import { afterEach, describe, expect, it } from "vitest";
import { type StorageFailureKind, storageFailure, worthRedelivering } from "../src/bot/failures.js";
import { type HranaFault, type HranaServer, startHranaServer } from "./fixtures/hrana-server.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "storage-failures-"));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function server(options: Partial<Parameters<typeof startHranaServer>[0]> = {}): Promise<HranaServer> {
  const dbPath = path.join(tempDir(), "db.sqlite");
  const db = new Database(dbPath);
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
  db.close();
  const hrana = await startHranaServer({ dbPath, ...options });
  cleanups.push(() => hrana.close());
  return hrana;
}

/** What a libSQL HTTP client throws for a write, classified. */
async function kindOf(run: () => Promise<unknown>): Promise<StorageFailureKind | "no error" | "not a storage failure"> {
  try {
    await run();
    return "no error";
  } catch (error) {
    return storageFailure(error)?.kind ?? "not a storage failure";
  }
}

const write = (client: ReturnType<typeof createClient>) =>
  client.batch([{ sql: "INSERT INTO t (v) VALUES (?)", args: ["x"] }, "SELECT count(*) FROM t"], "write");

describe("libSQL over HTTP, each failure by what it means", () => {
  const faults: [string, HranaFault, StorageFailureKind][] = [
    ["the connection dropped before the request ran", { kind: "drop" }, "unreachable"],
    ["the answer lost after the request ran", { kind: "drop-after" }, "unreachable"],
    ["the port closed (connection refused)", { kind: "refuse" }, "unreachable"],
    ["HTTP 503", { kind: "error", status: 503 }, "unreachable"],
    ["HTTP 429", { kind: "error", status: 429 }, "unreachable"],
    ["PROXY_ERROR", { kind: "error", code: "PROXY_ERROR", status: 502 }, "unreachable"],
    ["TRANSACTION_TIMEOUT", { kind: "error", code: "TRANSACTION_TIMEOUT" }, "busy"],
    ["TRANSACTION_BUSY", { kind: "error", code: "TRANSACTION_BUSY" }, "busy"],
    ["BLOCKED (a quota)", { kind: "error", code: "BLOCKED", status: 403 }, "misconfigured"],
    ["BLOCKED inside a 200", { kind: "error", code: "BLOCKED" }, "misconfigured"],
    ["RESPONSE_TOO_LARGE", { kind: "error", code: "RESPONSE_TOO_LARGE" }, "too-large"],
    ["SQLITE_FULL on the server", { kind: "error", code: "SQLITE_FULL", message: "SQLite error: database or disk is full" }, "storage"],
    ["SQLITE_IOERR on the server", { kind: "error", code: "SQLITE_IOERR" }, "storage"],
    ["SQLITE_READONLY on the server", { kind: "error", code: "SQLITE_READONLY" }, "storage"],
  ];
  for (const clientKind of ["node", "web"] as const) {
    it.each(faults)(`${clientKind} client: %s → %s, and Telegram is asked to redeliver`, async (_name, fault, kind) => {
      const hrana = await server();
      const client = (clientKind === "node" ? createClient : createWebClient)({ url: hrana.url });
      cleanups.push(() => client.close());
      await write(client);
      hrana.faultAfter(0, fault);
      let thrown: unknown;
      await write(client).catch((error: unknown) => (thrown = error));
      expect(thrown, "the write failed").toBeDefined();
      expect(storageFailure(thrown)?.kind).toBe(kind);
      expect(worthRedelivering(thrown)).toBe(true);
      expect(hrana.faulted).toBeGreaterThan(0);
      await hrana.heal();
      // Back to normal once healed: the same client works again.
      expect(await kindOf(() => write(client))).toBe("no error");
    });
  }

  it("a wrong token: 401 is a misconfiguration", async () => {
    const hrana = await server({ authToken: "right" });
    const client = createWebClient({ url: hrana.url, authToken: "wrong" });
    cleanups.push(() => client.close());
    expect(await kindOf(() => write(client))).toBe("misconfigured");
  });

  it("a request timed out by the caller (an abort) is unreachable", async () => {
    const hrana = await server();
    const client = createWebClient({
      url: hrana.url,
      fetch: (request: Request) => fetch(request, { signal: AbortSignal.timeout(200) }),
    });
    cleanups.push(() => client.close());
    hrana.faultAfter(0, { kind: "hang" });
    expect(await kindOf(() => write(client))).toBe("unreachable");
    await hrana.heal();
  });

  it("an answer over the response limit is refused as too large (sqld: 10 MB)", async () => {
    const hrana = await server({ responseLimitBytes: 64 * 1024 });
    const client = createWebClient({ url: hrana.url });
    cleanups.push(() => client.close());
    await client.execute({ sql: "INSERT INTO t (v) VALUES (?)", args: ["字".repeat(40_000)] });
    expect(await kindOf(() => client.execute("SELECT v FROM t"))).toBe("too-large");
    expect(await kindOf(() => client.execute("SELECT length(v) FROM t"))).toBe("no error");
  });

  it("a writer waits for another's transaction; past the wait it is busy; a transaction held too long times out", async () => {
    const hrana = await server({ lockWaitMs: 300, transactionTimeoutMs: 600 });
    const holder = createWebClient({ url: hrana.url });
    const writer = createWebClient({ url: hrana.url });
    cleanups.push(() => holder.close(), () => writer.close());
    const tx = await holder.transaction("write");
    await tx.execute("INSERT INTO t (v) VALUES ('held')");
    // Waits, then gives up: SQLITE_BUSY.
    expect(await kindOf(() => writer.execute("INSERT INTO t (v) VALUES ('waiting')"))).toBe("busy");
    // A writer that comes while the lock is held gets through once it is let go.
    const waiting = writer.execute("INSERT INTO t (v) VALUES ('after')");
    await new Promise((r) => setTimeout(r, 100));
    await tx.commit();
    await waiting;
    // Held past the transaction timeout: rolled back, and the holder is told so.
    const late = await holder.transaction("write");
    await late.execute("INSERT INTO t (v) VALUES ('late')");
    await new Promise((r) => setTimeout(r, 900));
    expect(await kindOf(() => late.execute("SELECT 1"))).toBe("busy");
    late.close();
    expect((await writer.execute("SELECT v FROM t ORDER BY id")).rows.map((r) => r.v)).toEqual(["held", "after"]);
  });

  it("refuses a string of several statements, as sqld does", async () => {
    const hrana = await server();
    const client = createWebClient({ url: hrana.url });
    cleanups.push(() => client.close());
    await expect(client.execute("INSERT INTO t (v) VALUES ('a'); INSERT INTO t (v) VALUES ('b')")).rejects.toThrow(
      /more than one statement/,
    );
    expect((await client.execute("SELECT count(*) AS n FROM t")).rows[0]?.n).toBe(0);
    // One statement with a ';' in a string literal is one statement.
    await client.execute("INSERT INTO t (v) VALUES ('a;b')");
    await client.executeMultiple("INSERT INTO t (v) VALUES ('c'); INSERT INTO t (v) VALUES ('d')");
    expect((await client.execute("SELECT count(*) AS n FROM t")).rows[0]?.n).toBe(3);
  });
});

describe("the embedded file, each failure by what it means", () => {
  it("a full database (no page left) is a storage fault", async () => {
    const file = path.join(tempDir(), "full.db");
    const client = createClient({ url: `file:${file}` });
    cleanups.push(() => client.close());
    await client.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
    const { rows } = await client.execute("PRAGMA page_count");
    await client.execute(`PRAGMA max_page_count = ${Number(rows[0]![0])}`);
    expect(await kindOf(() => client.execute({ sql: "INSERT INTO t (v) VALUES (?)", args: ["x".repeat(100_000)] }))).toBe("storage");
  });

  it("a read-only file and one that cannot be opened are storage faults", async () => {
    const dir = tempDir();
    const file = path.join(dir, "ro.db");
    const db = new Database(file);
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
    db.close();
    // The process is root here: file modes do not stop it, SQLite's own read-only switch does.
    const readonly = createClient({ url: `file:${file}` });
    cleanups.push(() => readonly.close());
    await readonly.execute("PRAGMA query_only = 1");
    expect(await kindOf(() => readonly.execute("INSERT INTO t (v) VALUES ('x')"))).toBe("storage");
    const missing = async () => {
      const client = createClient({ url: `file:${path.join(dir, "no-such-dir", "x.db")}` });
      try {
        await client.execute("SELECT 1");
      } finally {
        client.close();
      }
    };
    expect(await kindOf(missing)).toBe("storage");
  });
});

describe("what is not a storage failure", () => {
  it("a constraint, a bug's error, Telegram's errors", async () => {
    const hrana = await server();
    const client = createWebClient({ url: hrana.url });
    cleanups.push(() => client.close());
    await client.execute("CREATE UNIQUE INDEX tv ON t (v)");
    await client.execute("INSERT INTO t (v) VALUES ('same')");
    expect(await kindOf(() => client.execute("INSERT INTO t (v) VALUES ('same')"))).toBe("not a storage failure");
    let parse: unknown;
    try {
      JSON.parse('{"dialog": "unterminated');
    } catch (error) {
      parse = error;
    }
    expect(storageFailure(parse)).toBeUndefined();
    expect(storageFailure(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBeUndefined();
    expect(storageFailure(new Error("file too large"))).toBeUndefined();
    const telegram = new HttpError("Network request for 'sendMessage' failed!", new TypeError("fetch failed"));
    expect(storageFailure(telegram)).toBeUndefined();
    const refused = new GrammyError("Call to 'sendMessage' failed!", { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" }, "sendMessage", {});
    expect(storageFailure(refused)).toBeUndefined();
  });

  it("workerd's transport messages, which carry no code, are unreachable (as drizzle wraps them)", () => {
    for (const message of ["Network connection lost.", "connection refused", "The operation was aborted", "fetch failed"]) {
      const wrapped = Object.assign(new Error("Failed query: insert into ..."), { cause: new TypeError(message) });
      expect(storageFailure(wrapped)?.kind, message).toBe("unreachable");
    }
  });
});
