/**
 * Deployments, stages and stage exports (AWS-49..AWS-61, with AWS-45, AWS-12) through the
 * local API Gateway, with the real SDK client: the answers recorded against AWS (see
 * docs/aws-behaviors.md) asserted literally, and what moto alone answers instead. The
 * layer keeps deployments (with the snapshot each one froze) and stages itself.
 */
import {
  CreateDeploymentCommand,
  CreateModelCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  DeleteDeploymentCommand,
  DeleteRestApiCommand,
  DeleteStageCommand,
  GetDeploymentCommand,
  GetDeploymentsCommand,
  GetExportCommand,
  GetResourcesCommand,
  GetStageCommand,
  GetStagesCommand,
  PutGatewayResponseCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  UpdateDeploymentCommand,
  UpdateIntegrationResponseCommand,
  UpdateStageCommand,
  type APIGatewayClient,
} from "@aws-sdk/client-api-gateway";
import { beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../src/emulator/index";
import { body, clientFor, createMethod, errorOf, expectAwsError, rawCall, statusOf, useEmulator, type MethodFixture } from "../support/emulator";

let emulator: Emulator;
let aws: APIGatewayClient;
/** The same moto, without the layer: shows what the layer changes. */
let moto: APIGatewayClient;

useEmulator({ quota: "off", latencyMs: 0 }, (s) => ({ emulator, aws, moto } = s));
beforeEach(() => emulator.setFaults([]));

const AUTH = "AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/apigateway/aws4_request, SignedHeaders=host, Signature=0";

/** A GET with chosen headers, the body as text. */
async function rawGet(endpoint: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; text: string }> {
  const res = await fetch(`${endpoint}${path}`, { headers: { authorization: AUTH, ...headers } });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** What a stage serves (the control call of AWS-52). */
async function deployed(restApiId: string, stageName: string): Promise<{ status: number; json: any }> {
  const r = await rawGet(emulator.endpoint, `/__emulator/deployed/${restApiId}/${stageName}`);
  return { status: r.status, json: r.text ? JSON.parse(r.text) : undefined };
}

/** An export through the layer, parsed. */
async function exported(restApiId: string, stage: string, type: "oas30" | "swagger", extensions?: string): Promise<any> {
  const r = await rawGet(emulator.endpoint, `/restapis/${restApiId}/stages/${stage}/exports/${type}${extensions ? `?extensions=${extensions}` : ""}`);
  expect(r.status).toBe(200);
  return JSON.parse(r.text);
}

/** `/items` GET with a MOCK integration. */
const api = (client: APIGatewayClient = aws): Promise<MethodFixture> => createMethod(client, { name: "deployments" });

const TEMPLATE_V1 = "<html>v1</html>";
const TEMPLATE_V2 = "<html>v2</html>";

/** `/items` GET (MOCK, the recorded request template) with method responses 200 and 302 and integration responses default → 200 and "302" → 302 (AWS-60's guide sample). */
async function apiWithResponses(): Promise<MethodFixture> {
  const m = await api();
  await aws.send(new PutIntegrationCommand({ ...m, type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } }));
  await aws.send(new PutMethodResponseCommand({ ...m, statusCode: "200", responseParameters: { "method.response.header.Access-Control-Allow-Origin": false } }));
  await aws.send(new PutMethodResponseCommand({ ...m, statusCode: "302", responseParameters: { "method.response.header.Location": false } }));
  await aws.send(
    new PutIntegrationResponseCommand({
      ...m,
      statusCode: "200",
      responseParameters: { "method.response.header.Access-Control-Allow-Origin": "'*'" },
      responseTemplates: { "text/html": TEMPLATE_V1 },
    }),
  );
  await aws.send(
    new PutIntegrationResponseCommand({
      ...m,
      statusCode: "302",
      selectionPattern: "302",
      responseParameters: { "method.response.header.Location": "integration.response.body.redirect.url" },
    }),
  );
  return m;
}

describe("AWS-49: CreateDeployment", () => {
  it("answers 201 with only {id, createdDate[, description]}; moto adds stageName and description: null", async () => {
    const m = await api();
    const raw = await rawCall(emulator.endpoint, "POST", `/restapis/${m.restApiId}/deployments`, { stageName: "dev" });
    expect(raw.status).toBe(201);
    expect(Object.keys(raw.json as object).sort()).toEqual(["createdDate", "id"]);
    expect(raw.json).toEqual({ id: expect.stringMatching(/^[a-z0-9]{6}$/), createdDate: expect.any(Number) });
    const described = await aws.send(new CreateDeploymentCommand({ restApiId: m.restApiId, description: "second" }));
    expect(statusOf(described)).toBe(201);
    expect(body(described)).toEqual({ id: expect.any(String), description: "second", createdDate: expect.any(Date) });

    const onMoto = await api(moto);
    const motoRaw = await rawCall(emulator.moto.endpoint, "POST", `/restapis/${onMoto.restApiId}/deployments`, { stageName: "dev" });
    expect(motoRaw.json).toMatchObject({ stageName: "dev", description: null });
  });

  it("with the stageName of an existing stage: moves that stage in place and keeps its settings; moto replaces the stage", async () => {
    for (const [client, layer] of [[aws, true], [moto, false]] as const) {
      const m = await api(client);
      const first = await client.send(new CreateDeploymentCommand({ restApiId: m.restApiId }));
      await client.send(
        new CreateStageCommand({ restApiId: m.restApiId, stageName: "prod", deploymentId: first.id!, description: "production", variables: { color: "blue" } }),
      );
      const second = await client.send(new CreateDeploymentCommand({ restApiId: m.restApiId, stageName: "prod" }));
      const stage = await client.send(new GetStageCommand({ restApiId: m.restApiId, stageName: "prod" }));
      if (layer) {
        expect(stage).toMatchObject({ deploymentId: second.id, description: "production", variables: { color: "blue" } });
        // The old deployment is free now (AWS-54): 202.
        expect(statusOf(await client.send(new DeleteDeploymentCommand({ restApiId: m.restApiId, deploymentId: first.id! })))).toBe(202);
      } else {
        expect(stage.deploymentId).toBe(second.id);
        expect(stage.description ?? "").toBe(""); // moto lost the description
        expect(stage.variables ?? {}).toEqual({});
      }
    }
  });

  it("with the stageName of a new stage: creates it (stageDescription is its description)", async () => {
    const m = await api();
    const d = await aws.send(new CreateDeploymentCommand({ restApiId: m.restApiId, stageName: "dev", stageDescription: "the dev stage" }));
    const stages = await aws.send(new GetStagesCommand({ restApiId: m.restApiId }));
    expect(stages.item).toEqual([expect.objectContaining({ stageName: "dev", deploymentId: d.id, description: "the dev stage" })]);
  });
});

describe("AWS-50: CreateDeployment preconditions", () => {
  it("an API without methods: 400 \"The REST API doesn't contain any methods\"", async () => {
    const created = await aws.send(new CreateRestApiCommand({ name: "empty" }));
    await expectAwsError(aws.send(new CreateDeploymentCommand({ restApiId: created.id!, stageName: "dev" })), {
      status: 400,
      name: "BadRequestException",
      message: "The REST API doesn't contain any methods",
    });
  });

  it("one method without an integration among integrated ones: 400 BadRequestException \"No integration defined for method\"; moto deploys", async () => {
    for (const [client, layer] of [[aws, true], [moto, false]] as const) {
      const m = await api(client);
      const other = await client.send(new CreateResourceCommand({ restApiId: m.restApiId, parentId: m.rootId, pathPart: "bare" }));
      await client.send(new PutMethodCommand({ restApiId: m.restApiId, resourceId: other.id!, httpMethod: "POST", authorizationType: "NONE" }));
      const call = client.send(new CreateDeploymentCommand({ restApiId: m.restApiId, stageName: "dev" }));
      if (layer) await expectAwsError(call, { status: 400, name: "BadRequestException", message: "No integration defined for method" });
      else expect(await errorOf(call)).toBeUndefined();
    }
  });

  it("an API whose only method has no integration: the same 400 (moto: NotFoundException)", async () => {
    const m = await createMethod(aws, { integration: false });
    await expectAwsError(aws.send(new CreateDeploymentCommand({ restApiId: m.restApiId })), {
      status: 400,
      name: "BadRequestException",
      message: "No integration defined for method",
    });
    const onMoto = await createMethod(moto, { integration: false });
    expect(await errorOf(moto.send(new CreateDeploymentCommand({ restApiId: onMoto.restApiId })))).toMatchObject({ name: "NotFoundException" });
  });
});

describe("AWS-51, AWS-12: the CreateDeployment quota", () => {
  async function withEmulator(options: EmulatorOptions, run: (client: APIGatewayClient, restApiId: string) => Promise<void>): Promise<void> {
    const own = await startEmulator({ latencyMs: 0, ...options });
    const client = clientFor(own.endpoint);
    try {
      const m = await createMethod(client);
      await run(client, m.restApiId);
    } finally {
      client.destroy();
      await own.stop();
    }
  }
  const deploy = (client: APIGatewayClient, restApiId: string) => errorOf(client.send(new CreateDeploymentCommand({ restApiId })));

  it("default: a burst of 3 back to back is tolerated, the 4th is 429 TooManyRequestsException, Retry-After 5 s", async () => {
    await withEmulator({}, async (client, restApiId) => {
      for (let i = 0; i < 3; i++) expect(await deploy(client, restApiId)).toBeUndefined();
      const e = await expectAwsError(client.send(new CreateDeploymentCommand({ restApiId })), {
        status: 429,
        name: "TooManyRequestsException",
        message: "Too Many Requests",
      });
      expect(Number(e.retryAfterSeconds)).toBe(5);
    });
  });

  it("deploymentQuota \"off\" removes it; a short one applies even with the account quota off", async () => {
    await withEmulator({ deploymentQuota: "off" }, async (client, restApiId) => {
      for (let i = 0; i < 5; i++) expect(await deploy(client, restApiId)).toBeUndefined();
    });
    await withEmulator({ quota: "off", deploymentQuota: { rps: 5, burst: 1 } }, async (client, restApiId) => {
      expect(await deploy(client, restApiId)).toBeUndefined();
      expect(await deploy(client, restApiId)).toMatchObject({ status: 429, name: "TooManyRequestsException" });
      await new Promise((r) => setTimeout(r, 250));
      expect(await deploy(client, restApiId)).toBeUndefined();
    });
  });
});

describe("AWS-52, AWS-45, AWS-25: a deployment is a snapshot; a stage serves its deployment, not the live API", () => {
  it("integration responses, method responses and gateway responses changed after the deployment are not served until a new deployment", async () => {
    const m = await apiWithResponses();
    const { restApiId } = m;
    await aws.send(new PutGatewayResponseCommand({ restApiId, responseType: "DEFAULT_4XX", responseParameters: { "gatewayresponse.header.x-v": "'1'" } }));
    const first = await aws.send(new CreateDeploymentCommand({ restApiId, stageName: "dev" }));

    // Change the live API: a template, a new method response, a gateway response.
    await aws.send(new UpdateIntegrationResponseCommand({ ...m, statusCode: "200", patchOperations: [{ op: "replace", path: "/responseTemplates/text~1html", value: TEMPLATE_V2 }] }));
    await aws.send(new PutMethodResponseCommand({ ...m, statusCode: "500" }));
    await aws.send(new PutGatewayResponseCommand({ restApiId, responseType: "DEFAULT_4XX", responseParameters: { "gatewayresponse.header.x-v": "'2'" } }));

    const before = await deployed(restApiId, "dev");
    expect(before.status).toBe(200);
    expect(before.json.deploymentId).toBe(first.id);
    const served = before.json.methods["/items"].GET;
    expect(served.methodIntegration.integrationResponses["200"].responseTemplates).toEqual({ "text/html": TEMPLATE_V1 });
    expect(Object.keys(served.methodResponses).sort()).toEqual(["200", "302"]);
    expect(before.json.gatewayResponses.find((g: { responseType: string }) => g.responseType === "UNAUTHORIZED").responseParameters).toEqual({
      "gatewayresponse.header.x-v": "'1'",
    });
    // The export too (AWS-58).
    const doc = await exported(restApiId, "dev", "oas30", "integrations");
    expect(doc.paths["/items"].get["x-amazon-apigateway-integration"].responses.default.responseTemplates).toEqual({ "text/html": TEMPLATE_V1 });
    expect(Object.keys(doc.paths["/items"].get.responses).sort()).toEqual(["200", "302"]);
    expect(doc["x-amazon-apigateway-gateway-responses"]).toEqual({ DEFAULT_4XX: { responseParameters: { "gatewayresponse.header.x-v": "'1'" } } });

    // A new deployment alone does not change the stage (canary at 0 %)…
    await aws.send(new CreateDeploymentCommand({ restApiId, stageName: "dev", canarySettings: { percentTraffic: 0 } }));
    expect((await deployed(restApiId, "dev")).json.deploymentId).toBe(first.id);
    // …the stage pointing to a deployment made after the change does.
    const second = await aws.send(new CreateDeploymentCommand({ restApiId, stageName: "dev" }));
    const after = (await deployed(restApiId, "dev")).json;
    expect(after.deploymentId).toBe(second.id);
    expect(after.methods["/items"].GET.methodIntegration.integrationResponses["200"].responseTemplates).toEqual({ "text/html": TEMPLATE_V2 });
    expect(Object.keys(after.methods["/items"].GET.methodResponses).sort()).toEqual(["200", "302", "500"]);
    const doc2 = await exported(restApiId, "dev", "oas30", "integrations");
    expect(doc2["x-amazon-apigateway-gateway-responses"]).toEqual({ DEFAULT_4XX: { responseParameters: { "gatewayresponse.header.x-v": "'2'" } } });
  });

  it("the control call answers 404 for a stage that does not exist", async () => {
    const m = await api();
    expect((await deployed(m.restApiId, "nope")).status).toBe(404);
  });
});

describe("AWS-54: DeleteDeployment checks the stages' current deployment", () => {
  it("attached by CreateStage: 400 (moto deletes it); moved away: 202; canary only: 400 with the canary text; unknown: 404", async () => {
    const m = await api();
    const { restApiId } = m;
    const d1 = await aws.send(new CreateDeploymentCommand({ restApiId }));
    await aws.send(new CreateStageCommand({ restApiId, stageName: "prod", deploymentId: d1.id! }));
    await expectAwsError(aws.send(new DeleteDeploymentCommand({ restApiId, deploymentId: d1.id! })), {
      status: 400,
      name: "BadRequestException",
      message: "Active stages pointing to this deployment must be moved or deleted",
    });
    // The stage moves on (UpdateStage), and d1 becomes deletable.
    const d2 = await aws.send(new CreateDeploymentCommand({ restApiId }));
    await aws.send(new UpdateStageCommand({ restApiId, stageName: "prod", patchOperations: [{ op: "replace", path: "/deploymentId", value: d2.id! }] }));
    const deleted = await aws.send(new DeleteDeploymentCommand({ restApiId, deploymentId: d1.id! }));
    expect(statusOf(deleted)).toBe(202);
    // A canary pointing to d3.
    const d3 = await aws.send(new CreateDeploymentCommand({ restApiId, stageName: "prod", canarySettings: { percentTraffic: 10 } }));
    expect((await aws.send(new GetStageCommand({ restApiId, stageName: "prod" }))).canarySettings).toEqual({ deploymentId: d3.id, percentTraffic: 10, useStageCache: false });
    await expectAwsError(aws.send(new DeleteDeploymentCommand({ restApiId, deploymentId: d3.id! })), {
      status: 400,
      name: "BadRequestException",
      message: "Active stages with canary settings pointing to this deployment must be moved or deleted",
    });
    expect(await errorOf(aws.send(new DeleteDeploymentCommand({ restApiId, deploymentId: "nope00" })))).toMatchObject({ status: 404, name: "NotFoundException" });

    // moto: the CreateStage-attached deployment is deleted.
    const onMoto = await api(moto);
    const md = await moto.send(new CreateDeploymentCommand({ restApiId: onMoto.restApiId }));
    await moto.send(new CreateStageCommand({ restApiId: onMoto.restApiId, stageName: "prod", deploymentId: md.id! }));
    expect(await errorOf(moto.send(new DeleteDeploymentCommand({ restApiId: onMoto.restApiId, deploymentId: md.id! })))).toBeUndefined();
  });

  it("an old deployment whose stage was moved by a redeploy: 202 (moto: 400)", async () => {
    for (const [client, layer] of [[aws, true], [moto, false]] as const) {
      const m = await api(client);
      const d1 = await client.send(new CreateDeploymentCommand({ restApiId: m.restApiId, stageName: "dev" }));
      await client.send(new CreateDeploymentCommand({ restApiId: m.restApiId, stageName: "dev" }));
      const result = await errorOf(client.send(new DeleteDeploymentCommand({ restApiId: m.restApiId, deploymentId: d1.id! })));
      if (layer) expect(result).toBeUndefined();
      else expect(result).toMatchObject({ status: 400, message: "Active stages pointing to this deployment must be moved or deleted" });
    }
  });
});

describe("AWS-55: GetDeployments and GetDeployment", () => {
  it("items of {id, createdDate[, description]}, paged by limit and position", async () => {
    const m = await api();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await aws.send(new CreateDeploymentCommand({ restApiId: m.restApiId, ...(i === 1 ? { description: "one" } : {}) }))).id!);
    const raw = await rawCall(emulator.endpoint, "GET", `/restapis/${m.restApiId}/deployments`);
    expect(raw.json).toEqual({
      item: [
        { id: ids[0], createdDate: expect.any(Number) },
        { id: ids[1], description: "one", createdDate: expect.any(Number) },
        { id: ids[2], createdDate: expect.any(Number) },
      ],
    });
    const first = await aws.send(new GetDeploymentsCommand({ restApiId: m.restApiId, limit: 2 }));
    expect(first.items!.map((d) => d.id)).toEqual(ids.slice(0, 2));
    expect(first.position).toBe(ids[2]);
    const second = await aws.send(new GetDeploymentsCommand({ restApiId: m.restApiId, limit: 2, position: first.position! }));
    expect(second.items!.map((d) => d.id)).toEqual([ids[2]]);
    expect(second.position).toBeUndefined();
    expect(body(await aws.send(new GetDeploymentCommand({ restApiId: m.restApiId, deploymentId: ids[1]! })))).toEqual({ id: ids[1], description: "one", createdDate: expect.any(Date) });
  });

  it("AWS-53: embed=apisummary gives only authorizationType and apiKeyRequired per path and method; UpdateDeployment patches /description", async () => {
    const m = await api();
    const d = await aws.send(new CreateDeploymentCommand({ restApiId: m.restApiId }));
    const out = await aws.send(new GetDeploymentCommand({ restApiId: m.restApiId, deploymentId: d.id!, embed: ["apisummary"] }));
    expect(body(out)).toEqual({ id: d.id, createdDate: expect.any(Date), apiSummary: { "/items": { GET: { authorizationType: "NONE", apiKeyRequired: false } } } });
    const updated = await aws.send(new UpdateDeploymentCommand({ restApiId: m.restApiId, deploymentId: d.id!, patchOperations: [{ op: "replace", path: "/description", value: "now" }] }));
    expect(body(updated)).toEqual({ id: d.id, description: "now", createdDate: expect.any(Date) });
  });

  it("an unknown deployment is 404 NotFoundException (moto: 500)", async () => {
    const m = await api();
    await expectAwsError(aws.send(new GetDeploymentCommand({ restApiId: m.restApiId, deploymentId: "nope00" })), {
      status: 404,
      name: "NotFoundException",
      message: "Invalid Deployment identifier specified",
    });
    const onMoto = await api(moto);
    expect(await errorOf(moto.send(new GetDeploymentCommand({ restApiId: onMoto.restApiId, deploymentId: "nope00" })))).toMatchObject({ status: 500 });
  });
});

