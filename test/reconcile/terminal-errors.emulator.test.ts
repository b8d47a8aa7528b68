/**
 * Terminal errors (missing REST API, missing method, access denied) end the run
 * well within the deadline, after one attempt, with a typed error whose message
 * names the method and the AWS request id — never an endless retry.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApplyError } from "../../src/apply";
import { ApiGatewayError } from "../../src/aws/errors";
import { createRuntime, releaseSharedClients } from "../../src/runtime";
import { startEmulator, type Emulator, type EmulatorStats } from "../../src/emulator";
import type { MethodSpec } from "../../src/model";
import { reconcile } from "../../src/reconcile";
import { desiredResponses, seedApi, type SeededApi } from "../support/sets";

let emulator: Emulator;
let api: SeededApi;
const DEADLINE_MS = 20_000;

beforeAll(async () => {
  emulator = await startEmulator({ quota: "off", latencyMs: 2 });
  // Two resources; the second gets its GET method deleted below (a missing method).
  api = await seedApi(emulator.moto.endpoint, 2, "terminal");
  const { DeleteMethodCommand } = await import("@aws-sdk/client-api-gateway");
  const { localClient } = await import("../../tools/seed");
  const c = localClient(emulator.moto.endpoint);
  await c.send(new DeleteMethodCommand(api.methods[1]!));
  c.destroy();
});

afterAll(async () => {
  releaseSharedClients();
  await emulator?.stop();
});

const runtime = () => createRuntime({ endpoint: emulator.endpoint, rate: "off", deadlineMs: DEADLINE_MS, baseDelayMs: 50 });
const REQUEST_ID = /request id [0-9a-f-]{36}/;

/** Run reconcile, expecting a failure; returns the typed error and the time it took. */
async function failing(specs: MethodSpec[]): Promise<{ err: ApiGatewayError; ms: number; all: unknown; retries: number }> {
  const started = Date.now();
  const rt = runtime();
  const all = await reconcile(rt, specs).then(
    () => undefined,
    (e: unknown) => e,
  );
  const ms = Date.now() - started;
  const err = all instanceof ApplyError ? all.errors[0] : all;
  expect(err).toBeInstanceOf(ApiGatewayError);
  return { err: err as ApiGatewayError, ms, all, retries: Object.values(rt.counters.retries).reduce((a, b) => a + b, 0) };
}

/** What the emulator received between two snapshots: calls and outcomes by operation, and the calls it saw as retries. */
function received(before: EmulatorStats, after: EmulatorStats): { calls: Record<string, string[]>; retries: number } {
  const calls: Record<string, string[]> = {};
  for (const [op, outcomes] of Object.entries(after.outcomesByOperation)) {
    for (const [outcome, n] of Object.entries(outcomes)) {
      const d = n - (before.outcomesByOperation[op]?.[outcome as keyof typeof outcomes] ?? 0);
      for (let i = 0; i < d; i++) (calls[op] ??= []).push(outcome);
    }
  }
  return { calls, retries: after.retries - before.retries };
}

describe("terminal errors fail fast, naming the method and the request id", () => {
  it("missing REST API", async () => {
    const spec: MethodSpec = { restApiId: "nosuchapi1", resourceId: "nosuchres", httpMethod: "GET", responses: desiredResponses(0) };
    const before = emulator.stats();
    const { err, ms, retries } = await failing([spec]);
    // One read of the method (404), one of the REST API to tell a missing API from a missing
    // method (404): each once, and no retry of either, by our policy or the SDK.
    expect(received(before, emulator.stats())).toEqual({ calls: { GetMethod: ["404"], GetRestApi: ["404"] }, retries: 0 });
    expect(retries).toBe(0);
    expect(err.attempts).toBe(1);
    expect(err.operation).toBe("GetRestApi");
    expect(err.classification).toBe("not-found");
    expect(err.message).toContain("GET nosuchres (rest api nosuchapi1, resource nosuchres)");
    expect(err.message).toMatch(REQUEST_ID);
    expect(err.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(ms).toBeLessThan(3_000);
  });

  it("missing method", async () => {
    const key = api.methods[1]!;
    const before = emulator.stats();
    const { err, ms, retries } = await failing([{ ...key, responses: desiredResponses(1) }]);
    // The method read (404) once; the REST API read (200) once says the API is there: no retry.
    expect(received(before, emulator.stats())).toEqual({ calls: { GetMethod: ["404"], GetRestApi: ["200"] }, retries: 0 });
    expect(retries).toBe(0);
    expect(err.attempts).toBe(1);
    expect(err.operation).toBe("GetMethod");
    expect(err.code).toBe("METHOD_NOT_FOUND");
    expect(err.message).toContain(`GET ${key.resourceId} (rest api ${key.restApiId}, resource ${key.resourceId})`);
    expect(err.message).toMatch(REQUEST_ID);
    expect(ms).toBeLessThan(3_000);
  });

  for (const operation of ["PutMethodResponse", "PutIntegrationResponse", "GetMethod"] as const) {
    it(`access denied (403 AccessDeniedException) on ${operation}`, async () => {
      const key = api.methods[0]!;
      const before = emulator.stats();
      emulator.setFaults([{ fault: "denied", operation }]);
      let result;
      try {
        // GetMethod is only used for a single method; the write cases need a first write to be denied.
        result = await failing([{ ...key, responses: desiredResponses(0, operation === "GetMethod" ? 2 : 3) }]);
      } finally {
        emulator.setFaults([]);
      }
      const { err, ms, retries } = result;
      expect(retries).toBe(0);
      expect(err.classification).toBe("terminal");
      expect(err.awsErrorName).toBe("AccessDeniedException");
      expect(err.attempts).toBe(1);
      expect(err.operation).toBe(operation);
      expect(err.message).toContain(`GET ${key.resourceId} (rest api ${key.restApiId}, resource ${key.resourceId})`);
      expect(err.message).toContain("not authorized");
      expect(err.message).toMatch(REQUEST_ID);
      expect(ms).toBeLessThan(3_000);
      // One denied call, answered 403, and no retry of it (our policy counted none, above).
      const after = emulator.stats();
      expect((after.faults.denied ?? 0) - (before.faults.denied ?? 0)).toBe(1);
      expect((after.outcomesByOperation[operation]?.["403"] ?? 0) - (before.outcomesByOperation[operation]?.["403"] ?? 0)).toBe(1);
    });
  }

  it("a write error on a method named by path names it by that path", async () => {
    const key = api.methods[0]!;
    emulator.setFaults([{ fault: "denied", operation: "PutIntegrationResponse" }]);
    try {
      const { err } = await failing([{ restApiId: key.restApiId, path: "/m0", httpMethod: "GET", responses: desiredResponses(0, 4) }]);
      expect(err.operation).toBe("PutIntegrationResponse");
      expect(err.message).toContain(`for GET /m0 (rest api ${key.restApiId}, resource ${key.resourceId})`);
    } finally {
      emulator.setFaults([]);
    }
  });
});
