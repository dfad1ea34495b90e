/**
 * The overview's web API (the Telegram Mini App's data) through the real Hono app over a libSQL file:
 * initData verified with the bot token; absent, forged, tampered and stale initData refused; each user
 * reads only their own subtree — another county, the city above, a township elsewhere are 404s, the
 * same as ids that do not exist, and their names never appear.
 */
import { readSheet } from "read-excel-file/universal";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../src/config/env.js";
import { supervisionRepository } from "../src/db/supervision.js";
import { townshipRepository } from "../src/db/townships.js";
import { initDataFor, signInitData } from "../src/http/init-data.js";
import { HALF_WIDTH_IN_CHINESE } from "../src/supervision/punctuation.js";
import { createLogger } from "../src/logging.js";
import { composeAssistant } from "../src/runtime/compose.js";
import { type TempDatabase, tempDatabase } from "./fixtures/database.js";
import { samplePlan } from "./fixtures/plans.js";

const TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const NOW = new Date("2026-03-10T09:00:00+08:00");
const CITY = 201;
const COUNTY = 301;
const OTHER_COUNTY = 302;
const TOWNSHIP = 401;
const OTHER_TOWNSHIP = 402;
const OUTSIDER = 999;
const SECRET_NAMES = ["攀枝花市团委", "西区团委", "丙镇"];

let database: TempDatabase;
let app: ReturnType<typeof composeAssistant>["app"];
const ids: Record<string, string> = {};

async function get(path: string, initData?: string) {
  const response = await app.request(
    path,
    initData === undefined ? {} : { headers: { authorization: `tma ${initData}` } },
  );
  return { status: response.status, body: await response.text() };
}
const as = (userId: number, at = NOW) =>
  initDataFor({ id: userId, first_name: "测试", language_code: "zh-hans" }, TOKEN, at);

beforeAll(async () => {
  database = await tempDatabase();
  const config = parseConfig({ PII_HASH_KEY: "test-pii-hash-key", BOT_TOKEN: TOKEN, LOG_LEVEL: "silent" });
  ({ app } = composeAssistant({
    config,
    client: database.client,
    logger: createLogger("silent"),
    now: () => NOW,
  }));
  const repo = supervisionRepository(database.db);
  const townships = townshipRepository(database.db);
  const register = async (user: number, level: "city" | "county", name: string, parent?: string) => {
    const result = await repo.register(user, { level, name }, NOW, parent);
    if (!result.ok) throw new Error("not registered");
    return result.id;
  };
  ids.city = await register(CITY, "city", "攀枝花市团委");
  const cityLink = await repo.createInvite(CITY, ids.city, "below", NOW);
  ids.county = await register(COUNTY, "county", "东区团委", cityLink);
  ids.otherCounty = await register(OTHER_COUNTY, "county", "西区团委", cityLink);
  const township = async (user: number, name: string, county: string, countyUser: number) => {
    await townships.touchUser(user, name);
    const id = await townships.create(samplePlan(name, "2026-02-20"), user, NOW);
    const link = await repo.createInvite(countyUser, county, "below", NOW);
    expect((await repo.attachTownship(user, link!, NOW)).ok).toBe(true);
    return id;
  };
  ids.township = await township(TOWNSHIP, "甲镇", ids.county, COUNTY);
  ids.otherTownship = await township(OTHER_TOWNSHIP, "丙镇", ids.otherCounty, OTHER_COUNTY);
});

afterAll(() => database?.cleanup());

