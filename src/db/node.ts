import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Client, createClient } from "@libsql/client";
import { migrate } from "drizzle-orm/libsql/migrator";
import { createDatabase, type Database } from "./client.js";

const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), "../../drizzle");

/**
 * Opens the database for the Node process: an embedded libSQL file (its folder created) or a
 * remote libSQL/Turso URL, then applies the committed migrations.
 */
export async function openNodeDatabase(url: string, authToken?: string): Promise<{ client: Client; db: Database }> {
  if (url.startsWith("file:")) {
    const path = url.slice("file:".length);
    if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
  }
  const client = createClient({ url, authToken });
  if (url.startsWith("file:")) {
    // WAL lets the page's polling read while an update writes; the timeout absorbs short lock waits.
    // In WAL mode, synchronous=NORMAL cannot corrupt the file; a power cut may lose the last commits,
    // which Telegram then re-delivers (we had not answered them). FULL would fsync on every commit.
    await client.execute("PRAGMA journal_mode = WAL");
    await client.execute("PRAGMA synchronous = NORMAL");
    await client.execute("PRAGMA busy_timeout = 5000");
  }
  const db = createDatabase(client);
  await migrate(db, { migrationsFolder });
  return { client, db };
}
