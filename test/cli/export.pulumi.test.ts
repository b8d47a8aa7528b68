/**
 * `apigw-responses export --format typescript` with the real `pulumi` CLI (issue 13): the
 * program exported from a seeded API with awkward values (test/support/export-fixture.ts)
 * is a Pulumi project (`--out FOLDER`: index.ts, Pulumi.yaml, package.json) whose first
 * `pulumi up` adopts everything with zero write calls, and `pulumi preview --refresh
 * --expect-no-changes` passes afterwards.
 */
import { existsSync, readFileSync, symlinkSync } from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PetStore } from "../../tools/demo/seed";
import { cli, cliSuite } from "../support/cli";
import { seedAwkwardApi } from "../support/export-fixture";
import { createStack, emulatorStats, type TestStack } from "../support/pulumi";

const ROOT = path.resolve(__dirname, "..", "..");

describe("export --format typescript, then pulumi up", () => {
  const { endpoint, sdk, dir, ep } = cliSuite();
  let api: PetStore;
  let stack: TestStack | undefined;
  const project = path.join(dir, "exported");

  beforeAll(async () => {
    ({ api } = await seedAwkwardApi(sdk, "export-typescript"));
  });
  afterAll(async () => {
    await stack?.dispose();
  });

  it("writes a Pulumi project: index.ts, Pulumi.yaml, package.json; the REST API id is config, not code", async () => {
    const r = await cli(["export", "--rest-api-id", api.restApiId, "--format", "typescript", "--out", `${project}/`, ...ep()]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/2 note\(s\) written as comments in the file/);
    const program = readFileSync(path.join(project, "index.ts"), "utf8");
    expect(program).toMatch(/^\/\/ GET \/pets\/\{petId\}\nnew ResponseSet\("get-pets-petId", \{\n  restApi,\n  path: "\/pets\/\{petId\}",/m);
    expect(program).toMatch(/^new GatewayResponseSet\("gateway-responses", \{$/m);
    expect(program).toMatch(/^\/\/ .*AWS_PROXY.*\nnew ResponseSet\("any-proxy"/m);
    expect(program.split("\n").filter((l) => !l.startsWith("//")).join("\n")).not.toContain(api.restApiId);
    expect(readFileSync(path.join(project, "Pulumi.yaml"), "utf8")).toMatch(/^name: "exported"\nruntime: nodejs\n/);
    expect(JSON.parse(readFileSync(path.join(project, "package.json"), "utf8"))).toMatchObject({ main: "index.ts", dependencies: { "pulumi-apigw-responses": expect.any(String), "@pulumi/pulumi": expect.any(String) } });
    // A second export into the same folder: the same bytes, and the project files are left as they are.
    const again = await cli(["export", "--rest-api-id", api.restApiId, "--format", "typescript", "--out", project, ...ep()]);
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(path.join(project, "index.ts"), "utf8")).toBe(program);
  });

  it("pulumi up of the exported program makes zero write calls; preview --refresh --expect-no-changes passes", async () => {
    // The program resolves this package and @pulumi/pulumi as an installed project would.
    if (!existsSync(path.join(project, "node_modules"))) symlinkSync(path.join(ROOT, "node_modules"), path.join(project, "node_modules"), "dir");
    stack = await createStack(project, endpoint, { "exported:restApiId": api.restApiId });
    const before = await emulatorStats(endpoint);
    const up = await stack.up();
    // Five resources (four ResponseSets, one GatewayResponseSet) and the stack.
    expect(up.stdout).toMatch(/\+ 6 created/);
    const after = await emulatorStats(endpoint);
    expect(after.writes - before.writes, JSON.stringify(after.calls)).toBe(0);
    const preview = await stack.run(["preview", "--refresh", "--expect-no-changes"]);
    expect(preview.code, preview.stdout + preview.stderr).toBe(0);
    expect((await emulatorStats(endpoint)).writes - after.writes).toBe(0);
  });
});
