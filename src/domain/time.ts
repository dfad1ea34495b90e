/**
 * Calendar helpers for Asia/Shanghai dates ("YYYY-MM-DD"). The machine's time zone must never matter:
 * instants are read only through Intl with timeZone "Asia/Shanghai", and date arithmetic is integer
 * arithmetic on year-month-day (days from civil, H. Hinnant), never local-time Date getters.
 */
import type { LocalDate } from "./township.js";

export const SHANGHAI_TIME_ZONE = "Asia/Shanghai";
const MS_PER_DAY = 86_400_000;

interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : MONTH_DAYS[m - 1]!;
}

export function isRealDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function twoDigits(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function toLocalDate(year: number, month: number, day: number): LocalDate {
  const yyyy = year >= 1000 && year <= 9999 ? String(year) : String(year).padStart(4, "0");
  return `${yyyy}-${twoDigits(month)}-${twoDigits(day)}`;
}

/** The value of the ASCII digit at `i`, or -1. */
function digitAt(date: string, i: number): number {
  const c = date.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/**
 * "YYYY-MM-DD" read digit by digit: due dates are planned for every step of every township on each
 * reminder sweep, and a regular expression here was the largest cost of that pass.
 */
function split(date: string): Ymd | undefined {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return undefined;
  const d0 = digitAt(date, 0);
  const d1 = digitAt(date, 1);
  const d2 = digitAt(date, 2);
  const d3 = digitAt(date, 3);
  const m0 = digitAt(date, 5);
  const m1 = digitAt(date, 6);
  const a0 = digitAt(date, 8);
  const a1 = digitAt(date, 9);
  if ((d0 | d1 | d2 | d3 | m0 | m1 | a0 | a1) < 0) return undefined;
  const y = d0 * 1000 + d1 * 100 + d2 * 10 + d3;
  const m = m0 * 10 + m1;
  const d = a0 * 10 + a1;
  return isRealDate(y, m, d) ? { y, m, d } : undefined;
}

function parse(date: LocalDate): Ymd {
  const ymd = split(date);
  if (!ymd) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
  return ymd;
}

function join({ y, m, d }: Ymd): LocalDate {
  return toLocalDate(y, m, d);
}

/** Days since 1970-01-01 of a proleptic Gregorian date. */
function daysFromCivil({ y, m, d }: Ymd): number {
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yoe = year - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): Ymd {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** Day number (days since 1970-01-01) of a calendar date, for arithmetic in hot loops. */
export function dayNumber(date: LocalDate): number {
  return daysFromCivil(parse(date));
}

/** dayNumber of a string that may not be a date: undefined then. */
export function dayNumberOf(date: string): number | undefined {
  const ymd = split(date);
  return ymd && daysFromCivil(ymd);
}

/** The date of a day number. */
export function dateOfDay(day: number): LocalDate {
  return join(civilFromDays(day));
}

export function isValidDate(date: string): boolean {
  return split(date) !== undefined;
}

export function addDays(date: LocalDate, n: number): LocalDate {
  return dateOfDay(dayNumber(date) + n);
}

/** Calendar months, clamped to the month's end: 2024-01-31 + 1 month = 2024-02-29. */
export function addMonths(date: LocalDate, n: number): LocalDate {
  const { y, m, d } = parse(date);
  const index = y * 12 + (m - 1) + n;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return join({ y: year, m: month, d: Math.min(d, daysInMonth(year, month)) });
}

/** b − a in days: daysBetween("2011-10-01", "2011-10-15") = 14 (an inclusive period of 15 days). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return dayNumber(b) - dayNumber(a);
}

export function compareDates(a: LocalDate, b: LocalDate): -1 | 0 | 1 {
  const diff = daysBetween(b, a);
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}

let wallClockFormat: Intl.DateTimeFormat | undefined;
let lastWallClock: { ms: number; wall: Ymd & { hour: number; minute: number; second: number } } | undefined;

/** The Shanghai wall clock of an instant (the formatter is made lazily: Workers forbid some global-scope work). */
function shanghaiWallClock(instant: Date): Ymd & { hour: number; minute: number; second: number } {
  wallClockFormat ??= new Intl.DateTimeFormat("en-US", {
    timeZone: SHANGHAI_TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });
  // Callers ask about the same instant again and again (a sweep's `now`): Intl's formatToParts costs
  // tens of microseconds, so the last answer is kept.
  const ms = instant.getTime();
  if (ms === lastWallClock?.ms) return { ...lastWallClock.wall };
  const parts: Record<string, number> = {};
  for (const part of wallClockFormat.formatToParts(instant)) parts[part.type] = Number(part.value);
  const wall = {
    y: parts.year!,
    m: parts.month!,
    d: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
  lastWallClock = { ms, wall };
  return { ...wall };
}

export function shanghaiDate(instant: Date): LocalDate {
  return join(shanghaiWallClock(instant));
}

export function shanghaiHour(instant: Date): number {
  return shanghaiWallClock(instant).hour;
}

/**
 * The instant of 00:00 in Shanghai on `date`. China has kept UTC+8 since 1991, but the offset is read
 * from Intl rather than assumed, so dates in the 1986–1991 summer-time years come out right too.
 */
export function startOfShanghaiDay(date: LocalDate): Date {
  const midnightUtc = daysFromCivil(parse(date)) * MS_PER_DAY;
  let instant = midnightUtc;
  for (let i = 0; i < 2; i++) {
    const wall = shanghaiWallClock(new Date(instant));
    const wallMs =
      daysFromCivil(wall) * MS_PER_DAY + ((wall.hour * 60 + wall.minute) * 60 + wall.second) * 1000;
    instant += midnightUtc - wallMs;
  }
  return new Date(instant);
}

const EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2011年10月8日" / "8 Oct 2011": fixed forms, so output does not depend on the runtime's ICU data. */
export function formatDate(date: LocalDate, locale: "zh" | "en"): string {
  const { y, m, d } = parse(date);
  return locale === "zh" ? `${y}年${m}月${d}日` : `${d} ${EN_MONTHS[m - 1]} ${y}`;
}
