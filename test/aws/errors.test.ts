/**
 * The one classifier (architecture rule 5), pinned as a table: SDK-shaped errors
 * (the fields the AWS SDK v3 sets: `name`, `$fault`, `$metadata`, `$response`,
 * `retryAfterSeconds`) and Node socket errors. Pure: no client involved.
 */
import { describe, expect, it } from "vitest";
import {
  ApiGatewayError,
  classifyError,
  codeFor,
  errorMessage,
  errorName,
  httpStatusOf,
  isRetryableClass,
  requestIdOf,
  retryAfterMsOf,
  toApiGatewayError,
  type ErrorClass,
} from "../../src/aws/errors";

/** An error shaped like the SDK's service exceptions. */
function sdkError(name: string, status: number, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: status >= 500 ? "server" : "client",
    $metadata: { httpStatusCode: status, requestId: "req-123" },
    $response: { statusCode: status, headers: { "x-amzn-requestid": "req-123", ...((extra.headers as object) ?? {}) } },
    ...extra,
  });
}
function socketError(code: string, message: string, name = "Error"): Error {
  return Object.assign(new Error(message), { code, name });
}

const TABLE: [string, unknown, ErrorClass, number?][] = [
  // AWS-11
  ["429 TooManyRequestsException", sdkError("TooManyRequestsException", 429, "Too Many Requests"), "throttled"],
  ["429 with Retry-After header", sdkError("TooManyRequestsException", 429, "Too Many Requests", { headers: { "retry-after": "2" } }), "throttled", 2000],
  ["429 with retryAfterSeconds field", sdkError("TooManyRequestsException", 429, "slow down", { retryAfterSeconds: "3" }), "throttled", 3000],
  ["LimitExceededException", sdkError("LimitExceededException", 429, "Limit exceeded"), "throttled"],
  ["a bare 429 with an unknown name", sdkError("Unknown", 429, "?"), "throttled"],
  ["ThrottlingException", sdkError("ThrottlingException", 400, "Rate exceeded"), "throttled"],
  // The SDK's own throttling predicate (@smithy/core/retry): its name table and its trait.
  ["a name of the SDK's throttling table (ProvisionedThroughputExceededException)", sdkError("ProvisionedThroughputExceededException", 400, "Rate exceeded"), "throttled"],
  ["the SDK's throttling trait", sdkError("Unknown", 400, "slow down", { $retryable: { throttling: true } }), "throttled"],
  // AWS-64: a 429 with no error code, as the SDK raises it (name "Unknown", APIGatewayServiceException).
  ["AWS-64 un-coded 429 (as the SDK raises it)", Object.assign(new Error("Too Many Requests"), { name: "Unknown", $fault: "client", $metadata: { httpStatusCode: 429 } }), "throttled"],
  ["AWS-64 un-coded 429 seen only on the raw response", Object.assign(new Error("UnknownError"), { $response: { statusCode: 429, headers: {} } }), "throttled"],
  // AWS-63: a LimitExceededException that is a hard quota, not a rate (as the SDK raises AWS's answer).
  [
    "AWS-63 hard limit: \"Maximum number of …\", retryAfterSeconds null",
    sdkError("LimitExceededException", 429, "Maximum number of Resources for this API has been reached.  Please contact AWS if you need additional Resources.", { retryAfterSeconds: null }),
    "limit-exceeded",
  ],
  ["AWS-63 hard limit: retryAfterSeconds null alone", sdkError("LimitExceededException", 429, "Limit exceeded", { retryAfterSeconds: null }), "limit-exceeded"],
  ["AWS-63 hard limit: the message alone (no body field)", sdkError("LimitExceededException", 429, "Maximum number of Stages for this API has been reached."), "limit-exceeded"],
  ["AWS-63 hard limit even with a Retry-After", sdkError("LimitExceededException", 429, "Maximum number of Resources for this API has been reached.", { headers: { "retry-after": "1" } }), "limit-exceeded"],
  ["LimitExceededException with Retry-After and no maximum: throttling", sdkError("LimitExceededException", 429, "Rate exceeded", { headers: { "retry-after": "1" }, retryAfterSeconds: "1" }), "throttled", 1000],
  ["TooManyRequestsException is never a hard limit", sdkError("TooManyRequestsException", 429, "Maximum number of requests reached", { retryAfterSeconds: null }), "throttled"],
  // AWS-9 / AWS-10
  [
    "409 concurrent modification",
    sdkError("ConflictException", 409, "Unable to complete operation due to concurrent modification. Please try again later."),
    "conflict",
  ],
  // AWS-1 / AWS-6
  ["409 response already exists", sdkError("ConflictException", 409, "Response already exists for this resource"), "already-exists"],
  ["409 default pattern already exists", sdkError("ConflictException", 409, "Integration response with selection pattern default already exists"), "already-exists"],
  ["409 with another text", sdkError("ConflictException", 409, "Something else"), "terminal"],
  // AWS-8, AWS-13, AWS-14
  ["NotFoundException (method)", sdkError("NotFoundException", 404, "Invalid Method identifier specified"), "not-found"],
  ["NotFoundException (older text)", sdkError("NotFoundException", 404, "No integration defined for method"), "not-found"],
  ["AWS-22 Invalid parameter name", sdkError("NotFoundException", 404, "Invalid parameter name specified"), "not-found"],
  // server
  ["500 InternalServerError", sdkError("InternalServerError", 500, "boom"), "server"],
  ["503 ServiceUnavailableException", sdkError("ServiceUnavailableException", 503, "unavailable"), "server"],
  ["503 with Retry-After", sdkError("ServiceUnavailableException", 503, "unavailable", { headers: { "retry-after": "1" } }), "server", 1000],
  ["502 unknown name", sdkError("Unknown", 502, "Bad Gateway"), "server"],
  // network
  ["ECONNRESET", socketError("ECONNRESET", "read ECONNRESET"), "network"],
  ["socket hang up", socketError("", "socket hang up"), "network"],
  ["EPIPE", socketError("EPIPE", "write EPIPE"), "network"],
  ["ECONNRESET renamed TimeoutError by the Node HTTP handler", socketError("ECONNRESET", "socket hang up", "TimeoutError"), "network"],
  ["ECONNRESET in cause", Object.assign(new Error("fetch failed"), { cause: { code: "ECONNRESET" } }), "network"],
  // timeouts
  ["TimeoutError (requestTimeout)", socketError("", "Request timed out after 20000 ms", "TimeoutError"), "timeout"],
  ["ETIMEDOUT", socketError("ETIMEDOUT", "connect ETIMEDOUT 1.2.3.4:443"), "timeout"],
  ["TimeoutError with ETIMEDOUT", socketError("ETIMEDOUT", "socket timed out", "TimeoutError"), "timeout"],
  // terminal
  ["400 BadRequestException", sdkError("BadRequestException", 400, "Invalid mapping expression specified"), "terminal"],
  ["400 ValidationException (AWS-7)", sdkError("ValidationException", 400, "1 validation error detected"), "terminal"],
  ["403 AccessDeniedException", sdkError("AccessDeniedException", 403, "denied"), "terminal"],
  ["401 UnauthorizedException", sdkError("UnauthorizedException", 401, "expired"), "terminal"],
  ["connection refused", socketError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:1"), "terminal"],
  ["a TypeError", new TypeError("x is not a function"), "terminal"],
  ["a string", "oops", "terminal"],
  ["undefined", undefined, "terminal"],
];

describe("classifyError", () => {
  it.each(TABLE)("%s → %s", (_label, err, expected, retryAfterMs) => {
    const c = classifyError(err);
    expect(c.class).toBe(expected);
    expect(c.retryAfterMs).toBe(retryAfterMs);
  });

  it("keeps the classification of an ApiGatewayError", () => {
    const e = toApiGatewayError(sdkError("ConflictException", 409, "Unable to complete operation due to concurrent modification."), { operation: "PutMethodResponse" });
    expect(classifyError(e).class).toBe("conflict");
  });
});

describe("Retry-After (AWS-11)", () => {
  it("reads seconds, fractions and HTTP dates", () => {
    expect(retryAfterMsOf({ $response: { headers: { "retry-after": "0.25" } } })).toBe(250);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAfterMsOf({ $response: { headers: { "retry-after": "Thu, 01 Jan 2026 00:00:05 GMT" } } }, now)).toBe(5000);
    expect(retryAfterMsOf({ retryAfterSeconds: "x" })).toBeUndefined();
    expect(retryAfterMsOf({})).toBeUndefined();
  });
  it("prefers the header over the field", () => {
    expect(retryAfterMsOf({ $response: { headers: { "retry-after": "1" } }, retryAfterSeconds: "9" })).toBe(1000);
  });
});

