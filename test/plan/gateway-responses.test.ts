/**
 * Gateway responses, pure parts: the normalizer (AWS-31..36) as tables, and the planner
 * as a property against an independent model of how API Gateway stores them
 * (customizations overwrite on put, reset on delete, inheritance from DEFAULT_4XX /
 * DEFAULT_5XX for the types not customized, AWS-33..35).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_GATEWAY_RESPONSE_TEMPLATES,
  GATEWAY_RESPONSE_DEFAULT_STATUS,
  GATEWAY_RESPONSE_TYPES,
  type DesiredGatewayResponses,
  type GatewayResponseOperation,
  type GatewayResponseType,
  type NormalizedGatewayResponse,
  type ObservedGatewayResponses,
} from "../../src/gateway-responses";
import { normalizeGatewayResponse, normalizeLiveGatewayResponses, type LiveGatewayResponse } from "../../src/normalize";
import { planGatewayResponses } from "../../src/plan/gateway-responses";

const DEFAULT_TEMPLATE = { "application/json": '{"message":$context.error.messageString}' };

describe("the 21 response types (AWS-31)", () => {
  it("are exactly the API's enum, with their default status codes", () => {
    expect(GATEWAY_RESPONSE_TYPES).toEqual([
      "ACCESS_DENIED", "API_CONFIGURATION_ERROR", "AUTHORIZER_CONFIGURATION_ERROR", "AUTHORIZER_FAILURE", "BAD_REQUEST_BODY",
      "BAD_REQUEST_PARAMETERS", "DEFAULT_4XX", "DEFAULT_5XX", "EXPIRED_TOKEN", "INTEGRATION_FAILURE", "INTEGRATION_TIMEOUT",
      "INVALID_API_KEY", "INVALID_SIGNATURE", "MISSING_AUTHENTICATION_TOKEN", "QUOTA_EXCEEDED", "REQUEST_TOO_LARGE",
      "RESOURCE_NOT_FOUND", "THROTTLED", "UNAUTHORIZED", "UNSUPPORTED_MEDIA_TYPE", "WAF_FILTERED",
    ]);
    expect(GATEWAY_RESPONSE_DEFAULT_STATUS.THROTTLED).toBe("429");
    expect(GATEWAY_RESPONSE_DEFAULT_STATUS.INTEGRATION_TIMEOUT).toBe("504");
    expect(GATEWAY_RESPONSE_DEFAULT_STATUS.DEFAULT_4XX).toBeUndefined();
    expect(DEFAULT_GATEWAY_RESPONSE_TEMPLATES).toEqual(DEFAULT_TEMPLATE);
  });
});

describe("normalizeGatewayResponse: what a put stores (AWS-35, AWS-36)", () => {
  it.each<[string, GatewayResponseType, Parameters<typeof normalizeGatewayResponse>[1], NormalizedGatewayResponse]>([
    ["nothing given: the type's own defaults", "THROTTLED", {}, { responseParameters: {}, responseTemplates: DEFAULT_TEMPLATE, statusCode: "429" }],
    ["no status code on DEFAULT_4XX: none", "DEFAULT_4XX", { responseParameters: { "gatewayresponse.header.A": "'*'" } }, { responseParameters: { "gatewayresponse.header.A": "'*'" }, responseTemplates: DEFAULT_TEMPLATE }],
    ["a status code given is kept", "UNAUTHORIZED", { statusCode: "403" }, { responseParameters: {}, responseTemplates: DEFAULT_TEMPLATE, statusCode: "403" }],
    ["an empty templates map means the default template", "ACCESS_DENIED", { responseTemplates: {} }, { responseParameters: {}, responseTemplates: DEFAULT_TEMPLATE, statusCode: "403" }],
    ["templates given replace the default; keys sorted", "DEFAULT_5XX", { responseTemplates: { "text/plain": "x", "application/json": "{}" } }, { responseParameters: {}, responseTemplates: { "application/json": "{}", "text/plain": "x" } }],
    ["a null template is the empty one (as AWS-16)", "DEFAULT_5XX", { responseTemplates: { "application/json": null as unknown as string } }, { responseParameters: {}, responseTemplates: { "application/json": "" } }],
  ])("%s", (_name, type, spec, expected) => {
    const n = normalizeGatewayResponse(type, spec);
    expect(n).toEqual(expected);
    expect(Object.keys(n)).toEqual(Object.keys(expected).sort());
    // Idempotent.
    expect(normalizeGatewayResponse(type, n)).toEqual(n);
  });
});

describe("normalizeLiveGatewayResponses: the read of all 21 (AWS-32, AWS-33)", () => {
  it("only defaultResponse: true is 'not customized'; inherited values are kept as read; unknown types are left out", () => {
    const items: LiveGatewayResponse[] = [
      { responseType: "THROTTLED", defaultResponse: true, statusCode: "599", responseParameters: { "gatewayresponse.header.A": "'a'" }, responseTemplates: DEFAULT_TEMPLATE },
      { responseType: "DEFAULT_5XX", defaultResponse: false, responseParameters: {}, responseTemplates: { "application/json": null } },
      { responseType: "UNAUTHORIZED", statusCode: "401" },
      { responseType: "NOT_A_TYPE", defaultResponse: false },
    ];
    const o = normalizeLiveGatewayResponses("api", items);
    expect(o).toEqual({
      restApiId: "api",
      responses: {
        DEFAULT_5XX: { customized: true, response: { responseParameters: {}, responseTemplates: { "application/json": "" } } },
        THROTTLED: { customized: false, response: { responseParameters: { "gatewayresponse.header.A": "'a'" }, responseTemplates: DEFAULT_TEMPLATE, statusCode: "599" } },
        // No defaultResponse field (an emulator that lists only what was put): customized; absent fields are the put's defaults.
        UNAUTHORIZED: { customized: true, response: { responseParameters: {}, responseTemplates: DEFAULT_TEMPLATE, statusCode: "401" } },
      },
    });
  });

  it("a live empty templates map stays empty: it is not the default template", () => {
    const o = normalizeLiveGatewayResponses("api", [{ responseType: "ACCESS_DENIED", defaultResponse: false, statusCode: "403", responseTemplates: {} }]);
    expect(o.responses.ACCESS_DENIED?.response.responseTemplates).toEqual({});
  });
});

// ---- An independent model of API Gateway's gateway responses (AWS-32..35, AWS-44) ----

type Stored = Partial<Record<GatewayResponseType, { statusCode?: string; responseParameters: Record<string, string>; responseTemplates: Record<string, string> }>>;

/** What GetGatewayResponses answers for a stored state: all 21, inheritance for the types not customized. */
function read(stored: Stored): LiveGatewayResponse[] {
  return GATEWAY_RESPONSE_TYPES.map((t) => {
    const own = stored[t];
    if (own) return { responseType: t, defaultResponse: false, ...own };
    const status = GATEWAY_RESPONSE_DEFAULT_STATUS[t];
    const fallback = status === undefined ? undefined : stored[status.startsWith("4") ? "DEFAULT_4XX" : "DEFAULT_5XX"];
    return {
      responseType: t,
      defaultResponse: true,
      ...(fallback?.statusCode ?? status ? { statusCode: fallback?.statusCode ?? status } : {}),
      responseParameters: fallback?.responseParameters ?? {},
      responseTemplates: fallback?.responseTemplates ?? DEFAULT_TEMPLATE,
    };
  });
}

