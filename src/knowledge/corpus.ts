/**
 * The curated knowledge documents (src/knowledge/docs/*.md) as data. Pure: no file system, no Node APIs,
 * so the same parser runs in Node and in the Cloudflare Worker (the build step hands it the text).
 *
 * Document format:
 *   ---                                  YAML front matter
 *   id, title, title_en, issuer, place, date? (ISO, quoted), kind, corrections: [{original, corrected, section}]
 *   ---
 *   ## 四、乡镇团委干部的选配具体要求 {#s4}   a heading: level = number of '#' minus one, explicit id
 *   paragraph lines, separated by blank lines
 *
 * A correction's `section` is a section id, or the pseudo-section "title" when the slip was in the title.
 */
import { parse as parseYaml } from "yaml";
import { DOC_IDS, type DocId } from "../domain/rules/types.js";

export const DOC_KINDS = ["speech", "reflection", "plan"] as const;
export type DocKind = (typeof DOC_KINDS)[number];

/** The pseudo-section id a correction uses when the slip was in the document's title. */
export const TITLE_SECTION = "title";

export interface KnowledgeCorrection {
  /** The text as the source has it. */
  original: string;
  /** The normalised text now in the document. */
  corrected: string;
  /** Section id (or "title") where the correction was made. */
  section: string;
}

export interface KnowledgeSection {
  /** Stable id: "preamble", "s4", "s4-1", "s4-1-1", "signoff", ... unique within the document. */
  id: string;
  /** The heading as written, e.g. "(一)宣传发动". */
  heading: string;
  /** 1 for "##", 2 for "###", 3 for "####". */
  level: number;
  /** Headings from the top level down to and including this section's own. */
  path: string[];
  /** The section's own paragraphs (not its subsections'), joined by "\n". May be "" for a pure container. */
  text: string;
  /** A faithful English rendering (src/knowledge/docs/<id>.en.yaml), for English answers and the section view. */
  en?: { heading: string; text: string };
}

export interface KnowledgeDoc {
  id: DocId;
  title: string;
  titleEn: string;
  issuer: string;
  place: string;
  date?: string;
  kind: DocKind;
  corrections: KnowledgeCorrection[];
  sections: KnowledgeSection[];
}

export class KnowledgeFormatError extends Error {
  override name = "KnowledgeFormatError";
}

const HEADING = /^(#{2,6})[ \t]+(.+?)[ \t]+\{#([A-Za-z0-9][A-Za-z0-9-]*)\}[ \t]*$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function fail(docHint: string, message: string): never {
  throw new KnowledgeFormatError(`${docHint}: ${message}`);
}

function requireString(meta: Record<string, unknown>, key: string, hint: string): string {
  const value = meta[key];
  if (typeof value !== "string" || value.trim() === "")
    fail(hint, `front matter "${key}" must be a non-empty string`);
  return value.trim();
}

function isDocId(value: string): value is DocId {
  return (DOC_IDS as readonly string[]).includes(value);
}

function isDocKind(value: string): value is DocKind {
  return (DOC_KINDS as readonly string[]).includes(value);
}

/** Split "---\n<yaml>\n---\n<body>" into its two parts. */
function splitFrontMatter(source: string): { yaml: string; body: string } {
  const lines = source.split("\n");
  if (lines[0]?.trim() !== "---") fail("knowledge doc", "must start with a '---' front matter line");
  const close = lines.findIndex((line, i) => i > 0 && line.trim() === "---");
  if (close < 0) fail("knowledge doc", "front matter is not closed by '---'");
  return { yaml: lines.slice(1, close).join("\n"), body: lines.slice(close + 1).join("\n") };
}

