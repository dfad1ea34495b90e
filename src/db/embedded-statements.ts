/**
 * Node only: the update envelope's statements on an embedded libSQL file, each prepared once. The
 * libSQL client prepares every statement anew (tens of microseconds each, more than running them), and
 * these run on every update. A connection of their own to the same file, with the same pragmas as the
 * client's; statements run synchronously, so the two connections never hold a transaction at once.
 */
import Database from "libsql";
import type { SqlRow, SqlStatement, StatementRunner } from "./statements.js";

type Prepared = ReturnType<InstanceType<typeof Database>["prepare"]>;

/** Opened at the first statement: a process that never handles an update (a script, a sweep) never opens it. */
export function embeddedStatements(path: string): StatementRunner & { close(): void } {
  let db: InstanceType<typeof Database> | undefined;
  const cache = new Map<string, Prepared>();
  const prepared = (sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      if (!db) {
        db = new Database(path, { timeout: 5000 });
        db.exec("PRAGMA journal_mode = WAL");
        db.exec("PRAGMA synchronous = NORMAL");
      }
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
  const run = ({ sql, args }: SqlStatement): SqlRow[] => {
    const statement = prepared(sql);
    if (statement.reader) return statement.all(args) as SqlRow[];
    statement.run(args);
    return [];
  };
  return {
    async batch(statements) {
      prepared("BEGIN IMMEDIATE").run([]);
      try {
        const rows = statements.map(run);
        prepared("COMMIT").run([]);
        return rows;
      } catch (error) {
        if (db?.inTransaction) prepared("ROLLBACK").run([]);
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
