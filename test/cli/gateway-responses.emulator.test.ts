/**
 * Gateway responses in spec files, through the command line against the local API
 * Gateway (issue 11): `plan` shows them beside the methods, `apply` converges them,
 * `drift` names a customization changed out of band and a type customized out of band,
 * `apply` restores both (exit codes as for methods: 0 in sync, 2 changes, 1 error).
 */
import { GetGatewayResponsesCommand, PutGatewayResponseCommand } from "@aws-sdk/client-api-gateway";
import { beforeAll, describe, expect, it } from "vitest";
import { seedPetStore, type PetStore } from "../../tools/demo/seed";
import { emulatorStats } from "../support/pulumi";
import { cli, cliSuite, writeSpec } from "../support/cli";

const CORS = { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" };
const UNAUTHORIZED_TEMPLATE = '{"message":"sign in first","requestId":"$context.requestId"}';

describe("apigw-responses with gatewayResponses", () => {
  const { endpoint, sdk, dir, ep } = cliSuite();
  let api: PetStore;
  let spec: string;

  beforeAll(async () => {
    api = await seedPetStore(sdk, "gateway-cli");
    spec = writeSpec(dir, "gateway.yaml", {
      restApiId: api.restApiId,
      methods: [{ path: "/pets", httpMethod: "GET", responses: { "200": { methodResponse: {}, integrationResponse: {} } } }],
      gatewayResponses: {
        DEFAULT_4XX: { responseParameters: CORS },
        DEFAULT_5XX: { responseParameters: CORS },
        UNAUTHORIZED: { statusCode: "401", responseTemplates: { "application/json": UNAUTHORIZED_TEMPLATE } },
      },
    });
  });

  /** The customized gateway responses, raw from the SDK: type → [statusCode, parameters, templates]. */
  async function customized(): Promise<Record<string, unknown>> {
    const all = await sdk.send(new GetGatewayResponsesCommand({ restApiId: api.restApiId }));
    return Object.fromEntries((all.items ?? []).filter((i) => i.defaultResponse === false).map((i) => [i.responseType, [i.statusCode ?? null, i.responseParameters, i.responseTemplates]]));
  }

  it("plan: exit 2, the gateway responses listed after the methods; no write", async () => {
    const before = (await emulatorStats(endpoint)).writes;
    const r = await cli(["plan", "--spec", spec, ...ep()]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toContain(`gateway responses (rest api ${api.restApiId})\n  + PutGatewayResponse DEFAULT_4XX (create customization of the default)\n      defaultResponse: true → false\n`);
    expect(r.stdout).toContain("  + PutGatewayResponse UNAUTHORIZED (create customization of the default)");
    expect(r.stdout).toContain("Plan: 5 to create, 0 to update, 0 to replace, 0 to delete.");
    expect((await emulatorStats(endpoint)).writes).toBe(before);
  });

  it("apply: exit 0; the live customizations are the declared ones; plan then says in sync", async () => {
    const r = await cli(["apply", "--spec", spec, ...ep()]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Applied 2 change\(s\) on 1 method\(s\) and 3 change\(s\) on gateway responses in /m);
    expect(await customized()).toEqual({
      DEFAULT_4XX: [null, CORS, { "application/json": '{"message":$context.error.messageString}' }],
      DEFAULT_5XX: [null, CORS, { "application/json": '{"message":$context.error.messageString}' }],
      UNAUTHORIZED: ["401", {}, { "application/json": UNAUTHORIZED_TEMPLATE }],
    });
    const again = await cli(["plan", "--spec", spec, ...ep()]);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout.trim()).toBe("No changes.");
  });

  it("drift: a customization changed and a type customized out of band are named (exit 2); apply restores and resets them", async () => {
    await sdk.send(new PutGatewayResponseCommand({ restApiId: api.restApiId, responseType: "UNAUTHORIZED", statusCode: "403", responseTemplates: { "application/json": UNAUTHORIZED_TEMPLATE } }));
    await sdk.send(new PutGatewayResponseCommand({ restApiId: api.restApiId, responseType: "WAF_FILTERED", statusCode: "418" }));
    const text = await cli(["drift", "--spec", spec, ...ep()]);
    expect(text.code).toBe(2);
    expect(text.stdout).toContain(
      `DRIFT: 0 of 1 method(s) drifted (0 responses); gateway responses drifted on 1 of 1 REST API(s) (2 response types)\n` +
        `gateway responses (rest api ${api.restApiId})\n` +
        `  UNAUTHORIZED changed\n      statusCode: expected "401", live "403"\n` +
        `  WAF_FILTERED customized, not in the spec\n      defaultResponse: expected true, live false\n      statusCode: expected "403", live "418"\n`,
    );
    const json = await cli(["drift", "--spec", spec, "--format", "json", ...ep()]);
    expect(json.code).toBe(2);
    const doc = JSON.parse(json.stdout) as { drifted: boolean; gatewayResponsesChecked: number; gatewayResponses: { restApiId: string; entries: { responseType: string; state: string; correction: string[] }[] }[] };
    expect(doc.drifted).toBe(true);
    expect(doc.gatewayResponsesChecked).toBe(1);
    expect(doc.gatewayResponses[0]!.entries.map((e) => [e.responseType, e.state, e.correction])).toEqual([
      ["UNAUTHORIZED", "changed", ["PutGatewayResponse"]],
      ["WAF_FILTERED", "unexpected", ["DeleteGatewayResponse"]],
    ]);

    const fixed = await cli(["apply", "--spec", spec, ...ep()]);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(Object.keys(await customized()).sort()).toEqual(["DEFAULT_4XX", "DEFAULT_5XX", "UNAUTHORIZED"]);
    const clean = await cli(["drift", "--spec", spec, ...ep()]);
    expect(clean.code, clean.stdout).toBe(0);
    expect(clean.stdout.trim()).toBe("No drift: 1 method(s) and the gateway responses of 1 REST API(s) match the spec.");
  });

  it("gatewayResponsesExclusive: false leaves a foreign customization alone", async () => {
    await sdk.send(new PutGatewayResponseCommand({ restApiId: api.restApiId, responseType: "THROTTLED", statusCode: "503" }));
    const lenient = writeSpec(dir, "lenient.yaml", {
      restApiId: api.restApiId,
      methods: [],
      gatewayResponses: { DEFAULT_4XX: { responseParameters: CORS } },
      gatewayResponsesExclusive: false,
    });
    const r = await cli(["plan", "--spec", lenient, ...ep()]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const exclusive = await cli(["plan", "--spec", spec, ...ep()]);
    expect(exclusive.code).toBe(2);
    expect(exclusive.stdout).toContain("  - DeleteGatewayResponse THROTTLED (delete customization: reset to the default)");
  });

  it("a REST API that does not exist: exit 1, REST_API_NOT_FOUND, before any write", async () => {
    const missing = writeSpec(dir, "missing.yaml", { restApiId: "nosuchapi", methods: [], gatewayResponses: { DEFAULT_4XX: { responseParameters: CORS } } });
    const before = (await emulatorStats(endpoint)).writes;
    const r = await cli(["apply", "--spec", missing, ...ep()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("REST_API_NOT_FOUND");
    expect((await emulatorStats(endpoint)).writes).toBe(before);
  });
});
