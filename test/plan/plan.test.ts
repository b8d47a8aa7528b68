import { describe, expect, it } from "vitest";
import { applyOperations } from "../support/aws-model";
import type { GatewayResponseOperation } from "../../src/gateway-responses";
import { describeMethod, type DesiredMethod, type MethodKey, type ObservedMethod, type Operation, type Removal, type ResponseSpec } from "../../src/model";
import { normalizeDesiredResponses, normalizeGatewayResponse, normalizeIntegrationResponse, normalizeMethodResponse } from "../../src/normalize";
import { escapePathSegment, methodResponsePatch } from "../../src/patch";
import { countOperations, countOperationsByKind, isInSync, plan } from "../../src/plan";
import { gatewayResponseChanges, integrationResponseChanges, methodResponseChanges } from "../../src/plan/changes";
import { PlanError } from "../../src/plan/errors";
import { planMethod } from "../../src/plan/method";
import { targetState } from "../../src/plan/target";

const key: MethodKey = { restApiId: "api1", resourceId: "res1", httpMethod: "GET" };
const H = (name: string) => `method.response.header.${name}`;

function desired(responses: Record<string, ResponseSpec>, opts: { exclusive?: boolean; removals?: Removal[] } = {}): DesiredMethod {
  return {
    key,
    path: "/users",
    responses: normalizeDesiredResponses(responses),
    exclusive: opts.exclusive ?? true,
    ...(opts.removals === undefined ? {} : { removals: opts.removals }),
  };
}

/** `integrationType: null` = the method has no integration. */
function observed(responses: Record<string, ResponseSpec>, integrationType: string | null = "MOCK"): ObservedMethod {
  return { key, exists: true, responses: normalizeDesiredResponses(responses), ...(integrationType === null ? {} : { integrationType }) };
}

/** One line per operation: kind, code and, for updates, the patch. */
function summarize(ops: readonly Operation[]): string[] {
  return ops.map((op) => {
    if (op.kind === "UpdateMethodResponse") {
      const patch = op.patch.map((p) => `${p.op} ${p.path}${p.value === undefined ? "" : `=${p.value}`}`).join(", ");
      return `${op.kind} ${op.statusCode} [${patch}]`;
    }
    return `${op.kind} ${op.statusCode}`;
  });
}

/** Plan, check that applying it in the AWS model reaches the target and that re-planning is empty; return the summary. */
function planAndCheck(d: DesiredMethod, o: ObservedMethod): string[] {
  const p = planMethod(d, o);
  const after = applyOperations(o.responses, p.operations);
  expect(after).toEqual(targetState(d, o.responses));
  expect(planMethod(d, { ...o, responses: after }).operations).toEqual([]);
  return summarize(p.operations);
}

