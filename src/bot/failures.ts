import { GrammyError, HttpError } from "grammy";
import { errorChain, isDatabaseUnavailable } from "../db/storage-failures.js";

// The database's failures are classified beside the database; the bot's code reads them from here too.
export {
  errorChain,
  isDatabaseUnavailable,
  needsOperator,
  type StorageFailure,
  type StorageFailureKind,
  storageFailure,
} from "../db/storage-failures.js";

/** Telegram unreachable, failing on its side (5xx), or asking us to slow down (429). */
export function isBotApiRetryable(error: unknown): boolean {
  return errorChain(error).some(
    (e) => e instanceof HttpError || (e instanceof GrammyError && (e.error_code >= 500 || e.error_code === 429)),
  );
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
    isWebhookTimeout(error) ||
    isBotApiRetryable(error) ||
    isDatabaseUnavailable(error) ||
    errorChain(error).some((e) => e instanceof UpdateInProgress)
  );
}
