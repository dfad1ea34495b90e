/**
 * Personal numbers (resident ID numbers, mobile numbers) are masked wherever text is stored, sent,
 * logged or forwarded. One normaliser finds them however they are typed: in groups with spaces,
 * dashes, dots, slashes or underscores, in full-width or mixed digits (５１０１ 0419…) or Chinese
 * numerals (五一〇一…), with a lowercase or full-width X,
 * alone or inside other text. Pure functions.
 *
 * What counts:
 * - a run of 15 or more digits (separators between groups allowed): an ID number (18, or the old 15),
 *   possibly mistyped, with a digit too many or too few, or glued to another number. Everything but
 *   the last four digits goes: the rest, with the birth date stored beside it, would narrow the
 *   number down to a handful (see maskIdNumber).
 * - 11 digits starting 1[3-9] (a mainland mobile), optionally after +86 / 0086, also inside a
 *   shorter run: the first three and last four digits stay, as is usual on Chinese forms.
 * Dates (2024-03-16), amounts and counts stay as they are.
 */

/**
 * Between two digit groups of one number: at most two of these (spaces, dashes, dots, slashes,
 * underscores, and the invisible characters a paste can carry: zero-width spaces and joiners).
 */
const SEPARATOR =
  /^[\s\u00a0\u3000\-\u2010-\u2013\u2212\uff0d\ufe63.\uff0e\u00b7\u30fb/\uff0f\\_\uff3f\u200b-\u200d\u2060\ufeff\u00ad]$/u;
const MAX_GAP = 2;
/** A digit run of this many digits or more is masked as an ID number. */
const LONG_RUN = 15;

/** The ASCII digit a character stands for (full-width, mathematical, circled… via NFKC), or X. */
function digitOf(ch: string): string | undefined {
  if (ch >= "0" && ch <= "9") return ch;
  if (ch.length === 1 && ch.charCodeAt(0) < 0x80) return undefined;
  if (ch >= "０" && ch <= "９") return String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
  const chinese = CHINESE_DIGITS.get(ch);
  if (chinese) return chinese; // 〇一二…九: a number read out and typed as Chinese numerals
  if (ch >= "\u4e00" && ch <= "\u9fff") return undefined; // CJK ideographs: the bulk of the text
  if (!NUMERIC.test(ch)) return undefined;
  const normal = ch.normalize("NFKC");
  return /^[0-9]$/.test(normal) ? normal : undefined;
}
const NUMERIC = /\p{N}/u;
const CHINESE_DIGITS = new Map([..."〇一二三四五六七八九"].map((c, i) => [c, String(i)]));
CHINESE_DIGITS.set("零", "0");
/** Anything that may stand for a digit: numerals of any script, and the Chinese numerals (letters in Unicode). */
const NUMERICS = /[\p{N}一二三四五六七八九零]/gu;
const isX = (ch: string) => ch === "X" || ch === "x" || ch === "Ｘ" || ch === "ｘ";

interface Run {
  start: number;
  end: number;
  /** The run's digits (and a final X), separators dropped. */
  digits: string;
  /** For each digit, its [start, end) in the text. */
  spans: [number, number][];
}

/** The code point at `at` as a string (a surrogate pair is one character). */
function charAt(text: string, at: number): string {
  const code = text.charCodeAt(at);
  return code >= 0xd800 && code <= 0xdbff && at + 1 < text.length ? text.slice(at, at + 2) : text[at]!;
}

/** Maximal runs of digits in `text`, groups joined across at most MAX_GAP separators. */
function digitRuns(text: string): Run[] {
  const runs: Run[] = [];
  let current: Run | undefined;
  let gap = 0;
  const close = () => {
    if (current) runs.push(current);
    current = undefined;
    gap = 0;
  };
  for (let at = 0; at < text.length; ) {
    const ch = charAt(text, at);
    const next = at + ch.length;
    const digit = digitOf(ch) ?? (current && isX(ch) ? "X" : undefined);
    if (digit) {
      // X only ends a number: an X not followed by a digit (ID51010219900307123X).
      if (digit === "X" && next < text.length && digitOf(charAt(text, next)) !== undefined) {
        close();
        at = next;
        continue;
      }
      if (!current) current = { start: at, end: at, digits: "", spans: [] };
      current.digits += digit;
      current.spans.push([at, next]);
      current.end = next;
      gap = 0;
      if (digit === "X") close();
    } else if (current && gap < MAX_GAP && SEPARATOR.test(ch)) gap++;
    else close();
    at = next;
  }
  close();
  return runs;
}