describe("plan: ordering rules", () => {
  it("creates a method response before the integration response that maps its header", () => {
    const d = desired({
      "201": {
        methodResponse: { responseParameters: { [H("X")]: true } },
        integrationResponse: { selectionPattern: "201", responseParameters: { [H("X")]: "'x'" } },
      },
    });
    expect(planAndCheck(d, observed({}))).toEqual(["PutMethodResponse 201", "PutIntegrationResponse 201"]);
  });

  it("extends a method response before the integration response that maps the new header", () => {
    const d = desired({
      "200": {
        methodResponse: { responseParameters: { [H("X")]: false } },
        integrationResponse: { responseParameters: { [H("X")]: "integration.response.header.x" } },
      },
    });
    const o = observed({ "200": { methodResponse: {}, integrationResponse: {} } });
    expect(planAndCheck(d, o)).toEqual([
      `UpdateMethodResponse 200 [add /responseParameters/${H("X")}=false]`,
      "PutIntegrationResponse 200",
    ]);
  });

  it("deletes integration responses before method responses, and both after creations", () => {
    const d = desired({ "201": { methodResponse: {}, integrationResponse: { selectionPattern: "201" } } });
    const o = observed({
      "500": { methodResponse: { responseParameters: { [H("E")]: true } }, integrationResponse: { selectionPattern: "5\\d\\d", responseParameters: { [H("E")]: "'e'" } } },
    });
    expect(planAndCheck(d, o)).toEqual([
      "DeleteIntegrationResponse 500",
      "PutMethodResponse 201",
      "PutIntegrationResponse 201",
      "DeleteMethodResponse 500",
    ]);
  });

  it("removes a header removed from both from the integration response first", () => {
    const d = desired({ "200": { methodResponse: {}, integrationResponse: {} } });
    const o = observed({
      "200": { methodResponse: { responseParameters: { [H("X")]: true } }, integrationResponse: { responseParameters: { [H("X")]: "'x'" } } },
    });
    expect(planAndCheck(d, o)).toEqual(["PutIntegrationResponse 200", `UpdateMethodResponse 200 [remove /responseParameters/${H("X")}]`]);
  });

  it("splits add and remove patches when a removed header is still mapped live", () => {
    const d = desired({
      "200": { methodResponse: { responseParameters: { [H("Z")]: true } }, integrationResponse: { responseParameters: { [H("Z")]: "'z'" } } },
    });
    const o = observed({
      "200": { methodResponse: { responseParameters: { [H("X")]: true } }, integrationResponse: { responseParameters: { [H("X")]: "'x'" } } },
    });
    expect(planAndCheck(d, o)).toEqual([
      `UpdateMethodResponse 200 [add /responseParameters/${H("Z")}=true]`,
      "PutIntegrationResponse 200",
      `UpdateMethodResponse 200 [remove /responseParameters/${H("X")}]`,
    ]);
  });

  it("merges add and remove patches into one call when no removed header is mapped", () => {
    const d = desired({ "200": { methodResponse: { responseParameters: { [H("Y")]: true, [H("Z")]: true } }, integrationResponse: {} } });
    const o = observed({ "200": { methodResponse: { responseParameters: { [H("X")]: true, [H("Y")]: true } }, integrationResponse: {} } });
    expect(planAndCheck(d, o)).toEqual([
      `UpdateMethodResponse 200 [add /responseParameters/${H("Z")}=true, remove /responseParameters/${H("X")}]`,
    ]);
  });

  it("merges when the integration response mapping the removed header is deleted in phase 1", () => {
    const d = desired({ "200": { methodResponse: { responseParameters: { [H("Y")]: true } } } });
    const o = observed({
      "200": { methodResponse: { responseParameters: { [H("X")]: true } }, integrationResponse: { responseParameters: { [H("X")]: "'x'" } } },
    });
    expect(planAndCheck(d, o)).toEqual([
      "DeleteIntegrationResponse 200",
      `UpdateMethodResponse 200 [add /responseParameters/${H("Y")}=true, remove /responseParameters/${H("X")}]`,
    ]);
  });

  it("puts remove-only patches in phase 4, after integration responses", () => {
    const d = desired({
      "200": { methodResponse: {}, integrationResponse: {} },
      "400": { methodResponse: {}, integrationResponse: { selectionPattern: "4\\d\\d" } },
    });
    const o = observed({ "200": { methodResponse: { responseModels: { "application/json": "Empty" } }, integrationResponse: {} } });
    expect(planAndCheck(d, o)).toEqual([
      "PutMethodResponse 400",
      "PutIntegrationResponse 400",
      "UpdateMethodResponse 200 [remove /responseModels/application~1json]",
    ]);
  });

  it("puts the default integration response last when the default moves (AWS-6)", () => {
    const d = desired({ "200": { integrationResponse: {} }, "400": { integrationResponse: { selectionPattern: "4\\d\\d" } } });
    const o = observed({ "200": { integrationResponse: { selectionPattern: "2\\d\\d" } }, "400": { integrationResponse: {} } });
    expect(planAndCheck(d, o)).toEqual(["PutIntegrationResponse 400", "PutIntegrationResponse 200"]);
  });

  it("deletes the old default before the new default is put (AWS-6)", () => {
    const d = desired({ "201": { integrationResponse: {} } });
    const o = observed({ "200": { integrationResponse: {} } });
    expect(planAndCheck(d, o)).toEqual(["DeleteIntegrationResponse 200", "PutIntegrationResponse 201"]);
  });

  it("orders by status code within a phase, and all phases together", () => {
    const d = desired({
      "200": { methodResponse: { responseParameters: { [H("A")]: true } }, integrationResponse: { responseParameters: { [H("A")]: "'a'" } } },
      "201": { methodResponse: {}, integrationResponse: { selectionPattern: "201" } },
      "404": { methodResponse: {} },
    });
    const o = observed({
      "200": { methodResponse: { responseParameters: { [H("B")]: true } }, integrationResponse: { responseParameters: { [H("B")]: "'b'" } } },
      "204": { integrationResponse: { selectionPattern: "204" } },
      "404": { methodResponse: { responseParameters: { [H("C")]: true } }, integrationResponse: { selectionPattern: "404", responseParameters: { [H("C")]: "'c'" } } },
      "500": { methodResponse: {} },
    });
    expect(planAndCheck(d, o)).toEqual([
      "DeleteIntegrationResponse 204",
      "DeleteIntegrationResponse 404",
      `UpdateMethodResponse 200 [add /responseParameters/${H("A")}=true]`,
      "PutMethodResponse 201",
      "PutIntegrationResponse 201",
      // 200 is the default response: last in its phase (AWS-6).
      "PutIntegrationResponse 200",
      `UpdateMethodResponse 200 [remove /responseParameters/${H("B")}]`,
      `UpdateMethodResponse 404 [remove /responseParameters/${H("C")}]`,
      "DeleteMethodResponse 500",
    ]);
  });
});

