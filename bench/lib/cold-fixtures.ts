// The cold-start benchmark's outside world, in a process of its own so that its CPU is not counted:
// a migrated database served over libSQL's HTTP protocol and a recording Bot API. Prints their URLs as
// one JSON line and runs until killed.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openNodeDatabase } from "../../src/db/node.js";
import { startBotApi } from "../../test/fixtures/bot-api.js";
import { startHranaServer } from "../../test/fixtures/hrana-server.js";

const dbPath = join(mkdtempSync(join(tmpdir(), "bench-cold-")), "bot.db");
const { close } = await openNodeDatabase(`file:${dbPath}`);
close();
const hrana = await startHranaServer({ dbPath });
const api = await startBotApi();
console.log(JSON.stringify({ libsql: hrana.url, botApi: api.url }));
