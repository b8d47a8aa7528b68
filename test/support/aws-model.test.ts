import { describe, expect, it } from "vitest";
import { applyOperation, AwsModelError } from "./aws-model";
import type { MethodKey, NormalizedResponses, Operation } from "../../src/model";
import { normalizeDesiredResponses } from "../../src/normalize";

const key: MethodKey = { restApiId: "a", resourceId: "r", httpMethod: "GET" };
const X = "method.response.header.X";
const emptyMr = { responseParameters: {}, responseModels: {} };
const emptyIr = { selectionPattern: "", responseParameters: {}, responseTemplates: {} };

const live: NormalizedResponses = normalizeDesiredResponses({
  "200": { methodResponse: { responseParameters: { [X]: true }, responseModels: { "application/json": "Empty" } }, integrationResponse: { responseParameters: { [X]: "'x'" } } },
});

function rule(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof AwsModelError) return `${e.code} ${e.rule}`;
    throw e;
  }
  return "ok";
}

const op = (o: Record<string, unknown>): Operation => ({ key, statusCode: "200", changes: [], ...o }) as unknown as Operation;

describe("aws-model: applyOperation", () => {
  it.each<[string, Operation, string]>([
    ["PutMethodResponse on an existing code (AWS-1)", op({ kind: "PutMethodResponse", methodResponse: emptyMr }), "ConflictException AWS-1"],
    ["status code 600 (AWS-7)", op({ kind: "DeleteMethodResponse", statusCode: "600" }), "ValidationException AWS-7"],
    ["update of an absent method response (AWS-13)", op({ kind: "UpdateMethodResponse", statusCode: "201", patch: [] }), "NotFoundException AWS-13"],
    ["replace of an absent parameter (AWS-22)", op({ kind: "UpdateMethodResponse", patch: [{ op: "replace", path: "/responseParameters/method.response.header.Y", value: "true" }] }), "NotFoundException AWS-22"],
    ["remove of an absent model (AWS-22)", op({ kind: "UpdateMethodResponse", patch: [{ op: "remove", path: "/responseModels/text~1plain" }] }), "NotFoundException AWS-22"],
    ["unknown patch path (AWS-23)", op({ kind: "UpdateMethodResponse", patch: [{ op: "add", path: "/wrong/x", value: "1" }] }), "BadRequestException AWS-23"],
    ["parameter value not true/false (AWS-24)", op({ kind: "UpdateMethodResponse", patch: [{ op: "add", path: "/responseParameters/method.response.header.Y", value: "yes" }] }), "BadRequestException AWS-24"],
    ["removing a header still mapped (conservative)", op({ kind: "UpdateMethodResponse", patch: [{ op: "remove", path: `/responseParameters/${X}` }] }), "BadRequestException model"],
    ["deleting a method response still mapped (conservative)", op({ kind: "DeleteMethodResponse" }), "BadRequestException model"],
    ["mapping without method response (AWS-4)", op({ kind: "PutIntegrationResponse", statusCode: "201", integrationResponse: { ...emptyIr, selectionPattern: "2", responseParameters: { [X]: "'x'" } } }), "BadRequestException AWS-4"],
    ["mapping an undeclared header (AWS-5)", op({ kind: "PutIntegrationResponse", integrationResponse: { ...emptyIr, responseParameters: { "method.response.header.Y": "'y'" } } }), "BadRequestException AWS-5"],
    ["a second default (AWS-6)", op({ kind: "PutIntegrationResponse", statusCode: "201", integrationResponse: emptyIr }), "ConflictException AWS-6"],
    ["delete of an absent integration response (AWS-14)", op({ kind: "DeleteIntegrationResponse", statusCode: "404" }), "NotFoundException AWS-14"],
    ["delete of an absent method response (AWS-14)", op({ kind: "DeleteMethodResponse", statusCode: "404" }), "NotFoundException AWS-14"],
    ["put without mappings and without method response (AWS-3)", op({ kind: "PutIntegrationResponse", statusCode: "404", integrationResponse: { ...emptyIr, selectionPattern: "404" } }), "ok"],
  ])("%s", (_name, o, expected) => {
    expect(rule(() => applyOperation(live, o))).toBe(expected);
  });

  it("overwrites an integration response fully (AWS-2)", () => {
    const after = applyOperation(live, op({ kind: "PutIntegrationResponse", integrationResponse: { ...emptyIr, responseTemplates: { "application/json": "" } } }));
    expect(after["200"]?.integrationResponse).toEqual({ ...emptyIr, responseTemplates: { "application/json": "" } });
  });

  it("applies add, replace and remove patches with unescaping", () => {
    const after = applyOperation(
      live,
      op({
        kind: "UpdateMethodResponse",
        patch: [
          { op: "replace", path: `/responseParameters/${X}`, value: "false" },
          { op: "add", path: "/responseModels/application~1vnd.a~0b", value: "M" },
          { op: "remove", path: "/responseModels/application~1json" },
        ],
      }),
    );
    expect(after["200"]?.methodResponse).toEqual({ responseParameters: { [X]: false }, responseModels: { "application/vnd.a~b": "M" } });
  });

  it("does not modify its input", () => {
    const before = JSON.stringify(live);
    applyOperation(live, op({ kind: "DeleteIntegrationResponse" }));
    expect(JSON.stringify(live)).toBe(before);
  });
});