describe("AWS-56: the stage object", () => {
  it("CreateStage 201 and GetStage 200: the recorded fields, optional ones only when set", async () => {
    const m = await api();
    const d = await aws.send(new CreateDeploymentCommand({ restApiId: m.restApiId }));
    const created = await aws.send(new CreateStageCommand({ restApiId: m.restApiId, stageName: "dev", deploymentId: d.id! }));
    expect(statusOf(created)).toBe(201);
    const expected = {
      stageName: "dev",
      deploymentId: d.id,
      cacheClusterEnabled: false,
      cacheClusterStatus: "NOT_AVAILABLE",
      methodSettings: {},
      tracingEnabled: false,
      createdDate: expect.any(Date),
      lastUpdatedDate: expect.any(Date),
    };
    expect(body(created)).toEqual(expected);
    expect(body(await aws.send(new GetStageCommand({ restApiId: m.restApiId, stageName: "dev" })))).toEqual(expected);
    const raw = await rawCall(emulator.endpoint, "GET", `/restapis/${m.restApiId}/stages/dev`);
    expect(Object.keys(raw.json as object).sort()).toEqual(["cacheClusterEnabled", "cacheClusterStatus", "createdDate", "deploymentId", "lastUpdatedDate", "methodSettings", "stageName", "tracingEnabled"]);
    // moto: variables {}, description "", accessLogSettings null; no cacheClusterStatus, createdDate, lastUpdatedDate.
    const onMoto = await api(moto);
    const md = await moto.send(new CreateDeploymentCommand({ restApiId: onMoto.restApiId }));
    await moto.send(new CreateStageCommand({ restApiId: onMoto.restApiId, stageName: "dev", deploymentId: md.id! }));
    const motoRaw = (await rawCall(emulator.moto.endpoint, "GET", `/restapis/${onMoto.restApiId}/stages/dev`)).json as Record<string, unknown>;
    expect(motoRaw).toMatchObject({ variables: {}, description: "", accessLogSettings: null });
    expect(motoRaw.createdDate).toBeUndefined();
  });

  it("GetStages (item, no paging) honours the deploymentId filter; moto ignores it", async () => {
    for (const [client, layer] of [[aws, true], [moto, false]] as const) {
      const m = await api(client);
      const d1 = await client.send(new CreateDeploymentCommand({ restApiId: m.restApiId, stageName: "one" }));
      await client.send(new CreateDeploymentCommand({ restApiId: m.restApiId, stageName: "two" }));
      const filtered = await client.send(new GetStagesCommand({ restApiId: m.restApiId, deploymentId: d1.id! }));
      expect(filtered.item!.map((s) => s.stageName)).toEqual(layer ? ["one"] : ["one", "two"]);
    }
  });

  it("unknown stage 404 \"Invalid stage identifier specified\"; a name in use 409 \"Stage already exists\"; DeleteStage 202", async () => {
    const m = await api();
    const d = await aws.send(new CreateDeploymentCommand({ restApiId: m.restApiId, stageName: "dev" }));
    const notFound = { status: 404, name: "NotFoundException", message: "Invalid stage identifier specified" };
    await expectAwsError(aws.send(new GetStageCommand({ restApiId: m.restApiId, stageName: "nope" })), notFound);
    await expectAwsError(aws.send(new CreateStageCommand({ restApiId: m.restApiId, stageName: "dev", deploymentId: d.id! })), {
      status: 409,
      name: "ConflictException",
      message: "Stage already exists",
    });
    expect(statusOf(await aws.send(new DeleteStageCommand({ restApiId: m.restApiId, stageName: "dev" })))).toBe(202);
    await expectAwsError(aws.send(new DeleteStageCommand({ restApiId: m.restApiId, stageName: "dev" })), notFound);
  });

  it("10 stages per API: the 11th is refused like a hard limit (429 LimitExceededException)", async () => {
    const m = await api();
    const d = await aws.send(new CreateDeploymentCommand({ restApiId: m.restApiId }));
    for (let i = 0; i < 10; i++) await aws.send(new CreateStageCommand({ restApiId: m.restApiId, stageName: `s${i}`, deploymentId: d.id! }));
    expect(await errorOf(aws.send(new CreateStageCommand({ restApiId: m.restApiId, stageName: "s10", deploymentId: d.id! })))).toMatchObject({
      status: 429,
      name: "LimitExceededException",
    });
    expect(await errorOf(aws.send(new CreateDeploymentCommand({ restApiId: m.restApiId, stageName: "s10" })))).toMatchObject({ status: 429 });
    // Redeploying an existing stage is not a new stage.
    expect(await errorOf(aws.send(new CreateDeploymentCommand({ restApiId: m.restApiId, stageName: "s0" })))).toBeUndefined();
  });

  it("DeleteRestApi forgets the API's deployments and stages", async () => {
    const m = await api();
    await aws.send(new CreateDeploymentCommand({ restApiId: m.restApiId, stageName: "dev" }));
    await aws.send(new DeleteRestApiCommand({ restApiId: m.restApiId }));
    expect((await deployed(m.restApiId, "dev")).status).toBe(404);
  });
});

