import type { Update } from "grammy/types";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { isFileCapability, LOCAL_BOT_TOKEN, localCallbackQueryId, toMessage } from "../bot/local-transport.js";
import { typedChoice } from "../channels/wecom/cards.js";
import type { LocalChatStore, LocalMessageRow } from "../db/local-chat.js";
import { maskPersonalData } from "../domain/privacy.js";
import { isLocale, type Locale } from "../i18n/index.js";
import type { AppDeps } from "./app.js";
import { limitBody } from "./body-limit.js";
import { CHAT_SCRIPT, CHAT_SCRIPT_PATH, renderChatPage } from "./chat-page.js";
import { initDataFor } from "./init-data.js";
import type { localAccess } from "./local-access.js";
import { wecomChoice, wecomParts } from "./local-chat-wecom.js";

type LocalAccess = ReturnType<typeof localAccess>;

const after = z.coerce.number().int().min(0).default(0);
const language = z.enum(["zh", "en"]).default("zh");
/** Which channel's rendering the page shows: in WeCom's, a typed "#n" presses the n-th button of the last card. */
const channel = z.enum(["telegram", "wecom"]).default("telegram");
const sendBody = z.object({ after, language, channel, text: z.string().trim().min(1).max(4096) });
const documentBody = z.object({ after, language });
/** The largest spreadsheet the page uploads (the bot refuses larger ones too). */
const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;
const clickBody = z.object({ after, language, messageId: z.number().int().positive(), data: z.string().min(1).max(64) });
const rowId = z.coerce.number().int().positive();

/**
 * The local chat: a page and a small JSON API that turn what the user types or clicks into real
 * Telegram `Update` objects for the same bot pipeline. The bot's answers come back through the local
 * transport into the transcript, which the page reads. Who the user is comes from the browser's
 * cookie (see local-access.ts), never from the request: each browser is its own user and sees only
 * its own transcript.
 */
