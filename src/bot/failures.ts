import { GrammyError, HttpError } from "grammy";

/**
 * What went wrong while handling an update, sorted by what a second delivery of the same update can
 * change. grammY wraps a handler's error in a BotError (`.error`), drizzle wraps a driver's error in a
 * DrizzleQueryError (`.cause`), and libSQL's HTTP client wraps `fetch failed` the same way, so every
 * test looks along the whole chain.
 */
export function errorChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && chain.length < 6 && !chain.includes(current)) {
    chain.push(current);
    const next = current as { error?: unknown; cause?: unknown };
    current = next.error instanceof Error ? next.error : next.cause;
  }
  return chain;
}

/** Telegram unreachable, failing on its side (5xx), or asking us to slow down (429). */
export function isBotApiRetryable(error: unknown): boolean {
  return errorChain(error).some(
    (e) => e instanceof HttpError || (e instanceof GrammyError && (e.error_code >= 500 || e.error_code === 429)),
  );
}

const UNAVAILABLE =
  /SQLITE_BUSY|SQLITE_LOCKED|SQLITE_CANTOPEN|SQLITE_IOERR|SERVER_ERROR|HRANA_CLOSED_ERROR|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|fetch failed|database is locked/i;

/** The database could not be reached or was locked: the same statement can succeed a moment later. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return errorChain(error).some((e) => {
    const { code, message } = (e ?? {}) as { code?: unknown; message?: unknown };
    return UNAVAILABLE.test(`${typeof code === "string" ? code : ""} ${typeof message === "string" ? message : ""}`);
  });
}

/**
 * A delivery of an update whose earlier delivery is still being handled (or died without releasing its
 * claim). Telegram is told to come back later; by then the claim is done (skipped) or stale (retaken).
 */
export class UpdateInProgress extends Error {
  constructor(readonly updateId: number) {
    super(`update ${updateId} is being handled by another delivery`);
    this.name = "UpdateInProgress";
  }
}

/** grammY's webhook adapter gives up waiting for a slow handler; the handler itself runs on. */
const isWebhookTimeout = (error: unknown) => errorChain(error).some((e) => /^Request timed out after/.test((e as Error)?.message ?? ""));

/**
 * Whether Telegram should deliver the update again (the webhook answers 503): only when a later
 * delivery can succeed. Everything else was answered by the error boundary and counts as handled.
 */
export function worthRedelivering(error: unknown): boolean {
  return (
    isBotApiRetryable(error) ||
    isDatabaseUnavailable(error) ||
    errorChain(error).some((e) => e instanceof UpdateInProgress) ||
    isWebhookTimeout(error)
  );
}
