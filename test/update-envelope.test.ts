/**
 * The update ledger as the envelope keeps it, over both runners: the embedded file (Node) and the
 * libSQL client over HTTP (the Worker's way to Turso). A delivery only ever gives back its own claim.
 */
import { afterEach, describe, expect, it } from "vitest";
import { STALE_CLAIM_MS } from "../src/db/processed-updates.js";
import { clientStatements, type StatementRunner } from "../src/db/statements.js";
import { updateEnvelope } from "../src/db/update-envelope.js";
import { httpDatabase, tempDatabase } from "./fixtures/database.js";

const runners: [string, () => Promise<{ runner: StatementRunner; cleanup(): void | Promise<void> }>][] = [
  [
    "embedded file",
    async () => {
      const file = await tempDatabase();
      return { runner: file.statements, cleanup: file.cleanup };
    },
  ],
  [
    "libSQL over HTTP",
    async () => {
      const http = await httpDatabase();
      return { runner: clientStatements(http.client), cleanup: http.cleanup };
    },
  ],
];

let cleanup: (() => void | Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe.each(runners)("the update ledger (%s)", (_name, open) => {
  const T0 = 1_700_000_000_000;
  const user = { id: 8801, firstName: "小李", privateLocale: "zh" };

  it("a delivery whose stale claim was taken over cannot give back the claim of the delivery that took it", async () => {
    const db = await open();
    cleanup = db.cleanup;
    const envelope = updateEnvelope(db.runner);
    const first = await envelope.open({ updateId: 1, sessionKey: "8801", user, now: T0, at: T0 });
    expect(first.ledger).toBe("claimed");
    // The first delivery runs past the stale limit; Telegram's redelivery takes the update over.
    const later = T0 + STALE_CLAIM_MS + 1;
    expect((await envelope.open({ updateId: 1, sessionKey: "8801", user, now: later, at: later })).ledger).toBe("claimed");
    // The first delivery then fails: the second still holds the update.
    await envelope.release(1, T0);
    expect((await envelope.open({ updateId: 1, user, now: later + 1, at: later + 1 })).ledger).toBe("in-progress");
    // Once the second is done, the first's late release changes nothing either.
    await envelope.close(1);
    await envelope.release(1, T0);
    expect((await envelope.open({ updateId: 1, user, now: later + 2, at: later + 2 })).ledger).toBe("done");
  });

  it("a release after the update was marked done (its answer lost) keeps it done", async () => {
    const db = await open();
    cleanup = db.cleanup;
    const envelope = updateEnvelope(db.runner);
    await envelope.open({ updateId: 2, sessionKey: "8801", user, now: T0, at: T0 });
    await envelope.close(2, { key: "8801", value: '{"language":"en"}' });
    // The close was stored, but its answer did not arrive: the delivery fails and releases.
    await envelope.release(2, T0);
    const again = await envelope.open({ updateId: 2, sessionKey: "8801", user, now: T0 + 1, at: T0 + 1 });
    expect(again.ledger).toBe("done");
    expect(again.session).toBe('{"language":"en"}');
  });
});
