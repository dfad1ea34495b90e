import { and, eq } from "drizzle-orm";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { CHANNEL_USER_ID_BASE, channelUserId } from "../db/channel-accounts.js";
import type { Database } from "../db/client.js";
import { channelAccounts } from "../db/schema.js";

/**
 * Who may reach the local chat server, and who they are.
 *
 * - Host: only the names this server is known by (localhost, 127.0.0.1, [::1], HOST, PUBLIC_URL's
 *   host, and the machine's own addresses when it listens on all of them). Another name is a DNS
 *   rebinding page, or a proxy nobody configured.
 * - Cross-site writes: a request that changes something must come from this origin. Browsers say
 *   where a request comes from (Sec-Fetch-Site, Origin); a cross-site one is refused whatever its
 *   content type (a text/plain form post needs no CORS preflight).
 * - Access: bound to loopback, the machine's own users are trusted. Bound beyond it, every route but
 *   /healthz needs the access cookie, which the one link printed at start sets.
 * - Identity: each browser holds a random key in an HttpOnly cookie; the server keeps only its
 *   SHA-256 (channel_accounts, channel "local"), which gives the browser's own user id. Nothing in a
 *   request names a user.
 */
export interface LocalAccessOptions {
  /** Host names (lowercase, IPv6 in brackets, no port) this server answers to. */
  allowedHosts: ReadonlySet<string>;
  /** The access token, when the server listens beyond loopback. */
  accessToken?: string;
  db: Database;
}

export const ACCESS_COOKIE = "tj_access";
export const BROWSER_COOKIE = "tj_browser";
const ONE_YEAR = 365 * 24 * 3600;
const BROWSER_KEY = /^[A-Za-z0-9_-]{43}$/;

export const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"] as const;

/** Whether the server, listening on `host`, is reachable from this machine only. */
export function isLoopback(host: string): boolean {
  return /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i.test(host);
}

/** The name part of a Host header or URL host: lowercased, port dropped, IPv6 kept in brackets. */
export function hostName(host: string): string {
  const lower = host.trim().toLowerCase();
  if (lower.startsWith("[")) return lower.slice(0, lower.indexOf("]") + 1);
  return lower.replace(/:\d*$/, "");
}

/** The names a server listening on `host` (with `publicUrl`) answers to. */
export function allowedHostNames(host: string, publicUrl: string | undefined, ownAddresses: string[] = []): Set<string> {
  const names = new Set<string>(LOOPBACK_HOSTS);
  const bracket = (address: string) => (address.includes(":") && !address.startsWith("[") ? `[${address}]` : address);
  const wildcard = host === "0.0.0.0" || host === "::" || host === "[::]";
  if (!wildcard) names.add(hostName(bracket(host)));
  else for (const address of ownAddresses) names.add(hostName(bracket(address)));
  if (publicUrl) names.add(hostName(new URL(publicUrl).host));
  return names;
}

const json401 = (c: Context) => c.json({ error: "unauthorized: open the access link printed when the server started" }, 401);

export function localAccess(options: LocalAccessOptions) {
  const accessCookie = options.accessToken ? hmacHex(options.accessToken, "tuanjian local access cookie") : undefined;

  const hostGuard: MiddlewareHandler = async (c, next) => {
    const host = c.req.header("host") ?? new URL(c.req.url).host;
    if (!options.allowedHosts.has(hostName(host))) return c.json({ error: "unexpected host" }, 421);
    return next();
  };

  const crossSiteGuard: MiddlewareHandler = async (c, next) => {
    if (["GET", "HEAD", "OPTIONS"].includes(c.req.method)) return next();
    const site = c.req.header("sec-fetch-site");
    if (site !== undefined && site !== "same-origin") return c.json({ error: "cross-site request refused" }, 403);
    const origin = c.req.header("origin");
    if (origin !== undefined) {
      const host = c.req.header("host") ?? new URL(c.req.url).host;
      let sameOrigin = false;
      try {
        sameOrigin = new URL(origin).host.toLowerCase() === host.toLowerCase();
      } catch {}
      if (!sameOrigin) return c.json({ error: "cross-site request refused" }, 403);
    }
    return next();
  };

  /** Every route but /healthz (and the login link) needs the access cookie when there is a token. */
  const accessGuard: MiddlewareHandler = async (c, next) => {
    if (!accessCookie || c.req.path === "/healthz" || c.req.path === "/local/login") return next();
    // The bot's own download of an upload carries a per-file capability instead (see local-transport.ts).
    if (c.req.path.startsWith("/local/files/")) return next();
    if (!sameSecret(getCookie(c, ACCESS_COOKIE) ?? "", await accessCookie)) return json401(c);
    return next();
  };

  /** The access link: the token once in the URL, exchanged for the cookie, then away from the address bar. */
  const login = async (c: Context) => {
    if (!options.accessToken || !accessCookie) return c.redirect("/", 303);
    if (!sameSecret(c.req.query("token") ?? "", options.accessToken)) return json401(c);
    setCookie(c, ACCESS_COOKIE, await accessCookie, cookieOptions(c));
    return c.redirect("/", 303);
  };

  /** The browser's user id; with `create`, a browser without a key gets one (the page does that). */
  const browserUser = async (c: Context, create: boolean): Promise<number | undefined> => {
    let key = getCookie(c, BROWSER_COOKIE);
    if (!key || !BROWSER_KEY.test(key)) {
      if (!create) return undefined;
      key = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
      setCookie(c, BROWSER_COOKIE, key, { ...cookieOptions(c), maxAge: ONE_YEAR });
    }
    return localBrowserUserId(options.db, key);
  };

  return { hostGuard, crossSiteGuard, accessGuard, login, browserUser };
}

/**
 * The user id of the browser holding `key`: found by the key's hash (a read on every request; the
 * account is created on the first one). After /deleteme the account is gone and the same browser is a
 * new user.
 */
export async function localBrowserUserId(db: Database, key: string): Promise<number> {
  const externalId = await sha256Hex(key);
  const found = await db
    .select({ seq: channelAccounts.seq })
    .from(channelAccounts)
    .where(and(eq(channelAccounts.channel, "local"), eq(channelAccounts.externalId, externalId)))
    .get();
  return found ? CHANNEL_USER_ID_BASE + found.seq : channelUserId(db, "local", externalId);
}

function cookieOptions(c: Context) {
  return {
    httpOnly: true,
    sameSite: "Strict" as const,
    path: "/",
    secure: new URL(c.req.url).protocol === "https:",
  };
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Buffer.from(digest).toString("hex");
}

async function hmacHex(key: string, message: string): Promise<string> {
  const imported = await crypto.subtle.importKey("raw", new TextEncoder().encode(key), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return Buffer.from(await crypto.subtle.sign("HMAC", imported, new TextEncoder().encode(message))).toString("hex");
}

/** Compares two secrets in time that does not depend on where they differ. */
function sameSecret(given: string, expected: string): boolean {
  const a = new TextEncoder().encode(given);
  const b = new TextEncoder().encode(expected);
  let difference = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) difference |= (a[i] ?? 0) ^ b[i]!;
  return difference === 0;
}
