/**
 * `revision` (src/pulumi/state.ts `revisionOf`): the README promises it "changes exactly when
 * the content does". Pinned here on the pure function, over the normalizer's output as the
 * lifecycle feeds it: every spelling the normalizer treats as equal gives the same revision;
 * a change of any one field of a method or integration response gives another; the method's
 * ids are part of it on purpose (the same responses on another method are another
 * deployment's content). The lifecycle's use of it (create, read, update against the local
 * API Gateway) is pinned in ./revision.emulator.test.ts.
 */
import { describe, expect, it } from "vitest";
import type { MethodKey, ResponseSpec } from "../../src/model";
import { normalizeDesiredResponses } from "../../src/normalize";
import { revisionOf } from "../../src/pulumi/state";

const H = (name: string) => `method.response.header.${name}`;
const key: MethodKey = { restApiId: "api1", resourceId: "res1", httpMethod: "GET" };

/** Every field of both kinds given, so that each can be changed alone. */
const BASE: Record<string, ResponseSpec> = {
  "200": {
    methodResponse: { responseParameters: { [H("X-A")]: true, [H("X-B")]: false }, responseModels: { "application/json": "Empty" } },
    integrationResponse: {
      responseParameters: { [H("X-A")]: "'a'", [H("X-B")]: "integration.response.header.B" },
      responseTemplates: { "application/json": '{"ok": true}', "text/plain": "" },
    },
  },
  "404": {
    methodResponse: {},
    integrationResponse: { selectionPattern: "404", contentHandling: "CONVERT_TO_TEXT", responseTemplates: { "application/json": "" } },
  },
};

const rev = (responses: Record<string, ResponseSpec>, k: MethodKey = key) => revisionOf(k, normalizeDesiredResponses(responses));
const clone = (): Record<string, any> => structuredClone(BASE) as Record<string, any>;

