/**
 * Provider paths through the real `pulumi` CLI that no other test runs, on one shared
 * stack (each step builds on the last): an update of a `MethodResponse` and an
 * `IntegrationResponse` in place; a non-exclusive `ResponseSet` dropping a status code
 * (deleted) beside a foreign one (kept); `exclusive` toggled both ways; a single response
 * deleted out of band and recreated by `up --refresh`; an integration replaced out of
 * band, which wipes its integration responses (AWS-19), restored by `up --refresh`; and
 * the delete of a `ResponseSet` whose method is gone (AWS-14). Live state is checked
 * with raw SDK answers against literal values, not through the code under test.
 */
import {
  DeleteIntegrationResponseCommand,
  DeleteMethodCommand,
  GetIntegrationResponseCommand,
  GetMethodCommand,
  GetMethodResponseCommand,
  PutIntegrationCommand,
  PutMethodResponseCommand,
} from "@aws-sdk/client-api-gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStack, emulatorStats, sdkClient, seedApi, type TestStack } from "../support/pulumi";
import { sharedEndpoint } from "../support/workers";

const H = (name: string) => `method.response.header.${name}`;

describe("provider paths through pulumi up", () => {
  const endpoint = sharedEndpoint();
  const sdk = sdkClient(endpoint);
  let api: { restApiId: string; resourceIds: string[] };
  let stack: TestStack;
  const method = (i: number) => ({ restApiId: api.restApiId, resourceId: api.resourceIds[i]!, httpMethod: "GET" });
  /** Status codes of a method's method responses and of its integration responses, raw. */
  const codes = async (i: number) => {
    const m = await sdk.send(new GetMethodCommand(method(i)));
    return { method: Object.keys(m.methodResponses ?? {}).sort(), integration: Object.keys(m.methodIntegration?.integrationResponses ?? {}).sort() };
  };

  const spec = (o: { partialCodes?: string[]; partialExclusive?: boolean; template?: string; header?: string; whole?: boolean } = {}) => ({
    sets: [
      {
        name: "partial",
        resource: api.resourceIds[0],
        httpMethod: "GET",
        exclusive: o.partialExclusive ?? false,
        responses: Object.fromEntries((o.partialCodes ?? ["200", "404"]).map((c) => [c, { methodResponse: {}, integrationResponse: c === "200" ? {} : { selectionPattern: c } }])),
      },
      ...(o.whole === false ? [] : [{ name: "whole", resource: api.resourceIds[2], httpMethod: "GET", responses: { "200": { methodResponse: {}, integrationResponse: { responseTemplates: { "application/json": '{"whole": true}' } } } } }]),
    ],
    methodResponses: [{ name: "mr", resource: api.resourceIds[1], httpMethod: "GET", statusCode: "200", responseParameters: { [H(o.header ?? "X-A")]: true } }],
    integrationResponses: [
      {
        name: "ir",
        resource: api.resourceIds[1],
        httpMethod: "GET",
        statusCode: "200",
        responseTemplates: { "application/json": o.template ?? '{"v": 1}' },
        dependsOnMethodResponse: "mr",
      },
    ],
  });
  const configure = (s: unknown) => stack.run(["config", "set", "scenario:spec", JSON.stringify(s)]);

  beforeAll(async () => {
    api = await seedApi(sdk, 3, "provider-paths");
    stack = await createStack("scenario", endpoint, { "scenario:restApiId": api.restApiId, "scenario:spec": JSON.stringify(spec()) });
    await stack.up();
    // A response the non-exclusive set does not own.
    await sdk.send(new PutMethodResponseCommand({ ...method(0), statusCode: "418" }));
  });
  afterAll(async () => {
    await stack?.dispose();
    sdk.destroy();
  });

  it("MethodResponse and IntegrationResponse: a change of a field is an update in place, not a replacement", async () => {
    await configure(spec({ header: "X-B", template: '{"v": 2}' }));
    const up = await stack.up();
    expect(up.stdout).toMatch(/~ 2 updated/);
    expect(up.stdout).not.toMatch(/replace/);
    expect((await sdk.send(new GetMethodResponseCommand({ ...method(1), statusCode: "200" }))).responseParameters).toEqual({ [H("X-B")]: true });
    expect((await sdk.send(new GetIntegrationResponseCommand({ ...method(1), statusCode: "200" }))).responseTemplates).toEqual({ "application/json": '{"v": 2}' });
  });

  it("a non-exclusive ResponseSet that drops a status code deletes it, and keeps the foreign one", async () => {
    await configure(spec({ header: "X-B", template: '{"v": 2}', partialCodes: ["200"] }));
    await stack.up();
    expect(await codes(0)).toEqual({ method: ["200", "418"], integration: ["200"] });
  });

  it("exclusive false → true deletes the foreign response; true → false writes nothing", async () => {
    await configure(spec({ header: "X-B", template: '{"v": 2}', partialCodes: ["200"], partialExclusive: true }));
    await stack.up();
    expect(await codes(0)).toEqual({ method: ["200"], integration: ["200"] });
    await configure(spec({ header: "X-B", template: '{"v": 2}', partialCodes: ["200"], partialExclusive: false }));
    const before = await emulatorStats(endpoint);
    await stack.up();
    expect((await emulatorStats(endpoint)).writes - before.writes).toBe(0);
    expect(await codes(0)).toEqual({ method: ["200"], integration: ["200"] });
  });

  it("a single response deleted out of band: preview --refresh shows it, up --refresh recreates it", async () => {
    await sdk.send(new DeleteIntegrationResponseCommand({ ...method(1), statusCode: "200" }));
    const preview = await stack.run(["preview", "--refresh", "--expect-no-changes"]);
    expect(preview.code, preview.stdout + preview.stderr).toBe(7);
    expect(preview.stdout).toMatch(/\+ .*IntegrationResponse ir create/);
    await stack.up("--refresh");
    expect((await sdk.send(new GetIntegrationResponseCommand({ ...method(1), statusCode: "200" }))).responseTemplates).toEqual({ "application/json": '{"v": 2}' });
  });

  it("AWS-19: an integration replaced out of band loses its integration responses; up --refresh restores them", async () => {
    await sdk.send(new PutIntegrationCommand({ ...method(2), type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } }));
    expect(await codes(2)).toEqual({ method: ["200"], integration: [] });
    const preview = await stack.run(["preview", "--refresh", "--expect-no-changes"]);
    expect(preview.code, preview.stdout + preview.stderr).toBe(7);
    await stack.up("--refresh");
    expect((await sdk.send(new GetIntegrationResponseCommand({ ...method(2), statusCode: "200" }))).responseTemplates).toEqual({ "application/json": '{"whole": true}' });
  });

  it("AWS-14: removing a ResponseSet whose method was deleted out of band succeeds", async () => {
    await sdk.send(new DeleteMethodCommand(method(2)));
    await configure(spec({ header: "X-B", template: '{"v": 2}', partialCodes: ["200"], whole: false }));
    const up = await stack.up();
    expect(up.stdout).toMatch(/- 1 deleted/);
    const state = await stack.run(["stack", "export"]);
    expect(state.stdout).not.toMatch(/ResponseSet::whole/);
  });
});
