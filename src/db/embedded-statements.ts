/**
 * Node only: the update envelope's statements on an embedded libSQL file, each prepared once. The
 * libSQL client prepares every statement anew (tens of microseconds each, more than running them), and
 * these run on every update. A connection of their own to the same file, with the same pragmas as the
 * client's; statements run synchronously, so the two connections never hold a transaction at once.
 */
import Database from "libsql";
import type { SqlResult, SqlRow, SqlStatement, StatementRunner } from "./statements.js";

type Prepared = { statement: ReturnType<InstanceType<typeof Database>["prepare"]>; reader: boolean };

/** Opened at the first statement: a process that never handles an update (a script, a sweep) never opens it. */
export function embeddedStatements(path: string): StatementRunner & { close(): void } {
  let db: InstanceType<typeof Database> | undefined;
  const cache = new Map<string, Prepared>();
  const prepared = (sql: string): Prepared => {
    let entry = cache.get(sql);
    if (!entry) {
      if (!db) {
        db = new Database(path, { timeout: 5000 });
        db.exec("PRAGMA journal_mode = WAL");
        db.exec("PRAGMA synchronous = NORMAL");
      }
      const statement = db.prepare(sql);
      entry = { statement, reader: statement.reader };
      cache.set(sql, entry);
    }
    return entry;
  };
  // get(), not all(): these reads return at most one row, and all() builds an iterator per call.
  const run = ({ sql, args }: SqlStatement): SqlResult => {
    const { statement, reader } = prepared(sql);
    if (reader) return { row: (statement.get(args) as SqlRow | undefined) ?? undefined, changes: 0 };
    return { row: undefined, changes: statement.run(args).changes };
  };
  return {
    async batch(statements) {
      prepared("BEGIN IMMEDIATE").statement.run([]);
      try {
        const rows = statements.map(run);
        prepared("COMMIT").statement.run([]);
        return rows;
      } catch (error) {
        if (db?.inTransaction) prepared("ROLLBACK").statement.run([]);
        throw error;
      }
    },
    async execute(statement) {
      return run(statement);
    },
    close() {
      cache.clear();
      db?.close();
      db = undefined;
    },
  };
}
