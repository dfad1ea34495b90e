/**
 * npm run ask -- [--json] [--batch] [--lang zh|en] [QUESTION]
 * Answers policy questions from the command line; --batch reads one question a line from stdin and
 * prints one JSON object a line, in order. Uses the LLM when OPENAI_API_KEY is set.
 */
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { isLocale } from "../src/i18n/index.js";
import { ConfigError, parseConfig } from "../src/config/env.js";
import type { Answer } from "../src/knowledge/answer.js";
import { createPolicyDesk, formatAnswer } from "../src/knowledge/ask.js";

const { values, positionals } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    batch: { type: "boolean", default: false },
    lang: { type: "string" },
  },
  allowPositionals: true,
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

if (values.lang !== undefined && !isLocale(values.lang)) fail("--lang must be zh or en");
const lang = values.lang as "zh" | "en" | undefined;
let config: ReturnType<typeof parseConfig>;
try {
  config = parseConfig(process.env);
} catch (error) {
  fail(error instanceof ConfigError ? error.message : String(error));
}
const ask = createPolicyDesk(config.openai, (event, fields) =>
  console.error(JSON.stringify({ event, ...fields })),
);

const asJson = (a: Answer) =>
  JSON.stringify({
    answer: a.answer,
    grounded: a.grounded,
    lang: a.lang,
    ...(a.kind ? { kind: a.kind } : {}),
    ...(a.facts ? { facts: a.facts } : {}),
    citations: a.citations.map((c) => ({ doc: c.doc, section: c.section, title: c.title, quote: c.quote })),
  });

if (values.batch) {
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.trim() === "") continue;
    console.log(asJson(await ask(line, lang ? { lang } : {})));
  }
} else {
  const question = positionals.join(" ").trim();
  if (!question) fail('Usage: npm run ask -- [--json] [--batch] [--lang zh|en] "QUESTION"');
  const answer = await ask(question, lang ? { lang } : {});
  console.log(values.json ? asJson(answer) : formatAnswer(answer));
}
