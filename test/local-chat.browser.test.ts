/**
 * The local chat page in a real browser: the page at / against the real Node entry (no BOT_TOKEN),
 * with the transcript in a temporary SQLite database.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./fixtures/browser.js";
import { type RunningServer, startServer } from "./fixtures/server-process.js";

const WAIT = { timeout: 20_000 };
const POLL = { timeout: 20_000, interval: 100 };

let dir: string;
let server: RunningServer | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "local-chat-browser-"));
  const [started, launched] = await Promise.all([
    startServer({ DATABASE_URL: `file:${path.join(dir, "bot.db")}`, LOG_LEVEL: "warn" }),
    launchBrowser(),
  ]);
  server = started;
  browser = launched;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function openPage(query = ""): Promise<Page> {
  if (!browser || !server) throw new Error("not started");
  const page = await browser.newPage({ viewport: { width: 900, height: 800 } });
  page.setDefaultTimeout(WAIT.timeout);
  await page.goto(`${server.url}/${query}`);
  return page;
}

/** Message bubbles in the log, in order; bot messages have the class "bot". */
const bubbles = (page: Page) => page.getByRole("log").locator(".msg");
const botBubbles = (page: Page) => page.getByRole("log").locator(".msg.bot");

async function send(page: Page, label: string, button: string, text: string): Promise<void> {
  const box = page.getByRole("textbox", { name: label, exact: true });
  await box.fill(text);
  await page.getByRole("button", { name: button, exact: true }).click();
}

/** Whatever sticks out of the viewport or is cut off inside its own box (an empty list when all fits). */
function outsideTheViewport(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide: string[] = [];
    if (document.documentElement.scrollWidth > width) wide.push(`page ${document.documentElement.scrollWidth} > ${width}`);
    for (const el of document.querySelectorAll("body *")) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || el.closest(".visually-hidden")) continue;
      if (box.left < -0.5 || box.right > width + 0.5) wide.push(`${el.tagName}#${el.id}.${el.className} ${Math.round(box.left)}..${Math.round(box.right)} > ${width}`);
    }
    // The composer and the file picker stay on screen, under the conversation.
    for (const id of ["composer", "uploader", "document"]) {
      const box = document.getElementById(id)!.getBoundingClientRect();
      if (box.bottom > window.innerHeight + 0.5) wide.push(`#${id} bottom ${Math.round(box.bottom)} > ${window.innerHeight}`);
    }
    // Nothing cut off inside its own box (the file picker's button and file name, a button's label).
    // A file input draws its button and file name inside itself: compare with its width unconstrained.
    for (const el of document.querySelectorAll<HTMLInputElement>("input[type=file]")) {
      const probe = el.cloneNode() as HTMLInputElement;
      probe.style.cssText = "position:absolute;visibility:hidden;width:auto;min-width:0;max-width:none;flex:none";
      document.body.append(probe);
      const natural = probe.getBoundingClientRect().width;
      probe.remove();
      if (el.getBoundingClientRect().width < natural - 1) wide.push(`#${el.id} cut off: ${Math.round(el.getBoundingClientRect().width)} < ${Math.round(natural)}`);
    }
    for (const el of document.querySelectorAll<HTMLElement>("button, textarea"))
      if (el.scrollWidth > el.clientWidth + 1) wide.push(`${el.tagName}#${el.id} content ${el.scrollWidth} > box ${el.clientWidth}`);
    // An empty keyboard row would be a gap under a message.
    for (const row of document.querySelectorAll(".keyboard > div")) if (row.children.length === 0) wide.push("empty keyboard row");
    return wide;
  });
}

