import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hasMessage, LOCALES, translate } from "../src/i18n/index.js";

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

  it("count in English with the singular for one (a committee of 1 secretary, 1 deputy)", () => {
    const seats = (secretary: number, fulltimeDeputies: number, parttimeDeputies: number, members: number) =>
      translate("en", "seats-summary", { secretary, fulltimeDeputies, parttimeDeputies, members, total: secretary + fulltimeDeputies + parttimeDeputies + members });
    expect(seats(1, 1, 0, 1)).toBe("1 secretary, 1 full-time deputy, 0 part-time deputies, 1 member, 3 in all");
    expect(seats(1, 0, 3, 9)).toBe("1 secretary, 0 full-time deputies, 3 part-time deputies, 9 members, 13 in all");
  });
});