export function localChatRoutes(deps: AppDeps, store: LocalChatStore, now: () => Date, access: LocalAccess): Hono {
  const app = new Hono();
  let lastUpdateId = 0;
  // Unique across restarts without a table: time-based, strictly increasing within the process.
  const nextUpdateId = () => (lastUpdateId = Math.max(lastUpdateId + 1, Date.now()));

  const handle = async (update: Update) => {
    await deps.bot.handleUpdate(update);
  };
  /** A button of a bot message pressed (clicked, or typed as "#n" in WeCom's rendering). */
  const press = async (chat: number, lang: Locale, row: LocalMessageRow, data: string) => {
    const updateId = nextUpdateId();
    await handle({
      update_id: updateId,
      callback_query: {
        id: localCallbackQueryId(chat, updateId),
        from: localUser(chat, lang),
        message: toMessage(row),
        chat_instance: String(chat),
        data,
      },
    } as Update);
  };
  const noSession = (c: Context) => c.json({ error: "no session: open the chat page first" }, 401);
  const jsonBody = async (c: Context) => {
    // The page sends JSON; anything else is not the page.
    if (!/^application\/json\b/i.test(c.req.header("content-type") ?? "")) return null;
    return c.req.json().catch(() => null);
  };

  /**
   * What changed for the user since `since`. A user who erased their data (/deleteme) during this
   * request is a new user from now on: the reply to the erasure is shown once, with `reset` (the
   * page starts its transcript afresh), and then goes too.
   */
  const respond = async (c: Context, chat: number, since: number) => {
    const current = await access.browserUser(c, false);
    if (current === chat) return c.json(await changes(store, chat, since, now()));
    // All that is left of the erased transcript is what the bot wrote after the erasure.
    const last = await changes(store, chat, 0, now());
    await store.forgetChat(chat);
    return c.json({ ...last, revision: 0, reset: true });
  };

  // A message is at most 4,096 characters and a spreadsheet 2 MiB: larger bodies are refused unread.
  const tooLarge = (c: Context) => c.json({ error: "payload too large" }, 413);
  app.use("/local/messages", limitBody(64 * 1024, tooLarge));
  app.use("/local/callback", limitBody(64 * 1024, tooLarge));
  app.use("/local/document", limitBody(MAX_DOCUMENT_BYTES + 64 * 1024, tooLarge));

  app.get("/", async (c) => {
    const requested = c.req.query("lang");
    const locale: Locale = isLocale(requested) ? requested : "zh";
    await access.browserUser(c, true);
    return c.html(renderChatPage(locale));
  });

  app.get(CHAT_SCRIPT_PATH, (c) =>
    c.body(CHAT_SCRIPT, 200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-cache" }),
  );

  app.get("/local/messages", async (c) => {
    const chat = await access.browserUser(c, false);
    if (chat === undefined) return noSession(c);
    const parsed = after.safeParse(c.req.query("after"));
    if (!parsed.success) return c.json({ error: "invalid after" }, 400);
    return c.json(await changes(store, chat, parsed.data, now()));
  });

  app.post("/local/messages", async (c) => {
    const chat = await access.browserUser(c, false);
    if (chat === undefined) return noSession(c);
    const parsed = sendBody.safeParse(await jsonBody(c));
    if (!parsed.success) return c.json({ error: "expected { text: 1-4096 characters }" }, 400);
    const { text, language: lang } = parsed.data;
    // The transcript keeps what the user typed with ID and mobile numbers masked; the bot gets it as typed.
    const row = await store.append({ chatId: chat, fromBot: false, text: maskPersonalData(text) });
    // Only a typed "#n" in the WeCom view reads the last card (one row, no document bytes).
    const typed = parsed.data.channel === "wecom" && typedChoice(text) !== undefined;
    const choice = typed ? wecomChoice(text, await store.lastCard(chat)) : undefined;
    if (choice) {
      await press(chat, lang, choice.row, choice.data);
      return respond(c, chat, parsed.data.after);
    }
    const command = /^\/[A-Za-z0-9_]+(@\w+)?/.exec(text)?.[0];
    await handle({
      update_id: nextUpdateId(),
      message: {
        ...toMessage(row),
        text,
        from: localUser(chat, lang),
        ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command.length }] } : {}),
      },
    } as Update);
    return respond(c, chat, parsed.data.after);
  });

  // A file chosen on the page (multipart: `document`, and after, language) becomes a real
  // `message.document` update; the bot fetches it with getFile and GET /local/files/<chat>/<id>/<capability>.
  app.post("/local/document", async (c) => {
    const chat = await access.browserUser(c, false);
    if (chat === undefined) return noSession(c);
    const form = await c.req.parseBody().catch(() => null);
    const file = form?.document;
    const parsed = documentBody.safeParse({ after: form?.after, language: form?.language });
    if (!parsed.success || !(file instanceof File) || file.size === 0 || file.size > MAX_DOCUMENT_BYTES)
      return c.json({ error: "expected a multipart form with a document of at most 2 MiB" }, 400);
    const { language: lang } = parsed.data;
    const name = maskPersonalData(file.name.replace(/[\\/\r\n]/g, "_").slice(0, 100)) || "document";
    const row = await store.append({
      chatId: chat,
      fromBot: false,
      text: `📎 ${name}`,
      document: { name, data: new Uint8Array(await file.arrayBuffer()) },
    });
    const { text: _caption, ...message } = toMessage(row);
    await handle({
      update_id: nextUpdateId(),
      message: {
        ...message,
        from: localUser(chat, lang),
        document: {
          file_id: `local-${chat}-${row.id}`,
          file_unique_id: `local-${row.id}`,
          file_name: name,
          ...(file.type ? { mime_type: file.type } : {}),
          file_size: file.size,
        },
      },
    } as Update);
    // The bot has read the file (a candidate list: ID numbers in clear); the transcript keeps its name only.
    await store.forgetDocument(chat, row.id);
    return respond(c, chat, parsed.data.after);
  });

  // The bot's own download of an upload (no cookie): the path carries a capability only this process can make.
  app.get("/local/files/:chatId/:id/:capability", async (c) => {
    const parsed = z.object({ chatId: rowId, id: rowId }).safeParse(c.req.param());
    if (!parsed.success) return c.json({ error: "invalid file path" }, 400);
    if (!(await isFileCapability(parsed.data.chatId, parsed.data.id, c.req.param("capability")))) return c.json({ error: "no such file" }, 404);
    const row = await store.get(parsed.data.chatId, parsed.data.id);
    if (!row?.documentData || row.fromBot) return c.json({ error: "no such file" }, 404);
    return new Response(new Uint8Array(row.documentData), { headers: { "content-type": "application/octet-stream" } });
  });

  app.post("/local/callback", async (c) => {
    const chat = await access.browserUser(c, false);
    if (chat === undefined) return noSession(c);
    const parsed = clickBody.safeParse(await jsonBody(c));
    if (!parsed.success) return c.json({ error: "expected { messageId, data }" }, 400);
    const { messageId, data, language: lang } = parsed.data;
    const row = await store.get(chat, messageId);
    const pressed = row?.fromBot ? buttonsOf(row).find((b) => b.callback_data === data) : undefined;
    if (!row?.fromBot) return c.json({ error: "no such message" }, 404);
    // A button the message no longer has (a second click while the first one's edit was on its way)
    // presses nothing, as in Telegram: the page is just brought up to date.
    if (!pressed) return respond(c, chat, parsed.data.after);
    // The choice stays in the transcript, as the user's own line, like a typed answer.
    await store.append({ chatId: chat, fromBot: false, kind: "choice", text: maskPersonalData(pressed.text) });
    await press(chat, lang, row, data);
    return respond(c, chat, parsed.data.after);
  });

  app.get("/local/documents/:id", async (c) => {
    const chat = await access.browserUser(c, false);
    if (chat === undefined) return noSession(c);
    const parsed = rowId.safeParse(c.req.param("id"));
    if (!parsed.success) return c.json({ error: "invalid document id" }, 400);
    const row = await store.get(chat, parsed.data);
    if (!row?.documentData) return c.json({ error: "no such document" }, 404);
    return new Response(new Uint8Array(row.documentData), {
      headers: {
        "content-type": "application/octet-stream",
        "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(row.documentName ?? "document")}`,
      },
    });
  });

  return app;
}

