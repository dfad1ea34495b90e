import type { Transformer } from "grammy";
import type { WecomConfig } from "../../config/env.js";
import type { Database } from "../../db/client.js";
import type { StatementRunner } from "../../db/statements.js";
import type { Logger } from "../../logging.js";
import { type WecomFetch, wecomApi } from "./api.js";
import { replayGuard, type WecomCryptoConfig } from "./crypto.js";
import { wecomToUpdate } from "./inbound.js";
import { wecomCardStore } from "./card-store.js";
import { wecomState } from "./state.js";
import { wecomTransport } from "./transport.js";

/**
 * The WeCom channel: WeCom's callbacks in (callback.ts turns them into Telegram updates for the one
 * bot) and the bot's answers out (transport.ts, a Bot API transformer for users whose id is a WeCom
 * channel account). Users are keyed by (wecom, userid) in channel_accounts, so their ids never meet
 * Telegram's and every feature, session, reminder and supervision view works for them unchanged.
 */
export function wecomChannel(
  config: WecomConfig,
  deps: { db: Database; statements: StatementRunner; logger: Logger; now?: () => number; fetch?: WecomFetch },
) {
  const now = deps.now ?? Date.now;
  const state = wecomState();
  const cards = wecomCardStore(deps.statements, now, (error) =>
    deps.logger.warn("wecom_card_not_stored", { error }),
  );
  const api = wecomApi(config, { now, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
  const crypto: WecomCryptoConfig = { token: config.token, aesKey: config.aesKey, corpId: config.corpId };
  const transport: Transformer = wecomTransport({
    db: deps.db,
    cards,
    api,
    agentId: config.agentId,
    state,
    now,
  });
  return {
    crypto,
    now,
    replays: replayGuard(),
    transport,
    /** HTTP requests made to WeCom so far, in this process or isolate (see SweepDeps.channelRequests). */
    requests: () => api.requests(),
    /** Waits for the cards' rows still being written (before answering WeCom, before a cron ends). */
    settled: () => cards.settled(),
    toUpdate: (fields: Record<string, string>) =>
      wecomToUpdate(fields, { db: deps.db, statements: deps.statements, state, cards, corpId: config.corpId }),
  };
}

export type WecomChannel = ReturnType<typeof wecomChannel>;

/** Two transports as one: WeCom's calls are answered by `first`, everything else goes on to `second`. */
export function chainTransports(first: Transformer, second: Transformer): Transformer {
  return ((prev, method, payload, signal) =>
    first((m, p, s) => second(prev, m, p, s), method, payload, signal)) as Transformer;
}
