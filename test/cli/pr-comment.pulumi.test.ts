/**
 * `apigw-responses pr-comment` on a real `pulumi preview --json` (the real engine, the
 * local API Gateway): only this package's resources, no `__provider`, secrets masked,
 * the tables of `plan --format markdown`; then a drifted stack previewed with --refresh.
 */
import { PutIntegrationResponseCommand } from "@aws-sdk/client-api-gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedPetStore, type PetStore } from "../../tools/demo/seed";
import { createStack, sdkClient, type TestStack } from "../support/pulumi";
import { cli } from "../support/cli";
import { sharedEndpoint } from "../support/workers";

const SECRET = "s3cr3t-template-value";

describe("apigw-responses pr-comment", () => {
  const endpoint = sharedEndpoint();
  const sdk = sdkClient(endpoint);
  let api: PetStore;
  let stack: TestStack;

  beforeAll(async () => {
    api = await seedPetStore(sdk);
    stack = await createStack("pr", endpoint, { "cli-pr-comment:restApiId": api.restApiId });
    const r = await stack.run(["config", "set", "--secret", "template", SECRET]);
    if (r.code !== 0) throw new Error(r.stderr);
  });
  afterAll(async () => {
    await stack?.dispose();
    sdk.destroy();
  });

  it("renders the creates of a first preview, filters other resources, masks secrets, never prints __provider", async () => {
    const preview = await stack.run(["preview", "--json"]);
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toContain("__provider");
    const r = await cli(["pr-comment"], { input: preview.stdout });
    expect(r.code, r.stderr).toBe(0);
    const out = r.stdout;
    for (const forbidden of ["__provider", SECRET, "acme:index:Other", "unrelated", "pulumi:pulumi:Stack", "04da6b54"]) expect(out).not.toContain(forbidden);
    const lines = out.split("\n");
    expect(lines[0]).toBe("## Pulumi preview: API Gateway responses");
    expect(lines).toContain(`### GET /pets/{petId} (rest api ${api.restApiId}, resource (resolved from the path))`);
    expect(lines).toContain("| 404 | responseTemplates.application/json | *(absent)* | {\"message\": \"no such pet\"} | + create integration response |");
    expect(lines).toContain("| 200 | selectionPattern | *(absent)* | 2\\\\d{2} | + create integration response |");
    expect(lines).toContain(`### OPTIONS /pets (rest api ${api.restApiId}, resource (resolved from the path))`);
    expect(lines.filter((l) => l.includes("(secret)")).length).toBeGreaterThan(0);
    expect(lines).toContain("| 200 | responseTemplates.application/json | *(absent)* | (secret) | + create integration response |");
    expect(lines, out).toContain("Plan: 6 to create, 0 to update, 0 to replace, 0 to delete.");
    const resources = lines.find((l) => l.startsWith("Pulumi resources: "));
    // The engine registers resources in parallel: their order varies.
    for (const r of ["`get-pet` (ResponseSet, create)", "`preflight` (MethodResponse, create)", "`preflight` (IntegrationResponse, create)"]) expect(resources).toContain(r);
  });

  it("after an out-of-band change, `preview --refresh --json` shows the live and desired values", async () => {
    await stack.up();
    const pet = { restApiId: api.restApiId, resourceId: api.resources["/pets/{petId}"]!, httpMethod: "GET" };
    await sdk.send(new PutIntegrationResponseCommand({ ...pet, statusCode: "404", selectionPattern: "404", responseTemplates: { "application/json": '{"message": "gone"}' } }));
    const preview = await stack.run(["preview", "--refresh", "--json"]);
    expect(preview.code, preview.stderr).toBe(0);
    const r = await cli(["pr-comment", "--title", "Preview of test"], { input: preview.stdout });
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")).toEqual([
      "## Preview of test",
      "",
      `### GET /pets/{petId} (rest api ${api.restApiId}, resource ${pet.resourceId})`,
      "",
      "| status code | field | live value | desired value | action |",
      "|---|---|---|---|---|",
      '| 404 | responseTemplates.application/json | {"message": "gone"} | {"message": "no such pet"} | ~ replace integration response |',
      "",
      "Plan: 0 to create, 0 to update, 1 to replace, 0 to delete.",
      "",
      "Pulumi resources: `get-pet` (ResponseSet, update).",
      "",
    ]);
  });

  it("bad input: one line, exit 1", async () => {
    for (const input of ["", "not json", "[1,2]"]) {
      const r = await cli(["pr-comment"], { input });
      expect(r.code).toBe(1);
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/^error: /);
    }
  });

  it("secrets in signature form are masked too; a failed preview is flagged", async () => {
    const sig = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", plaintext: '"hunter2"' };
    const json = {
      steps: [
        {
          op: "update",
          urn: "urn:pulumi:s::p::pulumi-nodejs:dynamic/apigw-responses:IntegrationResponse::ir",
          oldState: { type: "pulumi-nodejs:dynamic/apigw-responses:IntegrationResponse", outputs: { __provider: "exports.handler = 1", restApiId: "a1", resourceId: "r1", httpMethod: "GET", statusCode: "200", selectionPattern: "", responseParameters: { "method.response.header.X-Key": "'old'" }, responseTemplates: {}, revision: "sha256:x" } },
          newState: { type: "pulumi-nodejs:dynamic/apigw-responses:IntegrationResponse", inputs: { __provider: "exports.handler = 1", restApiId: "a1", resourceId: "r1", httpMethod: "GET", statusCode: "200", responseParameters: { "method.response.header.X-Key": sig } } },
        },
        { op: "create", urn: "urn:pulumi:s::p::aws:s3/bucket:Bucket::b", newState: { type: "aws:s3/bucket:Bucket", inputs: { bucket: "hunter2" } } },
      ],
      diagnostics: [{ severity: "error", message: "something hunter2" }],
    };
    const r = await cli(["pr-comment"], { input: JSON.stringify(json) });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain("hunter2");
    expect(r.stdout).not.toContain("__provider");
    expect(r.stdout).not.toContain("'old'");
    expect(r.stdout).toContain("| 200 | responseParameters.method.response.header.X-Key | (secret) | (secret) | ~ replace integration response |");
    expect(r.stdout).toContain("**The preview reported 1 error(s)**: see the job log.");
  });
});
