/**
 * How a Telegram-shaped message (plain text and an inline keyboard) looks in WeCom: text messages of
 * at most 2,048 bytes, and buttons as button_interaction template cards of at most 6 buttons each
 * (longer lists take several cards). Every button is numbered; replying "#n" is the same as pressing
 * it (see channel.ts), for clients that show cards badly and lists longer than a card.
 */
import { type Locale, translate } from "../../i18n/index.js";

/** WeCom truncates a text message's content beyond this. */
export const TEXT_LIMIT_BYTES = 2048;
/** button_interaction cards take at most this many buttons. */
export const CARD_BUTTONS = 6;
/**
 * What a button_interaction card's fields show, in characters (WeCom's documentation of message/send:
 * beyond these a field is elided): the title (its second line, desc, holds the "#n" hint: 44), the
 * second-level text, and up to 6 rows of a name (5) and a value (30) under it.
 */
const TITLE_CHARS = 36;
const SUB_TITLE_CHARS = 160;
const ROWS = 6;
const ROW_NAME_CHARS = 5;
const ROW_VALUE_CHARS = 30;
const BUTTON_CHARS = 10;

export interface KeyboardButton {
  text: string;
  callback_data?: string;
  url?: string;
  web_app?: { url: string };
}

/** The buttons of a Bot API reply_markup, row by row, when it is an inline keyboard. */
export function keyboardOf(markup: unknown): KeyboardButton[][] | undefined {
  return markup && typeof markup === "object" && "inline_keyboard" in markup
    ? (markup as { inline_keyboard: KeyboardButton[][] }).inline_keyboard
    : undefined;
}

export interface Choice {
  /** The number shown on the button and typed as "#n". */
  number: number;
  data: string;
}

export interface TemplateCard {
  card_type: "button_interaction";
  main_title: { title: string; desc?: string };
  sub_title_text?: string;
  horizontal_content_list?: { keyname: string; value: string }[];
  task_id: string;
  button_list: { type?: 1; text: string; style: 1 | 2; key?: string; url?: string }[];
}

export interface Rendered {
  /** The language the message is written in (its cards' hints, their switched-off button). */
  locale: Locale;
  /** Text messages sent before the cards (the text, when it does not fit a card). */
  texts: string[];
  cards: TemplateCard[];
  choices: Choice[];
}

/** The task id of a card: names the bot's message id, so a press finds the message it belongs to. */
export function taskId(messageId: number, page: number, nonce: string): string {
  return `tj_${messageId}_${page}_${nonce}`;
}

export function messageIdOfTask(task: string): number | undefined {
  const match = /^tj_(\d+)_\d+_/.exec(task);
  return match ? Number(match[1]) : undefined;
}

/** The number of a choice typed as "#n" (full-width too: "＃１"), or undefined for any other text. */
export function typedChoice(text: string): number | undefined {
  const typed = /^\s*#\s*(\d{1,3})\s*$/.exec(text.normalize("NFKC"));
  return typed ? Number(typed[1]) : undefined;
}

/** The language a message is written in, for the card's hints: the bot wrote it for this user. */
export function localeOf(text: string): Locale {
  // An English message may quote Chinese (a paper's name, a document's words): the language is the one
  // most of its text is written in.
  const chinese = text.match(/[\u3400-\u9fff]/g)?.length ?? 0;
  const latin = text.match(/[A-Za-z]+/g)?.length ?? 0;
  return latin > chinese ? "en" : "zh";
}

/** The one greyed button a card shows once its buttons are switched off, in the card's own language. */
export function switchedOffLabel(cardLocale: Locale): string {
  return translate(cardLocale, "wecom-card-done");
}

