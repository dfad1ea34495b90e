import { defineConfig } from "drizzle-kit";

// `npm run db:migrate` applies the committed migrations to DATABASE_URL (a Turso/libSQL URL with
// LIBSQL_AUTH_TOKEN, or a local file). The Node server also applies them on start.
export default defineConfig({
  dialect: "turso",
  schema: "./src/db/schema.ts",
  out: "./drizzle",
  dbCredentials: {
    url: process.env.DATABASE_URL ?? process.env.LIBSQL_URL ?? "file:./data/bot.db",
    authToken: process.env.LIBSQL_AUTH_TOKEN,
  },
});
