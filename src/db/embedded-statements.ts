/**
 * Node only: the update envelope's statements on an embedded libSQL file, run by a writer thread
 * (db/embedded-writer.ts) with each statement prepared once. The libSQL client prepares every
 * statement anew (tens of microseconds each, more than running them), and these run on every update.
 *
 * Why a thread: SQLite is synchronous. On the event loop, every commit (and every checkpoint's fsync)
 * would stop all other updates for its duration; on its own thread the loop goes on parsing requests
 * and answering while the file is written.
 *
 * Group commit: the batches asked for while a group is being written (or within one loop turn) are
 * written together in one transaction, each inside its own savepoint, so each stays all-or-nothing
 * on its own. A commit costs far more than the statements in it (the WAL append of every page
 * changed, each page once however many batches changed it), and under load many updates share one.
 * Every promise resolves only after the commit, so nothing is acknowledged before it is stored.
 *
 * The writer's connection is the file's second one (the libSQL client has the other), with the same
 * pragmas; SQLite's locks and the busy timeout order their transactions.
 */
import { Worker } from "node:worker_threads";
import type { WriterReply, WriterRequest, SerializedError } from "./embedded-writer.js";
import type { SqlResult, SqlStatement, StatementRunner } from "./statements.js";

interface Job {
  statements: SqlStatement[];
  resolve(results: SqlResult[]): void;
  reject(error: unknown): void;
}

/** A failure reported by the writer thread, with the SQLite code that tells a busy file from a bad statement. */
export class EmbeddedWriteError extends Error {
  readonly code: string | number | undefined;
  constructor(error: SerializedError) {
    super(error.message);
    this.name = error.name;
    this.code = error.code;
  }
}

/** Started at the first statement: a process that never handles an update (a script, a sweep) starts no thread. */
export function embeddedStatements(path: string): StatementRunner & { close(): void } {
  let worker: Worker | undefined;
  let queue: Job[] = [];
  let scheduled = false;
  let nextId = 0;
  const inFlight = new Map<number, Job[]>();
  const sqlIndex = new Map<string, number>();

  let closed = false;
  const start = (): Worker => {
    sqlIndex.clear();
    const failAll = (error: unknown) => {
      if (worker !== thread) return;
      for (const jobs of inFlight.values()) for (const job of jobs) job.reject(error);
      inFlight.clear();
      worker = undefined;
    };
    const thread = new Worker(new URL("./embedded-writer.ts", import.meta.url), {
      workerData: { embeddedWriter: path },
    });
    thread.on("message", (reply: WriterReply) => {
      const jobs = inFlight.get(reply.id)!;
      inFlight.delete(reply.id);
      jobs.forEach((job, i) => {
        const outcome = reply.outcomes?.[i];
        if (outcome && "results" in outcome) job.resolve(outcome.results);
        else job.reject(new EmbeddedWriteError(reply.error ?? (outcome as { error: SerializedError }).error));
      });
      // An idle writer does not keep the process alive.
      if (inFlight.size === 0) thread.unref();
      if (!closed) send();
    });
    thread.on("error", failAll);
    thread.on("exit", () => failAll(new EmbeddedWriteError({ name: "Error", message: "the database writer stopped", code: "SQLITE_CANTOPEN" })));
    return thread;
  };

  // One group at a time: what arrives while it is written goes into the next one.
  const send = (force = false) => {
    scheduled = false;
    if (queue.length === 0 || (inFlight.size > 0 && !force)) return;
    const jobs = queue;
    queue = [];
    worker ??= start();
    const newSql: string[] = [];
    const batches = jobs.map((job) =>
      job.statements.map(({ sql, args }) => {
        let index = sqlIndex.get(sql);
        if (index === undefined) {
          index = sqlIndex.size;
          sqlIndex.set(sql, index);
          newSql.push(sql);
        }
        return { sql: index, args };
      }),
    );
    const id = ++nextId;
    inFlight.set(id, jobs);
    worker.ref();
    worker.postMessage({ id, newSql, batches } satisfies WriterRequest);
  };
  const enqueue = (statements: SqlStatement[]) =>
    new Promise<SqlResult[]>((resolve, reject) => {
      if (closed) return reject(new EmbeddedWriteError({ name: "Error", message: "the database is closed", code: "SQLITE_MISUSE" }));
      queue.push({ statements, resolve, reject });
      if (!scheduled && inFlight.size === 0) {
        scheduled = true;
        setImmediate(send);
      }
    });

  return {
    batch: enqueue,
    async execute(statement) {
      return (await enqueue([statement]))[0]!;
    },
    close() {
      closed = true;
      if (!worker) return;
      // Everything asked for is written before the thread reads "close" and closes its connection.
      send(true);
      worker.postMessage("close");
      worker.unref();
    },
  };
}
