/**
 * What the WeCom channel keeps in this process (or Worker isolate): each user's WeCom userid (a cache
 * of channel_accounts that saves a lookup per message), each press's response code until the bot's
 * edit in the same request uses it, and the ids of the bot's messages. What a card needs in a later
 * request (the member's last card: its choices for "#n" and its response code) is in the database
 * (card-store.ts).
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
    /** "<chat>:<message id>" → the response code of a press on that message's card */
    pressCodes: bounded<string, string>(),
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