describe("AWS-57: UpdateStage", () => {
  it("replace /deploymentId moves the stage (200); a deployment that does not exist is 400 \"Deployment id does not exist\"; moto moves it anyway", async () => {
    for (const [client, layer] of [[aws, true], [moto, false]] as const) {
      const m = await api(client);
      await client.send(new CreateDeploymentCommand({ restApiId: m.restApiId, stageName: "dev" }));
      const d2 = await client.send(new CreateDeploymentCommand({ restApiId: m.restApiId }));
      const moved = await client.send(new UpdateStageCommand({ restApiId: m.restApiId, stageName: "dev", patchOperations: [{ op: "replace", path: "/deploymentId", value: d2.id! }] }));
      expect(moved.deploymentId).toBe(d2.id);
      const call = client.send(new UpdateStageCommand({ restApiId: m.restApiId, stageName: "dev", patchOperations: [{ op: "replace", path: "/deploymentId", value: "nope00" }] }));
      if (layer) {
        expect(statusOf(moved)).toBe(200);
        await expectAwsError(call, { status: 400, name: "BadRequestException", message: "Deployment id does not exist" });
        expect((await client.send(new GetStageCommand({ restApiId: m.restApiId, stageName: "dev" }))).deploymentId).toBe(d2.id);
      } else {
        expect(await errorOf(call)).toBeUndefined();
      }
    }
  });

  it("an unknown path is 400 with the recorded list of paths; moto ignores it", async () => {
    const m = await api();
    await aws.send(new CreateDeploymentCommand({ restApiId: m.restApiId, stageName: "dev" }));
    await expectAwsError(aws.send(new UpdateStageCommand({ restApiId: m.restApiId, stageName: "dev", patchOperations: [{ op: "replace", path: "/tags/tag1", value: "value1" }] })), {
      status: 400,
      name: "BadRequestException",
      message:
        "Invalid method setting path: /tags/tag1. Must be one of: [/deploymentId, /description, /cacheClusterEnabled, /cacheClusterSize, /clientCertificateId, /accessLogSettings, /accessLogSettings/destinationArn, /accessLogSettings/format, /{resourcePath}/{httpMethod}/metrics/enabled, /{resourcePath}/{httpMethod}/logging/dataTrace, /{resourcePath}/{httpMethod}/logging/loglevel, /{resourcePath}/{httpMethod}/throttling/burstLimit/{resourcePath}/{httpMethod}/throttling/rateLimit/{resourcePath}/{httpMethod}/caching/ttlInSeconds, /{resourcePath}/{httpMethod}/caching/enabled, /{resourcePath}/{httpMethod}/caching/dataEncrypted, /{resourcePath}/{httpMethod}/caching/requireAuthorizationForCacheControl, /{resourcePath}/{httpMethod}/caching/unauthorizedCacheControlHeaderStrategy, /*/*/metrics/enabled, /*/*/logging/dataTrace, /*/*/logging/loglevel, /*/*/throttling/burstLimit /*/*/throttling/rateLimit /*/*/caching/ttlInSeconds, /*/*/caching/enabled, /*/*/caching/dataEncrypted, /*/*/caching/requireAuthorizationForCacheControl, /*/*/caching/unauthorizedCacheControlHeaderStrategy, /variables/{variable_name}, /tracingEnabled]",
    });
    const onMoto = await api(moto);
    await moto.send(new CreateDeploymentCommand({ restApiId: onMoto.restApiId, stageName: "dev" }));
    expect(await errorOf(moto.send(new UpdateStageCommand({ restApiId: onMoto.restApiId, stageName: "dev", patchOperations: [{ op: "replace", path: "/tags/tag1", value: "value1" }] })))).toBeUndefined();
  });

  it("description and variables patch in place; the rest of the stage is kept", async () => {
    const m = await api();
    await aws.send(new CreateDeploymentCommand({ restApiId: m.restApiId, stageName: "dev" }));
    const out = await aws.send(
      new UpdateStageCommand({
        restApiId: m.restApiId,
        stageName: "dev",
        patchOperations: [
          { op: "replace", path: "/description", value: "desc" },
          { op: "replace", path: "/variables/a", value: "1" },
        ],
      }),
    );
    expect(out).toMatchObject({ stageName: "dev", description: "desc", variables: { a: "1" }, cacheClusterStatus: "NOT_AVAILABLE" });
  });
});

