import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Client, createClient } from "@libsql/client";
import { migrate } from "drizzle-orm/libsql/migrator";
import { createDatabase, type Database } from "./client.js";
import { embeddedStatements } from "./embedded-statements.js";
import { clientStatements, type StatementRunner } from "./statements.js";

const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), "../../drizzle");

/**
 * Opens the database for the Node process: an embedded libSQL file (its folder created) or a
 * remote libSQL/Turso URL, then applies the committed migrations.
 */
export async function openNodeDatabase(
  url: string,
  authToken?: string,
): Promise<{ client: Client; db: Database; statements: StatementRunner; close(): void }> {
  const path = filePath(url);
  if (path) mkdirSync(dirname(resolve(path)), { recursive: true });
  const embedded = url.startsWith("file:");
  // An embedded file gets one connection. The client opens a new connection whenever a statement
  // starts while another is borrowed (e.g. updates arriving together), and a new connection has none of
  // the pragmas below: every commit on it fsynced (synchronous=FULL), with no busy timeout. Statements on
  // a file run synchronously, so one connection loses no concurrency; they queue for it instead. (An
  // interactive transaction would hold it across awaits, so this code uses batches only.)
  const client = createClient({ url, authToken, ...(embedded ? { concurrency: 1, timeout: 5000 } : {}) });
  if (embedded) {
    // WAL lets the page's polling read while an update writes; the timeout absorbs short lock waits
    // (another process on the same file). In WAL mode, synchronous=NORMAL cannot corrupt the file; a
    // power cut may lose the last commits. FULL would fsync on every commit.
    await client.execute("PRAGMA journal_mode = WAL");
    await client.execute("PRAGMA synchronous = NORMAL");
    await client.execute("PRAGMA busy_timeout = 5000");
  }
  const db = createDatabase(client);
  await migrate(db, { migrationsFolder });
  // The per-update statements, prepared once, on a file (an in-memory database is one connection's own).
  const embeddedRunner = path ? embeddedStatements(path) : undefined;
  return {
    client,
    db,
    statements: embeddedRunner ?? clientStatements(client),
    close() {
      embeddedRunner?.close();
      client.close();
    },
  };
}

/** The file of a `file:` URL ("file:./data/bot.db", "file:/abs/x.db", "file:///abs/x.db"); undefined for memory or remote. */
function filePath(url: string): string | undefined {
  if (!url.startsWith("file:")) return undefined;
  const path = url
    .slice("file:".length)
    .replace(/^\/\/(?=\/)/, "")
    .split("?")[0]!;
  return path === "" || path.includes(":memory:") ? undefined : path;
}
