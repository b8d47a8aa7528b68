/**
 * Only the product ships (house rule 13): the npm tarball carries the library, the
 * provider, the command line and the local API Gateway, never the benchmark, the demo,
 * the seeder, the Pulumi runner or the test oracle.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..", "..");

describe("the npm tarball", () => {
  const listing = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8" })) as [{ files: { path: string }[] }];
  const files = listing[0].files.map((f) => f.path);

  it("carries the product", () => {
    for (const f of ["dist/index.js", "dist/pulumi/handlers.js", "dist/pulumi/provider.js", "dist/cli/main.js", "dist/emulator/main.js", "schema/spec.schema.json", "README.md", "docs/aws-behaviors.md", "docs/local-api-gateway.md"]) {
      expect(files).toContain(f);
    }
  });

  it("carries no tooling", () => {
    expect(files.filter((f) => /^dist\/(bench|demo)\/|^dist\/(seed|pulumi-env|aws-model)\./.test(f))).toEqual([]);
    // The tooling lives in tools/ and compiles into build/: neither is in "files".
    expect(files.filter((f) => /^(tools|build)\//.test(f))).toEqual([]);
  });
});
