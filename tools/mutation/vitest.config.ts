/**
 * The vitest configuration of the mutation run (`npm run mutation`): only the in-process tests
 * of the pure modules, and no global setup (the default configuration starts a local API Gateway
 * for the whole run; none of these tests talks to it).
 */
import path from "node:path";
import { defineConfig } from "vitest/config";

export const PURE_TESTS = [
  "test/normalize.test.ts",
  "test/plan/plan.test.ts",
  "test/plan/plan.property.test.ts",
  "test/plan/gateway-responses.test.ts",
  "test/validate/validate.test.ts",
  "test/validate/gateway-responses.test.ts",
  "test/schema.test.ts",
  "test/schema-agreement.test.ts",
  "test/aws/errors.test.ts",
  "test/render.test.ts",
  "test/text.test.ts",
  "test/cli/pr-comment-injection.test.ts",
  "test/cli/pr-comment-stage.test.ts",
  "test/cli/pr-comment.test.ts",
];

export default defineConfig({
  root: path.resolve(__dirname, "..", ".."),
  test: {
    include: PURE_TESTS,
    testTimeout: 60_000,
    reporters: ["default"],
  },
});
