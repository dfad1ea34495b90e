import { maskPersonalDataDeep } from "./domain/privacy.js";

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";
const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

/** The line's own fields: a caller's field of the same name is kept as `field_<name>` instead. */
const OWN_FIELDS = new Set(["time", "level", "event"]);

/**
 * One JSON object per line. Every string in it passes through the personal-data mask, so an ID number
 * or a phone number that slips into an error message is still never written out (numbers, such as ids,
 * stay numbers and the line stays valid JSON). An error logged at level "error" is a bug: its stack
 * comes with it.
 */
export function createLogger(level: LogLevel, write: (line: string) => void = (line) => console.log(line)): Logger {
  const emit = (at: LogLevel) => (event: string, fields: Record<string, unknown> = {}) => {
    if (order[at] < order[level]) return;
    const own: Record<string, unknown> = { time: new Date().toISOString(), level: at, event };
    for (const [key, value] of Object.entries(fields)) own[OWN_FIELDS.has(key) ? `field_${key}` : key] = value;
    const described = JSON.parse(JSON.stringify(own, (_key, value: unknown) => (value instanceof Error ? describeError(value, at === "error") : value)));
    write(JSON.stringify(maskPersonalDataDeep(described)));
  };
  return { debug: emit("debug"), info: emit("info"), warn: emit("warn"), error: emit("error") };
}

/**
 * An error as logged: name, code and message along its causes, and for a bug the stack's frames (not
 * its first line, which repeats the message) — never the values of a failed query (drizzle puts them
 * in the message: what a user typed), only its SQL.
 */
function describeError(error: Error, withStack: boolean, depth = 0): Record<string, unknown> {
  const { code, query, params, cause } = error as Error & { code?: unknown; query?: unknown; params?: unknown; cause?: unknown };
  const message = typeof query === "string" && params !== undefined ? `Failed query: ${query}` : error.message;
  const wrapped = (error as { error?: unknown }).error;
  const inner = wrapped instanceof Error ? wrapped : cause;
  return {
    name: error.name,
    ...(typeof code === "string" || typeof code === "number" ? { code } : {}),
    message,
    ...(withStack && error.stack ? { stack: error.stack.split("\n").filter((l) => /^\s+at /.test(l)).map((l) => l.trim()) } : {}),
    ...(inner instanceof Error && depth < 3 ? { cause: describeError(inner, withStack, depth + 1) } : {}),
  };
}
