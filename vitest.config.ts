import { defineConfig } from "vitest/config";

/**
 * How many test files run at once (`TEST_WORKERS`, default 2: the machine's cores). Each
 * worker has its own local API Gateway (test/setup/global.ts) and its own pulumi stack
 * names (test/support/pulumi.ts), so files never share state. `TEST_WORKERS=1` runs the
 * files one at a time.
 */
export const TEST_WORKERS = workers(process.env.TEST_WORKERS);

function workers(value: string | undefined): number {
  if (value === undefined || value === "") return 2;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`TEST_WORKERS is "${value}": it must be a whole number of 1 or more`);
  return n;
}

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/setup/global.ts"],
    setupFiles: ["test/setup/per-file.ts"],
    pool: "forks",
    poolOptions: { forks: { minForks: 1, maxForks: TEST_WORKERS } },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ["default"],
  },
});