describe("AWS-58: GetExport of a stage", () => {
  it("200, Content-Type application/octet-stream and Content-Disposition with <type>_<version>.json; no x-amazon-apigateway-* keys without extensions", async () => {
    const m = await apiWithResponses();
    await aws.send(new CreateDeploymentCommand({ restApiId: m.restApiId, stageName: "local" }));
    for (const type of ["oas30", "swagger"] as const) {
      const r = await rawGet(emulator.endpoint, `/restapis/${m.restApiId}/stages/local/exports/${type}`);
      expect(r.status).toBe(200);
      expect(r.headers.get("content-type")).toBe("application/octet-stream");
      expect(r.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="${type}_\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\.json"$`));
      expect(r.text).not.toContain("x-amazon-apigateway");
    }
  });

  it("oas30 and swagger documents: the recorded root keys; the API's version names the file", async () => {
    const created = await aws.send(new CreateRestApiCommand({ name: "Simple PetStore", version: "1.0.0" }));
    const restApiId = created.id!;
    const root = (await aws.send(new GetResourcesCommand({ restApiId }))).items![0]!.id!;
    const resourceId = (await aws.send(new CreateResourceCommand({ restApiId, parentId: root, pathPart: "pets" }))).id!;
    await aws.send(new PutMethodCommand({ restApiId, resourceId, httpMethod: "GET", authorizationType: "NONE" }));
    await aws.send(new PutMethodResponseCommand({ restApiId, resourceId, httpMethod: "GET", statusCode: "200" }));
    await aws.send(new PutIntegrationCommand({ restApiId, resourceId, httpMethod: "GET", type: "MOCK" }));
    await aws.send(new CreateDeploymentCommand({ restApiId, stageName: "local" }));
    const out = await aws.send(new GetExportCommand({ restApiId, stageName: "local", exportType: "oas30" }));
    expect(out.contentDisposition).toBe('attachment; filename="oas30_1.0.0.json"');
    // LS-EXP `get-export` (TEST_IMPORT_PETS), literally, with this API's id and region.
    expect(JSON.parse(Buffer.from(out.body!).toString("utf8"))).toEqual({
      openapi: "3.0.1",
      info: { title: "Simple PetStore", version: "1.0.0" },
      servers: [{ url: `https://${restApiId}.execute-api.us-east-1.amazonaws.com/{basePath}`, variables: { basePath: { default: "local" } } }],
      paths: { "/pets": { get: { responses: { "200": { description: "200 response", content: {} } } } } },
      components: {},
    });
    const swagger = await exported(restApiId, "local", "swagger");
    expect(swagger).toEqual({
      swagger: "2.0",
      info: { version: "1.0.0", title: "Simple PetStore" },
      host: `${restApiId}.execute-api.us-east-1.amazonaws.com`,
      basePath: "/local",
      schemes: ["https"],
      paths: { "/pets": { get: { responses: { "200": { description: "200 response" } } } } },
    });
  });

  it("an unknown stage is 404 \"Invalid stage identifier specified\"; moto exports anyway", async () => {
    const m = await api();
    await expectAwsError(aws.send(new GetExportCommand({ restApiId: m.restApiId, stageName: "nope", exportType: "oas30" })), {
      status: 404,
      name: "NotFoundException",
      message: "Invalid stage identifier specified",
    });
    const onMoto = await api(moto);
    expect(await errorOf(moto.send(new GetExportCommand({ restApiId: onMoto.restApiId, stageName: "nope", exportType: "oas30" })))).toBeUndefined();
  });

  it("Accept: application/yaml gives YAML", async () => {
    const m = await api();
    await aws.send(new CreateDeploymentCommand({ restApiId: m.restApiId, stageName: "dev" }));
    const r = await rawGet(emulator.endpoint, `/restapis/${m.restApiId}/stages/dev/exports/oas30`, { accept: "application/yaml" });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("application/yaml");
    expect(r.text).toMatch(/^openapi: 3\.0\.1\n/);
  });
});

