/**
 * The deployment writer and the stage inspection (src/stage/) against the local API
 * Gateway, which keeps deployments as snapshots and exports a stage from its snapshot
 * (AWS-49..61): a stage created, then moved in place; what it serves compared with the
 * live API, at five reads when nothing changed; the export read and each difference
 * named when something did (five reads when current); a foreign deployment named; AWS-50 checked, never hit;
 * CreateDeployment paced at 1 every 5 s (AWS-51).
 */
import { CreateDeploymentCommand, GetDeploymentsCommand, GetStageCommand, PutGatewayResponseCommand, PutIntegrationCommand, PutIntegrationResponseCommand, PutMethodResponseCommand, UpdateStageCommand } from "@aws-sdk/client-api-gateway";
import { describe, expect, it } from "vitest";
import { createRuntime } from "../../src/runtime";
import { configureProcess } from "../../src/pulumi/settings";
import { deleteStageResource } from "../../src/pulumi/stage-lifecycle";
import { deleteStage, deployStage } from "../../src/stage/deploy";
import { StageError } from "../../src/stage/errors";
import { inspectStage, revisionOfMark } from "../../src/stage/inspect";
import { FAST_RATES, readsAndWrites, seedApi, useSeededApi } from "../support/local-api-gateway";
import { createResource, createRestApi, putMethod } from "../../tools/seed";

const suite = useSeededApi({ resources: 3, methods: 2 });

/** What the stage serves, from the emulator's control call (AWS-52). */
async function served(restApiId: string, stageName: string): Promise<any> {
  const res = await fetch(`${suite.emulator.endpoint}/__emulator/deployed/${restApiId}/${stageName}`);
  return res.status === 200 ? res.json() : undefined;
}

async function setTemplate(i: number, template: string): Promise<void> {
  const key = suite.api.methods[i]!;
  await suite.client.send(new PutMethodResponseCommand({ ...key, statusCode: "200" })).catch(() => undefined);
  await suite.client.send(new PutIntegrationResponseCommand({ ...key, statusCode: "200", selectionPattern: "", responseTemplates: { "application/json": template } }));
}

