/**
 * Stages through the command line against the local API Gateway, which keeps
 * deployments as snapshots and exports a stage from its snapshot (AWS-49..61):
 * `apply --deploy STAGE` deploys once when the apply changed something or the stage
 * does not serve the live API, and not at all when it does; `drift --stage STAGE`
 * reports what the stage serves otherwise than the live API (`undeployed`), a missing
 * stage and a deployment someone else made (`foreign`), within the methods and gateway
 * response types the spec declares (exit 0 none, 2 drift, 1 error).
 */
import {
  CreateDeploymentCommand,
  GetExportCommand,
  GetStageCommand,
  PutIntegrationResponseCommand,
  PutMethodResponseCommand,
} from "@aws-sdk/client-api-gateway";
import { beforeAll, describe, expect, it } from "vitest";
import { seedPetStore, type PetStore } from "../../tools/demo/seed";
import { createResource, createRestApi, putMethod } from "../../tools/seed";
import { emulatorStats } from "../support/pulumi";
import { cli, cliSuite, writeSpec } from "../support/cli";

const CORS_HEADER = "method.response.header.Access-Control-Allow-Origin";
const NO_SUCH_PET = '{"message": "no such pet"}';

describe("apigw-responses apply --deploy and drift --stage", () => {
  const { endpoint, sdk, dir, ep } = cliSuite();
  let api: PetStore;
  let spec: string;
  /** GET /pets/{petId}, which the spec names by resource id. */
  let pet: { restApiId: string; resourceId: string; httpMethod: string };
  let pets: { restApiId: string; resourceId: string; httpMethod: string };

  beforeAll(async () => {
    api = await seedPetStore(sdk, "stage-cli");
    pets = { restApiId: api.restApiId, resourceId: api.resources["/pets"]!, httpMethod: "GET" };
    pet = { restApiId: api.restApiId, resourceId: api.resources["/pets/{petId}"]!, httpMethod: "GET" };
    spec = writeSpec(dir, "api.yaml", {
      restApiId: api.restApiId,
      methods: [
        {
          path: "/pets",
          httpMethod: "GET",
          responses: { "200": { methodResponse: { responseParameters: { [CORS_HEADER]: true } }, integrationResponse: { responseParameters: { [CORS_HEADER]: "'*'" } } } },
        },
        {
          resourceId: pet.resourceId,
          httpMethod: "GET",
          responses: {
            "200": { methodResponse: {}, integrationResponse: {} },
            "404": { methodResponse: {}, integrationResponse: { selectionPattern: "404", responseTemplates: { "application/json": NO_SUCH_PET } } },
          },
        },
      ],
    });
  });

  /** Calls of one operation made while `run` ran (the emulator's counters). */
  async function callsDuring<T>(op: string, run: () => Promise<T>): Promise<[T, number]> {
    const before = (await emulatorStats(endpoint)).calls[op] ?? 0;
    const out = await run();
    return [out, ((await emulatorStats(endpoint)).calls[op] ?? 0) - before];
  }

  /** Run with the emulator's fault rules set to `rules`, then none. */
  async function withFaults<T>(rules: unknown[], run: () => Promise<T>): Promise<T> {
    const set = async (body: unknown[]) => {
      const res = await fetch(`${endpoint}/__emulator/faults`, { method: "POST", body: JSON.stringify(body) });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`faults: HTTP ${res.status}`);
    };
    await set(rules);
    try {
      return await run();
    } finally {
      await set([]);
    }
  }

  /** The stage's export, raw (OpenAPI 3.0 with the API Gateway extensions). */
  async function exported(stageName: string): Promise<any> {
    const out = await sdk.send(new GetExportCommand({ restApiId: api.restApiId, stageName, exportType: "oas30", parameters: { extensions: "apigateway" }, accepts: "application/json" }));
    return JSON.parse(new TextDecoder().decode(out.body));
  }

  const stageOf = async (stageName: string) => sdk.send(new GetStageCommand({ restApiId: api.restApiId, stageName }));

  it("apply --deploy prod on a fresh API: exit 0, one CreateDeployment, the stage created and serving the spec", async () => {
    const [r, deployments] = await callsDuring("CreateDeployment", () => cli(["apply", "--spec", spec, "--deploy", "prod", ...ep()]));
    expect(r.code, r.stderr).toBe(0);
    expect(deployments).toBe(1);
    const line = new RegExp(`^deployed to stage prod of rest api ${api.restApiId}: deployment (\\w+) \\(stage created; the apply changed the live API\\)$`, "m").exec(r.stdout);
    expect(line, r.stdout).not.toBeNull();
    expect((await stageOf("prod")).deploymentId).toBe(line![1]);
    // The deployment's calls are in the report.
    expect(r.stdout).toMatch(/^ {2}calls: .*CreateDeployment 1, CreateStage 1/m);

    const doc = await exported("prod");
    const petsIntegration = doc.paths["/pets"].get["x-amazon-apigateway-integration"];
    expect(petsIntegration.responses.default.statusCode).toBe("200");
    expect(petsIntegration.responses.default.responseParameters).toEqual({ [CORS_HEADER]: "'*'" });
    expect(doc.paths["/pets"].get.responses["200"].headers).toHaveProperty("Access-Control-Allow-Origin");
    expect(doc.paths["/pets/{petId}"].get["x-amazon-apigateway-integration"].responses["404"]).toMatchObject({ statusCode: "404", responseTemplates: { "application/json": NO_SUCH_PET } });
  });

  it("apply --deploy prod again: exit 0, no CreateDeployment, the stage already serves the live responses (text, json, markdown); drift --stage: exit 0", async () => {
    const deploymentId = (await stageOf("prod")).deploymentId;
    const [text, n1] = await callsDuring("CreateDeployment", () => cli(["apply", "--spec", spec, "--deploy", "prod", ...ep()]));
    expect(text.code, text.stderr).toBe(0);
    expect(n1).toBe(0);
    expect(text.stdout).toContain(`\nstage prod of rest api ${api.restApiId} already serves the live responses: no deployment\n`);

    const [json, n2] = await callsDuring("CreateDeployment", () => cli(["apply", "--spec", spec, "--deploy", "prod", "--format", "json", ...ep()]));
    expect(json.code, json.stderr).toBe(0);
    expect(n2).toBe(0);
    const doc = JSON.parse(json.stdout) as { ok: boolean; deployment: unknown; report: { calls: Record<string, number> } };
    expect(doc.ok).toBe(true);
    expect(doc.deployment).toEqual({ stageName: "prod", restApiId: api.restApiId, skipped: "current", deploymentId });
    expect(doc.report.calls).toMatchObject({ GetStage: 1, GetDeployment: 1 });

    const md = await cli(["apply", "--spec", spec, "--deploy", "prod", "--format", "markdown", ...ep()]);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toContain(`**Deployment:** stage prod of rest api ${api.restApiId} already serves the live responses: no deployment`);

    const drift = await cli(["drift", "--spec", spec, "--stage", "prod", ...ep()]);
    expect([drift.code, drift.stdout]).toEqual([0, `No drift: 2 method(s) match the spec; stage prod of rest api ${api.restApiId} serves the live API (deployment ${deploymentId}).\n`]);
  });

  it("a response changed out of band, not deployed: drift --stage exits 2 with a changed and an undeployed entry (text, json, markdown); apply --deploy corrects and deploys once; then drift --stage exits 0", async () => {
    const deploymentId = (await stageOf("prod")).deploymentId;
    await sdk.send(new PutIntegrationResponseCommand({ ...pet, statusCode: "404", selectionPattern: "404", responseTemplates: { "application/json": '{"message": "gone"}' } }));

    const text = await cli(["drift", "--spec", spec, "--stage", "prod", ...ep()]);
    expect(text.code, text.stderr).toBe(2);
    expect(text.stdout.trimEnd().split("\n")).toEqual([
      `DRIFT: 1 of 2 method(s) drifted (1 response); stage prod of rest api ${api.restApiId}: 1 undeployed difference`,
      // The spec names this method by resource id; the stage part gives its path.
      `GET ${pet.resourceId} (rest api ${api.restApiId}, resource ${pet.resourceId})`,
      "  404 integration response changed",
      '      responseTemplates.application/json: expected "{\\"message\\": \\"no such pet\\"}", live "{\\"message\\": \\"gone\\"}"',
      `stage prod (rest api ${api.restApiId})`,
      "  undeployed: GET /pets/{petId} 404 integration response changed since the deployment",
      "Correct it with `apigw-responses apply --spec FILE --deploy prod`.",
    ]);

    const json = await cli(["drift", "--spec", spec, "--stage", "prod", "--format", "json", ...ep()]);
    expect(json.code).toBe(2);
    const report = JSON.parse(json.stdout) as { drifted: boolean; methods: { entries: { statusCode: string; kind: string; state: string }[] }[]; stage: unknown };
    expect(report.drifted).toBe(true);
    expect(report.methods.flatMap((m) => m.entries.map((e) => `${e.statusCode} ${e.kind} ${e.state}`))).toEqual(["404 integrationResponse changed"]);
    expect(report.stage).toEqual({
      restApiId: api.restApiId,
      stageName: "prod",
      exists: true,
      deploymentId,
      foreign: false,
      entries: [
        {
          state: "undeployed",
          method: "GET /pets/{petId}",
          statusCode: "404",
          kind: "integrationResponse",
          difference: "changed",
          description: `stage prod of rest api ${api.restApiId}: GET /pets/{petId} 404: integration response changed since the deployment`,
        },
      ],
    });

    const md = await cli(["drift", "--spec", spec, "--stage", "prod", "--format", "markdown", ...ep()]);
    expect(md.code).toBe(2);
    const lines = md.stdout.split("\n");
    expect(lines[0]).toBe("## API Gateway responses drift");
    expect(lines, md.stdout).toContain('| 404 | responseTemplates.application/json | {"message": "gone"} | {"message": "no such pet"} | ~ replace integration response |');
    const at = lines.indexOf(`### Stage prod (rest api ${api.restApiId})`);
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 2, at + 5)).toEqual([
      "| method or gateway response | status code | response | state |",
      "|---|---|---|---|",
      "| GET /pets/{petId} | 404 | integration response | undeployed: changed since the deployment |",
    ]);

    const [apply, deployments] = await callsDuring("CreateDeployment", () => cli(["apply", "--spec", spec, "--deploy", "prod", ...ep()]));
    expect(apply.code, apply.stderr).toBe(0);
    expect(deployments).toBe(1);
    expect(apply.stdout).toMatch(new RegExp(`^deployed to stage prod of rest api ${api.restApiId}: deployment \\w+ \\(the apply changed the live API\\)$`, "m"));
    expect((await exported("prod")).paths["/pets/{petId}"].get["x-amazon-apigateway-integration"].responses["404"].responseTemplates).toEqual({ "application/json": NO_SUCH_PET });

    const after = await cli(["drift", "--spec", spec, "--stage", "prod", ...ep()]);
    expect(after.code, after.stdout).toBe(0);
  });

  it("changed and deployed out of band: drift --stage names the foreign deployment (exit 2); apply --deploy takes the stage back; a foreign deployment alone is reported too and redeployed", async () => {
    await sdk.send(new PutIntegrationResponseCommand({ ...pets, statusCode: "200", selectionPattern: "", responseParameters: { [CORS_HEADER]: "'https://example.com'" } }));
    const other = await sdk.send(new CreateDeploymentCommand({ restApiId: api.restApiId, stageName: "prod", description: "deployed from the console" }));
    expect((await stageOf("prod")).deploymentId).toBe(other.id);

    const text = await cli(["drift", "--spec", spec, "--stage", "prod", ...ep()]);
    expect(text.code, text.stderr).toBe(2);
    const lines = text.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(`DRIFT: 1 of 2 method(s) drifted (1 response); stage prod of rest api ${api.restApiId}: serves deployment ${other.id}, which apigw-responses did not make`);
    expect(lines).toContain("  200 integration response changed");
    expect(lines.slice(-3)).toEqual([
      `stage prod (rest api ${api.restApiId})`,
      `  foreign: serves deployment ${other.id}, which apigw-responses did not make`,
      "Correct it with `apigw-responses apply --spec FILE --deploy prod`.",
    ]);
    const json = JSON.parse((await cli(["drift", "--spec", spec, "--stage", "prod", "--format", "json", ...ep()])).stdout) as { stage: { foreign: boolean; entries: unknown[] } };
    expect(json.stage.foreign).toBe(true);
    expect(json.stage.entries).toEqual([
      { state: "foreign", deploymentId: other.id, description: `stage prod of rest api ${api.restApiId} serves deployment ${other.id}, which apigw-responses did not make` },
    ]);

    const [apply, n1] = await callsDuring("CreateDeployment", () => cli(["apply", "--spec", spec, "--deploy", "prod", ...ep()]));
    expect(apply.code, apply.stderr).toBe(0);
    expect(n1).toBe(1);
    expect((await cli(["drift", "--spec", spec, "--stage", "prod", ...ep()])).code).toBe(0);

    // Someone deploys again, with nothing changed: the spec matches, the stage is foreign: exit 2, and apply --deploy redeploys (the apply itself writes nothing).
    const again = await sdk.send(new CreateDeploymentCommand({ restApiId: api.restApiId, stageName: "prod" }));
    const foreignOnly = await cli(["drift", "--spec", spec, "--stage", "prod", ...ep()]);
    expect(foreignOnly.code).toBe(2);
    expect(foreignOnly.stdout.split("\n")[0]).toBe(`DRIFT: 2 method(s) match the spec; stage prod of rest api ${api.restApiId}: serves deployment ${again.id}, which apigw-responses did not make`);
    const [redeploy, n2] = await callsDuring("CreateDeployment", () => cli(["apply", "--spec", spec, "--deploy", "prod", "--format", "json", ...ep()]));
    expect(redeploy.code, redeploy.stderr).toBe(0);
    expect(n2).toBe(1);
    const doc = JSON.parse(redeploy.stdout) as { report: { operations: unknown[] }; deployment: { deploymentId: string; stageCreated: boolean; reason: string } };
    expect(doc.report.operations).toEqual([]);
    expect(doc.deployment).toMatchObject({ stageName: "prod", stageCreated: false, reason: "foreign" });
    expect((await stageOf("prod")).deploymentId).toBe(doc.deployment.deploymentId);
    expect((await cli(["drift", "--spec", spec, "--stage", "prod", ...ep()])).code).toBe(0);
  });

  it("a stage that does not exist: drift --stage nope exits 2 with a does-not-exist entry (text, json)", async () => {
    const text = await cli(["drift", "--spec", spec, "--stage", "nope", ...ep()]);
    expect(text.code, text.stderr).toBe(2);
    expect(text.stdout.trimEnd().split("\n")).toEqual([
      `DRIFT: 2 method(s) match the spec; stage nope of rest api ${api.restApiId} does not exist`,
      `stage nope (rest api ${api.restApiId})`,
      "  does not exist",
      "Correct it with `apigw-responses apply --spec FILE --deploy nope`.",
    ]);
    const json = JSON.parse((await cli(["drift", "--spec", spec, "--stage", "nope", "--format", "json", ...ep()])).stdout) as { drifted: boolean; stage: unknown };
    expect(json.drifted).toBe(true);
    expect(json.stage).toEqual({
      restApiId: api.restApiId,
      stageName: "nope",
      exists: false,
      foreign: false,
      entries: [{ state: "stage-missing", description: `stage nope of rest api ${api.restApiId} does not exist` }],
    });
  });

  it("a method outside the spec changed and not deployed is not reported (exit 0), though the stage no longer serves the live API: apply --deploy deploys it", async () => {
    const options = { restApiId: api.restApiId, resourceId: api.resources["/pets"]!, httpMethod: "OPTIONS" };
    await sdk.send(new PutMethodResponseCommand({ ...options, statusCode: "204" }));
    const drift = await cli(["drift", "--spec", spec, "--stage", "prod", "--format", "json", ...ep()]);
    expect(drift.code, drift.stdout).toBe(0);
    expect((JSON.parse(drift.stdout) as { stage: { entries: unknown[] } }).stage.entries).toEqual([]);

    const before = (await emulatorStats(endpoint)).calls;
    const [apply, n] = await callsDuring("CreateDeployment", () => cli(["apply", "--spec", spec, "--deploy", "prod", ...ep()]));
    expect(apply.code, apply.stderr).toBe(0);
    expect(n).toBe(1);
    expect(apply.stdout).toMatch(/\(the stage served responses that differ from the live API\)$/m);
    // The live API is read once for the inspection, and that read is the deployment's too (issue 14):
    // one GetModels and one GetGatewayResponses; GetResources twice (the apply's plan, the inspection).
    const after = (await emulatorStats(endpoint)).calls;
    const delta = (op: string) => (after[op] ?? 0) - (before[op] ?? 0);
    expect([delta("GetResources"), delta("GetGatewayResponses"), delta("GetModels")]).toEqual([2, 1, 1]);
    expect((await exported("prod")).paths["/pets"].options.responses).toHaveProperty("204");
  });

  it("no deployment when the apply failed; a deployment AWS refuses (NO_INTEGRATION, AWS-50) is exit 1 with its message naming the stage and the REST API", async () => {
    const { restApiId, rootId } = await createRestApi(sdk, "stage-cli-refused");
    const resourceId = await createResource(sdk, restApiId, rootId, "bare");
    await putMethod(sdk, { restApiId, resourceId, httpMethod: "GET" }, false);
    const bare = writeSpec(dir, "bare.yaml", { restApiId, methods: [{ path: "/bare", httpMethod: "GET", responses: { "200": { methodResponse: {} } } }] });

    const [failed, n1] = await withFaults([{ fault: "denied", operation: "PutMethodResponse", restApiId }], () =>
      callsDuring("CreateDeployment", () => cli(["apply", "--spec", bare, "--deploy", "prod", ...ep()])),
    );
    expect(failed.code).toBe(1);
    expect(n1).toBe(0);
    expect(failed.stderr).toContain(`no deployment to stage prod of rest api ${restApiId}: the apply failed`);
    expect(failed.stdout).not.toContain("deployed to");

    const [refused, n2] = await callsDuring("CreateDeployment", () => cli(["apply", "--spec", bare, "--deploy", "prod", "--deadline", "1s", ...ep()]));
    expect(refused.code, refused.stdout).toBe(1);
    expect(n2).toBe(0);
    expect(refused.stderr).toMatch(new RegExp(`^error: NO_INTEGRATION: stage prod of rest api ${restApiId}: GET /bare has no integration after waiting \\d+ s`, "m"));
    const json = await cli(["apply", "--spec", bare, "--deploy", "prod", "--deadline", "1s", "--format", "json", ...ep()]);
    expect(json.code).toBe(1);
    const doc = JSON.parse(json.stdout) as { ok: boolean; deployment: { stageName: string; error: { code: string; message: string } } };
    expect(doc.ok).toBe(false);
    expect(doc.deployment.stageName).toBe("prod");
    expect(doc.deployment.error.code).toBe("NO_INTEGRATION");
  });

  it("--help of apply and drift: the new options, an example, the exit codes", async () => {
    const apply = await cli(["apply", "--help"]);
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain("--deploy <stage>");
    expect(apply.stdout.replace(/\s+/g, " ")).toContain("No deployment when the apply failed, nor with --dry-run.");
    expect(apply.stdout).toContain("$ apigw-responses apply --spec api.yaml --deploy prod");
    const drift = await cli(["drift", "--help"]);
    expect(drift.code).toBe(0);
    expect(drift.stdout).toContain("--stage <stage>");
    expect(drift.stdout).toContain("$ apigw-responses drift --spec api.yaml --stage prod");
    expect(drift.stdout.replace(/\s+/g, " ")).toContain("Exit code: 0 no drift, 2 drift (or, with --stage, anything undeployed), 1 error.");
  });
});
