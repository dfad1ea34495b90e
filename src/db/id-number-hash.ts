import { ristretto255, ristretto255_hasher } from "@noble/curves/ed25519.js";

/**
 * The keyed hash of an ID number that finds the same person entered twice, and that can be re-keyed
 * without the numbers. The ID number is not stored, so a plain HMAC could never move to a new key:
 * rotation would mean keeping the old key forever (and a leaked old key would still confirm guesses).
 *
 * Instead the hash is k·H(id) in the prime-order group ristretto255: H is RFC 9380 hash-to-group and
 * k a scalar derived from PII_HASH_KEY (the construction of RFC 9497's OPRF, evaluated locally).
 * Without k nobody can test a guessed number; with k and k' one multiplies every stored hash by k'/k
 * and gets k'·H(id), the hash under the new key (`npm run rekey`). After that the old key is useless
 * against the database. Stored as 64 hex digits, like the HMAC before it.
 */
const encoder = new TextEncoder();
const ID_DST = "tuanjian-id-number-hash-v2";
const KEY_DST = "tuanjian-pii-hash-key-v2";
const { Fn } = ristretto255.Point;

function keyScalar(secret: string): bigint {
  const k = ristretto255_hasher.hashToScalar(encoder.encode(secret), { DST: KEY_DST });
  // Zero has probability 2^-252; a key that gives it is refused rather than hashing everything to one point.
  if (k === 0n) throw new Error("PII_HASH_KEY gives a zero scalar; choose another key");
  return k;
}

/** The hash of a normalized ID number (see `normalizeIdNumber`) under the key `secret`. */
export async function hashIdNumber(secret: string, normalizedIdNumber: string): Promise<string> {
  return ristretto255_hasher.hashToCurve(encoder.encode(normalizedIdNumber), { DST: ID_DST }).multiply(keyScalar(secret)).toHex();
}

/** Moves a stored hash from key `oldSecret` to key `newSecret`; undefined if it is not such a hash. */
export function rekeyIdNumberHash(hash: string, oldSecret: string, newSecret: string): string | undefined {
  let point: InstanceType<typeof ristretto255.Point>;
  try {
    point = ristretto255.Point.fromHex(hash);
  } catch {
    return undefined;
  }
  return point.multiply(Fn.mul(keyScalar(newSecret), Fn.inv(keyScalar(oldSecret)))).toHex();
}
