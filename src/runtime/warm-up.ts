/**
 * The Worker's global scope runs this once per isolate: the common updates (UPDATES below) through the
 * webhook route of a throwaway assistant whose database and Bot API are answered in memory. Cloudflare
 * counts the global scope against the startup limit (1 s), not against a request's CPU time (10 ms on
 * the free plan), and a cold isolate's first request otherwise pays for the first run of every function
 * on its way (Hono, grammY, the libSQL client, drizzle, the knowledge index): `npm run bench
 * cold-start` measures both in workerd.
 *
 * The global scope may do no I/O, set no timer and draw no random numbers; workerd also refuses there a
 * Request or Response with a body (a stream) and an AbortController. So for the warm-up's duration these
 * are inert stand-ins: a Request and a Response carry their body as a string, an AbortController's
 * signal never aborts, a timer never fires (nothing in the warm-up waits for one), and random bytes come
 * from a plain sequence. warmUp() throws when an update fails, so a warm-up that silently did nothing
 * is seen (worker.ts logs it).
 */
import { createClient } from "@libsql/client/web";
import type { Update } from "grammy/types";
import { parseConfig } from "../config/env.js";
import { createLogger, type Logger } from "../logging.js";
import { composeAssistant } from "./compose.js";

type Body = string | ArrayBuffer | ArrayBufferView | null | undefined;

function bodyText(body: Body): string {
  if (body === null || body === undefined) return "";
  if (typeof body === "string") return body;
  const bytes = body instanceof ArrayBuffer ? new Uint8Array(body) : new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  return new TextDecoder().decode(bytes);
}

/** A Request or Response whose body is a string: what the warm-up's code reads of them. */
class PlainBody {
  readonly headers: Headers;
  readonly body: string;
  readonly bodyUsed = false;
  constructor(body: Body, headers: HeadersInit | undefined) {
    this.body = bodyText(body);
    this.headers = new Headers(headers);
  }
  async text(): Promise<string> {
    return this.body;
  }
  async json(): Promise<unknown> {
    return JSON.parse(this.body);
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    return new TextEncoder().encode(this.body).buffer as ArrayBuffer;
  }
}

class PlainRequest extends PlainBody {
  readonly url: string;
  readonly method: string;
  constructor(input: string | URL | PlainRequest, init: RequestInit = {}) {
    super(init.body as Body, init.headers ?? (input instanceof PlainRequest ? input.headers : undefined));
    this.url = input instanceof PlainRequest ? input.url : String(input);
    this.method = init.method ?? (input instanceof PlainRequest ? input.method : "GET");
  }
  clone(): PlainRequest {
    return new PlainRequest(this.url, { method: this.method, headers: this.headers, body: this.body });
  }
}

class PlainResponse extends PlainBody {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly redirected = false;
  readonly type = "default";
  readonly url = "";
  constructor(body?: Body, init: ResponseInit = {}) {
    super(body, init.headers);
    this.status = init.status ?? 200;
    this.statusText = init.statusText ?? "";
    this.ok = this.status >= 200 && this.status < 300;
  }
  clone(): PlainResponse {
    return new PlainResponse(this.body, this);
  }
  static json(data: unknown, init: ResponseInit = {}): PlainResponse {
    const headers = new Headers(init.headers);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
    return new PlainResponse(JSON.stringify(data), { ...init, headers });
  }
}

/** A signal that never aborts, for code that only listens to it. */
class InertAbortController {
  readonly signal = {
    aborted: false,
    reason: undefined,
    onabort: null,
    addEventListener() {},
    removeEventListener() {},
    dispatchEvent: () => false,
    throwIfAborted() {},
  };
  abort(): void {}
}

/** The globals replaced while the warm-up runs, and their stand-ins. */
const STAND_INS = {
  Request: PlainRequest,
  Response: PlainResponse,
  AbortController: InertAbortController,
  setTimeout: () => 0,
  clearTimeout: () => {},
} as const;

/** Bytes that differ from call to call (xorshift32), for code that wants random ids: none are kept. */
function fillerBytes<A extends ArrayBufferView | null>(array: A): A {
  if (!array) return array;
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  for (let i = 0; i < bytes.length; i++) {
    filler ^= filler << 13;
    filler ^= filler >>> 17;
    filler ^= filler << 5;
    bytes[i] = filler & 0xff;
  }
  return array;
}
let filler = 0x9e3779b9;

/**
 * Runs `run` with the stand-ins in place of the globals, and puts back exactly what was there (each
 * property's own descriptor, or its absence) whatever happens, including a failure while installing.
 */
