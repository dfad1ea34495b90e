/**
 * Issue flow end to end in a real browser: registering a township in the local chat page, then
 * recording the first checklist step, all by typing and clicking as a secretary would.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./fixtures/browser.js";
import { type RunningServer, startServer } from "./fixtures/server-process.js";

let dir: string;
let server: RunningServer | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "checklist-browser-"));
  [server, browser] = await Promise.all([
    startServer({ DATABASE_URL: `file:${path.join(dir, "bot.db")}`, LOG_LEVEL: "warn" }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const lastBot = (page: Page) => page.getByRole("log").locator(".msg.bot").last();

async function type(page: Page, text: string, expectNext: string | RegExp): Promise<void> {
  await page.getByRole("textbox", { name: "消息", exact: true }).fill(text);
  await page.getByRole("button", { name: "发送", exact: true }).click();
  await expect.poll(() => lastBot(page).textContent(), { timeout: 20_000 }).toMatch(expectNext);
}

async function click(page: Page, label: string, expectNext: string | RegExp): Promise<void> {
  await page.getByRole("log").getByRole("button", { name: label }).last().click();
  await expect.poll(() => lastBot(page).textContent(), { timeout: 20_000 }).toMatch(expectNext);
}

describe("registering and working the checklist in the local chat page", () => {
  it("registers a township and records the first step", async () => {
    const page = await browser!.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${server!.url}/`);
    await expect.poll(() => lastBot(page).textContent(), { timeout: 20_000 }).toContain("团建助手");

    await click(page, "📝 登记乡镇(街道)", /省份/);
    await type(page, "四川省", /市/);
    await type(page, "攀枝花市", /县/);
    await type(page, "东区", /名称/);
    await type(page, "南山街道", /乡镇还是街道/);
    await click(page, "街道", /哪份文件/);
    await click(page, "南山街道推进团组织格局创新工作实施方案", /党委换届选举的日期/);
    await type(page, "2027-01-15", /团委选举/);
    await type(page, "2027-02-01", /书记几名/);
    await click(page, "用默认值:1", /专职副书记/);
    await click(page, "用默认值:0", /兼职副书记/);
    await click(page, "用默认值:3", /委员几名/);
    await click(page, "用默认值:9", /请核对/);
    await click(page, "✅ 确认保存", /已保存“南山街道”/);

    await click(page, "▶️ 下一步", /第1\/13步 · 制定工作计划/);
    await expect(lastBot(page).textContent()).resolves.toContain("依据:《南山街道");
    await click(page, "📝 记录完成情况", /计划确定日期/);
    await click(page, "今天", /备注/);
    await click(page, "跳过(不填)", /格局创新前/);
    await click(page, "跳过(不填)", /已记录“制定工作计划”/);
    // That was the 21st message within seconds, more than the per-user limit (20 per 10 s) allows a
    // scripted user; as the bot then asks, wait a moment and send again.
    await expect
      .poll(
        async () => {
          await page.getByRole("textbox", { name: "消息", exact: true }).fill("/progress");
          await page.getByRole("button", { name: "发送", exact: true }).click();
          return lastBot(page).textContent();
        },
        { timeout: 30_000, interval: 3_000 },
      )
      .toMatch(/已完成 1\/13/);
    await page.close();
  });
});
