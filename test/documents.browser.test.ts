/**
 * Issue 9 in a real browser: a secretary whose township is at the pre-appointment notice opens the
 * step in the local chat page, clicks the step card's draft button, and downloads the .docx the bot
 * sends; the file is a Word document (a zip holding word/document.xml) with the notice in it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openNodeDatabase } from "../src/db/node.js";
import { launchBrowser } from "./fixtures/browser.js";
import { localUserId, newBrowserKey, pageAs } from "./fixtures/local-session.js";
import { seedTownship } from "./fixtures/documents-seed.js";
import { type RunningServer, startServer } from "./fixtures/server-process.js";

let dir: string;
let server: RunningServer | undefined;
let browser: Browser | undefined;
/** The local chat's user: the browser holding this key. */
const BROWSER_KEY = newBrowserKey();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "documents-browser-"));
  const url = `file:${path.join(dir, "bot.db")}`;
  // The page's user (the local chat id) has a township recorded up to the organisational inspection.
  const { client, db } = await openNodeDatabase(url);
  await seedTownship(db, await localUserId(db, BROWSER_KEY), "本地用户", 8);
  client.close();
  [server, browser] = await Promise.all([startServer({ DATABASE_URL: url, LOG_LEVEL: "warn" }), launchBrowser()]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const lastBot = (page: Page) => page.getByRole("log").locator(".msg.bot").last();

describe("drafting a paper in the local chat page", () => {
  it("drafts the pre-appointment notice from its step card and downloads it as a Word document", async () => {
    const page = await pageAs(() => browser!.newPage({ acceptDownloads: true }), server!.url, BROWSER_KEY);
    page.setDefaultTimeout(20_000);
    await page.goto(`${server!.url}/`);
    await expect.poll(() => lastBot(page).textContent(), { timeout: 20_000 }).toContain("“南山街道”");

    await page.getByRole("textbox", { name: "消息", exact: true }).fill("/next");
    await page.getByRole("button", { name: "发送", exact: true }).click();
    await expect.poll(() => lastBot(page).textContent(), { timeout: 20_000 }).toMatch(/第9\/13步 · 任前公示/);

    await page.getByRole("log").getByRole("button", { name: "📄 起草任前公示" }).last().click();
    const link = page.getByRole("log").getByRole("link", { name: "下载 南山街道-任前公示.docx" });
    await link.waitFor({ timeout: 30_000 });
    // The text came first, whole, to copy.
    await expect(page.getByRole("log").getByText("南山街道团工委书记、兼职副书记、委员拟任人选任前公示").first().isVisible()).resolves.toBe(true);

    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toBe("南山街道-任前公示.docx");
    const saved = path.join(dir, "downloaded.docx");
    await download.saveAs(saved);
    const bytes = new Uint8Array(fs.readFileSync(saved));
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]); // "PK": a zip
    const files = unzipSync(bytes);
    expect(Object.keys(files)).toContain("word/document.xml");
    const text = strFromU8(files["word/document.xml"]!).replace(/<[^>]+>/g, "");
    expect(text).toContain("南山街道团工委书记、兼职副书记、委员拟任人选任前公示");
    expect(text).toContain("【待填：公示开始日期】");
    await page.close();
  }, 90_000);
});