describe("AWS-59: method responses in an export", () => {
  it("keyed by status code with \"<code> response\"; parameters become headers, models a $ref (oas30 content, swagger schema + produces)", async () => {
    const m = await apiWithResponses();
    await aws.send(new CreateModelCommand({ restApiId: m.restApiId, name: "Pets", contentType: "application/json", schema: JSON.stringify({ type: "array" }) }));
    await aws.send(new PutMethodResponseCommand({ ...m, statusCode: "400", responseModels: { "application/json": "Pets" } }));
    await aws.send(new CreateDeploymentCommand({ restApiId: m.restApiId, stageName: "dev" }));
    const oas = await exported(m.restApiId, "dev", "oas30");
    expect(oas.paths["/items"].get.responses).toEqual({
      "200": { description: "200 response", headers: { "Access-Control-Allow-Origin": { schema: { type: "string" } } }, content: {} },
      "302": { description: "302 response", headers: { Location: { schema: { type: "string" } } }, content: {} },
      "400": { description: "400 response", content: { "application/json": { schema: { $ref: "#/components/schemas/Pets" } } } },
    });
    expect(oas.components.schemas.Pets).toEqual({ type: "array" });
    const sw = await exported(m.restApiId, "dev", "swagger");
    expect(sw.paths["/items"].get).toEqual({
      produces: ["application/json"],
      responses: {
        "200": { description: "200 response", headers: { "Access-Control-Allow-Origin": { type: "string" } } },
        "302": { description: "302 response", headers: { Location: { type: "string" } } },
        "400": { description: "400 response", schema: { $ref: "#/definitions/Pets" } },
      },
    });
  });
});

