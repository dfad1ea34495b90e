/**
 * The Mini App's API in the real Worker (workerd, no nodejs_compat): initData is verified with Web
 * Crypto against the Worker's bot token, and the answer is scoped to the verified user, exactly as in
 * Node. A forged signature is refused; another county's unit is a 404.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { supervisionRepository } from "../src/db/supervision.js";
import { initDataFor } from "../src/http/init-data.js";
import {
  startTestWorker,
  type TestWorker,
  WORKER_AFTER_ALL_MS,
  WORKER_BEFORE_ALL_MS,
  WORKER_BOT_TOKEN,
} from "./fixtures/worker.js";

const SUPERVISOR = 5_550_301;
let worker: TestWorker | undefined;
const ids: Record<string, string> = {};

beforeAll(async () => {
  worker = await startTestWorker({
    prefix: "worker-miniapp-",
    seed: async (db) => {
      const repo = supervisionRepository(db);
      const county = await repo.register(SUPERVISOR, { level: "county", name: "东区团委" }, new Date());
      const other = await repo.register(5_550_302, { level: "county", name: "西区团委" }, new Date());
      if (!county.ok || !other.ok) throw new Error("not registered");
      ids.county = county.id;
      ids.other = other.id;
    },
  });
}, WORKER_BEFORE_ALL_MS);

afterAll(async () => {
  await worker?.stop();
}, WORKER_AFTER_ALL_MS);

const get = (path: string, initData: string) =>
  fetch(`${worker!.url}${path}`, { headers: { authorization: `tma ${initData}` } });

describe("the Mini App's API in workerd", () => {
  it("verifies initData with the bot token and answers the user's own unit", async () => {
    const initData = await initDataFor(
      { id: SUPERVISOR, first_name: "东区书记" },
      WORKER_BOT_TOKEN,
      new Date(),
    );
    const response = await get(`/miniapp/api/overview?unit=${ids.county}`, initData);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { unit: { name: string; townships: number } };
    expect(body.unit).toMatchObject({ name: "东区团委", townships: 0 });

    const other = await get(`/miniapp/api/overview?unit=${ids.other}`, initData);
    expect(other.status).toBe(404);
    expect(await other.text()).not.toContain("西区团委");
  });

  it("refuses initData signed with another token", async () => {
    const forged = await initDataFor({ id: SUPERVISOR }, "654321:ANOTHERBOTTOKENXXXXXXXXXXXX", new Date());
    const response = await get(`/miniapp/api/overview?unit=${ids.county}`, forged);
    expect(response.status).toBe(401);
  });
});
