import type { StorageAdapter } from "grammy";
import { eq, sql } from "drizzle-orm";
import type { Database } from "./client.js";
import { sessions } from "./schema.js";

/**
 * grammY session storage over libSQL. The official storage adapters cover Redis, Postgres, KV and
 * files but not libSQL; this one is three statements, so both runtimes keep dialog state in the same
 * database as everything else and a restart or another Worker isolate resumes where the user was.
 */
export function libsqlSessionStorage<T>(db: Database): StorageAdapter<T> {
  return {
    async read(key) {
      const row = await db.select({ value: sessions.value }).from(sessions).where(eq(sessions.key, key)).get();
      return row ? (JSON.parse(row.value) as T) : undefined;
    },
    async write(key, value) {
      const json = JSON.stringify(value);
      await db
        .insert(sessions)
        .values({ key, value: json })
        .onConflictDoUpdate({ target: sessions.key, set: { value: json, updatedAt: sql`(unixepoch('subsec') * 1000)` } });
    },
    async delete(key) {
      await db.delete(sessions).where(eq(sessions.key, key));
    },
  };
}
