import { InputFile, type Transformer } from "grammy";
import type { Message, UserFromGetMe } from "grammy/types";
import type { LocalChatStore, LocalMessageRow } from "../db/local-chat.js";

/**
 * The token the local bot runs with. It is public: the local chat page signs the Mini App's initData
 * with it, as Telegram signs with a real token. Data signed with it are accepted only by the local
 * server, and only for the browser's own user (see app.ts).
 */
export const LOCAL_BOT_TOKEN = "0:local";

/** The bot identity used when no Telegram token is configured. */
export const LOCAL_BOT_INFO: UserFromGetMe = {
  id: 1,
  is_bot: true,
  first_name: "团建助手",
  username: "tuanjian_local_bot",
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

type Payload = Record<string, unknown>;

/**
 * Answers the bot's Bot API calls locally instead of Telegram: messages, edits, button answers and
 * documents go into the local chat transcript, and the bot gets the same results Telegram would
 * return. Everything above this transformer (handlers, plugins, sessions) runs unchanged.
 */
export function localChatTransport(store: LocalChatStore, now: () => Date): Transformer {
  const transport = async (method: string, payload: Payload): Promise<unknown> => {
    const chatId = Number(payload.chat_id);
    switch (method) {
      case "getMe":
        return LOCAL_BOT_INFO;
      case "sendMessage": {
        const row = await store.append({
          chatId,
          fromBot: true,
          text: String(payload.text ?? ""),
          replyMarkup: inlineKeyboard(payload.reply_markup),
        });
        return toMessage(row);
      }
      case "editMessageText":
      case "editMessageReplyMarkup": {
        const row = await store.edit(
          chatId,
          Number(payload.message_id),
          {
            ...(method === "editMessageText" ? { text: String(payload.text ?? "") } : {}),
            replyMarkup: inlineKeyboard(payload.reply_markup) ?? null,
          },
          now().getTime(),
        );
        if (!row) throw new LocalApiError(400, "Bad Request: message to edit not found");
        return toMessage(row);
      }
      case "answerCallbackQuery": {
        const text = typeof payload.text === "string" ? payload.text : "";
        // Local callback query ids are "<chat id>:<update id>" (see localCallbackQueryId).
        const chat = Number(String(payload.callback_query_id).split(":")[0]);
        if (text && Number.isFinite(chat)) await store.append({ chatId: chat, fromBot: true, kind: "notice", text });
        return true;
      }
      case "sendDocument": {
        const file = payload.document;
        if (!(file instanceof InputFile)) throw new LocalApiError(400, "Bad Request: document must be uploaded");
        const row = await store.append({
          chatId,
          fromBot: true,
          text: String(payload.caption ?? ""),
          replyMarkup: inlineKeyboard(payload.reply_markup),
          document: { name: file.filename ?? "document", data: await readInputFile(file) },
        });
        return toMessage(row);
      }
      case "getFile": {
        // Documents the user uploaded on the page (see POST /local/document): the bot downloads them
        // from this same server at the path given here (/local/files/<chat>/<message>).
        const match = /^local-(\d+)-(\d+)$/.exec(String(payload.file_id));
        const row = match ? await store.get(Number(match[1]), Number(match[2])) : undefined;
        if (!row?.documentData || row.fromBot) throw new LocalApiError(400, "Bad Request: invalid file_id");
        return {
          file_id: String(payload.file_id),
          file_unique_id: `local-${row.id}`,
          file_size: row.documentData.length,
          file_path: `local/files/${row.chatId}/${row.id}/${await fileCapability(row.chatId, row.id)}`,
        };
      }
      default:
        // setMyCommands, sendChatAction, deleteWebhook and the like have nothing to show locally.
        return true;
    }
  };
  return (async (_prev, method, payload) => {
    try {
      return { ok: true, result: await transport(method, (payload ?? {}) as Payload) };
    } catch (error) {
      if (error instanceof LocalApiError) return { ok: false, error_code: error.code, description: error.message };
      throw error;
    }
  }) as Transformer;
}

/**
 * The bot downloads an upload from this same server without the page's cookies; the path it is given
 * carries an HMAC of (chat, message) under a key of this process, so nobody else can name a file.
 */
const fileKey = crypto.subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]) as Promise<CryptoKey>;
const fileMessage = (chatId: number, messageId: number) => new TextEncoder().encode(`${chatId}:${messageId}`);

async function fileCapability(chatId: number, messageId: number): Promise<string> {
  return Buffer.from(await crypto.subtle.sign("HMAC", await fileKey, fileMessage(chatId, messageId))).toString("base64url");
}

export async function isFileCapability(chatId: number, messageId: number, capability: string): Promise<boolean> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(capability)) return false;
  return crypto.subtle.verify("HMAC", await fileKey, Buffer.from(capability, "base64url"), fileMessage(chatId, messageId));
}

export function localCallbackQueryId(chatId: number, updateId: number): string {
  return `${chatId}:${updateId}`;
}

class LocalApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

function inlineKeyboard(markup: unknown): unknown {
  return markup && typeof markup === "object" && "inline_keyboard" in markup ? markup : undefined;
}

async function readInputFile(file: InputFile): Promise<Uint8Array> {
  const raw = await file.toRaw();
  if (raw instanceof Uint8Array) return raw;
  const chunks: Uint8Array[] = [];
  for await (const chunk of raw as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export function toMessage(row: LocalMessageRow): Message {
  const message = {
    message_id: row.id,
    date: Math.floor(row.createdAt / 1000),
    ...(row.editedAt ? { edit_date: Math.floor(row.editedAt / 1000) } : {}),
    chat: { id: row.chatId, type: "private", first_name: "本地用户" },
    from: row.fromBot
      ? { id: LOCAL_BOT_INFO.id, is_bot: true, first_name: LOCAL_BOT_INFO.first_name, username: LOCAL_BOT_INFO.username }
      : { id: row.chatId, is_bot: false, first_name: "本地用户" },
    text: row.text,
    ...(row.replyMarkup ? { reply_markup: JSON.parse(row.replyMarkup) } : {}),
  };
  return message as Message;
}