describe("the Mini App's API", () => {
  it("answers a county with its townships' figures, in the user's language", async () => {
    const { status, body } = await get(`/miniapp/api/overview?unit=${ids.county}`, await as(COUNTY));
    expect(status).toBe(200);
    const data = JSON.parse(body);
    expect(data.unit).toMatchObject({ id: ids.county, name: "东区团委", townships: 1, overdueTownships: 1 });
    expect(data.summary[0]).toBe("📊“东区团委”工作进度 · 县（区）团委 · 2026年3月10日");
    expect(data.children.map((c: { name: string }) => c.name)).toEqual(["甲镇"]);
    expect(data.parent).toBeNull(); // the city above is not the county's to see
    for (const name of SECRET_NAMES) expect(body).not.toContain(name);
  });

  it("answers the city with both counties and a township's read-only checklist", async () => {
    const overview = JSON.parse((await get("/miniapp/api/overview", await as(CITY))).body);
    expect(overview.unit.townships).toBe(2);
    expect(overview.children.map((c: { name: string }) => c.name).sort()).toEqual(["东区团委", "西区团委"]);
    const { status, body } = await get(
      `/miniapp/api/township?id=${ids.otherTownship}&lang=en`,
      await as(CITY),
    );
    expect(status).toBe(200);
    const township = JSON.parse(body);
    expect(township.steps).toHaveLength(13);
    expect(township.steps[0]).toMatchObject({ title: "Draw up the work plan", status: "overdue" });
  });

  it("refuses absent, forged, tampered and stale initData with the same 401", async () => {
    const valid = await as(COUNTY);
    const path = `/miniapp/api/overview?unit=${ids.county}`;
    const forged = await signInitData(
      { auth_date: String(Math.floor(NOW.getTime() / 1000)), user: JSON.stringify({ id: COUNTY }) },
      "654321:ANOTHERBOTTOKENXXXXXXXXXXXX",
    );
    const tampered = valid.replace(encodeURIComponent(`"id":${COUNTY}`), encodeURIComponent(`"id":${CITY}`));
    expect(tampered).not.toBe(valid);
    const stale = await as(COUNTY, new Date(NOW.getTime() - 2 * 86_400_000));
    for (const initData of [undefined, "", "user=%7B%22id%22%3A301%7D", forged, tampered, stale]) {
      const { status, body } = await get(path, initData);
      expect(status, String(initData)).toBe(401);
      expect(JSON.parse(body)).toEqual({ error: "unauthorized" });
    }
    expect((await get(`/miniapp/api/township?id=${ids.township}`, forged)).status).toBe(401);
  });

  it("gives a county user nothing of the other county, its township or the city above", async () => {
    const initData = await as(COUNTY);
    for (const path of [
      `/miniapp/api/overview?unit=${ids.otherCounty}`,
      `/miniapp/api/overview?unit=${ids.city}`,
      `/miniapp/api/township?id=${ids.otherTownship}`,
      "/miniapp/api/overview?unit=no-such-unit",
      "/miniapp/api/township?id=no-such-township",
    ]) {
      const { status, body } = await get(path, initData);
      expect(status, path).toBe(404);
      expect(JSON.parse(body)).toEqual({ error: "not found" });
    }
  });

  it("gives a township's secretary and an outsider no unit and no township", async () => {
    for (const user of [TOWNSHIP, OUTSIDER]) {
      const initData = await as(user);
      expect(JSON.parse((await get("/miniapp/api/overview", initData)).body)).toEqual({ units: [] });
      for (const path of [
        `/miniapp/api/overview?unit=${ids.county}`,
        `/miniapp/api/overview?unit=${ids.city}`,
        `/miniapp/api/township?id=${ids.township}`,
      ])
        expect((await get(path, initData)).status, `${user} ${path}`).toBe(404);
    }
  });

  it("changes nothing through its reads: a POST to them is a 404", async () => {
    const response = await app.request(`/miniapp/api/overview?unit=${ids.county}`, {
      method: "POST",
      headers: { authorization: `tma ${await as(COUNTY)}` },
    });
    expect(response.status).toBe(404);
  });

  it("sends a 催办 only for a township the user supervises, authenticated as the reads, into the outbox once a day", async () => {
    const nudge = async (township: string, initData?: string) => {
      const response = await app.request("/miniapp/api/nudge", {
        method: "POST",
        headers: { "content-type": "application/json", ...(initData === undefined ? {} : { authorization: `tma ${initData}` }) },
        body: JSON.stringify({ township }),
      });
      return { status: response.status, body: await response.json() };
    };
    const queued = async () =>
      Number((await database.client.execute({ sql: "select count(*) as n from reminder_outbox where key like 'nudge|%'" })).rows[0]!.n);
    const forged = await signInitData(
      { auth_date: String(Math.floor(NOW.getTime() / 1000)), user: JSON.stringify({ id: COUNTY }) },
      "654321:ANOTHERBOTTOKENXXXXXXXXXXXX",
    );
    for (const initData of [undefined, "", forged]) expect((await nudge(ids.township!, initData)).status).toBe(401);
    // Another county's township, the township's own secretary, an outsider: refused as if it did not exist.
    expect((await nudge(ids.otherTownship!, await as(COUNTY))).status).toBe(404);
    expect((await nudge(ids.township!, await as(TOWNSHIP))).status).toBe(404);
    expect((await nudge(ids.township!, await as(OUTSIDER))).status).toBe(404);
    expect((await nudge("no-such-township", await as(COUNTY))).status).toBe(404);
    expect(await queued()).toBe(0);
    const first = await nudge(ids.township!, await as(COUNTY));
    expect(first).toMatchObject({ status: 200, body: { queued: 1 } });
    expect(first.body.message).toContain("已通知“甲镇”的 1 名成员");
    // The city above supervises it too; the same day's nudge is not queued twice, whoever sends it.
    const again = await nudge(ids.township!, await as(CITY));
    expect(again).toMatchObject({ status: 200, body: { queued: 0 } });
    expect(again.body.message).toContain("今天已经提醒过“甲镇”");
    expect(await queued()).toBe(1);
  });

  it("downloads the overview as an .xlsx, authenticated as the reads", async () => {
    const path = `/miniapp/api/overview.xlsx?unit=${ids.county}`;
    expect((await app.request(path)).status).toBe(401);
    expect((await app.request(`/miniapp/api/overview.xlsx?unit=${ids.otherCounty}`, { headers: { authorization: `tma ${await as(COUNTY)}` } })).status).toBe(404);
    const response = await app.request(path, { headers: { authorization: `tma ${await as(COUNTY)}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("spreadsheetml");
    expect(decodeURIComponent(response.headers.get("content-disposition")!)).toContain("团建进度-东区团委-2026-03-10.xlsx");
    const rows = await readSheet<string>(await response.arrayBuffer(), { parseNumber: (text: string) => text });
    expect(rows[0]![0]).toBe("东区团委下属乡镇（街道）团组织格局创新工作进度表");
    expect(rows.slice(3).map((r) => r[2])).toEqual(["甲镇"]);
  });

  it("writes Chinese with full-width punctuation in every text it shows, the steps' titles included", async () => {
    const initData = await as(COUNTY);
    const page = await (await app.request("/miniapp?unit=x")).text();
    const overview = JSON.parse((await get(`/miniapp/api/overview?unit=${ids.county}`, initData)).body);
    const township = JSON.parse((await get(`/miniapp/api/township?id=${ids.township}`, initData)).body);
    const strings: string[] = [page.replace(/<[^>]+>/g, " ")];
    const collect = (value: unknown): void => {
      if (typeof value === "string") strings.push(value);
      else if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === "object") Object.values(value).forEach(collect);
    };
    collect(overview);
    collect(township);
    expect(strings.join("\n")).toContain("成立工作机构（领导小组）");
    // 甲镇 has recorded nothing: no score, on its row or its page.
    expect(township.head[0]).toContain("未启动不计分");
    expect(township.head[0]).not.toContain("得分");
    expect(overview.children.find((r: { name: string }) => r.name === "甲镇")).toMatchObject({ score: null, badge: "overdue" });
    expect(strings.filter((s) => HALF_WIDTH_IN_CHINESE.test(s))).toEqual([]);
    // No nested parentheses either.
    expect(strings.filter((s) => /（[^）]*（/.test(s))).toEqual([]);
  });

  it("serves the page itself without data or inline code, under a content security policy", async () => {
    const response = await app.request("/miniapp?unit=x");
    expect(response.status).toBe(200);
    const csp = response.headers.get("content-security-policy")!;
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    const page = await response.text();
    // Scripts come from the app's own file; the only inline script element is a JSON data block.
    const scripts = [...page.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    for (const [, attributes, body] of scripts)
      expect(attributes!.includes('src="/miniapp/app.js"') || attributes!.includes('type="application/json"'), `${attributes} ${body!.slice(0, 40)}`).toBe(true);
    expect(page).not.toMatch(/ on[a-z]+=/);
    const script = await app.request("/miniapp/app.js");
    expect(script.headers.get("content-type")).toContain("javascript");
    expect(await script.text()).toContain("/miniapp/api/nudge");
    expect(page).toContain("团建助手 · 工作进度");
    for (const name of [...SECRET_NAMES, "东区团委", "甲镇"]) expect(page).not.toContain(name);
  });
});
