/**
 * Issue 20's county view in headless Chromium against the real Node server: a county of thirteen
 * townships in every state, opened as its secretary at phone (390 × 844) and desktop (1280 × 800)
 * size. Each row shows its badge, ranked by severity (the completion deadline missed first, then days
 * late; never by the count of overdue steps); the charts are there; nothing overflows the width and no
 * step name breaks; the filters and the search narrow the list; a 催办 sent from the page, confirmed,
 * reaches the outbox once however often it is clicked.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { candidateRepository } from "../src/db/candidates.js";
import { openNodeDatabase } from "../src/db/node.js";
import { stepRepository } from "../src/db/steps.js";
import { supervisionRepository } from "../src/db/supervision.js";
import { townshipRepository } from "../src/db/townships.js";
import type { CandidateDraft } from "../src/domain/candidate-fields.js";
import { STEPS } from "../src/domain/checklist/index.js";
import { addDays, shanghaiDate } from "../src/domain/time.js";
import { initDataFor } from "../src/http/init-data.js";
import { launchBrowser } from "./fixtures/browser.js";
import { localUserId, newBrowserKey, pageAs } from "./fixtures/local-session.js";
import { samplePlan } from "./fixtures/plans.js";
import { doneRecord } from "./fixtures/records.js";
import { type RunningServer, startServer } from "./fixtures/server-process.js";

let dir: string;
let url: string;
let server: RunningServer | undefined;
let browser: Browser | undefined;
let countyId: string;
const ids: Record<string, string> = {};

/**
 * Thirteen townships: name, days since the Party election (negative: still to come), steps recorded
 * (each done on the day it was due, or `late` days after), and whether its slate is a lone nominee.
 */
const TOWNSHIPS: { name: string; since: number; steps: number; late?: number; slate?: boolean }[] = [
  { name: "平地镇", since: 45, steps: 2 }, // deadline missed by about 14 days, 11 steps overdue
  { name: "大龙潭乡", since: 70, steps: 10 }, // deadline missed by about 39 days, 3 steps overdue
  { name: "红格镇", since: 20, steps: 1 }, // overdue, many steps
  { name: "新九镇", since: 25, steps: 9 }, // overdue, few steps
  { name: "啊喇乡", since: -40, steps: 0 }, // not started, nothing due
  { name: "总发乡", since: -35, steps: 0 }, // not started, nothing due
  { name: "桐子林镇", since: -30, steps: 1 }, // on track
  { name: "同德镇", since: -25, steps: 1, slate: true }, // on track, slate failing
  { name: "金江镇", since: -20, steps: 2 }, // on track
  { name: "格里坪镇", since: 40, steps: 13 }, // done
  { name: "太平乡", since: -50, steps: 0 }, // not started
  { name: "务本乡", since: 5, steps: 3 }, // overdue or on track, whatever the plan says
  { name: "炳草岗街道", since: -15, steps: 1 }, // on track
];

/** The local chat's user, the county's secretary: the browser holding this key. */
const BROWSER_KEY = newBrowserKey();
let LOCAL_CHAT_ID = 0;

