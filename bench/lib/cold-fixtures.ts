// The cold-start benchmark's outside world, in a process of its own so that its CPU is not counted:
// a migrated database served over libSQL's HTTP protocol and a recording Bot API. Prints their URLs as
// one JSON line and runs until killed.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openNodeDatabase } from "../../src/db/node.js";
import { startBotApi } from "../../test/fixtures/bot-api.js";
import { startHranaServer } from "../../test/fixtures/hrana-server.js";

const dir = mkdtempSync(join(tmpdir(), "bench-cold-"));
const dbPath = join(dir, "bot.db");
const { close } = await openNodeDatabase(`file:${dbPath}`);
close();
const hrana = await startHranaServer({ dbPath });
const api = await startBotApi();
// The benchmark ends this process with SIGTERM, and the benchmark's own end (stdin closed) ends it too.
const stop = async () => {
  await hrana.close();
  await api.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.on("SIGTERM", stop);
process.stdin.on("close", stop);
process.stdin.resume();
console.log(JSON.stringify({ libsql: hrana.url, botApi: api.url }));