describe("local chat page in Chromium", () => {
  it("greets, switches the language in place, answers /help and keeps the transcript", async () => {
    const page = await openPage();
    try {
      const log = page.getByRole("log");

      // The automatic /start on an empty transcript: one user bubble, then the welcome.
      await log.getByText("团建助手", { exact: false }).first().waitFor(WAIT);
      await expect.poll(() => botBubbles(page).count(), POLL).toBe(1);
      expect(await bubbles(page).first().textContent()).toBe("/start");

      // /language: a prompt with two real buttons.
      await send(page, "消息", "发送", "/language");
      const prompt = botBubbles(page).filter({ hasText: "请选择界面语言" });
      await prompt.waitFor(WAIT);
      await expect.poll(() => botBubbles(page).count(), POLL).toBe(2);
      const promptId = await prompt.getAttribute("id");
      expect(promptId).toMatch(/^m\d+$/);
      const chinese = prompt.getByRole("button", { name: "中文" });
      const english = prompt.getByRole("button", { name: "English" });
      await chinese.waitFor(WAIT);
      await english.waitFor(WAIT);
      expect(await prompt.getByRole("button").count()).toBe(2);
      // Mark the element so we can prove it is the same DOM node after the edit.
      await prompt.evaluate((el) => el.setAttribute("data-test-mark", "prompt"));
      const messageCountBefore = await bubbles(page).count();

      // Click English: the same message is edited in place, with the edited mark; the choice stays in
      // the transcript as the user's own line.
      await english.click();
      const edited = page.locator(`#${promptId}`);
      await edited.getByText("The interface is now in English.").waitFor(WAIT);
      await edited.locator(".edited").waitFor(WAIT);
      expect(await edited.locator(".edited").textContent()).toBe("(已编辑)");
      expect(await edited.getAttribute("data-test-mark")).toBe("prompt");
      expect(await bubbles(page).count()).toBe(messageCountBefore + 1);
      expect(await page.getByRole("log").locator(".msg.user").last().textContent()).toBe("English");
      expect(await botBubbles(page).filter({ hasText: "The interface is now in English." }).count()).toBe(1);
      await page.screenshot({ path: "/tmp/local-chat.png", fullPage: true });

      // /help now answers in English.
      await send(page, "消息", "发送", "/help");
      await log.getByText("/language — switch language", { exact: false }).waitFor(WAIT);
      await expect.poll(() => botBubbles(page).count(), POLL).toBe(3);
      expect(await botBubbles(page).last().textContent()).toContain("Commands:");
      expect(await page.locator("#status").textContent()).toBe("");

      // Reload: the transcript comes back from the database, and no second /start is sent.
      const before = await bubbles(page).allTextContents();
      await page.reload();
      await log.getByText("Commands:", { exact: false }).waitFor(WAIT);
      await expect.poll(() => bubbles(page).allTextContents(), POLL).toEqual(before);
      await page.waitForTimeout(2_500); // one poll interval: nothing new may appear
      expect(await bubbles(page).allTextContents()).toEqual(before);
    } finally {
      await page.close();
    }
  });

  it("after /deleteme the page goes on: the transcript restarts with the bot's reply, and the next message is answered", async () => {
    const page = await openPage();
    try {
      const log = page.getByRole("log");
      await log.getByText("团建助手", { exact: false }).first().waitFor(WAIT);
      await send(page, "消息", "发送", "/deleteme");
      const confirm = botBubbles(page).filter({ hasText: "这一操作不能撤销" });
      await confirm.waitFor(WAIT);
      await confirm.getByRole("button", { name: "确认删除" }).click();
      // The old transcript goes; the reply to the erasure is shown.
      await log.getByText("您的数据已删除", { exact: false }).waitFor(WAIT);
      await expect.poll(() => log.getByText("这一操作不能撤销", { exact: false }).count(), POLL).toBe(0);
      // The page keeps working, as a new user.
      await send(page, "消息", "发送", "/help");
      await log.getByText("/language", { exact: false }).waitFor(WAIT);
      expect(await log.getByText("您的数据已删除", { exact: false }).count()).toBe(1);
      await page.waitForTimeout(2_500); // a poll: still there, nothing lost
      await log.getByText("/language", { exact: false }).waitFor(WAIT);
      expect(await page.locator("#status").textContent()).toBe("");
    } finally {
      await page.close();
    }
  });

  for (const [label, viewport] of [
    ["a 390-px phone", { width: 390, height: 844 }],
    ["a desktop", { width: 1280, height: 800 }],
  ] as const) {
    it(`fits ${label}: nothing wider than the viewport, the file picker and every button inside it`, async () => {
      if (!browser || !server) throw new Error("not started");
      const page = await browser.newPage({ viewport });
      page.setDefaultTimeout(WAIT.timeout);
      try {
        await page.goto(`${server.url}/`);
        const log = page.getByRole("log");
        await log.getByText("团建助手", { exact: false }).first().waitFor(WAIT);
        // A message with many buttons: the registration's list of rule profiles.
        await send(page, "消息", "发送", "/register");
        await log.getByText("(1/12)", { exact: false }).waitFor(WAIT);
        await send(page, "消息", "发送", "四川省");
        await send(page, "消息", "发送", "攀枝花市");
        await send(page, "消息", "发送", "东区");
        await send(page, "消息", "发送", "南湖镇");
        await log.getByText("(5/12)", { exact: false }).waitFor(WAIT);
        await log.getByRole("button", { name: "乡镇", exact: true }).last().click();
        await log.getByText("(6/12)", { exact: false }).waitFor(WAIT);
        const overflowing = await outsideTheViewport(page);
        expect(overflowing).toEqual([]);
        await expect(page.locator("#document").isVisible()).resolves.toBe(true);
        await page.screenshot({ path: `/tmp/local-chat-${viewport.width}.png`, fullPage: true });
      } finally {
        await page.close();
      }
    });
  }

  for (const [label, viewport] of [
    ["a 390-px phone", { width: 390, height: 844 }],
    ["a desktop", { width: 1280, height: 800 }],
  ] as const) {
    it(`shows WeCom's rendering on ${label}: numbered cards of at most 6 buttons; a press updates the card; '#n' presses`, async () => {
      if (!browser || !server) throw new Error("not started");
      const page = await browser.newPage({ viewport });
      page.setDefaultTimeout(WAIT.timeout);
      try {
        await page.goto(`${server.url}/`);
        const log = page.getByRole("log");
        await log.getByText("团建助手", { exact: false }).first().waitFor(WAIT);
        const switcher = page.getByRole("group", { name: "显示方式" });
        await switcher.getByRole("button", { name: "企业微信" }).click();
        expect(await switcher.getByRole("button", { name: "企业微信" }).getAttribute("aria-pressed")).toBe("true");
        expect(await switcher.getByRole("button", { name: "Telegram" }).getAttribute("aria-pressed")).toBe("false");

        // The welcome is one card, as WeCom gets it: the text in the card, the button numbered.
        const welcome = botBubbles(page).first().locator(".wecom-card");
        await welcome.waitFor(WAIT);
        expect(await welcome.textContent()).toContain("陪您一步步完成");
        expect(await welcome.locator(".card-desc").textContent()).toBe("点按钮，或回复 #编号");
        expect(await welcome.getByRole("button").first().textContent()).toMatch(/^#1 /);

        await send(page, "消息", "发送", "/register");
        for (const answer of ["四川省", "攀枝花市", "东区", "南湖镇"]) await send(page, "消息", "发送", answer);
        const kind = botBubbles(page).filter({ hasText: "(5/12)" });
        await kind.locator(".wecom-card").waitFor(WAIT);
        // Pressing "#1 乡镇" on the card: the card is updated (its buttons switched off), the next step follows.
        await kind.getByRole("button", { name: "#1 乡镇" }).click();
        const profiles = botBubbles(page).filter({ hasText: "(6/12)" });
        await profiles.locator(".wecom-card").first().waitFor(WAIT);
        await kind.getByRole("button", { name: "已处理" }).waitFor(WAIT);
        expect(await kind.getByRole("button", { name: "已处理" }).isDisabled()).toBe(true);
        expect(await kind.getByRole("button", { name: "#1 乡镇" }).count()).toBe(0);

        // Every card holds at most 6 buttons; a longer list takes more cards, numbered on across them.
        const cardButtons = await profiles.locator(".wecom-card").evaluateAll((cards) =>
          cards.map((card) => [...card.querySelectorAll(".card-buttons button")].map((b) => b.textContent ?? "")),
        );
        for (const buttons of cardButtons) expect(buttons.length).toBeLessThanOrEqual(6);
        const numbers = cardButtons.flat().map((text) => Number(/^#(\d+)/.exec(text)?.[1]));
        expect(numbers).toEqual(numbers.map((_, i) => i + 1));
        expect(await outsideTheViewport(page)).toEqual([]);

        // Back in Telegram's rendering: the same messages with Telegram's keyboard.
        await switcher.getByRole("button", { name: "Telegram" }).click();
        expect(await profiles.locator(".keyboard button").count()).toBe(numbers.length);
        expect(await profiles.locator(".wecom-card").count()).toBe(0);
        await switcher.getByRole("button", { name: "企业微信" }).click();

        // "#1" typed is the press of the first button of the last card, as in WeCom.
        const textsBefore = await profiles.locator(".wecom-text").count();
        await send(page, "消息", "发送", "#1");
        await botBubbles(page).filter({ hasText: "(7/12)" }).waitFor(WAIT);
        await profiles.getByRole("button", { name: "已处理" }).waitFor(WAIT);
        // Only the buttons were taken away: WeCom sends nothing anew.
        expect(await profiles.locator(".wecom-text").count()).toBe(textsBefore);
        await page.screenshot({ path: `/tmp/local-chat-wecom-${viewport.width}.png`, fullPage: true });
      } finally {
        await page.close();
      }
    });
  }

  it("serves the English page with an English textbox and send button", async () => {
    const page = await openPage("?lang=en");
    try {
      await page.getByRole("textbox", { name: "Message", exact: true }).waitFor(WAIT);
      await page.getByRole("button", { name: "Send", exact: true }).waitFor(WAIT);
      expect(await page.locator("html").getAttribute("lang")).toBe("en");
      expect(await page.getByRole("log").getAttribute("aria-label")).toBe("Conversation");
    } finally {
      await page.close();
    }
  });
});
