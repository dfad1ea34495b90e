import type { MiddlewareHandler } from "hono";

/**
 * Headers every response gets, and the Content-Security-Policy every HTML page gets. An inline script
 * or style block is allowed only by the SHA-256 of its text, computed here from the page as served, so a script
 * injected into a page (say through a name someone typed) does not run. Pages may not be framed,
 * except the Mini App, which Telegram's web clients show in a frame.
 *
 * Written here rather than with Hono's secureHeaders: the hashes come from each page's own body.
 */
export const TELEGRAM_FRAME_ANCESTORS = "https://web.telegram.org https://*.telegram.org";

export function securityHeaders(options: { frameableByTelegram: (path: string) => boolean }): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    headers.set("x-content-type-options", "nosniff");
    headers.set("referrer-policy", "no-referrer");
    if (!/^text\/html\b/i.test(headers.get("content-type") ?? "")) return;
    const page = await c.res.clone().text();
    const frameable = options.frameableByTelegram(c.req.path);
    headers.set("content-security-policy", await policyFor(page, frameable));
    if (frameable) headers.delete("x-frame-options");
    else headers.set("x-frame-options", "DENY");
  };
}

async function policyFor(page: string, frameableByTelegram: boolean): Promise<string> {
  const inline: string[] = [];
  const external = new Set<string>();
  for (const match of page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attributes = match[1] ?? "";
    const src = /\bsrc\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1];
    if (src) {
      if (/^https:\/\//i.test(src)) external.add(new URL(src).origin);
      continue;
    }
    // A data block (JSON) is never run, so it needs no permission.
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1]?.toLowerCase();
    if (type && type !== "module" && type !== "text/javascript" && type !== "application/javascript") continue;
    inline.push(`'sha256-${await sha256Base64(match[2] ?? "")}'`);
  }
  // Inline <style> blocks likewise by their hash; no page uses style attributes, so no 'unsafe-inline'.
  const styles: string[] = [];
  for (const match of page.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) styles.push(`'sha256-${await sha256Base64(match[1] ?? "")}'`);
  return [
    "default-src 'none'",
    `script-src 'self' ${[...inline, ...external].join(" ")}`.trim(),
    `style-src 'self' ${styles.join(" ")}`.trim(),
    "img-src 'self' data:",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    `frame-ancestors ${frameableByTelegram ? TELEGRAM_FRAME_ANCESTORS : "'none'"}`,
  ].join("; ");
}

async function sha256Base64(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return btoa(String.fromCharCode(...new Uint8Array(digest)));
}
