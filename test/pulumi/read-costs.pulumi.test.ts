/**
 * Read costs through the engine (issue 14), counted by the local API Gateway: the
 * resources of a provider process share their reads (run snapshots, `observe/snapshots.ts`).
 * - A no-op `preview --refresh` of 25 ResponseSets on two REST APIs reads each API about
 *   once and writes nothing.
 * - `pulumi up` of 40 single resources (a `MethodResponse` and an `IntegrationResponse` per
 *   status code) spends at most 1.10 calls per response; a no-op refresh of them at most 5 reads.
 * - A snapshot never hides drift: a change made out of band before a run is seen by that
 *   run; one made while a run is going (after its read) is seen by the next run.
 */
import { UpdateMethodResponseCommand } from "@aws-sdk/client-api-gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { costOf, createStack, emulatorStats, liveResponses, sdkClient, seedApi, type TestStack } from "../support/pulumi";
import { sharedEndpoint } from "../support/workers";

const endpoint = sharedEndpoint();

/** Run `call` again while it fails with a 409 (another writer's concurrent modification, AWS-9). */
async function retryConflicts<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if ((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode !== 409 || attempt >= 20) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * Most reads a no-op `preview --refresh` of the 25 sets may make: 2 per REST API. Measured
 * 3 (GetResources 2, GetMethod 1: the first resource refreshed on an API is read alone,
 * the next ones wait for one whole read). Before the shared reads: 8 to 11.
 */
const MAX_SET_READS = 4;

describe("read costs through the engine: ResponseSets on two REST APIs", () => {
  const sdk = sdkClient(endpoint);
  let stack: TestStack;

  beforeAll(async () => {
    const a = await seedApi(sdk, 20, "read-costs-a");
    const b = await seedApi(sdk, 5, "read-costs-b");
    const responses = { "200": { methodResponse: {}, integrationResponse: {} }, "404": { methodResponse: {}, integrationResponse: { selectionPattern: "404" } } };
    const sets = [
      ...a.resourceIds.map((resource, i) => ({ name: `a${i}`, restApi: a.restApiId, resource, httpMethod: "GET", responses })),
      ...b.resourceIds.map((resource, i) => ({ name: `b${i}`, restApi: b.restApiId, resource, httpMethod: "GET", responses })),
    ];
    stack = await createStack("scenario", endpoint, { "scenario:restApiId": a.restApiId, "scenario:spec": JSON.stringify({ sets }) });
    await stack.up();
  });
  afterAll(async () => {
    await stack?.dispose();
    sdk.destroy();
  });

  it(`a no-op preview --refresh of 25 ResponseSets: no write, both APIs read, at most ${MAX_SET_READS} reads`, async () => {
    const pv = await costOf(endpoint, () => stack.run(["preview", "--refresh", "--expect-no-changes"]));
    expect(pv.code, pv.stdout + pv.stderr).toBe(0);
    console.log(`no-op preview --refresh of 25 ResponseSets on 2 REST APIs: ${pv.reads} reads ${JSON.stringify(pv.calls)}`);
    expect(pv.writes).toBe(0);
    // Each API is read at least once: one GetResources (AWS-30) or a GetMethod.
    expect(pv.reads).toBeGreaterThanOrEqual(2);
    expect(pv.reads, JSON.stringify(pv.calls)).toBeLessThanOrEqual(MAX_SET_READS);
  });
});

describe("read costs through the engine: 40 single resources on one REST API", () => {
  const sdk = sdkClient(endpoint);
  const H = (name: string) => `method.response.header.${name}`;
  const codes = ["200", "404"];
  let stack: TestStack;
  let api: { restApiId: string; resourceIds: string[] };

  /** One `MethodResponse` and one `IntegrationResponse` per status code of each of the 10 methods; `origin` is the CORS value mapped on 200. */
  const scenario = (origin: string) => ({
    methodResponses: api.resourceIds.flatMap((resource, i) =>
      codes.map((statusCode) => ({ name: `mr-${i}-${statusCode}`, restApi: api.restApiId, resource, httpMethod: "GET", statusCode, responseParameters: { [H("Access-Control-Allow-Origin")]: true } })),
    ),
    integrationResponses: api.resourceIds.flatMap((resource, i) =>
      codes.map((statusCode) => ({
        name: `ir-${i}-${statusCode}`,
        restApi: api.restApiId,
        resource,
        httpMethod: "GET",
        statusCode,
        dependsOnMethodResponse: `mr-${i}-${statusCode}`,
        ...(statusCode === "200" ? {} : { selectionPattern: statusCode }),
        responseParameters: { [H("Access-Control-Allow-Origin")]: statusCode === "200" ? `'${origin}'` : "'*'" },
      })),
    ),
  });
  const configure = (origin: string) => stack.run(["config", "set", "scenario:spec", JSON.stringify(scenario(origin))]);
  /** Another writer adds a header nobody declared to the 404 method response of method `i`. */
  const addHeaderOutOfBand = (i: number, header: string) =>
    sdk.send(
      new UpdateMethodResponseCommand({
        restApiId: api.restApiId,
        resourceId: api.resourceIds[i]!,
        httpMethod: "GET",
        statusCode: "404",
        patchOperations: [{ op: "add", path: `/responseParameters/${H(header)}`, value: "false" }],
      }),
    );

  beforeAll(async () => {
    api = await seedApi(sdk, 10, "read-costs-singles");
    stack = await createStack("scenario", endpoint, { "scenario:restApiId": api.restApiId, "scenario:spec": "{}" });
    await configure("https://a.example");
  });
  afterAll(async () => {
    await fetch(`${endpoint}/__emulator/faults`, { method: "POST", body: "[]" }).then((res) => res.arrayBuffer());
    await stack?.dispose();
    sdk.destroy();
  });

  it("pulumi up creates them at most 1.10 calls per response (40 writes and a few shared reads)", async () => {
    const up = await costOf(endpoint, () => stack.run(["up", "--yes", "--skip-preview"]));
    expect(up.code, up.stdout + up.stderr).toBe(0);
    console.log(`pulumi up of 40 single resources: ${up.total} calls, ${up.reads} reads ${JSON.stringify(up.calls)}`);
    expect(up.writes).toBe(40);
    expect(up.total / 40, JSON.stringify(up.calls)).toBeLessThanOrEqual(1.1);
    // Raw answers, not our normalizer: what AWS would return for one method.
    const live = await liveResponses(sdk, api.restApiId, api.resourceIds[3]!);
    expect(live["200"]?.integrationResponse?.responseParameters).toEqual({ [H("Access-Control-Allow-Origin")]: "'https://a.example'" });
    expect(Object.keys(live)).toEqual(codes);
  });

  it("a no-op preview --refresh of the 40 reads at most 5 times and writes nothing", async () => {
    const pv = await costOf(endpoint, () => stack.run(["preview", "--refresh", "--expect-no-changes"]));
    expect(pv.code, pv.stdout + pv.stderr).toBe(0);
    console.log(`no-op preview --refresh of 40 single resources: ${pv.reads} reads ${JSON.stringify(pv.calls)}`);
    expect(pv.writes).toBe(0);
    expect(pv.reads).toBeGreaterThanOrEqual(1);
    expect(pv.reads, JSON.stringify(pv.calls)).toBeLessThanOrEqual(5);
  });

  it("a change made out of band before a run is seen by that run", async () => {
    // Method 0's 404 method response gains a header nobody declared.
    await addHeaderOutOfBand(0, "X-Out-Of-Band");
    const pv = await stack.run(["preview", "--refresh", "--diff", "--expect-no-changes"]);
    expect(pv.code, pv.stdout).not.toBe(0);
    expect(pv.stdout).toContain("X-Out-Of-Band");
    const up = await stack.run(["up", "--yes", "--refresh", "--skip-preview"]);
    expect(up.code, up.stdout + up.stderr).toBe(0);
    expect((await liveResponses(sdk, api.restApiId, api.resourceIds[0]!))["404"]?.methodResponse?.responseParameters).toEqual({ [H("Access-Control-Allow-Origin")]: true });
  });

  it("a change made out of band while a run is going, after its read, is seen by the next run", async () => {
    // Slow every write, so that the run is still going when the change is made.
    await fetch(`${endpoint}/__emulator/faults`, { method: "POST", body: JSON.stringify([{ fault: "latency", latencyMs: 400, mutating: true }]) }).then((res) => res.arrayBuffer());
    await configure("https://b.example");
    const before = await emulatorStats(endpoint);
    const running = stack.run(["up", "--yes", "--refresh", "--skip-preview"]);
    // Once the run has read (its refresh) and started writing, a response it has read changes.
    for (let i = 0; i < 600 && (await emulatorStats(endpoint)).writes === before.writes; i++) await new Promise((r) => setTimeout(r, 50));
    // While the run writes, another writer meets AWS-9's 409 now and then: it tries again.
    await retryConflicts(() => addHeaderOutOfBand(9, "X-During-The-Run"));
    const up = await running;
    await fetch(`${endpoint}/__emulator/faults`, { method: "POST", body: "[]" }).then((res) => res.arrayBuffer());
    expect(up.code, up.stdout + up.stderr).toBe(0);
    expect(up.stdout).not.toContain("X-During-The-Run");
    // The next run does not reuse what the last one read: it sees the change.
    const pv = await stack.run(["preview", "--refresh", "--diff", "--expect-no-changes"]);
    expect(pv.code, pv.stdout).not.toBe(0);
    expect(pv.stdout).toContain("X-During-The-Run");
  });
});
