/**
 * The providers are serialized into the state and run in the provider process: they
 * must capture nothing but strings (docs/toolchain.md, "Dynamic providers": AWS SDK v3
 * clients cannot be captured, pulumi/pulumi #13960). Serialized exactly as
 * `pulumi.dynamic.Resource` does, from the compiled CommonJS output that programs load.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";

const dist = path.resolve(__dirname, "..", "..", "dist");
const { makeProvider } = require(path.join(dist, "pulumi", "provider.js")) as typeof import("../../src/pulumi/provider");

/** The status code rule (AWS-7), as validation words it for "600". */
const STATUS_CODE_RULE = 'status code "600" must match [1-5]\\d\\d (AWS-7)';

describe("provider serialization", () => {
  for (const kind of ["ResponseSet", "MethodResponse", "IntegrationResponse"] as const) {
    it(`${kind}: small, self-contained, no client captured`, async () => {
      const provider = makeProvider(kind);
      const sf = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
      expect(sf.containsSecrets).toBe(false);
      // Nothing of the SDK, the reconciler or a client was pulled in by value.
      expect(sf.text).not.toMatch(/APIGatewayClient|@aws-sdk|@smithy|TokenBucket|WriteQueues|credentials/);
      // The text is in the inputs and the outputs of every resource, and the engine writes the whole
      // state after each step: its length weighs on every step of a large stack (docs/toolchain.md).
      expect(sf.text.length).toBeLessThan(3_000);
      // What it needs is required at call time.
      expect(sf.text).toContain('require("pulumi-apigw-responses/dist/pulumi/handlers")');
      // Never code from another folder: no absolute path is captured.
      expect(sf.text).not.toContain(dist);
      expect(sf.text).not.toContain(path.dirname(dist));
      expect(sf.text).toContain(JSON.stringify(kind));

      // The text runs on its own: evaluate it as the provider process does and call check.
      const mod = { exports: {} as { handler?: () => pulumi.dynamic.ResourceProvider } };
      new Function("module", "exports", "require", sf.text)(mod, mod.exports, require);
      const revived = mod.exports.handler!();
      // Inputs valid for the kind but for one status code, so that the only failure is that rule
      // (not an unknown property, which any kind's check would give).
      const method = { restApiId: "a", resourceId: "b", httpMethod: "GET" };
      const [news, property] = kind === "ResponseSet" ? [{ ...method, responses: { "600": {} } }, "responses.600"] : [{ ...method, statusCode: "600" }, "statusCode"];
      const check = await revived.check!({}, news);
      expect(check.failures, JSON.stringify(check.failures)).toEqual([{ property, reason: STATUS_CODE_RULE }]);
    });
  }

  it("one provider object per kind: Pulumi serializes it once per object, not once per resource", () => {
    for (const kind of ["ResponseSet", "MethodResponse", "IntegrationResponse", "GatewayResponse", "StageDeployment"] as const) {
      expect(makeProvider(kind)).toBe(makeProvider(kind));
    }
    expect(makeProvider("MethodResponse")).not.toBe(makeProvider("IntegrationResponse"));
  });

  it("in a project without the package, the provider says so and loads no code from elsewhere", async () => {
    const provider = makeProvider("ResponseSet");
    const sf = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
    const project = mkdtempSync(path.join(tmpdir(), "apigw-no-package-"));
    try {
      writeFileSync(path.join(project, "provider.js"), sf.text);
      // As the provider process does: require-from-string with the program's folder as the working directory.
      const script = `
        const load = require(${JSON.stringify(require.resolve("require-from-string"))});
        const provider = load(require("fs").readFileSync("provider.js", "utf8")).handler();
        provider.create({ restApiId: "a", resourceId: "b", httpMethod: "GET", responses: {} })
          .then(() => console.log("created"), (e) => console.log(e.message));`;
      const out = execFileSync(process.execPath, ["-e", script], { cwd: project, encoding: "utf8" });
      expect(out).toMatch(/^pulumi-apigw-responses is not installed in this project \(.*apigw-no-package-.*\)/);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});
