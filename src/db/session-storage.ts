import type { StorageAdapter } from "grammy";
import { eq, sql } from "drizzle-orm";
import type { Database } from "./client.js";
import { sessions } from "./schema.js";

/**
 * grammY session storage over libSQL. The official storage adapters cover Redis, Postgres, KV and
 * files but not libSQL; this one is three statements, so both runtimes keep dialog state in the same
 * database as everything else and a restart or another Worker isolate resumes where the user was.
 *
 * grammY writes a session back after every update that read it. Most updates change nothing, so the
 * JSON read is remembered until the write and an unchanged (or still empty) session is not written:
 * one database write fewer per update, and no stale copy can overwrite a newer one.
 */
export function libsqlSessionStorage<T>(db: Database): StorageAdapter<T> {
  const readAs = new Map<string, string>();
  const select = db
    .select({ value: sessions.value })
    .from(sessions)
    .where(eq(sessions.key, sql.placeholder("key")))
    .prepare();
  return {
    async read(key) {
      const row = await select.get({ key });
      if (readAs.size > 10_000) readAs.clear();
      readAs.set(key, row?.value ?? "{}");
      return row ? (JSON.parse(row.value) as T) : undefined;
    },
    async write(key, value) {
      const json = JSON.stringify(value);
      const before = readAs.get(key);
      readAs.delete(key);
      if (json === before) return;
      await db
        .insert(sessions)
        .values({ key, value: json })
        .onConflictDoUpdate({ target: sessions.key, set: { value: json, updatedAt: sql`(unixepoch('subsec') * 1000)` } });
    },
    async delete(key) {
      readAs.delete(key);
      await db.delete(sessions).where(eq(sessions.key, key));
    },
  };
}