interface Found {
  start: number;
  end: number;
  replacement: string;
}

function findPersonalNumbers(text: string): Found[] {
  const found: Found[] = [];
  for (const run of digitRuns(text)) {
    const { spans } = run;
    if (run.digits.length >= LONG_RUN) {
      found.push({ start: run.start, end: run.end, replacement: maskIdNumber(run.digits) });
      continue;
    }
    // A final X belongs to ID numbers only.
    const digits = run.digits.replace(/X$/, "");
    const end = spans[digits.length - 1]?.[1] ?? run.end;
    // A mobile: the whole run, or the run after a country code (86, 0086).
    const mobile = /^(?:0{0,2}86)?(1[3-9]\d{9})$/.exec(digits);
    if (mobile) {
      const first = digits.length - 11;
      found.push({ start: spans[first]![0], end, replacement: maskMobile(mobile[1]!) });
      continue;
    }
    // A mobile beside another digit or short number ("2 13912345678", "139123456780"): eleven digits
    // of whole groups if there are such, else the first eleven that look like a mobile.
    let best: number | undefined;
    for (let from = 0; from + 11 <= digits.length; from++) {
      if (!/^1[3-9]\d{9}$/.test(digits.slice(from, from + 11))) continue;
      const groupStart = from === 0 || spans[from]![0] !== spans[from - 1]![1];
      const groupEnd = from + 11 === digits.length || spans[from + 11]![0] !== spans[from + 10]![1];
      if (groupStart && groupEnd) {
        best = from;
        break;
      }
      best ??= from;
    }
    if (best !== undefined)
      found.push({
        start: spans[best]![0],
        end: spans[best + 10]![1],
        replacement: maskMobile(digits.slice(best, best + 11)),
      });
  }
  return found;
}

/**
 * The mask of an ID number (or any long digit run): only the last four characters. Together with the
 * birth date kept beside it, the first four would leave about ten numbers that pass the checksum; the
 * last four alone leave hundreds (every area code of the country).
 */
export function maskIdNumber(id: string): string {
  const plain = [...id].map((ch) => digitOf(ch) ?? (isX(ch) ? "X" : "")).join("");
  return plain.length >= 8
    ? `${"*".repeat(plain.length - 4)}${plain.slice(-4)}`
    : "*".repeat(Math.max(plain.length, 1));
}

export function maskMobile(mobile: string): string {
  const digits = [...mobile]
    .map((ch) => digitOf(ch) ?? "")
    .join("")
    .slice(-11);
  return digits.length === 11 ? `${digits.slice(0, 3)}****${digits.slice(7)}` : "*".repeat(mobile.length);
}

/** `text` with every ID number and mobile number masked, however it was typed. */
export function maskPersonalData(text: string): string {
  // Most text has fewer digits than the shortest number masked (a mobile's 11): nothing to scan.
  if (!text || (text.match(NUMERICS)?.length ?? 0) < 11) return text;
  const found = findPersonalNumbers(text);
  if (found.length === 0) return text;
  let out = "";
  let at = 0;
  for (const f of found) {
    out += text.slice(at, f.start) + f.replacement;
    at = f.end;
  }
  return out + text.slice(at);
}

/** Whether `text` holds an ID number or a mobile number in any form (the property tests' scanner uses digits). */
export function hasPersonalNumber(text: string): boolean {
  return findPersonalNumbers(text).length > 0;
}

/**
 * Every string inside a JSON-like value masked (object keys and non-strings kept): for session data,
 * audit details and log fields, so their JSON stays valid.
 */
export function maskPersonalDataDeep<T>(value: T): T {
  if (typeof value === "string") return maskPersonalData(value) as T;
  if (Array.isArray(value)) return value.map((v) => maskPersonalDataDeep(v)) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = maskPersonalDataDeep(v);
    return out as T;
  }
  return value;
}
