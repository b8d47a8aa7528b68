/**
 * The workload of the fault, crash and bad-input tests (its responses are those of
 * programs/sets): seed REST APIs through moto directly (no quota, no faults, not
 * counted by the local API Gateway), the desired responses of each method, live
 * drift, and the check that the live state equals the desired one exactly.
 */
import { PutMethodResponseCommand } from "@aws-sdk/client-api-gateway";
import { createRuntime } from "../../src/runtime";
import type { EmulatorStats } from "../../src/emulator";
import type { MethodKey, MethodSpec, ResponseSpec } from "../../src/model";
import { normalizeDesiredResponses, normalizedEqual } from "../../src/normalize";
import { observeMethods } from "../../src/observe";
import { seedApi, type SeededApi } from "../../tools/bench/workload";
import { localClient } from "../../tools/seed";

export { seedApi, type SeededApi };

const H = (name: string) => `method.response.header.${name}`;

/** The desired responses of method `i` in `variant`: three status codes, a mapped header, templates, selection patterns. */
export function desiredResponses(i: number, variant = 1): Record<string, ResponseSpec> {
  return {
    "200": {
      methodResponse: { responseParameters: { [H("X-Method")]: true }, responseModels: { "application/json": "Empty" } },
      integrationResponse: { responseParameters: { [H("X-Method")]: `'m${i}'` }, responseTemplates: { "application/json": `{"method": ${i}, "variant": ${variant}}` } },
    },
    "404": { methodResponse: {}, integrationResponse: { selectionPattern: ".*Not Found.*" } },
    "500": { methodResponse: {}, integrationResponse: { selectionPattern: "5\\d{2}", responseTemplates: { "application/json": '{"error": "internal"}' } } },
  };
}

/** Method specs of an API (method `i` gets {@link desiredResponses}(i, variant)). */
export function specsFor(api: SeededApi, variant = 1): MethodSpec[] {
  return api.methods.map((key, i) => ({ ...key, responses: desiredResponses(i, variant) }));
}

/**
 * Put live drift on every other method through moto directly: a foreign status
 * code (302) and a 200 method response with another header, so that converging
 * needs deletes, patches and creates.
 */
export async function seedDrift(motoEndpoint: string, methods: readonly MethodKey[]): Promise<void> {
  const client = localClient(motoEndpoint);
  try {
    for (const key of methods.filter((_, i) => i % 2 === 0)) {
      await client.send(new PutMethodResponseCommand({ ...key, statusCode: "302", responseParameters: { [H("Location")]: true } }));
      await client.send(new PutMethodResponseCommand({ ...key, statusCode: "200", responseParameters: { [H("X-Old")]: false } }));
    }
  } finally {
    client.destroy();
  }
}

/**
 * The live responses of `specs`' methods, read through the local API Gateway with
 * faults off, compared with the desired ones: every response there, equal after
 * normalization, and nothing else. Returns the methods that differ, with both sides.
 */
export async function liveDifferences(endpoint: string, specs: readonly MethodSpec[]): Promise<{ method: string; live: unknown; desired: unknown }[]> {
  const rt = createRuntime({ endpoint, rate: "off", coalesceWindowMs: 0, deadlineMs: 30_000 });
  const keys = specs.map((s) => ({ restApiId: s.restApiId, resourceId: s.resourceId!, httpMethod: s.httpMethod }));
  const observed = await observeMethods(rt, keys, { strategy: "get-resources", immediate: true });
  const out: { method: string; live: unknown; desired: unknown }[] = [];
  observed.forEach((o, i) => {
    const desired = normalizeDesiredResponses(specs[i]!.responses);
    if (!o.exists || !normalizedEqual(o.responses, desired)) out.push({ method: o.key.resourceId, live: o.responses, desired });
  });
  return out;
}

/** Faults injected between two stats snapshots, by kind, and the retries the emulator recognized. */
export function faultsBetween(before: EmulatorStats, after: EmulatorStats) {
  const d = (k: string) => (after.faults[k] ?? 0) - (before.faults[k] ?? 0);
  return {
    throttle: after.throttles.injected + after.throttles.quota - before.throttles.injected - before.throttles.quota,
    conflict: after.conflicts.injected + after.conflicts.concurrent - before.conflicts.injected - before.conflicts.concurrent,
    server: d("internal") + d("unavailable"),
    reset: d("reset"),
    hang: d("hang"),
    latency: d("latency"),
    denied: d("denied"),
    retriesSeen: after.retries - before.retries,
    totalCalls: after.totalCalls - before.totalCalls,
  };
}
