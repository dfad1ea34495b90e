/**
 * Chinese text with full-width punctuation: a half-width , : ; ? ! ( ) next to a Chinese character
 * becomes its full-width form (，：；？！（）). For texts the supervisors' page shows that come from
 * elsewhere (a step's title, a unit's registered name); the page's own strings are written full-width.
 * Digits and Latin text keep their signs (“1:5”, “22:00”, “system-ui, sans-serif”).
 */
const FULL: Record<string, string> = { ",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）" };
const CHINESE = "\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef“”";
const AFTER = new RegExp(`(?<=[${CHINESE}])[,:;?!()]`, "g");
const BEFORE = new RegExp(`[,:;?!()](?=[${CHINESE}])`, "g");
/** Half-width punctuation next to a Chinese character: what a Chinese page never shows. */
export const HALF_WIDTH_IN_CHINESE = new RegExp(`[${CHINESE}][,:;?!()]|[,:;?!()][${CHINESE}]`);

export function fullWidth(text: string): string {
  let out = text;
  // Twice: “(领导小组)” has a bracket on each side of Chinese, and “)”'s neighbour may itself be converted.
  for (let i = 0; i < 2; i++) out = out.replace(AFTER, (c) => FULL[c]!).replace(BEFORE, (c) => FULL[c]!);
  return out;
}

/** Every string in a JSON value, full-width (ids and numbers are untouched: they hold no Chinese). */
export function fullWidthDeep<T>(value: T): T {
  if (typeof value === "string") return fullWidth(value) as T;
  if (Array.isArray(value)) return value.map(fullWidthDeep) as T;
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fullWidthDeep(v)])) as T;
  return value;
}
