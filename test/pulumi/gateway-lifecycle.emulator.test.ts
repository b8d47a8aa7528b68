/**
 * The lifecycle of the gateway-response kinds (src/pulumi/gateway-lifecycle.ts), called
 * in-process against the local API Gateway as the dynamic providers call it: what `check`
 * refuses (every failure, zero calls), create's refusal to take over a customized type
 * unless adopting, what a non-exclusive set leaves alone and what it resets when it stops
 * declaring a type, `revision` through create, read and update, what a refresh reports
 * when a customization or the REST API is gone, and deletes that leave what another
 * resource of the stack manages. The end-to-end run is ./gateway-responses.pulumi.test.ts.
 */
import { DeleteGatewayResponseCommand, DeleteRestApiCommand, PutGatewayResponseCommand } from "@aws-sdk/client-api-gateway";
import { beforeEach, describe, expect, it } from "vitest";
import { normalizeGatewayResponse } from "../../src/normalize";
import { checkResource, createResource, deleteResource, diffResource, readResource, updateResource } from "../../src/pulumi/handlers";
import { resetOwnership } from "../../src/pulumi/ownership";
import { configureProcess, startNewOperation } from "../../src/pulumi/settings";
import type { GatewayResponseOutputs, GatewayResponseSetOutputs } from "../../src/pulumi/state";
import { readsAndWrites, seedApi, useSeededApi } from "../support/local-api-gateway";
import { liveGatewayCustomizations } from "../support/pulumi";

const suite = useSeededApi({ resources: 1, methods: 0 });
const ORIGIN = "gatewayresponse.header.Access-Control-Allow-Origin";
const cors = { responseParameters: { [ORIGIN]: "'*'" } };

let apis = 0;
/** A fresh REST API (gateway responses belong to one). */
async function newApi(): Promise<string> {
  return (await seedApi(suite.client, { resources: 0, methods: 0, name: `gateway-lifecycle-${apis++}` })).restApiId;
}

/**
 * A new engine operation: the provider configured afresh, as a new provider process is
 * (its run snapshots empty). A refresh after a change made out of band is one.
 */
function newOperation(): void {
  const settings: Record<string, string> = { "apigw-responses:endpoint": suite.emulator.endpoint, "apigw-responses:rate": "off" };
  configureProcess({ get: (k) => settings[k] });
  startNewOperation();
}

beforeEach(() => {
  newOperation();
  resetOwnership();
});

describe("check: every failure, zero calls", () => {
  it("a GatewayResponseSet's bad inputs are each named by their property path", async () => {
    const before = suite.emulator.stats();
    const failures = checkResource("GatewayResponseSet", {
      restApiId: "",
      exclusive: "yes",
      colour: "blue",
      responses: {
        NOT_A_TYPE: {},
        DEFAULT_4XX: { statusCode: "600", responseParameters: { "method.response.header.X": "'v'" } },
        UNAUTHORIZED: { responseParameters: { [ORIGIN]: "unquoted" }, responseTemplates: { "not a type": "{}" } },
      },
    });
    const properties = failures.map((f) => f.property);
    for (const p of [
      "restApiId",
      "exclusive",
      "colour",
      "responses.NOT_A_TYPE",
      "responses.DEFAULT_4XX.statusCode",
      "responses.DEFAULT_4XX.responseParameters.method.response.header.X",
      `responses.UNAUTHORIZED.responseParameters.${ORIGIN}`,
      "responses.UNAUTHORIZED.responseTemplates.not a type",
    ]) {
      expect(properties, JSON.stringify(failures, null, 2)).toContain(p);
    }
    expect(failures.find((f) => f.property === "responses.DEFAULT_4XX.statusCode")?.reason).toMatch(/600.*\[1-5\]\\d\\d|AWS-39/s);
    expect(readsAndWrites(before, suite.emulator.stats()).calls).toEqual({});
  });

  it("a GatewayResponse's bad inputs, and a secret one's failures quote no value", () => {
    const failures = checkResource("GatewayResponse", { restApiId: "a1", responseType: "DEFAULT_6XX", statusCode: "99", adoptExisting: "no" });
    expect(failures.map((f) => f.property).sort()).toEqual(["adoptExisting", "responseType", "statusCode"]);
    const secret = checkResource("GatewayResponse", { restApiId: "a1", responseType: "hunter2-type", responseTemplates: { "application/json": 7 }, __secretInputs: true });
    expect(secret.length).toBeGreaterThan(1);
    expect(JSON.stringify(secret)).not.toContain("hunter2");
  });

  it("ownership: an exclusive set and a single resource on the same REST API are refused, naming the other; single ones on other types are not", () => {
    expect(checkResource("GatewayResponse", { restApiId: "a1", responseType: "THROTTLED", __owner: "urn:one" })).toEqual([]);
    expect(checkResource("GatewayResponse", { restApiId: "a1", responseType: "UNAUTHORIZED", __owner: "urn:two" })).toEqual([]);
    const clash = checkResource("GatewayResponse", { restApiId: "a1", responseType: "THROTTLED", __owner: "urn:three" });
    expect(clash.map((f) => f.reason).join("\n")).toMatch(/THROTTLED.*urn:one/);
    const set = checkResource("GatewayResponseSet", { restApiId: "a1", responses: { DEFAULT_4XX: {} }, __owner: "urn:set" });
    expect(set.map((f) => f.reason).join("\n")).toMatch(/urn:one[\s\S]*exclusive GatewayResponseSet/);
    // A non-exclusive set on other types is fine; on another REST API, anything is.
    expect(checkResource("GatewayResponseSet", { restApiId: "a1", exclusive: false, responses: { DEFAULT_5XX: {} }, __owner: "urn:set" })).toEqual([]);
    expect(checkResource("GatewayResponseSet", { restApiId: "a2", responses: { THROTTLED: {} }, __owner: "urn:other-api" })).toEqual([]);
  });
});