describe("plan: patches (AWS-21, AWS-22, AWS-24)", () => {
  it("adds, replaces and removes from the live state, with true/false strings and escaped model paths", () => {
    const p = methodResponsePatch(
      {
        responseParameters: { [H("Keep")]: true, [H("Flip")]: true, [H("Gone")]: false },
        responseModels: { "application/json": "Empty", "text/plain": "Empty", "application/vnd.a~b+json": "Old" },
      },
      {
        responseParameters: { [H("Keep")]: true, [H("Flip")]: false, [H("New")]: true },
        responseModels: { "application/json": "Empty", "application/vnd.a~b+json": "New", "application/x-www-form-urlencoded": "Form" },
      },
    );
    expect(p.upserts).toEqual([
      { op: "replace", path: "/responseModels/application~1vnd.a~0b+json", value: "New" },
      { op: "add", path: "/responseModels/application~1x-www-form-urlencoded", value: "Form" },
      { op: "replace", path: `/responseParameters/${H("Flip")}`, value: "false" },
      { op: "add", path: `/responseParameters/${H("New")}`, value: "true" },
    ]);
    expect(p.removes).toEqual([
      { op: "remove", path: "/responseModels/text~1plain" },
      { op: "remove", path: `/responseParameters/${H("Gone")}` },
    ]);
    expect(p.removedParameters).toEqual([H("Gone")]);
  });

  it("does not escape parameter keys, even with ~ (AWS-21)", () => {
    const p = methodResponsePatch({ responseParameters: {}, responseModels: {} }, { responseParameters: { [H("a~b")]: true }, responseModels: {} });
    expect(p.upserts).toEqual([{ op: "add", path: `/responseParameters/${H("a~b")}`, value: "true" }]);
  });

  it("escapes ~ before /", () => {
    expect(escapePathSegment("a/~1")).toBe("a~1~01");
  });

  it("carries field changes with live and desired values", () => {
    const d = desired({ "200": { methodResponse: { responseParameters: { [H("X")]: false } } } });
    const o = observed({ "200": { methodResponse: { responseParameters: { [H("X")]: true, [H("Y")]: true } } } });
    const [op] = planMethod(d, o).operations;
    expect(op?.changes).toEqual([
      { field: `responseParameters.${H("X")}`, live: true, desired: false },
      { field: `responseParameters.${H("Y")}`, live: true },
    ]);
  });

  it("splits the changes with the patches when the update is split", () => {
    const d = desired({
      "200": { methodResponse: { responseParameters: { [H("Z")]: true } }, integrationResponse: { responseParameters: { [H("Z")]: "'z'" } } },
    });
    const o = observed({
      "200": { methodResponse: { responseParameters: { [H("X")]: true } }, integrationResponse: { responseParameters: { [H("X")]: "'x'" } } },
    });
    const ops = planMethod(d, o).operations;
    expect(ops[0]?.changes).toEqual([{ field: `responseParameters.${H("Z")}`, desired: true }]);
    expect(ops[2]?.changes).toEqual([{ field: `responseParameters.${H("X")}`, live: true }]);
  });
});