describe("deployStage", () => {
  it("creates a missing stage on a new deployment marked with the content revision; a second run moves the stage in place and keeps the old deployment", async () => {
    const { restApiId } = suite.api;
    await setTemplate(0, '{"v":1}');
    const before = suite.emulator.stats();
    const first = await deployStage(suite.runtime, { restApiId, stageName: "dev", description: "release 1", variables: { color: "blue" } });
    const calls = readsAndWrites(before, suite.emulator.stats()).calls;
    expect(first.stageCreated).toBe(true);
    expect(calls).toMatchObject({ CreateDeployment: 1, CreateStage: 1 });
    expect(calls.UpdateStage).toBeUndefined();

    const stage = await suite.client.send(new GetStageCommand({ restApiId, stageName: "dev" }));
    expect(stage.deploymentId).toBe(first.deploymentId);
    expect(stage.variables).toEqual({ color: "blue" });
    const listed = await suite.client.send(new GetDeploymentsCommand({ restApiId }));
    const d1 = listed.items!.find((d) => d.id === first.deploymentId)!;
    expect(d1.description).toBe(`release 1 [apigw-responses ${first.revision}]`);
    expect(revisionOfMark(d1.description)).toBe(first.revision);

    await setTemplate(0, '{"v":2}');
    const second = await deployStage(suite.runtime, { restApiId, stageName: "dev", variables: { size: "xl" } });
    expect(second.stageCreated).toBe(false);
    expect(second.deploymentId).not.toBe(first.deploymentId);
    expect(second.revision).not.toBe(first.revision);
    const moved = await suite.client.send(new GetStageCommand({ restApiId, stageName: "dev" }));
    expect(moved.deploymentId).toBe(second.deploymentId);
    expect(moved.variables).toEqual({ size: "xl" });
    const ids = (await suite.client.send(new GetDeploymentsCommand({ restApiId }))).items!.map((d) => d.id);
    expect(ids).toEqual(expect.arrayContaining([first.deploymentId, second.deploymentId]));
    // The stage serves the second snapshot (the template of v2).
    expect(JSON.stringify(await served(restApiId, "dev"))).toContain('{\\"v\\":2}');
  });

  it("a REST API without methods: NO_METHODS before any write (AWS-50)", async () => {
    const { restApiId } = await createRestApi(suite.client, "no-methods");
    const before = suite.emulator.stats();
    const err = await deployStage(suite.runtime, { restApiId, stageName: "dev" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StageError);
    expect((err as StageError).code).toBe("NO_METHODS");
    expect((err as Error).message).toContain("AWS-50");
    expect(readsAndWrites(before, suite.emulator.stats()).writes).toBe(0);
  });

  it("a method without an integration is waited for: deployed once the integration arrives; NO_INTEGRATION naming it when it never does (AWS-50), with no write", async () => {
    const { restApiId, rootId } = await createRestApi(suite.client, "late-integration");
    const resourceId = await createResource(suite.client, restApiId, rootId, "late");
    const key = { restApiId, resourceId, httpMethod: "GET" };
    await putMethod(suite.client, key, false);

    const short = createRuntime({ endpoint: suite.emulator.endpoint, ...FAST_RATES, deadlineMs: 600 });
    const before = suite.emulator.stats();
    const err = await deployStage(short, { restApiId, stageName: "dev" }, { pollMs: 100 }).catch((e: unknown) => e);
    expect((err as StageError).code).toBe("NO_INTEGRATION");
    expect((err as Error).message).toContain("GET /late has no integration");
    expect(readsAndWrites(before, suite.emulator.stats()).writes).toBe(0);

    const deploying = deployStage(suite.runtime, { restApiId, stageName: "dev" }, { pollMs: 100 });
    await new Promise((r) => setTimeout(r, 300));
    await suite.client.send(new PutIntegrationCommand({ ...key, type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } }));
    const done = await deploying;
    expect(done.stageCreated).toBe(true);
  });
});

