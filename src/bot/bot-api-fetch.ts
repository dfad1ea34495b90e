/**
 * Node only: the Bot API calls through undici's connection pool instead of grammY's default
 * (node-fetch over http.Agent). grammY reads nothing of a response but its JSON, so the fetch it is
 * given need only answer `json()`; undici's `request` does that with a fraction of node-fetch's work
 * per call (no WHATWG Request/Response objects, no per-call agent lookup), which matters on a
 * webhook server that makes one call per update. File uploads (a multipart stream) go the same way.
 */
import type { Readable } from "node:stream";
import { Agent, request } from "undici";

type FetchLike = (url: string | URL, init?: RequestInit) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

export function botApiFetch(): FetchLike {
  // undici's idle timeout (4 s unless the server says otherwise): a busy bot reuses its connections for
  // every call, and an idle one never sends a POST on a socket the server may be closing.
  const dispatcher = new Agent();
  return async (url, init = {}) => {
    const response = await request(url, {
      dispatcher,
      method: (init.method ?? "GET") as "GET" | "POST",
      headers: init.headers as Record<string, string> | undefined,
      body: init.body as string | Readable | null | undefined,
      signal: init.signal ?? undefined,
    });
    return {
      ok: response.statusCode >= 200 && response.statusCode < 300,
      status: response.statusCode,
      json: () => response.body.json(),
    };
  };
}
