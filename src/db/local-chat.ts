import { and, asc, desc, eq, getTableColumns, gt, sql } from "drizzle-orm";
import type { Database } from "./client.js";
import { localMessages } from "./schema.js";

export type LocalMessageRow = typeof localMessages.$inferSelect;

/** One more than the highest revision: every insert or edit moves the transcript's revision forward. */
const nextRevision = sql`(select coalesce(max(${localMessages.revision}), 0) + 1 from ${localMessages})`;

/** The local chat's transcript, kept in the database so a restart or a reload shows it again. */
export function localChatStore(db: Database) {
  return {
    async append(input: {
      chatId: number;
      fromBot: boolean;
      kind?: LocalMessageRow["kind"];
      text: string;
      replyMarkup?: unknown;
      document?: { name: string; data: Uint8Array };
    }): Promise<LocalMessageRow> {
      return db
        .insert(localMessages)
        .values({
          chatId: input.chatId,
          fromBot: input.fromBot,
          kind: input.kind ?? "message",
          text: input.text,
          replyMarkup: input.replyMarkup ? JSON.stringify(input.replyMarkup) : null,
          documentName: input.document?.name ?? null,
          documentData: input.document ? Buffer.from(input.document.data) : null,
          revision: nextRevision,
        })
        .returning()
        .get();
    },

    /** Edits a bot message in place; `replyMarkup: null` removes the keyboard. */
    async edit(
      chatId: number,
      messageId: number,
      change: { text?: string; replyMarkup?: unknown | null },
      now: number,
    ): Promise<LocalMessageRow | undefined> {
      return db
        .update(localMessages)
        .set({
          ...(change.text !== undefined ? { text: change.text } : {}),
          ...(change.replyMarkup !== undefined
            ? { replyMarkup: change.replyMarkup ? JSON.stringify(change.replyMarkup) : null }
            : {}),
          editedAt: now,
          // The columns on the right of SET are the row's values before this update.
          editedFrom: sql`json_object('text', ${localMessages.text}, 'replyMarkup', ${localMessages.replyMarkup})`,
          revision: nextRevision,
        })
        .where(and(eq(localMessages.chatId, chatId), eq(localMessages.id, messageId)))
        .returning()
        .get();
    },

    /** Drops an uploaded file's bytes once the bot has read it; the row keeps the file's name. */
    async forgetDocument(chatId: number, messageId: number): Promise<void> {
      await db
        .update(localMessages)
        .set({ documentData: null })
        .where(and(eq(localMessages.chatId, chatId), eq(localMessages.id, messageId), eq(localMessages.fromBot, false)));
    },

    /** Drops a whole transcript (an erased user's last reply, once the page has shown it). */
    async forgetChat(chatId: number): Promise<void> {
      await db.delete(localMessages).where(eq(localMessages.chatId, chatId));
    },

    async get(chatId: number, messageId: number): Promise<LocalMessageRow | undefined> {
      return db
        .select()
        .from(localMessages)
        .where(and(eq(localMessages.chatId, chatId), eq(localMessages.id, messageId)))
        .get();
    },

    /**
     * The bot message with buttons changed last (or whose buttons its last edit took away): the card a
     * typed "#n" answers in the page's WeCom view. One row, without a document's bytes.
     */
    async lastCard(chatId: number): Promise<LocalMessageRow | undefined> {
      const { documentData: _bytes, ...columns } = getTableColumns(localMessages);
      const row = await db
        .select(columns)
        .from(localMessages)
        .where(
          and(
            eq(localMessages.chatId, chatId),
            eq(localMessages.fromBot, true),
            sql`(${localMessages.replyMarkup} IS NOT NULL OR json_extract(${localMessages.editedFrom}, '$.replyMarkup') IS NOT NULL)`,
          ),
        )
        .orderBy(desc(localMessages.revision))
        .limit(1)
        .get();
      return row ? { ...row, documentData: null } : undefined;
    },

    /** Everything that changed after `revision`, oldest first. */
    async changedSince(chatId: number, revision: number): Promise<LocalMessageRow[]> {
      return db
        .select()
        .from(localMessages)
        .where(and(eq(localMessages.chatId, chatId), gt(localMessages.revision, revision)))
        .orderBy(asc(localMessages.revision))
        .all();
    },
  };
}
export type LocalChatStore = ReturnType<typeof localChatStore>;
