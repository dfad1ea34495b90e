/**
 * A few fixed SQL statements run on every update (db/update-envelope.ts), behind one small interface
 * with two implementations: over the libSQL client (HTTP to Turso in the Worker, or any URL), and in
 * Node over an embedded file with each statement prepared once (db/embedded-statements.ts).
 */
import type { Client, ResultSet } from "@libsql/client";

export type SqlValue = string | number | null;
export interface SqlStatement {
  sql: string;
  args: SqlValue[];
}
export type SqlRow = Record<string, unknown>;
/** A read's first row (these statements read at most one), or how many rows a write changed. */
export interface SqlResult {
  row: SqlRow | undefined;
  changes: number;
}

export interface StatementRunner {
  /** Runs the statements in one write transaction (all or nothing). */
  batch(statements: SqlStatement[]): Promise<SqlResult[]>;
  /** One statement on its own. */
  execute(statement: SqlStatement): Promise<SqlResult>;
}

export function clientStatements(client: Client): StatementRunner {
  return {
    async batch(statements) {
      const results = await client.batch(statements, "write");
      return results.map(toResult);
    },
    async execute(statement) {
      return toResult(await client.execute(statement));
    },
  };
}

function toResult(result: ResultSet): SqlResult {
  return { row: result.rows[0] as SqlRow | undefined, changes: result.rowsAffected };
}
