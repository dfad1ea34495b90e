/**
 * WeCom's callback crypto (WXBizMsgCrypt), on Web Crypto only so that the Worker runs it too.
 *
 * msg_signature = sha1(sort([token, timestamp, nonce, encrypt]).join("")), hex. The payload is
 * AES-256-CBC with key = base64(EncodingAESKey + "="), IV = the key's first 16 bytes, padded with
 * PKCS#7 to 32-byte blocks; the plaintext is 16 random bytes, the message's length (4 bytes, big
 * endian), the message and the receiver id (the corp id), which must be ours.
 */

/** How far a callback's timestamp may be from our clock (WeCom retries within a minute or so). */
export const REPLAY_WINDOW_SECONDS = 300;

export class WecomCryptoError extends Error {
  override name = "WecomCryptoError";
}

export interface WecomCryptoConfig {
  token: string;
  /** The 43-character EncodingAESKey from the admin console. */
  aesKey: string;
  corpId: string;
}

export interface SignedParams {
  msgSignature: string;
  timestamp: string;
  nonce: string;
}

const encoder = new TextEncoder();

export async function wecomSignature(token: string, timestamp: string, nonce: string, encrypt: string): Promise<string> {
  const joined = [token, timestamp, nonce, encrypt].sort().join("");
  const digest = await crypto.subtle.digest("SHA-1", encoder.encode(joined));
  return toHex(new Uint8Array(digest));
}

/** The AES key and IV of an EncodingAESKey; refuses a key that is not 43 base64 characters. */
export function aesKeyBytes(aesKey: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]{43}$/.test(aesKey)) throw new WecomCryptoError("EncodingAESKey must be 43 base64 characters");
  return fromBase64(`${aesKey}=`);
}

/**
 * Checks a callback's signature and age and decrypts it. Throws `WecomCryptoError` on a wrong
 * signature, a timestamp outside the replay window, a payload that does not decrypt, or one meant
 * for another corp.
 */
export async function openWecomMessage(
  config: WecomCryptoConfig,
  params: SignedParams,
  encrypt: string,
  nowSeconds: number,
): Promise<string> {
  const expected = await wecomSignature(config.token, params.timestamp, params.nonce, encrypt);
  if (!constantTimeEqual(expected, params.msgSignature.toLowerCase())) throw new WecomCryptoError("wrong signature");
  const timestamp = Number(params.timestamp);
  if (!Number.isSafeInteger(timestamp) || Math.abs(nowSeconds - timestamp) > REPLAY_WINDOW_SECONDS)
    throw new WecomCryptoError("timestamp outside the replay window");
  return decryptWecom(config, encrypt);
}

export async function decryptWecom(config: Pick<WecomCryptoConfig, "aesKey" | "corpId">, encrypt: string): Promise<string> {
  const key = aesKeyBytes(config.aesKey);
  let cipher: Uint8Array;
  try {
    cipher = fromBase64(encrypt);
  } catch {
    throw new WecomCryptoError("payload is not base64");
  }
  if (cipher.length === 0 || cipher.length % 32 !== 0) throw new WecomCryptoError("payload is not whole 32-byte blocks");
  const plain = await rawCbcDecrypt(key, cipher);
  const pad = plain[plain.length - 1]!;
  if (pad < 1 || pad > 32 || plain.subarray(plain.length - pad).some((b) => b !== pad))
    throw new WecomCryptoError("bad padding");
  const body = plain.subarray(0, plain.length - pad);
  if (body.length < 20) throw new WecomCryptoError("payload too short");
  const length = new DataView(body.buffer, body.byteOffset + 16, 4).getUint32(0);
  if (20 + length > body.length) throw new WecomCryptoError("bad message length");
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const receiver = decoder.decode(body.subarray(20 + length));
  if (receiver !== config.corpId) throw new WecomCryptoError("payload is for another corp");
  return decoder.decode(body.subarray(20, 20 + length));
}

/**
 * AES-CBC without removing padding. Web Crypto insists on PKCS#7 to 16-byte blocks, WeCom pads to 32:
 * one more block is appended that decrypts to a full 16-byte padding block (its cipher text is the
 * encryption of 0x10… XOR the last cipher block), which Web Crypto strips, leaving WeCom's padding.
 */
async function rawCbcDecrypt(keyBytes: Uint8Array, cipher: Uint8Array): Promise<Uint8Array> {
  const iv = keyBytes.slice(0, 16);
  const key = await crypto.subtle.importKey("raw", keyBytes as BufferSource, "AES-CBC", false, ["encrypt", "decrypt"]);
  const last = cipher.slice(cipher.length - 16);
  const fullPad = new Uint8Array(16).fill(16);
  const extra = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-CBC", iv: last }, key, fullPad)).slice(0, 16);
  const extended = new Uint8Array(cipher.length + 16);
  extended.set(cipher);
  extended.set(extra, cipher.length);
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: "AES-CBC", iv }, key, extended));
  } catch {
    throw new WecomCryptoError("payload does not decrypt");
  }
}

function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b.toString(16).padStart(2, "0");
  return out;
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

/**
 * Refuses a callback seen before: the same signature within the replay window. Only requests that
 * were handled are remembered, so WeCom's own retry of a request that failed is still taken. Each
 * process (or Worker isolate) remembers its own; the update ledger drops duplicates across all of them.
 */
export function replayGuard(windowSeconds = REPLAY_WINDOW_SECONDS, maxEntries = 50_000) {
  const seen = new Map<string, number>();
  return {
    seen(signature: string, nowSeconds: number): boolean {
      const at = seen.get(signature);
      return at !== undefined && nowSeconds - at <= windowSeconds;
    },
    remember(signature: string, nowSeconds: number): void {
      if (seen.size >= maxEntries)
        for (const [key, at] of seen) if (nowSeconds - at > windowSeconds || seen.size >= maxEntries) seen.delete(key);
      seen.set(signature, nowSeconds);
    },
  };
}
