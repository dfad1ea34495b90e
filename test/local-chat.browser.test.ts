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

      // Click English: the same message is edited in place, with the edited mark.
      await english.click();
      const edited = page.locator(`#${promptId}`);
      await edited.getByText("The interface is now in English.").waitFor(WAIT);
      await edited.locator(".edited").waitFor(WAIT);
      expect(await edited.locator(".edited").textContent()).toBe("(已编辑)");
      expect(await edited.getAttribute("data-test-mark")).toBe("prompt");
      expect(await bubbles(page).count()).toBe(messageCountBefore);
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
