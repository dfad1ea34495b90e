/**
 * What the WeCom channel remembers between a callback and the bot's answers, in this process (or
 * Worker isolate): each user's external id (saves a lookup per message), the response code that lets
 * the next edit of a card update it in place, and the numbered choices of each user's last card.
 * Losing it (a restart, another isolate) costs little: an edit is then sent as a new message, and
 * "#n" goes to the bot as typed.
 */
export function wecomState(maxEntries = 20_000) {
  const bounded = <K, V>() => {
    const map = new Map<K, V>();
    return {
      get: (key: K) => map.get(key),
      take(key: K): V | undefined {
        const value = map.get(key);
        map.delete(key);
        return value;
      },
      set(key: K, value: V): void {
        map.delete(key);
        // Oldest first: a Map iterates in insertion order.
        if (map.size >= maxEntries) map.delete(map.keys().next().value as K);
        map.set(key, value);
      },
    };
  };
  let lastMessageId = 0;
  return {
    /** user id → WeCom userid */
    accounts: bounded<number, string>(),
    /** "<chat>:<message id>" → the response code that may update that message's card once */
    responseCodes: bounded<string, string>(),
    /** chat → the message id and callback data of the buttons of the last card sent there */
    choices: bounded<number, { messageId: number; data: string[] }>(),
    /** Ids for the bot's messages and the users' (Telegram's are per chat; these are unique anyway). */
    nextMessageId(): number {
      lastMessageId = Math.max(lastMessageId + 1, Date.now());
      return lastMessageId;
    },
  };
}

export type WecomState = ReturnType<typeof wecomState>;

/** WeCom lets an application send each member at most 30 messages a minute (error 45009 beyond). */
export const MEMBER_MESSAGES_PER_MINUTE = 30;

/** Keeps each member's sends within WeCom's per-minute limit: how long to wait before `count` more. */
export function memberRateLimit(limit = MEMBER_MESSAGES_PER_MINUTE, windowMs = 60_000) {
  const sent = new Map<string, number[]>();
  return {
    /** 0 and the sends are counted, or the milliseconds until there is room for them. */
    take(member: string, count: number, now: number): number {
      const times = (sent.get(member) ?? []).filter((t) => now - t < windowMs);
      if (times.length + count > limit) {
        sent.set(member, times);
        const freeAt = times[Math.min(times.length - 1, times.length + count - limit - 1)]! + windowMs;
        return Math.max(1, freeAt - now);
      }
      for (let i = 0; i < count; i++) times.push(now);
      sent.set(member, times);
      if (sent.size > 50_000)
        for (const [key, list] of sent) if (list.every((t) => now - t >= windowMs)) sent.delete(key);
      return 0;
    },
  };
}
