import { isCustomSource, type RuleSource } from "../domain/rules/effective.js";
import { knowledgeBase } from "../knowledge/base.js";
import { type Locale, translate } from "./i18n.js";

/** One line naming where a rule comes from: the document, its section and the exact words, or the township's note. */
export function describeSource(locale: Locale, source: RuleSource): string {
  if (isCustomSource(source)) return translate(locale, "rule-source-custom", { note: source.note ?? "" });
  const doc = knowledgeBase().docs.get(source.doc);
  const heading = doc?.sections.find((s) => s.id === source.section)?.heading ?? source.section;
  return translate(locale, "rule-source", { title: doc?.title ?? source.doc, heading, quote: source.quote });
}