/** Parse one curated knowledge document. Throws KnowledgeFormatError on any malformed input. */
export function parseKnowledgeDoc(markdown: string): KnowledgeDoc {
  const source = markdown.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const { yaml, body } = splitFrontMatter(source);

  const raw: unknown = parseYaml(yaml);
  if (raw === null || typeof raw !== "object" || Array.isArray(raw))
    fail("knowledge doc", "front matter must be a mapping");
  const meta = raw as Record<string, unknown>;

  const id = requireString(meta, "id", "knowledge doc");
  if (!isDocId(id)) fail("knowledge doc", `unknown document id "${id}"`);
  const hint = `knowledge doc ${id}`;

  const kind = requireString(meta, "kind", hint);
  if (!isDocKind(kind)) fail(hint, `unknown kind "${kind}"`);

  let date: string | undefined;
  if (meta.date !== undefined && meta.date !== null) {
    if (typeof meta.date !== "string" || !ISO_DATE.test(meta.date))
      fail(hint, `"date" must be a quoted ISO date`);
    date = meta.date;
  }

  const sections = parseSections(body, hint);
  const sectionIds = new Set(sections.map((s) => s.id));

  const rawCorrections = meta.corrections ?? [];
  if (!Array.isArray(rawCorrections)) fail(hint, `"corrections" must be a list`);
  const corrections: KnowledgeCorrection[] = rawCorrections.map((entry: unknown, i: number) => {
    if (entry === null || typeof entry !== "object") fail(hint, `correction ${i} must be a mapping`);
    const c = entry as Record<string, unknown>;
    const original = requireString(c, "original", `${hint} correction ${i}`);
    const corrected = requireString(c, "corrected", `${hint} correction ${i}`);
    const section = requireString(c, "section", `${hint} correction ${i}`);
    if (section !== TITLE_SECTION && !sectionIds.has(section)) {
      fail(hint, `correction ${i} names unknown section "${section}"`);
    }
    return { original, corrected, section };
  });

  const doc: KnowledgeDoc = {
    id,
    title: requireString(meta, "title", hint),
    titleEn: requireString(meta, "title_en", hint),
    issuer: requireString(meta, "issuer", hint),
    place: requireString(meta, "place", hint),
    kind,
    corrections,
    sections,
  };
  if (date !== undefined) doc.date = date;
  return doc;
}

function parseSections(body: string, hint: string): KnowledgeSection[] {
  const sections: KnowledgeSection[] = [];
  const seen = new Set<string>();
  const stack: string[] = []; // headings of the open sections, index = level - 1
  let current: { section: KnowledgeSection; paragraphs: string[]; block: string[] } | undefined;

  const flushBlock = (): void => {
    if (current && current.block.length > 0) {
      // Lines of one paragraph are joined without a space: the text is Chinese.
      current.paragraphs.push(current.block.join(""));
      current.block = [];
    }
  };
  const closeSection = (): void => {
    if (!current) return;
    flushBlock();
    current.section.text = current.paragraphs.join("\n");
    sections.push(current.section);
  };

  for (const [index, rawLine] of body.split("\n").entries()) {
    const line = rawLine.trimEnd();
    const heading = HEADING.exec(line);
    if (heading) {
      const level = heading[1]!.length - 1;
      const text = heading[2]!.trim();
      const id = heading[3]!;
      if (seen.has(id)) fail(hint, `duplicate section id "${id}" (line ${index + 1})`);
      if (level > stack.length + 1) fail(hint, `heading "${text}" skips a level (line ${index + 1})`);
      seen.add(id);
      closeSection();
      stack.length = level - 1;
      stack.push(text);
      current = {
        section: { id, heading: text, level, path: [...stack], text: "" },
        paragraphs: [],
        block: [],
      };
      continue;
    }
    if (line.startsWith("#")) fail(hint, `heading without an explicit {#id} (line ${index + 1}): ${line}`);
    if (line.trim() === "") {
      flushBlock();
      continue;
    }
    if (!current) fail(hint, `text before the first heading (line ${index + 1})`);
    current.block.push(line.trim());
  }
  closeSection();
  if (sections.length === 0) fail(hint, "document has no sections");
  return sections;
}

/**
 * Attaches the English rendering of each section (a YAML map: section id → {heading, text}). Every
 * section must have one and every entry must name a section.
 */
export function withEnglish(doc: KnowledgeDoc, yaml: string): KnowledgeDoc {
  const raw: unknown = parseYaml(yaml);
  const hint = `knowledge doc ${doc.id} (English)`;
  if (raw === null || typeof raw !== "object" || Array.isArray(raw))
    fail(hint, "must be a mapping of section ids");
  const entries = raw as Record<string, { heading?: unknown; text?: unknown }>;
  for (const id of Object.keys(entries))
    if (!doc.sections.some((s) => s.id === id)) fail(hint, `unknown section "${id}"`);
  const sections = doc.sections.map((s) => {
    const entry = entries[s.id];
    if (!entry || typeof entry.heading !== "string" || typeof entry.text !== "string")
      fail(hint, `section "${s.id}" has no English heading and text`);
    return { ...s, en: { heading: entry.heading, text: entry.text.trim() } };
  });
  return { ...doc, sections };
}

/** The section with this id, if any. */
export function getSection(doc: KnowledgeDoc, sectionId: string): KnowledgeSection | undefined {
  return doc.sections.find((s) => s.id === sectionId);
}

/** True when `quote` is a non-empty exact substring of the text of section `sectionId` of `doc`. */
export function findQuote(doc: KnowledgeDoc, sectionId: string, quote: string): boolean {
  if (quote === "") return false;
  return getSection(doc, sectionId)?.text.includes(quote) ?? false;
}
