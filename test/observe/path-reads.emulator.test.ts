/**
 * Path-named Pulumi resources of one provider process share their `GetResources`
 * (issue 10): the provider verbs that arrive together — a `pulumi up` creating many
 * resources named by `path` — resolve their paths with one read of the REST API per
 * coalescing window, not one read each, and their first observe uses that read.
 * `GetResources` has the tightest quota of all (AWS-12: 5 every 2 s).
 * Measured before this change: 19 to 20 `GetResources` (and 0 to 2 `GetMethod`) for
 * the 12 creates below; after: 5 to 7 `GetResources` and 0 to 4 `GetMethod`.
 */
import { GetMethodResponseCommand } from "@aws-sdk/client-api-gateway";
import { describe, expect, it } from "vitest";
import { resolvePaths } from "../../src/observe";
import { createResource } from "../../src/pulumi/handlers";
import { configureProcess } from "../../src/pulumi/settings";
import { readsAndWrites, useSeededApi } from "../support/local-api-gateway";

const N = 12;
const H = "method.response.header.X-Path";
const suite = useSeededApi({ resources: N, methods: N });

describe("path resolution in the provider process", () => {
  it(`${N} path resolutions that arrive together (one per resource, no shared session): one GetResources`, async () => {
    const before = suite.emulator.stats();
    const resolved = await Promise.all(suite.api.resources.map((r) => resolvePaths(suite.runtime, suite.api.restApiId, [r.path])));
    expect(resolved.map((x, i) => x[suite.api.resources[i]!.path])).toEqual(suite.api.resources.map((r) => r.id));
    expect(readsAndWrites(before, suite.emulator.stats()).calls).toEqual({ GetResources: 1 });
  });

  it(`${N} ResponseSets named by path, created together: one shared path read, and at most one more read each (its verification)`, async () => {
    const settings: Record<string, string> = { "apigw-responses:endpoint": suite.emulator.endpoint, "apigw-responses:rate": "off" };
    configureProcess({ get: (k) => settings[k] });
    const before = suite.emulator.stats();
    const created = await Promise.all(
      suite.api.resources.map((r) =>
        createResource("ResponseSet", { restApiId: suite.api.restApiId, path: r.path, httpMethod: "GET", responses: { "200": { methodResponse: { responseParameters: { [H]: false }, responseModels: { "application/json": "Empty" } } } }, exclusive: false } as never),
      ),
    );
    expect(created.map((c) => c.outs.resourceId)).toEqual(suite.api.resources.map((r) => r.id));
    const { calls, reads } = readsAndWrites(before, suite.emulator.stats());
    expect(calls.PutMethodResponse).toBe(N);
    expect(reads).toBeLessThanOrEqual(1 + N);
    // Each on the resource its path names, read raw (not through the normalizer): AWS echoes the maps put (AWS-18, AWS-70).
    const raw = await Promise.all(suite.api.resources.map((r) => suite.client.send(new GetMethodResponseCommand({ restApiId: suite.api.restApiId, resourceId: r.id, httpMethod: "GET", statusCode: "200" }))));
    for (const [i, { $metadata: _m, ...answer }] of raw.entries()) {
      expect(answer, suite.api.resources[i]!.path).toEqual({ statusCode: "200", responseParameters: { [H]: false }, responseModels: { "application/json": "Empty" } });
    }
  });
});
