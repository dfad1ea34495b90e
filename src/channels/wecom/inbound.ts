import type { Update } from "grammy/types";
import { sha1 } from "@noble/hashes/legacy.js";
import { CHANNEL_USER_ID_BASE, channelUserId } from "../../db/channel-accounts.js";
import type { Database } from "../../db/client.js";
import type { StatementRunner } from "../../db/statements.js";
import { messageIdOfTask, typedChoice } from "./cards.js";
import type { WecomCardStore } from "./card-store.js";
import type { WecomState } from "./state.js";
import { WECOM_CALLBACK_PREFIX, WECOM_FILE_PREFIX } from "./transport.js";

/**
 * WeCom's update ids live in [2^52, 2^53): Telegram's are below 2^31 and the local chat's are
 * timestamps (below 2^42), so the ledger of handled updates (processed_updates) can hold all of them.
 */
export const WECOM_UPDATE_ID_BASE = 2 ** 52;

const ACCOUNT_SQL = "SELECT seq FROM channel_accounts WHERE channel = 'wecom' AND external_id = ?";

export interface InboundDeps {
  db: Database;
  statements: StatementRunner;
  state: WecomState;
  cards: WecomCardStore;
  corpId: string;
}

/**
 * The update id of a WeCom callback: a hash of what identifies it (a message's MsgId, a press's
 * response code), so that WeCom's retries of one callback claim the same id in the ledger.
 */
export function wecomUpdateId(corpId: string, identity: string): number {
  const digest = sha1(new TextEncoder().encode(`${corpId}\n${identity}`));
  let value = 0;
  // 52 bits: 6 whole bytes and the high half of the seventh.
  for (let i = 0; i < 6; i++) value = value * 256 + digest[i]!;
  value = value * 16 + (digest[6]! >> 4);
  return WECOM_UPDATE_ID_BASE + value;
}

/**
 * A decrypted WeCom callback (its flat XML fields) as a Telegram update for the bot: a text as a
 * message (a "#n" reply to the last card as the press of its n-th button), a file as a document
 * message, a template card press as a callback query. Events that ask nothing of the bot (the user
 * opened the application, a location report) give no update.
 */
export async function wecomToUpdate(
  fields: Record<string, string>,
  deps: InboundDeps,
): Promise<Update | undefined> {
  const userid = fields.FromUserName;
  if (!userid) return undefined;
  const type = fields.MsgType;
  const isPress = type === "event" && fields.Event === "template_card_event";
  if (type === "event" && !isPress) return undefined;

  const chatId = await userIdOf(deps, userid);
  const from = { id: chatId, is_bot: false as const, first_name: userid, language_code: "zh" };
  const chat = { id: chatId, type: "private" as const, first_name: userid };
  const date = Number(fields.CreateTime) || Math.floor(Date.now() / 1000);

  if (isPress) {
    const code = fields.ResponseCode ?? "";
    const messageId = messageIdOfTask(fields.TaskId ?? "");
    if (messageId === undefined || !fields.EventKey) return undefined;
    // The press's response code lets the bot's edit of this message update the card (transport.ts).
    if (code) deps.state.pressCodes.set(`${chatId}:${messageId}`, code);
    return {
      update_id: wecomUpdateId(
        deps.corpId,
        `press\n${userid}\n${code || `${fields.TaskId}\n${fields.EventKey}\n${date}`}`,
      ),
      callback_query: {
        id: `${WECOM_CALLBACK_PREFIX}${chatId}:${code || "press"}`,
        from,
        message: { message_id: messageId, date, chat, text: "" },
        chat_instance: String(chatId),
        data: fields.EventKey,
      },
    } as Update;
  }

  const updateId = wecomUpdateId(
    deps.corpId,
    `msg\n${fields.MsgId ?? `${userid}\n${date}\n${type}\n${fields.Content ?? fields.MediaId ?? ""}`}`,
  );
  const message = { message_id: deps.state.nextMessageId(), date, chat, from };
  if (type === "text") {
    const text = fields.Content ?? "";
    const typed = typedChoice(text);
    const choices = typed === undefined ? undefined : await deps.cards.lastChoices(chatId);
    const data = typed && choices ? choices.data[typed - 1] : undefined;
    if (choices && data !== undefined) {
      return {
        update_id: updateId,
        callback_query: {
          id: `${WECOM_CALLBACK_PREFIX}${chatId}:typed`,
          from,
          message: { message_id: choices.messageId, date, chat, text: "" },
          chat_instance: String(chatId),
          data,
        },
      } as Update;
    }
    const command = /^\/[A-Za-z0-9_]+/.exec(text)?.[0];
    return {
      update_id: updateId,
      message: {
        ...message,
        text,
        ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command.length }] } : {}),
      },
    } as Update;
  }
  if (type === "file" && fields.MediaId) {
    return {
      update_id: updateId,
      message: {
        ...message,
        document: {
          file_id: `${WECOM_FILE_PREFIX}${fields.MediaId}`,
          file_unique_id: fields.MediaId,
          file_name: fields.FileName || fields.Title || "file",
          ...(fields.FileSize ? { file_size: Number(fields.FileSize) } : {}),
        },
      },
    } as Update;
  }
  if (type === "image" && fields.MediaId) {
    const photo = [
      {
        file_id: `${WECOM_FILE_PREFIX}${fields.MediaId}`,
        file_unique_id: fields.MediaId,
        width: 0,
        height: 0,
      },
    ];
    return { update_id: updateId, message: { ...message, photo } } as Update;
  }
  // Voice, video, a link, a location: a message with nothing the bot reads; it says what it takes.
  return { update_id: updateId, message } as Update;
}

/**
 * A read first, through the per-update statement runner (prepared once in Node); the insert (a write
 * transaction) is only for someone writing for the first time.
 */
async function userIdOf(deps: InboundDeps, userid: string): Promise<number> {
  const { row } = await deps.statements.execute({ sql: ACCOUNT_SQL, args: [userid] });
  const id = row ? CHANNEL_USER_ID_BASE + Number(row.seq) : await channelUserId(deps.db, "wecom", userid);
  if (deps.state.accounts.get(id) !== userid) deps.state.accounts.set(id, userid);
  return id;
}
