import type { GetMethodCommandOutput, Resource } from "@aws-sdk/client-api-gateway";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_GATEWAY_RESPONSE_TEMPLATES, type GatewayResponseSpec, type GatewayResponseType } from "../src/gateway-responses";
import type { NormalizedResponses, ResponseSpec } from "../src/model";
import {
  compactGatewayResponse,
  compareKeys,
  normalizeDesiredResponses,
  normalizedEqual,
  normalizeGatewayResponse,
  normalizeIntegrationResponse,
  normalizeLiveGatewayResponses,
  normalizeLiveMethod,
  normalizeMethodResponse,
  normalizeResponse,
  sortDeep,
  stableStringify,
  type LiveGatewayResponse,
  type LiveMethod,
} from "../src/normalize";
import { responsesArb } from "./support/arbitraries";

type Gen = fc.GeneratorValue;

/** A copy of `c` with one field of status code `code` changed to a non-equivalent value (`which`: 0..7). */
function mutate(c: NormalizedResponses, code: string, which: number): NormalizedResponses {
  const copy = JSON.parse(JSON.stringify(c)) as Record<string, Record<string, Record<string, unknown>>>;
  const r = copy[code] as Record<string, Record<string, unknown>>;
  const mr = r.methodResponse as { responseParameters: Record<string, boolean>; responseModels: Record<string, string> } | undefined;
  const ir = r.integrationResponse as
    | { selectionPattern: string; responseParameters: Record<string, string>; responseTemplates: Record<string, string>; contentHandling?: string }
    | undefined;
  if (ir !== undefined && which < 5) {
    if (which === 0) ir.selectionPattern = ir.selectionPattern === "" ? "-" : "";
    else if (which === 1) ir.responseTemplates["text/html"] = ir.responseTemplates["text/html"] === "" ? " " : "";
    else if (which === 2) ir.responseParameters["method.response.header.Z"] = "'z'";
    else if (which === 3) {
      if (ir.contentHandling === undefined) ir.contentHandling = "CONVERT_TO_TEXT";
      else delete ir.contentHandling;
    } else r.integrationResponse = undefined as never;
  } else if (mr !== undefined) {
    if (which % 3 === 0) mr.responseParameters["method.response.header.Z"] = false;
    else if (which % 3 === 1) mr.responseModels["text/html"] = "Z";
    else r.methodResponse = undefined as never;
  } else {
    r.methodResponse = { responseParameters: {}, responseModels: {} };
  }
  if (r.methodResponse === undefined) delete r.methodResponse;
  if (r.integrationResponse === undefined) delete r.integrationResponse;
  if (Object.keys(r).length === 0) delete copy[code];
  return copy as unknown as NormalizedResponses;
}

/** An AWS-equivalent rewriting of a map: keys shuffled; an empty map as {}, absent or null. */
function mapVariant<T>(g: Gen, map: Record<string, T>, allowNull: boolean, value: (v: T) => unknown = (v) => v): unknown {
  const keys = Object.keys(map);
  if (keys.length === 0) return g(fc.constantFrom, ...(allowNull ? [{}, undefined, null] : [{}, undefined]));
  const order = g(fc.shuffledSubarray, keys, { minLength: keys.length, maxLength: keys.length });
  return Object.fromEntries(order.map((k) => [k, value(map[k] as T)]));
}