/** A put stores the fields sent, the type's defaults for the others (AWS-35); a delete resets (AWS-44, 404 when nothing to reset). */
function apply(stored: Stored, ops: readonly GatewayResponseOperation[]): Stored {
  const next: Stored = { ...stored };
  for (const op of ops) {
    if (op.kind === "PutGatewayResponse") {
      const g = op.gatewayResponse;
      next[op.responseType] = {
        ...(g.statusCode ?? GATEWAY_RESPONSE_DEFAULT_STATUS[op.responseType] ? { statusCode: g.statusCode ?? GATEWAY_RESPONSE_DEFAULT_STATUS[op.responseType] } : {}),
        responseParameters: { ...g.responseParameters },
        responseTemplates: Object.keys(g.responseTemplates).length > 0 ? { ...g.responseTemplates } : { ...DEFAULT_TEMPLATE },
      };
    } else {
      if (next[op.responseType] === undefined) throw new Error(`404 Gateway response type not defined on api: ${op.responseType}`);
      delete next[op.responseType];
    }
  }
  return next;
}

const typeArb = fc.constantFrom(...GATEWAY_RESPONSE_TYPES);
const paramsArb = fc.dictionary(fc.constantFrom("gatewayresponse.header.Access-Control-Allow-Origin", "gatewayresponse.header.X~1/y", "gatewayresponse.header.ünï"), fc.constantFrom("'*'", "method.request.header.origin", "''"), { maxKeys: 3 });
const templatesArb = fc.option(fc.dictionary(fc.constantFrom("application/json", "text/html", "application/vnd.x~y+json"), fc.constantFrom("", '{"m":"$context.error.messageString"}', "ü\n\"\\", "{}"), { maxKeys: 2 }), { nil: undefined });
const specArb = fc.record({ statusCode: fc.option(fc.constantFrom("400", "401", "403", "429", "500", "599"), { nil: undefined }), responseParameters: fc.option(paramsArb, { nil: undefined }), responseTemplates: templatesArb }, { requiredKeys: [] });
const storedArb: fc.Arbitrary<Stored> = fc.dictionary(typeArb, specArb, { maxKeys: 6 }).map((d) => {
  const out: Stored = {};
  for (const [t, s] of Object.entries(d) as [GatewayResponseType, (typeof d)[string]][]) {
    const n = normalizeGatewayResponse(t, s);
    out[t] = { ...(n.statusCode ? { statusCode: n.statusCode } : {}), responseParameters: n.responseParameters, responseTemplates: n.responseTemplates };
  }
  return out;
});

