/**
 * Telegram's limits across every queue consumer: at most `rate` messages a second in total (30 is
 * Telegram's ceiling; we keep under it) and one a second per chat. One Durable Object instance holds
 * the schedule in memory — a token bucket of one-message slots — and consumers ask it for the slots of
 * up to ten chats at a time (one subrequest per job of sizes.ts's chats, not one per message). Memory is enough: an
 * instance that was evicted has been idle for seconds, so nothing it forgot still limits anyone.
 */
import type { DurableObjectNamespace } from "./platform.js";

/** A chat's next message no sooner than this after its last (Telegram: about one a second per chat). */
export const PER_CHAT_MS = 1100;

export interface PaceRequest {
  chats: number[];
  rate: number;
  /** Slots further ahead than this are not handed out (the consumer retries the job later). */
  horizonMs: number;
}

/** Per chat, in order: milliseconds to wait before sending, or null (no slot within the horizon). */
export interface PaceAnswer {
  waits: (number | null)[];
}

/** The schedule itself, a plain class so that it can be reasoned about (and run) outside workerd. */
export class PaceSchedule {
  #next = 0;
  readonly #chatNext = new Map<number, number>();

  reserve({ chats, rate, horizonMs }: PaceRequest, now: number): PaceAnswer {
    const interval = 1000 / rate;
    const waits: (number | null)[] = [];
    for (const chat of chats) {
      const slot = Math.max(now, this.#next, this.#chatNext.get(chat) ?? 0);
      if (slot - now > horizonMs) {
        waits.push(null);
        continue;
      }
      this.#next = slot + interval;
      this.#chatNext.set(chat, slot + PER_CHAT_MS);
      waits.push(slot - now);
    }
    if (this.#chatNext.size > 10_000)
      for (const [chat, at] of this.#chatNext) if (at <= now) this.#chatNext.delete(chat);
    return { waits };
  }
}

/** The Durable Object (bound as TELEGRAM_PACE, class TelegramPace in wrangler.toml). */
export class TelegramPace {
  readonly #schedule = new PaceSchedule();

  async fetch(request: Request): Promise<Response> {
    const body = (await request.json()) as PaceRequest;
    return Response.json(this.#schedule.reserve(body, Date.now()));
  }
}

/** Asks the pacer for the slots of `chats` (one subrequest). */
export async function reserveSlots(
  namespace: DurableObjectNamespace,
  request: PaceRequest,
): Promise<PaceAnswer> {
  const stub = namespace.get(namespace.idFromName("telegram"));
  const response = await stub.fetch("https://pace/reserve", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(request),
  });
  if (!response.ok) throw new Error(`pacer answered ${response.status}`);
  return (await response.json()) as PaceAnswer;
}