describe("plan: integration responses are put whole (AWS-2)", () => {
  it("sends every desired field, not only the changed one, and marks the overwrite", () => {
    const ir = {
      selectionPattern: "4\\d\\d",
      responseTemplates: { "application/json": '{"a":1}', "text/plain": "" },
      contentHandling: "CONVERT_TO_TEXT" as const,
    };
    const d = desired({ "400": { integrationResponse: ir } });
    const o = observed({ "400": { integrationResponse: { ...ir, responseTemplates: { ...ir.responseTemplates, "application/json": '{"a":2}' } } } });
    const [op] = planMethod(d, o).operations;
    expect(op).toMatchObject({
      kind: "PutIntegrationResponse",
      overwrites: true,
      integrationResponse: {
        contentHandling: "CONVERT_TO_TEXT",
        responseParameters: {},
        responseTemplates: { "application/json": '{"a":1}', "text/plain": "" },
        selectionPattern: "4\\d\\d",
      },
      changes: [{ field: "responseTemplates.application/json", live: '{"a":2}', desired: '{"a":1}' }],
    });
  });

  it("marks a new integration response as not overwriting", () => {
    const [op] = planMethod(desired({ "200": { integrationResponse: {} } }), observed({})).operations;
    expect(op).toMatchObject({ kind: "PutIntegrationResponse", overwrites: false, changes: [{ field: "selectionPattern", desired: "" }] });
  });

  it("clears contentHandling by a full put when it is no longer desired", () => {
    const d = desired({ "200": { integrationResponse: {} } });
    const o = observed({ "200": { integrationResponse: { contentHandling: "CONVERT_TO_BINARY" } } });
    expect(planAndCheck(d, o)).toEqual(["PutIntegrationResponse 200"]);
  });
});

describe("plan: exclusive and removals", () => {
  const live = {
    "200": { methodResponse: { responseParameters: { [H("X")]: true } }, integrationResponse: { responseParameters: { [H("X")]: "'x'" } } },
    "500": { methodResponse: {}, integrationResponse: { selectionPattern: "5\\d\\d" } },
  };

  it("exclusive: true deletes live codes absent from the spec", () => {
    const d = desired({ "200": live["200"] });
    expect(planAndCheck(d, observed(live))).toEqual(["DeleteIntegrationResponse 500", "DeleteMethodResponse 500"]);
  });

  it("exclusive: true deletes a live kind absent from the spec of a code", () => {
    const d = desired({ "500": { methodResponse: {} }, "200": live["200"] });
    expect(planAndCheck(d, observed(live))).toEqual(["DeleteIntegrationResponse 500"]);
  });

  it("exclusive: false leaves foreign codes and kinds alone", () => {
    const d = desired({ "500": { methodResponse: { responseModels: { "application/json": "Error" } } } }, { exclusive: false });
    expect(planAndCheck(d, observed(live))).toEqual(["UpdateMethodResponse 500 [add /responseModels/application~1json=Error]"]);
  });

  it("removals are deleted even with exclusive: false", () => {
    const d = desired({}, { exclusive: false, removals: [{ statusCode: "200" }] });
    expect(planAndCheck(d, observed(live))).toEqual(["DeleteIntegrationResponse 200", "DeleteMethodResponse 200"]);
  });

  it("a removal of one kind leaves the other", () => {
    const d = desired({}, { exclusive: false, removals: [{ statusCode: "500", kind: "integrationResponse" }] });
    expect(planAndCheck(d, observed(live))).toEqual(["DeleteIntegrationResponse 500"]);
  });

  it("a removal of something absent is a no-op", () => {
    const d = desired({}, { exclusive: false, removals: [{ statusCode: "404" }] });
    expect(planAndCheck(d, observed(live))).toEqual([]);
  });
});

