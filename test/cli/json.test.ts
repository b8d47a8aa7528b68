/**
 * `--format json` documents of errors (issue 15, defect 6): every kind of error
 * gives `{ok: false, error: {code, message, details}, report, remaining}`, with what
 * was done and what remains when the error came after writes.
 */
import { describe, expect, it } from "vitest";
import { ApplyError } from "../../src/apply";
import { ApiGatewayError } from "../../src/aws/errors";
import { CliError, SpecFileError } from "../../src/cli/errors";
import { errorJson } from "../../src/cli/json";
import type { ApplyReport, MethodKey, Operation, Plan } from "../../src/model";
import { ConvergenceError, ValidationError } from "../../src/reconcile";

const key: MethodKey = { restApiId: "a1", resourceId: "r1", httpMethod: "GET" };
const put: Operation = { kind: "PutMethodResponse", key, statusCode: "200", methodResponse: { responseParameters: {}, responseModels: {} }, changes: [] };
const del: Operation = { kind: "DeleteMethodResponse", key, statusCode: "418", changes: [] };
const report: ApplyReport = { operations: [put], calls: { PutMethodResponse: 1, GetMethod: 2 }, retries: { throttled: 0, conflict: 1, server: 0, network: 0, timeout: 0 }, adopted: [], durationMs: 12 };
const remaining: Plan = { methods: [{ key, path: "/pets", operations: [del] }] };

describe("errorJson", () => {
  it("NOT_CONVERGED: what was done, what remains, a message that does not end in a colon", () => {
    const doc = errorJson(new ConvergenceError(remaining, report, 3, "moved"));
    expect(doc).toMatchObject({
      ok: false,
      error: { code: "NOT_CONVERGED", details: ["  - GET /pets (rest api a1, resource r1):", "      DeleteMethodResponse 418"] },
      report: { operations: [{ kind: "PutMethodResponse", statusCode: "200", ...key }], calls: { PutMethodResponse: 1, GetMethod: 2 }, durationMs: 12 },
      remaining: { inSync: false, operationCount: 1, methods: [{ ...key, path: "/pets", operations: [{ kind: "DeleteMethodResponse", statusCode: "418" }] }] },
    });
    expect(doc.error.message).toMatch(/another writer .* probable cause\.$/);
  });

  it("APPLY_FAILED: what was done and the failed methods with their errors", () => {
    const failure = new ApiGatewayError({ code: "TERMINAL", classification: "terminal", operation: "DeleteMethodResponse", method: key, message: "denied" });
    const doc = errorJson(new ApplyError([{ method: remaining.methods[0]!, error: failure }], report, 1));
    expect(doc).toMatchObject({ ok: false, error: { code: "APPLY_FAILED" }, report: { operations: [{ kind: "PutMethodResponse" }] }, failures: [{ ...key, path: "/pets", error: "denied" }] });
  });

  it.each([
    ["a spec file's problems", new SpecFileError("api.yaml", [{ property: "methods[0].httpMethod", reason: "bad" }]), "VALIDATION_FAILED", [{ property: "methods[0].httpMethod", reason: "bad" }]],
    ["the library's validation", new ValidationError([{ property: "methods[0].responses", reason: "bad" }]), "VALIDATION_FAILED", [{ property: "methods[0].responses", reason: "bad" }]],
  ])("%s: every problem, no report", (_name, err, code, problems) => {
    expect(errorJson(err)).toEqual({ ok: false, error: { code, message: expect.any(String), details: expect.any(Array), problems }, report: null, remaining: null });
  });

  it.each([
    ["a bad option", new CliError("--rate: bad"), "INVALID_INPUT"],
    ["an AWS error", new ApiGatewayError({ code: "REST_API_NOT_FOUND", classification: "not-found", operation: "GetRestApi", message: "REST_API_NOT_FOUND: gone" }), "REST_API_NOT_FOUND"],
    ["anything else", new TypeError("boom"), "UNEXPECTED"],
    ["not even an Error", "boom", "UNEXPECTED"],
  ])("%s: a document with its code", (_name, err, code) => {
    expect(errorJson(err)).toMatchObject({ ok: false, error: { code }, report: null, remaining: null });
  });
});
