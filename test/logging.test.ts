import { describe, expect, it } from "vitest";
import { createLogger } from "../src/logging.js";
import { makeId } from "./fixtures/candidates.js";

const ID = makeId("19950307", "231");

function capture() {
  const lines: string[] = [];
  return { lines, logger: createLogger("debug", (line) => lines.push(line)), parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe("the log line", () => {
  it("keeps its own level, time and event whatever fields a caller passes", () => {
    const { logger, parsed } = capture();
    logger.info("unit_registered", { level: "county", event: "forged", time: "1999-01-01", unit: "东区团委" });
    const [line] = parsed();
    expect(line).toMatchObject({ level: "info", event: "unit_registered", field_level: "county", field_event: "forged", field_time: "1999-01-01", unit: "东区团委" });
    expect(line!.time).not.toBe("1999-01-01");
    expect(Object.keys(line!).slice(0, 3)).toEqual(["time", "level", "event"]);
  });

  it("a bug's line keeps its stack; an expected failure's line does not", () => {
    const { logger, parsed } = capture();
    const bug = new TypeError("cannot read properties of undefined");
    logger.error("handler_failed", { error: bug });
    logger.warn("database_unavailable", { error: new Error("SQLITE_BUSY") });
    const [failed, warned] = parsed() as { error: { stack?: string[]; message: string } }[];
    expect(failed!.error.message).toBe("cannot read properties of undefined");
    expect(failed!.error.stack?.[0]).toMatch(/^at .*logging\.test\.ts:\d+:\d+/);
    expect(warned!.error.stack).toBeUndefined();
  });

  it("masks personal numbers in any string, in any spelling, and keeps numbers as numbers", () => {
    const { logger, lines, parsed } = capture();
    const spaced = `${ID.slice(0, 4)} ${ID.slice(4, 8)} ${ID.slice(8, 12)} ${ID.slice(12, 16)} ${ID.slice(16)}`;
    logger.error("import_failed", { note: `身份证 ${spaced} 手机１３９１２３４５６７８`, error: new Error(`bad value ${ID}`), userId: 2 ** 52 + 7 });
    const text = lines.join("\n").normalize("NFKC").replace(/\D/g, "");
    expect(text).not.toContain(ID.slice(0, 14));
    expect(text).not.toContain("13912345678");
    expect(parsed()[0]!.userId).toBe(2 ** 52 + 7);
  });
});