async function seed(): Promise<void> {
  const { client, db } = await openNodeDatabase(url);
  try {
    LOCAL_CHAT_ID = await localUserId(db, BROWSER_KEY);
    const now = new Date();
    const today = shanghaiDate(now);
    const supervision = supervisionRepository(db);
    const townships = townshipRepository(db);
    const county = await supervision.register(LOCAL_CHAT_ID, { level: "county", name: "东区团委" }, now);
    if (!county.ok) throw new Error("not registered");
    countyId = county.id;
    for (const [i, t] of TOWNSHIPS.entries()) {
      const user = 3001 + i;
      await townships.touchUser(user, `${t.name}书记`);
      const election = addDays(today, -t.since);
      const id = await townships.create(
        { ...samplePlan(t.name, election), kind: t.name.endsWith("街道") ? "subdistrict" : "township" },
        user,
        now,
      );
      ids[t.name] = id;
      const link = await supervision.createInvite(LOCAL_CHAT_ID, countyId, "below", now);
      await supervision.attachTownship(user, link!, now);
      // Each step done a day after the one before, from 14 days before the election.
      for (let s = 0; s < t.steps; s++)
        await stepRepository(db).save(id, doneRecord(s, addDays(election, -14 + s * 2), user), 0);
      if (t.slate) {
        const draft: CandidateDraft = {
          name: "张三",
          gender: "male",
          birthDate: "1995-05-05",
          politicalStatus: "league-member",
          establishment: "inside",
          sector: "government",
          post: "secretary",
          commitment: "fulltime",
          channel: "organisation",
          localTie: true,
          education: "bachelor",
          workplace: "同德镇人民政府",
        };
        await candidateRepository(db).addMany(
          id,
          user,
          [{ draft, idNumberHash: "h-1", status: "nominated" }],
          now,
        );
      }
    }
  } finally {
    client.close();
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "county-view-"));
  url = `file:${path.join(dir, "bot.db")}`;
  await seed();
  [server, browser] = await Promise.all([
    startServer({ DATABASE_URL: url, LOG_LEVEL: "warn" }),
    launchBrowser(),
  ]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function openCounty(width: number, height: number): Promise<Page> {
  const page = await pageAs(
    () => browser!.newPage({ viewport: { width, height } }),
    server!.url,
    BROWSER_KEY,
  );
  page.setDefaultTimeout(20_000);
  const initData = await initDataFor({ id: LOCAL_CHAT_ID, first_name: "本地用户" }, "0:local", new Date());
  await page.goto(`${server!.url}/miniapp?unit=${countyId}#tgWebAppData=${encodeURIComponent(initData)}`);
  await expect.poll(() => page.locator("li.row").count(), { timeout: 20_000 }).toBe(TOWNSHIPS.length);
  return page;
}

const SEVERITY = ["missed-deadline", "overdue", "not-started", "on-track", "done"];

async function rows(page: Page) {
  return page.locator("li.row").evaluateAll((items) =>
    items.map((li) => ({
      badge: (li as HTMLElement).dataset.badge ?? "",
      name: li.querySelector(".name")?.textContent ?? "",
      text: li.textContent ?? "",
      hidden: (li as HTMLElement).hidden,
    })),
  );
}

/** Whatever sticks out past the viewport's right edge, and any step name split over two lines. */
async function layoutFaults(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll("main *")]
      .filter((e) => e.getBoundingClientRect().right > width + 1)
      .map((e) => `${e.tagName}.${e.className}`);
    const split = [...document.querySelectorAll(".keep, .badge")]
      .filter(
        (e) =>
          e.getClientRects().length > 1 ||
          e.getBoundingClientRect().height > 2 * Number.parseFloat(getComputedStyle(e).lineHeight || "24"),
      )
      .map((e) => e.textContent);
    return { overflow: document.documentElement.scrollWidth - width, wide, split };
  });
}

describe.each([
  { size: "phone", width: 390, height: 844 },
  { size: "desktop", width: 1280, height: 800 },
])("the county view on a $size ($width × $height)", ({ width, height }) => {
  it("shows each township's badge, ranked by severity, with charts, and nothing overflows", async () => {
    const page = await openCounty(width, height);
    const list = await rows(page);
    const ranks = list.map((r) => SEVERITY.indexOf(r.badge));
    expect(ranks.every((r) => r >= 0)).toBe(true);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    // 大龙潭乡 missed the deadline by more days than 平地镇, which has more overdue steps: it comes first.
    expect(list.slice(0, 2).map((r) => r.name)).toEqual(["大龙潭乡", "平地镇"]);
    expect(list[0]!.text).toMatch(/超过完成时限 \d+ 天/);
    expect(list.find((r) => r.name === "红格镇")!.text).toMatch(/“[^”]+”逾期 \d+ 天/);
    expect(list.find((r) => r.name === "同德镇")!.text).toContain("名单不符合：");
    const fresh = list.find((r) => r.name === "啊喇乡")!;
    expect(fresh.badge).toBe("not-started");
    expect(fresh.text).toContain("未启动不计分");
    expect(fresh.text).not.toMatch(/\d+ 分/);
    expect(list.find((r) => r.name === "格里坪镇")!.badge).toBe("done");
    // Three pictures, drawn by the server, the late townships named in theirs.
    const charts = page.locator(".charts svg");
    await expect.poll(() => charts.count()).toBe(3);
    expect(await charts.nth(1).textContent()).toContain("大龙潭乡");
    expect(await charts.nth(2).textContent()).toContain("党员人数");
    const faults = await layoutFaults(page);
    expect(faults, JSON.stringify(faults)).toEqual({ overflow: 0, wide: [], split: [] });
    await page.close();
  });
});

