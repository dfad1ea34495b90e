/**
 * How a 429 that concerns one chat only begins its description (a WeCom member's 30 messages a
 * minute, channels/wecom/transport.ts): the sender defers that chat's messages and goes on with the
 * others (reminders/sweep.ts), where Telegram's own 429 (flood control for the whole bot) stops the
 * batch. Telegram's errors are told apart by their descriptions too ("message is not modified").
 */
export const CHAT_RATE_LIMITED = "Too Many Requests: this chat's limit";

export function isChatRateLimit(error: { error_code: number; description: string }): boolean {
  return error.error_code === 429 && error.description.startsWith(CHAT_RATE_LIMITED);
}