describe("inspectStage", () => {
  it("current: five reads, no export; an undeployed change: the export read and the method, status code and kind named; a gateway response too", async () => {
    const api = await seedApi(suite.client, { resources: 2, methods: 2, name: "inspect" });
    const { restApiId } = api;
    const key = api.methods[1]!;
    // "Empty" is no model of this API (AWS creates it with every API; moto does not): the export
    // cannot name it, and the live view must not either (GetModels tells).
    await suite.client.send(new PutMethodResponseCommand({ ...key, statusCode: "404", responseModels: { "application/json": "Empty" } }));
    await suite.client.send(new PutIntegrationResponseCommand({ ...key, statusCode: "404", selectionPattern: ".*missing.*" }));
    await deployStage(suite.runtime, { restApiId, stageName: "prod" });

    let before = suite.emulator.stats();
    const current = await inspectStage(suite.runtime, restApiId, "prod");
    expect(readsAndWrites(before, suite.emulator.stats())).toEqual({ reads: 5, writes: 0, calls: { GetResources: 1, GetGatewayResponses: 1, GetModels: 1, GetStage: 1, GetDeployment: 1 } });
    expect(current).toMatchObject({ exists: true, foreign: false, exported: false, differences: [] });
    expect(current.deployedRevision).toBe(current.liveRevision);

    await suite.client.send(new PutIntegrationResponseCommand({ ...key, statusCode: "404", selectionPattern: ".*gone.*" }));
    await suite.client.send(new PutGatewayResponseCommand({ restApiId, responseType: "DEFAULT_4XX", responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" } }));
    before = suite.emulator.stats();
    const stale = await inspectStage(suite.runtime, restApiId, "prod");
    expect(readsAndWrites(before, suite.emulator.stats()).calls.GetExport).toBe(1);
    expect(stale.exported).toBe(true);
    expect(stale.differences).toEqual([
      { method: "GET /r1", statusCode: "404", kind: "integrationResponse", state: "changed" },
      { responseType: "DEFAULT_4XX", kind: "gatewayResponse", state: "not-deployed" },
    ]);

    // Scoped to one method: the gateway response and the other methods are not compared.
    const scoped = await inspectStage(suite.runtime, restApiId, "prod", { scope: { methods: new Set(["GET /r1"]), gatewayTypes: new Set() } });
    expect(scoped.differences).toEqual([{ method: "GET /r1", statusCode: "404", kind: "integrationResponse", state: "changed" }]);
  });

  it("a deployment someone else made is foreign, also when it serves the live API; a missing stage does not exist", async () => {
    const api = await seedApi(suite.client, { resources: 1, methods: 1, name: "foreign" });
    const { restApiId } = api;
    await deployStage(suite.runtime, { restApiId, stageName: "prod" });
    const other = await suite.client.send(new CreateDeploymentCommand({ restApiId, description: "console deploy" }));
    await suite.client.send(new UpdateStageCommand({ restApiId, stageName: "prod", patchOperations: [{ op: "replace", path: "/deploymentId", value: other.id! }] }));
    const inspected = await inspectStage(suite.runtime, restApiId, "prod");
    expect(inspected).toMatchObject({ exists: true, foreign: true, deploymentId: other.id, exported: true, differences: [] });
    expect(inspected.deployedRevision).toBeUndefined();

    const missing = await inspectStage(suite.runtime, restApiId, "nope");
    expect(missing).toMatchObject({ exists: false, foreign: false, differences: [] });
  });
});

describe("deleteStage", () => {
  it("deletes the stage and keeps its deployments; a stage already gone is done; the resource deletes it only with destroyStage", async () => {
    const api = await seedApi(suite.client, { resources: 1, methods: 1, name: "delete-stage" });
    const { restApiId } = api;
    const { deploymentId } = await deployStage(suite.runtime, { restApiId, stageName: "gone" });
    await deleteStage(suite.runtime, restApiId, "gone");
    expect((await inspectStage(suite.runtime, restApiId, "gone")).exists).toBe(false);
    expect((await suite.client.send(new GetDeploymentsCommand({ restApiId }))).items!.map((d) => d.id)).toContain(deploymentId);
    await deleteStage(suite.runtime, restApiId, "gone");

    configureProcess({ get: (k: string) => ({ "apigw-responses:endpoint": suite.emulator.endpoint, "apigw-responses:rate": "off" })[k] });
    await deployStage(suite.runtime, { restApiId, stageName: "kept" });
    const outputs = { restApiId, stageName: "kept", deploymentId, stageDrift: [] };
    await deleteStageResource(outputs);
    expect((await inspectStage(suite.runtime, restApiId, "kept")).exists).toBe(true);
    await deleteStageResource({ ...outputs, destroyStage: true });
    expect((await inspectStage(suite.runtime, restApiId, "kept")).exists).toBe(false);
  });
});

describe("pacing (AWS-51)", () => {
  it("deployments of two REST APIs at the default rate: the second CreateDeployment waits 5 s for its token instead of failing", async () => {
    const a = await seedApi(suite.client, { resources: 1, methods: 1, name: "pace-a" });
    const b = await seedApi(suite.client, { resources: 1, methods: 1, name: "pace-b" });
    const paced = createRuntime({ endpoint: suite.emulator.endpoint, rate: FAST_RATES.rate, operationRates: { GetResources: FAST_RATES.operationRates.GetResources } });
    const times: number[] = [];
    await Promise.all(
      [a, b].map(async (api) => {
        await deployStage(paced, { restApiId: api.restApiId, stageName: "dev" });
        times.push(Date.now());
      }),
    );
    expect(paced.counters.retries.throttled).toBe(0);
    times.sort((x, y) => x - y);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(4_900);
  }, 20_000);
});
