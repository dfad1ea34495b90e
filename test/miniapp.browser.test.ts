/**
 * The overview's Mini App in headless Chromium against the real Node server in local mode: the local
 * chat page's "web view" button opens it with initData signed for the local user, the page shows the
 * county's figures and drills down to a township's read-only checklist; opened without initData, with
 * forged initData, or for a unit that is not the user's, it shows nothing but a refusal.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openNodeDatabase } from "../src/db/node.js";
import { stepRepository } from "../src/db/steps.js";
import { supervisionRepository } from "../src/db/supervision.js";
import { townshipRepository } from "../src/db/townships.js";
import { addDays, shanghaiDate } from "../src/domain/time.js";
import { initDataFor } from "../src/http/init-data.js";
import { launchBrowser } from "./fixtures/browser.js";
import { localUserId, newBrowserKey, pageAs } from "./fixtures/local-session.js";
import { samplePlan } from "./fixtures/plans.js";
import { type RunningServer, startServer } from "./fixtures/server-process.js";

let dir: string;
let server: RunningServer | undefined;
let browser: Browser | undefined;
const ids: Record<string, string> = {};
/** The local chat's user: the browser holding this key. */
const BROWSER_KEY = newBrowserKey();
let LOCAL_CHAT_ID = 0;

/** A county whose secretary is the local chat's user, with two townships; and a county of someone else. */
async function seed(url: string): Promise<void> {
  const { client, db } = await openNodeDatabase(url);
  try {
    const now = new Date();
    LOCAL_CHAT_ID = await localUserId(db, BROWSER_KEY);
    const supervision = supervisionRepository(db);
    const townships = townshipRepository(db);
    const county = await supervision.register(LOCAL_CHAT_ID, { level: "county", name: "东区团委" }, now);
    const other = await supervision.register(7777, { level: "county", name: "西区团委" }, now);
    if (!county.ok || !other.ok) throw new Error("not registered");
    ids.county = county.id;
    ids.other = other.id;
    const add = async (
      user: number,
      name: string,
      daysSinceElection: number,
      countyId: string,
      countyUser: number,
    ) => {
      await townships.touchUser(user, name);
      const id = await townships.create(
        samplePlan(name, addDays(shanghaiDate(now), -daysSinceElection)),
        user,
        now,
      );
      const link = await supervision.createInvite(countyUser, countyId, "below", now);
      await supervision.attachTownship(user, link!, now);
      return id;
    };
    ids.late = await add(2001, "甲镇", 20, county.id, LOCAL_CHAT_ID);
    ids.early = await add(2002, "乙镇", -40, county.id, LOCAL_CHAT_ID);
    ids.elsewhere = await add(2003, "丙镇", 20, other.id, 7777);
    await stepRepository(db).save(
      ids.late,
      {
        stepId: "work-plan",
        values: { approvedOn: addDays(shanghaiDate(now), -30) },
        recordedBy: 2001,
        recordedAt: now.toISOString(),
      },
      0,
    );
  } finally {
    client.close();
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "miniapp-browser-"));
  const url = `file:${path.join(dir, "bot.db")}`;
  await seed(url);
  [server, browser] = await Promise.all([
    startServer({ DATABASE_URL: url, LOG_LEVEL: "warn" }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const lastBot = (page: Page) => page.getByRole("log").locator(".msg.bot").last();

describe("the overview's Mini App", () => {
  it("opens from the local chat's web view button and drills down to a township, read-only", async () => {
    const page = await pageAs(() => browser!.newPage(), server!.url, BROWSER_KEY);
    page.setDefaultTimeout(20_000);
    await page.goto(`${server!.url}/`);
    await expect.poll(() => lastBot(page).textContent(), { timeout: 20_000 }).toContain("团建助手");
    await page.getByRole("textbox", { name: "消息", exact: true }).fill("/overview");
    await page.getByRole("button", { name: "发送", exact: true }).click();
    await expect.poll(() => lastBot(page).textContent(), { timeout: 20_000 }).toContain("“东区团委”工作进度");

    const [app] = await Promise.all([
      page.waitForEvent("popup"),
      lastBot(page).getByRole("link", { name: "🌐 网页版" }).click(),
    ]);
    app.setDefaultTimeout(20_000);
    await expect
      .poll(() => app.getByRole("heading", { level: 1 }).textContent())
      .toContain("📊“东区团委”工作进度 · 县（区）团委");
    const main = app.getByRole("main");
    await expect.poll(() => main.textContent()).toContain("下属乡镇（街道）2个");
    await expect.poll(() => main.textContent()).toContain("⬜ 尚未启动：1个 — 乙镇");
    expect(await main.textContent()).not.toContain("丙镇");
    const rows = app.locator("li.row .open-row");
    await expect
      .poll(() => rows.allTextContents())
      .toEqual([
        expect.stringMatching(/^1\. 甲镇🟠 有逾期准备阶段，\s*完成 1\/13/),
        expect.stringMatching(/^2\. 乙镇⬜ 未启动未启动不计分/),
      ]);

    await rows.first().click();
    await expect.poll(() => app.getByRole("heading", { level: 1 }).textContent()).toBe("甲镇");
    await expect.poll(() => main.textContent()).toContain("工作清单（只读）");
    const steps = app.getByRole("listitem");
    await expect.poll(() => steps.count()).toBe(13);
    expect(await steps.first().textContent()).toContain("制定工作计划已完成");
    expect(await steps.nth(1).textContent()).toContain("已逾期");
    // Nothing on the page changes anything: no form, no input.
    expect(await app.locator("form, input, textarea").count()).toBe(0);

    await app.getByRole("button", { name: "⬅ 返回" }).click();
    await expect
      .poll(() => app.getByRole("heading", { level: 1 }).textContent())
      .toContain("“东区团委”工作进度");
    await page.close();
  });

  it("shows nothing without initData, with forged initData, or for another county", async () => {
    const page = await pageAs(() => browser!.newPage(), server!.url, BROWSER_KEY);
    page.setDefaultTimeout(20_000);
    const status = page.getByRole("status");
    await page.goto(`${server!.url}/miniapp?unit=${ids.county}`);
    await expect.poll(() => status.textContent()).toContain("无法确认您的身份");

    const forged = await initDataFor(
      { id: LOCAL_CHAT_ID, first_name: "本地用户" },
      "654321:NOTTHELOCALTOKENXXXXXXXXXXX",
      new Date(),
    );
    await page.goto(`${server!.url}/miniapp?unit=${ids.county}#tgWebAppData=${encodeURIComponent(forged)}`);
    await expect.poll(() => status.textContent()).toContain("无法确认您的身份");

    const valid = await initDataFor({ id: LOCAL_CHAT_ID, first_name: "本地用户" }, "0:local", new Date());
    await page.goto(`${server!.url}/miniapp?unit=${ids.other}#tgWebAppData=${encodeURIComponent(valid)}`);
    await expect.poll(() => status.textContent()).toContain("不在您的管辖范围内");
    for (const name of ["西区团委", "丙镇", "东区团委"])
      expect(await page.getByRole("main").textContent()).not.toContain(name);
    await page.close();
  });
});