describe("revisionOf", () => {
  it("is sha256: and 64 hex digits, and a function of its input only (same input, same revision)", () => {
    expect(rev(BASE)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(rev(BASE)).toBe(rev(clone()));
  });

  it.each<[string, (r: Record<string, any>) => void]>([
    ["keys in another order", (r) => {
      r["200"].integrationResponse.responseTemplates = { "text/plain": "", "application/json": '{"ok": true}' };
      const { "404": n, "200": t } = r;
      for (const k of Object.keys(r)) delete r[k];
      Object.assign(r, { "404": n, "200": t });
    }],
    ["a null template for \"\" (AWS-16)", (r) => (r["404"].integrationResponse.responseTemplates["application/json"] = null)],
    ["selectionPattern \"\" for the default response absent (AWS-17)", (r) => (r["200"].integrationResponse.selectionPattern = "")],
    ["selectionPattern null for absent", (r) => (r["200"].integrationResponse.selectionPattern = null)],
    ["an empty responseModels map for none (AWS-18)", (r) => (r["404"].methodResponse.responseModels = {})],
    ["a null responseParameters map for none", (r) => (r["404"].methodResponse.responseParameters = null)],
    ["an empty integration responseParameters map for none", (r) => (r["404"].integrationResponse.responseParameters = {})],
    ["contentHandling \"\" for pass-through (AWS-27)", (r) => (r["200"].integrationResponse.contentHandling = "")],
    ["contentHandling null for pass-through", (r) => (r["200"].integrationResponse.contentHandling = null)],
    ["a status code that asks for nothing", (r) => (r["418"] = {})],
  ])("equal when the normalizer treats the spelling as equal: %s", (_name, respell) => {
    const r = clone();
    respell(r);
    expect(rev(r)).toBe(rev(BASE));
  });

  it.each<[string, (r: Record<string, any>) => void]>([
    // method response
    ["a method response parameter key", (r) => (r["200"].methodResponse.responseParameters = { [H("X-A")]: true, [H("X-C")]: false })],
    ["a method response parameter value (required)", (r) => (r["200"].methodResponse.responseParameters[H("X-B")] = true)],
    ["a responseModels content type", (r) => (r["200"].methodResponse.responseModels = { "application/xml": "Empty" })],
    ["a responseModels model", (r) => (r["200"].methodResponse.responseModels["application/json"] = "Error")],
    ["a responseModels entry added", (r) => (r["404"].methodResponse.responseModels = { "application/json": "Error" })],
    ["a method response removed", (r) => delete r["404"].methodResponse],
    // integration response
    ["selectionPattern", (r) => (r["404"].integrationResponse.selectionPattern = "4\\d{2}")],
    ["selectionPattern given on the default response", (r) => (r["200"].integrationResponse.selectionPattern = "2\\d{2}")],
    ["contentHandling", (r) => (r["404"].integrationResponse.contentHandling = "CONVERT_TO_BINARY")],
    ["contentHandling removed (pass-through)", (r) => delete r["404"].integrationResponse.contentHandling],
    ["contentHandling added", (r) => (r["200"].integrationResponse.contentHandling = "CONVERT_TO_TEXT")],
    ["a template value", (r) => (r["200"].integrationResponse.responseTemplates["application/json"] = '{"ok": false}')],
    ["a pass-through template given a body", (r) => (r["200"].integrationResponse.responseTemplates["text/plain"] = " ")],
    ["a template content type", (r) => (r["404"].integrationResponse.responseTemplates = { "application/xml": "" })],
    ["a template removed", (r) => delete r["200"].integrationResponse.responseTemplates["text/plain"]],
    ["an integration response parameter key", (r) => (r["200"].integrationResponse.responseParameters = { [H("X-A")]: "'a'", [H("X-C")]: "integration.response.header.B" })],
    ["an integration response parameter value", (r) => (r["200"].integrationResponse.responseParameters[H("X-A")] = "'b'")],
    ["an integration response removed", (r) => delete r["404"].integrationResponse],
    // status codes
    ["a response moved to another status code", (r) => ((r["400"] = r["404"]), delete r["404"])],
    ["a status code added", (r) => (r["500"] = { methodResponse: {} })],
  ])("different when one field changes: %s", (_name, change) => {
    const r = clone();
    change(r);
    expect(rev(r)).not.toBe(rev(BASE));
  });

  it("every field change above gives a revision of its own (no two collide)", () => {
    // The table's changes, applied one at a time, with the base: all distinct.
    const seen = new Set([rev(BASE)]);
    const variants: ((r: Record<string, any>) => void)[] = [
      (r) => (r["404"].integrationResponse.selectionPattern = "4\\d{2}"),
      (r) => (r["404"].integrationResponse.contentHandling = "CONVERT_TO_BINARY"),
      (r) => (r["200"].integrationResponse.responseTemplates["application/json"] = "x"),
      (r) => (r["200"].methodResponse.responseModels["application/json"] = "Error"),
      (r) => (r["200"].methodResponse.responseParameters[H("X-B")] = true),
    ];
    for (const v of variants) {
      const r = clone();
      v(r);
      seen.add(rev(r));
    }
    expect(seen.size).toBe(variants.length + 1);
  });

  it("includes the method on purpose: the same responses on another resource, method or REST API give another revision", () => {
    // A deployment snapshots the REST API: the same responses moved to another method are new content
    // for that API's next deployment (README, `revision`), so a Deployment's triggers must see the move.
    expect(rev(BASE, { ...key, resourceId: "res2" })).not.toBe(rev(BASE));
    expect(rev(BASE, { ...key, httpMethod: "POST" })).not.toBe(rev(BASE));
    expect(rev(BASE, { ...key, restApiId: "api2" })).not.toBe(rev(BASE));
    // …and is not a hash of the ids alone: the content still counts on each of them.
    expect(rev({}, { ...key, resourceId: "res2" })).not.toBe(rev(BASE, { ...key, resourceId: "res2" }));
  });

  it("no responses at all is a revision too, distinct from any content", () => {
    expect(rev({})).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(rev({})).not.toBe(rev({ "200": { methodResponse: {} } }));
  });
});
