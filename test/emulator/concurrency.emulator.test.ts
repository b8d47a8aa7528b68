/**
 * AWS-9: a mutating call on a REST API while another one on the same REST API is in
 * flight gets 409 ConflictException "Unable to complete operation due to concurrent
 * modification. Please try again later."; reads never conflict. moto never does this.
 */
import {
  CreateRestApiCommand,
  GetMethodCommand,
  GetMethodResponseCommand,
  PutMethodResponseCommand,
  type APIGatewayClient,
} from "@aws-sdk/client-api-gateway";
import { beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index";
import { createMethod, errorOf, expectAwsError, key, statusOf, useEmulator } from "../support/emulator";

const CONFLICT = "Unable to complete operation due to concurrent modification. Please try again later.";

let emulator: Emulator;
let aws: APIGatewayClient;
let moto: APIGatewayClient;

useEmulator({ quota: "off", latencyMs: 20 }, (s) => ({ emulator, aws, moto } = s));

beforeEach(() => emulator.setFaults([]));

describe("AWS-9: concurrent modification", () => {
  it("100 parallel mutating calls on one REST API: some succeed, the rest get the 409", async () => {
    const m = await createMethod(aws);
    const before = emulator.stats().conflicts.concurrent;
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => errorOf(aws.send(new PutMethodResponseCommand({ ...key(m), statusCode: String(200 + i) })))),
    );
    const failures = results.filter((r) => r !== undefined);
    const successes = results.length - failures.length;
    expect(successes).toBeGreaterThan(0);
    expect(failures.length).toBeGreaterThan(0);
    for (const f of failures) expect(f).toEqual({ status: 409, name: "ConflictException", message: CONFLICT });
    expect(emulator.stats().conflicts.concurrent - before).toBe(failures.length);
    // Exactly the successful ones exist.
    const method = await aws.send(new GetMethodCommand(key(m)));
    expect(Object.keys(method.methodResponses ?? {})).toHaveLength(successes);
  });

  it("the same 100 calls straight to moto never conflict", async () => {
    const m = await createMethod(aws);
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => errorOf(moto.send(new PutMethodResponseCommand({ ...key(m), statusCode: String(200 + i) })))),
    );
    expect(results.filter((r) => r !== undefined)).toEqual([]);
  });

  it("is transient: once the call in flight is done, the same call succeeds", async () => {
    const m = await createMethod(aws);
    emulator.setFaults([{ fault: "latency", latencyMs: 300, operation: "PutMethodResponse", count: 1 }]);
    const slow = aws.send(new PutMethodResponseCommand({ ...key(m), statusCode: "200" }));
    await new Promise((r) => setTimeout(r, 100));
    await expectAwsError(aws.send(new PutMethodResponseCommand({ ...key(m), statusCode: "201" })), {
      status: 409,
      name: "ConflictException",
      message: CONFLICT,
    });
    expect(statusOf(await slow)).toBe(201);
    expect(statusOf(await aws.send(new PutMethodResponseCommand({ ...key(m), statusCode: "201" })))).toBe(201);
  });

  it("reads never conflict, even while a mutating call is in flight", async () => {
    const m = await createMethod(aws);
    await aws.send(new PutMethodResponseCommand({ ...key(m), statusCode: "200" }));
    emulator.setFaults([{ fault: "latency", latencyMs: 400, operation: "PutMethodResponse", count: 1 }]);
    const slow = aws.send(new PutMethodResponseCommand({ ...key(m), statusCode: "201" }));
    await new Promise((r) => setTimeout(r, 50));
    const reads = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        errorOf(
          i % 2 === 0 ? aws.send(new GetMethodCommand(key(m))) : aws.send(new GetMethodResponseCommand({ ...key(m), statusCode: "200" })),
        ),
      ),
    );
    expect(reads.filter((r) => r !== undefined)).toEqual([]);
    await slow;
  });

  it("mutating calls on different REST APIs do not conflict", async () => {
    const methods = await Promise.all(Array.from({ length: 5 }, (_, i) => createMethod(aws, { name: `api-${i}` })));
    const results = await Promise.all(methods.map((m) => errorOf(aws.send(new PutMethodResponseCommand({ ...key(m), statusCode: "200" })))));
    expect(results).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it("calls without a REST API (CreateRestApi) are not gated", async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => errorOf(aws.send(new CreateRestApiCommand({ name: `n${i}` })))));
    expect(results.filter((r) => r !== undefined)).toEqual([]);
  });
});
