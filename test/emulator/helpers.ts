/**
 * Shared helpers of the emulator tests: an SDK client exactly as the reconciler
 * builds one (endpoint override, us-east-1, dummy credentials, no SDK retries),
 * a REST API fixture, and an assertion on AWS errors.
 */
import {
  APIGatewayClient,
  CreateResourceCommand,
  CreateRestApiCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  PutMethodCommand,
} from "@aws-sdk/client-api-gateway";
import { expect } from "vitest";

/** An SDK client for `endpoint`, with `maxAttempts: 1` so raw errors are seen. */
export function clientFor(endpoint: string, extra: { requestTimeoutMs?: number } = {}): APIGatewayClient {
  return new APIGatewayClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
    ...(extra.requestTimeoutMs !== undefined ? { requestHandler: { requestTimeout: extra.requestTimeoutMs, throwOnRequestTimeout: true } } : {}),
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
  const api = await client.send(new CreateRestApiCommand({ name: opts.name ?? "emulator-test" }));
  const restApiId = api.id!;
  const resources = await client.send(new GetResourcesCommand({ restApiId }));
  const rootId = resources.items!.find((r) => r.path === "/")!.id!;
  const resource = await client.send(new CreateResourceCommand({ restApiId, parentId: rootId, pathPart: "items" }));
  const key = { restApiId, resourceId: resource.id!, httpMethod: "GET" };
  await client.send(new PutMethodCommand({ ...key, authorizationType: "NONE" }));
  if (opts.integration !== false) await client.send(new PutIntegrationCommand({ ...key, type: "MOCK" }));
  return { ...key, rootId };
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
