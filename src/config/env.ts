import { z } from "zod";

/**
 * One schema over the environment, shared by the Node process and the Worker. It is parsed once at
 * the edge of the program; everything inside receives the typed `AppConfig`.
 */
const botInfoSchema = z
  .string()
  .transform((raw, ctx) => {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "must be the JSON of getMe" });
      return z.NEVER;
    }
  })
  .pipe(
    z.looseObject({
      id: z.number().int(),
      is_bot: z.literal(true),
      first_name: z.string(),
      username: z.string(),
    }),
  );

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()));

export const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(8787),
    /** The address the Node server listens on; anything but loopback makes the local chat ask for its access token. */
    HOST: optionalString.pipe(
      z
        .string()
        .regex(/^(\[?[0-9A-Fa-f:.]+\]?|[A-Za-z0-9.-]+)$/, "must be an IP address or a host name")
        .optional(),
    ),
    /** Where the local server keeps its own secrets (access token, hash key); default: the database file's folder. */
    DATA_DIR: optionalString,
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^(file:|libsql:|https?:|wss?:)/, "must start with file:, libsql:, http(s): or ws(s):")
        .optional(),
    ),
    LIBSQL_URL: optionalString,
    LIBSQL_AUTH_TOKEN: optionalString,
    BOT_TOKEN: optionalString.pipe(
      z
        .string()
        .regex(/^\d+:[\w-]{20,}$/, "must look like 123456:ABC-... (from @BotFather)")
        .optional(),
    ),
    TELEGRAM_API_ROOT: optionalString.pipe(z.url().optional()),
    BOT_MODE: z.enum(["polling", "webhook"]).default("polling"),
    WEBHOOK_SECRET: optionalString.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{16,256}$/, "must be 16-256 characters of A-Z, a-z, 0-9, _ or -")
        .optional(),
    ),
    BOT_INFO: optionalString.pipe(botInfoSchema.optional()),
    OPENAI_API_KEY: optionalString,
    OPENAI_BASE_URL: optionalString.pipe(z.url().optional()),
    OPENAI_MODEL: z.string().default("gpt-4o-mini"),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
    /** The public https address of this server, for the overview's Telegram Mini App button. */
    PUBLIC_URL: optionalString.pipe(z.url({ protocol: /^https$/, error: "must be an https:// address (Telegram opens Mini Apps over https only)" }).optional()),
    /** Key for hashing personal identifiers (duplicate detection); required when a bot token is set. */
    PII_HASH_KEY: optionalString,
    /** How long Mini App login data (initData) are accepted after Telegram signed them: one hour at most. */
    INIT_DATA_MAX_AGE_SECONDS: z.coerce.number().int().min(60).max(3600).default(3600),
    /** WeCom (企业微信) self-built application: all five, or none (no WeCom channel). */
    WECOM_CORP_ID: optionalString,
    WECOM_AGENT_ID: optionalString.pipe(z.string().regex(/^\d+$/, "must be the application's numeric AgentId").optional()),
    WECOM_SECRET: optionalString,
    WECOM_TOKEN: optionalString.pipe(z.string().regex(/^[A-Za-z0-9]{1,32}$/, "must be 1-32 letters or digits (the callback Token)").optional()),
    WECOM_AES_KEY: optionalString.pipe(z.string().regex(/^[A-Za-z0-9]{43}$/, "must be the 43-character EncodingAESKey").optional()),
    WECOM_API_ROOT: optionalString.pipe(z.url().optional()),
  })
  .superRefine((env, ctx) => {
    const wecom = ["WECOM_CORP_ID", "WECOM_AGENT_ID", "WECOM_SECRET", "WECOM_TOKEN", "WECOM_AES_KEY"] as const;
    if (wecom.some((name) => env[name])) {
      for (const name of wecom)
        if (!env[name]) ctx.addIssue({ code: "custom", path: [name], message: "is required when any WECOM_* variable is set" });
    }
    if (env.BOT_MODE === "webhook" && !env.WEBHOOK_SECRET) {
      ctx.addIssue({ code: "custom", path: ["WEBHOOK_SECRET"], message: "is required when BOT_MODE=webhook" });
    }
    // The hash key is a secret of its own: never the bot token (which Telegram and every admin of the bot
    // process know), never a default anyone can read in the source.
    if (env.BOT_TOKEN && !env.PII_HASH_KEY) {
      ctx.addIssue({ code: "custom", path: ["PII_HASH_KEY"], message: "is required when BOT_TOKEN is set (a random secret of its own, e.g. `openssl rand -hex 32`)" });
    } else if (env.BOT_TOKEN && env.PII_HASH_KEY === env.BOT_TOKEN) {
      ctx.addIssue({ code: "custom", path: ["PII_HASH_KEY"], message: "must not be the bot token" });
    }
  });

