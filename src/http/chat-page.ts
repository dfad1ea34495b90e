import { html, raw } from "hono/html";
import { type Locale, translate } from "../i18n/index.js";

/**
 * The local chat page: a message log, a text box and buttons, talking to /local/* (see local-chat.ts).
 * Plain DOM and fetch, no build step; the strings come from the locale files.
 */
export function renderChatPage(locale: Locale) {
  const t = (key: string) => translate(locale, key);
  const strings = {
    edited: t("page-edited"),
    error: t("page-error"),
    download: t("page-download"),
    uploadError: t("page-upload-error"),
    wecomUpdated: t("page-wecom-updated"),
  };
  return html`<!doctype html>
<html lang="${locale === "zh" ? "zh-CN" : "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t("page-title")}</title>
<style>
  body { font-family: system-ui, "PingFang SC", "Noto Sans CJK SC", sans-serif; margin: 0; background: #eef1f5; }
  *, *::before, *::after { box-sizing: border-box; }
  main { max-width: 46rem; margin: 0 auto; display: flex; flex-direction: column; height: 100vh; height: 100dvh; }
  header { padding: .75rem 1rem; background: #b3261e; color: #fff; display: flex; flex-wrap: wrap; gap: .5rem 1rem; justify-content: space-between; align-items: center; }
  .channels { display: flex; gap: 0; border: 1px solid #fff; border-radius: .4rem; overflow: hidden; }
  .channels button { font: inherit; font-size: .9rem; padding: .25rem .6rem; border: 0; background: transparent; color: #fff; cursor: pointer; }
  .channels button[aria-pressed="true"] { background: #fff; color: #b3261e; }
  .wecom-text + .wecom-text, .wecom-text + .wecom-card, .wecom-card + .wecom-card, .wecom-card + .wecom-text { margin-top: .5rem; padding-top: .5rem; border-top: 1px dashed #ccd; }
  .wecom-card { white-space: normal; }
  .wecom-card .card-title { font-weight: 600; white-space: pre-wrap; }
  .wecom-card .card-desc { color: #666; font-size: .85rem; }
  .wecom-card .card-sub { color: #333; white-space: pre-wrap; margin-top: .35rem; }
  .wecom-card dl { display: grid; grid-template-columns: auto 1fr; gap: .15rem .75rem; margin: .35rem 0 0; font-size: .9rem; }
  .wecom-card dt { color: #666; }
  .wecom-card dd { margin: 0; min-width: 0; }
  .wecom-card .card-buttons { display: flex; flex-wrap: wrap; gap: .25rem; margin-top: .5rem; }
  .wecom-card .card-buttons button, .wecom-card .card-buttons a { flex: 1 1 auto; min-width: 0; max-width: 100%; padding: .4rem; font: inherit; font-size: .95rem; border: 1px solid #1f6feb; background: #fff; color: #1f6feb; border-radius: .3rem; cursor: pointer; white-space: normal; overflow-wrap: anywhere; text-align: center; text-decoration: none; }
  .wecom-card .card-buttons button:disabled { border-color: #ccc; color: #888; cursor: default; }
  header h1 { font-size: 1.1rem; margin: 0; }
  header a { color: #fff; }
  #log { flex: 1; overflow-y: auto; padding: 1rem; display: flex; flex-direction: column; gap: .5rem; }
  .msg { max-width: 85%; min-width: 0; padding: .5rem .75rem; border-radius: .75rem; white-space: pre-wrap; word-break: break-word; }
  .bot { background: #fff; align-self: flex-start; }
  .user { background: #d9f2c7; align-self: flex-end; }
  .notice { align-self: center; background: #fff6d6; font-size: .9rem; }
  .edited { color: #666; font-size: .8rem; margin-left: .5rem; }
  .keyboard { display: grid; gap: .25rem; margin-top: .5rem; }
  .keyboard div { display: flex; flex-wrap: wrap; gap: .25rem; }
  .keyboard button, .keyboard .link-button { flex: 1 1 auto; min-width: 0; max-width: 100%; padding: .4rem; font: inherit; font-size: .95rem; border: 1px solid #b3261e; background: #fff; color: #b3261e; border-radius: .4rem; cursor: pointer; white-space: normal; overflow-wrap: anywhere; text-align: center; text-decoration: none; }
  .choice { font-style: italic; }
  form { display: flex; gap: .5rem; padding: .75rem; background: #fff; }
  form input, form textarea { flex: 1; min-width: 0; padding: .6rem; font: inherit; font-size: 1rem; resize: vertical; }
  form button { padding: .6rem 1rem; font: inherit; font-size: 1rem; background: #b3261e; color: #fff; border: 0; border-radius: .4rem; cursor: pointer; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
  #uploader { padding-top: 0; align-items: center; flex-wrap: wrap; font-size: .95rem; }
  #uploader input[type=file] { flex: 1 1 12rem; min-width: 0; max-width: 100%; padding: .3rem 0; }
  #status { min-height: 1.2rem; padding: 0 1rem; color: #b3261e; }
</style>
</head>
<body>
<main>
  <header>
    <h1>${t("page-title")}</h1>
    <div class="channels" role="group" aria-label="${t("page-channel-label")}">
      <button type="button" data-channel="telegram" aria-pressed="true">${t("page-channel-telegram")}</button>
      <button type="button" data-channel="wecom" aria-pressed="false">${t("page-channel-wecom")}</button>
    </div>
    <a href="/?lang=${locale === "zh" ? "en" : "zh"}">${t("page-switch-language")}</a>
  </header>
  <div id="log" role="log" aria-live="polite" aria-label="${t("page-log-label")}"></div>
  <div id="status" role="status"></div>
  <form id="composer">
    <label for="message" class="visually-hidden">${t("page-message-label")}</label>
    <textarea id="message" name="message" rows="1" autocomplete="off" maxlength="4096" placeholder="${t("page-placeholder")}" required></textarea>
    <button type="submit">${t("page-send")}</button>
  </form>
  <form id="uploader">
    <label for="document">${t("page-upload-label")}</label>
    <input id="document" name="document" type="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required>
    <button type="submit">${t("page-upload-send")}</button>
  </form>
</main>
<script type="application/json" id="page-data">${raw(JSON.stringify({ strings, language: locale }).replace(/</g, "\\u003c"))}</script>
<script src="${CHAT_SCRIPT_PATH}"></script>
</body>
</html>`;
}