describe("filters and the nudge", () => {
  it("narrows the list by phase, lateness, failing rule and name", async () => {
    const page = await openCounty(390, 844);
    const visible = async () => (await rows(page)).filter((r) => !r.hidden);
    await page.getByRole("checkbox", { name: "只看落后的" }).check();
    const behind = await visible();
    expect(behind.length).toBeGreaterThan(2);
    expect(behind.every((r) => r.badge === "missed-deadline" || r.badge === "overdue")).toBe(true);
    await page.getByRole("checkbox", { name: "只看落后的" }).uncheck();
    await page.getByRole("combobox", { name: "名单问题" }).selectOption({ label: "党员人数" });
    expect((await visible()).map((r) => r.name)).toEqual(["同德镇"]);
    await page.getByRole("combobox", { name: "名单问题" }).selectOption({ label: "全部" });
    await page.getByRole("combobox", { name: "阶段" }).selectOption({ label: "已完成" });
    expect((await visible()).map((r) => r.name)).toEqual(["格里坪镇"]);
    await page.getByRole("combobox", { name: "阶段" }).selectOption({ label: "全部" });
    await page.getByRole("searchbox", { name: "按名称查找" }).fill("红格");
    expect((await visible()).map((r) => r.name)).toEqual(["红格镇"]);
    await page.close();
  });

  it("downloads the overview as the county office's .xlsx", async () => {
    const page = await pageAs(
      () => browser!.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true }),
      server!.url,
      BROWSER_KEY,
    );
    const initData = await initDataFor({ id: LOCAL_CHAT_ID, first_name: "本地用户" }, "0:local", new Date());
    await page.goto(`${server!.url}/miniapp?unit=${countyId}#tgWebAppData=${encodeURIComponent(initData)}`);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "📥 下载进度表（Excel）" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^团建进度-东区团委-\d{4}-\d{2}-\d{2}\.xlsx$/);
    await page.close();
  });

  it("sends a 催办 after confirmation, into the outbox once however often it is clicked", async () => {
    const page = await openCounty(390, 844);
    const row = page.locator("li.row", { has: page.locator(".name", { hasText: "红格镇" }) });
    await row.getByRole("button", { name: "📣 催办 红格镇" }).click();
    // Nothing is sent before the confirmation; cancelling sends nothing.
    await row.getByRole("button", { name: "取消" }).click();
    expect(await outbox(ids.红格镇!)).toBe(0);
    await row.getByRole("button", { name: "📣 催办 红格镇" }).click();
    await row.getByRole("button", { name: "确认催办" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("已通知“红格镇”的 1 名成员");
    expect(await outbox(ids.红格镇!)).toBe(1);
    await row.getByRole("button", { name: "📣 催办 红格镇" }).click();
    await row.getByRole("button", { name: "确认催办" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("今天已经提醒过“红格镇”");
    expect(await outbox(ids.红格镇!)).toBe(1);
    await page.close();
  });
});

async function outbox(townshipId: string): Promise<number> {
  const { client } = await openNodeDatabase(url);
  try {
    const result = await client.execute({
      sql: "select count(*) as n from reminder_outbox where key like ?",
      args: [`nudge|${townshipId}|%`],
    });
    return Number(result.rows[0]!.n);
  } finally {
    client.close();
  }
}

it("covers every step index the seed uses", () => {
  expect(Math.max(...TOWNSHIPS.map((t) => t.steps))).toBe(STEPS.length);
});
