/**
 * Worker bundle size: `wrangler deploy --dry-run --outdir <temp>` (through npm exec, so the project's
 * Node runs it), then the raw and gzip (zlib.gzipSync, default level) size of the emitted .js.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { round } from "./lib/stats.js";
import type { Benchmark, BenchmarkReport } from "./lib/types.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const KiB = 1024;

export const bundleBenchmark: Benchmark = {
  name: "bundle",
  async run(): Promise<BenchmarkReport> {
    const outdir = mkdtempSync(join(tmpdir(), "bench-bundle-"));
    try {
      const started = performance.now();
      await promisify(execFile)(
        "npm",
        ["exec", "--", "wrangler", "deploy", "--dry-run", "--outdir", outdir],
        {
          cwd: root,
          env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1" },
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      const buildSeconds = round((performance.now() - started) / 1000, 1);
      const files = readdirSync(outdir).filter((f) => f.endsWith(".js") || f.endsWith(".mjs"));
      if (!files.length) throw new Error(`wrangler emitted no .js file into ${outdir}`);
      const sizes = files.map((file) => {
        const bytes = readFileSync(join(outdir, file));
        return { file, rawBytes: bytes.length, gzipBytes: gzipSync(bytes).length };
      });
      const rawBytes = sizes.reduce((a, s) => a + s.rawBytes, 0);
      const gzipBytes = sizes.reduce((a, s) => a + s.gzipBytes, 0);
      return {
        name: "bundle",
        description: `wrangler deploy --dry-run (minified), ${files.join(", ")}; built in ${buildSeconds} s`,
        table: {
          columns: ["metric", "value"],
          rows: [
            ["worker raw", `${round(rawBytes / KiB, 1)} KiB (${rawBytes} B)`],
            ["worker gzip", `${round(gzipBytes / KiB, 1)} KiB (${gzipBytes} B)`],
          ],
        },
        data: { files: sizes, rawBytes, gzipBytes, buildSeconds },
      };
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  },
};
