/**
 * The thread behind db/embedded-statements.ts: it owns one connection to the embedded file and runs
 * each group of batches it is sent in one transaction, each batch in its own savepoint. It answers
 * only after the commit, so nothing is acknowledged before it is stored.
 *
 * Runs in a worker thread (Node strips the types; no other module of ours is imported at run time).
 */
import { parentPort, workerData } from "node:worker_threads";
import Database from "libsql";
import type { SqlResult, SqlRow, SqlStatement } from "./statements.js";

/** One group: the batches, and the SQL texts this group is the first to use (later groups send only their index). */
export interface WriterRequest {
  id: number;
  newSql: string[];
  batches: { sql: number; args: SqlStatement["args"] }[][];
}
export interface SerializedError {
  name: string;
  message: string;
  code?: string | number;
}
export interface WriterReply {
  id: number;
  /** Per batch: its results, or why it failed (its savepoint rolled back, the others kept). */
  outcomes?: ({ results: SqlResult[] } | { error: SerializedError })[];
  /** The transaction itself failed: no batch of the group was stored. */
  error?: SerializedError;
}

type Prepared = { statement: ReturnType<InstanceType<typeof Database>["prepare"]>; reader: boolean };

export function serializeError(error: unknown): SerializedError {
  const { name, message, code } = (error ?? {}) as { name?: unknown; message?: unknown; code?: unknown };
  return {
    name: typeof name === "string" ? name : "Error",
    message: typeof message === "string" ? message : String(error),
    ...(typeof code === "string" || typeof code === "number" ? { code } : {}),
  };
}

/** The group commit itself, on a connection of its own (also used in-thread where workers are unavailable). */
export function groupWriter(path: string) {
  const db = new Database(path, { timeout: 5000 });
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA synchronous = NORMAL");
  const texts: string[] = [];
  const statements: Prepared[] = [];
  const controls = new Map<string, Prepared["statement"]>();
  const control = (sql: string) => {
    let statement = controls.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      controls.set(sql, statement);
    }
    statement.run([]);
  };
  const prepared = (index: number): Prepared => {
    let entry = statements[index];
    if (!entry) {
      const statement = db.prepare(texts[index]!);
      entry = statements[index] = { statement, reader: statement.reader };
    }
    return entry;
  };
  // get(), not all(): these reads return at most one row, and all() builds an iterator per call.
  const run = ({ sql, args }: { sql: number; args: SqlStatement["args"] }): SqlResult => {
    const { statement, reader } = prepared(sql);
    if (reader) return { row: (statement.get(args) as SqlRow | undefined) ?? undefined, changes: 0 };
    return { row: undefined, changes: statement.run(args).changes };
  };

  return {
    commit(request: WriterRequest): WriterReply {
      texts.push(...request.newSql);
      const { batches } = request;
      const outcomes: NonNullable<WriterReply["outcomes"]> = [];
      try {
        control("BEGIN IMMEDIATE");
        for (const batch of batches) {
          if (batches.length === 1) {
            outcomes.push({ results: batch.map(run) });
            continue;
          }
          control("SAVEPOINT batch");
          try {
            outcomes.push({ results: batch.map(run) });
          } catch (error) {
            control("ROLLBACK TO batch");
            outcomes.push({ error: serializeError(error) });
          }
          control("RELEASE batch");
        }
        control("COMMIT");
      } catch (error) {
        // The transaction itself failed (the file locked past the timeout, a full disk): nothing of it stands.
        if (db.inTransaction) control("ROLLBACK");
        return { id: request.id, error: serializeError(error) };
      }
      return { id: request.id, outcomes };
    },
    close() {
      db.close();
    },
  };
}

if (parentPort && workerData?.embeddedWriter) {
  const port = parentPort;
  const writer = groupWriter(workerData.embeddedWriter as string);
  port.on("message", (message: WriterRequest | "close") => {
    if (message === "close") {
      writer.close();
      port.close();
      return;
    }
    port.postMessage(writer.commit(message));
  });
}
