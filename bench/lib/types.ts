/** What each benchmark hands back to bench/run.ts. */
export interface BenchmarkReport {
  name: string;
  /** One line under the heading: what was measured and how. */
  description: string;
  /** The summary table: a header row and the data rows, all already formatted. */
  table: { columns: string[]; rows: string[][] };
  /** Everything worth keeping, written to bench/results/latest.json. */
  data: Record<string, unknown>;
  /** Problems to point out under the table (e.g. non-2xx answers, a missed target). */
  warnings?: string[];
}

export interface Benchmark {
  name: string;
  run(): Promise<BenchmarkReport>;
}
