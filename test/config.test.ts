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
    expect(config.host).toBe("127.0.0.1");
    expect(config.dataDir).toBe("./data");
    expect(config.initDataMaxAgeSeconds).toBe(3600);
  });

  it("never derives the ID-number hash key from the bot token or a default", () => {
    const token = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    expect(parseConfig({ BOT_TOKEN: token, PII_HASH_KEY: "a-key-of-its-own" }).piiHashKey).toBe("a-key-of-its-own");
    // Local mode without a key: a random one (the Node entry then keeps one in the data directory).
    const [a, b] = [parseConfig({}), parseConfig({})];
    expect(a.piiHashKey).toMatch(/^[0-9a-f]{64}$/);
    expect(a.piiHashKey).not.toBe(b.piiHashKey);
    expect(a.piiHashKeyFromEnv).toBe(false);
  });

  it("the server refuses to start with a bot token and no PII_HASH_KEY, in one line naming it", async () => {
    await expect(startServer({ BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ" })).rejects.toThrow(/Configuration error: PII_HASH_KEY is required/);
  });

  it.each([
    [{ PORT: "eighty" }, /^Configuration error: PORT .*\(got "eighty"\)$/],
    [{ BOT_MODE: "push" }, /^Configuration error: BOT_MODE /],
    [{ BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ", BOT_MODE: "webhook" }, /^Configuration error: WEBHOOK_SECRET is required/],
    [{ DATABASE_URL: "postgres://x" }, /^Configuration error: DATABASE_URL must start with file:/],
    [{ BOT_INFO: "{not json" }, /^Configuration error: BOT_INFO must be the JSON of getMe/],
    [{ BOT_TOKEN: "secret-but-wrong" }, /^Configuration error: BOT_TOKEN must look like .*\(got "se…"\)$/],
    [{ BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ" }, /^Configuration error: PII_HASH_KEY is required when BOT_TOKEN is set/],
    [{ BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ", PII_HASH_KEY: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ" }, /^Configuration error: PII_HASH_KEY must not be the bot token/],
    [{ HOST: "not a host!" }, /^Configuration error: HOST must be an IP address or a host name/],
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
