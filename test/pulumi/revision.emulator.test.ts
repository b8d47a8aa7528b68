/**
 * `revision` through the provider lifecycle (src/pulumi/lifecycle.ts), called in-process
 * against the local API Gateway as the dynamic providers call it: the revision `create`
 * returns equals the one `read` (refresh) returns for the same live state, a no-op `update`
 * keeps it (also when the inputs spell the same content otherwise), any change of content
 * changes it, and for a resource that manages part of a method only its own part counts.
 * The pure function is pinned in ./state.test.ts.
 */
import { describe, expect, it } from "vitest";
import type { MethodKey } from "../../src/model";
import { normalizeDesiredResponses } from "../../src/normalize";
import { createResource, readResource, revisionOf, updateResource, type ResourceKind } from "../../src/pulumi/handlers";
import { configureProcess, startNewOperation } from "../../src/pulumi/settings";
import type { AnyOutputs, ResponseSetOutputs } from "../../src/pulumi/state";
import { readsAndWrites, seedResponses, useSeededApi } from "../support/local-api-gateway";

const suite = useSeededApi({ resources: 7, methods: 7 });

const H = (name: string) => `method.response.header.${name}`;
const RESPONSES = {
  "200": {
    methodResponse: { responseParameters: { [H("X-A")]: true }, responseModels: { "application/json": "Empty" } },
    integrationResponse: { responseParameters: { [H("X-A")]: "'a'" }, responseTemplates: { "application/json": '{"ok": true}', "text/plain": "" } },
  },
  "404": { methodResponse: {}, integrationResponse: { selectionPattern: "404", contentHandling: "CONVERT_TO_TEXT" as const } },
};
/** The same content, spelled otherwise: empty maps, `""` selection pattern of the default response. */
const RESPELLED = {
  "404": { methodResponse: { responseParameters: {}, responseModels: {} }, integrationResponse: { selectionPattern: "404", contentHandling: "CONVERT_TO_TEXT", responseTemplates: {} } },
  "200": {
    methodResponse: { responseModels: { "application/json": "Empty" }, responseParameters: { [H("X-A")]: true } },
    integrationResponse: { selectionPattern: "", responseTemplates: { "text/plain": "", "application/json": '{"ok": true}' }, responseParameters: { [H("X-A")]: "'a'" } },
  },
};

/** The provider configured afresh, as in a new engine operation (a new provider process, its run snapshots empty). */
function useLocalProvider(): void {
  const settings: Record<string, string> = { "apigw-responses:endpoint": suite.emulator.endpoint, "apigw-responses:rate": "off" };
  configureProcess({ get: (k) => settings[k] });
  startNewOperation();
}
const keyOf = (i: number): MethodKey => suite.api.methods[i]!;
/** The revision a refresh reads: a refresh is an engine operation of its own. */
const revisionOfRead = async (kind: ResourceKind, id: string, outs: AnyOutputs) => {
  useLocalProvider();
  return (await readResource(kind, id, outs)).props?.revision;
};

