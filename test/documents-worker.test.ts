/**
 * Issue 9 in the real Worker (workerd, as `wrangler dev` runs it, no nodejs_compat): the .docx is built
 * by `docx` (zipped by fflate in plain JavaScript) and uploaded with sendDocument, exactly as in Node.
 * A callback from the /documents list drafts the request for approval for a seeded township; the file
 * the loopback Bot API receives unzips to a Word document, and no personal data leaves in clear.
 */
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BotApiFixture, TEST_BOT_INFO } from "./fixtures/bot-api.js";
import { type SeededPerson, seedTownship } from "./fixtures/documents-seed.js";
import { startTestWorker, type TestWorker, WORKER_AFTER_ALL_MS, WORKER_BEFORE_ALL_MS } from "./fixtures/worker.js";

const WEBHOOK_SECRET = "worker-documents-secret_0123456789";
const CHAT_ID = 5_550_909;

let worker: TestWorker | undefined;
let botApi: BotApiFixture;
let nextUpdate = 930_001;
let people: SeededPerson[] = [];

beforeAll(async () => {
  worker = await startTestWorker({
    prefix: "worker-documents-",
    webhookSecret: WEBHOOK_SECRET,
    extraBindings: { PII_HASH_KEY: "worker-test-pii-key" },
    seed: async (db) => {
      ({ people } = await seedTownship(db, CHAT_ID, "小王"));
    },
  });
  ({ botApi } = worker);
}, WORKER_BEFORE_ALL_MS);

afterAll(async () => {
  await worker?.stop();
}, WORKER_AFTER_ALL_MS);

async function click(data: string): Promise<void> {
  const update = {
    update_id: nextUpdate++,
    callback_query: {
      id: `cb-${nextUpdate}`,
      from: { id: CHAT_ID, is_bot: false, first_name: "小王", language_code: "zh-hans" },
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: CHAT_ID, type: "private", first_name: "小王" },
        from: { id: TEST_BOT_INFO.id, is_bot: true, first_name: TEST_BOT_INFO.first_name, username: TEST_BOT_INFO.username },
        text: "可以起草以下文书。",
      },
      chat_instance: String(CHAT_ID),
      data,
    },
  };
  const response = await worker!.postWebhook(JSON.stringify(update), WEBHOOK_SECRET);
  expect(response.status).toBe(200);
}

describe("papers in the Worker (workerd)", () => {
  it("drafts the request for approval and uploads it as a .docx that opens", async () => {
    await click("doc:approval-request");
    const texts = botApi.sent("sendMessage").map((c) => String(c.payload.text)).join("\n");
    expect(texts).toContain("关于南山街道团工委书记、兼职副书记、委员拟任人选的请示");
    const [upload] = botApi.sent("sendDocument");
    expect(upload).toBeDefined();
    const file = upload!.payload[String(upload!.payload.document).replace("attach://", "")] as { filename: string; bytes: Buffer };
    expect(file.filename).toBe("南山街道-报批请示.docx");
    const xml = strFromU8(unzipSync(new Uint8Array(file.bytes))["word/document.xml"]!);
    expect(xml.replace(/<[^>]+>/g, "")).toContain("妥否，请批示。");
    const sent = JSON.stringify(botApi.calls.map((c) => ({ ...c, payload: { ...c.payload, [String(c.payload.document ?? "").replace("attach://", "")]: undefined } })));
    for (const person of people) {
      expect(sent).not.toContain(person.idNumber);
      expect(sent).not.toContain(person.mobile);
      expect(xml).not.toContain(person.idNumber);
      expect(xml).not.toContain(person.mobile);
    }
  });
});