describe("ApiGatewayError", () => {
  it("has a stable code, the operation, the method and the request id in the message", () => {
    const e = toApiGatewayError(sdkError("NotFoundException", 404, "Invalid Method identifier specified"), {
      operation: "GetMethod",
      method: { restApiId: "a1", resourceId: "r1", httpMethod: "GET" },
      attempts: 1,
    });
    expect(e).toBeInstanceOf(ApiGatewayError);
    expect(e.code).toBe("METHOD_NOT_FOUND");
    expect(e.requestId).toBe("req-123");
    expect(e.message).toContain("GetMethod failed for GET r1 (rest api a1, resource r1) [METHOD_NOT_FOUND]");
    expect(e.message).toContain("request id req-123");
    expect(e.message).toContain("1 attempt");
    expect(e.httpStatusCode).toBe(404);
    expect(e.awsErrorName).toBe("NotFoundException");
  });

  it("says when no answer came (no request id)", () => {
    const e = toApiGatewayError(socketError("ECONNRESET", "read ECONNRESET"), { operation: "GetResources", attempts: 4, gaveUp: "deadline of 100 ms reached" });
    expect(e.code).toBe("NETWORK_ERROR");
    expect(e.message).toContain("request id none");
    expect(e.message).toContain("4 attempts, deadline of 100 ms reached");
  });

  it("maps classes to codes", () => {
    expect(codeFor("throttled", "X", undefined)).toBe("THROTTLED_DEADLINE");
    expect(codeFor("conflict", "X", undefined)).toBe("CONFLICT_DEADLINE");
    expect(codeFor("already-exists", "X", undefined)).toBe("ALREADY_EXISTS");
    expect(codeFor("not-found", "DeleteMethodResponse", new Error("Invalid Response status code specified"))).toBe("RESPONSE_NOT_FOUND");
    expect(codeFor("not-found", "PutIntegrationResponse", new Error("Invalid Resource identifier specified"))).toBe("RESOURCE_NOT_FOUND");
    expect(codeFor("not-found", "PutIntegrationResponse", new Error("No integration defined for method"))).toBe("INTEGRATION_NOT_FOUND");
    expect(codeFor("terminal", "X", undefined)).toBe("TERMINAL");
    expect(codeFor("server", "X", undefined)).toBe("SERVER_ERROR");
    expect(codeFor("timeout", "X", undefined)).toBe("TIMEOUT");
    expect(codeFor("network", "X", undefined)).toBe("NETWORK_ERROR");
    expect(codeFor("not-found", "GetMethod", new Error("?"))).toBe("METHOD_NOT_FOUND");
    expect(codeFor("not-found", "DeleteMethodResponse", new Error("?"))).toBe("NOT_FOUND");
    expect(codeFor("not-found", "GetGatewayResponses", new Error("Invalid API identifier specified"))).toBe("REST_API_NOT_FOUND");
  });

  it("a refused connection is terminal, with its own code: nothing listens at the endpoint (decided: retrying would only delay that answer)", () => {
    const refused = socketError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:1");
    expect(classifyError(refused).class).toBe("terminal");
    expect(codeFor(classifyError(refused).class, "GetMethod", refused)).toBe("CONNECTION_REFUSED");
    // A reset or a timeout happens on an endpoint that answers: retried (network, timeout).
    expect(classifyError(socketError("ECONNRESET", "read ECONNRESET")).class).toBe("network");
    expect(classifyError(socketError("ETIMEDOUT", "connect ETIMEDOUT 1.2.3.4:443")).class).toBe("timeout");
  });

  it("codes say why retrying stopped: the deadline or the attempt budget", () => {
    expect(codeFor("throttled", "X", undefined, "deadline")).toBe("THROTTLED_DEADLINE");
    expect(codeFor("throttled", "X", undefined, "attempts")).toBe("THROTTLED_ATTEMPTS");
    expect(codeFor("conflict", "X", undefined, "deadline")).toBe("CONFLICT_DEADLINE");
    expect(codeFor("conflict", "X", undefined, "attempts")).toBe("CONFLICT_ATTEMPTS");
    const e = toApiGatewayError(sdkError("TooManyRequestsException", 429, "Too Many Requests"), { operation: "GetMethod", attempts: 25, gaveUp: "attempt budget of 25 used up", stop: "attempts" });
    expect(e.code).toBe("THROTTLED_ATTEMPTS");
    expect(e.message).toContain("[THROTTLED_ATTEMPTS]");
    expect(e.message).toContain("25 attempts, attempt budget of 25 used up");
  });

  it("a hard limit (AWS-63) is LIMIT_EXCEEDED, with AWS's message, after one attempt", () => {
    expect(codeFor("limit-exceeded", "PutMethodResponse", undefined)).toBe("LIMIT_EXCEEDED");
    const aws = "Maximum number of Resources for this API has been reached.  Please contact AWS if you need additional Resources.";
    const e = toApiGatewayError(sdkError("LimitExceededException", 429, aws, { retryAfterSeconds: null }), {
      operation: "PutMethodResponse",
      method: { restApiId: "a1", resourceId: "r1", httpMethod: "GET" },
      statusCode: "200",
      attempts: 1,
      gaveUp: "a hard limit (AWS-63): not retried",
    });
    expect(e.code).toBe("LIMIT_EXCEEDED");
    expect(e.classification).toBe("limit-exceeded");
    expect(e.message).toContain(`[LIMIT_EXCEEDED]: LimitExceededException: ${aws} (request id req-123, 1 attempt, a hard limit (AWS-63): not retried)`);
  });

  it("requestIdOf falls back to the response header", () => {
    expect(requestIdOf({ $response: { headers: { "x-amzn-requestid": "h-1" } } })).toBe("h-1");
    expect(requestIdOf({})).toBeUndefined();
  });
});

