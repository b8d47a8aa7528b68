/**
 * Read costs through the engine (pulumi preview --refresh): a no-op refresh of 20
 * ResponseSets on one REST API and 5 on another, in one run, reads both APIs, writes
 * nothing, and spends at most the reads pinned here (the emulator's stats). The bound is
 * today's measured cost with a margin for timing (coalescing windows), below one read per
 * resource, so that a regression to per-resource reads fails; issue 14 lowers it.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createStack, emulatorStats, sdkClient, seedApi, type TestStack } from "../support/pulumi";

/**
 * Most reads a no-op `preview --refresh` of the 25 sets may make. Measured: 8, 8 (5
 * GetResources + 3 GetMethod) alone, 11 (5 + 6) within the whole suite: how many GetMethod
 * calls the coalescing window saves depends on timing. Reads per resource would be 25 or more.
 */
const MAX_READS = 18;

describe("read costs through the engine", () => {
  const endpoint = inject("endpoint");
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

  it(`a no-op preview --refresh of 25 ResponseSets on two REST APIs: no write, both APIs read, at most ${MAX_READS} reads`, async () => {
    const before = await emulatorStats(endpoint);
    const preview = await stack.run(["preview", "--refresh", "--expect-no-changes"]);
    expect(preview.code, preview.stdout + preview.stderr).toBe(0);
    const after = await emulatorStats(endpoint);
    const calls = Object.fromEntries(Object.entries(after.calls).map(([op, n]) => [op, n - (before.calls[op] ?? 0)]).filter(([, n]) => (n as number) > 0));
    const reads = Object.entries(calls).filter(([op]) => op.startsWith("Get")).reduce((n, [, c]) => n + (c as number), 0);
    console.log(`no-op preview --refresh of 25 ResponseSets on 2 REST APIs: ${reads} reads ${JSON.stringify(calls)}`);
    expect(after.writes - before.writes).toBe(0);
    // Each API is read at least once: one GetResources (AWS-30) or a GetMethod per method.
    expect(reads).toBeGreaterThanOrEqual(2);
    expect(reads, JSON.stringify(calls)).toBeLessThanOrEqual(MAX_READS);
  });
});
