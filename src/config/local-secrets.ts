import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * A secret the Node process keeps for itself in its data directory (the local chat's access token,
 * the local ID-number hash key): created at random on first start, readable by this user only (0600),
 * and read back on every later start so that what was keyed with it stays valid.
 */
export function localSecret(dataDir: string, name: string): { value: string; created: boolean } {
  const path = join(dataDir, name);
  try {
    const value = readFileSync(path, "utf8").trim();
    if (/^[0-9a-f]{64}$/.test(value)) {
      // A copy restored with looser permissions is tightened again.
      if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
      return { value, created: false };
    }
    throw new Error(`${path} is not a key this program wrote (64 hex digits); move it away to start afresh`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const value = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("hex");
  // "wx": never overwrite a key another process has just written; mode applies at creation.
  try {
    writeFileSync(path, `${value}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return localSecret(dataDir, name);
    throw error;
  }
  chmodSync(path, 0o600);
  return { value, created: true };
}