describe("revision through create, read and update", () => {
  it("ResponseSet: create and read of the same live state agree; a no-op update (respelled inputs) and a refresh keep it; it is the hash of the desired content", async () => {
    useLocalProvider();
    const key = keyOf(0);
    const created = await createResource("ResponseSet", { ...key, responses: RESPONSES } as never);
    const revision = created.outs.revision;
    expect(revision).toBe(revisionOf(key, normalizeDesiredResponses(RESPONSES)));
    expect(await revisionOfRead("ResponseSet", created.id, created.outs)).toBe(revision);

    const before = suite.emulator.stats();
    const noop = await updateResource("ResponseSet", created.outs, { ...key, responses: RESPELLED } as never);
    expect(noop.outs.revision).toBe(revision);
    // Nothing was written: the respelled inputs are the same content.
    expect(readsAndWrites(before, suite.emulator.stats()).writes).toBe(0);
    expect(await revisionOfRead("ResponseSet", created.id, noop.outs)).toBe(revision);
  });

  it("ResponseSet: a change of content through update changes it, and read agrees with update", async () => {
    useLocalProvider();
    const key = keyOf(1);
    const created = await createResource("ResponseSet", { ...key, responses: RESPONSES } as never);
    const changes: Record<string, unknown>[] = [
      { ...RESPONSES, "404": { ...RESPONSES["404"], integrationResponse: { selectionPattern: "4\\d{2}", contentHandling: "CONVERT_TO_TEXT" } } },
      { ...RESPONSES, "404": { ...RESPONSES["404"], integrationResponse: { selectionPattern: "404", contentHandling: "CONVERT_TO_BINARY" } } },
      { ...RESPONSES, "404": { ...RESPONSES["404"], integrationResponse: { selectionPattern: "404" } } },
      { ...RESPONSES, "200": { ...RESPONSES["200"], integrationResponse: { ...RESPONSES["200"].integrationResponse, responseTemplates: { "application/json": '{"ok": false}' } } } },
      { ...RESPONSES, "200": { ...RESPONSES["200"], integrationResponse: { ...RESPONSES["200"].integrationResponse, responseParameters: { [H("X-A")]: "'b'" } } } },
      { ...RESPONSES, "200": { ...RESPONSES["200"], methodResponse: { responseParameters: { [H("X-A")]: false }, responseModels: { "application/json": "Empty" } } } },
      { ...RESPONSES, "200": { ...RESPONSES["200"], methodResponse: { responseParameters: { [H("X-A")]: true }, responseModels: { "application/json": "Error" } } } },
    ];
    const seen = new Set([created.outs.revision]);
    let outs = created.outs;
    for (const responses of changes) {
      outs = (await updateResource("ResponseSet", outs, { ...key, responses } as never)).outs;
      expect(seen.has(outs.revision), JSON.stringify(responses)).toBe(false);
      seen.add(outs.revision);
      expect(await revisionOfRead("ResponseSet", created.id, outs)).toBe(outs.revision);
    }
    // Back to the first content: back to the first revision.
    outs = (await updateResource("ResponseSet", outs, { ...key, responses: RESPONSES } as never)).outs;
    expect(outs.revision).toBe(created.outs.revision);
  });

  it("drift made by another writer changes the revision read by a refresh; another writer's spelling of the same content does not", async () => {
    useLocalProvider();
    const key = keyOf(2);
    const created = await createResource("ResponseSet", { ...key, responses: RESPONSES } as never);
    // The same pass-through template, written again by another writer (AWS answers it as null, AWS-16).
    await seedResponses(suite.client, key, { "200": { integrationResponse: { responseParameters: { [H("X-A")]: "'a'" }, responseTemplates: { "application/json": '{"ok": true}', "text/plain": "" } } } });
    expect(await revisionOfRead("ResponseSet", created.id, created.outs)).toBe(created.outs.revision);
    await seedResponses(suite.client, key, { "200": { integrationResponse: { responseParameters: { [H("X-A")]: "'drift'" }, responseTemplates: { "application/json": '{"ok": true}', "text/plain": "" } } } });
    expect(await revisionOfRead("ResponseSet", created.id, created.outs)).not.toBe(created.outs.revision);
  });

  it("a non-exclusive set: create and read agree with a foreign response on the method, and a change of the foreign response leaves it", async () => {
    useLocalProvider();
    const key = keyOf(3);
    await seedResponses(suite.client, key, { "418": { methodResponse: {}, integrationResponse: { selectionPattern: "418" } } });
    const created = await createResource("ResponseSet", { ...key, exclusive: false, responses: RESPONSES } as never);
    expect(created.outs.revision).toBe(revisionOf(key, normalizeDesiredResponses(RESPONSES)));
    expect(await revisionOfRead("ResponseSet", created.id, created.outs)).toBe(created.outs.revision);
    await seedResponses(suite.client, key, { "418": { integrationResponse: { selectionPattern: "41\\d" } } });
    expect(await revisionOfRead("ResponseSet", created.id, created.outs)).toBe(created.outs.revision);
  });

  it("MethodResponse and IntegrationResponse: create and read agree, a no-op update keeps it, each covers its own response only", async () => {
    useLocalProvider();
    const key = keyOf(4);
    const mr = await createResource("MethodResponse", { ...key, statusCode: "200", responseParameters: { [H("X-A")]: true }, responseModels: { "application/json": "Empty" } } as never);
    const ir = await createResource("IntegrationResponse", { ...key, statusCode: "200", responseParameters: { [H("X-A")]: "'a'" }, responseTemplates: { "application/json": "" } } as never);
    expect(await revisionOfRead("MethodResponse", mr.id, mr.outs)).toBe(mr.outs.revision);
    expect(await revisionOfRead("IntegrationResponse", ir.id, ir.outs)).toBe(ir.outs.revision);
    expect(mr.outs.revision).toBe(revisionOf(key, normalizeDesiredResponses({ "200": { methodResponse: { responseParameters: { [H("X-A")]: true }, responseModels: { "application/json": "Empty" } } } })));
    // A no-op update, the default response's selection pattern spelled "" and an empty map given.
    const same = await updateResource("IntegrationResponse", ir.outs, { ...key, statusCode: "200", selectionPattern: "", responseParameters: { [H("X-A")]: "'a'" }, responseTemplates: { "application/json": "" } } as never);
    expect(same.outs.revision).toBe(ir.outs.revision);
    // A change of the integration response changes its revision, and not the method response's.
    const changed = await updateResource("IntegrationResponse", ir.outs, { ...key, statusCode: "200", selectionPattern: "2\\d{2}", responseParameters: { [H("X-A")]: "'a'" }, responseTemplates: { "application/json": "" } } as never);
    expect(changed.outs.revision).not.toBe(ir.outs.revision);
    expect(await revisionOfRead("IntegrationResponse", ir.id, changed.outs)).toBe(changed.outs.revision);
    expect(await revisionOfRead("MethodResponse", mr.id, mr.outs)).toBe(mr.outs.revision);
  });

  it("the same responses on two methods: two revisions (the method's ids are part of it, README)", async () => {
    useLocalProvider();
    const [a, b] = await Promise.all([5, 6].map((i) => createResource("ResponseSet", { ...keyOf(i), responses: RESPONSES } as never)));
    expect((a!.outs as ResponseSetOutputs).responses).toEqual((b!.outs as ResponseSetOutputs).responses);
    expect(a!.outs.revision).not.toBe(b!.outs.revision);
  });
});
