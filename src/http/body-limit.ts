import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";

/**
 * Hono's bodyLimit, without its cost on the common case. Hono's middleware reads `c.req.raw.body`
 * first, which makes @hono/node-server build a full Web Request with a stream over the socket for
 * every request (tens of microseconds, and the body then flows through Web Streams). A body with a
 * Content-Length (Telegram's updates, the chat page's fetches) is judged by that header, as Hono's
 * middleware judges it too; only a chunked body is counted as it streams in.
 */
export function limitBody(maxSize: number, onError: (c: Context) => Response | Promise<Response>): MiddlewareHandler {
  const streamed = bodyLimit({ maxSize, onError });
  return async (c, next) => {
    const length = c.req.header("content-length");
    if (length === undefined || !/^\d{1,15}$/.test(length) || c.req.header("transfer-encoding") !== undefined)
      return streamed(c, next);
    if (Number(length) > maxSize) return onError(c);
    await next();
  };
}