export function renderMessage(
  text: string,
  keyboard: KeyboardButton[][] | undefined,
  messageId: number,
  nonce: string,
): Rendered {
  const buttons = (keyboard ?? []).flat().filter((b) => b.callback_data !== undefined || b.url || b.web_app);
  const locale = localeOf(text);
  if (buttons.length === 0) return { locale, texts: splitText(text), cards: [], choices: [] };
  const hint = translate(locale, "wecom-card-hint");
  const choices: Choice[] = [];
  const list = buttons.map((b) => {
    if (b.callback_data === undefined)
      return {
        type: 1 as const,
        text: clip(b.text, BUTTON_CHARS),
        style: 2 as const,
        url: b.web_app?.url ?? b.url!,
      };
    const number = choices.push({ number: choices.length + 1, data: b.callback_data });
    return {
      text: clip(`#${number} ${buttonLabel(b.text)}`, BUTTON_CHARS),
      style: 1 as const,
      key: b.callback_data,
    };
  });
  // The full labels, numbered, go with the text when the buttons cannot show them all.
  const clipped = buttons.some((b) => [...buttonLabel(b.text)].length + 3 > BUTTON_CHARS);
  const labels = clipped
    ? `\n\n${buttons
        .filter((b) => b.callback_data !== undefined)
        .map((b, i) => `#${i + 1} ${b.text}`)
        .join("\n")}`
    : "";
  // One message/send when the text fits the card's fields; the text first otherwise.
  const laid = layOut(`${text}${labels}`);
  const firstLine = text.trim().split("\n")[0] ?? "";
  const title = laid ? laid.title || hint : clip(firstLine || hint, TITLE_CHARS);
  const desc = choices.length > 0 && title !== hint ? hint : "";
  const pages = Math.ceil(list.length / CARD_BUTTONS);
  const cards = Array.from({ length: pages }, (_, page): TemplateCard => {
    return {
      card_type: "button_interaction",
      main_title: {
        title:
          page === 0
            ? title
            : clip(
                `${translate(locale, "wecom-card-page", { page: page + 1, pages })} · ${title}`,
                TITLE_CHARS,
              ),
        desc,
      },
      ...(page === 0 && laid?.subTitle ? { sub_title_text: laid.subTitle } : {}),
      ...(page === 0 && laid?.rows.length ? { horizontal_content_list: laid.rows } : {}),
      task_id: taskId(messageId, page, nonce),
      button_list: list.slice(page * CARD_BUTTONS, (page + 1) * CARD_BUTTONS),
    };
  });
  const texts = laid ? [] : splitText(`${text}${labels}`);
  return { locale, texts, cards, choices };
}

/**
 * What WeCom shows when the bot edits a message after a member pressed its card (transport.ts): the
 * card updated in place when the edited message is one card and nothing else; otherwise the pressed
 * card's buttons switched off and `anew`, the edited message, sent as a new one (nothing when only
 * the buttons were taken away).
 */
export function editOfCard(edited: Rendered, text: string): { inPlace: boolean; anew?: Rendered } {
  const inPlace = edited.cards.length === 1 && edited.texts.length === 0;
  if (!text && edited.cards.length === 0) return { inPlace };
  return { inPlace, anew: text ? edited : { ...edited, texts: [] } };
}

interface CardText {
  title: string;
  subTitle: string;
  rows: { keyname: string; value: string }[];
}

/**
 * A text laid out in a card's fields, each within what WeCom shows, nothing left out; undefined when
 * it does not fit. The title is the first line (or its first sentence, the rest of the line going
 * below); then as much as the second-level text holds; the lines after it as rows, when each is a
 * short "name: value" (a summary to check, a date).
 */
export function layOut(text: string): CardText | undefined {
  const lines = text.trim().split("\n");
  let title = "";
  const first = lines[0]!.trim();
  if (chars(first) <= TITLE_CHARS) title = lines.shift()!.trim();
  else {
    // "张三您好!我是…": the greeting as the title, the rest of the line under it.
    const sentence = /^.+?[。！？；!?;]/u.exec(first)?.[0];
    if (sentence && chars(sentence) <= TITLE_CHARS) {
      title = sentence;
      lines[0] = first.slice(sentence.length).trim();
    }
  }
  for (let split = lines.length; split >= 0; split--) {
    const subTitle = lines.slice(0, split).join("\n").trim();
    if (chars(subTitle) > SUB_TITLE_CHARS) continue;
    const tail = lines.slice(split).filter((line) => line.trim() !== "");
    // Fewer lines above only leave more for the rows.
    if (tail.length > ROWS) return undefined;
    const rows = tail.map(rowOf);
    if (rows.every((row) => row !== undefined)) return { title, subTitle, rows };
  }
  return undefined;
}

/** URI schemes: "tel:…", "mailto:…" are a link, not a name and its value. */
const URI_SCHEME = /^(?:https?|ftp|mailto|tel|sms|file|data|weixin|wxwork)$/i;

function rowOf(line: string): { keyname: string; value: string } | undefined {
  const match = /^\s*([^:：\s][^:：]*?)\s*[:：]\s*(\S.*?)\s*$/u.exec(line);
  if (!match) return undefined;
  const [, name = "", value = ""] = match;
  if (chars(name) > ROW_NAME_CHARS || chars(value) > ROW_VALUE_CHARS) return undefined;
  // What only looks like "name: value": a time or a score ("8:30 开会", "午休 12:00", "3:2"), a link
  // ("https://x.cn/a.pdf", "tel:…"). Split into a row, it would read as two unrelated pieces.
  const timeOrScore = /^\d+$/.test(name) || (/\d$/.test(name) && /^\d/.test(value));
  if (timeOrScore || value.startsWith("//") || URI_SCHEME.test(name)) return undefined;
  return { keyname: name, value };
}

function chars(text: string): number {
  return [...text].length;
}

/** Splits a text into pieces of at most `limit` UTF-8 bytes, at line ends where it can. */
export function splitText(text: string, limit = TEXT_LIMIT_BYTES): string[] {
  const encoder = new TextEncoder();
  const size = (s: string) => encoder.encode(s).length;
  if (size(text) <= limit) return [text];
  const pieces: string[] = [];
  let current = "";
  const push = () => {
    if (current) pieces.push(current);
    current = "";
  };
  for (const line of text.split("\n")) {
    const joined = current ? `${current}\n${line}` : line;
    if (size(joined) <= limit) {
      current = joined;
      continue;
    }
    push();
    if (size(line) <= limit) {
      current = line;
      continue;
    }
    // A single line longer than the limit: cut between characters.
    for (const char of line) {
      if (size(current + char) > limit) push();
      current += char;
    }
  }
  push();
  return pieces;
}

/** A label without its leading emoji when it is too long for a button: the words matter more. */
function buttonLabel(text: string): string {
  return [...text].length + 3 <= BUTTON_CHARS
    ? text
    : text.replace(/^(?:\p{Extended_Pictographic}|\uFE0F|\s)+/u, "");
}

function clip(text: string, chars: number): string {
  const all = [...text];
  return all.length <= chars ? text : `${all.slice(0, chars - 1).join("")}…`;
}
