/**
 * A few fixed SQL statements run on every update (db/update-envelope.ts), behind one small interface
 * with two implementations: over the libSQL client (HTTP to Turso in the Worker, or any URL), and in
 * Node over an embedded file with each statement prepared once (db/embedded-statements.ts).
 */
import type { Client } from "@libsql/client";

export type SqlValue = string | number | null;
export interface SqlStatement {
  sql: string;
  args: SqlValue[];
}
export type SqlRow = Record<string, unknown>;

export interface StatementRunner {
  /** Runs the statements in one write transaction (all or nothing); the rows each returned. */
  batch(statements: SqlStatement[]): Promise<SqlRow[][]>;
  /** One statement on its own. */
  execute(statement: SqlStatement): Promise<SqlRow[]>;
}

export function clientStatements(client: Client): StatementRunner {
  return {
    async batch(statements) {
      const results = await client.batch(statements, "write");
      return results.map((r) => r.rows as unknown as SqlRow[]);
    },
    async execute(statement) {
      return (await client.execute(statement)).rows as unknown as SqlRow[];
    },
  };
}