describe("create, read, update, delete", () => {
  it("GatewayResponse: a customized type is refused at create (no write) unless adoptExisting; a reset out of band reads as gone", async () => {
    const restApiId = await newApi();
    await suite.client.send(new PutGatewayResponseCommand({ restApiId, responseType: "THROTTLED", statusCode: "503" }));
    const before = suite.emulator.stats();
    await expect(createResource("GatewayResponse", { restApiId, responseType: "THROTTLED", ...cors } as never)).rejects.toThrow(/ALREADY_EXISTS.*THROTTLED.*adoptExisting/s);
    expect(readsAndWrites(before, suite.emulator.stats()).writes).toBe(0);

    const adopted = await createResource("GatewayResponse", { restApiId, responseType: "THROTTLED", adoptExisting: true, ...cors } as never);
    const outs = adopted.outs as GatewayResponseOutputs;
    // Declared without statusCode: the type's default (429) is what a put stores (AWS-35).
    expect(outs).toMatchObject({ responseType: "THROTTLED", statusCode: "429", responseParameters: cors.responseParameters });
    expect((await liveGatewayCustomizations(suite.client, restApiId)).THROTTLED).toEqual(normalizeGatewayResponse("THROTTLED", cors));
    // In sync: no diff, also for the status code left out (terraform-provider-aws #48260).
    expect(await diffResource("GatewayResponse", outs, { restApiId, responseType: "THROTTLED", adoptExisting: true, ...cors } as never)).toEqual({ changes: false });
    const read = await readResource("GatewayResponse", adopted.id, outs);
    expect(read.props?.revision).toBe(outs.revision);
    // The refreshed inputs are spelled as the program spelled them: no statusCode.
    expect(read.inputs).toEqual({ restApiId, responseType: "THROTTLED", adoptExisting: true, ...cors });

    await suite.client.send(new DeleteGatewayResponseCommand({ restApiId, responseType: "THROTTLED" }));
    newOperation();
    expect(await readResource("GatewayResponse", adopted.id, outs)).toEqual({});
  });

  it("five GatewayResponse resources created in one operation share one read of the REST API's gateway responses, and verify against the puts' answers (AWS-35); a refresh in the next operation reads once more", async () => {
    const restApiId = await newApi();
    const types = ["UNAUTHORIZED", "ACCESS_DENIED", "THROTTLED", "DEFAULT_4XX", "DEFAULT_5XX"] as const;
    const before = suite.emulator.stats();
    const created = await Promise.all(types.map((responseType) => createResource("GatewayResponse", { restApiId, responseType, ...cors } as never)));
    expect(readsAndWrites(before, suite.emulator.stats()).calls).toEqual({ GetGatewayResponses: 1, PutGatewayResponse: 5 });
    // Raw answers, not our normalizer: the five are customized with the header.
    const live = await liveGatewayCustomizations(suite.client, restApiId);
    expect(Object.keys(live).sort()).toEqual([...types].sort());
    expect(live.THROTTLED?.responseParameters).toEqual({ [ORIGIN]: "'*'" });
    newOperation();
    const refresh = suite.emulator.stats();
    const reads = await Promise.all(created.map((c) => readResource("GatewayResponse", c.id, c.outs as GatewayResponseOutputs)));
    expect(reads.map((r) => r.props?.revision)).toEqual(created.map((c) => (c.outs as GatewayResponseOutputs).revision));
    expect(readsAndWrites(refresh, suite.emulator.stats()).calls).toEqual({ GetGatewayResponses: 1 });
  });

  it("a non-exclusive set leaves foreign customizations alone, and resets a type it stops declaring (only that one)", async () => {
    const restApiId = await newApi();
    await suite.client.send(new PutGatewayResponseCommand({ restApiId, responseType: "WAF_FILTERED", statusCode: "418" }));
    const created = await createResource("GatewayResponseSet", { restApiId, exclusive: false, responses: { DEFAULT_4XX: cors, DEFAULT_5XX: cors } } as never);
    const outs = created.outs as GatewayResponseSetOutputs;
    expect(Object.keys(outs.responses)).toEqual(["DEFAULT_4XX", "DEFAULT_5XX"]);
    expect(Object.keys(await liveGatewayCustomizations(suite.client, restApiId))).toEqual(["DEFAULT_4XX", "DEFAULT_5XX", "WAF_FILTERED"]);
    // The foreign customization is not the set's: a refresh does not report it, the revision stays.
    expect((await readResource("GatewayResponseSet", created.id, outs)).props?.revision).toBe(outs.revision);

    const news = { restApiId, exclusive: false, responses: { DEFAULT_4XX: cors } };
    expect((await diffResource("GatewayResponseSet", outs, news as never)).changes).toBe(true);
    const before = suite.emulator.stats();
    const updated = (await updateResource("GatewayResponseSet", outs, news as never)).outs as GatewayResponseSetOutputs;
    expect(readsAndWrites(before, suite.emulator.stats()).calls).toMatchObject({ DeleteGatewayResponse: 1 });
    expect(Object.keys(await liveGatewayCustomizations(suite.client, restApiId))).toEqual(["DEFAULT_4XX", "WAF_FILTERED"]);
    expect(updated.revision).not.toBe(outs.revision);

    // Becoming exclusive resets the foreign one.
    const exclusive = (await updateResource("GatewayResponseSet", updated, { restApiId, responses: { DEFAULT_4XX: cors } } as never)).outs;
    expect(Object.keys(await liveGatewayCustomizations(suite.client, restApiId))).toEqual(["DEFAULT_4XX"]);
    expect(exclusive.revision).toBe(updated.revision);
  });

  it("a no-op update writes nothing and keeps the revision; the same content spelled otherwise too", async () => {
    const restApiId = await newApi();
    const responses = { UNAUTHORIZED: { statusCode: "401", ...cors }, DEFAULT_4XX: {} };
    const created = await createResource("GatewayResponseSet", { restApiId, responses } as never);
    // A refresh reports the inputs as the program spelled them (the status code it gave, though it is the default).
    expect((await readResource("GatewayResponseSet", created.id, created.outs)).inputs).toEqual({ restApiId, responses });
    const respelled = { DEFAULT_4XX: { responseTemplates: { "application/json": '{"message":$context.error.messageString}' } }, UNAUTHORIZED: { ...cors } };
    expect(await diffResource("GatewayResponseSet", created.outs, { restApiId, responses: respelled } as never)).toEqual({ changes: false });
    const before = suite.emulator.stats();
    const same = await updateResource("GatewayResponseSet", created.outs, { restApiId, responses: respelled } as never);
    expect(readsAndWrites(before, suite.emulator.stats()).writes).toBe(0);
    expect(same.outs.revision).toBe(created.outs.revision);
  });

  it("delete resets what the resource manages, except what another resource of the stack claims; a REST API gone is done", async () => {
    const restApiId = await newApi();
    const set = await createResource("GatewayResponseSet", { restApiId, exclusive: false, responses: { DEFAULT_4XX: cors, DEFAULT_5XX: cors } } as never);
    // Another resource of the stack now manages DEFAULT_5XX (its check ran: its claim is recorded).
    expect(checkResource("GatewayResponse", { restApiId, responseType: "DEFAULT_5XX", ...cors, __owner: "urn:new-owner" })).toEqual([]);
    await deleteResource("GatewayResponseSet", set.outs, set.id);
    expect(Object.keys(await liveGatewayCustomizations(suite.client, restApiId))).toEqual(["DEFAULT_5XX"]);

    const single = await createResource("GatewayResponse", { restApiId, responseType: "UNAUTHORIZED", statusCode: "401" } as never);
    await suite.client.send(new DeleteRestApiCommand({ restApiId }));
    newOperation();
    expect(await readResource("GatewayResponse", single.id, single.outs)).toEqual({});
    await expect(deleteResource("GatewayResponse", single.outs, single.id)).resolves.toBeUndefined();
  });
});