/** Drop `undefined` properties (to test "absent" as really absent, not as an undefined value). */
function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** A live `GetMethod` shape that AWS (or moto, or an older SDK) could return for `canonical`. */
function liveVariant(g: Gen, canonical: NormalizedResponses): LiveMethod {
  const mrs: Record<string, unknown> = {};
  const irs: Record<string, unknown> = {};
  const codes = Object.keys(canonical);
  for (const code of g(fc.shuffledSubarray, codes, { minLength: codes.length, maxLength: codes.length })) {
    const r = canonical[code];
    if (r?.methodResponse !== undefined) {
      mrs[code] = compact({
        statusCode: g(fc.constantFrom, code, undefined),
        responseParameters: mapVariant(g, r.methodResponse.responseParameters, true),
        responseModels: mapVariant(g, r.methodResponse.responseModels, true),
      });
    }
    if (r?.integrationResponse !== undefined) {
      const ir = r.integrationResponse;
      irs[code] = compact({
        statusCode: code,
        selectionPattern: ir.selectionPattern === "" ? g(fc.constantFrom, "", undefined, null) : ir.selectionPattern,
        responseParameters: mapVariant(g, ir.responseParameters, true),
        // AWS-16: a template sent as "" comes back as null.
        responseTemplates: mapVariant(g, ir.responseTemplates, true, (t) => (t === "" ? g(fc.constantFrom, "", null) : t)),
        contentHandling: ir.contentHandling ?? g(fc.constantFrom, undefined, null, ""),
      });
    }
  }
  const noMrs = Object.keys(mrs).length === 0;
  const noIrs = Object.keys(irs).length === 0;
  return compact({
    httpMethod: "GET",
    // AWS-15: absent when there are none; moto emits {} or null.
    methodResponses: noMrs ? g(fc.constantFrom, undefined, {}, null) : mrs,
    methodIntegration: { type: "MOCK", integrationResponses: noIrs ? g(fc.constantFrom, undefined, {}, null) : irs },
  }) as LiveMethod;
}

/** A desired spec the user could write for `canonical`. */
function desiredVariant(g: Gen, canonical: NormalizedResponses): Record<string, ResponseSpec> {
  const out: Record<string, ResponseSpec> = {};
  const codes = Object.keys(canonical);
  for (const code of g(fc.shuffledSubarray, codes, { minLength: codes.length, maxLength: codes.length })) {
    const r = canonical[code];
    const spec: Record<string, unknown> = {};
    if (r?.methodResponse !== undefined) {
      spec.methodResponse = compact({
        responseParameters: mapVariant(g, r.methodResponse.responseParameters, false),
        responseModels: mapVariant(g, r.methodResponse.responseModels, false),
      });
    }
    if (r?.integrationResponse !== undefined) {
      const ir = r.integrationResponse;
      spec.integrationResponse = compact({
        selectionPattern: ir.selectionPattern === "" ? g(fc.constantFrom, "", undefined) : ir.selectionPattern,
        responseParameters: mapVariant(g, ir.responseParameters, false),
        responseTemplates: mapVariant(g, ir.responseTemplates, false),
        contentHandling: ir.contentHandling,
      });
    }
    out[code] = spec as ResponseSpec;
  }
  return out;
}

/** Every object in `v` has its keys sorted. */
function keysSortedDeep(v: unknown): boolean {
  if (v === null || typeof v !== "object") return true;
  const keys = Object.keys(v);
  const sorted = [...keys].sort();
  return keys.every((k, i) => k === sorted[i]) && Object.values(v).every(keysSortedDeep);
}

const RUNS = { numRuns: 300 };

