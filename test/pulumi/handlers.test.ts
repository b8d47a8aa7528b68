/** The pure parts of the provider glue: check, diff, settings parsing, compact forms. */
import { describe, expect, it } from "vitest";
import {
  UNKNOWN,
  checkInputs,
  compactResponses,
  diffResource,
} from "../../src/pulumi/handlers";
import { parseDuration, parseRate, settingsFailures, settingsFromConfig } from "../../src/pulumi/settings";
import { normalizeDesiredResponses } from "../../src/normalize";
import { adapterOf } from "../../src/pulumi/kinds";
import { managedPart } from "../../src/pulumi/responses";

const responseSetAdapter = adapterOf("ResponseSet");

const CORS = "method.response.header.Access-Control-Allow-Origin";
const target = { restApiId: "api1", resourceId: "res1", httpMethod: "GET" };
const responses = {
  "200": {
    methodResponse: { responseParameters: { [CORS]: true } },
    integrationResponse: { responseParameters: { [CORS]: "'*'" }, responseTemplates: { "application/json": "" } },
  },
};
const setOutputs = (r = responses, exclusive = true) => ({ ...target, exclusive, responses: normalizeDesiredResponses(r), revision: "sha256:x" });

describe("checkInputs", () => {
  it("accepts a valid set and a valid single response", () => {
    expect(checkInputs("ResponseSet", { ...target, responses })).toEqual([]);
    expect(checkInputs("IntegrationResponse", { ...target, statusCode: "200", selectionPattern: "4\\d{2}" })).toEqual([]);
  });

  it.each([
    ["ResponseSet", { ...target, responses: { "600": {} } }, "responses.600", /\[1-5\]/],
    ["ResponseSet", { ...target, responses: { "200": { integrationResponse: { responseParameters: { [CORS]: "'*'" } } } } }, `responses.200.integrationResponse.responseParameters.${CORS}`, /AWS-4|AWS-5/],
    ["ResponseSet", { ...target, responses: {}, bogus: 1 }, "bogus", /unknown property/],
    ["MethodResponse", { ...target, statusCode: "20x" }, "statusCode", /\[1-5\]/],
    ["MethodResponse", { ...target, statusCode: "200", responseParameters: { [CORS]: "yes" } }, `responseParameters.${CORS}`, /boolean/],
    ["IntegrationResponse", { ...target, statusCode: "200", selectionPattern: "-" }, "selectionPattern", /"-"/],
    ["IntegrationResponse", { ...target, statusCode: "200", contentHandling: "CONVERT" }, "contentHandling", /CONVERT_TO_BINARY/],
    ["IntegrationResponse", { ...target, statusCode: "200", adoptExisting: "yes" }, "adoptExisting", /boolean/],
  ] as const)("%s %j fails on %s", (kind, news, property, reason) => {
    const failures = checkInputs(kind, news as Record<string, unknown>);
    const failure = failures.find((f) => f.property === property);
    expect(failure, JSON.stringify(failures)).toBeDefined();
    expect(failure!.reason).toMatch(reason);
  });

  it("skips what is not known yet at preview, and checks the rest", () => {
    expect(checkInputs("ResponseSet", { ...target, restApiId: UNKNOWN, responses })).toEqual([]);
    expect(checkInputs("ResponseSet", { ...target, responses: UNKNOWN })).toEqual([]);
    const failures = checkInputs("ResponseSet", { ...target, restApiId: UNKNOWN, responses: { "999": {} } });
    expect(failures.map((f) => f.property)).toEqual(["responses.999"]);
  });

  it("a non-exclusive set may map a header whose method response it does not own", () => {
    const ir = { "200": { integrationResponse: { responseParameters: { [CORS]: "'*'" } } } };
    expect(checkInputs("ResponseSet", { ...target, responses: ir, exclusive: false })).toEqual([]);
  });
});

