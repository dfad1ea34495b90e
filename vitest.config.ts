import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Finds (or unpacks) the Chromium of the browser tests once per run.
    globalSetup: ["test/fixtures/browser-setup.ts"],
    // Integration tests start servers and browsers; two cores are shared between them.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    maxWorkers: 2,
  },
});
