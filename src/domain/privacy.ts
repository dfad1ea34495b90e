/**
 * Personal data (resident ID numbers, mobile numbers) is masked wherever text leaves the program:
 * replies, logs, the local chat page. Pure functions.
 */

/**
 * 18-character resident ID: 17 digits and a digit or X, not part of a longer run of digits. Letters
 * around it do not protect it ("ID51010219900307123X"). Kept: the first 4 and last 4 characters.
 */
const ID_NUMBER = /(?<!\d)(\d{4})\d{10}(\d{3}[\dXx])(?!\d)/g;
/** Mainland mobile: 1[3-9] and 9 more digits, optionally +86. Kept: the first 3 and last 4 digits. */
const MOBILE = /(?<!\d)((?:\+?86[- ]?)?1[3-9]\d)[- ]?\d{4}[- ]?(\d{4})(?!\d)/g;

export function maskIdNumber(id: string): string {
  return id.length === 18 ? `${id.slice(0, 4)}${"*".repeat(10)}${id.slice(14)}` : "*".repeat(id.length);
}

export function maskMobile(mobile: string): string {
  const digits = mobile.replace(/\D/g, "").slice(-11);
  return digits.length === 11 ? `${digits.slice(0, 3)}****${digits.slice(7)}` : "*".repeat(mobile.length);
}

export function maskPersonalData(text: string): string {
  return text
    .replace(ID_NUMBER, (_m, head: string, tail: string) => `${head}${"*".repeat(10)}${tail}`)
    .replace(MOBILE, (_m, head: string, tail: string) => `${head}****${tail}`);
}
