import type { SqlStatement, StatementRunner } from "../../db/statements.js";
import { isLocale, type Locale } from "../../i18n/index.js";

const SENT_SQL = `INSERT INTO wecom_cards (chat_id, message_id, choices, response_code, locale, sent_at) VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (chat_id) DO UPDATE SET message_id = excluded.message_id, choices = excluded.choices,
response_code = excluded.response_code, locale = excluded.locale, sent_at = excluded.sent_at`;
const SWITCHED_OFF_SQL = "DELETE FROM wecom_cards WHERE chat_id = ? AND message_id = ?";
const LAST_SQL = "SELECT message_id, choices, response_code, locale FROM wecom_cards WHERE chat_id = ?";
const USED_SQL = "UPDATE wecom_cards SET response_code = NULL WHERE chat_id = ? AND message_id = ?";

/**
 * Each WeCom member's last card with numbered buttons, in the database (wecom_cards), through the
 * per-update statement runner (prepared once and group-committed in Node): one row per member. Any
 * process or Worker isolate reads what another wrote, so a restart between a card and its "#n" loses
 * neither the choice nor the card's update. A press's own response code is used by the bot's edit
 * within the same request: it is kept in memory (`state.pressCodes`), not here.
 *
 * A card's row is written without waiting for it, so that in Node it shares the commit of the
 * update's own last write (the ledger's mark, issued in the same turn of the event loop) instead of
 * taking a commit of its own; `settled` waits for what is still being written, and the callback
 * answers WeCom only after it. One member's writes are chained, in the order they were made: a
 * newer card's row is never overwritten by an older card's.
 */
export function wecomCardStore(
  statements: StatementRunner,
  now: () => number,
  onError: (error: unknown) => void,
) {
  const writing = new Set<Promise<void>>();
  /** Each member's last write still in flight. */
  const tails = new Map<number, Promise<void>>();
  const write = (chatId: number, statement: SqlStatement): void => {
    const run = () =>
      statements.batch([statement]).then(
        () => undefined,
        // Not worth failing the update for: "#n" would then reach the bot as typed.
        (error: unknown) => onError(error),
      );
    const previous = tails.get(chatId);
    // Without a write before it, issued now (the group commit's turn); else after that write.
    const done: Promise<void> = (previous ? previous.then(run) : run()).finally(() => {
      writing.delete(done);
      if (tails.get(chatId) === done) tails.delete(chatId);
    });
    tails.set(chatId, done);
    writing.add(done);
  };

  return {
    /**
     * A card sent, or updated in place: with numbered buttons, now the member's last card; without
     * (its buttons switched off), no longer a card "#n" presses.
     */
    sent(chatId: number, messageId: number, code: string | undefined, card: { locale: Locale; choices: string[] }): void {
      if (card.choices.length === 0) write(chatId, { sql: SWITCHED_OFF_SQL, args: [chatId, messageId] });
      else
        write(chatId, {
          sql: SENT_SQL,
          args: [chatId, messageId, JSON.stringify(card.choices), code ?? null, card.locale, now()],
        });
    },

    /** The card's send response code was used (or a press's code updated the card): it updates no more. */
    codeUsed(chatId: number, messageId: number): void {
      write(chatId, { sql: USED_SQL, args: [chatId, messageId] });
    },

    /** Waits for the cards' rows being written now (not for those other requests start meanwhile). */
    async settled(): Promise<void> {
      await Promise.all([...writing]);
    },

    /** The member's last card: its message id and the callback data of its numbered buttons. */
    async lastChoices(chatId: number): Promise<{ messageId: number; data: string[] } | undefined> {
      const { row } = await statements.execute({ sql: LAST_SQL, args: [chatId] });
      if (!row || typeof row.choices !== "string") return undefined;
      return { messageId: Number(row.message_id), data: JSON.parse(row.choices) as string[] };
    },

    /**
     * The member's last card as the bot's edit of message `messageId` needs it: the send's response
     * code (only when that card is this message's), which stays until `codeUsed` (an update WeCom
     * refused as busy is retried with it), and the card's language (the member's, for an older card).
     */
    async cardOf(chatId: number, messageId: number): Promise<{ code?: string; locale?: Locale }> {
      const { row } = await statements.execute({ sql: LAST_SQL, args: [chatId] });
      if (!row) return {};
      const code = typeof row.response_code === "string" ? row.response_code : undefined;
      return {
        ...(code && Number(row.message_id) === messageId ? { code } : {}),
        ...(isLocale(row.locale) ? { locale: row.locale } : {}),
      };
    },
  };
}

export type WecomCardStore = ReturnType<typeof wecomCardStore>;
