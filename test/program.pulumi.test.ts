/**
 * The root program (what `npm start` runs) on a seeded pet-store API: converges (and
 * writes), is stable: a second `pulumi up --refresh` reads, finds no change and makes no
 * write. Measured on `up --refresh`, the path that would write on any difference: a
 * preview never writes, and without --refresh makes no call at all.
 */
import * as path from "node:path";
import { GetMethodCommand } from "@aws-sdk/client-api-gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedPetStore, type PetStore } from "../tools/demo/seed";
import { costOf, createStack, emulatorStats, sdkClient, type TestStack } from "./support/pulumi";
import { sharedEndpoint } from "./support/workers";

describe("root program: the pet-store responses", () => {
  const endpoint = sharedEndpoint();
  const sdk = sdkClient(endpoint);
  let stack: TestStack;
  let api: PetStore;

  beforeAll(async () => {
    api = await seedPetStore(sdk);
    const root = path.resolve(__dirname, "..");
    // The package's tsconfig.json named explicitly, as the demo does (tools/demo/main.ts, PROGRAM_ENV):
    // without it the language host's ts-node may fail on the package's self link (TS2209).
    stack = await createStack(root, endpoint, { "apigw-responses-demo:restApiId": api.restApiId }, { PULUMI_NODEJS_TSCONFIG_PATH: path.join(root, "tsconfig.json") });
  });
  afterAll(async () => {
    await stack?.dispose();
    sdk.destroy();
  });

  it("converges on pulumi up; the live responses are the desired ones", async () => {
    const before = await emulatorStats(endpoint);
    await stack.up();
    // The control of "no write" below: the same command writes when there is something to do.
    expect((await emulatorStats(endpoint)).writes - before.writes).toBeGreaterThan(0);
    const get = (resource: string, httpMethod: string) =>
      sdk.send(new GetMethodCommand({ restApiId: api.restApiId, resourceId: api.resources[resource]!, httpMethod }));
    const list = await get("/pets", "GET");
    expect(Object.keys(list.methodResponses ?? {}).sort()).toEqual(["200", "400", "500"]);
    expect(list.methodIntegration?.integrationResponses?.["400"]?.selectionPattern).toBe("^\\[BadRequest\\].*");
    expect(list.methodIntegration?.integrationResponses?.["200"]?.responseParameters).toEqual({
      "method.response.header.Access-Control-Allow-Origin": "'*'",
    });
    const pet = await get("/pets/{petId}", "GET");
    expect(pet.methodIntegration?.integrationResponses?.["404"]?.selectionPattern).toBe("404");
    // The 502 is the method's default integration response: it is there, with no selection
    // pattern (AWS-17: read back as absent or "", depending on how it was written).
    const badGateway = pet.methodIntegration?.integrationResponses?.["502"];
    expect(badGateway, JSON.stringify(pet.methodIntegration?.integrationResponses)).toBeDefined();
    expect([undefined, ""]).toContain(badGateway!.selectionPattern);
    expect(badGateway!.responseTemplates).toEqual({ "application/json": '{"message": "bad gateway"}' });
    expect(badGateway!.responseParameters).toEqual({ "method.response.header.Access-Control-Allow-Origin": "'*'" });
    expect(Object.keys(pet.methodResponses ?? {}).sort()).toEqual(["200", "404", "502"]);
    const preflight = await get("/pets", "OPTIONS");
    expect(Object.keys(preflight.methodResponses?.["200"]?.responseParameters ?? {})).toHaveLength(3);

    const outputs = await stack.outputs();
    expect(outputs.getPetResourceId).toBe(api.resources["/pets/{petId}"]);
    expect(JSON.stringify(outputs.revisions)).toMatch(/sha256:[0-9a-f]{64}/);
  });

  it("a second pulumi up --refresh reads, expects no changes and writes nothing", async () => {
    const r = await costOf(endpoint, () => stack.run(["up", "--refresh", "--expect-no-changes", "--yes", "--skip-preview"]));
    const text = r.stdout + r.stderr;
    expect(r.writes, text).toBe(0);
    expect(r.total, text).toBeGreaterThan(0);
    expect(r.code, text).toBe(0);
  });
});