describe("plan: no-op", () => {
  it("is empty when desired equals live, whatever the AWS-equivalent forms", () => {
    const d = desired({
      "200": { methodResponse: { responseModels: { "application/json": "Empty" } }, integrationResponse: { selectionPattern: "", responseTemplates: { "application/json": "" } } },
    });
    const o: ObservedMethod = {
      key,
      exists: true,
      integrationType: "MOCK",
      responses: {
        "200": {
          methodResponse: { responseParameters: {}, responseModels: { "application/json": "Empty" } },
          integrationResponse: { selectionPattern: "", responseParameters: {}, responseTemplates: { "application/json": "" } },
        },
      },
    };
    const p = plan([d], [o]);
    expect(p.methods[0]?.operations).toEqual([]);
    expect(isInSync(p)).toBe(true);
    expect(countOperations(p)).toBe(0);
  });

  it("an empty exclusive spec on an empty method is empty", () => {
    expect(planMethod(desired({}), observed({})).operations).toEqual([]);
  });
});

describe("plan: errors", () => {
  const code = (f: () => unknown): string | undefined => {
    try {
      f();
    } catch (e) {
      if (e instanceof PlanError) return e.code;
      throw e;
    }
    return undefined;
  };

  it("METHOD_NOT_FOUND when the method does not exist", () => {
    expect(code(() => planMethod(desired({}), { key, exists: false, responses: {} }))).toBe("METHOD_NOT_FOUND");
    try {
      planMethod(desired({}), { key, exists: false, responses: {} });
    } catch (e) {
      expect(e).toBeInstanceOf(PlanError);
      expect((e as PlanError).message).toContain("GET res1 (rest api api1, resource res1)");
    }
  });

  it("METHOD_KEY_MISMATCH when observed is another method", () => {
    expect(code(() => planMethod(desired({}), { ...observed({}), key: { ...key, httpMethod: "POST" } }))).toBe("METHOD_KEY_MISMATCH");
  });

  it("REMOVAL_CONFLICT when a kind is both desired and removed", () => {
    const d = desired({ "200": { methodResponse: {} } }, { removals: [{ statusCode: "200", kind: "methodResponse" }] });
    expect(code(() => planMethod(d, observed({})))).toBe("REMOVAL_CONFLICT");
  });

  it("NO_INTEGRATION when integration responses are wanted on a method without integration", () => {
    expect(code(() => planMethod(desired({ "200": { integrationResponse: {} } }), observed({}, null)))).toBe("NO_INTEGRATION");
    // Method responses alone are fine.
    expect(planMethod(desired({ "200": { methodResponse: {} } }), observed({}, null)).operations).toHaveLength(1);
  });

  it("PROXY_INTEGRATION when an integration response would be written on an AWS_PROXY method (AWS-26); method responses, deletes and an integration response already in sync are fine", () => {
    const proxy = (responses: Record<string, ResponseSpec>) => observed(responses, "AWS_PROXY");
    expect(code(() => planMethod(desired({ "200": { methodResponse: {}, integrationResponse: {} } }), proxy({ "200": { methodResponse: {} } })))).toBe("PROXY_INTEGRATION");
    // A change of one that exists is a write too.
    const live = { "200": { methodResponse: {}, integrationResponse: { responseTemplates: { "application/json": "a" } } } };
    expect(code(() => planMethod(desired({ "200": { methodResponse: {}, integrationResponse: { responseTemplates: { "application/json": "b" } } } }), proxy(live)))).toBe("PROXY_INTEGRATION");
    expect(summarize(planMethod(desired(live), proxy(live)).operations)).toEqual([]);
    expect(summarize(planMethod(desired({ "200": { methodResponse: {} }, "500": { methodResponse: {} } }), proxy(live)).operations)).toEqual([
      "DeleteIntegrationResponse 200",
      "PutMethodResponse 500",
    ]);
  });

  it("UNDECLARED_HEADER when the target maps a header without a method response (AWS-4)", () => {
    const d = desired({ "200": { integrationResponse: { responseParameters: { [H("X")]: "'x'" } } } });
    expect(code(() => planMethod(d, observed({})))).toBe("UNDECLARED_HEADER");
  });

  it("UNDECLARED_HEADER when a kept live integration response maps a header the desired method response drops (AWS-5)", () => {
    const d = desired({ "200": { methodResponse: {} } }, { exclusive: false });
    const o = observed({
      "200": { methodResponse: { responseParameters: { [H("X")]: true } }, integrationResponse: { responseParameters: { [H("X")]: "'x'" } } },
    });
    expect(code(() => planMethod(d, o))).toBe("UNDECLARED_HEADER");
  });

  it("DUPLICATE_DEFAULT when a kept live default and a desired default would coexist (AWS-6)", () => {
    const d = desired({ "201": { integrationResponse: {} } }, { exclusive: false });
    expect(code(() => planMethod(d, observed({ "200": { integrationResponse: { selectionPattern: "" } } })))).toBe("DUPLICATE_DEFAULT");
  });

  it("DUPLICATE_METHOD and METHOD_NOT_OBSERVED in plan()", () => {
    expect(code(() => plan([desired({}), desired({})], [observed({})]))).toBe("DUPLICATE_METHOD");
    const viaPath = { ...desired({}), path: "/pets" };
    expect(() => plan([desired({}), viaPath], [observed({})])).toThrow(/methods\[0\] \(path \/users\) and methods\[1\] \(path \/pets\) name it/);
    expect(code(() => plan([desired({})], []))).toBe("METHOD_NOT_OBSERVED");
  });
});

