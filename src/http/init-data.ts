/**
 * Telegram Mini App `initData`: the query string Telegram hands the page, signed with the bot token.
 * Verification (core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app): the data-
 * check string is every field but `hash`, sorted by key, as `key=value` lines joined by "\n"; the
 * secret key is HMAC-SHA-256 of the bot token keyed with "WebAppData"; `hash` must be the hex
 * HMAC-SHA-256 of the data-check string under the secret key. Web Crypto only, so Node and the
 * Worker run the same code; the comparison is the platform's (crypto.subtle.verify).
 */

export interface InitDataUser {
  id: number;
  first_name?: string;
  language_code?: string;
}

export type InitDataResult =
  | { ok: true; user: InitDataUser; authDate: Date }
  | { ok: false; reason: "missing" | "malformed" | "bad-signature" | "stale" };

/** How long a signed initData is accepted after Telegram issued it (INIT_DATA_MAX_AGE_SECONDS changes it). */
export const INIT_DATA_MAX_AGE_SECONDS = 3600;

const encoder = new TextEncoder();

async function hmacKey(raw: BufferSource): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

async function secretKey(botToken: string): Promise<CryptoKey> {
  const secret = await crypto.subtle.sign(
    "HMAC",
    await hmacKey(encoder.encode("WebAppData")),
    encoder.encode(botToken),
  );
  return hmacKey(secret);
}

function dataCheckString(params: URLSearchParams): string {
  return [...params.entries()]
    .filter(([key]) => key !== "hash")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join("\n");
}

function fromHex(hex: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[0-9a-f]{64}$/i.test(hex)) return undefined;
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

export async function verifyInitData(
  initData: string | undefined,
  botToken: string,
  now: Date,
  maxAgeSeconds = INIT_DATA_MAX_AGE_SECONDS,
): Promise<InitDataResult> {
  if (!initData) return { ok: false, reason: "missing" };
  const params = new URLSearchParams(initData);
  const hash = fromHex(params.get("hash") ?? "");
  const authDate = Number(params.get("auth_date"));
  if (!hash || params.getAll("hash").length !== 1 || !Number.isInteger(authDate))
    return { ok: false, reason: "malformed" };
  const valid = await crypto.subtle.verify(
    "HMAC",
    await secretKey(botToken),
    hash,
    encoder.encode(dataCheckString(params)),
  );
  if (!valid) return { ok: false, reason: "bad-signature" };
  const age = now.getTime() / 1000 - authDate;
  // A little clock skew is forgiven; an auth_date far in the future is as suspect as an old one.
  if (age > maxAgeSeconds || age < -300) return { ok: false, reason: "stale" };
  let user: InitDataUser;
  try {
    user = JSON.parse(params.get("user") ?? "") as InitDataUser;
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (!Number.isSafeInteger(user?.id) || user.id <= 0) return { ok: false, reason: "malformed" };
  return { ok: true, user, authDate: new Date(authDate * 1000) };
}

/** Signs fields as Telegram does: the local chat page opens the Mini App with this, and so do tests. */
export async function signInitData(fields: Record<string, string>, botToken: string): Promise<string> {
  const params = new URLSearchParams(fields);
  const signature = await crypto.subtle.sign(
    "HMAC",
    await secretKey(botToken),
    encoder.encode(dataCheckString(params)),
  );
  params.set("hash", [...new Uint8Array(signature)].map((b) => b.toString(16).padStart(2, "0")).join(""));
  return params.toString();
}

/** initData for a user at an instant, signed with `botToken`. */
export function initDataFor(user: InitDataUser, botToken: string, at: Date): Promise<string> {
  return signInitData(
    { auth_date: String(Math.floor(at.getTime() / 1000)), user: JSON.stringify(user) },
    botToken,
  );
}
