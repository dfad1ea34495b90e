import { maskPersonalData } from "./domain/privacy.js";

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";
const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

/**
 * One JSON object per line. Every line passes through the personal-data mask, so an ID number or a
 * phone number that slips into an error message is still never written out.
 */
export function createLogger(level: LogLevel, write: (line: string) => void = (line) => console.log(line)): Logger {
  const emit = (at: LogLevel) => (event: string, fields: Record<string, unknown> = {}) => {
    if (order[at] < order[level]) return;
    const line = JSON.stringify({ time: new Date().toISOString(), level: at, event, ...fields }, errorReplacer);
    write(maskPersonalData(line));
  };
  return { debug: emit("debug"), info: emit("info"), warn: emit("warn"), error: emit("error") };
}

function errorReplacer(_key: string, value: unknown): unknown {
  return value instanceof Error ? describeError(value) : value;
}

/**
 * An error as logged: name, code and message along its causes — never a stack, and never the values
 * of a failed query (drizzle puts them in the message: what a user typed), only its SQL.
 */
function describeError(error: Error, depth = 0): Record<string, unknown> {
  const { code, query, params, cause } = error as Error & { code?: unknown; query?: unknown; params?: unknown; cause?: unknown };
  const message = typeof query === "string" && params !== undefined ? `Failed query: ${query}` : error.message;
  const wrapped = (error as { error?: unknown }).error;
  const inner = wrapped instanceof Error ? wrapped : cause;
  return {
    name: error.name,
    ...(typeof code === "string" || typeof code === "number" ? { code } : {}),
    message,
    ...(inner instanceof Error && depth < 3 ? { cause: describeError(inner, depth + 1) } : {}),
  };
}
