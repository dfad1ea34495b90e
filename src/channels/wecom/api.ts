import type { WecomConfig } from "../../config/env.js";

/** WeCom's answer to a server API call: errcode 0, or an error code and message. */
export interface WecomReply {
  errcode: number;
  errmsg: string;
  [field: string]: unknown;
}

export class WecomApiError extends Error {
  override name = "WecomApiError";
  constructor(
    readonly errcode: number,
    errmsg: string,
  ) {
    super(`WeCom error ${errcode}: ${errmsg}`);
  }
}

/** WeCom's "system busy, try again" (also used here for an HTTP error from its servers). */
export const WECOM_BUSY = -1;

/** The access token was refused: invalid (40014) or expired (42001); fetched again once. */
const TOKEN_REFUSED = new Set([40014, 42001]);
/** A token is used until this long before WeCom says it expires (clocks and transit). */
const EXPIRY_MARGIN_MS = 5 * 60_000;

/** All this client reads of an answer: its status and its JSON (Node passes undici's request, bot/bot-api-fetch.ts). */
export type WecomFetch = (
  input: string,
  init?: RequestInit,
) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

/**
 * WeCom's server API (https://qyapi.weixin.qq.com/cgi-bin/…): the access token fetched with the
 * application's secret and kept until it expires (one fetch at a time), every call retried once with
 * a fresh token when WeCom refuses the one it was given.
 */
export function wecomApi(
  config: Pick<WecomConfig, "corpId" | "secret" | "apiRoot">,
  options: { fetch?: WecomFetch; now?: () => number } = {},
) {
  const fetcher: WecomFetch = options.fetch ?? ((input, init) => fetch(input, init));
  // WeCom out of reach (refused, dropped, timed out) is WeCom busy, never mistaken for the database:
  // the update then fails as one a retry can mend, and WeCom's own retry of the callback redoes it.
  let requests = 0;
  const doFetch: WecomFetch = async (input, init) => {
    requests++;
    try {
      return await fetcher(input, init);
    } catch (error) {
      throw new WecomApiError(WECOM_BUSY, `unreachable: ${error instanceof Error ? error.name : "error"}`);
    }
  };
  const now = options.now ?? Date.now;
  let cached: { token: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;

  const fetchToken = async (): Promise<string> => {
    const url = `${config.apiRoot}/cgi-bin/gettoken?corpid=${encodeURIComponent(config.corpId)}&corpsecret=${encodeURIComponent(config.secret)}`;
    const reply = await readReply(await doFetch(url));
    const token = String(reply.access_token ?? "");
    const seconds = Number(reply.expires_in ?? 7200);
    cached = { token, expiresAt: now() + seconds * 1000 - EXPIRY_MARGIN_MS };
    return token;
  };

  const token = (fresh = false): Promise<string> => {
    if (!fresh && cached && cached.expiresAt > now()) return Promise.resolve(cached.token);
    if (fresh) cached = undefined;
    pending ??= fetchToken().finally(() => {
      pending = undefined;
    });
    return pending;
  };

  /** Calls with the cached token; on 40014/42001 once more with a new one. */
  const withToken = async (call: (token: string) => ReturnType<WecomFetch>): Promise<WecomReply> => {
    const first = await token();
    try {
      return await readReply(await call(first));
    } catch (error) {
      if (!(error instanceof WecomApiError) || !TOKEN_REFUSED.has(error.errcode)) throw error;
      // Another call may have refreshed it meanwhile; a token newer than the refused one is used as is.
      const fresh = cached && cached.token !== first ? cached.token : await token(true);
      return readReply(await call(fresh));
    }
  };

  return {
    /** HTTP requests made so far (the token's included): a Worker invocation counts them as subrequests. */
    requests: () => requests,
    /** POST a JSON body to `/cgi-bin/<path>`. */
    post(path: string, body: unknown): Promise<WecomReply> {
      return withToken((t) =>
        doFetch(`${config.apiRoot}/cgi-bin/${path}?access_token=${encodeURIComponent(t)}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        }),
      );
    },
    /** media/upload: a temporary file (3 days) for a file message; answers its media_id. */
    async upload(fileName: string, bytes: Uint8Array): Promise<string> {
      const { body, contentType } = multipartFile(fileName, bytes);
      const reply = await withToken((t) =>
        doFetch(`${config.apiRoot}/cgi-bin/media/upload?access_token=${encodeURIComponent(t)}&type=file`, {
          method: "POST",
          headers: { "content-type": contentType },
          body: body as BodyInit,
        }),
      );
      return String(reply.media_id);
    },
    /**
     * Where a file a member sent is read (media/get, for three days after it was sent). The address
     * holds the access token: it is handed to the bot's file download and never logged.
     */
    async mediaUrl(mediaId: string): Promise<string> {
      return `${config.apiRoot}/cgi-bin/media/get?access_token=${encodeURIComponent(await token())}&media_id=${encodeURIComponent(mediaId)}`;
    },
  };
}

export type WecomApi = ReturnType<typeof wecomApi>;

/**
 * The multipart body of media/upload, as WeCom's documentation writes it (one part named "media" with
 * filename and filelength). Built as bytes rather than with FormData: Node's undici pool (the Node
 * server's fetch) does not read the FormData of Node's own fetch, and bytes go through any fetch.
 */
function multipartFile(fileName: string, bytes: Uint8Array): { body: Uint8Array; contentType: string } {
  const boundary = `----tuanjian${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
  const name = fileName.replace(/["\r\n\\]/g, "_");
  const encoder = new TextEncoder();
  const head = encoder.encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="${name}"; filelength=${bytes.length}\r\n` +
      "Content-Type: application/octet-stream\r\n\r\n",
  );
  const tail = encoder.encode(`\r\n--${boundary}--\r\n`);
  const body = new Uint8Array(head.length + bytes.length + tail.length);
  body.set(head);
  body.set(bytes, head.length);
  body.set(tail, head.length + bytes.length);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

async function readReply(response: Awaited<ReturnType<WecomFetch>>): Promise<WecomReply> {
  // The URL holds the token or the secret: only the status is ever reported.
  if (!response.ok) throw new WecomApiError(WECOM_BUSY, `HTTP ${response.status}`);
  const reply = (await response.json()) as WecomReply;
  if (typeof reply.errcode === "number" && reply.errcode !== 0)
    throw new WecomApiError(reply.errcode, String(reply.errmsg ?? ""));
  return reply;
}
