/**
 * Translations for every adapter (chat handlers, reminders, supervision digests, knowledge answers,
 * web pages): the Fluent bundles built from src/locales/*.ftl, bundled as strings so the Worker loads
 * them without a file system. Outside bot/ so that what is not the grammY pipeline need not import it.
 * (@grammyjs/i18n wraps this same Fluent engine but pulls in Deno's Node shim, which needs
 * `nodejs_compat` in Workers; the grammY middleware it provides is a few lines, in
 * src/bot/middlewares/i18n.ts.)
 */
import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";
import { DEFAULT_LOCALE, type Locale, LOCALES } from "../domain/locale.js";
import { localeSources } from "../generated/locales.js";

export { DEFAULT_LOCALE, LOCALES, type Locale } from "../domain/locale.js";

export type TranslationVariables = Record<string, FluentVariable>;
export type Translate = (key: string, variables?: TranslationVariables) => string;

const bundles = new Map<Locale, FluentBundle>();
for (const locale of LOCALES) {
  // Isolation marks around placeables confuse Telegram clients and copy-paste; plain text is wanted.
  const bundle = new FluentBundle(locale, { useIsolating: false });
  const errors = bundle.addResource(new FluentResource(localeSources[locale]));
  if (errors.length > 0) throw new Error(`locale ${locale}: ${errors[0]!.message}`);
  bundles.set(locale, bundle);
}

export function translate(locale: Locale, key: string, variables?: TranslationVariables): string {
  for (const candidate of [locale, DEFAULT_LOCALE]) {
    const bundle = bundles.get(candidate)!;
    const message = bundle.getMessage(key);
    if (message?.value) return bundle.formatPattern(message.value, variables);
  }
  return key;
}

export function translator(locale: Locale): Translate {
  return (key, variables) => translate(locale, key, variables);
}

export function hasMessage(locale: Locale, key: string): boolean {
  return bundles.get(locale)!.hasMessage(key);
}

/** A list inside a sentence: 甲、乙 in Chinese, "a, b" in English. */
export function joinList(locale: Locale, items: readonly string[]): string {
  return items.join(locale === "zh" ? "、" : ", ");
}

/** Telegram's `language_code` ("en-GB", "zh-hans") to one of ours; Chinese unless clearly English. */
export function negotiateLocale(languageCode: string | undefined): Locale {
  return languageCode?.toLowerCase().startsWith("en") ? "en" : "zh";
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}
