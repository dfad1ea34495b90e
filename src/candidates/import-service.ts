import type { Database } from "../db/client.js";
import { candidateRepository, hashIdNumber, type StoredCandidate } from "../db/candidates.js";
import type { CandidateDraft } from "../domain/candidate-fields.js";
import type { RowProblem, RowResult } from "../domain/candidate-import.js";

/**
 * Saving an import batch the validator accepted: the same person is refused when already on the
 * list (by ID-number hash, or by name and birth date when no ID number was given), and a row that
 * another member's save took meanwhile (the unique index refused it) is reported as a duplicate
 * rather than lost or saved twice. The ID numbers are hashed here and never kept.
 */

export type ImportProblem = RowProblem | { kind: "duplicate-in-db"; existing: StoredCandidate };

export interface ImportOutcome {
  /** The rows saved, in row order. */
  saved: { row: number; name: string }[];
  /** Every row's problems by row number: the validator's, or the duplicate found on saving. */
  problems: Map<number, ImportProblem[]>;
}

export interface ImportDeps {
  db: Database;
  piiHashKey: string;
}

export async function saveImportedRows(
  deps: ImportDeps,
  townshipId: string,
  userId: number,
  rows: RowResult[],
  now: Date,
): Promise<ImportOutcome> {
  const repo = candidateRepository(deps.db);
  const existing = await repo.list(townshipId);
  const byNameAndBirth = new Map(existing.filter((c) => c.status !== "withdrawn").map((c) => [`${c.name}\u0000${c.birthDate}`, c]));
  const accepted = rows.filter((r) => r.ok && r.candidate);
  const hashes = await Promise.all(
    accepted.map((r) => (r.idNumberNormalized ? hashIdNumber(deps.piiHashKey, r.idNumberNormalized) : undefined)),
  );
  const byHash = await repo.findByHashes(townshipId, hashes.filter((h): h is string => h !== undefined));

  const problems = new Map<number, ImportProblem[]>(rows.map((r) => [r.row, r.problems]));
  const toSave: { row: number; draft: CandidateDraft; idNumberHash: string | undefined }[] = [];
  accepted.forEach((r, i) => {
    const hash = hashes[i];
    const draft = r.candidate!;
    const same = (hash ? byHash.get(hash) : undefined) ?? byNameAndBirth.get(`${draft.name}\u0000${draft.birthDate}`);
    if (same) problems.set(r.row, [{ kind: "duplicate-in-db", existing: same }]);
    else toSave.push({ row: r.row, draft, idNumberHash: hash });
  });
  const results = await repo.addMany(
    townshipId,
    userId,
    toSave.map((s) => ({ draft: s.draft, idNumberHash: s.idNumberHash, status: "eligible" as const })),
    now,
  );
  const raced = toSave.filter((_s, i) => !results[i]?.ok);
  if (raced.length > 0) {
    const current = await repo.findByHashes(townshipId, raced.map((s) => s.idNumberHash).filter((h): h is string => h !== undefined));
    for (const s of raced) {
      const same = s.idNumberHash ? current.get(s.idNumberHash) : undefined;
      problems.set(s.row, same ? [{ kind: "duplicate-in-db", existing: same }] : [{ kind: "duplicate-in-batch", row: s.row }]);
    }
  }
  const saved = toSave.filter((_s, i) => results[i]?.ok).map((s) => ({ row: s.row, name: s.draft.name }));
  return { saved, problems };
}
