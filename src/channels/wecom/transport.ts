import { InputFile, type Transformer } from "grammy";
import type { Message } from "grammy/types";
import { channelAccountOf, isChannelUserId } from "../../db/channel-accounts.js";
import type { Database } from "../../db/client.js";
import { CHAT_RATE_LIMITED } from "../../lib/chat-rate-limit.js";
import { WECOM_BUSY, type WecomApi, WecomApiError } from "./api.js";
import type { WecomCardStore } from "./card-store.js";
import {
  editOfCard,
  keyboardOf,
  localeOf,
  type Rendered,
  renderMessage,
  switchedOffLabel,
} from "./cards.js";
import { MEMBER_MESSAGES_PER_MINUTE, memberRateLimit, type WecomState } from "./state.js";

type Payload = Record<string, unknown>;

/** Callback query ids of WeCom presses: "wecom:<chat id>:<response code or 'typed'>". */
export const WECOM_CALLBACK_PREFIX = "wecom:";
/** File ids of files WeCom members sent: "wecom:<media id>". */
export const WECOM_FILE_PREFIX = "wecom:";

/** WeCom's "too many calls" codes: the member's or the application's limit (answered as Telegram's 429). */
const RATE_LIMITED = new Set([45009, 45033, 45047]);
/** The member cannot receive this application's messages (left, not in its visible range, unknown). */
const UNREACHABLE = new Set([81013, 60111, 60103, 60011]);

export interface WecomTransportDeps {
  db: Database;
  cards: WecomCardStore;
  api: WecomApi;
  agentId: number;
  state: WecomState;
  now: () => number;
}

/**
 * Answers the bot's Bot API calls for WeCom users with WeCom's API, as the local transport answers
 * them for the local chat: sendMessage (text, or template cards for inline keyboards), edits (the
 * card updated with its response code, or a new message), answerCallbackQuery (a notice as a text
 * message), sendDocument (media/upload, then a file message) and getFile (media/get). Calls for
 * anyone else go on to Telegram (or the local chat) unchanged. WeCom's errors come back as the Bot
 * API's: 45009 as a 429 with retry_after, an unreachable member as a 403 (the reminders then mark
 * the chat blocked), "system busy" (-1) as a 502 (retried), anything else as a 400.
 */
