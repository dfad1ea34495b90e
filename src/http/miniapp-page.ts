import { html, raw } from "hono/html";
import { type Locale, translate } from "../i18n/index.js";

/**
 * The Mini App page: it reads the initData Telegram passes in the URL's fragment (`#tgWebAppData=…`,
 * or Telegram.WebApp.initData when Telegram's script is present) and shows the overview the API
 * returns for it, drilling down by unit to one township's checklist. Its code and style are served
 * as files (/miniapp/app.js, /miniapp/app.css), never inline, so the page runs under a CSP without
 * 'unsafe-inline'; its strings come in a JSON data block (not executed). Plain DOM and fetch, every
 * name set as text (never as HTML); the charts are SVG drawn by the server, parsed as XML, not HTML.
 */
export function renderMiniAppPage(locale: Locale) {
  const t = (key: string) => translate(locale, key);
  // Texts the page fills in itself: the server leaves %name% where the value goes.
  const slots = (key: string, ...names: string[]) => translate(locale, key, Object.fromEntries(names.map((n) => [n, `%${n}%`])));
  const strings = {
    language: locale,
    loading: t("miniapp-loading"),
    denied: t("miniapp-denied"),
    notVisible: t("unit-not-visible"),
    error: t("miniapp-error"),
    back: t("miniapp-back"),
    children: t("miniapp-children"),
    steps: t("miniapp-steps"),
    charts: t("miniapp-charts"),
    phase: t("miniapp-filter-phase"),
    all: t("miniapp-filter-all"),
    behind: t("miniapp-filter-overdue"),
    rule: t("miniapp-filter-rule"),
    search: t("miniapp-search"),
    shown: slots("miniapp-shown", "shown", "total"),
    separator: t("overview-row-separator"),
    nudge: t("miniapp-nudge"),
    nudgeConfirm: slots("miniapp-nudge-confirm", "name"),
    nudgeYes: t("miniapp-nudge-yes"),
    nudgeNo: t("miniapp-nudge-no"),
    xlsx: t("miniapp-xlsx"),
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
<link rel="stylesheet" href="/miniapp/app.css">
<script type="application/json" id="strings">${raw(JSON.stringify(strings).replace(/</g, "\\u003c"))}</script>
<script src="/miniapp/app.js" defer></script>
</head>
<body>
<main>
  <button id="back" type="button" hidden>${t("miniapp-back")}</button>
  <p id="status" role="status">${t("miniapp-loading")}</p>
  <div id="view"></div>
</main>
</body>
</html>`;
}

export const MINIAPP_STYLE = `
body { font-family: system-ui, "PingFang SC", "Noto Sans CJK SC", sans-serif; margin: 0; background: #eef1f5; color: #1d1d1f; }
main { max-width: 52rem; margin: 0 auto; padding: 1rem; box-sizing: border-box; }
h1 { font-size: 1.15rem; margin: .25rem 0 .75rem; }
h2 { font-size: 1rem; margin: 1rem 0 .5rem; }
.card { background: #fff; border-radius: .75rem; padding: .75rem 1rem; }
.card p { margin: .3rem 0; }
ol, ul { list-style: none; padding: 0; margin: 0; }
li { background: #fff; border-radius: .5rem; margin: .35rem 0; }
li.row { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem; padding: .55rem .7rem; }
li.row .open-row { all: unset; box-sizing: border-box; flex: 1 1 14rem; min-width: 0; cursor: pointer; line-height: 1.6; }
li.row .open-row:focus-visible, button:focus-visible { outline: 2px solid #b3261e; }
.name { font-weight: 600; margin-right: .3rem; }
.piece { color: #444; }
.keep { white-space: nowrap; }
.badge { display: inline-block; white-space: nowrap; border-radius: 1rem; padding: 0 .55rem; margin-right: .4rem; font-size: .85rem; color: #fff; }
.badge.missed-deadline { background: #b3261e; color: #fff; } .badge.overdue { background: #c05a00; color: #fff; font-weight: normal; }
.badge.not-started { background: #6b6b6b; color: #fff; } .badge.on-track { background: #1b7a3a; color: #fff; } .badge.done { background: #2b5fb3; color: #fff; }
.nudge { font: inherit; font-size: .9rem; padding: .3rem .6rem; border: 1px solid #b3261e; background: #fff; color: #b3261e; border-radius: .4rem; cursor: pointer; white-space: nowrap; }
.confirm { flex-basis: 100%; display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; background: #fff4f2; border-radius: .4rem; padding: .4rem .6rem; }
.confirm button { font: inherit; padding: .3rem .7rem; border-radius: .4rem; border: 1px solid #b3261e; cursor: pointer; }
.confirm .yes { background: #b3261e; color: #fff; } .confirm .no { background: #fff; color: #b3261e; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: .6rem; }
.charts figure { margin: 0; background: #fff; border-radius: .6rem; padding: .5rem .6rem; min-width: 0; }
.charts svg { display: block; width: 100%; height: auto; }
.filters { display: flex; flex-wrap: wrap; gap: .5rem .8rem; align-items: center; margin: .5rem 0; }
.filters label { display: inline-flex; align-items: center; gap: .3rem; white-space: nowrap; }
.filters input[type=search] { font: inherit; padding: .3rem .5rem; border: 1px solid #bbb; border-radius: .4rem; width: 12rem; max-width: 100%; box-sizing: border-box; }
.filters select { font: inherit; max-width: 12rem; }
.shown { color: #666; font-size: .9rem; }
li.step { padding: .5rem .8rem; display: flex; flex-wrap: wrap; justify-content: space-between; gap: .5rem; }
.done { color: #1b7a3a; } .overdue { color: #b3261e; font-weight: 600; } .current { color: #8a5a00; } .open { color: #666; }
#back { margin-bottom: .5rem; padding: .4rem .8rem; border: 1px solid #b3261e; background: #fff; color: #b3261e; border-radius: .4rem; font: inherit; cursor: pointer; }
#status { color: #b3261e; white-space: pre-line; }
`;

/** The page's code, served as /miniapp/app.js (a file, so that the CSP needs no 'unsafe-inline'). */
export const MINIAPP_SCRIPT = String.raw`"use strict";
const STRINGS = JSON.parse(document.getElementById("strings").textContent);
const fromHash = new URLSearchParams(location.hash.slice(1)).get("tgWebAppData");
const INIT_DATA = (window.Telegram && window.Telegram.WebApp && window.Telegram.WebApp.initData) || fromHash || "";
const view = document.getElementById("view");
const statusLine = document.getElementById("status");
const back = document.getElementById("back");
const trail = [];

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function format(template, values) {
  return template.replace(/%(\w+)%/g, (_, key) => String(values[key]));
}

async function api(path, init) {
  const response = await fetch(path + (path.includes("?") ? "&" : "?") + "lang=" + STRINGS.language, {
    ...(init || {}),
    headers: { authorization: "tma " + INIT_DATA, ...(init && init.body ? { "content-type": "application/json" } : {}) },
  });
  if (response.status === 401) throw new Error(STRINGS.denied);
  if (response.status === 404) throw new Error(STRINGS.notVisible);
  if (!response.ok) throw new Error(STRINGS.error);
  return response.json();
}

/** A chart the server drew: parsed as SVG (XML), so nothing in it can run. */
function chart(svg) {
  const figure = el("figure");
  const parsed = new DOMParser().parseFromString(svg, "image/svg+xml").documentElement;
  if (parsed && parsed.nodeName === "svg") figure.append(document.importNode(parsed, true));
  return figure;
}

/**
 * One piece of a row's text, broken only between its parts: each part between Chinese punctuation
 * (a phase, a rule's name, “完成 1/13”) stays whole when it is short; in a longer part a step's quoted
 * name and a figure with its unit (“12 分”, “3 天”) stay whole.
 */
function piece(text) {
  const span = el("span", undefined, "piece");
  for (const part of text.split(/(?<=[，、：；])/)) {
    if ([...part].length <= 10) {
      span.append(el("span", part, "keep"));
      continue;
    }
    const whole = /(“[^”]*”|\d[\d/.]*\s?[分天个名%]?|[A-Za-z]+)/g;
    let last = 0;
    for (const match of part.matchAll(whole)) {
      if (match.index > last) span.append(part.slice(last, match.index));
      span.append(el("span", match[0], "keep"));
      last = match.index + match[0].length;
    }
    if (last < part.length) span.append(part.slice(last));
  }
  return span;
}

function confirmNudge(item, child) {
  if (item.querySelector(".confirm")) return;
  const box = el("div", undefined, "confirm");
  box.setAttribute("role", "group");
  const yes = el("button", STRINGS.nudgeYes, "yes");
  const no = el("button", STRINGS.nudgeNo, "no");
  yes.type = "button";
  no.type = "button";
  box.append(el("span", format(STRINGS.nudgeConfirm, { name: child.name })), yes, no);
  no.addEventListener("click", () => box.remove());
  yes.addEventListener("click", async () => {
    yes.disabled = true;
    try {
      const result = await api("/miniapp/api/nudge", { method: "POST", body: JSON.stringify({ township: child.id }) });
      statusLine.textContent = result.message;
    } catch (error) {
      statusLine.textContent = error.message;
    }
    box.remove();
  });
  item.append(box);
  yes.focus();
}

function rowItem(child, index) {
  const item = el("li", undefined, "row");
  item.dataset.kind = child.kind;
  const open = el("button", undefined, "open-row");
  open.type = "button";
  open.append(el("span", index + 1 + ". ", "index"));
  if (child.kind === "township") {
    item.dataset.badge = child.badge;
    open.append(el("span", child.name, "name"), el("span", child.badgeText, "badge " + child.badge));
    child.details.forEach((text, i) => {
      if (i > 0) open.append(STRINGS.separator);
      open.append(piece(text));
    });
  } else open.append(piece(child.line));
  open.addEventListener("click", () => navigate(child.kind === "unit" ? { unit: child.id } : { township: child.id }));
  item.append(open);
  if (child.kind === "township") {
    const nudge = el("button", STRINGS.nudge, "nudge");
    nudge.type = "button";
    nudge.setAttribute("aria-label", STRINGS.nudge + " " + child.name);
    nudge.addEventListener("click", () => confirmNudge(item, child));
    item.append(nudge);
  }
  return item;
}

function select(label, options) {
  const wrap = el("label", label);
  const box = el("select");
  box.append(new Option(STRINGS.all, ""));
  for (const option of options) box.append(new Option(option.label, option.id));
  wrap.append(box);
  return [wrap, box];
}

function showUnit(data) {
  const card = el("section", undefined, "card");
  const [title, ...lines] = data.summary;
  card.append(el("h1", title), ...lines.map((line) => el("p", line)));
  const download = el("button", STRINGS.xlsx, "nudge");
  download.type = "button";
  download.addEventListener("click", () => downloadXlsx(data.xlsx));
  card.append(download);
  view.append(card);
  view.append(el("h2", STRINGS.charts));
  const charts = el("div", undefined, "charts");
  charts.append(chart(data.charts.phases), chart(data.charts.late), chart(data.charts.rules));
  view.append(charts);
  if (!data.children.length) return;
  view.append(el("h2", STRINGS.children));
  const filters = el("div", undefined, "filters");
  const search = el("input");
  search.type = "search";
  search.placeholder = STRINGS.search;
  search.setAttribute("aria-label", STRINGS.search);
  const [phaseLabel, phase] = select(STRINGS.phase, data.filters.stages);
  const [ruleLabel, rule] = select(STRINGS.rule, data.filters.rules);
  const behindLabel = el("label");
  const behind = el("input");
  behind.type = "checkbox";
  behindLabel.append(behind, STRINGS.behind);
  const shown = el("span", undefined, "shown");
  filters.append(search, phaseLabel, behindLabel, ruleLabel, shown);
  view.append(filters);
  const list = el("ol");
  const items = data.children.map((child, i) => [child, rowItem(child, i)]);
  for (const [, item] of items) list.append(item);
  view.append(list);
  const apply = () => {
    const query = search.value.trim();
    let count = 0;
    for (const [child, item] of items) {
      const visible =
        (!query || child.name.includes(query)) &&
        (child.kind === "unit" ||
          ((!phase.value || child.stage === phase.value) &&
            (!behind.checked || child.badge === "missed-deadline" || child.badge === "overdue") &&
            (!rule.value || child.failing.includes(rule.value))));
      item.hidden = !visible;
      if (visible) count++;
    }
    shown.textContent = format(STRINGS.shown, { shown: count, total: items.length });
  };
  for (const control of [search, phase, rule, behind]) control.addEventListener("input", apply);
  apply();
}

/** The .xlsx needs the same Authorization header as the data: fetched, then saved from a blob. */
async function downloadXlsx(path) {
  try {
    const response = await fetch(path + "&lang=" + STRINGS.language, { headers: { authorization: "tma " + INIT_DATA } });
    if (!response.ok) throw new Error(response.status === 404 ? STRINGS.notVisible : STRINGS.error);
    const disposition = response.headers.get("content-disposition") || "";
    const name = decodeURIComponent((/filename\*=UTF-8''([^;]+)/.exec(disposition) || [, "progress.xlsx"])[1]);
    const link = el("a");
    link.href = URL.createObjectURL(await response.blob());
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
  } catch (error) {
    statusLine.textContent = error.message;
  }
}

function showUnits(units) {
  const list = el("ol");
  for (const unit of units) {
    const item = el("li", undefined, "row");
    const button = el("button", unit.name, "open-row");
    button.type = "button";
    button.addEventListener("click", () => navigate({ unit: unit.id }));
    item.append(button);
    list.append(item);
  }
  view.append(list);
}

function showTownship(data) {
  const card = el("section", undefined, "card");
  card.append(el("h1", data.name), ...data.head.map((line) => el("p", line)));
  const nudge = el("button", STRINGS.nudge, "nudge");
  nudge.type = "button";
  nudge.addEventListener("click", () => confirmNudge(card, { id: data.id, name: data.name }));
  card.append(nudge);
  view.append(card, el("h2", STRINGS.steps));
  const list = el("ol");
  data.steps.forEach((step, i) => {
    const item = el("li", undefined, "step");
    item.append(el("span", i + 1 + ". " + step.title));
    item.append(el("span", STRINGS.status[step.status] + (step.dueText ? " · " + step.dueText : ""), step.status));
    list.append(item);
  });
  view.append(list);
}

async function navigate(target) {
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
  if (previous) navigate(previous);
});

const unit = new URLSearchParams(location.search).get("unit");
navigate(unit ? { unit } : {});
`;
