import type { Client } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import { needsOperator, type StorageFailure, type StorageFailureKind, storageFailure } from "./storage-failures.js";
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

/**
 * Whether the database takes writes, as the updates found it: a storage fault (a full disk, a read-only
 * file) or a misconfiguration (a refused token, a quota block) is remembered from the failing update
 * until a write succeeds again. A read cannot tell: on a full disk `select 1` still works. Kept per
 * process (per isolate on the Worker); Telegram's redelivery of the failed update is the write that
 * clears it once the cause is gone.
 */
export function storageHealth() {
  let fault: StorageFailure | undefined;
  return {
    failed(failure: StorageFailure) {
      if (needsOperator(failure)) fault = failure;
    },
    wrote() {
      fault = undefined;
    },
    get fault() {
      return fault;
    },
  };
}
export type StorageHealth = ReturnType<typeof storageHealth>;

export type DatabaseStatus = "ok" | "unavailable" | Exclude<StorageFailureKind, "unreachable" | "busy">;

/** A cheap round trip, for /healthz, and the fault the updates last met if writes still fail. */
export async function databaseStatus(client: Client, health?: StorageHealth): Promise<DatabaseStatus> {
  try {
    await client.execute("select 1");
  } catch (error) {
    const failure = storageFailure(error);
    return failure && needsOperator(failure) ? (failure.kind as DatabaseStatus) : "unavailable";
  }
  return (health?.fault?.kind as DatabaseStatus | undefined) ?? "ok";
}
