/**
 * The three resources with the real `pulumi` CLI against the local API Gateway:
 * converge, stay stable (an `up --refresh` reads and writes nothing), show and correct
 * drift, replace on a status code rename, fail in check on bad input (an `up` of it makes
 * zero calls), leave nothing managed behind on destroy, and ride out throttling and
 * conflicts under the account quota with no concurrent write and no 429 of the quota.
 */
import { DeleteMethodResponseCommand, PutIntegrationResponseCommand, PutMethodResponseCommand } from "@aws-sdk/client-api-gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator, type EmulatorStats } from "../../src/emulator";
import { normalizeDesiredResponses } from "../../src/normalize";
import { localClient } from "../../tools/seed";
import { costOf, createStack, diffSteps, emulatorStats, liveResponses, sdkClient, seedApi, type TestStack } from "../support/pulumi";
import { sharedEndpoint } from "../support/workers";

const CORS = "method.response.header.Access-Control-Allow-Origin";

describe("ResponseSet, MethodResponse and IntegrationResponse with the real pulumi CLI", () => {
  const endpoint = sharedEndpoint();
  const sdk = sdkClient(endpoint);
  let api: { restApiId: string; resourceIds: string[] };
  let stack: TestStack;
  let r: string[];

  const setA = () => ({
    "200": {
      methodResponse: { responseParameters: { [CORS]: true }, responseModels: { "application/json": "Empty" } },
      integrationResponse: { responseParameters: { [CORS]: "'*'" }, responseTemplates: { "application/json": '{"ok": true}' } },
    },
    "400": { methodResponse: {}, integrationResponse: { selectionPattern: "4\\d{2}", responseTemplates: { "application/json": "" } } },
  });
  const setB = () => ({ "200": { methodResponse: {}, integrationResponse: {} } });
  const scenario = (statusCode = "200") => ({
    sets: [
      { name: "set-a", resource: r[0], httpMethod: "GET", responses: setA() },
      { name: "set-b", resource: r[1], httpMethod: "GET", responses: setB(), exclusive: false },
    ],
    methodResponses: [
      { name: "single", resource: r[2], httpMethod: "GET", statusCode, responseParameters: { [CORS]: false } },
    ],
    integrationResponses: [
      {
        name: "single",
        resource: r[2],
        httpMethod: "GET",
        statusCode,
        responseParameters: { [CORS]: "'https://example.com'" },
        dependsOnMethodResponse: "single",
      },
    ],
  });
  const configure = (spec: unknown) => stack.run(["config", "set", "scenario:spec", JSON.stringify(spec)]);

  beforeAll(async () => {
    api = await seedApi(sdk, 4);
    r = api.resourceIds;
    stack = await createStack("scenario", endpoint, { "scenario:restApiId": api.restApiId, "scenario:spec": JSON.stringify(scenario()) });
  });
  afterAll(async () => {
    await stack?.dispose();
    sdk.destroy();
  });

  // "Writes nothing" is measured on `up --refresh`, the path that reads and would write on any
  // difference (a preview never writes, and without --refresh makes no call at all); the drift
  // test below is its control: the same command writes when there is drift.
  it("pulumi up converges; a second pulumi up --refresh reads, expects no changes and writes nothing", async () => {
    await stack.up();
    expect(await liveResponses(sdk, api.restApiId, r[0]!)).toEqual(normalizeDesiredResponses(setA()));
    expect(await liveResponses(sdk, api.restApiId, r[1]!)).toEqual(normalizeDesiredResponses(setB()));
    expect(await liveResponses(sdk, api.restApiId, r[2]!)).toEqual(
      normalizeDesiredResponses({
        "200": {
          methodResponse: { responseParameters: { [CORS]: false } },
          integrationResponse: { responseParameters: { [CORS]: "'https://example.com'" } },
        },
      }),
    );
    const again = await costOf(endpoint, () => stack.run(["up", "--refresh", "--expect-no-changes", "--yes", "--skip-preview"]));
    const text = again.stdout + again.stderr;
    expect(again.writes, text).toBe(0);
    expect(again.total, text).toBeGreaterThan(0);
    expect(again.code, text).toBe(0);
  });

  it("drift is visible in preview --refresh --diff and corrected by up --refresh", async () => {
    // Out of band: a changed template, a deleted method response, foreign status codes.
    await sdk.send(
      new PutIntegrationResponseCommand({
        restApiId: api.restApiId, resourceId: r[0], httpMethod: "GET", statusCode: "200",
        responseParameters: { [CORS]: "'*'" }, responseTemplates: { "application/json": '{"ok": "tampered"}' },
      }),
    );
    await sdk.send(new DeleteMethodResponseCommand({ restApiId: api.restApiId, resourceId: r[0], httpMethod: "GET", statusCode: "400" }));
    for (const resourceId of [r[0], r[1]]) {
      await sdk.send(new PutMethodResponseCommand({ restApiId: api.restApiId, resourceId, httpMethod: "GET", statusCode: "418" }));
    }

    const preview = await stack.run(["preview", "--refresh", "--expect-no-changes", "--diff"]);
    const text = preview.stdout + preview.stderr;
    // --expect-no-changes: exit code 7 when there are changes.
    expect(preview.code, text).toBe(7);
    // Each resource block, found by its `[urn=…]` line (the header line names only the type).
    const steps = diffSteps(text);
    const changed = steps.filter((s) => s.marker !== "" && s.type !== "pulumi:pulumi:Stack");
    // Only set-a changes (its refresh sees the drift, its update corrects it). The non-exclusive
    // set-b does not own 418, and the single resources did not drift: no block of theirs has a change.
    expect(changed.map((s) => `${s.marker} ${s.name} (${s.op})`), text).toEqual(["~ set-a (refresh)", "~ set-a (update)"]);
    const update = changed.find((s) => s.op === "update")!;
    // The update puts back the template, the deleted method response, and removes the foreign 418.
    // Refreshed inputs are the live state in the user's own shape: no noise beside the drift.
    expect(update.body, text).toMatch(/^\s*~ ok: "tampered" => true$/m);
    expect(update.body, text).toMatch(/^\s*~ 400: \{\n(?:.*\n)*?\s*\+ methodResponse\s*: \{\}$/m);
    expect(update.body, text).toMatch(/^\s*- 418: \{$/m);
    expect(update.body, text).not.toMatch(/exclusive/);

    const before = await emulatorStats(endpoint);
    await stack.up("--refresh");
    // The control of "writes nothing" above: the same command writes when there is drift.
    expect((await emulatorStats(endpoint)).writes - before.writes).toBeGreaterThan(0);
    expect(await liveResponses(sdk, api.restApiId, r[0]!)).toEqual(normalizeDesiredResponses(setA()));
    const b = await liveResponses(sdk, api.restApiId, r[1]!);
    expect(Object.keys(b).sort()).toEqual(["200", "418"]);
    const again = await stack.run(["preview", "--refresh", "--expect-no-changes"]);
    expect(again.code, again.stdout + again.stderr).toBe(0);
  });

  it("renaming the status code of single resources replaces them and leaves no old response", async () => {
    await configure(scenario("201"));
    const before = await emulatorStats(endpoint);
    const up = await stack.up();
    // The control of "no AWS call" below: the same `up` on valid input calls AWS.
    expect((await emulatorStats(endpoint)).writes - before.writes).toBeGreaterThan(0);
    expect(up.stdout).toMatch(/replace/);
    const live = await liveResponses(sdk, api.restApiId, r[2]!);
    expect(Object.keys(live)).toEqual(["201"]);
    expect(live["201"]?.integrationResponse?.responseParameters).toEqual({ [CORS]: "'https://example.com'" });
  });

  // Zero calls is measured on `up`: a preview without --refresh makes none even for valid input.
  it("invalid input fails pulumi preview and pulumi up in check, with the field and the rule; the up makes no AWS call", async () => {
    const bad = scenario("201");
    bad.sets[0]!.responses = {
      ...setA(),
      // AWS-7: not a status code; AWS-5: maps a header the method response does not declare.
      "600": { methodResponse: {}, integrationResponse: {} },
      "200": { methodResponse: {}, integrationResponse: { responseParameters: { "method.response.header.X-Undeclared": "'v'" } } },
    } as never;
    await configure(bad);
    const preview = await stack.run(["preview"]);
    const before = await emulatorStats(endpoint);
    const up = await stack.run(["up", "--yes", "--skip-preview"]);
    const calls = (await emulatorStats(endpoint)).totalCalls - before.totalCalls;
    expect(calls, up.stdout + up.stderr).toBe(0);
    for (const run of [preview, up]) {
      const text = run.stdout + run.stderr;
      expect(run.code, text).not.toBe(0);
      expect(text).toContain("600");
      expect(text).toMatch(/\[1-5\]\\?d\\?d/);
      expect(text).toContain("method.response.header.X-Undeclared");
    }
    await configure(scenario("201"));
  });

  it("pulumi destroy leaves no managed response (and keeps what a non-exclusive set does not own)", async () => {
    const destroy = await stack.run(["destroy", "--yes", "--skip-preview"]);
    expect(destroy.code, destroy.stdout + destroy.stderr).toBe(0);
    expect(await liveResponses(sdk, api.restApiId, r[0]!)).toEqual({});
    expect(Object.keys(await liveResponses(sdk, api.restApiId, r[1]!))).toEqual(["418"]);
    expect(await liveResponses(sdk, api.restApiId, r[2]!)).toEqual({});
  });
});

describe("pulumi up of 20 ResponseSets under the account quota, 30% throttling and 30% transient conflicts", () => {
  // Under the faults, retries would hide a provider that let two writes on the REST API overlap
  // (AWS-9) or ignored its rate: the emulator's counters do not. So a local API Gateway of its
  // own: the account quota on (the suite's is off), below the provider's default rate (10:40), so
  // that only the stack's apigw-responses:rate keeps the provider under it; that rate a little
  // below the quota, as the client's bucket counts departures and the quota arrivals. And writes
  // kept in flight longer than the 1/7 s between two departures: writes that were not queued
  // would overlap all along the run, not only in the first burst (as with the default 20 ms).
  const QUOTA = { rps: 8, burst: 16 };
  const RATE = { rps: 7, burst: 14 };
  const LATENCY_MS = 150;
  let emulator: Emulator;
  let stack: TestStack | undefined;

  beforeAll(async () => {
    emulator = await startEmulator({ quota: QUOTA, latencyMs: LATENCY_MS });
  });
  afterAll(async () => {
    // This emulator, and all the stack manages, goes with it; dispose removes the stack.
    await emulator?.stop();
    await stack?.dispose();
  });

  it("succeeds on the first try, with no concurrent write and no quota 429, and the live state is the desired one", async () => {
    // Seeded through moto directly: outside the quota, not counted.
    const seeder = sdkClient(emulator.moto.endpoint);
    const api = await seedApi(seeder, 20, "faults").finally(() => seeder.destroy());
    const responses = {
      "200": { methodResponse: { responseParameters: { [CORS]: true } }, integrationResponse: { responseParameters: { [CORS]: "'*'" } } },
      "500": { methodResponse: {}, integrationResponse: { selectionPattern: "5\\d{2}" } },
    };
    const sets = api.resourceIds.map((resource, i) => ({ name: `set-${i}`, resource, httpMethod: "GET", responses }));
    stack = await createStack("scenario", emulator.endpoint, {
      "scenario:restApiId": api.restApiId,
      "scenario:spec": JSON.stringify({ sets }),
      "apigw-responses:rate": `${RATE.rps}:${RATE.burst}`,
    });
    emulator.setFaults([
      { fault: "throttle", probability: 0.3, retryAfterSeconds: 0 },
      { fault: "conflict", mutating: true, probability: 0.3 },
    ]);
    const before = emulator.stats();
    const started = Date.now();
    await stack.up();
    const after = emulator.stats();
    emulator.setFaults([]);
    const delta = (f: (s: EmulatorStats) => number) => f(after) - f(before);
    const seen = JSON.stringify({
      ms: Date.now() - started,
      calls: delta((s) => s.totalCalls),
      conflicts: { concurrent: delta((s) => s.conflicts.concurrent), injected: delta((s) => s.conflicts.injected) },
      throttles: { quota: delta((s) => s.throttles.quota), injected: delta((s) => s.throttles.injected) },
      peakRequestRate: after.peakRequestRate,
    });
    expect(delta((s) => s.throttles.injected), seen).toBeGreaterThan(0);
    expect(delta((s) => s.conflicts.injected), seen).toBeGreaterThan(0);
    // AWS-9: one write at a time on the REST API, across the 20 resources of the provider process
    // (with writes that bypass the queue: 24 and 29 concurrent-modification 409s in two runs).
    expect(delta((s) => s.conflicts.concurrent), seen).toBe(0);
    // The stack's rate keeps the provider under the quota: no 429 of the quota's own (with the
    // rate ignored, the default 10:40: 11 in each of two runs).
    expect(delta((s) => s.throttles.quota), seen).toBe(0);
    // Read back through the quota: an SDK client that waits out its 429s.
    const reader = localClient(emulator.endpoint, { maxAttempts: 10 });
    try {
      for (const resourceId of api.resourceIds) {
        expect(await liveResponses(reader, api.restApiId, resourceId)).toEqual(normalizeDesiredResponses(responses));
      }
    } finally {
      reader.destroy();
    }
  }, 180_000);
});
