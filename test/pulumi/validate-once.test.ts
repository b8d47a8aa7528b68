/**
 * Every road validates once, before any AWS call: a Pulumi create or update validates its
 * inputs itself (`check` runs in its own call; the engine may send create and update inputs
 * it never checked). The endpoint is a closed port: a call made before validation would fail
 * with a network error, not with the validation failures.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { releaseSharedClients } from "../../src/aws/connection";
import { createResource, updateResource, configureProcess } from "../../src/pulumi/handlers";
import { ValidationError } from "../../src/validate";

const target = { restApiId: "api1", path: "/users", httpMethod: "GET" };
const config = new Map([
  ["aws:region", "eu-west-1"],
  ["apigw-responses:endpoint", "http://127.0.0.1:9"],
  ["apigw-responses:deadline", "1s"],
]);

beforeAll(() => configureProcess({ get: (k) => config.get(k) }));
afterAll(() => releaseSharedClients());

describe("a Pulumi create or update validates its inputs before any AWS call", () => {
  it.each([
    ["ResponseSet", { ...target, responses: { "600": { methodResponse: {} } } }, "responses.600"],
    ["ResponseSet", { ...target, httpMethod: "get", responses: {} }, "httpMethod"],
    ["MethodResponse", { ...target, statusCode: "200", responseParameters: { "method.response.header.X": "yes" } }, "responseParameters.method.response.header.X"],
    ["IntegrationResponse", { ...target, statusCode: "200", selectionPattern: "(" }, "selectionPattern"],
  ] as const)("create %s: every failure, no call", async (kind, inputs, property) => {
    const err = await createResource(kind, inputs as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).failures.map((f) => f.property)).toContain(property);
  });

  it("update: the new inputs are validated", async () => {
    const olds = { ...target, resourceId: "r1", responses: {}, revision: "sha256:x" };
    const err = await updateResource("ResponseSet", olds as never, { ...target, responses: {}, exclusive: "yes" } as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).failures.map((f) => f.property)).toEqual(["exclusive"]);
  });

  it("the responses a non-exclusive set leaves alone (check's own input) are not refused", async () => {
    const err = await createResource("ResponseSet", { ...target, exclusive: false, responses: { "600": {} }, responsesLeftAlone: { "500": {} } } as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).failures.map((f) => f.property)).toEqual(["responses.600"]);
  });
});
