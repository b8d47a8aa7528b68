/**
 * `GatewayResponseSet` and `GatewayResponse` with the real `pulumi` CLI against the local
 * API Gateway (its gateway-response parity, AWS-31..44): converge, stay stable with zero
 * writes (also for a type declared without a status code: terraform-provider-aws #48260),
 * show and correct drift (a changed customization, a foreign one), keep the live
 * customizations through a rename, and reset what they manage on destroy.
 */
import { PutGatewayResponseCommand } from "@aws-sdk/client-api-gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normalizeGatewayResponse } from "../../src/normalize";
import { createStack, diffSteps, emulatorStats, liveGatewayCustomizations, sdkClient, seedApi, type TestStack } from "../support/pulumi";
import { sharedEndpoint } from "../support/workers";

const ORIGIN = "gatewayresponse.header.Access-Control-Allow-Origin";
const HEADERS = "gatewayresponse.header.Access-Control-Allow-Headers";

describe("GatewayResponseSet and GatewayResponse with the real pulumi CLI", () => {
  const endpoint = sharedEndpoint();
  const sdk = sdkClient(endpoint);
  let api: { restApiId: string };
  let other: { restApiId: string };
  let stack: TestStack;

  const cors = { responseParameters: { [ORIGIN]: "'*'", [HEADERS]: "'Content-Type,Authorization'" } };
  const unauthorized = { statusCode: "401", responseTemplates: { "application/json": '{"error":"sign in first","requestId":"$context.requestId"}' } };
  const declared = () => ({ DEFAULT_4XX: cors, DEFAULT_5XX: cors, UNAUTHORIZED: unauthorized });
  const expected = () => ({
    DEFAULT_4XX: normalizeGatewayResponse("DEFAULT_4XX", cors),
    DEFAULT_5XX: normalizeGatewayResponse("DEFAULT_5XX", cors),
    UNAUTHORIZED: normalizeGatewayResponse("UNAUTHORIZED", unauthorized),
  });
  const scenario = (setName = "errors", aliases?: string[]) => ({
    gatewaySets: [{ name: setName, responses: declared(), ...(aliases ? { aliases } : {}) }],
    // On another REST API, a single type declared without a status code (its default, 403, reads back).
    gatewayResponses: [{ name: "token", restApi: other.restApiId, responseType: "MISSING_AUTHENTICATION_TOKEN", responseParameters: { [ORIGIN]: "'*'" } }],
  });
  const configure = (spec: unknown) => stack.run(["config", "set", "scenario:spec", JSON.stringify(spec)]);

  beforeAll(async () => {
    api = await seedApi(sdk, 1, "gateway-e2e");
    other = await seedApi(sdk, 1, "gateway-e2e-other");
    stack = await createStack("scenario", endpoint, { "scenario:restApiId": api.restApiId, "scenario:spec": JSON.stringify(scenario()) });
  });
  afterAll(async () => {
    await stack?.dispose();
    sdk.destroy();
  });

  it("pulumi up makes the live customizations the declared ones; a second preview expects no changes and writes nothing", async () => {
    await stack.up();
    expect(await liveGatewayCustomizations(sdk, api.restApiId)).toEqual(expected());
    expect(await liveGatewayCustomizations(sdk, other.restApiId)).toEqual({
      MISSING_AUTHENTICATION_TOKEN: { statusCode: "403", responseParameters: { [ORIGIN]: "'*'" }, responseTemplates: { "application/json": '{"message":$context.error.messageString}' } },
    });
    const before = await emulatorStats(endpoint);
    // --refresh too: the refreshed state of a type declared without statusCode (it reads back 403)
    // is no change (the perpetual diff of terraform-provider-aws #48260).
    for (const args of [["preview", "--expect-no-changes"], ["preview", "--refresh", "--expect-no-changes"]]) {
      const preview = await stack.run(args);
      expect(preview.code, preview.stdout + preview.stderr).toBe(0);
    }
    expect((await emulatorStats(endpoint)).writes - before.writes).toBe(0);
    const outputs = await stack.outputs();
    expect(outputs.revisions).toEqual({ errors: expect.stringMatching(/^sha256:[0-9a-f]{64}$/), token: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
  });

  it("a customization changed out of band and a type customized out of band show in preview --refresh --diff (exit 7); up --refresh restores and resets", async () => {
    const revisionBefore = ((await stack.outputs()).revisions as Record<string, string>).errors;
    await sdk.send(new PutGatewayResponseCommand({ restApiId: api.restApiId, responseType: "DEFAULT_4XX", responseParameters: { [ORIGIN]: "'https://evil.example'" } }));
    await sdk.send(new PutGatewayResponseCommand({ restApiId: api.restApiId, responseType: "THROTTLED", statusCode: "503" }));

    const preview = await stack.run(["preview", "--refresh", "--expect-no-changes", "--diff"]);
    const text = preview.stdout + preview.stderr;
    expect(preview.code, text).toBe(7);
    const changed = diffSteps(text).filter((s) => s.marker !== "" && s.type !== "pulumi:pulumi:Stack");
    expect(changed.map((s) => `${s.marker} ${s.name} (${s.op})`), text).toEqual(["~ errors (refresh)", "~ errors (update)"]);
    const update = changed.find((s) => s.op === "update")!;
    // Both are named: the changed header of DEFAULT_4XX, and the foreign THROTTLED (removed: reset).
    expect(update.body, text).toMatch(/DEFAULT_4XX/);
    expect(update.body, text).toMatch(/~ .*Access-Control-Allow-Origin.*: "'https:\/\/evil\.example'" => "'\*'"/);
    expect(update.body, text).toMatch(/^\s*- THROTTLED\s*: \{$/m);
    // Refreshed inputs keep the program's spelling: nothing but the drift shows.
    expect(update.body, text).not.toMatch(/[~+-] (UNAUTHORIZED|DEFAULT_5XX)|[~+-] statusCode\s*: "401"/);

    await stack.up("--refresh");
    expect(await liveGatewayCustomizations(sdk, api.restApiId)).toEqual(expected());
    const again = await stack.run(["preview", "--refresh", "--expect-no-changes"]);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(((await stack.outputs()).revisions as Record<string, string>).errors).toBe(revisionBefore);
  });

  it("renaming the set (no alias) keeps the live customizations: the old one's delete leaves what the new one manages", async () => {
    await configure(scenario("api-errors"));
    const up = await stack.up();
    expect(up.stdout).toMatch(/errors.*delete|delete.*errors|deleted/i);
    expect(await liveGatewayCustomizations(sdk, api.restApiId)).toEqual(expected());
    const preview = await stack.run(["preview", "--refresh", "--expect-no-changes"]);
    expect(preview.code, preview.stdout + preview.stderr).toBe(0);
  });

  it("pulumi destroy resets every managed type to its default", async () => {
    const destroy = await stack.run(["destroy", "--yes", "--skip-preview"]);
    expect(destroy.code, destroy.stdout + destroy.stderr).toBe(0);
    expect(await liveGatewayCustomizations(sdk, api.restApiId)).toEqual({});
    expect(await liveGatewayCustomizations(sdk, other.restApiId)).toEqual({});
  });
});
