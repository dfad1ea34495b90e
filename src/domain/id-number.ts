/**
 * Mainland resident ID numbers (GB 11643-1999): 6-digit area code, 8-digit birth date, 3-digit sequence
 * (odd = male), and a check character by ISO 7064 MOD 11-2. Only the derived facts and a masked form
 * leave this module; the caller decides whether to keep the normalized number (e.g. to hash it). Pure.
 */

import type { Gender } from "./candidate.js";
import { maskIdNumber } from "./privacy.js";
import { isRealDate, toLocalDate } from "./time.js";
import type { LocalDate } from "./township.js";

export type IdNumberError = "length" | "characters" | "province" | "date" | "checksum";

export type IdNumberResult =
  | { ok: true; normalized: string; birthDate: LocalDate; gender: Gender; masked: string }
  | { ok: false; error: IdNumberError };

/** Province-level codes: mainland provinces, plus 71 Taiwan, 81 Hong Kong, 82 Macau. */
const PROVINCE_CODE = /^(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[12])/;

/** Weight of position i is 2^(17-i) mod 11; the remainder of the weighted sum picks the check character. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = "10X98765432";

export function idNumberCheckCharacter(first17: string): string {
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(first17[i]), 0);
  return CHECK_CHARACTERS[sum % 11]!;
}

/**
 * Full-width digits and letters become ASCII (NFKC), spaces, dashes, dots, slashes and underscores between groups are
 * dropped (numbers are often written in groups: 510104 19950307 1233, 510104-19950307-1233), and a
 * lowercase x is read as X. The same separators as the personal-data mask (privacy.ts).
 */
export function normalizeIdNumber(input: string): string {
  return input
    .normalize("NFKC")
    .replace(/[\s\u00a0\u3000\-\u2010-\u2013\u2212\ufe63.\u00b7\u30fb/\\_\u200b-\u200d\u2060\ufeff\u00ad]+/g, "")
    .toUpperCase();
}

/** Whether a cell or an answer is meant as an ID number (rather than a birth date): 15 or more digits. */
export function looksLikeIdNumber(input: string): boolean {
  return /^[\dX]{15,}$/.test(normalizeIdNumber(input));
}

export function validateIdNumber(input: string, today: LocalDate): IdNumberResult {
  const id = normalizeIdNumber(input);
  if (id.length !== 18) return { ok: false, error: "length" };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, error: "characters" };
  if (!PROVINCE_CODE.test(id)) return { ok: false, error: "province" };

  const [year, month, day] = [id.slice(6, 10), id.slice(10, 12), id.slice(12, 14)].map(Number) as [
    number,
    number,
    number,
  ];
  const birthDate = toLocalDate(year, month, day);
  if (year < 1900 || !isRealDate(year, month, day) || birthDate > today) return { ok: false, error: "date" };

  if (idNumberCheckCharacter(id.slice(0, 17)) !== id[17]) return { ok: false, error: "checksum" };
  const gender: Gender = Number(id[16]) % 2 === 1 ? "male" : "female";
  return { ok: true, normalized: id, birthDate, gender, masked: maskIdNumber(id) };
}
