import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../src/config/env.js";
import { startServer } from "./fixtures/server-process.js";

describe("configuration", () => {
  it("defaults to the local chat on port 8787 with an embedded database", () => {
    const config = parseConfig({});
    expect(config.port).toBe(8787);
    expect(config.databaseUrl).toBe("file:./data/bot.db");
    expect(config.botToken).toBeUndefined();
    expect(config.botMode).toBe("polling");
    expect(config.telegramApiRoot).toBe("https://api.telegram.org");
    expect(config.timeZone).toBe("Asia/Shanghai");
  });

  it.each([
    [{ PORT: "eighty" }, /^Configuration error: PORT .*\(got "eighty"\)$/],
    [{ BOT_MODE: "push" }, /^Configuration error: BOT_MODE /],
    [{ BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ", BOT_MODE: "webhook" }, /^Configuration error: WEBHOOK_SECRET is required/],
    [{ DATABASE_URL: "postgres://x" }, /^Configuration error: DATABASE_URL must start with file:/],
    [{ BOT_INFO: "{not json" }, /^Configuration error: BOT_INFO must be the JSON of getMe/],
    [{ BOT_TOKEN: "secret-but-wrong" }, /^Configuration error: BOT_TOKEN must look like .*\(got "se…"\)$/],
  ])("a wrong value names the variable in one line: %j", (env, message) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    try {
      parseConfig(env);
    } catch (error) {
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain("\n");
    }
  });

  it("accepts a remote libSQL URL with a token, and LIBSQL_URL as the Worker spells it", () => {
    expect(parseConfig({ DATABASE_URL: "https://db.example.turso.io", LIBSQL_AUTH_TOKEN: "t" }).databaseUrl).toBe(
      "https://db.example.turso.io",
    );
    expect(parseConfig({ LIBSQL_URL: "libsql://db.example.turso.io" }).databaseUrl).toBe("libsql://db.example.turso.io");
  });

  it("the server stops with one clear line, not a stack trace", async () => {
    await expect(startServer({ BOT_MODE: "sideways" })).rejects.toThrow(/Configuration error: BOT_MODE/);
    try {
      await startServer({ BOT_MODE: "sideways" });
    } catch (error) {
      const output = (error as Error).message.split("\n").slice(1).join("\n").trim();
      expect(output.split("\n").filter((l) => l.includes("Configuration error"))).toHaveLength(1);
      expect(output).not.toMatch(/\s+at .*\(.*:\d+:\d+\)/);
    }
  });
});