describe("AWS-60: integration responses in an export", () => {
  it("only with extensions=integrations or apigateway, keyed by selection pattern or \"default\", only the fields that are set", async () => {
    const m = await apiWithResponses();
    await aws.send(new CreateDeploymentCommand({ restApiId: m.restApiId, stageName: "dev" }));
    const expected = {
      type: "mock",
      responses: {
        default: { statusCode: "200", responseParameters: { "method.response.header.Access-Control-Allow-Origin": "'*'" }, responseTemplates: { "text/html": TEMPLATE_V1 } },
        "302": { statusCode: "302", responseParameters: { "method.response.header.Location": "integration.response.body.redirect.url" } },
      },
      requestTemplates: { "application/json": '{"statusCode": 200}' },
      passthroughBehavior: "when_no_match",
    };
    for (const type of ["oas30", "swagger"] as const) {
      expect((await exported(m.restApiId, "dev", type, "integrations")).paths["/items"].get["x-amazon-apigateway-integration"]).toEqual(expected);
      expect((await exported(m.restApiId, "dev", type, "apigateway")).paths["/items"].get["x-amazon-apigateway-integration"]).toEqual(expected);
      expect((await exported(m.restApiId, "dev", type)).paths["/items"].get["x-amazon-apigateway-integration"]).toBeUndefined();
    }
  });
});

