import type { StatementRunner } from "../../db/statements.js";

const SENT_SQL = `INSERT INTO wecom_cards (chat_id, message_id, choices, response_code, sent_at) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (chat_id) DO UPDATE SET message_id = excluded.message_id, choices = excluded.choices,
response_code = excluded.response_code, sent_at = excluded.sent_at`;
const LAST_SQL = "SELECT message_id, choices, response_code FROM wecom_cards WHERE chat_id = ?";
const TAKE_SQL =
  "UPDATE wecom_cards SET response_code = NULL WHERE chat_id = ? AND message_id = ? AND response_code = ?";

/**
 * Each WeCom member's last card with numbered buttons, in the database (wecom_cards), through the
 * per-update statement runner (prepared once and group-committed in Node): one row per member, written
 * once per card. Any process or Worker isolate reads what another wrote, so a restart between a card
 * and its "#n" loses neither the choice nor the card's update. A press's own response code is used by
 * the bot's edit within the same request: it is kept in memory (`state.pressCodes`), not here.
 *
 * A card's row is written without waiting for it (`sent`), so that in Node it shares the commit of the
 * update's own last write (the ledger's mark, issued in the same turn of the event loop) instead of
 * taking a commit of its own; `settled` waits for what is still being written, and the callback
 * answers WeCom only after it.
 */
export function wecomCardStore(
  statements: StatementRunner,
  now: () => number,
  onError: (error: unknown) => void,
) {
  const writing = new Set<Promise<void>>();
  return {
    /** A card with numbered buttons sent, or updated in place: now the member's last card. */
    sent(chatId: number, messageId: number, code: string | undefined, choices: string[]): void {
      if (choices.length === 0) return;
      const write: Promise<void> = statements
        .batch([{ sql: SENT_SQL, args: [chatId, messageId, JSON.stringify(choices), code ?? null, now()] }])
        .then(
          () => undefined,
          // Not worth failing the update for: "#n" would then reach the bot as typed.
          (error: unknown) => onError(error),
        )
        .finally(() => writing.delete(write));
      writing.add(write);
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

    /** The send's response code of the member's last card, used up (undefined for another message). */
    async takeCode(chatId: number, messageId: number): Promise<string | undefined> {
      const { row } = await statements.execute({ sql: LAST_SQL, args: [chatId] });
      const code = typeof row?.response_code === "string" ? row.response_code : undefined;
      if (!code || Number(row?.message_id) !== messageId) return undefined;
      const [taken] = await statements.batch([{ sql: TAKE_SQL, args: [chatId, messageId, code] }]);
      return taken?.changes === 1 ? code : undefined;
    },
  };
}

export type WecomCardStore = ReturnType<typeof wecomCardStore>;