async function withStandIns<T>(run: () => Promise<T>): Promise<T> {
  const targets: [object, string, unknown][] = [
    ...Object.entries(STAND_INS).map(([name, value]): [object, string, unknown] => [globalThis, name, value]),
    [crypto, "getRandomValues", fillerBytes],
  ];
  const saved: [object, string, PropertyDescriptor | undefined][] = [];
  try {
    for (const [target, name, value] of targets) {
      const descriptor = Object.getOwnPropertyDescriptor(target, name);
      if (descriptor && !descriptor.configurable) (target as Record<string, unknown>)[name] = value;
      else Object.defineProperty(target, name, { value, configurable: true, writable: true });
      saved.push([target, name, descriptor]);
    }
    return await run();
  } finally {
    for (const [target, name, descriptor] of saved.reverse()) {
      if (!descriptor) delete (target as Record<string, unknown>)[name];
      else if (descriptor.configurable) Object.defineProperty(target, name, descriptor);
      else (target as Record<string, unknown>)[name] = descriptor.value;
    }
  }
}

const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } });

/** libSQL's HTTP protocol, answered as if every write changed one row and every read found nothing. */
async function emptyDatabase(request: Request): Promise<Response> {
  const result = { cols: [], rows: [], affected_row_count: 1, last_insert_rowid: null };
  const { requests } = (await request.json()) as { requests: { type: string; batch?: { steps: unknown[] } }[] };
  return json({
    baton: null,
    base_url: null,
    results: requests.map((r) => ({
      type: "ok",
      response:
        r.type === "batch"
          ? { type: "batch", result: { step_results: r.batch!.steps.map(() => result), step_errors: r.batch!.steps.map(() => null) } }
          : r.type === "execute"
            ? { type: "execute", result }
            : r.type === "get_autocommit"
              ? { type: r.type, is_autocommit: true }
              : { type: r.type },
    })),
  });
}

/** The Bot API, answering every call with a message. */
async function acceptingBotApi(): Promise<Response> {
  return json({ ok: true, result: { message_id: 1, date: 0, chat: { id: 1, type: "private" }, text: "" } });
}

const USER = { id: 1, is_bot: false, first_name: "warm-up", language_code: "zh-hans" };
const CHAT = { id: USER.id, type: "private", first_name: USER.first_name } as const;

const message = (update_id: number, text: string): Update =>
  ({
    update_id,
    message: {
      message_id: update_id,
      date: 0,
      chat: CHAT,
      from: USER,
      text,
      ...(text.startsWith("/") ? { entities: [{ type: "bot_command", offset: 0, length: text.length }] } : {}),
    },
  }) as Update;

const press = (update_id: number, data: string): Update =>
  ({
    update_id,
    callback_query: { id: String(update_id), from: USER, chat_instance: "1", data, message: { message_id: 1, date: 0, chat: CHAT, text: "…" } },
  }) as Update;

/**
 * The updates a cold isolate most often meets first (the webhook benchmark's mix): a start, questions
 * of each common kind in both languages, a button, a dialog answer, the progress card.
 */
const UPDATES: readonly Update[] = [
  message(1, "/start"),
  message(2, "兼职副书记的年龄上限是多少?"),
  message(3, "团代会代表怎么选?"),
  message(4, "what's the age limit for part-time deputy secretaries?"),
  press(5, "nav:register"),
  message(6, "海南省"),
  message(7, "/progress"),
  message(8, "/help"),
];

/** A logger that records the first error: a handler's failure is caught and logged, not thrown. */
function failureRecorder(): Logger & { failure?: unknown } {
  const silent = createLogger("silent");
  const recorder: Logger & { failure?: unknown } = {
    ...silent,
    error(event, fields) {
      const error = fields?.error;
      recorder.failure ??= { event, ...fields, ...(error instanceof Error ? { error: `${error.message}\n${error.stack}` } : {}) };
    },
  };
  return recorder;
}

/** Handles the warm-up's updates; returns how many, or throws on the first that failed. */
export async function warmUp(updates: readonly Update[] = UPDATES): Promise<number> {
  const config = parseConfig({
    BOT_TOKEN: "1:warm-up-token-not-used-for-any-call",
    BOT_MODE: "webhook",
    WEBHOOK_SECRET: "warm-up-secret-not-used",
    DATABASE_URL: "http://warm-up.invalid",
    PII_HASH_KEY: "warm-up",
    BOT_INFO: JSON.stringify({ id: 2, is_bot: true, first_name: "warm-up", username: "warm_up_bot", can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false }),
    LOG_LEVEL: "silent",
  });
  return withStandIns(async () => {
  const logger = failureRecorder();
  const client = createClient({ url: config.databaseUrl!, fetch: emptyDatabase });
  try {
    const { app } = composeAssistant({ config, client, logger, botApiFetch: acceptingBotApi as never });
    for (const update of updates) {
      const body = JSON.stringify(update);
      const response = await app.fetch(
        new Request("http://warm-up.invalid/telegram/webhook", {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "content-length": String(new TextEncoder().encode(body).length),
            "X-Telegram-Bot-Api-Secret-Token": config.webhookSecret!,
          },
          body,
        }),
      );
      if (response.status !== 200 || logger.failure)
        throw new Error(`warm-up: update ${update.update_id} answered ${response.status}: ${JSON.stringify(logger.failure ?? (await response.text()))}`);
    }
    return updates.length;
  } finally {
    client.close();
  }
  });
}
