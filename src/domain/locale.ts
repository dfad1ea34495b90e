/** The languages the assistant speaks (src/locales/<locale>/*.ftl); Chinese unless the user chose English. */
export const LOCALES = ["zh", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh";
