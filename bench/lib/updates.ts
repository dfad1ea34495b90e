/**
 * Real Telegram updates for the load: a private-chat `/start` message, as Telegram sends it. Every
 * update gets a fresh update_id (the server de-duplicates by it) and the sender cycles through
 * `users` accounts (the server rate-limits each user to 20 updates per 10 s).
 */
export function startUpdates(options: { users?: number; firstUpdateId?: number } = {}) {
  const users = options.users ?? 10_000;
  let next = options.firstUpdateId ?? 100_000_000;
  let issued = 0;
  return {
    /** The JSON body of the next update. */
    next(): string {
      const updateId = next++;
      const userId = 700_000_000 + (issued++ % users);
      const date = Math.floor(Date.now() / 1000);
      return JSON.stringify({
        update_id: updateId,
        message: {
          message_id: updateId,
          from: {
            id: userId,
            is_bot: false,
            first_name: "团员",
            last_name: "测试",
            language_code: "zh-hans",
          },
          chat: { id: userId, first_name: "团员", last_name: "测试", type: "private" },
          date,
          text: "/start",
          entities: [{ offset: 0, length: 6, type: "bot_command" }],
        },
      });
    },
    get issued() {
      return issued;
    },
  };
}
export type UpdateSource = ReturnType<typeof startUpdates>;
