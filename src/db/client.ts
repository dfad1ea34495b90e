import type { Client } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import * as schema from "./schema.js";

/** drizzle over libSQL; `$client` is the libSQL client itself, for the few statements written in SQL. */
export type Database = LibSQLDatabase<typeof schema> & { $client: Client };

/**
 * Wraps a libSQL client (an embedded file in Node, HTTP in the Worker) in drizzle. Both runtimes
 * pass their own client; nothing below this line knows which it is.
 */
export function createDatabase(client: Client): Database {
  return drizzle(client, { schema });
}

/** A cheap round trip, for /healthz. */
export async function databaseStatus(client: Client): Promise<"ok" | "unavailable"> {
  try {
    await client.execute("select 1");
    return "ok";
  } catch {
    return "unavailable";
  }
}