export type Env = z.input<typeof envSchema>;

export interface AppConfig {
  port: number;
  /** The Node server's listening address. */
  host: string;
  /** Folder for the local server's own secrets (Node only). */
  dataDir: string;
  databaseUrl: string;
  databaseAuthToken: string | undefined;
  botToken: string | undefined;
  telegramApiRoot: string;
  botMode: "polling" | "webhook";
  webhookSecret: string | undefined;
  botInfo: z.infer<typeof botInfoSchema> | undefined;
  openai: { apiKey: string; baseURL: string | undefined; model: string } | undefined;
  logLevel: "debug" | "info" | "warn" | "error" | "silent";
  /**
   * Key of the ID-number hash. From PII_HASH_KEY, or (local mode, no key given) a random one for this
   * process, which the Node entry replaces with the one kept in the data directory.
   */
  piiHashKey: string;
  piiHashKeyFromEnv: boolean;
  initDataMaxAgeSeconds: number;
  /** Where the Mini App is served from (no trailing slash); unset: no Mini App button in Telegram. */
  publicUrl: string | undefined;
  /** The domain's time zone, whatever the machine's. */
  timeZone: "Asia/Shanghai";
  /** The WeCom channel (src/channels/wecom), when configured. */
  wecom: WecomConfig | undefined;
}

export interface WecomConfig {
  corpId: string;
  agentId: number;
  secret: string;
  /** The callback's Token and EncodingAESKey, as set in the admin console. */
  token: string;
  aesKey: string;
  /** Where WeCom's server API is (no trailing slash); tests point it at a loopback fake. */
  apiRoot: string;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses the environment; throws a `ConfigError` whose message is one line naming the variable. */
export function parseConfig(raw: Record<string, string | undefined>): AppConfig {
  const result = envSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? "environment");
    const given = raw[name];
    const shown = given === undefined ? "" : ` (got ${JSON.stringify(redact(name, given))})`;
    throw new ConfigError(`Configuration error: ${name} ${issue.message}${shown}`);
  }
  const env = result.data;
  const databaseUrl = env.DATABASE_URL ?? env.LIBSQL_URL ?? "file:./data/bot.db";
  return {
    port: env.PORT,
    host: env.HOST ?? "127.0.0.1",
    dataDir: env.DATA_DIR ?? defaultDataDir(databaseUrl),
    databaseUrl,
    databaseAuthToken: env.LIBSQL_AUTH_TOKEN,
    botToken: env.BOT_TOKEN,
    telegramApiRoot: env.TELEGRAM_API_ROOT ?? "https://api.telegram.org",
    botMode: env.BOT_MODE,
    webhookSecret: env.WEBHOOK_SECRET,
    botInfo: env.BOT_INFO,
    openai: env.OPENAI_API_KEY
      ? { apiKey: env.OPENAI_API_KEY, baseURL: env.OPENAI_BASE_URL, model: env.OPENAI_MODEL }
      : undefined,
    logLevel: env.LOG_LEVEL,
    piiHashKey: env.PII_HASH_KEY ?? randomKey(),
    piiHashKeyFromEnv: env.PII_HASH_KEY !== undefined,
    initDataMaxAgeSeconds: env.INIT_DATA_MAX_AGE_SECONDS,
    publicUrl: env.PUBLIC_URL?.replace(/\/+$/, ""),
    timeZone: "Asia/Shanghai",
    wecom: env.WECOM_CORP_ID
      ? {
          corpId: env.WECOM_CORP_ID,
          agentId: Number(env.WECOM_AGENT_ID),
          secret: env.WECOM_SECRET!,
          token: env.WECOM_TOKEN!,
          aesKey: env.WECOM_AES_KEY!,
          apiRoot: (env.WECOM_API_ROOT ?? "https://qyapi.weixin.qq.com").replace(/\/+$/, ""),
        }
      : undefined,
  };
}

/** The folder of a file: database (file:./data/bot.db → ./data), else ./data. */
function defaultDataDir(databaseUrl: string): string {
  const path = /^file:(?:\/\/)?(.+)$/.exec(databaseUrl)?.[1]?.split("?")[0];
  if (!path || path === ":memory:") return "./data";
  const slash = path.lastIndexOf("/");
  return slash > 0 ? path.slice(0, slash) : slash === 0 ? "/" : ".";
}

function randomKey(): string {
  return [...crypto.getRandomValues(new Uint8Array(32))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Secrets never appear in error output, not even the wrong ones. */
function redact(name: string, value: string): string {
  return /TOKEN|SECRET|KEY/.test(name) ? `${value.slice(0, 2)}…` : value;
}
