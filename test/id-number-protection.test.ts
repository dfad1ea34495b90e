/**
 * What is stored beside a candidate (birth date, masked ID number, keyed hash) must not give the ID
 * number back: the attack is written out here. And the hash key can be rotated without the numbers.
 */
import { createHmac } from "node:crypto";
import { spawnSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { parseConfig } from "../src/config/env.js";
import { localSecret } from "../src/config/local-secrets.js";
import { candidateRepository, hashIdNumber } from "../src/db/candidates.js";
import { rekeyIdNumberHashes } from "../src/db/rekey.js";
import { validateIdNumber } from "../src/domain/id-number.js";
import { createLogger } from "../src/logging.js";
import { composeAssistant } from "../src/runtime/compose.js";
import { townshipRepository } from "../src/db/townships.js";
import { makeId } from "./fixtures/candidates.js";
import { samplePlan } from "./fixtures/plans.js";
import { type TempDatabase, tempDatabase } from "./fixtures/database.js";
import { openLocalSession } from "./fixtures/local-session.js";

const ID = makeId("19950307", "231");
const NOW = new Date("2024-03-20T02:00:00Z");
const BOT_TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ";

let database: TempDatabase | undefined;
afterEach(() => {
  database?.cleanup();
  database = undefined;
});

/** A township on the local server and one candidate imported with `id`; returns the stored row. */
async function storeCandidate(env: Record<string, string>, id: string) {
  database ??= await tempDatabase();
  const config = parseConfig({ DATABASE_URL: database.url, ...env });
  const { app } = composeAssistant({ config, client: database.client, logger: createLogger("silent"), now: () => NOW });
  const browser = await openLocalSession(app);
  const say = (text: string) => browser.post("/local/messages", { text });
  await say("/register");
  for (const answer of ["四川省", "攀枝花市", "东区", "南湖镇"]) await say(answer);
  const click = async (label: string) => {
    const view = (await (await browser.request("/local/messages")).json()) as { messages: { id: number; buttons: { text: string; data: string }[][] }[] };
    const message = view.messages.findLast((m) => m.buttons.flat().some((b) => b.text.includes(label)))!;
    const button = message.buttons.flat().find((b) => b.text.includes(label))!;
    await browser.post("/local/callback", { messageId: message.id, data: button.data });
  };
  await click("乡镇");
  await click("四川");
  await say("2024-03-15");
  await say("2024-04-05");
  for (let i = 0; i < 4; i++) await click("默认值");
  await click("确认保存");
  await say(`/import 周五,,${id},共青团员,编制外,农村,委员,兼职,组织推荐,,是,`);
  const rows = (await database.client.execute("select birth_date, id_number_masked, id_number_hash from candidates")).rows;
  return { rows: rows.map((r) => ({ birthDate: String(r.birth_date), masked: String(r.id_number_masked), hash: String(r.id_number_hash) })), config };
}

/** Every ID number that fits a mask ("*" unknown) and a birth date and passes the checks. */
function completions(masked: string, birthDate: string): string[] {
  const pattern = [...masked];
  const birth = birthDate.replace(/-/g, "");
  for (let i = 0; i < 8; i++) pattern[6 + i] = birth[i]!;
  const unknown = pattern.flatMap((ch, i) => (ch === "*" ? [i] : []));
  const found: string[] = [];
  for (let n = 0; n < 10 ** unknown.length; n++) {
    const digits = String(n).padStart(unknown.length, "0");
    const candidate = [...pattern];
    for (const [i, position] of unknown.entries()) candidate[position] = digits[i]!;
    const id = candidate.join("");
    if (validateIdNumber(id, "2024-03-20").ok) found.push(id);
  }
  return found;
}

describe("the stored mask, birth date and hash of an ID number", () => {
  it("leave more than a thousand numbers that pass every check, and the keys an attacker would try confirm none", async () => {
    const { rows, config } = await storeCandidate({}, ID);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row!.masked).toBe(`**************${ID.slice(14)}`);
    const left = completions(row!.masked, row!.birthDate);
    expect(left).toContain(ID);
    expect(left.length).toBeGreaterThan(1000);
    // The keys the hash once fell back to: a default in the source, the bot token. Neither confirms the
    // number, in the old construction (HMAC) or the new; the local key is random and nobody else's.
    for (const guess of ["local-development-key", BOT_TOKEN]) {
      expect(row!.hash).not.toBe(createHmac("sha256", guess).update(ID).digest("hex"));
      expect(row!.hash).not.toBe(await hashIdNumber(guess, ID));
    }
    expect(config.piiHashKey).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.hash).toBe(await hashIdNumber(config.piiHashKey, ID));
  }, 60_000);

  it("a key rotation moves the hashes without the numbers: the new key finds the person again, the old key nothing", async () => {
    const oldKey = "the-old-pii-hash-key";
    const newKey = "the-new-pii-hash-key";
    const { rows } = await storeCandidate({ PII_HASH_KEY: oldKey }, ID);
    expect(rows[0]!.hash).toBe(await hashIdNumber(oldKey, ID));
    expect(await rekeyIdNumberHashes(database!.client, oldKey, newKey)).toEqual({ moved: 1, skipped: 0 });
    const [after] = (await database!.client.execute("select id_number_hash from candidates")).rows;
    expect(after!.id_number_hash).toBe(await hashIdNumber(newKey, ID));
    expect(after!.id_number_hash).not.toBe(await hashIdNumber(oldKey, ID));
    // Duplicate detection looks the person up by the hash: found under the new key, not under the old.
    const townshipId = String((await database!.client.execute("select township_id from candidates")).rows[0]!.township_id);
    const candidates = candidateRepository(database!.db);
    expect((await candidates.findByHashes(townshipId, [await hashIdNumber(newKey, ID)])).size).toBe(1);
    expect((await candidates.findByHashes(townshipId, [await hashIdNumber(oldKey, ID)])).size).toBe(0);
  }, 60_000);

  it("npm run rekey on the local server moves the hashes to a new random key that replaces the old one (0600)", async () => {
    database = await tempDatabase();
    const keyFile = join(database.dir, "pii-hash-key");
    const oldKey = localSecret(database.dir, "pii-hash-key").value;
    const { rows } = await storeCandidate({ PII_HASH_KEY: oldKey }, ID);
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/rekey.ts"], {
      cwd: join(dirname(fileURLToPath(import.meta.url)), ".."),
      env: { PATH: process.env.PATH ?? "", DATABASE_URL: database.url },
      encoding: "utf8",
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("Re-keyed 1 ID-number hashes");
    const newKey = readFileSync(keyFile, "utf8").trim();
    expect(newKey).toMatch(/^[0-9a-f]{64}$/);
    expect(newKey).not.toBe(oldKey);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const [after] = (await database.client.execute("select id_number_hash from candidates")).rows;
    expect(after!.id_number_hash).toBe(await hashIdNumber(newKey, ID));
    expect(after!.id_number_hash).not.toBe(rows[0]!.hash);
  }, 60_000);

  it("the migration re-masks stored ID numbers to their last four characters and drops the old hashes", async () => {
    database = await tempDatabase();
    const { client } = database;
    const townshipId = await townshipRepository(database.db).create(samplePlan("南湖镇", "2024-03-15"), 1, NOW);
    const township = { id: townshipId };
    await client.execute({
      sql: "insert into candidates (id, township_id, name, gender, birth_date, id_number_masked, id_number_hash, political_status, establishment, sector, post, commitment, channel, local_tie, status) values ('c1', ?, '周五', 'male', '1995-03-07', ?, ?, 'league-member', 'outside', 'rural', 'member', 'parttime', 'organisation', 1, 'eligible')",
      args: [String(township.id), `${ID.slice(0, 4)}**********${ID.slice(14)}`, createHmac("sha256", "local-development-key").update(ID).digest("hex")],
    });
    await client.execute({
      sql: "insert into audit_log (township_id, user_id, action, subject, detail, at) values (?, 1, 'candidate.update', 'c1', ?, '2024-03-20')",
      args: [String(township.id), JSON.stringify({ idNumberMasked: `${ID.slice(0, 4)}**********${ID.slice(14)}` })],
    });
    await client.execute({ sql: "insert into local_messages (chat_id, from_bot, text) values (1, 0, ?)", args: [`身份证 ${ID.slice(0, 4)}**********${ID.slice(14)} 和 4602**********123X`] });
    const migration = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "../drizzle/0004_irreversible_id_masks.sql"), "utf8");
    for (const statement of migration.split("--> statement-breakpoint")) await client.execute(statement);
    const [row] = (await client.execute("select id_number_masked, id_number_hash from candidates")).rows;
    expect(row).toMatchObject({ id_number_masked: `**************${ID.slice(14)}`, id_number_hash: null });
    const [audit] = (await client.execute("select detail from audit_log where subject = 'c1'")).rows;
    expect(JSON.parse(String(audit!.detail))).toEqual({ idNumberMasked: `**************${ID.slice(14)}` });
    const [message] = (await client.execute("select text from local_messages")).rows;
    expect(message!.text).toBe(`身份证 **************${ID.slice(14)} 和 **************123X`);
  });
});