describe("planGatewayResponses (property, against the model)", () => {
  it("reaches exactly the desired customizations, never touches a kept type, and plans nothing afterwards", () => {
    fc.assert(
      fc.property(
        storedArb,
        fc.dictionary(typeArb, specArb, { maxKeys: 6 }),
        fc.boolean(),
        fc.subarray([...GATEWAY_RESPONSE_TYPES], { maxLength: 4 }),
        fc.subarray([...GATEWAY_RESPONSE_TYPES], { maxLength: 4 }),
        (stored, specs, exclusive, resets, keep) => {
          const responses: Partial<Record<GatewayResponseType, NormalizedGatewayResponse>> = {};
          for (const [t, s] of Object.entries(specs) as [GatewayResponseType, (typeof specs)[string]][]) responses[t] = normalizeGatewayResponse(t, s);
          const desired: DesiredGatewayResponses = { restApiId: "api", responses, exclusive, resets, keep };
          const observed: ObservedGatewayResponses = normalizeLiveGatewayResponses("api", read(stored));
          const p = planGatewayResponses(desired, observed);
          const after = apply(stored, p.operations);
          for (const t of GATEWAY_RESPONSE_TYPES) {
            const want = responses[t];
            if (want !== undefined) {
              // Customized, with the desired values as AWS stores them.
              expect(after[t], t).toBeDefined();
              expect(normalizeGatewayResponse(t, after[t])).toEqual(want);
            } else if (keep.includes(t) || !(exclusive || resets.includes(t))) {
              expect(after[t], t).toEqual(stored[t]);
            } else {
              expect(after[t], t).toBeUndefined();
            }
          }
          // Every operation was needed: nothing put that was already customized as desired.
          for (const op of p.operations) {
            if (op.kind === "PutGatewayResponse" && op.overwrites) expect(normalizeGatewayResponse(op.responseType, stored[op.responseType])).not.toEqual(op.gatewayResponse);
          }
          expect(planGatewayResponses(desired, normalizeLiveGatewayResponses("api", read(after))).operations).toEqual([]);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe("planGatewayResponses (tables)", () => {
  const observedOf = (stored: Stored) => normalizeLiveGatewayResponses("api", read(stored));

  it("no perpetual diff for a customization declared without statusCode (terraform-provider-aws #48260, AWS-36)", () => {
    const want = normalizeGatewayResponse("THROTTLED", { responseParameters: { "gatewayresponse.header.A": "'*'" } });
    const after = apply({}, planGatewayResponses({ restApiId: "api", responses: { THROTTLED: want }, exclusive: true }, observedOf({})).operations);
    expect(after.THROTTLED?.statusCode).toBe("429");
    expect(planGatewayResponses({ restApiId: "api", responses: { THROTTLED: want }, exclusive: true }, observedOf(after)).operations).toEqual([]);
  });

  it("a type that only inherits the desired values is still customized: inheritance would follow DEFAULT_4XX (AWS-33)", () => {
    const fallback = { responseParameters: { "gatewayresponse.header.A": "'*'" }, responseTemplates: DEFAULT_TEMPLATE };
    const stored: Stored = { DEFAULT_4XX: fallback };
    const want = normalizeGatewayResponse("THROTTLED", fallback);
    const p = planGatewayResponses({ restApiId: "api", responses: { DEFAULT_4XX: normalizeGatewayResponse("DEFAULT_4XX", fallback), THROTTLED: want }, exclusive: true }, observedOf(stored));
    expect(p.operations).toEqual([
      { kind: "PutGatewayResponse", restApiId: "api", responseType: "THROTTLED", gatewayResponse: want, overwrites: false, changes: [{ field: "defaultResponse", live: true, desired: false }] },
    ]);
  });

  it("a status code changed back to the default is one put, not a patch (a patch cannot remove /statusCode, AWS-43)", () => {
    const stored: Stored = { UNAUTHORIZED: { statusCode: "403", responseParameters: {}, responseTemplates: DEFAULT_TEMPLATE } };
    const p = planGatewayResponses({ restApiId: "api", responses: { UNAUTHORIZED: normalizeGatewayResponse("UNAUTHORIZED", {}) }, exclusive: false }, observedOf(stored));
    expect(p.operations).toHaveLength(1);
    expect(p.operations[0]).toMatchObject({ kind: "PutGatewayResponse", overwrites: true, changes: [{ field: "statusCode", live: "403", desired: "401" }] });
  });

  it("exclusive resets a foreign customization; non-exclusive leaves it; keep wins over both", () => {
    const stored: Stored = { WAF_FILTERED: { statusCode: "418", responseParameters: {}, responseTemplates: DEFAULT_TEMPLATE } };
    const reset = planGatewayResponses({ restApiId: "api", responses: {}, exclusive: true }, observedOf(stored)).operations;
    expect(reset).toEqual([
      {
        kind: "DeleteGatewayResponse",
        restApiId: "api",
        responseType: "WAF_FILTERED",
        changes: [{ field: "defaultResponse", live: false, desired: true }, { field: "statusCode", live: "418", desired: "403" }],
      },
    ]);
    expect(planGatewayResponses({ restApiId: "api", responses: {}, exclusive: false }, observedOf(stored)).operations).toEqual([]);
    expect(planGatewayResponses({ restApiId: "api", responses: {}, exclusive: false, resets: ["WAF_FILTERED"] }, observedOf(stored)).operations).toEqual(reset);
    expect(planGatewayResponses({ restApiId: "api", responses: {}, exclusive: true, keep: ["WAF_FILTERED"] }, observedOf(stored)).operations).toEqual([]);
  });

  it("refuses an observation of another REST API", () => {
    expect(() => planGatewayResponses({ restApiId: "a", responses: {}, exclusive: true }, { restApiId: "b", responses: {} })).toThrow(
      new TypeError("planGatewayResponses: desired REST API a, observed b"),
    );
  });
});