export function wecomTransport(deps: WecomTransportDeps): Transformer {
  const limiter = memberRateLimit();
  const memberOf = async (chatId: number): Promise<string | undefined> => {
    if (!Number.isSafeInteger(chatId) || !isChannelUserId(chatId)) return undefined;
    const known = deps.state.accounts.get(chatId);
    if (known) return known;
    const account = await channelAccountOf(deps.db, chatId);
    if (account?.channel !== "wecom") return undefined;
    deps.state.accounts.set(chatId, account.externalId);
    return account.externalId;
  };

  const send = (touser: string, message: Payload) =>
    deps.api.post("message/send", { touser, agentid: deps.agentId, enable_duplicate_check: 0, ...message });

  /**
   * Sends the rendered texts and cards. The first card's row (its response code, the choices) is
   * written as soon as WeCom took it: the member sees it, and may answer "#n", before the last page.
   */
  const deliver = async (chatId: number, touser: string, messageId: number, rendered: Rendered) => {
    throttle(touser, rendered.texts.length + rendered.cards.length);
    for (const content of rendered.texts) await send(touser, { msgtype: "text", text: { content } });
    const choices = rendered.choices.map((c) => c.data);
    for (const [page, card] of rendered.cards.entries()) {
      const reply = await send(touser, { msgtype: "template_card", template_card: card });
      const code = typeof reply.response_code === "string" ? reply.response_code : undefined;
      if (page === 0 && choices.length > 0) deps.cards.sent(chatId, messageId, code, { locale: rendered.locale, choices });
    }
  };

  const throttle = (touser: string, count: number) => {
    const wait = limiter.take(touser, count, deps.now());
    if (wait > 0) throw new MemberRateLimited(Math.ceil(wait / 1000));
  };

  /** update_template_card with a response code; undefined when WeCom no longer takes the code. */
  const updateCard = async (touser: string, code: string, change: Payload) => {
    try {
      return await deps.api.post("message/update_template_card", {
        userids: [touser],
        agentid: deps.agentId,
        response_code: code,
        ...change,
      });
    } catch (error) {
      if (error instanceof WecomApiError && !RATE_LIMITED.has(error.errcode) && error.errcode !== WECOM_BUSY)
        return undefined;
      throw error;
    }
  };

  const render = (text: string, markup: unknown, messageId: number) =>
    renderMessage(text, keyboardOf(markup), messageId, nonce());

  const edit = async (chatId: number, touser: string, payload: Payload, method: string) => {
    const messageId = Number(payload.message_id);
    const text = method === "editMessageText" ? String(payload.text ?? "") : "";
    const rendered = render(text, payload.reply_markup, messageId);
    const { inPlace, anew } = editOfCard(rendered, text);
    // The press's code (this request), else the send's code of the member's last card (any process);
    // its row also has the card's language, for the switched-off button of a card not updated in place.
    const pressKey = `${chatId}:${messageId}`;
    const pressCode = deps.state.pressCodes.take(pressKey);
    const stored = pressCode && inPlace ? {} : await deps.cards.cardOf(chatId, messageId);
    const code = pressCode ?? stored.code;
    const change = inPlace
      ? { template_card: rendered.cards[0] }
      : { button: { replace_name: switchedOffLabel(stored.locale ?? localeOf(text)) } };
    let updated: Payload | undefined;
    try {
      updated = code ? await updateCard(touser, code, change) : undefined;
    } catch (error) {
      // WeCom busy or at its limit: the code was not used; the update's retry uses it.
      if (pressCode) deps.state.pressCodes.set(pressKey, pressCode);
      throw error;
    }
    const choices = rendered.choices.map((c) => c.data);
    if (updated && inPlace) {
      // The pressed card became the edited message, as Telegram edits it in place.
      const next = typeof updated.response_code === "string" ? updated.response_code : undefined;
      deps.cards.sent(chatId, messageId, next, { locale: rendered.locale, choices });
      return toMessage(chatId, messageId, text, payload.reply_markup, deps.now());
    }
    // Otherwise (too long for a card, no response code, or the code expired after 72 hours) the old
    // card's buttons are switched off where possible and the edited message arrives as a new one.
    // Without buttons the message is no card "#n" presses; with them, its new card's row follows.
    if (choices.length === 0) deps.cards.sent(chatId, messageId, undefined, { locale: rendered.locale, choices });
    else if (updated) deps.cards.codeUsed(chatId, messageId);
    if (anew) await deliver(chatId, touser, messageId, anew);
    return toMessage(chatId, messageId, text, payload.reply_markup, deps.now());
  };

  const handle = async (
    method: string,
    payload: Payload,
    chatId: number,
    touser: string,
  ): Promise<unknown> => {
    switch (method) {
      case "sendMessage": {
        const messageId = deps.state.nextMessageId();
        const text = String(payload.text ?? "");
        await deliver(chatId, touser, messageId, render(text, payload.reply_markup, messageId));
        return toMessage(chatId, messageId, text, payload.reply_markup, deps.now());
      }
      case "editMessageText":
      case "editMessageReplyMarkup":
        return edit(chatId, touser, payload, method);
      case "answerCallbackQuery": {
        // WeCom has no pop-up notice: a short text message says it.
        const text = typeof payload.text === "string" ? payload.text : "";
        if (text)
          await deliver(chatId, touser, deps.state.nextMessageId(), {
            locale: localeOf(text),
            texts: [text],
            cards: [],
            choices: [],
          });
        return true;
      }
      case "sendDocument": {
        const file = payload.document;
        if (!(file instanceof InputFile)) throw new WecomApiError(40004, "document must be uploaded");
        const name = file.filename ?? "document";
        const messageId = deps.state.nextMessageId();
        const caption = String(payload.caption ?? "");
        const rendered =
          caption || payload.reply_markup ? render(caption, payload.reply_markup, messageId) : undefined;
        throttle(touser, 1);
        const mediaId = await deps.api.upload(name, await readInputFile(file));
        await send(touser, { msgtype: "file", file: { media_id: mediaId } });
        if (rendered) await deliver(chatId, touser, messageId, rendered);
        return {
          ...toMessage(chatId, messageId, caption, payload.reply_markup, deps.now()),
          document: { file_id: `${WECOM_FILE_PREFIX}${mediaId}`, file_unique_id: mediaId, file_name: name },
        };
      }
      default:
        // Chat actions, message deletion and the like have no WeCom counterpart worth a call.
        return true;
    }
  };

  return (async (prev, method, payload, signal) => {
    const p = (payload ?? {}) as Payload;
    try {
      if (method === "getFile" && String(p.file_id).startsWith(WECOM_FILE_PREFIX)) {
        const mediaId = String(p.file_id).slice(WECOM_FILE_PREFIX.length);
        return {
          ok: true,
          result: {
            file_id: p.file_id,
            file_unique_id: mediaId,
            file_path: await deps.api.mediaUrl(mediaId),
          },
        };
      }
      const chatId =
        method === "answerCallbackQuery"
          ? String(p.callback_query_id).startsWith(WECOM_CALLBACK_PREFIX)
            ? Number(String(p.callback_query_id).split(":")[1])
            : Number.NaN
          : Number(p.chat_id);
      const touser = await memberOf(chatId);
      if (!touser) return prev(method, payload, signal);
      return { ok: true, result: await handle(method, p, chatId, touser) };
    } catch (error) {
      if (error instanceof WecomApiError) return botApiError(error);
      if (error instanceof MemberRateLimited)
        return {
          ok: false,
          error_code: 429,
          description: `${CHAT_RATE_LIMITED} (WeCom: ${MEMBER_MESSAGES_PER_MINUTE} messages a minute per member)`,
          parameters: { retry_after: error.retryAfter },
        };
      throw error;
    }
  }) as Transformer;
}