/*
 * One field at a time: the TABLE above gives every error a name and a status together, so
 * it cannot tell which of the two a rule reads.
 */
describe("classifyError: each rule on its own field", () => {
  it.each<[string, unknown, ErrorClass]>([
    ["409 status alone, a transient message", { $metadata: { httpStatusCode: 409 }, message: "Concurrent modification, please try again" }, "conflict"],
    ["ConflictException alone, a transient message", { name: "ConflictException", message: "Unable to complete operation due to concurrent modification" }, "conflict"],
    ["ConflictException alone, already exists", { name: "ConflictException", message: "Response already exists for this resource" }, "already-exists"],
    ["404 status alone", { $metadata: { httpStatusCode: 404 } }, "not-found"],
    ["NotFoundException alone", { name: "NotFoundException", message: "Invalid Method identifier specified" }, "not-found"],
    ["500 status alone", { $metadata: { httpStatusCode: 500 } }, "server"],
    ["499 status alone", { $metadata: { httpStatusCode: 499 } }, "terminal"],
    ["a 5xx seen only on the raw response", { $response: { statusCode: 503 } }, "server"],
    ["$fault server alone", { $fault: "server", message: "x" }, "server"],
    ["a server error name alone", { name: "InternalFailure" }, "server"],
    ["null", null, "terminal"],
    ["a string", "boom", "terminal"],
  ])("%s → %s", (_label, err, expected) => {
    expect(classifyError(err)).toStrictEqual({ class: expected });
  });

  it("no retryAfterMs key when the service gave no wait", () => {
    expect(classifyError({ name: "TooManyRequestsException", $metadata: { httpStatusCode: 429 } })).toStrictEqual({ class: "throttled" });
    expect(classifyError({ $metadata: { httpStatusCode: 503 } })).toStrictEqual({ class: "server" });
    expect(classifyError({ $metadata: { httpStatusCode: 503 }, $response: { headers: { "Retry-After": "4" } } })).toStrictEqual({ class: "server", retryAfterMs: 4000 });
  });

  it("reads only fields of the right type", () => {
    expect([errorName(null), errorName({ name: 42 }), errorName({ name: "X" })]).toEqual(["", "", "X"]);
    expect([errorMessage("boom"), errorMessage({ message: "m" }), errorMessage(7)]).toEqual(["boom", "m", ""]);
    expect([httpStatusOf({ $metadata: { httpStatusCode: "500" } }), httpStatusOf({ $response: { statusCode: 502 } })]).toEqual([undefined, 502]);
  });

  it("the classes retried are exactly throttled, conflict, server, network and timeout", () => {
    const all: ErrorClass[] = ["throttled", "conflict", "server", "network", "timeout", "limit-exceeded", "already-exists", "not-found", "terminal"];
    expect(all.filter(isRetryableClass)).toEqual(["throttled", "conflict", "server", "network", "timeout"]);
  });
});

