/**
 * The Pulumi resources never lose a response, with the real `pulumi` CLI: renames,
 * moves into a component, two sets trading methods, path changes and typos, paths not
 * known at preview, two owners of one response, exclusive toggles with refresh, and
 * secrets in validation errors.
 */
import { PutMethodResponseCommand } from "@aws-sdk/client-api-gateway";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { normalizeDesiredResponses } from "../../src/normalize";
import { createStack, emulatorStats, liveResponses, sdkClient, seedApi, type TestStack } from "../support/pulumi";
import { sharedEndpoint } from "../support/workers";

const CORS = "method.response.header.Access-Control-Allow-Origin";
const respA = {
  "200": {
    methodResponse: { responseParameters: { [CORS]: true } },
    integrationResponse: { responseParameters: { [CORS]: "'*'" }, responseTemplates: { "application/json": '{"a": 1}' } },
  },
  "404": { methodResponse: {}, integrationResponse: { selectionPattern: ".*Not found.*" } },
};
const respB = { "201": { methodResponse: { responseModels: { "application/json": "Empty" } }, integrationResponse: {} } };

describe("the Pulumi resources never lose a response", () => {
  const endpoint = sharedEndpoint();
  const sdk = sdkClient(endpoint);
  let api: { restApiId: string; resourceIds: string[] };
  let stack: TestStack;
  const live = (i: number) => liveResponses(sdk, api.restApiId, api.resourceIds[i]!);
  const configure = async (spec: unknown) => {
    const r = await stack.run(["config", "set", "scenario:spec", JSON.stringify(spec)]);
    expect(r.code, r.stderr).toBe(0);
  };
  const inSync = async () => {
    const preview = await stack.run(["preview", "--refresh", "--expect-no-changes"]);
    expect(preview.code, preview.stdout + preview.stderr).toBe(0);
  };

  // Each test on a REST API and a stack of its own (a dispose leaves the responses it made).
  beforeEach(async () => {
    await stack?.dispose();
    api = await seedApi(sdk, 4, "ownership");
    stack = await createStack("scenario", endpoint, { "scenario:restApiId": api.restApiId, "scenario:spec": JSON.stringify({}) });
  });
  afterAll(async () => {
    await stack?.dispose();
    sdk.destroy();
  });

  it("renaming a ResponseSet keeps its responses", async () => {
    await configure({ sets: [{ name: "a", resource: api.resourceIds[0], httpMethod: "GET", responses: respA }] });
    await stack.up();
    await configure({ sets: [{ name: "b", resource: api.resourceIds[0], httpMethod: "GET", responses: respA }] });
    const up = await stack.up();
    expect(up.stdout).toMatch(/\+ .*b.*created/);
    expect(up.stdout).toMatch(/- .*a.*deleted/);
    expect(await live(0)).toEqual(normalizeDesiredResponses(respA));
    await inSync();
  });

  it("moving a ResponseSet into a component keeps its responses", async () => {
    await configure({ sets: [{ name: "a", resource: api.resourceIds[0], httpMethod: "GET", responses: respA }] });
    await stack.up();
    await configure({ sets: [{ name: "a", parent: "group", resource: api.resourceIds[0], httpMethod: "GET", responses: respA }] });
    await stack.up();
    expect(await live(0)).toEqual(normalizeDesiredResponses(respA));
    await inSync();
  });

  it("two ResponseSets trading methods keep both methods' responses", async () => {
    const sets = (x: number, y: number) => [
      { name: "x", resource: api.resourceIds[x], httpMethod: "GET", responses: respA },
      { name: "y", resource: api.resourceIds[y], httpMethod: "GET", responses: respB },
    ];
    await configure({ sets: sets(0, 1) });
    await stack.up();
    await configure({ sets: sets(1, 0) });
    await stack.up();
    expect(await live(1)).toEqual(normalizeDesiredResponses(respA));
    expect(await live(0)).toEqual(normalizeDesiredResponses(respB));
    await inSync();
  });

  it("renaming a MethodResponse: the error names aliases; with aliases or adoptExisting the response stays", async () => {
    const single = (name: string, extra: object = {}) => ({
      methodResponses: [{ name, resource: api.resourceIds[2], httpMethod: "GET", statusCode: "200", responseModels: { "application/json": "Empty" }, ...extra }],
    });
    const want = normalizeDesiredResponses({ "200": { methodResponse: { responseModels: { "application/json": "Empty" } } } });
    await configure(single("one"));
    await stack.up();
    await configure(single("two"));
    const refused = await stack.run(["up", "--yes", "--skip-preview"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toMatch(/ALREADY_EXISTS[\s\S]*aliases: \[\{ name: "<old name>" \}\]/);
    expect(await live(2)).toEqual(want);

    await configure(single("two", { aliases: ["one"] }));
    const renamed = await stack.up();
    expect(renamed.stdout).not.toMatch(/deleted|created/);
    expect(await live(2)).toEqual(want);

    await configure(single("three", { adoptExisting: true }));
    await stack.up();
    expect(await live(2)).toEqual(want);
    await inSync();
  });

  it("a path not known at preview does not fail the preview", async () => {
    const spec = { sets: [{ name: "later", path: "/r1", pathAfterCreate: true, httpMethod: "GET", responses: respA }] };
    await configure(spec);
    const preview = await stack.run(["preview"]);
    expect(preview.code, preview.stdout + preview.stderr).toBe(0);
    expect(preview.stdout + preview.stderr).not.toMatch(/must start with/);
    await stack.up();
    expect(await live(0)).toEqual(normalizeDesiredResponses(respA));
  });

  it("a typo in path deletes nothing; a real new path is created before the old one is cleared", async () => {
    const at = (path: string) => ({ sets: [{ name: "p", path, httpMethod: "GET", responses: respA }] });
    await configure(at("/r1"));
    await stack.up();
    await configure(at("/r1-typo"));
    const before = await emulatorStats(endpoint);
    const typo = await stack.run(["up", "--yes"]);
    expect(typo.code).not.toBe(0);
    expect(typo.stdout + typo.stderr).toMatch(/PATH_NOT_FOUND|\/r1-typo/);
    expect((await emulatorStats(endpoint)).writes - before.writes).toBe(0);
    expect(await live(0)).toEqual(normalizeDesiredResponses(respA));

    await configure(at("/r2"));
    await stack.up();
    expect(await live(1)).toEqual(normalizeDesiredResponses(respA));
    expect(await live(0)).toEqual({});
    await inSync();
  });

  it("two resources managing one response are refused at preview, naming both", async () => {
    await configure({
      sets: [{ name: "owner", resource: api.resourceIds[3], httpMethod: "GET", responses: respB }],
      methodResponses: [{ name: "intruder", resource: api.resourceIds[3], httpMethod: "GET", statusCode: "201" }],
    });
    const before = await emulatorStats(endpoint);
    const preview = await stack.run(["preview", "--refresh"]);
    const text = preview.stdout + preview.stderr;
    expect(preview.code).not.toBe(0);
    // Whichever is checked second names the first: both resources are named in one error.
    const m = /resource '(owner|intruder)'[^\n]* is also managed by urn:pulumi:test-w\d+::scenario::\S+::(owner|intruder)\b/.exec(text);
    expect(m, text).not.toBeNull();
    expect(m![1]).not.toBe(m![2]);
    expect((await emulatorStats(endpoint)).writes - before.writes).toBe(0);
    // The positive control: each on its own is accepted.
    await configure({ sets: [{ name: "owner", resource: api.resourceIds[3], httpMethod: "GET", responses: respB }] });
    expect((await stack.run(["preview"])).code).toBe(0);
  });

  it("switching exclusive from true to false with a refresh leaves foreign responses alone", async () => {
    const set = (exclusive: boolean) => ({ sets: [{ name: "t", resource: api.resourceIds[3], httpMethod: "GET", responses: respB, exclusive }] });
    await configure(set(true));
    await stack.up();
    await sdk.send(new PutMethodResponseCommand({ restApiId: api.restApiId, resourceId: api.resourceIds[3], httpMethod: "GET", statusCode: "418" }));
    await configure(set(false));
    await stack.up("--refresh");
    expect(Object.keys(await live(3)).sort()).toEqual(["201", "418"]);
  });

  it("the preview of exclusive false → true shows the responses it will delete", async () => {
    const set = (exclusive: boolean) => ({ sets: [{ name: "t", resource: api.resourceIds[3], httpMethod: "GET", responses: respB, exclusive }] });
    await configure(set(false));
    await stack.up();
    await sdk.send(new PutMethodResponseCommand({ restApiId: api.restApiId, resourceId: api.resourceIds[3], httpMethod: "GET", statusCode: "451" }));
    // Left alone while non-exclusive: a refreshed preview is in sync.
    await inSync();
    await configure(set(true));
    const preview = await stack.run(["preview", "--refresh", "--diff"]);
    expect(preview.code, preview.stdout + preview.stderr).toBe(0);
    expect(preview.stdout).toMatch(/- responsesLeftAlone: \{[^]*?- 451: \{\s*- methodResponse: \{\}/);
    expect(preview.stdout).toMatch(/~ exclusive\s*: false => true/);
    await stack.up();
    expect(Object.keys(await live(3))).toEqual(["201"]);
  });

  it("an invalid value that is secret is never echoed", async () => {
    const pattern = "(secret-pattern-4711";
    await configure({
      sets: [
        {
          name: "s",
          resource: api.resourceIds[0],
          httpMethod: "GET",
          secretTemplates: true,
          responses: { "200": { methodResponse: {}, integrationResponse: { selectionPattern: pattern } } },
        },
      ],
    });
    const preview = await stack.run(["preview"]);
    const text = preview.stdout + preview.stderr;
    expect(preview.code).not.toBe(0);
    expect(text).toMatch(/selectionPattern \(a secret value\) is not a valid regular expression/);
    expect(text).not.toContain("secret-pattern-4711");
  });

  it("invalid provider settings fail the preview, before any call", async () => {
    await configure({ sets: [{ name: "a", resource: api.resourceIds[0], httpMethod: "GET", responses: respA }] });
    expect((await stack.run(["config", "set", "apigw-responses:rate", "fast"])).code).toBe(0);
    const before = await emulatorStats(endpoint);
    const preview = await stack.run(["preview", "--refresh"]);
    expect(preview.code).not.toBe(0);
    expect(preview.stdout + preview.stderr).toMatch(/apigw-responses:rate: rate "fast" must be RPS:BURST/);
    expect((await emulatorStats(endpoint)).calls).toEqual(before.calls);
    expect((await stack.run(["config", "rm", "apigw-responses:rate"])).code).toBe(0);
  });
});