describe("normalize: properties", () => {
  it("every AWS-equivalent live form normalizes to the canonical value", () => {
    fc.assert(
      fc.property(
        responsesArb.chain((c) => fc.tuple(fc.constant(c), fc.gen().map((g) => liveVariant(g, c)))),
        ([canonical, live]) => {
          expect(normalizeLiveMethod(live).responses).toEqual(canonical);
        },
      ),
      RUNS,
    );
  });

  it("every equivalent desired form normalizes to the canonical value, equal to the live one", () => {
    fc.assert(
      fc.property(
        responsesArb.chain((c) => fc.tuple(fc.constant(c), fc.gen().map((g) => desiredVariant(g, c)), fc.gen().map((g) => liveVariant(g, c)))),
        ([canonical, desired, live]) => {
          const d = normalizeDesiredResponses(desired);
          expect(d).toEqual(canonical);
          expect(normalizedEqual(d, normalizeLiveMethod(live).responses)).toBe(true);
          expect(stableStringify(d)).toBe(stableStringify(normalizeLiveMethod(live).responses));
        },
      ),
      RUNS,
    );
  });

  it("is idempotent and sorts keys everywhere", () => {
    fc.assert(
      fc.property(
        responsesArb.chain((c) => fc.gen().map((g) => desiredVariant(g, c))),
        (desired) => {
          const once = normalizeDesiredResponses(desired);
          expect(normalizeDesiredResponses(once)).toEqual(once);
          expect(keysSortedDeep(once)).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it("live normalization is idempotent through the live shape", () => {
    fc.assert(
      fc.property(
        responsesArb.chain((c) => fc.gen().map((g) => liveVariant(g, c))),
        (live) => {
          const once = normalizeLiveMethod(live).responses;
          const asLive: LiveMethod = {
            methodResponses: Object.fromEntries(Object.entries(once).flatMap(([c, r]) => (r.methodResponse ? [[c, r.methodResponse]] : []))),
            methodIntegration: {
              integrationResponses: Object.fromEntries(
                Object.entries(once).flatMap(([c, r]) => (r.integrationResponse ? [[c, r.integrationResponse]] : [])),
              ),
            },
          };
          expect(normalizeLiveMethod(asLive).responses).toEqual(once);
        },
      ),
      RUNS,
    );
  });

  it("never hides drift: different canonical values stay different", () => {
    fc.assert(
      fc.property(
        responsesArb.chain((c) => fc.tuple(fc.constant(c), fc.gen().map((g) => liveVariant(g, c)))),
        responsesArb.chain((c) => fc.tuple(fc.constant(c), fc.gen().map((g) => desiredVariant(g, c)))),
        ([a, liveA], [b, desiredB]) => {
          const same = JSON.stringify(a) === JSON.stringify(b);
          expect(normalizedEqual(normalizeLiveMethod(liveA).responses, normalizeDesiredResponses(desiredB))).toBe(same);
        },
      ),
      RUNS,
    );
  });

  it("never hides drift: any one-field change survives normalization", () => {
    fc.assert(
      fc.property(
        responsesArb.filter((c) => Object.keys(c).length > 0),
        fc.nat(),
        fc.nat(),
        fc.gen(),
        (canonical, codeSeed, mutation, g) => {
          const codes = Object.keys(canonical);
          const code = codes[codeSeed % codes.length] as string;
          const mutated = mutate(canonical, code, mutation % 8);
          expect(JSON.stringify(mutated)).not.toBe(JSON.stringify(canonical));
          const live = normalizeLiveMethod(liveVariant(g, canonical)).responses;
          const want = normalizeDesiredResponses(desiredVariant(g, mutated));
          expect(normalizedEqual(live, want)).toBe(false);
        },
      ),
      RUNS,
    );
  });
});

describe("normalize: examples", () => {
  it("maps the AWS-16..AWS-18 forms", () => {
    const live: LiveMethod = {
      methodResponses: {
        "200": { statusCode: "200", responseParameters: null, responseModels: { "text/plain": "Empty", "application/json": "Empty" } },
      },
      methodIntegration: {
        type: "MOCK",
        integrationResponses: {
          "200": { statusCode: "200", responseTemplates: { "application/json": null }, responseParameters: {} },
          "400": { statusCode: "400", selectionPattern: "4\\d\\d", contentHandling: null },
        },
      },
    };
    const n = normalizeLiveMethod(live);
    expect(n.integrationType).toBe("MOCK");
    expect(JSON.stringify(n.responses)).toBe(
      JSON.stringify({
        "200": {
          integrationResponse: { responseParameters: {}, responseTemplates: { "application/json": "" }, selectionPattern: "" },
          methodResponse: { responseModels: { "application/json": "Empty", "text/plain": "Empty" }, responseParameters: {} },
        },
        "400": { integrationResponse: { responseParameters: {}, responseTemplates: {}, selectionPattern: "4\\d\\d" } },
      }),
    );
  });

  it("takes the SDK's GetMethod output and GetResources' embedded methods as they are (type check)", () => {
    const fromGetMethod = (m: GetMethodCommandOutput) => normalizeLiveMethod(m);
    const fromResource = (r: Resource) => Object.values(r.resourceMethods ?? {}).map((m) => normalizeLiveMethod(m));
    expect(fromGetMethod({ $metadata: {}, httpMethod: "GET" })).toEqual({ responses: {} });
    expect(fromResource({ resourceMethods: { GET: {} } })).toEqual([{ responses: {} }]);
  });

  it("reads a method without integration or responses (AWS-15)", () => {
    expect(normalizeLiveMethod({ httpMethod: "GET" })).toEqual({ responses: {} });
    expect(normalizeLiveMethod({ methodIntegration: null, methodResponses: null })).toEqual({ responses: {} });
    expect(normalizeLiveMethod(undefined)).toEqual({ responses: {} });
  });

  it("keeps non-equivalent values apart", () => {
    const ir = (x: object) => normalizeIntegrationResponse({ ...x });
    expect(normalizedEqual(ir({ responseTemplates: { "application/json": "" } }), ir({ responseTemplates: { "application/json": " " } }))).toBe(false);
    expect(normalizedEqual(ir({ responseTemplates: { "application/json": "" } }), ir({ responseTemplates: {} }))).toBe(false);
    expect(normalizedEqual(ir({ selectionPattern: "" }), ir({ selectionPattern: "-" }))).toBe(false);
    expect(normalizedEqual(ir({}), ir({ contentHandling: "CONVERT_TO_TEXT" }))).toBe(false);
    expect(
      normalizedEqual(
        normalizeMethodResponse({ responseParameters: { "method.response.header.A": true } }),
        normalizeMethodResponse({ responseParameters: { "method.response.header.A": false } }),
      ),
    ).toBe(false);
  });

  it("drops status codes that name no kind, and keeps empty kinds", () => {
    expect(normalizeDesiredResponses({ "200": {}, "201": { methodResponse: {} } })).toEqual({
      "201": { methodResponse: { responseParameters: {}, responseModels: {} } },
    });
  });

  it("does not modify its input", () => {
    const input = { "200": { integrationResponse: { responseTemplates: { "b/b": "x", "a/a": "y" } } } };
    const copy = JSON.parse(JSON.stringify(input)) as unknown;
    normalizeDesiredResponses(input);
    expect(input).toEqual(copy);
  });
});

/*
 * One rule per case. The properties above compare with toEqual, which cannot see the order of keys
 * nor a key whose value is undefined; these cases can (toStrictEqual, Object.keys).
 */
describe("normalize: one rule at a time", () => {
  const H = "method.response.header.A";
  const JSON_TYPE = "application/json";

  it("compareKeys orders by code point, and says 0 only for equal keys", () => {
    expect([compareKeys("a", "b"), compareKeys("b", "a"), compareKeys("a", "a")]).toEqual([-1, 1, 0]);
    expect([compareKeys("Z", "a"), compareKeys("a", "Z"), compareKeys("é", "z")]).toEqual([-1, 1, 1]);
  });

  it("a required flag is true only for true and the string \"true\" (AWS-24)", () => {
    const required = (v: unknown) => normalizeMethodResponse({ responseParameters: { [H]: v as boolean } }).responseParameters[H];
    expect([true, "true", false, "false", "", null, undefined].map(required)).toEqual([true, true, false, false, false, false, false]);
  });

  it("null values in maps are the empty string", () => {
    expect(normalizeMethodResponse({ responseModels: { [JSON_TYPE]: null } }).responseModels).toStrictEqual({ [JSON_TYPE]: "" });
    const ir = normalizeIntegrationResponse({ responseParameters: { [H]: null }, responseTemplates: { [JSON_TYPE]: null } });
    expect([ir.responseParameters, ir.responseTemplates]).toStrictEqual([{ [H]: "" }, { [JSON_TYPE]: "" }]);
  });

  it("no response at all is the empty one", () => {
    const mr = { responseModels: {}, responseParameters: {} };
    const ir = { responseParameters: {}, responseTemplates: {}, selectionPattern: "" };
    expect([normalizeMethodResponse(undefined), normalizeMethodResponse(null)]).toStrictEqual([mr, mr]);
    expect([normalizeIntegrationResponse(undefined), normalizeIntegrationResponse(null)]).toStrictEqual([ir, ir]);
    expect([normalizeResponse(undefined), normalizeResponse(null)]).toStrictEqual([{}, {}]);
  });

  it("pass-through contentHandling leaves no key, not an undefined one (AWS-27)", () => {
    for (const contentHandling of [undefined, null, ""]) {
      expect(Object.keys(normalizeIntegrationResponse({ contentHandling } as never))).toEqual(["responseParameters", "responseTemplates", "selectionPattern"]);
    }
    expect(Object.keys(normalizeIntegrationResponse({ contentHandling: "CONVERT_TO_TEXT" }))[0]).toBe("contentHandling");
  });

  it("a null kind is an absent kind", () => {
    expect(normalizeResponse({ methodResponse: {}, integrationResponse: null } as never)).toStrictEqual({ methodResponse: { responseModels: {}, responseParameters: {} } });
    expect(normalizeResponse({ methodResponse: null, integrationResponse: {} } as never)).toStrictEqual({
      integrationResponse: { responseParameters: {}, responseTemplates: {}, selectionPattern: "" },
    });
  });

  it("status codes come out sorted, whatever order they came in", () => {
    const mr = { methodResponse: {} };
    expect(Object.keys(normalizeDesiredResponses({ "500": mr, "200": mr, "404": mr }))).toEqual(["200", "404", "500"]);
    const live = normalizeLiveMethod({ methodResponses: { "500": {}, "200": {} }, methodIntegration: { integrationResponses: { "404": {}, "201": {} } } });
    expect(Object.keys(live.responses)).toEqual(["200", "201", "404", "500"]);
  });

  it("a null or undefined entry of a live map is no response; the other kind of its code stays", () => {
    const empty = { methodResponses: { "200": null, "201": undefined }, methodIntegration: { type: "MOCK", integrationResponses: { "200": undefined, "201": null } } };
    expect(normalizeLiveMethod(empty)).toStrictEqual({ integrationType: "MOCK", responses: {} });
    const half = normalizeLiveMethod({ methodResponses: { "200": {}, "400": null }, methodIntegration: { type: "MOCK", integrationResponses: { "200": null, "400": {} } } });
    expect(half.responses).toStrictEqual({
      "200": { methodResponse: { responseModels: {}, responseParameters: {} } },
      "400": { integrationResponse: { responseParameters: {}, responseTemplates: {}, selectionPattern: "" } },
    });
  });

  it("an integration type is reported only when it is a non-empty string", () => {
    const none: LiveMethod[] = [{}, { methodIntegration: null }, { methodIntegration: {} }, { methodIntegration: { type: null } }, { methodIntegration: { type: "" } }];
    for (const m of none) expect(normalizeLiveMethod(m)).toStrictEqual({ responses: {} });
    expect(normalizeLiveMethod({ methodIntegration: { type: "HTTP" } })).toStrictEqual({ integrationType: "HTTP", responses: {} });
  });

  it("stableStringify and sortDeep: null stays null, undefined properties are left out, undefined is the text undefined", () => {
    expect(stableStringify(undefined)).toBe("undefined");
    expect(stableStringify({ b: null, a: [null, { d: 1, c: undefined }] })).toBe('{"a":[null,{"d":1}],"b":null}');
    expect(sortDeep({ b: 1, a: undefined, c: null })).toStrictEqual({ b: 1, c: null });
    expect(Object.keys(sortDeep({ b: 1, a: 2 }) as object)).toEqual(["a", "b"]);
  });

  it("a desired gateway response: null values and null templates as for integration responses (AWS-35)", () => {
    expect(normalizeGatewayResponse("DEFAULT_5XX", { responseParameters: { "gatewayresponse.header.A": null as unknown as string }, responseTemplates: null as never })).toStrictEqual({
      responseParameters: { "gatewayresponse.header.A": "" },
      responseTemplates: DEFAULT_GATEWAY_RESPONSE_TEMPLATES,
    });
  });

  it("a live gateway response: a missing, null or empty status code is the type's own; null templates are the default ones", () => {
    const read = (item: LiveGatewayResponse) => normalizeLiveGatewayResponses("a1", [{ responseType: "THROTTLED", defaultResponse: false, ...item }]).responses.THROTTLED;
    for (const statusCode of [undefined, null, ""]) {
      expect(read({ statusCode, responseParameters: { "gatewayresponse.header.A": null }, responseTemplates: null })).toStrictEqual({
        customized: true,
        response: { responseParameters: { "gatewayresponse.header.A": "" }, responseTemplates: DEFAULT_GATEWAY_RESPONSE_TEMPLATES, statusCode: "429" },
      });
    }
    expect(read({ statusCode: "503" })?.response.statusCode).toBe("503");
    // DEFAULT_4XX has no status code of its own: the key is left out, not undefined.
    const d4 = normalizeLiveGatewayResponses("a1", [{ responseType: "DEFAULT_4XX" }]).responses.DEFAULT_4XX;
    expect(d4).toStrictEqual({ customized: true, response: { responseParameters: {}, responseTemplates: DEFAULT_GATEWAY_RESPONSE_TEMPLATES } });
  });

  it("the read of all gateway responses: no items, null items and unknown types give nothing; the types come out sorted", () => {
    expect(normalizeLiveGatewayResponses("a1", null)).toStrictEqual({ restApiId: "a1", responses: {} });
    expect(normalizeLiveGatewayResponses("a1", undefined)).toStrictEqual({ restApiId: "a1", responses: {} });
    const read = normalizeLiveGatewayResponses("a1", [null, { responseType: "WAF_FILTERED" }, undefined, { responseType: "NOT_A_TYPE" }, { responseType: "ACCESS_DENIED" }]);
    expect(Object.keys(read.responses)).toEqual(["ACCESS_DENIED", "WAF_FILTERED"]);
  });

  it.each<[string, GatewayResponseType, GatewayResponseSpec, GatewayResponseSpec]>([
    ["the type's defaults: nothing", "THROTTLED", {}, {}],
    ["the type's own status code given: left out", "THROTTLED", { statusCode: "429" }, {}],
    ["another status code: kept", "THROTTLED", { statusCode: "503" }, { statusCode: "503" }],
    ["a status code on a type without one: kept", "DEFAULT_4XX", { statusCode: "400" }, { statusCode: "400" }],
    ["parameters: kept", "DEFAULT_4XX", { responseParameters: { "gatewayresponse.header.A": "'a'" } }, { responseParameters: { "gatewayresponse.header.A": "'a'" } }],
    ["the default template given: left out", "DEFAULT_5XX", { responseTemplates: { ...DEFAULT_GATEWAY_RESPONSE_TEMPLATES } }, {}],
    ["other templates: kept", "DEFAULT_5XX", { responseTemplates: { "text/plain": "x" } }, { responseTemplates: { "text/plain": "x" } }],
  ])("compactGatewayResponse: %s, and the compact form normalizes back", (_name, type, spec, compact) => {
    const n = normalizeGatewayResponse(type, spec);
    const c = compactGatewayResponse(type, n);
    expect(c).toStrictEqual(compact);
    expect(normalizeGatewayResponse(type, c)).toStrictEqual(n);
    // A copy: editing the compact form does not edit the normalized one.
    if (c.responseParameters !== undefined) expect(c.responseParameters).not.toBe(n.responseParameters);
    if (c.responseTemplates !== undefined) expect(c.responseTemplates).not.toBe(n.responseTemplates);
  });
});