describe("diffResource", () => {
  it("no change when the live state equals the desired one in another spelling (AWS-16, AWS-17, AWS-18)", async () => {
    const respelled = {
      "200": {
        methodResponse: { responseParameters: { [CORS]: true }, responseModels: {} },
        integrationResponse: { selectionPattern: "", responseParameters: { [CORS]: "'*'" }, responseTemplates: { "application/json": "" } },
      },
    };
    expect(await diffResource("ResponseSet", setOutputs(), { ...target, responses: respelled })).toEqual({ changes: false });
  });

  it("drift (a changed template, a foreign code) is a change", async () => {
    const live = { ...responses, "418": { methodResponse: {} } };
    expect((await diffResource("ResponseSet", setOutputs(live), { ...target, responses })).changes).toBe(true);
    const tampered = { "200": { ...responses["200"], integrationResponse: { ...responses["200"].integrationResponse, responseTemplates: { "application/json": "x" } } } };
    expect((await diffResource("ResponseSet", setOutputs(tampered), { ...target, responses })).changes).toBe(true);
  });

  it("a non-exclusive set sees only what it manages", async () => {
    // The live method: the set's own 200 (both kinds), a foreign 418, and a foreign
    // integration response on a code whose method response the set declares (201).
    const own = { ...responses, "201": { methodResponse: {} } };
    const live = normalizeDesiredResponses({
      ...own,
      "201": { methodResponse: {}, integrationResponse: { selectionPattern: "Created.*" } },
      "418": { methodResponse: {}, integrationResponse: { selectionPattern: "teapot" } },
    });
    // The outputs a refresh gives (`read`: the adapter's read scope narrows the live state, read back as outputs).
    const refreshed = (exclusive: boolean, declared = own) => {
      const prior = setOutputs(declared, exclusive);
      const { exclusive: whole, scope } = responseSetAdapter.readScope(prior);
      return responseSetAdapter.readBack(prior, target, target, live, managedPart(live, whole, scope))!.props;
    };
    const news = (exclusive: boolean, r: typeof own = own) => ({ ...target, responses: r, exclusive });
    // Non-exclusive: the foreign 418 and the foreign integration response of 201 are not its business.
    expect(await diffResource("ResponseSet", refreshed(false), news(false))).toEqual({ changes: false });
    // The same live state is a change for an exclusive set, which owns every response of the method.
    expect(await diffResource("ResponseSet", refreshed(true), news(true))).toEqual({ changes: true });
    // What it does manage it still sees: its own template changed out of band, its own 201 gone.
    const tampered = { ...own, "200": { ...own["200"], integrationResponse: { ...own["200"].integrationResponse, responseTemplates: { "application/json": "x" } } } };
    expect(await diffResource("ResponseSet", refreshed(false), news(false, tampered))).toEqual({ changes: true });
    const more = { ...own, "404": { methodResponse: {} } };
    expect(await diffResource("ResponseSet", refreshed(false, more), news(false, more))).toEqual({ changes: true });
  });

  it("identity fields replace; an integration response and a same-method set are deleted first", async () => {
    expect(await diffResource("ResponseSet", setOutputs(), { ...target, httpMethod: "POST", responses })).toEqual({
      changes: true,
      replaces: ["httpMethod"],
      deleteBeforeReplace: false,
    });
    const single = { ...target, statusCode: "200", responseParameters: {}, responseModels: {}, revision: "sha256:x" };
    expect(await diffResource("MethodResponse", single, { ...target, statusCode: "201" })).toMatchObject({ replaces: ["statusCode"], deleteBeforeReplace: false });
    const ir = { ...target, statusCode: "200", selectionPattern: "", responseParameters: {}, responseTemplates: {}, revision: "sha256:x" };
    expect(await diffResource("IntegrationResponse", ir, { ...target, statusCode: "201" })).toMatchObject({ replaces: ["statusCode"], deleteBeforeReplace: true });
    // A path not known yet (preview): the new method cannot be known, so the preview shows delete first.
    // (A known new path is resolved first: test/pulumi/ownership.pulumi.test.ts.)
    expect(await diffResource("ResponseSet", setOutputs(), { restApiId: "api1", path: UNKNOWN, httpMethod: "GET", responses })).toMatchObject({
      replaces: ["path"],
      deleteBeforeReplace: true,
    });
  });

  it("an unknown identity value means a replacement; unknown content means a change", async () => {
    expect(await diffResource("ResponseSet", setOutputs(), { ...target, restApiId: UNKNOWN, responses })).toMatchObject({ replaces: ["restApiId"], deleteBeforeReplace: true });
    expect(await diffResource("ResponseSet", setOutputs(), { ...target, responses: UNKNOWN as never })).toEqual({ changes: true });
  });

  it("a single response that is gone (no fields in its outputs) is a change", async () => {
    const gone = { ...target, statusCode: "200", revision: "sha256:x" };
    expect((await diffResource("MethodResponse", gone as never, { ...target, statusCode: "200" })).changes).toBe(true);
  });
});

describe("settings", () => {
  it("reads stack config", () => {
    const config = new Map([["aws:region", "eu-west-1"], ["apigw-responses:endpoint", "http://127.0.0.1:1"], ["apigw-responses:rate", "5:10"]]);
    expect(settingsFromConfig({ get: (k) => config.get(k) })).toEqual({
      region: "eu-west-1",
      profile: undefined,
      endpoint: "http://127.0.0.1:1",
      rate: "5:10",
      deadline: undefined,
    });
  });

  it.each([["10:40", { rps: 10, burst: 40 }], ["0.5:1", { rps: 0.5, burst: 1 }], ["off", "off"]] as const)("rate %s", (text, rate) => {
    expect(parseRate(text)).toEqual(rate);
  });
  it.each(["10", "0:40", "10:0", "fast"])("rate %s is refused with the rule", (text) => {
    expect(() => parseRate(text)).toThrow(/RPS:BURST/);
  });
  it.each([["90", 90_000], ["90s", 90_000], ["2m", 120_000], ["500ms", 500], ["1h", 3_600_000], ["1.5m", 90_000]] as const)("duration %s", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
  it("duration without a number is refused", () => expect(() => parseDuration("soon")).toThrow(/500ms, 90s, 2m/));
  it.each(["eu-west-1", "us-gov-west-1", "cn-northwest-1", "us-isob-east-1", "ap-southeast-7"])("region %s", (region) => {
    expect(settingsFailures({ region })).toEqual([]);
  });
  it.each(["eu west 1", "EU-WEST-1", "eu-west", "euwest1", "eu-west-1\n"])("region %j is refused before any call, naming the config key and the rule", (region) => {
    expect(settingsFailures({ region })).toEqual([{ property: "aws:region", reason: expect.stringMatching(/^stack config aws:region: region ".*" is not an AWS region name/) }]);
  });
});

describe("compactResponses", () => {
  it("drops empty maps and the default selection pattern, keeps pass-through templates", () => {
    expect(compactResponses(normalizeDesiredResponses(responses))).toEqual({
      "200": {
        methodResponse: { responseParameters: { [CORS]: true } },
        integrationResponse: { responseParameters: { [CORS]: "'*'" }, responseTemplates: { "application/json": "" } },
      },
    });
  });
});
