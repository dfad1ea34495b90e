import {
  editOfCard,
  type KeyboardButton,
  keyboardOf,
  type Rendered,
  renderMessage,
  switchedOffLabel,
  type TemplateCard,
  typedChoice,
} from "../channels/wecom/cards.js";
import type { LocalMessageRow } from "../db/local-chat.js";
import { maskPersonalData } from "../domain/privacy.js";

/** A piece of what a WeCom member sees: a text message or a template card. */
export type WecomPart =
  | { kind: "text"; text: string }
  | {
      kind: "card";
      title: string;
      desc: string;
      subTitle: string;
      rows: { name: string; value: string }[];
      buttons: { text: string; data: string | null; url: string | null }[];
      /** The label of the one greyed button WeCom shows once the card's buttons are switched off. */
      done: string | null;
      /** The card was updated in place after a press (update_template_card). */
      updated: boolean;
    };

/**
 * How WeCom shows a bot message of the local transcript, from the WeCom channel's own rendering
 * (src/channels/wecom/cards.ts: the cards, their paging and `#n` numbers, the 2,048-byte split, and
 * what an edit after a press becomes), so the local chat page can show a WeCom card without WeCom.
 * `url` gives a link button's address as the page opens it (the Mini App with its initData).
 * `wecomChoice` reads a typed "#n" as WeCom's channel does: the n-th button of the last card.
 */
export function wecomParts(row: LocalMessageRow, url: (address: string) => string): WecomPart[] {
  const current = render(maskPersonalData(row.text), maskedKeyboard(row.replyMarkup), row.id);
  const before = row.editedFrom
    ? (JSON.parse(row.editedFrom) as { text: string | null; replyMarkup: string | null })
    : undefined;
  if (!before) return partsOf(current, url);
  const original = render(maskPersonalData(before.text ?? ""), maskedKeyboard(before.replyMarkup), row.id);
  // An edit of the buttons alone (editMessageReplyMarkup) reaches WeCom's channel without a text.
  const text = before.text === row.text ? "" : maskPersonalData(row.text);
  const edited = text ? current : render("", maskedKeyboard(row.replyMarkup), row.id);
  const { inPlace, anew } = editOfCard(edited, text);
  // A message without a card has no response code: WeCom shows the edit as a new message after it.
  if (original.cards.length === 0) return [...partsOf(original, url), ...(anew ? partsOf(anew, url) : [])];
  const [pressed, ...others] = partsOf({ ...original, texts: [] }, url);
  if (inPlace) {
    const [card] = partsOf(edited, url);
    return [...original.texts.map(textPart), { ...(card as CardPart), updated: true }, ...others];
  }
  const done = switchedOffLabel(original.locale);
  return [
    ...original.texts.map(textPart),
    { ...(pressed as CardPart), buttons: [], done },
    ...others,
    ...(anew ? partsOf(anew, url) : []),
  ];
}

type CardPart = Extract<WecomPart, { kind: "card" }>;

function render(text: string, keyboard: KeyboardButton[][] | undefined, messageId: number): Rendered {
  return renderMessage(text, keyboard, messageId, "local");
}

function partsOf(rendered: Rendered, url: (address: string) => string): WecomPart[] {
  return [...rendered.texts.map(textPart), ...rendered.cards.map((card) => cardPart(card, url))];
}

function textPart(text: string): WecomPart {
  return { kind: "text", text };
}

function cardPart(card: TemplateCard, url: (address: string) => string): CardPart {
  return {
    kind: "card",
    title: card.main_title.title,
    desc: card.main_title.desc ?? "",
    subTitle: card.sub_title_text ?? "",
    rows: (card.horizontal_content_list ?? []).map((r) => ({ name: r.keyname, value: r.value })),
    buttons: card.button_list.map((b) => ({
      text: b.text,
      data: b.key ?? null,
      url: b.url ? url(b.url) : null,
    })),
    done: null,
    updated: false,
  };
}

/** The keyboard of a row (its JSON reply markup) with its labels masked, as every label the page shows. */
function maskedKeyboard(markup: string | null): KeyboardButton[][] | undefined {
  const keyboard = markup ? keyboardOf(JSON.parse(markup)) : undefined;
  return keyboard?.map((line) => line.map((b) => ({ ...b, text: maskPersonalData(b.text) })));
}

/**
 * The callback data a typed "#n" stands for in WeCom (inbound.ts): the n-th numbered button of the
 * last card, here `lastCard`, the bot message with buttons changed last (the store's); undefined when
 * "#n" is just text, as when that message's buttons were taken away since (WeCom shows the card
 * switched off, and its row is gone).
 */
export function wecomChoice(
  text: string,
  lastCard: LocalMessageRow | undefined,
): { row: LocalMessageRow; data: string } | undefined {
  const number = typedChoice(text);
  if (number === undefined || !lastCard?.replyMarkup) return undefined;
  const choice = render(lastCard.text, maskedKeyboard(lastCard.replyMarkup), lastCard.id).choices[number - 1];
  return choice ? { row: lastCard, data: choice.data } : undefined;
}
