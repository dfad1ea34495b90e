/**
 * The Node server as one JavaScript file, so `npm start` runs plain `node` with no TypeScript loader in
 * the process: esbuild bundles src/main.ts with the generated data and the packages it uses, except
 * libSQL's (a native module, loaded from node_modules). Bundling the packages too lets esbuild leave out
 * what is never called: drizzle-orm's root module alone pulls in its whole Postgres dialect, and loaded
 * from node_modules the server started in about twice the time and with twice the memory (see the
 * startup benchmark). The map is written next to the file without the sources' text, so that
 * `node --enable-source-maps` (how npm start runs it) names the sources' lines in stack traces for a
 * few MB of memory rather than tens. The map keeps one position per line of our own code
 * (`ownSourcesOnly`): Node parses the whole map into the heap the first time a stack trace is read,
 * and esbuild's half a million positions (one per token, packages included) took about 57 MB of live
 * heap, our own sources' alone about 15 MB, which V8 then multiplies by its heap growth under load
 * (the webhook benchmark's peak RSS). The file lies two folders below the repository, like
 * src/db/node.ts, so that module's path to the migrations (../../drizzle) holds in the bundle too.
 * Usage: tsx scripts/build-node.ts [entry] [outfile]   (default: src/main.ts → dist/node/main.js)
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { decode, encode } from "@jridgewell/sourcemap-codec";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

export const NODE_BUNDLE = "dist/node/main.js";

/**
 * The flags `npm start` runs the bundle with (package.json; test/node-flags.test.ts keeps the two the
 * same), and with which the tests and benchmarks run any build. The heap limit is there for how V8
 * grows the heap, not to cap it: V8 lets the old generation grow past what was live after a major
 * collection by a factor it chooses from the limit, up to four with a large one. With the default
 * (a quarter of this machine's memory, up to 4 GB) the server, which keeps 25–50 MB live and allocates
 * fast under load, reached three to four times that before collecting, most of its peak memory being
 * garbage; with 1.5 GB its peak RSS under the webhook benchmark went from about 390 to 300 MB, at no
 * cost in CPU per update. 1.5 GB is far above what any one request needs (the largest, a province's
 * overview, loads a few tens of MB).
 */
export const NODE_FLAGS = ["--enable-source-maps", "--max-old-space-size=1536"] as const;

export async function buildNode(entry = "src/main.ts", outfile = NODE_BUNDLE): Promise<string> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    // node-fetch (grammY's default transport, unused with ours) stays in node_modules: bundled, its
    // require("punycode") would no longer count as a package's and Node would print a deprecation.
    external: ["libsql", "@libsql/*", "node-fetch"],
    // The CommonJS packages in the bundle (grammY's node-fetch among them) call require().
    banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
    sourcemap: true,
    sourcesContent: false,
    logLevel: "warning",
  });
  ownSourcesOnly(`${outfile}.map`);
  return resolve(outfile);
}

/**
 * Keeps, of a source map, one position per generated line, and only where that line is our own code:
 * a stack frame then names our source file and line (its column is the line's start), and a frame in
 * a package names the bundle's line. The names are dropped (Node shows the function's own name).
 */
export function ownSourcesOnly(mapFile: string): void {
  const map = JSON.parse(readFileSync(mapFile, "utf8")) as { sources: string[]; mappings: string; names: string[] };
  const kept = map.sources.map((source) => !source.includes("node_modules/"));
  const sources: string[] = [];
  const index = map.sources.map((source, i) => (kept[i] ? sources.push(source) - 1 : -1));
  const lines = decode(map.mappings).map((line) => {
    const first = line.find((segment) => segment.length > 1 && kept[segment[1]!]);
    return first ? [[first[0], index[first[1]!]!, first[2]!, first[3]!] as [number, number, number, number]] : [];
  });
  writeFileSync(mapFile, JSON.stringify({ ...map, sources, names: [], mappings: encode(lines) }));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await buildNode(process.argv[2], process.argv[3]);
}