/** Where the page's script is served: a file of its own, so the page's CSP needs no inline script. */
export const CHAT_SCRIPT_PATH = "/local/chat.js";

/** The page's script: plain DOM and fetch; it reads its strings from the page's JSON data block. */
export const CHAT_SCRIPT = `const { strings: STRINGS, language: LANGUAGE } = JSON.parse(document.getElementById("page-data").textContent);
const log = document.getElementById("log");
const statusLine = document.getElementById("status");
const input = document.getElementById("message");
// Enter sends, as in a chat; Shift+Enter keeps a line break (pasted rows of candidates keep theirs).
input.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    document.getElementById("composer").requestSubmit();
  }
});
let revision = 0;
let busy = Promise.resolve();
/** The messages as last received, to draw them again when the channel's rendering is switched. */
const messages = new Map();
// Telegram's rendering or WeCom's (the same transcript; WeCom's as the WeCom channel sends it).
let channel = localStorage.getItem("channel") === "wecom" ? "wecom" : "telegram";
const channelButtons = document.querySelectorAll(".channels button");
function showChannel() {
  for (const button of channelButtons) button.setAttribute("aria-pressed", String(button.dataset.channel === channel));
  document.body.dataset.channel = channel;
}
for (const button of channelButtons)
  button.addEventListener("click", () => {
    channel = button.dataset.channel === "wecom" ? "wecom" : "telegram";
    localStorage.setItem("channel", channel);
    showChannel();
    for (const message of messages.values()) render(message);
  });
showChannel();

/** A new element with its class and text (textContent: never HTML). */
function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

function clickable(label, data, messageId) {
  const button = element("button", "", label);
  button.type = "button";
  button.addEventListener("click", () => send("/local/callback", { messageId, data }));
  return button;
}

/** A link button (a URL button of Telegram, a jump button of WeCom), opened in a new tab. */
function linkButton(b, className) {
  const a = element("a", className, b.text);
  a.href = b.url; a.target = "_blank"; a.rel = "noopener";
  return a;
}

/** A bot message as WeCom shows it: text messages and template cards (title, text, rows, buttons). */
function renderWecom(el, message) {
  for (const part of message.wecom) {
    if (part.kind === "text") {
      el.appendChild(element("div", "wecom-text", part.text));
      continue;
    }
    const card = element("div", "wecom-card");
    card.appendChild(element("div", "card-title", part.title));
    if (part.desc) card.appendChild(element("div", "card-desc", part.desc));
    if (part.subTitle) card.appendChild(element("div", "card-sub", part.subTitle));
    if (part.rows.length) {
      const list = element("dl");
      for (const row of part.rows) list.append(element("dt", "", row.name), element("dd", "", row.value));
      card.appendChild(list);
    }
    const buttons = element("div", "card-buttons");
    for (const b of part.buttons) buttons.appendChild(b.url ? linkButton(b, "") : clickable(b.text, b.data, message.id));
    if (part.done) {
      const done = element("button", "", part.done);
      done.type = "button";
      done.disabled = true;
      buttons.appendChild(done);
    }
    if (buttons.children.length) card.appendChild(buttons);
    if (part.updated) card.appendChild(element("span", "edited", STRINGS.wecomUpdated));
    el.appendChild(card);
  }
}

function addDocument(el, message) {
  if (!message.document || !message.document.url) return;
  const link = document.createElement("a");
  link.href = message.document.url;
  link.download = message.document.name;
  link.textContent = STRINGS.download + " " + message.document.name;
  if (el.childNodes.length) el.appendChild(document.createElement("br"));
  el.appendChild(link);
}

function render(message) {
  messages.set(message.id, message);
  let el = document.getElementById("m" + message.id);
  if (!el) {
    el = document.createElement("div");
    el.id = "m" + message.id;
    el.dataset.id = String(message.id);
    // In the order the messages were written, whatever order their changes arrive in.
    let next = null;
    for (const other of log.children) if (Number(other.dataset.id) > message.id) { next = other; break; }
    log.insertBefore(el, next);
  }
  el.className = "msg " + (message.kind === "notice" ? "notice" : message.fromBot ? "bot" : "user") + (message.kind === "choice" ? " choice" : "");
  el.replaceChildren();
  if (channel === "wecom" && message.wecom) {
    // WeCom sends a paper as a file message, then its caption and buttons.
    addDocument(el, message);
    el.classList.add("wecom");
    renderWecom(el, message);
    return;
  }
  el.appendChild(element("span", "text", message.text));
  if (message.edited) el.appendChild(element("span", "edited", STRINGS.edited));
  addDocument(el, message);
  if (message.buttons.length) {
    const keyboard = element("div", "keyboard");
    for (const line of message.buttons) {
      const row = element("div");
      for (const b of line) row.appendChild(b.url ? linkButton(b, "link-button") : clickable(b.text, b.data, message.id));
      keyboard.appendChild(row);
    }
    el.appendChild(keyboard);
  }
}

function apply(result) {
  // After /deleteme the user starts afresh: the old transcript goes, the bot's last reply stays.
  if (result.reset) { log.replaceChildren(); messages.clear(); }
  for (const message of result.messages) render(message);
  revision = result.reset ? 0 : Math.max(revision, result.revision);
  log.scrollTop = log.scrollHeight;
}

function send(path, body) {
  busy = busy.then(async () => {
    statusLine.textContent = "";
    try {
      const response = await fetch(path, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...body, after: revision, language: LANGUAGE, channel }),
      });
      if (!response.ok) throw new Error(String(response.status));
      apply(await response.json());
    } catch {
      statusLine.textContent = STRINGS.error;
    }
  });
  return busy;
}

async function poll() {
  try {
    const response = await fetch("/local/messages?after=" + revision);
    if (response.ok) apply(await response.json());
  } catch {}
}

document.getElementById("composer").addEventListener("submit", (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  input.value = "";
  send("/local/messages", { text });
});

// A spreadsheet of candidates: sent like a Telegram document (the bot downloads it with getFile).
document.getElementById("uploader").addEventListener("submit", (event) => {
  event.preventDefault();
  const picker = document.getElementById("document");
  const file = picker.files && picker.files[0];
  if (!file) return;
  picker.value = "";
  busy = busy.then(async () => {
    statusLine.textContent = "";
    try {
      const body = new FormData();
      body.append("document", file);
      body.append("after", String(revision));
      body.append("language", LANGUAGE);
      const response = await fetch("/local/document", { method: "POST", body });
      if (!response.ok) throw new Error(String(response.status));
      apply(await response.json());
    } catch {
      statusLine.textContent = STRINGS.uploadError;
    }
  });
});

poll().then(() => { if (revision === 0) send("/local/messages", { text: "/start" }); });
setInterval(() => { busy = busy.then(poll); }, 2000);
`;
