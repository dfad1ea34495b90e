/**
 * The WeCom channel in the real Worker (workerd, as `wrangler dev` runs it): callbacks sealed as WeCom
 * seals them, decrypted in the Worker, the bot answering through the loopback fake of WeCom's API, a
 * card press editing its card, a duplicate dropped, a paper uploaded as a file, and a reminder from the
 * cron trigger.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channelUserId } from "../src/db/channel-accounts.js";
import { townshipRepository } from "../src/db/townships.js";
import {
  startWecomServer,
  TEST_WECOM,
  textXml,
  type WecomServer,
  wecomEnv,
  wecomMember,
} from "./fixtures/wecom-server.js";
import {
  startTestWorker,
  type TestWorker,
  WORKER_AFTER_ALL_MS,
  WORKER_BEFORE_ALL_MS,
} from "./fixtures/worker.js";

/** 09:00 in Shanghai; the Party election on 2026-03-15 puts the work plan due 2026-03-01. */
const T = new Date("2026-02-26T09:00:00+08:00").getTime();

let worker: TestWorker | undefined;
let wecom: WecomServer;
let userId = 0;

beforeAll(async () => {
  wecom = await startWecomServer();
  worker = await startTestWorker({
    prefix: "wecom-worker-",
    extraBindings: wecomEnv(TEST_WECOM, wecom.url),
    seed: async (db) => {
      userId = await channelUserId(db, "wecom", "ZhouJiu");
      const townships = townshipRepository(db);
      await townships.touchUser(userId, "ZhouJiu");
      await townships.create(
        {
          province: "四川省",
          city: "成都市",
          county: "锦江区",
          name: "锦江镇",
          kind: "township",
          profileId: "recommended",
          partyElectionDate: "2026-03-15",
          seats: { secretary: 1, fulltimeDeputies: 1, parttimeDeputies: 1, members: 10 },
        },
        userId,
        new Date(T),
      );
    },
  });
}, WORKER_BEFORE_ALL_MS);

afterAll(async () => {
  await worker?.stop();
  await wecom?.close();
}, WORKER_AFTER_ALL_MS);

const post = (pathAndQuery: string, body: string) =>
  fetch(`${worker!.url}${pathAndQuery}`, { method: "POST", body, headers: { "content-type": "text/xml" } });

describe("WeCom in the Worker", () => {
  it("talks, edits a pressed card, drops a duplicate, sends a paper, and delivers the cron's reminder over WeCom", async () => {
    const zhou = wecomMember(wecom, "ZhouJiu", post);
    const progress = await zhou.say("/progress");
    expect(progress).toContain("锦江镇");

    const xml = textXml(TEST_WECOM, "ZhouJiu", "/help", "6100000000000000001");
    expect((await zhou.deliver(xml)).status).toBe(200);
    const afterFirst = zhou.received().length;
    expect((await zhou.deliver(xml)).status).toBe(200);
    expect(zhou.received().length).toBe(afterFirst);

    const cards = zhou.received().filter((d) => d.kind === "card");
    const label = cards.at(-1)?.kind === "card" ? cards.at(-1)!.card.button_list![0]!.text : "";
    await zhou.press(label);
    expect(zhou.received().length).toBeGreaterThan(afterFirst);

    // A paper: the .docx uploaded from the Worker and sent as a file message.
    await zhou.say("/documents");
    await zhou.say("#1");
    const file = zhou.received().find((d) => d.kind === "file");
    expect(file?.kind === "file" && file.name).toMatch(/\.docx$/);

    const response = await worker!.scheduled("* * * * *", T);
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    const deadline = Date.now() + 30_000;
    while (!zhou.all().some((t) => t.includes("⏰")) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 300));
    expect(zhou.all().join("\n")).toContain("制定工作计划");
    expect(worker!.botApi.sent("sendMessage")).toEqual([]);
    expect(wecom.calls.filter((c) => c.errcode !== 0)).toEqual([]);
  });
});
