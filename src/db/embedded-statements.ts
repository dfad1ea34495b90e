/**
 * Node only: the update envelope's statements on an embedded libSQL file, each prepared once. The
 * libSQL client prepares every statement anew (tens of microseconds each, more than running them), and
 * these run on every update. A connection of their own to the same file, with the same pragmas as the
 * client's; statements run synchronously, so the two connections never hold a transaction at once.
 *
 * Group commit: the batches asked for while the event loop is busy (updates arriving together, or
 * their answers coming back together) are written in one transaction at the end of that loop turn;
 * each batch stays all-or-nothing on its own. A commit costs far
 * more than the statements in it (the WAL append of every page changed, each page once however many
 * batches changed it), and under load several updates share it. Every promise resolves only after
 * the commit, so nothing is acknowledged before it is stored. (A writer thread was measured too: on
 * this workload a message to it and back costs more than the commit it would take off the loop.)
 */
import Database from "libsql";
import type { SqlResult, SqlRow, SqlStatement, StatementRunner } from "./statements.js";

type Prepared = { statement: ReturnType<InstanceType<typeof Database>["prepare"]>; reader: boolean };

interface Job {
  statements: SqlStatement[];
  resolve(results: SqlResult[]): void;
  reject(error: unknown): void;
}

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
  const control = (sql: string) => prepared(sql).statement.run([]);
  // get(), not all(): these reads return at most one row, and all() builds an iterator per call.
  const run = ({ sql, args }: SqlStatement): SqlResult => {
    const { statement, reader } = prepared(sql);
    if (reader) return { row: (statement.get(args) as SqlRow | undefined) ?? undefined, changes: 0 };
    return { row: undefined, changes: statement.run(args).changes };
  };

  let queue: Job[] = [];
  let closed = false;
  const rollback = () => {
    try {
      if (db?.inTransaction) control("ROLLBACK");
    } catch {
      // Nothing more to undo: SQLite has already ended the transaction.
    }
  };
  /** One transaction for all of `jobs`; false (and nothing stored) if one of their statements failed. */
  const commitTogether = (jobs: Job[]): boolean => {
    // The transaction itself failing (the file locked past the timeout, a full disk) fails every job.
    try {
      control("BEGIN IMMEDIATE");
    } catch (error) {
      for (const job of jobs) job.reject(error);
      return true;
    }
    let results: SqlResult[][];
    try {
      results = jobs.map((job) => job.statements.map(run));
    } catch (error) {
      // A statement's own error (a constraint) leaves the transaction open: one batch is to blame. An
      // error SQLite ends the transaction for (a full disk, an I/O error) is the whole database's.
      const oneBatch = db?.inTransaction === true;
      rollback();
      if (jobs.length > 1 && oneBatch) return false;
      for (const job of jobs) job.reject(error);
      return true;
    }
    try {
      control("COMMIT");
    } catch (error) {
      rollback();
      for (const job of jobs) job.reject(error);
      return true;
    }
    jobs.forEach((job, i) => {
      job.resolve(results[i]!);
    });
    return true;
  };
  // A batch whose statement fails must take back only its own writes: the group is then written again
  // batch by batch. (Savepoints per batch would cost two statements each on every group, for a failure
  // these statements do not have in normal operation.)
  const commitQueued = () => {
    const jobs = queue;
    queue = [];
    try {
      if (jobs.length > 0 && !commitTogether(jobs)) for (const job of jobs) commitTogether([job]);
    } catch (error) {
      // Never an uncaught exception on the event loop: whatever is not settled yet fails (settled ones ignore this).
      for (const job of jobs) job.reject(error);
    }
  };
  const enqueue = (statements: SqlStatement[]) =>
    new Promise<SqlResult[]>((resolve, reject) => {
      if (closed) return reject(new Error("the database is closed"));
      if (queue.push({ statements, resolve, reject }) === 1) setImmediate(commitQueued);
    });

  return {
    batch: enqueue,
    async execute(statement) {
      return (await enqueue([statement]))[0]!;
    },
    close() {
      // Batches still waiting for their loop turn are written first, not lost with the connection.
      if (queue.length) commitQueued();
      closed = true;
      cache.clear();
      db?.close();
      db = undefined;
    },
  };
}
