/**
 * How a Telegram-shaped message (plain text and an inline keyboard) looks in WeCom: text messages of
 * at most 2,048 bytes, and buttons as button_interaction template cards of at most 6 buttons each
 * (longer lists take several cards). Every button is numbered; replying "#n" is the same as pressing
 * it (see channel.ts), for clients that show cards badly and lists longer than a card.
 */
import { translate, type Locale } from "../../i18n/index.js";

/** WeCom truncates a text message's content beyond this. */
export const TEXT_LIMIT_BYTES = 2048;
/** button_interaction cards take at most this many buttons. */
export const CARD_BUTTONS = 6;
/** What a card's title and second-level text show (WeCom elides beyond these). */
const TITLE_CHARS = 36;
const SUB_TITLE_CHARS = 160;
const BUTTON_CHARS = 10;

export interface KeyboardButton {
  text: string;
  callback_data?: string;
  url?: string;
  web_app?: { url: string };
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
  task_id: string;
  button_list: { type?: 1; text: string; style: 1 | 2; key?: string; url?: string }[];
}

export interface Rendered {
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

/** The language a message is written in, for the card's hints: the bot wrote it for this user. */
export function localeOf(text: string): Locale {
  return /[\u3400-\u9fff]/.test(text) || text.trim() === "" ? "zh" : "en";
}

export function renderMessage(
  text: string,
  keyboard: KeyboardButton[][] | undefined,
  messageId: number,
  nonce: string,
): Rendered {
  const buttons = (keyboard ?? []).flat().filter((b) => b.callback_data !== undefined || b.url || b.web_app);
  if (buttons.length === 0) return { texts: splitText(text), cards: [], choices: [] };
  const locale = localeOf(text);
  const [firstLine = "", ...rest] = text.trim().split("\n");
  const body = rest.join("\n").trim();
  const fits = [...firstLine].length <= TITLE_CHARS && [...body].length <= SUB_TITLE_CHARS;
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
  const inCard = fits && !clipped;
  const pages = Math.ceil(list.length / CARD_BUTTONS);
  const title = clip(firstLine || translate(locale, "wecom-card-hint"), TITLE_CHARS);
  const cards = Array.from({ length: pages }, (_, page): TemplateCard => {
    const hint = translate(locale, "wecom-card-hint");
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
        desc: choices.length > 0 ? hint : "",
      },
      ...(page === 0 && inCard && body ? { sub_title_text: body } : {}),
      task_id: taskId(messageId, page, nonce),
      button_list: list.slice(page * CARD_BUTTONS, (page + 1) * CARD_BUTTONS),
    };
  });
  const labels = clipped
    ? `\n\n${buttons
        .filter((b) => b.callback_data !== undefined)
        .map((b, i) => `#${i + 1} ${b.text}`)
        .join("\n")}`
    : "";
  const texts = inCard ? [] : splitText(`${text}${labels}`);
  return { texts, cards, choices };
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
