import type { DocId } from "../domain/rules/types.js";
import type { KnowledgeDoc } from "./corpus.js";

/** A retrievable piece of a section: a paragraph, or a few sentences of a long one. */
export interface Passage {
  /** Position in the passage list; what the search index stores. */
  id: number;
  doc: DocId;
  section: string;
  heading: string;
  /**
   * The headings of the sections around this one, outermost first: what the passage is about without
   * saying it ("(一)关键之一是“人”" sits under "二、…工作的关键"; the phases sit under "六、推进步骤").
   */
  context: string;
  /** Exact substring of the section's text. */
  text: string;
}

const MAX_PASSAGE = 220;

/** Sentences end at 。!?; and at line ends; the end mark stays with its sentence. */
export function splitSentences(text: string): string[] {
  return (text.match(/[^。!?;!?;\n]+[。!?;!?;]?/g) ?? []).map((s) => s.trim()).filter((s) => s.length > 0);
}

export function passagesOf(docs: KnowledgeDoc[]): Passage[] {
  const passages: Passage[] = [];
  for (const doc of docs) {
    for (const section of doc.sections) {
      const paragraphs = section.text.split("\n").filter((p) => p.trim().length > 0);
      // A heading without text of its own is found through its subsections, whose context it is.
      if (paragraphs.length === 0) continue;
      const context = section.path.slice(0, -1).join(" ");
      for (const paragraph of paragraphs) {
        for (const text of windows(paragraph)) {
          passages.push({
            id: passages.length,
            doc: doc.id,
            section: section.id,
            heading: section.heading,
            context,
            text,
          });
        }
      }
    }
  }
  return passages;
}

/** A long paragraph in windows of whole sentences, each a contiguous substring of the paragraph. */
function windows(paragraph: string): string[] {
  if (paragraph.length <= MAX_PASSAGE) return [paragraph.trim()];
  const out: string[] = [];
  let start = 0;
  let cursor = 0;
  for (const sentence of splitSentences(paragraph)) {
    const at = paragraph.indexOf(sentence, cursor);
    const end = at + sentence.length;
    if (end - start > MAX_PASSAGE && at > start) {
      out.push(paragraph.slice(start, at).trim());
      start = at;
    }
    cursor = end;
  }
  out.push(paragraph.slice(start).trim());
  return out.filter((p) => p.length > 0);
}
