/**
 * The Node server as one JavaScript file, so `npm start` runs plain `node` with no TypeScript loader in
 * the process: esbuild bundles src/main.ts with the generated data; packages stay in node_modules and
 * are imported from there (libSQL's native module among them). A source map keeps stack traces on the
 * sources. The file lies two folders below the repository, like src/db/node.ts, so that module's
 * path to the migrations (../../drizzle) holds in the bundle too.
 * Usage: tsx scripts/build-node.ts [entry] [outfile]   (default: src/main.ts → dist/node/main.js)
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

export const NODE_BUNDLE = "dist/node/main.js";

export async function buildNode(entry = "src/main.ts", outfile = NODE_BUNDLE): Promise<string> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    packages: "external",
    sourcemap: true,
    logLevel: "warning",
  });
  return resolve(outfile);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await buildNode(process.argv[2], process.argv[3]);
}