function localUser(id: number, language: Locale) {
  return { id, is_bot: false as const, first_name: "本地用户", language_code: language };
}

async function changes(store: LocalChatStore, chat: number, since: number, now: Date) {
  const rows = await store.changedSince(chat, since);
  // A Mini App button opens the page as Telegram would: initData in the fragment, signed for this user.
  const initData = rows.some((row) => row.replyMarkup?.includes('"web_app"'))
    ? await initDataFor({ id: chat, first_name: "本地用户" }, LOCAL_BOT_TOKEN, now)
    : "";
  return {
    revision: rows.reduce((max, row) => Math.max(max, row.revision), since),
    messages: rows.map((row) => toView(row, initData)),
  };
}

type Button = { text: string; callback_data?: string; url?: string; web_app?: { url: string } };

function buttonsOf(row: LocalMessageRow): Button[] {
  return row.replyMarkup ? (JSON.parse(row.replyMarkup) as { inline_keyboard: Button[][] }).inline_keyboard.flat() : [];
}

function buttonUrl(button: Button, initData: string): string | null {
  if (button.web_app) return `${button.web_app.url}#tgWebAppData=${encodeURIComponent(initData)}`;
  return button.url ?? null;
}

/** What the page shows of a row; personal data is masked here too, whatever the bot wrote. */
function toView(row: LocalMessageRow, initData: string) {
  const keyboard = row.replyMarkup ? (JSON.parse(row.replyMarkup) as { inline_keyboard: Button[][] }) : undefined;
  // An empty row of a keyboard is nothing to show (and would leave a gap under the message).
  const lines = (keyboard?.inline_keyboard ?? []).filter((line) => line.length > 0);
  const webApps = new Map(lines.flat().flatMap((b) => (b.web_app ? [[b.web_app.url, buttonUrl(b, initData) ?? ""]] : [])));
  return {
    id: row.id,
    fromBot: row.fromBot,
    kind: row.kind,
    text: maskPersonalData(row.text),
    edited: row.editedAt !== null,
    revision: row.revision,
    buttons: lines.map((line) => line.map((b) => ({ text: maskPersonalData(b.text), data: b.callback_data ?? null, url: buttonUrl(b, initData) }))),
    document: row.documentName
      ? { name: row.documentName, url: row.documentData ? `/local/documents/${row.id}` : null }
      : null,
    // The same message as WeCom shows it, for the page's WeCom view.
    wecom: row.fromBot ? wecomParts(row, (address) => webApps.get(address) ?? address) : null,
  };
}