describe("plan: many methods", () => {
  it("plans in input order and counts operations", () => {
    const k2: MethodKey = { ...key, resourceId: "res2" };
    const d2: DesiredMethod = { key: k2, responses: normalizeDesiredResponses({ "200": { methodResponse: {}, integrationResponse: {} } }), exclusive: true };
    const o2: ObservedMethod = { key: k2, exists: true, integrationType: "HTTP", responses: {} };
    const p = plan([d2, desired({})], [observed({ "500": { methodResponse: {} } }), o2]);
    expect(p.methods.map((m) => m.key.resourceId)).toEqual(["res2", "res1"]);
    expect(p.methods[1]?.path).toBe("/users");
    expect(isInSync(p)).toBe(false);
    expect(countOperations(p)).toBe(3);
    expect(countOperationsByKind(p)).toEqual({
      PutMethodResponse: 1,
      UpdateMethodResponse: 0,
      DeleteMethodResponse: 1,
      PutIntegrationResponse: 1,
      DeleteIntegrationResponse: 0,
      PutGatewayResponse: 0,
      DeleteGatewayResponse: 0,
    });
  });
});

describe("plan: the shape of what it returns, and what its errors say", () => {
  /** The error `f` throws (a PlanError expected). */
  const thrown = (f: () => unknown): PlanError => {
    try {
      f();
    } catch (e) {
      if (e instanceof PlanError) return e;
      throw e;
    }
    throw new Error("no PlanError thrown");
  };
  const noPath: DesiredMethod = { key, responses: {}, exclusive: true };

  it("another method is any part of the key differing, and the error names it", () => {
    for (const other of [{ ...key, restApiId: "api2" }, { ...key, resourceId: "res2" }, { ...key, httpMethod: "POST" }]) {
      const e = thrown(() => planMethod(desired({}), { ...observed({}), key: other }));
      expect([e.code, e.message]).toEqual(["METHOD_KEY_MISMATCH", `METHOD_KEY_MISMATCH: ${describeMethod(key)}: observed state is of another method: ${describeMethod(other)}`]);
    }
  });

  it("a PlanError: its name, its method, and a status code only when one is at fault", () => {
    const missing = thrown(() => planMethod(desired({}), { key, exists: false, responses: {} }));
    expect([missing.name, missing.code, missing.key]).toEqual(["PlanError", "METHOD_NOT_FOUND", key]);
    expect(missing.message).toBe(`METHOD_NOT_FOUND: ${describeMethod(key)}: the method does not exist; create the method (and its integration) first (AWS-8)`);
    expect(missing.statusCode).toBeUndefined();
    const conflict = thrown(() => planMethod(desired({ "404": { methodResponse: {} } }, { removals: [{ statusCode: "404" }] }), observed({})));
    expect([conflict.code, conflict.statusCode]).toEqual(["REMOVAL_CONFLICT", "404"]);
    expect(conflict.message).toContain("status code 404: the methodResponse is both desired and listed in removals");
  });

  it("the messages of the integration errors name the status code and the AWS rule", () => {
    const none = thrown(() => planMethod(desired({ "201": { integrationResponse: {} } }), observed({}, null)));
    expect([none.code, none.statusCode]).toEqual(["NO_INTEGRATION", "201"]);
    expect(none.message).toContain("status code 201: an integration response is wanted but the method has no integration (AWS-8)");
    const proxy = thrown(() => planMethod(desired({ "201": { methodResponse: {}, integrationResponse: {} } }), observed({}, "AWS_PROXY")));
    expect([proxy.code, proxy.statusCode]).toEqual(["PROXY_INTEGRATION", "201"]);
    expect(proxy.message).toContain("status code 201: an integration response is wanted but the method's integration is AWS_PROXY, which never uses integration responses (AWS-26)");
    expect(proxy.message).toContain("the Lambda function's answer is the response. Declare only the method response of 201");
  });

  it("the messages of the target errors name the status codes and the header", () => {
    const noMr = thrown(() => planMethod(desired({ "200": { integrationResponse: { responseParameters: { [H("X")]: "'x'" } } } }), observed({})));
    expect([noMr.code, noMr.statusCode]).toEqual(["UNDECLARED_HEADER", "200"]);
    expect(noMr.message).toContain(`status code 200: the integration response maps ${H("X")} but no method response of that code would exist (AWS-4)`);
    const undeclared = thrown(() =>
      planMethod(desired({ "200": { methodResponse: {}, integrationResponse: { responseParameters: { [H("X")]: "'x'" } } } }), observed({})),
    );
    expect(undeclared.message).toContain(`status code 200: the integration response maps ${H("X")} but the method response would not declare it (AWS-5)`);
    const defaults = thrown(() => planMethod(desired({ "201": { integrationResponse: {} }, "202": { integrationResponse: {} } }, { exclusive: false }), observed({ "200": { integrationResponse: {} } })));
    expect([defaults.code, defaults.statusCode]).toEqual(["DUPLICATE_DEFAULT", "201"]);
    expect(defaults.message).toContain("status codes 200, 201, 202 would all be the default integration response");
  });

  it("plan(): a duplicate named by resource id when it has no path; a method without observation named", () => {
    expect(() => plan([noPath, noPath], [observed({})])).toThrow("methods[0] (resource id res1) and methods[1] (resource id res1) name it");
    expect(() => plan([noPath], [])).toThrow(`METHOD_NOT_OBSERVED: ${describeMethod(key)}: no observed state was given for this method`);
  });

  it("a method plan has a path only when the desired method has one", () => {
    expect(planMethod(noPath, observed({}))).toStrictEqual({ key, operations: [] });
    expect(planMethod(desired({}), observed({}))).toStrictEqual({ key, path: "/users", operations: [] });
  });

  it("status codes in order within a phase even when a new code sorts before a live one", () => {
    const d = desired({ "200": { methodResponse: {} }, "500": { methodResponse: { responseModels: { "application/json": "Error" } } } });
    expect(planAndCheck(d, observed({ "500": { methodResponse: {} } }))).toEqual([
      "PutMethodResponse 200",
      "UpdateMethodResponse 500 [add /responseModels/application~1json=Error]",
    ]);
  });

  it("the target: codes sorted across desired and live; a kind neither desired nor live is absent, not undefined", () => {
    const d = desired({ "200": { methodResponse: {} } }, { exclusive: false });
    const t = targetState(d, normalizeDesiredResponses({ "500": { integrationResponse: { selectionPattern: "5\\d\\d" } } }));
    expect(Object.keys(t)).toEqual(["200", "500"]);
    expect(t).toStrictEqual({
      "200": { methodResponse: { responseModels: {}, responseParameters: {} } },
      "500": { integrationResponse: { responseParameters: {}, responseTemplates: {}, selectionPattern: "5\\d\\d" } },
    });
  });

  it("counts gateway response operations by kind", () => {
    const op = (kind: GatewayResponseOperation["kind"]) => ({ kind }) as GatewayResponseOperation;
    const p = { methods: [], gatewayResponses: [{ restApiId: "api1", operations: [op("PutGatewayResponse"), op("DeleteGatewayResponse"), op("PutGatewayResponse")] }] };
    expect(countOperationsByKind(p)).toMatchObject({ PutGatewayResponse: 2, DeleteGatewayResponse: 1, PutMethodResponse: 0 });
    expect(countOperations(p)).toBe(3);
  });
});