describe("AWS-61: gateway responses in an export", () => {
  it("root x-amazon-apigateway-gateway-responses: customized types only, stored fields, statusCode a number", async () => {
    const m = await api();
    const { restApiId } = m;
    const cors = { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" };
    await aws.send(new PutGatewayResponseCommand({ restApiId, responseType: "ACCESS_DENIED", statusCode: "403", responseParameters: cors }));
    await aws.send(new PutGatewayResponseCommand({ restApiId, responseType: "DEFAULT_4XX", responseParameters: cors }));
    await aws.send(new CreateDeploymentCommand({ restApiId, stageName: "dev" }));
    const doc = await exported(restApiId, "dev", "swagger", "integrations");
    expect(doc["x-amazon-apigateway-gateway-responses"]).toEqual({
      ACCESS_DENIED: { statusCode: 403, responseParameters: cors, responseTemplates: { "application/json": '{"message":$context.error.messageString}' } },
      DEFAULT_4XX: { responseParameters: cors },
    });
    expect((await exported(restApiId, "dev", "swagger"))["x-amazon-apigateway-gateway-responses"]).toBeUndefined();
  });
});

describe("AWS-49..AWS-58: stats count the new operations by name", () => {
  it("CreateDeployment, GetDeployments, CreateStage, UpdateStage, GetStages, GetExport, DeleteDeployment by name", async () => {
    await emulator.reset();
    const m = await api();
    const d = await aws.send(new CreateDeploymentCommand({ restApiId: m.restApiId }));
    await aws.send(new CreateStageCommand({ restApiId: m.restApiId, stageName: "dev", deploymentId: d.id! }));
    await aws.send(new GetStagesCommand({ restApiId: m.restApiId }));
    await aws.send(new GetDeploymentsCommand({ restApiId: m.restApiId }));
    await aws.send(new UpdateStageCommand({ restApiId: m.restApiId, stageName: "dev", patchOperations: [{ op: "replace", path: "/description", value: "x" }] }));
    await aws.send(new GetExportCommand({ restApiId: m.restApiId, stageName: "dev", exportType: "swagger" }));
    await errorOf(aws.send(new DeleteDeploymentCommand({ restApiId: m.restApiId, deploymentId: d.id! })));
    const stats = emulator.stats();
    for (const op of ["CreateDeployment", "CreateStage", "GetStages", "GetDeployments", "UpdateStage", "GetExport", "DeleteDeployment"]) expect(stats.calls[op], op).toBe(1);
    expect(stats.outcomesByOperation.CreateDeployment).toEqual({ "201": 1 });
    expect(stats.outcomesByOperation.DeleteDeployment).toEqual({ "400": 1 });
  });
});
