import { eq, sql } from "drizzle-orm";
import type { StorageAdapter } from "grammy";
import type { Database } from "./client.js";
import { sessions } from "./schema.js";

/**
 * grammY session storage over libSQL. The official storage adapters cover Redis, Postgres, KV and
 * files but not libSQL; this one is three statements, so both runtimes keep dialog state in the same
 * database as everything else and a restart or another Worker isolate resumes where the user was.
 *
 * An update's envelope (middlewares/update-envelope.ts) reads the session together with the update's
 * claim and hands it over here (`begin`), and takes the session's new value back (`end`) to store it together
 * with the update's completion: one round trip each way. Outside an envelope, reads and writes go to
 * the database directly.
 *
 * grammY writes a session back after every update that read it. Most updates change nothing, so the
 * JSON read is remembered until the write and an unchanged (or still empty) session is not written.
 */
export interface SessionStore<T> {
  adapter: StorageAdapter<T>;
  /** An update begins with `json` already read for `key` (undefined: none stored); writes are held. */
  begin(key: string, json: string | undefined): void;
  /** The update ends: the changed JSON held for `key`, if any, to be stored by the caller. */
  end(key: string): string | undefined;
}

const EMPTY = "{}";

export function libsqlSessionStorage<T>(db: Database): SessionStore<T> {
  /** What each key's session was when read: a write of the same JSON is skipped. */
  const readAs = new Map<string, string>();
  const primed = new Map<string, string | undefined>();
  const held = new Map<string, string | undefined>();
  const select = db
    .select({ value: sessions.value })
    .from(sessions)
    .where(eq(sessions.key, sql.placeholder("key")))
    .prepare();
  const upsert = (key: string, json: string) =>
    db
      .insert(sessions)
      .values({ key, value: json })
      .onConflictDoUpdate({
        target: sessions.key,
        set: { value: json, updatedAt: sql`(unixepoch('subsec') * 1000)` },
      });

  const adapter: StorageAdapter<T> = {
    async read(key) {
      let json: string | undefined;
      if (primed.has(key)) {
        json = primed.get(key);
        primed.delete(key);
      } else json = (await select.get({ key }))?.value;
      if (readAs.size > 10_000) readAs.clear();
      readAs.set(key, json ?? EMPTY);
      return json === undefined ? undefined : (JSON.parse(json) as T);
    },
    async write(key, value) {
      const json = JSON.stringify(value);
      const before = readAs.get(key);
      readAs.delete(key);
      if (json === before) return;
      if (held.has(key)) held.set(key, json);
      else await upsert(key, json);
    },
    async delete(key) {
      readAs.delete(key);
      held.delete(key);
      await db.delete(sessions).where(eq(sessions.key, key));
    },
  };
  return {
    adapter,
    begin(key, json) {
      primed.set(key, json);
      // Two updates of one chat at once share the hold: whichever ends first stores the latest write.
      if (!held.has(key)) held.set(key, undefined);
    },
    end(key) {
      primed.delete(key);
      const json = held.get(key);
      held.delete(key);
      return json;
    },
  };
}