describe("plan: field changes", () => {
  it("name each field by its map and key; a side that has no value has no key", () => {
    const mr = normalizeMethodResponse({ responseModels: { "application/json": "Empty" }, responseParameters: { [H("A")]: true } });
    expect(methodResponseChanges(undefined, mr)).toStrictEqual([
      { field: "responseModels.application/json", desired: "Empty" },
      { field: `responseParameters.${H("A")}`, desired: true },
    ]);
    expect(methodResponseChanges(mr, undefined)).toStrictEqual([
      { field: "responseModels.application/json", live: "Empty" },
      { field: `responseParameters.${H("A")}`, live: true },
    ]);
  });

  it("contentHandling is a field of its own, absent when pass-through (AWS-27)", () => {
    const live = normalizeIntegrationResponse({ contentHandling: "CONVERT_TO_TEXT" });
    expect(integrationResponseChanges(live, normalizeIntegrationResponse({}))).toStrictEqual([{ field: "contentHandling", live: "CONVERT_TO_TEXT" }]);
    expect(integrationResponseChanges(normalizeIntegrationResponse({}), normalizeIntegrationResponse({}))).toStrictEqual([]);
  });

  it("a gateway response against nothing: every field is a change", () => {
    const gr = normalizeGatewayResponse("THROTTLED", { responseParameters: { "gatewayresponse.header.A": "'a'" } });
    expect(gatewayResponseChanges(undefined, gr)).toStrictEqual([
      { field: "responseParameters.gatewayresponse.header.A", desired: "'a'" },
      { field: "responseTemplates.application/json", desired: '{"message":$context.error.messageString}' },
      { field: "statusCode", desired: "429" },
    ]);
    expect(gatewayResponseChanges(gr, undefined).map((c) => c.field)).toEqual(gatewayResponseChanges(undefined, gr).map((c) => c.field));
  });
});
