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
 * grammY writes a session back after every update that read it. Most updates change nothing: `end`
 * hands back only a session that differs from the one the update began with.
 */
export interface SessionStore<T> {
  adapter: StorageAdapter<T>;
  /** An update begins with `json` already read for `key` (undefined: none stored); its write is held. */
  begin(key: string, json: string | undefined): void;
  /**
   * The update that began with `json` ends (once, whether it succeeded or not): the JSON it wrote for
   * `key`, if that differs from what it began with, for the caller to store.
   */
  end(key: string, json: string | undefined): string | undefined;
}

const EMPTY = "{}";

export function libsqlSessionStorage<T>(db: Database): SessionStore<T> {
  const primed = new Map<string, string | undefined>();
  /** How many updates of each key are between begin and end. */
  const open = new Map<string, number>();
  const held = new Map<string, string>();
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

  // grammY reads the session as the update begins and writes it as the update ends, with no I/O in
  // between on either side: the primed JSON is read by the update that just began, and a held write
  // is taken by the update that ends next. Two updates of one chat at once thus each compare their
  // write with what they themselves read: one that changed nothing does not write back its stale copy
  // over the other's change.
  const adapter: StorageAdapter<T> = {
    async read(key) {
      let json: string | undefined;
      if (primed.has(key)) {
        json = primed.get(key);
        primed.delete(key);
      } else json = (await select.get({ key }))?.value;
      return json === undefined ? undefined : (JSON.parse(json) as T);
    },
    async write(key, value) {
      const json = JSON.stringify(value);
      if (open.has(key)) held.set(key, json);
      else await upsert(key, json);
    },
    async delete(key) {
      held.delete(key);
      await db.delete(sessions).where(eq(sessions.key, key));
    },
  };
  return {
    adapter,
    begin(key, json) {
      primed.set(key, json);
      open.set(key, (open.get(key) ?? 0) + 1);
    },
    end(key, json) {
      primed.delete(key);
      const count = (open.get(key) ?? 1) - 1;
      if (count > 0) open.set(key, count);
      else open.delete(key);
      const written = held.get(key);
      held.delete(key);
      return written === (json ?? EMPTY) ? undefined : written;
    },
  };
}
