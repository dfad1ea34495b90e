import type { Client } from "@libsql/client";
import { rekeyIdNumberHash } from "./id-number-hash.js";

/**
 * Moves every stored ID-number hash from one PII_HASH_KEY to another (see id-number-hash.ts), in one
 * transaction: afterwards only the new key finds duplicates, and the old key confirms nothing.
 * Returns how many hashes moved; hashes of another construction (none after the migrations) stay.
 */
export async function rekeyIdNumberHashes(client: Client, oldKey: string, newKey: string): Promise<{ moved: number; skipped: number }> {
  if (oldKey === newKey) throw new Error("the new key is the old key");
  const rows = (await client.execute("select id, id_number_hash from candidates where id_number_hash is not null")).rows;
  const updates: { sql: string; args: string[] }[] = [];
  let skipped = 0;
  for (const row of rows) {
    const moved = rekeyIdNumberHash(String(row.id_number_hash), oldKey, newKey);
    if (moved === undefined) skipped++;
    else updates.push({ sql: "update candidates set id_number_hash = ? where id = ?", args: [moved, String(row.id)] });
  }
  if (updates.length > 0) await client.batch(updates, "write");
  return { moved: updates.length, skipped };
}
