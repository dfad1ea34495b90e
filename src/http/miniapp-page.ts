import { html, raw } from "hono/html";
import { type Locale, translate } from "../bot/i18n.js";

/**
 * The Mini App page: it reads the initData Telegram passes in the URL's fragment (`#tgWebAppData=…`,
 * or Telegram.WebApp.initData when Telegram's script is present) and shows the overview the API
 * returns for it, drilling down by unit to one township's checklist. Plain DOM and fetch, every name
 * set as text (never as HTML); strings from the locale files.
 */
export function renderMiniAppPage(locale: Locale) {
  const t = (key: string) => translate(locale, key);
  const strings = {
    loading: t("miniapp-loading"),
    denied: t("miniapp-denied"),
    notVisible: t("unit-not-visible"),
    error: t("miniapp-error"),
    back: t("miniapp-back"),
    children: t("miniapp-children"),
    steps: t("miniapp-steps"),
    status: {
      done: t("miniapp-step-done"),
      overdue: t("miniapp-step-overdue"),
      current: t("miniapp-step-current"),
      open: t("miniapp-step-open"),
    },
  };
  return html`<!doctype html>
<html lang="${locale === "zh" ? "zh-CN" : "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t("miniapp-title")}</title>
<style>
  body { font-family: system-ui, "PingFang SC", "Noto Sans CJK SC", sans-serif; margin: 0; background: #eef1f5; color: #1d1d1f; }
  main { max-width: 46rem; margin: 0 auto; padding: 1rem; }
  h1 { font-size: 1.15rem; margin: .25rem 0 .75rem; }
  h2 { font-size: 1rem; margin: 1rem 0 .5rem; }
  .card { background: #fff; border-radius: .75rem; padding: .75rem 1rem; }
  .card p { margin: .3rem 0; }
  ol, ul { list-style: none; padding: 0; margin: 0; }
  li { background: #fff; border-radius: .5rem; margin: .35rem 0; }
  li button { all: unset; box-sizing: border-box; display: block; width: 100%; padding: .6rem .8rem; cursor: pointer; }
  li button:focus-visible { outline: 2px solid #b3261e; }
  li.step { padding: .5rem .8rem; display: flex; justify-content: space-between; gap: .5rem; }
  .done { color: #1b7a3a; } .overdue { color: #b3261e; font-weight: 600; } .current { color: #8a5a00; } .open { color: #666; }
  #back { margin-bottom: .5rem; padding: .4rem .8rem; border: 1px solid #b3261e; background: #fff; color: #b3261e; border-radius: .4rem; font: inherit; cursor: pointer; }
  #status { color: #b3261e; }
</style>
</head>
<body>
<main>
  <button id="back" type="button" hidden>${t("miniapp-back")}</button>
  <p id="status" role="status">${t("miniapp-loading")}</p>
  <div id="view"></div>
</main>
<script>
const STRINGS = ${raw(JSON.stringify(strings).replace(/</g, "\\u003c"))};
const LANGUAGE = ${raw(JSON.stringify(locale))};
const fromHash = new URLSearchParams(location.hash.slice(1)).get("tgWebAppData");
const INIT_DATA = (window.Telegram && window.Telegram.WebApp && window.Telegram.WebApp.initData) || fromHash || "";
const view = document.getElementById("view");
const statusLine = document.getElementById("status");
const back = document.getElementById("back");
const trail = [];

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

async function api(path) {
  const response = await fetch(path + (path.includes("?") ? "&" : "?") + "lang=" + LANGUAGE, {
    headers: { authorization: "tma " + INIT_DATA },
  });
  if (response.status === 401) throw new Error(STRINGS.denied);
  if (response.status === 404) throw new Error(STRINGS.notVisible);
  if (!response.ok) throw new Error(STRINGS.error);
  return response.json();
}

function showUnit(data) {
  const card = el("section", undefined, "card");
  const [title, ...lines] = data.summary;
  card.append(el("h1", title), ...lines.map((line) => el("p", line)));
  view.append(card);
  if (data.children.length) {
    view.append(el("h2", STRINGS.children));
    const list = el("ol");
    data.children.forEach((child, i) => {
      const item = el("li");
      const button = el("button", (i + 1) + ". " + child.line);
      button.type = "button";
      button.addEventListener("click", () => open(child.kind === "unit" ? { unit: child.id } : { township: child.id }));
      item.append(button);
      list.append(item);
    });
    view.append(list);
  }
}

function showUnits(units) {
  const list = el("ol");
  for (const unit of units) {
    const item = el("li");
    const button = el("button", unit.name);
    button.type = "button";
    button.addEventListener("click", () => open({ unit: unit.id }));
    item.append(button);
    list.append(item);
  }
  view.append(list);
}

function showTownship(data) {
  const card = el("section", undefined, "card");
  card.append(el("h1", data.name), ...data.head.map((line) => el("p", line)));
  view.append(card, el("h2", STRINGS.steps));
  const list = el("ol");
  data.steps.forEach((step, i) => {
    const item = el("li", undefined, "step");
    item.append(el("span", (i + 1) + ". " + step.title));
    item.append(el("span", STRINGS.status[step.status] + (step.dueText ? " · " + step.dueText : ""), step.status));
    list.append(item);
  });
  view.append(list);
}

async function open(target) {
  statusLine.textContent = STRINGS.loading;
  try {
    const data = target.township
      ? await api("/miniapp/api/township?id=" + encodeURIComponent(target.township))
      : await api("/miniapp/api/overview" + (target.unit ? "?unit=" + encodeURIComponent(target.unit) : ""));
    view.replaceChildren();
    if (target.township) showTownship(data);
    else if (data.summary) showUnit(data);
    else showUnits(data.units);
    trail.push(target);
    back.hidden = trail.length < 2;
    statusLine.textContent = "";
  } catch (error) {
    statusLine.textContent = error.message;
  }
}

back.addEventListener("click", () => {
  trail.pop();
  const previous = trail.pop();
  if (previous) open(previous);
});

const unit = new URLSearchParams(location.search).get("unit");
open(unit ? { unit } : {});
</script>
</body>
</html>`;
}
