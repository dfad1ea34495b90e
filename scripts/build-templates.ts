/**
 * Build-time half of the document templates: reads src/documents/templates/*.md (front matter `kind`
 * and `name`, then the body in the syntax of src/documents/render.ts), checks that every kind has
 * exactly one template and that each body renders, and bundles them into src/generated/templates.ts,
 * so the Worker drafts documents without a file system.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { DOCUMENT_KINDS, type DocumentKind } from "../src/documents/kinds.js";
import { renderTemplate } from "../src/documents/render.js";

export interface TemplateSource {
  kind: DocumentKind;
  /** The document's short name, used in the file name (e.g. 任前公示). */
  name: string;
  body: string;
}

export function parseTemplate(file: string, text: string): TemplateSource {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`${file}: expected front matter between “---” lines`);
  const meta = parse(match[1]!) as { kind?: unknown; name?: unknown } | null;
  const kind = meta?.kind;
  if (typeof kind !== "string" || !(DOCUMENT_KINDS as readonly string[]).includes(kind))
    throw new Error(`${file}: kind must be one of ${DOCUMENT_KINDS.join(", ")}`);
  const name = meta?.name;
  if (typeof name !== "string" || name.trim() === "" || /[\\/:*?"<>|]/.test(name))
    throw new Error(`${file}: name must be a short document name usable in a file name`);
  const body = match[2]!;
  try {
    renderTemplate(body, {});
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
  return { kind: kind as DocumentKind, name: name.trim(), body };
}

export function buildTemplatesModule(root: string): string {
  const dir = join(root, "src/documents/templates");
  const templates: Partial<Record<DocumentKind, TemplateSource>> = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".md")).sort()) {
    const template = parseTemplate(file, readFileSync(join(dir, file), "utf8"));
    if (templates[template.kind]) throw new Error(`${file}: a second template for ${template.kind}`);
    templates[template.kind] = template;
  }
  const missing = DOCUMENT_KINDS.filter((k) => !templates[k]);
  if (missing.length > 0) throw new Error(`src/documents/templates: no template for ${missing.join(", ")}`);
  return [
    `import type { DocumentKind } from "../documents/kinds.js";`,
    `export const documentTemplates: Record<DocumentKind, { kind: DocumentKind; name: string; body: string }> = ${JSON.stringify(templates, null, 2)};`,
    "",
  ].join("\n");
}
