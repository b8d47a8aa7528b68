/**
 * `apigw-responses apply` and `drift` against the local API Gateway: convergence with
 * progress per method, retries visible under injected throttling and conflicts, the
 * final report in each format, `--dry-run`, and drift reported per method and status
 * code with the expected and live values (exit 0 none, 2 drift, 1 error).
 */
import { DeleteIntegrationResponseCommand, DeleteMethodResponseCommand, GetMethodCommand, PutIntegrationResponseCommand, PutMethodResponseCommand } from "@aws-sdk/client-api-gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedPetStore, type PetStore } from "../../tools/demo/seed";
import { emulatorStats, liveResponses } from "../support/pulumi";
import { cli, cliSuite, hasStackTrace, writeSpec } from "../support/cli";

async function setFaults(endpoint: string, rules: unknown[]): Promise<void> {
  const res = await fetch(`${endpoint}/__emulator/faults`, { method: "POST", body: JSON.stringify(rules) });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`faults: HTTP ${res.status}`);
}

describe("apigw-responses apply and drift", () => {
  const { endpoint, sdk, dir, ep } = cliSuite();
  let api: PetStore;
  let spec: string;
  const cors = { "method.response.header.Access-Control-Allow-Origin": true };

  beforeAll(async () => {
    api = await seedPetStore(sdk);
    spec = writeSpec(dir, "api.yaml", {
      restApiId: api.restApiId,
      methods: [
        {
          path: "/pets",
          httpMethod: "GET",
          responses: {
            "200": { methodResponse: { responseParameters: cors }, integrationResponse: { responseParameters: { "method.response.header.Access-Control-Allow-Origin": "'*'" } } },
            "500": { methodResponse: {}, integrationResponse: { selectionPattern: "^\\[Internal\\].*", responseTemplates: { "application/json": '{"message": "internal"}' } } },
          },
        },
        {
          path: "/pets/{petId}",
          httpMethod: "GET",
          responses: {
            "200": { methodResponse: {}, integrationResponse: { selectionPattern: "2\\d{2}" } },
            "404": { methodResponse: {}, integrationResponse: { selectionPattern: "404", responseTemplates: { "application/json": '{"message": "no such pet"}' } } },
          },
        },
      ],
    });
  });
  afterAll(() => setFaults(endpoint, []));

  it("apply --dry-run is plan: exit 2, no write", async () => {
    const before = (await emulatorStats(endpoint)).writes;
    const r = await cli(["apply", "--spec", spec, "--dry-run", ...ep()]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("Plan: 8 to create, 0 to update, 0 to replace, 0 to delete.");
    expect((await emulatorStats(endpoint)).writes).toBe(before);
  });

  it("apply converges under throttling and conflicts: one progress line per method with its retries, a final report, exit 0", async () => {
    await setFaults(endpoint, [
      { fault: "throttle", operation: "PutMethodResponse", count: 2, retryAfterSeconds: 0 },
      { fault: "conflict", operation: "PutIntegrationResponse", count: 1 },
    ]);
    const r = await cli(["apply", "--spec", spec, ...ep()]);
    await setFaults(endpoint, []);
    expect(r.code, r.stderr).toBe(0);
    const progress = r.stderr.trimEnd().split("\n");
    const done = progress.filter((l) => / done \(/.test(l));
    expect(done).toHaveLength(2);
    expect(done[0]).toMatch(/^\[1\/2\] GET \/pets \(rest api \w+, resource \w+\): done \(4 change\(s\), [\d.]+s, 3 retries \(2 throttled, 1 conflict\)\)$/);
    expect(done[1]).toMatch(/^\[2\/2\] GET \/pets\/\{petId\} \(rest api \w+, resource \w+\): done \(4 change\(s\), [\d.]+s\)$/);
    expect(progress.some((l) => /retrying: \d+ retr/.test(l))).toBe(true);
    expect(progress.at(-1)).toBe("verified: the live state equals the spec.");
    expect(r.stdout).toContain("Plan: 8 to create, 0 to update, 0 to replace, 0 to delete.");
    expect(r.stdout).toMatch(/^Applied 8 change\(s\) on 2 method\(s\) in [\d.]+s\.$/m);
    expect(r.stdout).toContain("  retries: 3 retries (2 throttled, 1 conflict)");
    expect(r.stdout).toMatch(/ {2}calls: {3}GetResources 2, PutIntegrationResponse 5, PutMethodResponse 6$/m);
    const live = await liveResponses(sdk, api.restApiId, api.resources["/pets"]!);
    expect(live["500"]?.integrationResponse?.selectionPattern).toBe("^\\[Internal\\].*");
    // Read raw, not through the normalizer: method responses echo the maps put, {} included (AWS-18, AWS-70).
    const raw = await sdk.send(new GetMethodCommand({ restApiId: api.restApiId, resourceId: api.resources["/pets"]!, httpMethod: "GET" }));
    expect(raw.methodResponses).toEqual({
      "200": { statusCode: "200", responseParameters: cors, responseModels: {} },
      "500": { statusCode: "500", responseParameters: {}, responseModels: {} },
    });
    expect(raw.methodIntegration?.integrationResponses?.["200"]?.responseParameters).toEqual({ "method.response.header.Access-Control-Allow-Origin": "'*'" });
    expect(raw.methodIntegration?.integrationResponses?.["500"]?.responseTemplates).toEqual({ "application/json": '{"message": "internal"}' });
  });

  it("apply again: nothing to do, no write, exit 0; json report", async () => {
    const before = (await emulatorStats(endpoint)).writes;
    const r = await cli(["apply", "--spec", spec, "--format", "json", ...ep()]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("2 method(s) already in sync: nothing to do.\n");
    const json = JSON.parse(r.stdout) as { ok: boolean; report: { operations: unknown[]; calls: Record<string, number> } };
    expect(json.ok).toBe(true);
    expect(json.report.operations).toEqual([]);
    expect(json.report.calls).toEqual({ GetResources: 1 });
    expect((await emulatorStats(endpoint)).writes).toBe(before);
  });

  it("drift: exit 0 with nothing drifted", async () => {
    const r = await cli(["drift", "--spec", spec, ...ep()]);
    expect([r.code, r.stdout]).toEqual([0, "No drift: 2 method(s) match the spec.\n"]);
  });

  it("drift after out-of-band changes: exit 2; per method and status code, expected and live values (text, json, markdown)", async () => {
    const pets = { restApiId: api.restApiId, resourceId: api.resources["/pets"]!, httpMethod: "GET" };
    const pet = { restApiId: api.restApiId, resourceId: api.resources["/pets/{petId}"]!, httpMethod: "GET" };
    await sdk.send(new PutIntegrationResponseCommand({ ...pet, statusCode: "404", selectionPattern: "404", responseTemplates: { "application/json": '{"message": "gone"}' } }));
    await sdk.send(new DeleteIntegrationResponseCommand({ ...pets, statusCode: "500" }));
    await sdk.send(new DeleteMethodResponseCommand({ ...pets, statusCode: "500" }));
    await sdk.send(new PutMethodResponseCommand({ ...pet, statusCode: "418" }));

    const text = await cli(["drift", "--spec", spec, ...ep()]);
    expect(text.code).toBe(2);
    expect(text.stdout.trimEnd().split("\n")).toEqual([
      "DRIFT: 2 of 2 method(s) drifted (4 responses)",
      `GET /pets (rest api ${api.restApiId}, resource ${pets.resourceId})`,
      "  500 integration response missing",
      '      responseTemplates.application/json: expected "{\\"message\\": \\"internal\\"}", live (absent)',
      '      selectionPattern: expected "^\\\\[Internal\\\\].*", live (absent)',
      "  500 method response missing",
      `GET /pets/{petId} (rest api ${api.restApiId}, resource ${pet.resourceId})`,
      "  404 integration response changed",
      '      responseTemplates.application/json: expected "{\\"message\\": \\"no such pet\\"}", live "{\\"message\\": \\"gone\\"}"',
      "  418 method response unexpected (not in the spec)",
      "Correct it with `apigw-responses apply --spec FILE` (or `pulumi up --refresh`).",
    ]);

    const json = await cli(["drift", "--spec", spec, "--format", "json", ...ep()]);
    expect(json.code).toBe(2);
    const report = JSON.parse(json.stdout) as { drifted: boolean; methods: { path: string; entries: { statusCode: string; kind: string; state: string; fields: unknown[] }[] }[] };
    expect(report.drifted).toBe(true);
    expect(report.methods.map((m) => [m.path, m.entries.map((e) => `${e.statusCode} ${e.kind} ${e.state}`)])).toEqual([
      ["/pets", ["500 integrationResponse missing", "500 methodResponse missing"]],
      ["/pets/{petId}", ["404 integrationResponse changed", "418 methodResponse unexpected"]],
    ]);
    expect(report.methods[1]!.entries[0]!.fields).toEqual([
      { field: "responseTemplates.application/json", expected: '{"message": "no such pet"}', live: '{"message": "gone"}' },
    ]);

    const md = await cli(["drift", "--spec", spec, "--format", "markdown", ...ep()]);
    expect(md.code).toBe(2);
    const lines = md.stdout.split("\n");
    expect(lines[0]).toBe("## API Gateway responses drift");
    expect(lines).toContain('| 404 | responseTemplates.application/json | {"message": "gone"} | {"message": "no such pet"} | ~ replace integration response |');
    expect(lines).toContain("| 418 | — | | | - delete method response |");
    expect(lines).toContain("Plan: 2 to create, 0 to update, 1 to replace, 1 to delete.");
  });

  it("apply corrects the drift (markdown report), then drift is 0 again", async () => {
    const r = await cli(["apply", "--spec", spec, "--format", "markdown", ...ep()]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe("## API Gateway responses applied");
    expect(r.stdout).toMatch(/^Applied 4 change\(s\) on 2 method\(s\) in [\d.]+s\.$/m);
    expect((await cli(["drift", "--spec", spec, ...ep()])).code).toBe(0);
  });

  it("apply on a method that does not exist: exit 1, one line with the request id, no stack trace", async () => {
    const file = writeSpec(dir, "nomethod.yaml", {
      restApiId: api.restApiId,
      methods: [{ path: "/pets", httpMethod: "DELETE", responses: { "200": { methodResponse: {} } } }],
    });
    const r = await cli(["apply", "--spec", file, ...ep()]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: METHOD_NOT_FOUND: DELETE \/pets .* does not exist; .*request id [\w-]+/);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it("apply that fails on a write: the method's progress line says FAILED, exit 1", async () => {
    await setFaults(endpoint, [{ fault: "internal", operation: "PutMethodResponse", restApiId: api.restApiId }]);
    const file = writeSpec(dir, "fails.yaml", {
      restApiId: api.restApiId,
      methods: [{ path: "/pets", httpMethod: "OPTIONS", responses: { "200": { methodResponse: {} } } }],
    });
    const r = await cli(["apply", "--spec", file, "--deadline", "1s", ...ep()]);
    await setFaults(endpoint, []);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^\[1\/1\] OPTIONS \/pets .*: FAILED: PutMethodResponse failed/m);
    expect(r.stderr.trimEnd().split("\n").at(-1)).toMatch(/^error: 1 method\(s\) could not be applied; first: PutMethodResponse failed/);
    expect(r.stdout).toMatch(/^Apply FAILED for 1 method\(s\)/m);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it("apply meeting a hard limit (AWS-63): the first write fails at once with AWS's message, the REST API's other methods are not started, exit 1", async () => {
    await setFaults(endpoint, [{ fault: "hard-limit", restApiId: api.restApiId, mutating: true }]);
    const file = writeSpec(dir, "limit.yaml", {
      restApiId: api.restApiId,
      methods: ["OPTIONS /pets", "GET /pets", "GET /pets/{petId}"].map((m) => ({ path: m.split(" ")[1], httpMethod: m.split(" ")[0], exclusive: false, responses: { "418": { methodResponse: {} } } })),
    });
    const before = (await emulatorStats(endpoint)).writes;
    const started = Date.now();
    // The default deadline (2 minutes): a retried 429 would take that long.
    const r = await cli(["apply", "--spec", file, ...ep()]);
    const elapsed = Date.now() - started;
    await setFaults(endpoint, []);
    expect(r.code).toBe(1);
    expect((await emulatorStats(endpoint)).writes - before).toBe(1);
    expect(elapsed).toBeLessThan(20_000);
    const progress = r.stderr.trimEnd().split("\n");
    expect(progress[0]).toMatch(
      /^\[1\/3\] OPTIONS \/pets .*: FAILED: PutMethodResponse failed for OPTIONS \/pets .* status 418 \[LIMIT_EXCEEDED\]: LimitExceededException: Maximum number of Resources for this API has been reached\. {2}Please contact AWS if you need additional Resources\. \(request id [\w-]+, 1 attempt, a hard limit \(AWS-63\): not retried\)$/,
    );
    expect(progress[1]).toMatch(/^\[2\/3\] GET \/pets .*: NOT STARTED: rest api \w+ met a hard limit \(LIMIT_EXCEEDED, AWS-63\)$/);
    expect(progress[2]).toMatch(/^\[3\/3\] GET \/pets\/\{petId\} .*: NOT STARTED: rest api \w+ met a hard limit \(LIMIT_EXCEEDED, AWS-63\)$/);
    expect(progress.at(-1)).toMatch(/^error: 3 method\(s\) could not be applied; first: PutMethodResponse failed .*\[LIMIT_EXCEEDED\]: LimitExceededException: Maximum number of Resources/);
    expect(r.stdout).toMatch(/^Apply FAILED for 3 method\(s\); 0 change\(s\) made/m);
    expect(r.stdout).toMatch(/^ {2}retries: none$/m);
    expect(r.stdout).toMatch(/^ {2}failed: {2}OPTIONS \/pets .*\[LIMIT_EXCEEDED\]/m);
    expect(r.stdout).toMatch(/^ {2}not started: GET \/pets .*: GET \/pets .* not started \[LIMIT_EXCEEDED\]: rest api \w+ met a hard limit earlier in this run/m);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });
  it("NOT_CONVERGED under --format json: exit 1, one line on stderr, and on stdout what was done and what remains (writes that do not stick)", async () => {
    const drifting = writeSpec(dir, "not-sticking.yaml", {
      restApiId: api.restApiId,
      methods: [{ path: "/pets", httpMethod: "GET", exclusive: false, responses: { "418": { methodResponse: {}, integrationResponse: { selectionPattern: "418" } } } }],
    });
    await setFaults(endpoint, [{ fault: "lost-write", operation: "PutIntegrationResponse" }]);
    try {
      const r = await cli(["apply", "--spec", drifting, "--format", "json", ...ep()]);
      expect(r.code).toBe(1);
      const errorLines = r.stderr.split("\n").filter((l) => l.startsWith("error:"));
      expect(errorLines).toEqual([
        "error: NOT_CONVERGED: after 3 apply passes, the live state still differs from the desired state in 1 method(s); the same changes were needed again after being applied: the writes did not stick, or another writer reverts them.",
      ]);
      expect(r.stderr).toContain("the live state still differs after pass 1: read again and re-planned; pass 2:");
      const doc = JSON.parse(r.stdout) as { ok: boolean; error: { code: string }; report: { operations: { kind: string; statusCode: string }[] }; remaining: { methods: { operations: { kind: string; statusCode: string }[] }[] } };
      expect(doc.ok).toBe(false);
      expect(doc.error.code).toBe("NOT_CONVERGED");
      expect(doc.report.operations.map((o) => `${o.kind} ${o.statusCode}`)).toEqual(["PutMethodResponse 418", "PutIntegrationResponse 418", "PutIntegrationResponse 418", "PutIntegrationResponse 418"]);
      expect(doc.remaining.methods.flatMap((m) => m.operations.map((o) => `${o.kind} ${o.statusCode}`))).toEqual(["PutIntegrationResponse 418"]);
    } finally {
      await setFaults(endpoint, []);
    }
  });
});
