/**
 * `StageDeployment` with the real `pulumi` CLI against the local API Gateway, which keeps
 * deployments as snapshots and exports a stage from its snapshot (AWS-49..61): one
 * deployment per stage and run, after the last response write; none on a no-op; a stale
 * stage named by `preview --refresh --diff` and redeployed by `up --refresh`, also when
 * someone else deployed; two REST APIs deployed in one run under the 1-every-5-s
 * quota, one deployment each, 5 s apart, without a failure; `destroy` leaving the stage as it was. What a stage serves is
 * checked on the raw SDK answer of GetExport, against literal values.
 */
import { CreateDeploymentCommand, GetDeploymentsCommand, GetExportCommand, GetStageCommand, PutIntegrationResponseCommand, type APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator";
import { createStack, diffSteps, emulatorStats, liveResponses, sdkClient, seedApi, type TestStack } from "../support/pulumi";
import { sharedEndpoint } from "../support/workers";

const ORIGIN = "method.response.header.Access-Control-Allow-Origin";
const GATEWAY_ORIGIN = "gatewayresponse.header.Access-Control-Allow-Origin";

/** A ResponseSet of `/rN` whose 200 answers `Access-Control-Allow-Origin: 'value'`. */
const setOf = (n: number, value: string, restApi?: string) => ({
  name: `r${n}`,
  ...(restApi ? { restApi } : {}),
  path: `/r${n}`,
  httpMethod: "GET",
  responses: { "200": { methodResponse: { responseParameters: { [ORIGIN]: true } }, integrationResponse: { responseParameters: { [ORIGIN]: `'${value}'` } } } },
});

/** What the stage serves, from the raw GetExport answer: path → the 200 integration response's origin header; and DEFAULT_4XX's. */
async function servedOrigins(sdk: APIGatewayClient, restApiId: string, stageName: string): Promise<Record<string, string | undefined>> {
  const out = await sdk.send(new GetExportCommand({ restApiId, stageName, exportType: "oas30", parameters: { extensions: "apigateway" }, accepts: "application/json" }));
  const doc = JSON.parse(new TextDecoder().decode(out.body)) as any;
  const origins: Record<string, string | undefined> = {};
  for (const [path, ops] of Object.entries<any>(doc.paths)) {
    origins[path] = ops.get?.["x-amazon-apigateway-integration"]?.responses?.default?.responseParameters?.[ORIGIN];
  }
  origins.DEFAULT_4XX = doc["x-amazon-apigateway-gateway-responses"]?.DEFAULT_4XX?.responseParameters?.[GATEWAY_ORIGIN];
  return origins;
}

const deploymentsSince = async (endpoint: string, before: { calls: Record<string, number> }) => ((await emulatorStats(endpoint)).calls.CreateDeployment ?? 0) - (before.calls.CreateDeployment ?? 0);

describe("StageDeployment with the real pulumi CLI", () => {
  const endpoint = sharedEndpoint();
  const sdk = sdkClient(endpoint);
  let api: { restApiId: string; resourceIds: string[] };
  let stack: TestStack;

  const scenario = (value: string) => ({
    sets: [setOf(1, value), setOf(2, value), setOf(3, value)],
    gatewaySets: [{ name: "errors", responses: { DEFAULT_4XX: { responseParameters: { [GATEWAY_ORIGIN]: "'*'" } } } }],
    stages: [{ name: "prod", stageName: "prod", triggers: "all", description: "responses" }],
  });
  const configure = (spec: unknown) => stack.run(["config", "set", "scenario:spec", JSON.stringify(spec)]);
  const served = () => servedOrigins(sdk, api.restApiId, "prod");
  const all = (value: string) => ({ "/r1": `'${value}'`, "/r2": `'${value}'`, "/r3": `'${value}'`, DEFAULT_4XX: "'*'" });

  beforeAll(async () => {
    api = await seedApi(sdk, 3, "stage-e2e");
    stack = await createStack("scenario", endpoint, { "scenario:restApiId": api.restApiId, "scenario:spec": JSON.stringify(scenario("v1")) });
  });
  afterAll(async () => {
    await stack?.dispose();
    sdk.destroy();
  });

  it("up creates the stage on exactly one deployment that serves the declared responses; a no-op up and preview --refresh make none", async () => {
    const before = await emulatorStats(endpoint);
    await stack.up();
    expect(await deploymentsSince(endpoint, before)).toBe(1);
    expect(await served()).toEqual(all("v1"));
    const outputs = await stack.outputs();
    const stage = await sdk.send(new GetStageCommand({ restApiId: api.restApiId, stageName: "prod" }));
    expect((outputs.deployments as Record<string, string>).prod).toBe(stage.deploymentId);
    expect((outputs.stageDrift as Record<string, string[]>).prod).toEqual([]);

    const quiet = await emulatorStats(endpoint);
    const preview = await stack.run(["preview", "--refresh", "--expect-no-changes"]);
    expect(preview.code, preview.stdout + preview.stderr).toBe(0);
    await stack.up();
    const after = await emulatorStats(endpoint);
    expect(after.writes - quiet.writes).toBe(0);
  });

  it("three response sets changed in one up: exactly one more deployment, made after the last of their writes", async () => {
    await configure(scenario("v2"));
    const before = await emulatorStats(endpoint);
    await stack.up();
    expect(await deploymentsSince(endpoint, before)).toBe(1);
    expect(await served()).toEqual(all("v2"));
  });

  it("a response changed out of band and not deployed: preview --refresh --expect-no-changes exits 7 naming the stage and the status code; up --refresh corrects it and redeploys once", async () => {
    const [, r2] = api.resourceIds;
    await sdk.send(new PutIntegrationResponseCommand({ restApiId: api.restApiId, resourceId: r2!, httpMethod: "GET", statusCode: "200", selectionPattern: "", responseParameters: { [ORIGIN]: "'evil'" } }));
    const preview = await stack.run(["preview", "--refresh", "--expect-no-changes", "--diff"]);
    const text = preview.stdout + preview.stderr;
    expect(preview.code, text).toBe(7);
    const stageUpdate = diffSteps(text).find((s) => s.name === "prod" && s.op === "update");
    expect(stageUpdate?.body, text).toContain("stage prod: GET /r2 200: integration response changed since the deployment");
    expect(await served()).toEqual(all("v2"));

    const before = await emulatorStats(endpoint);
    await stack.up("--refresh");
    expect(await deploymentsSince(endpoint, before)).toBe(1);
    expect((await liveResponses(sdk, api.restApiId, r2!))["200"]?.integrationResponse?.responseParameters).toEqual({ [ORIGIN]: "'v2'" });
    expect(await served()).toEqual(all("v2"));
    const again = await stack.run(["preview", "--refresh", "--expect-no-changes"]);
    expect(again.code, again.stdout + again.stderr).toBe(0);
  });

  it("a change out of band that someone deployed: the foreign deployment is named; up --refresh corrects the response and redeploys once", async () => {
    const [r1] = api.resourceIds;
    await sdk.send(new PutIntegrationResponseCommand({ restApiId: api.restApiId, resourceId: r1!, httpMethod: "GET", statusCode: "200", selectionPattern: "", responseParameters: { [ORIGIN]: "'console'" } }));
    const foreign = await sdk.send(new CreateDeploymentCommand({ restApiId: api.restApiId, stageName: "prod", description: "deployed from the console" }));
    expect((await served())["/r1"]).toBe("'console'");

    const preview = await stack.run(["preview", "--refresh", "--expect-no-changes", "--diff"]);
    const text = preview.stdout + preview.stderr;
    expect(preview.code, text).toBe(7);
    const stageUpdate = diffSteps(text).find((s) => s.name === "prod" && s.op === "update");
    expect(stageUpdate?.body, text).toContain(`stage prod: serves deployment ${foreign.id}, which apigw-responses did not make`);
    expect(diffSteps(text).some((s) => s.name === "r1" && s.op === "update"), text).toBe(true);

    const before = await emulatorStats(endpoint);
    await stack.up("--refresh");
    expect(await deploymentsSince(endpoint, before)).toBe(1);
    expect(await served()).toEqual(all("v2"));
    const again = await stack.run(["preview", "--refresh", "--expect-no-changes"]);
    expect(again.code, again.stdout + again.stderr).toBe(0);
  });

  it("destroy: no error, and the stage still serves its last deployment", async () => {
    const { deploymentId } = await sdk.send(new GetStageCommand({ restApiId: api.restApiId, stageName: "prod" }));
    const destroy = await stack.run(["destroy", "--yes", "--skip-preview"]);
    expect(destroy.code, destroy.stdout + destroy.stderr).toBe(0);
    expect((await sdk.send(new GetStageCommand({ restApiId: api.restApiId, stageName: "prod" }))).deploymentId).toBe(deploymentId);
    expect(await served()).toEqual(all("v2"));
    // The responses themselves are gone from the live API (the sets were exclusive).
    expect(await liveResponses(sdk, api.restApiId, api.resourceIds[0]!)).toEqual({});
  });
});

describe("StageDeployment: two REST APIs in one up under the CreateDeployment quota of AWS (1 every 5 s), with no burst", () => {
  let emulator: Emulator;
  let sdk: APIGatewayClient;
  let stack: TestStack;
  let a: { restApiId: string };
  let b: { restApiId: string };

  // Both stages name their API's responses as triggers, so the engine orders each deployment
  // after its API's writes. (Without a trigger, a stage created before the engine has even
  // checked its API's response resource deploys at once and again after the write, the
  // documented late redeploy: that made this count of deployments depend on timing.)
  const scenario = (value: string) => ({
    sets: [setOf(1, value), setOf(1, value, b.restApiId)].map((s, i) => ({ ...s, name: `set-${i}` })),
    stages: [
      { name: "stage-a", stageName: "live", triggers: "all" },
      { name: "stage-b", restApi: b.restApiId, stageName: "live", triggers: "all" },
    ],
  });

  /** The deployments of some REST APIs. */
  const deploymentsOf = async (apis: { restApiId: string }[]) =>
    (
      await Promise.all(
        apis.map(async ({ restApiId }) => ((await sdk.send(new GetDeploymentsCommand({ restApiId }))).items ?? []).map((d) => ({ restApiId, id: d.id!, createdAt: d.createdDate!.getTime() }))),
      )
    ).flat();

  beforeAll(async () => {
    // CreateDeployment at 1 every 5 s with no burst: a second deployment sooner is a 429. (No
    // account quota: the test's own SDK calls share the account's bucket, and a 429 of that
    // bucket is not what this test is about.)
    emulator = await startEmulator({ quota: "off", deploymentQuota: { rps: 0.2, burst: 1 } });
    sdk = sdkClient(emulator.endpoint);
    a = await seedApi(sdk, 1, "stage-quota-a");
    b = await seedApi(sdk, 1, "stage-quota-b");
    stack = await createStack("scenario", emulator.endpoint, { "scenario:restApiId": a.restApiId, "scenario:spec": JSON.stringify(scenario("v1")) });
  });
  afterAll(async () => {
    await stack?.dispose();
    sdk?.destroy();
    await emulator?.stop();
  });

  it("two deployments, one per REST API, at least 5 s apart, no failure; then the same for a change of both", async () => {
    for (const value of ["v1", "v2"]) {
      await stack.run(["config", "set", "scenario:spec", JSON.stringify(scenario(value))]);
      const before = await emulatorStats(emulator.endpoint);
      const known = await deploymentsOf([a, b]);
      const started = Date.now();
      await stack.up();
      const after = await emulatorStats(emulator.endpoint);
      const fresh = (await deploymentsOf([a, b])).filter((d) => !known.some((k) => k.id === d.id));
      const seen = JSON.stringify({ fresh, before: before.outcomesByOperation.CreateDeployment ?? {}, after: after.outcomesByOperation.CreateDeployment ?? {}, throttles: after.throttles.quota - before.throttles.quota });
      // One deployment per REST API and run.
      expect(fresh.map((d) => d.restApiId).sort(), seen).toEqual([a.restApiId, b.restApiId].sort());
      // At least 5 s apart (createdDate has whole seconds: 5 s or more shows as 4 s or more),
      // and no failure. The provider's pacing itself is pinned in process, where time is its
      // own (test/stage/deploy.emulator.test.ts, "pacing"): here a 429 that the load of a
      // whole suite might cause is retried, as any throttle is.
      const [first, second] = fresh.map((d) => d.createdAt).sort((x, y) => x - y);
      expect(second! - first!, seen).toBeGreaterThanOrEqual(4_000);
      expect(Date.now() - started).toBeGreaterThanOrEqual(5_000);
      for (const api of [a, b]) expect((await servedOrigins(sdk, api.restApiId, "live"))["/r1"]).toBe(`'${value}'`);
    }
  });
});
