/**
 * One adapter per resource kind: the registry has one for every kind, and the pure part
 * of each (inputs → spec, outputs → responses, what it manages) gives what the provider
 * gave before the lifecycle was written once over adapters (literals, one example each).
 */
import { describe, expect, it } from "vitest";
import { GATEWAY_RESOURCE_KINDS, RESOURCE_KINDS, UNKNOWN } from "../../src/pulumi/inputs";
import { adapterOf, gatewayAdapterOf, importAdvice } from "../../src/pulumi/kinds";

const CORS = "method.response.header.Access-Control-Allow-Origin";
const target = { restApiId: "api1", resourceId: "res1", httpMethod: "GET" };
const key = { restApiId: "api1", resourceId: "res1", httpMethod: "GET" };

describe("the registry", () => {
  it.each(RESOURCE_KINDS)("has the adapter of %s", (kind) => {
    expect(adapterOf(kind).kind).toBe(kind);
    expect(importAdvice(kind)).toMatch(/^the import option does not work for dynamic resources \(pulumi\/pulumi #3550\)\. /);
  });

  it("takes each kind's fields from the spec schema it stands for (what a program may set besides the method)", () => {
    expect(adapterOf("ResponseSet").inputFields).toEqual(["responses", "exclusive"]);
    expect(adapterOf("MethodResponse").inputFields).toEqual(["statusCode", "adoptExisting", "responseParameters", "responseModels"]);
    expect(adapterOf("IntegrationResponse").inputFields).toEqual([
      "statusCode",
      "adoptExisting",
      "selectionPattern",
      "responseParameters",
      "responseTemplates",
      "contentHandling",
    ]);
  });

  it.each(GATEWAY_RESOURCE_KINDS)("has the adapter of %s", (kind) => {
    expect(gatewayAdapterOf(kind).kind).toBe(kind);
    expect(importAdvice(kind)).toMatch(/^the import option does not work for dynamic resources \(pulumi\/pulumi #3550\)\. .*Gateway/);
  });

  it("refuses a kind it does not know, naming it", () => {
    expect(() => adapterOf("GatewayResponse" as never)).toThrow(/unknown resource kind "GatewayResponse"; known: ResponseSet, MethodResponse, IntegrationResponse/);
    expect(() => gatewayAdapterOf("ResponseSet" as never)).toThrow(/unknown resource kind "ResponseSet"; known: GatewayResponseSet, GatewayResponse/);
  });
});

describe("ResponseSet", () => {
  const a = adapterOf("ResponseSet");
  const responses = { "200": { methodResponse: { responseParameters: { [CORS]: true } } }, "404": { integrationResponse: { selectionPattern: ".*Not found.*" } } };

  it("inputs → spec: the method, the responses, exclusive only when given", () => {
    expect(a.specOf({ ...target, path: "/p", responses, exclusive: false, __owner: "urn:x" } as never)).toEqual({
      restApiId: "api1",
      httpMethod: "GET",
      resourceId: "res1",
      path: "/p",
      responses,
      exclusive: false,
    });
    expect(a.specOf({ ...target } as never)).toEqual({ ...target, responses: {} });
  });

  it("outputs → responses: the normalized responses of the outputs", () => {
    expect(a.managedResponsesOf({ ...target, revision: "sha256:x", responses } as never)).toEqual({
      "200": { methodResponse: { responseParameters: { [CORS]: true }, responseModels: {} } },
      "404": { integrationResponse: { selectionPattern: ".*Not found.*", responseParameters: {}, responseTemplates: {} } },
    });
  });

  it("scope: exclusive manages the whole method; non-exclusive its declarations (older state: its live part)", () => {
    const declared = [{ statusCode: "200", kind: "methodResponse" as const }];
    const outs = (exclusive?: boolean, withDeclared = true) =>
      ({ ...target, revision: "sha256:x", responses, ...(exclusive !== undefined ? { exclusive } : {}), ...(withDeclared ? { __declared: declared } : {}) }) as never;
    expect(a.claimedScope({ ...target, responses })).toEqual({
      wholeMethod: true,
      parts: [
        { statusCode: "200", kind: "methodResponse" },
        { statusCode: "404", kind: "integrationResponse" },
      ],
    });
    expect(a.claimedScope({ ...target, exclusive: false, responses: { "200": UNKNOWN } })).toEqual({ wholeMethod: false, parts: [] });
    expect(a.deleteScope(outs())).toEqual({ wholeMethod: true, parts: [] });
    expect(a.deleteScope(outs(false))).toEqual({ wholeMethod: false, parts: declared });
    expect(a.deleteScope(outs(false, false))).toEqual({
      wholeMethod: false,
      parts: [
        { statusCode: "200", kind: "methodResponse" },
        { statusCode: "404", kind: "integrationResponse" },
      ],
    });
    expect(a.readScope(outs(false)).exclusive).toBe(false);
    expect(a.readScope(outs()).exclusive).toBe(true);
    expect(a.idOf(key, outs())).toBe("api1/res1/GET");
    expect(a.replacingFields).toEqual([]);
  });
});

describe("MethodResponse", () => {
  const a = adapterOf("MethodResponse");

  it("inputs → spec: one method response of one status code, not exclusive", () => {
    expect(a.specOf({ ...target, statusCode: "201", responseModels: { "application/json": "Empty" }, adoptExisting: true } as never)).toEqual({
      ...target,
      responses: { "201": { methodResponse: { responseModels: { "application/json": "Empty" } } } },
      exclusive: false,
    });
  });

  it("outputs → responses, and a response that is gone (no fields) is absent", () => {
    const outs = { ...target, statusCode: "201", revision: "sha256:x", responseParameters: { [CORS]: true }, responseModels: {} };
    expect(a.managedResponsesOf(outs as never)).toEqual({ "201": { methodResponse: { responseParameters: { [CORS]: true }, responseModels: {} } } });
    expect(a.managedResponsesOf({ ...target, statusCode: "201", revision: "sha256:x" } as never)).toEqual({});
  });

  it("scope: its status code's method response; identity and create refusal", () => {
    const outs = { ...target, statusCode: "201", revision: "sha256:x", responseParameters: {}, responseModels: {} } as never;
    expect(a.claimedScope({ ...target, statusCode: "201" })).toEqual({ wholeMethod: false, parts: [{ statusCode: "201", kind: "methodResponse" }] });
    expect(a.claimedScope({ ...target, statusCode: UNKNOWN })).toBeUndefined();
    expect(a.deleteScope(outs)).toEqual({ wholeMethod: false, parts: [{ statusCode: "201", kind: "methodResponse" }] });
    expect(a.readScope(outs)).toEqual({ exclusive: false, scope: { "201": { methodResponse: {} } } });
    expect(a.idOf(key, outs)).toBe("api1/res1/GET/201");
    expect(a.replacingFields).toEqual(["statusCode"]);
    expect(a.mustNotExist({ ...target, statusCode: "201" } as never)).toEqual({ statusCode: "201", kind: "methodResponse" });
    expect(a.mustNotExist({ ...target, statusCode: "201", adoptExisting: true } as never)).toBeUndefined();
  });
});

describe("IntegrationResponse", () => {
  const a = adapterOf("IntegrationResponse");

  it("inputs → spec: one integration response of one status code, not exclusive", () => {
    expect(a.specOf({ restApiId: "api1", path: "/p", httpMethod: "GET", statusCode: "404", selectionPattern: "4\\d{2}", contentHandling: "CONVERT_TO_TEXT" } as never)).toEqual({
      restApiId: "api1",
      httpMethod: "GET",
      path: "/p",
      responses: { "404": { integrationResponse: { selectionPattern: "4\\d{2}", contentHandling: "CONVERT_TO_TEXT" } } },
      exclusive: false,
    });
  });

  it("outputs → responses", () => {
    const outs = { ...target, statusCode: "404", revision: "sha256:x", selectionPattern: "4\\d{2}", responseParameters: {}, responseTemplates: { "application/json": "" } };
    expect(a.managedResponsesOf(outs as never)).toEqual({
      "404": { integrationResponse: { selectionPattern: "4\\d{2}", responseParameters: {}, responseTemplates: { "application/json": "" } } },
    });
  });

  it("scope: its status code's integration response; a move on the same method deletes first (AWS-6)", () => {
    const outs = { ...target, statusCode: "404", revision: "sha256:x", selectionPattern: "", responseParameters: {}, responseTemplates: {} } as never;
    expect(a.claimedScope({ ...target, statusCode: "404" })).toEqual({ wholeMethod: false, parts: [{ statusCode: "404", kind: "integrationResponse" }] });
    expect(a.deleteScope(outs)).toEqual({ wholeMethod: false, parts: [{ statusCode: "404", kind: "integrationResponse" }] });
    expect(a.readScope(outs)).toEqual({ exclusive: false, scope: { "404": { integrationResponse: {} } } });
    expect(a.idOf(key, outs)).toBe("api1/res1/GET/404");
    expect(a.deletesFirstOnSameMethod(outs, { ...target, statusCode: "500" } as never)).toBe(true);
    expect(adapterOf("MethodResponse").deletesFirstOnSameMethod(outs, { ...target, statusCode: "500" } as never)).toBe(false);
  });
});

describe("GatewayResponseSet and GatewayResponse", () => {
  const ORIGIN = { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" };
  const set = gatewayAdapterOf("GatewayResponseSet");
  const single = gatewayAdapterOf("GatewayResponse");

  it("what they claim: an exclusive set the whole REST API, a non-exclusive one its types, a single one its type", () => {
    expect(set.claimedScope({ restApiId: "a", responses: { UNAUTHORIZED: {}, DEFAULT_4XX: {}, NOPE: {} } })).toEqual({ wholeApi: true, types: ["DEFAULT_4XX", "UNAUTHORIZED"] });
    expect(set.claimedScope({ restApiId: "a", exclusive: false, responses: { THROTTLED: UNKNOWN } })).toEqual({ wholeApi: false, types: [] });
    expect(single.claimedScope({ restApiId: "a", responseType: "THROTTLED" })).toEqual({ wholeApi: false, types: ["THROTTLED"] });
    expect(single.claimedScope({ restApiId: "a", responseType: UNKNOWN })).toBeUndefined();
  });

  it("outputs keep the names of the fields given, never their values; ids name the REST API (and the type)", () => {
    const outs = set.outputsOf({ restApiId: "a", responses: { DEFAULT_4XX: { responseParameters: ORIGIN }, UNAUTHORIZED: { statusCode: "401" } } } as never, {});
    expect(outs).toMatchObject({ restApiId: "a", responses: {}, __declared: { DEFAULT_4XX: ["responseParameters"], UNAUTHORIZED: ["statusCode"] } });
    expect(set.idOf(outs)).toBe("a/gatewayresponses");
    expect(single.idOf({ restApiId: "a", responseType: "THROTTLED" } as never)).toBe("a/gatewayresponses/THROTTLED");
  });
});
