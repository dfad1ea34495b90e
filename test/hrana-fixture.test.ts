import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createClient as createNodeClient } from "@libsql/client";
import { type Client, type Config, createClient, LibsqlError } from "@libsql/client/web";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql/web";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import { type HranaServer, startHranaServer } from "./fixtures/hrana-server.js";

const TOKEN = "test-token";

/** Temp dir + fixture server + web client per test; everything is closed and removed afterwards. */
async function withServer(
  fn: (ctx: { server: HranaServer; client: Client; dbPath: string }) => Promise<void>,
  opts: { clientConfig?: Partial<Config>; idleTimeoutMs?: number } = {},
): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hrana-fixture-"));
  const dbPath = path.join(dir, "test.db");
  const server = await startHranaServer({ dbPath, authToken: TOKEN, idleTimeoutMs: opts.idleTimeoutMs });
  const client = createClient({ url: server.url, authToken: TOKEN, ...opts.clientConfig });
  try {
    await fn({ server, client, dbPath });
  } finally {
    client.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const CREATE = "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, s TEXT UNIQUE, f REAL, b BLOB)";

describe("Hrana-over-HTTP test fixture", () => {
  it("round-trips integers, bigints, text, null, blobs and floats with positional and named args", async () => {
    await withServer(
      async ({ client, server }) => {
        await client.execute(CREATE);
        const big = 2n ** 53n + 1n;
        const r1 = await client.execute({
          sql: "INSERT INTO t (n, s, f, b) VALUES (?, ?, ?, ?)",
          args: [big, "团建助手 🎉 テスト", 3.25, new Uint8Array([0, 1, 254, 255])],
        });
        expect(r1.rowsAffected).toBe(1);
        expect(r1.lastInsertRowid).toBe(1n);
        await client.execute({
          sql: "INSERT INTO t (n, s, f, b) VALUES (:n, $s, @f, :b)",
          args: { n: -42n, s: "second", f: null, b: null },
        });

        const rs = await client.execute("SELECT id, n, s, f, b, typeof(f) AS tf FROM t ORDER BY id");
        expect(rs.columns).toEqual(["id", "n", "s", "f", "b", "tf"]);
        expect(rs.columnTypes).toEqual(["INTEGER", "INTEGER", "TEXT", "REAL", "BLOB", ""]);
        const [a, b] = rs.rows;
        expect(a?.n).toBe(big);
        expect(typeof a?.n).toBe("bigint");
        expect(a?.s).toBe("团建助手 🎉 テスト");
        expect(a?.f).toBe(3.25);
        expect(new Uint8Array(a?.b as ArrayBuffer)).toEqual(new Uint8Array([0, 1, 254, 255]));
        expect(b?.n).toBe(-42n);
        expect(b?.s).toBe("second");
        expect(b?.f).toBeNull();
        expect(b?.b).toBeNull();
        expect(b?.tf).toBe("null");

        const upd = await client.execute({ sql: "UPDATE t SET f = ? WHERE id > ?", args: [0.5, 0] });
        expect(upd.rowsAffected).toBe(2);
        expect(server.requests).toBeGreaterThanOrEqual(5);
      },
      { clientConfig: { intMode: "bigint" } },
    );
  });

  it("rejects unsafe integers in the default intMode, like the real client against sqld", async () => {
    await withServer(async ({ client }) => {
      await expect(client.execute("SELECT 9007199254740993 AS x")).rejects.toThrow(RangeError);
      const rs = await client.execute("SELECT 7 AS x, 7.0 AS y");
      expect(rs.rows[0]?.x).toBe(7);
      expect(rs.rows[0]?.y).toBe(7);
    });
  });

  it("rolls back a write batch that fails midway", async () => {
    await withServer(async ({ client }) => {
      await client.execute(CREATE);
      await client.execute({ sql: "INSERT INTO t (s) VALUES (?)", args: ["taken"] });
      const failing = client.batch(
        [
          { sql: "INSERT INTO t (s) VALUES (?)", args: ["one"] },
          { sql: "INSERT INTO t (s) VALUES (?)", args: ["taken"] },
          { sql: "INSERT INTO t (s) VALUES (?)", args: ["three"] },
        ],
        "write",
      );
      await expect(failing).rejects.toThrow(/UNIQUE/);
      const rs = await client.execute("SELECT s FROM t ORDER BY id");
      expect(rs.rows.map((r) => r.s)).toEqual(["taken"]);

      const ok = await client.batch(
        ["INSERT INTO t (s) VALUES ('a')", "INSERT INTO t (s) VALUES ('b')", "SELECT count(*) AS c FROM t"],
        "write",
      );
      expect(ok[2]?.rows[0]?.c).toBe(3);
    });
  });

  it("supports interactive transactions: commit and rollback", async () => {
    await withServer(async ({ client }) => {
      await client.execute(CREATE);

      const tx = await client.transaction("write");
      await tx.execute({ sql: "INSERT INTO t (s) VALUES (?)", args: ["committed"] });
      const inside = await tx.execute("SELECT count(*) AS c FROM t");
      expect(inside.rows[0]?.c).toBe(1);
      await tx.commit();
      expect(tx.closed).toBe(true);

      const tx2 = await client.transaction("write");
      await tx2.batch([
        { sql: "INSERT INTO t (s) VALUES (?)", args: ["discarded"] },
        { sql: "UPDATE t SET n = 1", args: [] },
      ]);
      await tx2.rollback();

      const rs = await client.execute("SELECT s, n FROM t");
      expect(rs.rows.map((r) => [r.s, r.n])).toEqual([["committed", null]]);
    });
  });

  it("closes idle streams, rolling back their transaction", async () => {
    await withServer(
      async ({ client }) => {
        await client.execute(CREATE);
        const tx = await client.transaction("write");
        await tx.execute("INSERT INTO t (s) VALUES ('lost')");
        await new Promise((r) => setTimeout(r, 300));
        await expect(tx.commit()).rejects.toThrow(/expired/);
        const rs = await client.execute("SELECT count(*) AS c FROM t");
        expect(rs.rows[0]?.c).toBe(0);
      },
      { idleTimeoutMs: 100 },
    );
  });

  it("surfaces a UNIQUE violation as a LibsqlError with the SQLite message", async () => {
    await withServer(async ({ client }) => {
      await client.execute(CREATE);
      await client.execute("INSERT INTO t (s) VALUES ('dup')");
      const err = await client.execute("INSERT INTO t (s) VALUES ('dup')").catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LibsqlError);
      expect((err as LibsqlError).code).toBe("SQLITE_CONSTRAINT");
      expect((err as LibsqlError).message).toMatch(/UNIQUE constraint failed: t\.s/);
      await expect(client.execute("SELEC 1")).rejects.toThrow(/syntax error/);
    });
  });

  it("refuses positional arguments that do not match the statement's parameters, as sqld does", async () => {
    await withServer(async ({ client }) => {
      await expect(client.execute({ sql: "SELECT ?1, ?3", args: [1, 2] })).rejects.toThrow(/ARGS_INVALID|Expected 3/);
      await expect(client.execute({ sql: "SELECT ?", args: [1, 2] })).rejects.toThrow(/ARGS_INVALID|Expected 1/);
      const ok = await client.execute({ sql: "SELECT ?1 AS a, '?' AS q, ?3 AS c -- ?9", args: [1, null, 3] });
      expect(ok.rows[0]).toMatchObject({ a: 1, q: "?", c: 3 });
    });
  });

  it("runs executeMultiple and migrate", async () => {
    await withServer(async ({ client }) => {
      await client.executeMultiple(
        `${CREATE}; INSERT INTO t (s) VALUES ('x'); INSERT INTO t (s) VALUES ('y');`,
      );
      await client.migrate(["CREATE TABLE u (id INTEGER PRIMARY KEY)", "INSERT INTO u VALUES (1)"]);
      const rs = await client.execute("SELECT (SELECT count(*) FROM t) AS t, (SELECT count(*) FROM u) AS u");
      expect(rs.rows[0]).toMatchObject({ t: 2, u: 1 });
    });
  });

  it("rejects a wrong or missing auth token", async () => {
    await withServer(async ({ server }) => {
      for (const authToken of ["wrong", undefined]) {
        const bad = createClient({ url: server.url, authToken });
        try {
          await expect(bad.execute("SELECT 1")).rejects.toThrow(/401/);
        } finally {
          bad.close();
        }
      }
    });
  });

  it("works with the Node entry of @libsql/client over http://", async () => {
    await withServer(async ({ server }) => {
      const node = createNodeClient({ url: server.url, authToken: TOKEN });
      try {
        expect(node.protocol).toBe("http");
        const rs = await node.execute({ sql: "SELECT ? + 1 AS x", args: [41] });
        expect(rs.rows[0]?.x).toBe(42);
      } finally {
        node.close();
      }
    });
  });

  it("runs drizzle-orm/libsql/web queries through the fixture", async () => {
    await withServer(async ({ client }) => {
      await client.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
      const users = sqliteTable("users", { id: integer("id").primaryKey(), name: text("name").notNull() });
      const db = drizzle({ client });
      await db.insert(users).values([{ name: "小明" }, { name: "Ana" }]);
      const found = await db.select().from(users).where(eq(users.name, "小明"));
      expect(found).toEqual([{ id: 1, name: "小明" }]);
    });
  });
});
