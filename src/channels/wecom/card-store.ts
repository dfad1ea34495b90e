import type { StatementRunner } from "../../db/statements.js";

/** WeCom takes a response code for 72 hours; a card older than that can be neither updated nor kept. */
const KEEP_MS = 72 * 3600_000;

const SENT_SQL = `INSERT INTO wecom_cards (chat_id, message_id, response_code, choices, sent_at) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (chat_id, message_id) DO UPDATE SET response_code = excluded.response_code, choices = excluded.choices, sent_at = excluded.sent_at`;
const EXPIRED_SQL = "DELETE FROM wecom_cards WHERE chat_id = ? AND sent_at < ?";
const PRESSED_SQL = `INSERT INTO wecom_cards (chat_id, message_id, response_code, choices, sent_at) VALUES (?, ?, ?, NULL, ?)
ON CONFLICT (chat_id, message_id) DO UPDATE SET response_code = excluded.response_code`;
const CODE_SQL = "SELECT response_code FROM wecom_cards WHERE chat_id = ? AND message_id = ?";
const TAKE_SQL = "UPDATE wecom_cards SET response_code = NULL WHERE chat_id = ? AND message_id = ? AND response_code = ?";
const LAST_SQL = `SELECT message_id, choices FROM wecom_cards WHERE chat_id = ? AND choices IS NOT NULL
ORDER BY sent_at DESC, message_id DESC LIMIT 1`;

/**
 * The WeCom cards of each member in the database (wecom_cards), through the per-update statement
 * runner (prepared once and group-committed in Node): the response code that may update a card once,
 * and the numbered choices of the member's last card. Any process or Worker isolate reads what another
 * wrote, so a restart between a card and its press, or its "#n", loses nothing.
 */
export function wecomCardStore(statements: StatementRunner, now: () => number) {
  return {
    /** A card sent, or updated in place: its response code and the callback data of its numbered buttons. */
    async sent(chatId: number, messageId: number, code: string | undefined, choices: string[]): Promise<void> {
      const at = now();
      await statements.batch([
        {
          sql: SENT_SQL,
          args: [chatId, messageId, code ?? null, choices.length > 0 ? JSON.stringify(choices) : null, at],
        },
        { sql: EXPIRED_SQL, args: [chatId, at - KEEP_MS] },
      ]);
    },

    /** A press: its response code may update the pressed card once (it replaces the send's). */
    async pressed(chatId: number, messageId: number, code: string): Promise<void> {
      await statements.batch([{ sql: PRESSED_SQL, args: [chatId, messageId, code, now()] }]);
    },

    /** The card's response code, used up: undefined when there is none (or another took it first). */
    async takeCode(chatId: number, messageId: number): Promise<string | undefined> {
      const { row } = await statements.execute({ sql: CODE_SQL, args: [chatId, messageId] });
      const code = typeof row?.response_code === "string" ? row.response_code : undefined;
      if (!code) return undefined;
      const [taken] = await statements.batch([{ sql: TAKE_SQL, args: [chatId, messageId, code] }]);
      return taken?.changes === 1 ? code : undefined;
    },

    /** The member's last card with numbered buttons: its message id and their callback data. */
    async lastChoices(chatId: number): Promise<{ messageId: number; data: string[] } | undefined> {
      const { row } = await statements.execute({ sql: LAST_SQL, args: [chatId] });
      if (!row || typeof row.choices !== "string") return undefined;
      return { messageId: Number(row.message_id), data: JSON.parse(row.choices) as string[] };
    },
  };
}

export type WecomCardStore = ReturnType<typeof wecomCardStore>;
