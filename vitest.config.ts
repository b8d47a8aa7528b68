import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One emulator for the whole run, reset before each file: files run one at a time.
    globalSetup: ["test/setup/global.ts"],
    setupFiles: ["test/setup/per-file.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ["default"],
  },
});
