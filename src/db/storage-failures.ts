import { GrammyError, HttpError } from "grammy";

/**
 * What went wrong while handling an update, sorted by what a second delivery of the same update can
 * change. grammY wraps a handler's error in a BotError (`.error`), drizzle wraps a driver's error in a
 * DrizzleQueryError (`.cause`), and libSQL's HTTP client wraps its transport's errors the same way, so
 * every test looks along the whole chain.
 */
export function errorChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && chain.length < 8 && !chain.includes(current)) {
    chain.push(current);
    const next = current as { error?: unknown; cause?: unknown };
    current = next.error instanceof Error ? next.error : next.cause;
  }
  return chain;
}

/**
 * A database failure, by what it means for the update and for whoever runs the bot. Every kind leaves
 * the update unhandled: through the webhook it is answered 503 and Telegram delivers it again; without
 * redelivery (polling, the local page) the user is told to try again.
 *
 * - unreachable: the way there failed (connection refused, dropped, reset, timed out or aborted, in
 *   Node's words or workerd's), or the server answered 5xx / 408 / 429 or with a proxy error. A moment
 *   later it can work.
 * - busy: a writer waited too long for another (SQLite's lock, libSQL's TRANSACTION_BUSY and
 *   TRANSACTION_TIMEOUT). A moment later it can work.
 * - storage: the database's own storage failed (a full disk, an I/O error, a read-only or unopenable
 *   file). Writes fail until someone frees space or fixes the disk; a storage fault, not a bug.
 * - misconfigured: the server refuses us as we are set up (a wrong or expired token: 401/403; a quota
 *   block: BLOCKED; a wrong URL: 404). Retrying cannot fix it; whoever runs the bot must.
 * - too-large: the server refused the size of a request or its answer (RESPONSE_TOO_LARGE, SQLITE_TOOBIG).
 *
 * storage and misconfigured turn /healthz degraded (see StorageHealth) and are logged as errors naming
 * what is wrong; unreachable and busy are warnings (they pass by themselves).
 */
export type StorageFailureKind = "unreachable" | "busy" | "storage" | "misconfigured" | "too-large";

export interface StorageFailure {
  kind: StorageFailureKind;
  /** The code, status or message that decided it, for the log line. */
  cause: string;
}

// libSQL's (sqld / Turso) error codes and SQLite's, by kind. SQLite's extended codes (SQLITE_IOERR_WRITE)
// are matched by their primary code.
const CODES: [StorageFailureKind, RegExp][] = [
  ["storage", /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|CORRUPT|NOTADB|NOMEM)/],
  ["busy", /^(SQLITE_BUSY|SQLITE_LOCKED|TRANSACTION_BUSY|TRANSACTION_TIMEOUT)/],
  ["misconfigured", /^(BLOCKED|AUTH_|NAMESPACE_|URL_INVALID|URL_PARAM|URL_SCHEME|PROTOCOL_VERSION_ERROR)/],
  ["too-large", /^(RESPONSE_TOO_LARGE|SQLITE_TOOBIG)/],
  ["unreachable", /^(PROXY_ERROR|SERVER_ERROR|HRANA_CLOSED_ERROR|HRANA_WEBSOCKET_ERROR|STREAM_EXPIRED|STREAM_CLOSED|UND_ERR_|ECONNREFUSED|ECONNRESET|ECONNABORTED|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)/],
];

// What transports say when they carry no code: Node's undici (`fetch failed`, `other side closed`),
// workerd (`Network connection lost.`, `Connection refused`), aborts and timeouts of any runtime; and
// SQLite's own messages.
const MESSAGES: [StorageFailureKind, RegExp][] = [
  ["storage", /database or disk is full|disk I\/O error|readonly database|unable to open (connection to local )?database|database disk image is malformed/i],
  ["busy", /database is locked|database table is locked/i],
  ["too-large", /response is too large|string or blob too big/i],
  [
    "unreachable",
    /fetch failed|network connection lost|connection (was )?(refused|reset|closed|lost)|socket hang ?up|other side closed|^terminated$|operation was aborted|\btimed out\b|^stream is clos(ed|ing)$|proxy error/i,
  ],
];

function byStatus(status: number): StorageFailureKind | undefined {
  if (status === 401 || status === 403 || status === 404) return "misconfigured";
  if (status === 413) return "too-large";
  if (status === 408 || status === 429 || status >= 500) return "unreachable";
  return undefined;
}

/** What the database did, read along the whole chain; undefined when it is not a database failure. */
export function storageFailure(error: unknown): StorageFailure | undefined {
  const chain = errorChain(error);
  // Telegram's failures are not the database's, whatever their message says.
  if (chain.some((e) => e instanceof HttpError || e instanceof GrammyError)) return undefined;
  const fields = chain.map((e) => (e ?? {}) as { code?: unknown; status?: unknown; name?: unknown; message?: unknown });
  // Most telling first: a server's own code (SQLITE_FULL, BLOCKED) over an HTTP status over libSQL's
  // generic SERVER_ERROR (which wraps any non-2xx answer), then what a transport's message says.
  for (const { code } of fields) {
    if (typeof code !== "string" || code === "SERVER_ERROR") continue;
    const found = CODES.find(([, pattern]) => pattern.test(code));
    if (found) return { kind: found[0], cause: code };
  }
  for (const { status, message } of fields) {
    // libSQL's HTTP client also puts the status in the message of the error it wraps.
    const number = typeof status === "number" ? status : Number(/HTTP status (\d{3})/.exec(String(message))?.[1]);
    const kind = Number.isInteger(number) ? byStatus(number) : undefined;
    if (kind) return { kind, cause: `HTTP ${number}` };
  }
  for (const { code, name, message } of fields) {
    if (code === "SERVER_ERROR") return { kind: "unreachable", cause: code };
    if (name === "AbortError" || name === "TimeoutError") return { kind: "unreachable", cause: String(name) };
    if (typeof message !== "string") continue;
    const found = MESSAGES.find(([, pattern]) => pattern.test(message));
    if (found) return { kind: found[0], cause: message.slice(0, 120) };
  }
  return undefined;
}

/** Any database failure: the same statement may succeed once the database (or its setup) is back. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return storageFailure(error) !== undefined;
}

/** Kinds that need whoever runs the bot: logged as errors, and /healthz degraded until a write succeeds. */
export const needsOperator = (failure: StorageFailure) =>
  failure.kind === "storage" || failure.kind === "misconfigured" || failure.kind === "too-large";