describe("Retry-After (AWS-11): the forms of the value", () => {
  it.each<[string, unknown, number | undefined]>([
    ["a number of seconds in the field", { retryAfterSeconds: 2 }, 2000],
    ["zero seconds", { retryAfterSeconds: 0 }, 0],
    ["a fraction", { retryAfterSeconds: 0.5 }, 500],
    ["a negative number", { retryAfterSeconds: -1 }, undefined],
    ["an infinite number", { retryAfterSeconds: Infinity }, undefined],
    ["a numeric string with spaces", { retryAfterSeconds: " 3 " }, 3000],
    ["a blank string", { retryAfterSeconds: "  " }, undefined],
    ["the string 0", { retryAfterSeconds: "0" }, 0],
    ["the header capitalized", { $response: { headers: { "Retry-After": "2" } } }, 2000],
    ["a response without headers", { $response: {} }, undefined],
  ])("%s", (_label, err, ms) => {
    // now = 0: a value read as a date instead of seconds would give a wait of decades.
    expect(retryAfterMsOf(err, 0)).toBe(ms);
  });

  it("a negative number of seconds is no wait (read as a date in the past), never a negative one", () => {
    expect(retryAfterMsOf({ retryAfterSeconds: "-1" })).toBe(0);
  });
});

describe("ApiGatewayError: every part of the message", () => {
  it("the request id: the field, else either header; an empty or non-string id is none", () => {
    expect(requestIdOf({ $response: { headers: { "x-amzn-request-id": "h-2" } } })).toBe("h-2");
    expect(requestIdOf({ $response: {} })).toBeUndefined();
    expect(requestIdOf({ $metadata: { requestId: "" } })).toBeUndefined();
    expect(requestIdOf({ $metadata: { requestId: 5 } })).toBeUndefined();
  });

  it("a subject and a status code, a cause without message, and the cause kept", () => {
    const cause = { name: "", message: "" };
    const e = toApiGatewayError(cause, { operation: "PutGatewayResponse", subject: "gateway response THROTTLED (rest api a)", statusCode: "429" });
    expect(e.name).toBe("ApiGatewayError");
    expect(e.message).toBe(
      "PutGatewayResponse failed for gateway response THROTTLED (rest api a) status 429 [TERMINAL]: unknown error (request id none (no answer from the service), 1 attempt)",
    );
    expect(e.cause).toBe(cause);
    expect(e.statusCode).toBe("429");
    expect(toApiGatewayError(e, { operation: "Other" })).toBe(e);
    const bare = new ApiGatewayError({ code: "TERMINAL", classification: "terminal", operation: "GetMethod", cause: new Error("m") });
    expect(bare.message).toBe("GetMethod failed [TERMINAL]: Error: m (request id none (no answer from the service), 1 attempt)");
  });
});
