/**
 * Helpers of the integration tests: start the local API Gateway, seed REST APIs,
 * resources, methods and integrations with the SDK directly, and read the
 * emulator's call counts.
 */
import { PutIntegrationResponseCommand, PutMethodResponseCommand, type APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { startEmulator, type Emulator, type EmulatorOptions, type EmulatorStats } from "../../src/emulator";
import type { MethodKey } from "../../src/model";
import { seedRestApi, type SeededRestApi } from "../../tools/seed";

/**
 * Start the local API Gateway with the AWS quotas scaled up 100 times (account
 * 1000 rps, `GetResources` 250 rps: the quota is not these tests' point) and a
 * short latency, unless told otherwise.
 */
export function startLocalApiGateway(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ quotaScale: 100, latencyMs: 2, ...options });
}

/** Our side's rates for tests: the account bucket and the `GetResources` bucket scaled like the emulator's. */
export const FAST_RATES = { rate: { rps: 1000, burst: 4000 }, operationRates: { GetResources: { rps: 250, burst: 500 } } } as const;

/** A seeded REST API: resources `/r0`, `/r1`, … under the root, `GET` with a MOCK integration on the first `methods`. */
export type SeededApi = SeededRestApi;

/**
 * Create a REST API with `resources` resources under the root (`/r0` …), and a
 * `GET` method with a MOCK integration on the first `methods` of them.
 * Calls on one REST API are made one at a time (the emulator enforces AWS-9).
 */
export function seedApi(client: APIGatewayClient, options: { resources: number; methods: number; name?: string }): Promise<SeededApi> {
  return seedRestApi(client, { name: options.name ?? "it", resources: options.resources, methods: options.methods });
}

/** Seed live responses of one method directly (a method response and/or an integration response per code). */
export async function seedResponses(
  client: APIGatewayClient,
  key: MethodKey,
  responses: Record<
    string,
    {
      methodResponse?: { responseParameters?: Record<string, boolean>; responseModels?: Record<string, string> };
      integrationResponse?: { selectionPattern?: string; responseParameters?: Record<string, string>; responseTemplates?: Record<string, string> };
    }
  >,
): Promise<void> {
  for (const [statusCode, r] of Object.entries(responses)) {
    if (r.methodResponse) await client.send(new PutMethodResponseCommand({ ...key, statusCode, ...r.methodResponse }));
  }
  for (const [statusCode, r] of Object.entries(responses)) {
    if (r.integrationResponse) await client.send(new PutIntegrationResponseCommand({ ...key, statusCode, ...r.integrationResponse }));
  }
}

/** Calls by operation between two stats snapshots. */
export function callsBetween(before: EmulatorStats, after: EmulatorStats): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [op, n] of Object.entries(after.calls)) {
    const d = n - (before.calls[op] ?? 0);
    if (d > 0) out[op] = d;
  }
  return out;
}

/** Is an operation name a read? */
export const isRead = (op: string): boolean => op.startsWith("Get");

/** Read and write call counts between two stats snapshots. */
export function readsAndWrites(before: EmulatorStats, after: EmulatorStats): { reads: number; writes: number; calls: Record<string, number> } {
  const calls = callsBetween(before, after);
  let reads = 0;
  let writes = 0;
  for (const [op, n] of Object.entries(calls)) {
    if (isRead(op)) reads += n;
    else writes += n;
  }
  return { reads, writes, calls };
}
