/**
 * The local API Gateway for tests of the reconciler's parts: start one, seed REST APIs,
 * resources, methods and integrations with the SDK directly, and read the
 * emulator's call counts.
 */
import { PutIntegrationResponseCommand, PutMethodResponseCommand, type APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { afterAll, beforeAll } from "vitest";
import { createRuntime, releaseSharedClients, type Runtime } from "../../src/runtime";
import { startEmulator, type Emulator, type EmulatorOptions, type EmulatorStats } from "../../src/emulator";
import type { MethodKey } from "../../src/model";
import { localClient, seedRestApi, type SeededRestApi } from "../../tools/seed";

/**
 * Start the local API Gateway with the AWS quotas scaled up 100 times (account
 * 1000 rps, `GetResources` 250 rps: the quota is not these tests' point) and a
 * short latency, unless told otherwise.
 */
export function startLocalApiGateway(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ quotaScale: 100, latencyMs: 2, ...options });
}

/** Our side's rates for tests: the account bucket and the `GetResources` and `CreateDeployment` buckets scaled like the emulator's. */
export const FAST_RATES = { rate: { rps: 1000, burst: 4000 }, operationRates: { GetResources: { rps: 250, burst: 500 }, CreateDeployment: { rps: 20, burst: 100 } } } as const;

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

/** What {@link useSeededApi} gives a test file, once its `beforeAll` has run. */
export interface SeededSuite {
  readonly emulator: Emulator;
  /** An SDK client on the emulator (another writer, or a seeder). */
  readonly client: APIGatewayClient;
  /** A runtime at the test rates, with a 10 s deadline. */
  readonly runtime: Runtime;
  readonly api: SeededApi;
}

/**
 * Before a file's tests: start the local API Gateway, seed a REST API with
 * `resources` resources and `methods` GET methods, and make a client and a runtime;
 * after them, release and stop everything. The fields are set once `beforeAll` ran.
 */
export function useSeededApi(options: { resources: number; methods: number }): SeededSuite {
  const suite = {} as { -readonly [K in keyof SeededSuite]: SeededSuite[K] };
  beforeAll(async () => {
    suite.emulator = await startLocalApiGateway();
    suite.client = localClient(suite.emulator.endpoint);
    suite.runtime = createRuntime({ endpoint: suite.emulator.endpoint, ...FAST_RATES, deadlineMs: 10_000 });
    suite.api = await seedApi(suite.client, options);
  });
  afterAll(async () => {
    suite.client?.destroy();
    releaseSharedClients();
    await suite.emulator?.stop();
  });
  return suite;
}
