/**
 * `npm start` runs the server bundle with the flags the tests and benchmarks give every build
 * (NODE_FLAGS), so that what they measure is what runs.
 */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { NODE_BUNDLE, NODE_FLAGS } from "../scripts/build-node.js";

it("npm start runs the bundle with NODE_FLAGS", () => {
  const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;
  expect(scripts.start).toBe(`npm run build:node && node ${NODE_FLAGS.join(" ")} ${NODE_BUNDLE}`);
});
