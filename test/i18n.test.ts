import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hasMessage, LOCALES } from "../src/i18n/index.js";

const keysOf = (locale: string) =>
  readdirSync(join("src/locales", locale))
    .filter((f) => f.endsWith(".ftl"))
    .flatMap((f) => [...readFileSync(join("src/locales", locale, f), "utf8").matchAll(/^([a-z][\w-]*) =/gm)].map((m) => m[1]!));

describe("locale files", () => {
  it("parse completely: every message written is loaded (Fluent drops malformed ones silently)", () => {
    for (const locale of LOCALES) for (const key of keysOf(locale)) expect(hasMessage(locale, key), `${locale}: ${key}`).toBe(true);
  });

  it("say the same things in Chinese and English", () => {
    expect(new Set(keysOf("en"))).toEqual(new Set(keysOf("zh")));
  });
});
