/**
 * WeCom's callback crypto (WXBizMsgCrypt), with @noble/ciphers (AES-CBC) and @noble/hashes (SHA-1):
 * plain, audited JavaScript, so the same code runs in Node and in the Worker. Not Web Crypto: in Node
 * each of its calls is a thread-pool job, and the three per callback (SHA-1, and AES twice, as Web
 * Crypto only strips 16-byte PKCS#7 padding) were the largest cost of a callback in the benchmark
 * (bench/wecom.ts); noble does it synchronously in microseconds and takes WeCom's 32-byte padding as is.
 *
 * msg_signature = sha1(sort([token, timestamp, nonce, encrypt]).join("")), hex. The payload is
 * AES-256-CBC with key = base64(EncodingAESKey + "="), IV = the key's first 16 bytes, padded with
 * PKCS#7 to 32-byte blocks; the plaintext is 16 random bytes, the message's length (4 bytes, big
 * endian), the message and the receiver id (the corp id), which must be ours.
 */
import { cbc } from "@noble/ciphers/aes.js";
import { sha1 } from "@noble/hashes/legacy.js";
import { bytesToHex } from "@noble/hashes/utils.js";

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

/**
 * SHA-1 from @noble/hashes, synchronous: Web Crypto's digest is a thread-pool job in Node (a third
 * of a callback's time in the benchmark for 60 bytes of input); AES stays on Web Crypto.
 */
export function wecomSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return bytesToHex(sha1(encoder.encode([token, timestamp, nonce, encrypt].sort().join(""))));
}

/** The AES key and IV of an EncodingAESKey; refuses a key that is not 43 base64 characters. */
export function aesKeyBytes(aesKey: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]{43}$/.test(aesKey))
    throw new WecomCryptoError("EncodingAESKey must be 43 base64 characters");
  return fromBase64(`${aesKey}=`);
}

/**
 * Checks a callback's signature and age and decrypts it. Throws `WecomCryptoError` on a wrong
 * signature, a timestamp outside the replay window, a payload that does not decrypt, or one meant
 * for another corp.
 */
export function openWecomMessage(
  config: WecomCryptoConfig,
  params: SignedParams,
  encrypt: string,
  nowSeconds: number,
): string {
  const expected = wecomSignature(config.token, params.timestamp, params.nonce, encrypt);
  if (!constantTimeEqual(expected, params.msgSignature.toLowerCase()))
    throw new WecomCryptoError("wrong signature");
  const timestamp = Number(params.timestamp);
  if (!Number.isSafeInteger(timestamp) || Math.abs(nowSeconds - timestamp) > REPLAY_WINDOW_SECONDS)
    throw new WecomCryptoError("timestamp outside the replay window");
  return decryptWecom(config, encrypt);
}

/** The key bytes of the last EncodingAESKey seen (there is one per deployment). */
let lastKey: { aesKey: string; bytes: Uint8Array } | undefined;

export function decryptWecom(config: Pick<WecomCryptoConfig, "aesKey" | "corpId">, encrypt: string): string {
  if (lastKey?.aesKey !== config.aesKey)
    lastKey = { aesKey: config.aesKey, bytes: aesKeyBytes(config.aesKey) };
  const key = lastKey.bytes;
  let cipher: Uint8Array;
  try {
    cipher = fromBase64(encrypt);
  } catch {
    throw new WecomCryptoError("payload is not base64");
  }
  if (cipher.length === 0 || cipher.length % 32 !== 0)
    throw new WecomCryptoError("payload is not whole 32-byte blocks");
  let plain: Uint8Array;
  try {
    plain = cbc(key, key.subarray(0, 16), { disablePadding: true }).decrypt(cipher);
  } catch {
    throw new WecomCryptoError("payload does not decrypt");
  }
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
      // Oldest first (a Map iterates in insertion order): what left the window, or is one too many,
      // goes; the first entry that stays ends the walk, so a full guard costs one step, not 50,000.
      for (const [key, at] of seen) {
        if (nowSeconds - at <= windowSeconds && seen.size < maxEntries) break;
        seen.delete(key);
      }
      seen.set(signature, nowSeconds);
    },
  };
}
