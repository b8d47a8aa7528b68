/**
 * Shared helpers of the emulator tests: an SDK client exactly as the reconciler
 * builds one (endpoint override, us-east-1, dummy credentials, no SDK retries),
 * an emulator per test file, a REST API fixture, and an assertion on AWS errors.
 */
import type { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { afterAll, beforeAll, expect } from "vitest";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../src/emulator/index";
import type { MethodKey } from "../../src/model";
import { localClient, seedRestApi } from "../../tools/seed";

/** An SDK client for `endpoint`, with `maxAttempts: 1` so raw errors are seen. */
export function clientFor(endpoint: string, extra: { requestTimeoutMs?: number } = {}): APIGatewayClient {
  return localClient(endpoint, { maxAttempts: 1, ...extra });
}

/** A test file's emulator, with a client through the layer (`aws`) and one on moto alone (`moto`). */
export interface EmulatorFixture {
  readonly emulator: Emulator;
  readonly aws: APIGatewayClient;
  readonly moto: APIGatewayClient;
}

/**
 * Start an emulator with `options` before the file's tests (handing it and its
 * clients to `ready`), and destroy the clients and stop it after them.
 */
export function useEmulator(options: EmulatorOptions, ready: (fixture: EmulatorFixture) => void): void {
  let fixture: Partial<EmulatorFixture> = {};
  beforeAll(async () => {
    const emulator = await startEmulator(options);
    fixture = { emulator, aws: clientFor(emulator.endpoint), moto: clientFor(emulator.moto.endpoint) };
    ready(fixture as EmulatorFixture);
  });
  afterAll(async () => {
    fixture.aws?.destroy();
    fixture.moto?.destroy();
    await fixture.emulator?.stop();
  });
}

/** A method to hang responses on. */
export interface MethodFixture {
  readonly restApiId: string;
  readonly resourceId: string;
  readonly httpMethod: string;
  readonly rootId: string;
}

/** Create a REST API with `/items` and a GET method on it, with a MOCK integration unless told otherwise. */
export async function createMethod(client: APIGatewayClient, opts: { integration?: boolean; name?: string } = {}): Promise<MethodFixture> {
  const api = await seedRestApi(client, {
    name: opts.name ?? "emulator-test",
    resources: 1,
    pathPart: () => "items",
    integration: opts.integration === false ? false : { type: "MOCK" },
  });
  return { ...api.methods[0]!, rootId: api.rootId };
}

/** The method key of a fixture. */
export function key(m: MethodFixture): MethodKey {
  return { restApiId: m.restApiId, resourceId: m.resourceId, httpMethod: m.httpMethod };
}

/** What an AWS error must look like. */
export interface ExpectedAwsError {
  readonly status: number;
  /** The SDK exception name (`error.name`). */
  readonly name: string;
  /** Exact message, or a pattern. */
  readonly message: string | RegExp;
}

/** Run `call` and assert it fails with the given AWS error; returns the error for further checks. */
export async function expectAwsError(call: Promise<unknown>, expected: ExpectedAwsError): Promise<Record<string, unknown>> {
  let error: unknown;
  try {
    await call;
  } catch (e) {
    error = e;
  }
  expect(error, "the call should have failed").toBeDefined();
  const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
  expect({ status: e.$metadata?.httpStatusCode, name: e.name }).toEqual({ status: expected.status, name: expected.name });
  if (typeof expected.message === "string") expect(e.message).toBe(expected.message);
  else expect(e.message).toMatch(expected.message);
  return error as Record<string, unknown>;
}

/** The error of a call that must fail (any error), or undefined when it succeeded. */
export async function errorOf(call: Promise<unknown>): Promise<{ name: string; message: string; status?: number } | undefined> {
  try {
    await call;
    return undefined;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
}

/** Drop the SDK's `$metadata` from an output, to compare bodies. */
export function body<T extends { $metadata?: unknown }>(output: T): Omit<T, "$metadata"> {
  const { $metadata: _ignored, ...rest } = output;
  return rest;
}

/** The HTTP status of a successful SDK output. */
export function statusOf(output: { $metadata: { httpStatusCode?: number } }): number | undefined {
  return output.$metadata.httpStatusCode;
}

/**
 * A raw HTTP call (no SDK), for looking at bodies exactly as sent, e.g. moto's
 * `null`s that the SDK hides. The Authorization header only tells moto the
 * account and region (moto does not check signatures).
 */
export async function rawCall(
  endpoint: string,
  method: string,
  path: string,
  payload?: unknown,
): Promise<{ status: number; headers: Headers; json: unknown }> {
  const res = await fetch(`${endpoint}${path}`, {
    method,
    headers: {
      "content-type": "application/json",
      authorization: "AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/apigateway/aws4_request, SignedHeaders=host, Signature=0",
    },
    ...(payload !== undefined ? { body: JSON.stringify(payload) } : {}),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: res.status, headers: res.headers, json };
}
