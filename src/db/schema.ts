import { sql } from "drizzle-orm";
import { blob, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

const now = sql`(unixepoch('subsec') * 1000)`;

/** grammY session data (dialog state), one row per session key; never held in memory. */
export const sessions = sqliteTable("sessions", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: integer("updated_at").notNull().default(now),
});

/**
 * Telegram re-delivers an update when our answer was late. An update is claimed here before it is
 * handled; a second delivery finds the claim and is skipped. A failed update releases its claim so
 * that Telegram's retry can succeed.
 */
export const processedUpdates = sqliteTable(
  "processed_updates",
  {
    updateId: integer("update_id").primaryKey(),
    status: text("status", { enum: ["processing", "done"] }).notNull(),
    claimedAt: integer("claimed_at").notNull(),
  },
  (t) => [index("processed_updates_claimed_at").on(t.claimedAt)],
);

/** The transcript of the local chat page (the Bot API stand-in for local use). */
export const localMessages = sqliteTable(
  "local_messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    chatId: integer("chat_id").notNull(),
    fromBot: integer("from_bot", { mode: "boolean" }).notNull(),
    /** A chat message, or a notice (the short text a button click is answered with). */
    kind: text("kind", { enum: ["message", "notice"] }).notNull().default("message"),
    text: text("text").notNull(),
    /** JSON of the inline keyboard, if any. */
    replyMarkup: text("reply_markup"),
    /** An attached document, if any. */
    documentName: text("document_name"),
    documentData: blob("document_data", { mode: "buffer" }),
    createdAt: integer("created_at").notNull().default(now),
    editedAt: integer("edited_at"),
    /** Bumped on every change, so the page can fetch only what changed. */
    revision: integer("revision").notNull().default(0),
  },
  (t) => [index("local_messages_chat_revision").on(t.chatId, t.revision)],
);