/** This member has had WeCom's 30 messages this minute: theirs wait, nobody else's. */
class MemberRateLimited extends Error {
  constructor(readonly retryAfter: number) {
    super(`member rate limit: retry after ${retryAfter} s`);
  }
}

function botApiError(error: WecomApiError) {
  // A later try can succeed: the update fails, its claim is released, and WeCom's retry redoes it.
  if (error.errcode === WECOM_BUSY)
    return { ok: false, error_code: 502, description: `Bad Gateway: ${error.message}` };
  if (RATE_LIMITED.has(error.errcode))
    return {
      ok: false,
      error_code: 429,
      description: `Too Many Requests: ${error.message}`,
      parameters: { retry_after: 60 },
    };
  if (UNREACHABLE.has(error.errcode))
    return { ok: false, error_code: 403, description: `Forbidden: ${error.message}` };
  return { ok: false, error_code: 400, description: `Bad Request: ${error.message}` };
}

function toMessage(chatId: number, messageId: number, text: string, markup: unknown, now: number): Message {
  return {
    message_id: messageId,
    date: Math.floor(now / 1000),
    chat: { id: chatId, type: "private", first_name: "" },
    text,
    ...(keyboardOf(markup) ? { reply_markup: markup } : {}),
  } as Message;
}

/**
 * Task ids must be unique per application: this process's random prefix (drawn on first use: a Worker
 * may draw random values only while handling a request) and a counter.
 */
let nonceBase: string | undefined;
let nonceCount = 0;
function nonce(): string {
  nonceBase ??= Array.from(crypto.getRandomValues(new Uint8Array(4)), (b) =>
    b.toString(16).padStart(2, "0"),
  ).join("");
  return `${nonceBase}${(nonceCount++).toString(36)}`;
}

async function readInputFile(file: InputFile): Promise<Uint8Array> {
  const raw = await file.toRaw();
  if (raw instanceof Uint8Array) return raw;
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of raw as AsyncIterable<Uint8Array>) {
    chunks.push(chunk);
    length += chunk.length;
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}
