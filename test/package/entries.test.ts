/**
 * The package's entries (issue 10): what a user can import is what the `exports`
 * map declares — the resources and spec types at the root, the reconciler as a
 * library without Pulumi, the local API Gateway, and the provider's modules that
 * serialized providers load by path; nothing internal by deep path.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..", "..");

/** Run a CommonJS snippet in the package root (the package resolves itself by name) and parse its JSON output. */
function inPackage(code: string): unknown {
  const r = spawnSync(process.execPath, ["-e", code], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as unknown;
}

const runtimeNames = (entry: string) => inPackage(`process.stdout.write(JSON.stringify(Object.keys(require(${JSON.stringify(entry)})).sort()))`);

describe("package entries", () => {
  it("the root exports the six resources (types aside), nothing internal", () => {
    expect(runtimeNames("pulumi-apigw-responses")).toEqual(["GatewayResponse", "GatewayResponseSet", "IntegrationResponse", "MethodResponse", "ResponseSet", "StageDeployment"]);
  });

  it("the reconciler entry exports the library and does not load @pulumi/pulumi", () => {
    expect(runtimeNames("pulumi-apigw-responses/reconciler")).toEqual([
      "ApiGatewayError",
      "ApplyError",
      "ConvergenceError",
      "DEFAULT_MAX_PASSES",
      "PathNotFoundError",
      "PlanError",
      "ValidationError",
      "countOperations",
      "createRuntime",
      "isInSync",
      "methodSpecJsonSchema",
      "methodSpecsOfFile",
      "planSpecs",
      "planToJson",
      "reconcile",
      "releaseSharedClients",
      "renderPlanMarkdown",
      "renderPlanText",
      "specFileJsonSchema",
      "validateMethodSpec",
      "validateSpecFile",
      "validateSpecs",
    ]);
    const loaded = inPackage(
      `require("pulumi-apigw-responses/reconciler"); process.stdout.write(JSON.stringify(Object.keys(require.cache).some((f) => f.includes("@pulumi" + require("path").sep + "pulumi"))))`,
    );
    expect(loaded).toBe(false);
  });

  it("the emulator entry starts the local API Gateway", () => {
    expect(runtimeNames("pulumi-apigw-responses/emulator")).toContain("startEmulator");
  });

  it("the provider's modules resolve by their path (serialized providers load them); other deep paths are not exported", () => {
    const resolved = inPackage(`
      const r = (id) => { try { return require.resolve(id); } catch (e) { return e.code; } };
      process.stdout.write(JSON.stringify([
        r("pulumi-apigw-responses/dist/pulumi/handlers"),
        r("pulumi-apigw-responses/dist/pulumi/handlers.js"),
        r("pulumi-apigw-responses/dist/cli/program"),
        r("pulumi-apigw-responses/dist/plan"),
        r("pulumi-apigw-responses/schema/spec.schema.json"),
      ]));
    `) as string[];
    expect(resolved[0]).toBe(path.join(ROOT, "dist", "pulumi", "handlers.js"));
    expect(resolved[1]).toBe(path.join(ROOT, "dist", "pulumi", "handlers.js"));
    expect(resolved[2]).toBe("ERR_PACKAGE_PATH_NOT_EXPORTED");
    expect(resolved[3]).toBe("ERR_PACKAGE_PATH_NOT_EXPORTED");
    expect(resolved[4]).toBe(path.join(ROOT, "schema", "spec.schema.json"));
  });
});
