/**
 * npm run rekey
 * Re-keys the stored ID-number hashes (duplicate detection) from the current PII_HASH_KEY to a new one,
 * without the ID numbers (which are not stored). Run it with the server stopped.
 *
 * - With PII_HASH_KEY_OLD and PII_HASH_KEY set (a Telegram deployment): moves the hashes of DATABASE_URL
 *   from the old key to the new; then deploy PII_HASH_KEY with the new value.
 * - Without them (the local server): moves the hashes from the key in the data directory to a new
 *   random one, which replaces it there (0600).
 */
import { renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, parseConfig } from "../src/config/env.js";
import { localSecret } from "../src/config/local-secrets.js";
import { openNodeDatabase } from "../src/db/node.js";
import { rekeyIdNumberHashes } from "../src/db/rekey.js";

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

let config: ReturnType<typeof parseConfig>;
try {
  config = parseConfig(process.env);
} catch (error) {
  fail(error instanceof ConfigError ? error.message : String(error));
}
const oldFromEnv = process.env.PII_HASH_KEY_OLD?.trim();
let oldKey: string;
let newKey: string;
let keyFile: string | undefined;
if (oldFromEnv) {
  if (!config.piiHashKeyFromEnv) fail("PII_HASH_KEY_OLD is set: PII_HASH_KEY must be set to the new key");
  oldKey = oldFromEnv;
  newKey = config.piiHashKey;
} else {
  if (config.piiHashKeyFromEnv) fail("PII_HASH_KEY is set: set PII_HASH_KEY_OLD to the key in use and PII_HASH_KEY to the new one");
  const current = localSecret(config.dataDir, "pii-hash-key");
  oldKey = current.value;
  newKey = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("hex");
  keyFile = join(config.dataDir, "pii-hash-key");
}
const { client } = await openNodeDatabase(config.databaseUrl, config.databaseAuthToken);
try {
  if (keyFile) writeFileSync(`${keyFile}.next`, `${newKey}\n`, { mode: 0o600 });
  const { moved, skipped } = await rekeyIdNumberHashes(client, oldKey, newKey);
  if (keyFile) renameSync(`${keyFile}.next`, keyFile);
  console.log(`Re-keyed ${moved} ID-number hashes${skipped ? ` (${skipped} not of this construction, left as they are)` : ""}.`);
  console.log(keyFile ? `The new key is in ${keyFile}; the old one is gone.` : "Now deploy PII_HASH_KEY with the new value, and forget the old one.");
} finally {
  client.close();
}
