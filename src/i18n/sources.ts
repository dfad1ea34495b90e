import { isCustomSource, type RuleSource } from "../domain/rules/effective.js";
import { knowledgeBase } from "../knowledge/base.js";
import { type Locale, translate } from "./index.js";

/** Where a rule comes from: 《document》section:「exact words」, or the township's own note. */
export function citationText(locale: Locale, source: RuleSource): string {
  if (isCustomSource(source)) return translate(locale, "cand-cite-custom", { note: source.note ?? "none" });
  const doc = knowledgeBase().docs.get(source.doc);
  const section = doc?.sections.find((s) => s.id === source.section);
  return translate(locale, "cand-cite", {
    title: (locale === "en" ? doc?.titleEn : doc?.title) ?? source.doc,
    section: (section?.heading ?? source.section).replace(/[::。.\s]+$/u, ""),
    quote: source.quote,
  });
}

/** One line naming where a rule comes from, for step cards and refusals. */
export function describeSource(locale: Locale, source: RuleSource): string {
  if (isCustomSource(source)) return translate(locale, "rule-source-custom", { note: source.note ?? "" });
  return translate(locale, "rule-source", { cite: citationText(locale, source) });
}
