/**
 * The ONE error classifier (architecture rule 5) and the typed error of the AWS
 * edge (rule 7).
 *
 * Classification is a few one-line predicates, folded into {@link classifyError}.
 * Retry decisions (`retry.ts`) read only its result.
 *
 * Throttling is the SDK's own predicate (`isThrottlingError` of smithy's
 * service-error-classification, shipped in `@smithy/core/retry`): its table of
 * throttling error names, a 429 status (also without an error code, AWS-64) and
 * the `$retryable.throttling` trait. The other SDK predicates do not fit our
 * classes: its `isTransientError` folds resets, refused connections and time
 * limits into one answer (we count retries by cause, and a refused connection is
 * a wrong endpoint: terminal), and its `isServerError` leaves out 500/502/503/504
 * (it calls them transient); those tables stay here.
 *
 * Project rules on top:
 * - `ConflictException` is in none of the SDK's tables: it is classified here by
 *   message — concurrent modification is transient (AWS-9, AWS-10), "already
 *   exists" is permanent (AWS-1, AWS-6);
 * - a `LimitExceededException` is in the SDK's throttling table, but when its
 *   message says a maximum was reached ("Maximum number of …") or its body says
 *   `retryAfterSeconds: null`, it is a hard quota, not a rate: waiting cannot lift
 *   it, so it fails at once (AWS-63). Checked before throttling.
 */
import { describeMethod, type MethodKey, type RetryCause } from "../model";
import type { RetryStop } from "./retry";

/**
 * What kind of failure an error is. The retryable classes are exactly the
 * {@link RetryCause}s. `limit-exceeded` is a hard limit (AWS-63): not retried.
 */
export type ErrorClass = RetryCause | "limit-exceeded" | "already-exists" | "not-found" | "terminal";

/** The classifier's answer. */
export interface Classification {
  readonly class: ErrorClass;
  /** How long the service asked us to wait (`Retry-After`, `retryAfterSeconds`), in ms (AWS-11). */
  readonly retryAfterMs?: number;
}

/** Messages of a `LimitExceededException` that is a hard quota, not throttling (AWS-63). */
export const HARD_LIMIT_MESSAGES: readonly RegExp[] = [/Maximum number of/i];
/** Conflict messages that are transient: retry (AWS-9, AWS-10). */
export const TRANSIENT_CONFLICT_MESSAGES: readonly RegExp[] = [/concurrent modification/i, /please try again/i];
/** Conflict messages that are permanent: the object already exists (AWS-1, AWS-6). */
export const ALREADY_EXISTS_MESSAGES: readonly RegExp[] = [/already exists/i];
/** Error names of server-side failures (besides any 5xx status). */
export const SERVER_ERROR_NAMES: readonly string[] = ["ServiceUnavailableException", "InternalFailure", "InternalServerError", "ServiceUnavailable"];
/** Socket error codes and messages that mean the connection broke: retry. */
export const NETWORK_ERROR_CODES: readonly string[] = ["ECONNRESET", "EPIPE", "EAI_AGAIN", "ECONNABORTED", "ENETUNREACH", "EHOSTUNREACH", "UND_ERR_SOCKET"];
/** Messages of broken connections. */
export const NETWORK_ERROR_MESSAGES: readonly RegExp[] = [/socket hang up/i, /ECONNRESET/, /EPIPE/, /other side closed/i];
/** Error names and codes of request time limits (the HTTP handler's `requestTimeout`/`connectionTimeout`). */
export const TIMEOUT_ERROR_NAMES: readonly string[] = ["TimeoutError", "RequestTimeout", "RequestTimeoutException"];
/** Socket error codes of time limits. */
export const TIMEOUT_ERROR_CODES: readonly string[] = ["ETIMEDOUT", "ESOCKETTIMEDOUT", "UND_ERR_CONNECT_TIMEOUT"];
/** Error names that mean "does not exist" (AWS-8, AWS-13, AWS-14). */
export const NOT_FOUND_ERROR_NAMES: readonly string[] = ["NotFoundException"];

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown; requestId?: unknown };
  $response?: { statusCode?: unknown; headers?: Record<string, unknown> };
  retryAfterSeconds?: unknown;
  cause?: unknown;
}

function shape(err: unknown): ErrorShape {
  return typeof err === "object" && err !== null ? (err as ErrorShape) : {};
}
const str = (v: unknown): string => (typeof v === "string" ? v : "");

/** The error's name (`TooManyRequestsException`, `TimeoutError`, …). */
export const errorName = (err: unknown): string => str(shape(err).name);
/** The error's message. */
export const errorMessage = (err: unknown): string => (typeof err === "string" ? err : str(shape(err).message));
/** The HTTP status code of a service error, when it has one. */
export function httpStatusOf(err: unknown): number | undefined {
  const s = shape(err);
  const code = s.$metadata?.httpStatusCode ?? s.$response?.statusCode;
  return typeof code === "number" ? code : undefined;
}
/** The AWS request id (`$metadata.requestId`, else the `x-amzn-requestid` header). */
export function requestIdOf(err: unknown): string | undefined {
  const s = shape(err);
  const id = s.$metadata?.requestId ?? s.$response?.headers?.["x-amzn-requestid"] ?? s.$response?.headers?.["x-amzn-request-id"];
  return typeof id === "string" && id !== "" ? id : undefined;
}
/** Node socket error code (`ECONNRESET`, …), looked up on the error and its cause. */
function socketCodeOf(err: unknown): string {
  const s = shape(err);
  return str(s.code) || str(shape(s.cause).code);
}

type SdkRetryClassification = Pick<typeof import("@smithy/core/retry"), "isThrottlingError">;
let sdkClassification: SdkRetryClassification | undefined;
/** The SDK's predicates, loaded on first use (nothing is loaded at module load). */
function sdk(): SdkRetryClassification {
  return (sdkClassification ??= require("@smithy/core/retry") as SdkRetryClassification);
}

/**
 * Throttled (AWS-11): the SDK's `isThrottlingError` (a throttling error name such
 * as `TooManyRequestsException`, a 429 status, or the throttling trait), or a 429
 * seen only on the raw response. A 429 with no error code is throttling (AWS-64).
 */
export const isThrottlingError = (err: unknown): boolean =>
  (typeof err === "object" && err !== null && sdk().isThrottlingError(err as Parameters<SdkRetryClassification["isThrottlingError"]>[0])) ||
  httpStatusOf(err) === 429;
/**
 * A hard limit (AWS-63): a `LimitExceededException` whose message says a maximum
 * was reached, or whose body says `retryAfterSeconds: null` (the SDK copies the
 * body's `null` onto the error; an absent `Retry-After` header leaves it `undefined`).
 */
export const isHardLimitError = (err: unknown): boolean =>
  errorName(err) === "LimitExceededException" && (HARD_LIMIT_MESSAGES.some((re) => re.test(errorMessage(err))) || shape(err).retryAfterSeconds === null);
/** A 409 `ConflictException` (either kind). */
export const isConflictError = (err: unknown): boolean => errorName(err) === "ConflictException" || httpStatusOf(err) === 409;
/** A transient conflict: concurrent modification (AWS-9, AWS-10). */
export const isTransientConflict = (err: unknown): boolean => isConflictError(err) && TRANSIENT_CONFLICT_MESSAGES.some((re) => re.test(errorMessage(err)));
/** A permanent conflict: the object already exists (AWS-1, AWS-6). */
export const isAlreadyExists = (err: unknown): boolean => isConflictError(err) && ALREADY_EXISTS_MESSAGES.some((re) => re.test(errorMessage(err)));
/** A server error: 5xx, or a server-fault name. */
export const isServerError = (err: unknown): boolean =>
  (httpStatusOf(err) ?? 0) >= 500 || SERVER_ERROR_NAMES.includes(errorName(err)) || shape(err).$fault === "server";
/** A request time limit (`TimeoutError`, `ETIMEDOUT`). Checked after {@link isNetworkError}. */
export const isTimeoutError = (err: unknown): boolean =>
  TIMEOUT_ERROR_NAMES.includes(errorName(err)) || TIMEOUT_ERROR_CODES.includes(socketCodeOf(err));
/** A broken connection. */
export const isNetworkError = (err: unknown): boolean =>
  NETWORK_ERROR_CODES.includes(socketCodeOf(err)) || NETWORK_ERROR_MESSAGES.some((re) => re.test(errorMessage(err)));
/** Does not exist (AWS-8, AWS-13, AWS-14): matched on the error name (or a 404), never on the text. */
export const isNotFound = (err: unknown): boolean => NOT_FOUND_ERROR_NAMES.includes(errorName(err)) || httpStatusOf(err) === 404;

/**
 * How long the service asked us to wait, in ms: the `Retry-After` header
 * (seconds or an HTTP date), else the SDK's `retryAfterSeconds` field (AWS-11).
 */
export function retryAfterMsOf(err: unknown, now: number = Date.now()): number | undefined {
  const s = shape(err);
  const header = s.$response?.headers?.["retry-after"] ?? s.$response?.headers?.["Retry-After"];
  for (const raw of [header, s.retryAfterSeconds]) {
    if (typeof raw === "number" && Number.isFinite(raw) && raw >= 0) return Math.round(raw * 1000);
    if (typeof raw !== "string" || raw.trim() === "") continue;
    const seconds = Number(raw.trim());
    if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
    const date = Date.parse(raw);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  return undefined;
}

/**
 * Classify any error thrown by an SDK call. The order matters: a hard limit first
 * (AWS-63: a 429 that no wait lifts), then throttling (any other 429 is not a
 * client error to give up on, AWS-11, AWS-64), then the two kinds of conflict,
 * then not-found, server errors, broken connections (by socket code: the Node
 * HTTP handler names them `TimeoutError`), time limits; everything else is terminal. An {@link ApiGatewayError} keeps its classification.
 */
export function classifyError(err: unknown): Classification {
  if (err instanceof ApiGatewayError) return { class: err.classification };
  if (isHardLimitError(err)) return { class: "limit-exceeded" };
  if (isThrottlingError(err)) {
    const retryAfterMs = retryAfterMsOf(err);
    return retryAfterMs === undefined ? { class: "throttled" } : { class: "throttled", retryAfterMs };
  }
  if (isTransientConflict(err)) return { class: "conflict" };
  if (isAlreadyExists(err)) return { class: "already-exists" };
  if (isConflictError(err)) return { class: "terminal" };
  if (isNotFound(err)) return { class: "not-found" };
  if (isServerError(err)) {
    const retryAfterMs = retryAfterMsOf(err);
    return retryAfterMs === undefined ? { class: "server" } : { class: "server", retryAfterMs };
  }
  // Broken connections before time limits: the Node HTTP handler renames ECONNRESET
  // and EPIPE errors to `TimeoutError`; their socket code tells what happened.
  if (isNetworkError(err)) return { class: "network" };
  if (isTimeoutError(err)) return { class: "timeout" };
  return { class: "terminal" };
}

/** True for the classes the retry policy retries. */
export function isRetryableClass(c: ErrorClass): c is RetryCause {
  return c === "throttled" || c === "conflict" || c === "server" || c === "network" || c === "timeout";
}

/**
 * Stable error codes of {@link ApiGatewayError}. For throttling and conflicts the
 * code also says why retrying stopped: `_DEADLINE` (the deadline was reached, or
 * the next attempt would have come after it) or `_ATTEMPTS` (the attempt budget
 * was used up).
 */
export type ApiGatewayErrorCode =
  | "THROTTLED_DEADLINE"
  | "THROTTLED_ATTEMPTS"
  | "CONFLICT_DEADLINE"
  | "CONFLICT_ATTEMPTS"
  | "LIMIT_EXCEEDED"
  | "SERVER_ERROR"
  | "NETWORK_ERROR"
  | "TIMEOUT"
  | "ALREADY_EXISTS"
  | "METHOD_NOT_FOUND"
  | "REST_API_NOT_FOUND"
  | "RESOURCE_NOT_FOUND"
  | "INTEGRATION_NOT_FOUND"
  | "RESPONSE_NOT_FOUND"
  | "NOT_FOUND"
  | "CONNECTION_REFUSED"
  | "TERMINAL";

/** Texts that only refine a not-found code for the human; the class itself is decided by name (AWS-8). */
const NOT_FOUND_CODES: readonly [RegExp, ApiGatewayErrorCode][] = [
  [/Invalid Method identifier/i, "METHOD_NOT_FOUND"],
  [/Invalid Resource identifier|Invalid REST API identifier/i, "RESOURCE_NOT_FOUND"],
  // Gateway-response calls on a REST API that does not exist (AWS-38).
  [/Invalid API identifier/i, "REST_API_NOT_FOUND"],
  [/Invalid Integration identifier|No integration defined/i, "INTEGRATION_NOT_FOUND"],
  [/Invalid Response status code/i, "RESPONSE_NOT_FOUND"],
];

/**
 * The stable code for a classified failure of an operation.
 *
 * @param c the class
 * @param operation the SDK operation (refines not-found codes)
 * @param err the underlying error (its message refines not-found codes, AWS-8)
 * @param stop why retrying stopped; for throttling and conflicts `"attempts"` gives
 *   the `_ATTEMPTS` code, anything else (or nothing) the `_DEADLINE` one
 */
export function codeFor(c: ErrorClass, operation: string, err: unknown, stop?: RetryStop): ApiGatewayErrorCode {
  switch (c) {
    case "throttled":
      return stop === "attempts" ? "THROTTLED_ATTEMPTS" : "THROTTLED_DEADLINE";
    case "conflict":
      return stop === "attempts" ? "CONFLICT_ATTEMPTS" : "CONFLICT_DEADLINE";
    case "limit-exceeded":
      return "LIMIT_EXCEEDED";
    case "server":
      return "SERVER_ERROR";
    case "network":
      return "NETWORK_ERROR";
    case "timeout":
      return "TIMEOUT";
    case "already-exists":
      return "ALREADY_EXISTS";
    case "not-found": {
      const hit = NOT_FOUND_CODES.find(([re]) => re.test(errorMessage(err)));
      if (hit) return hit[1];
      return operation === "GetMethod" ? "METHOD_NOT_FOUND" : "NOT_FOUND";
    }
    default:
      // Terminal by decision: AWS's endpoints accept connections, so a refused one means
      // nothing listens at the configured endpoint (a wrong endpoint or proxy, a local
      // API Gateway not started). Retrying until the deadline would only delay that answer.
      // Resets and timeouts, which happen on a working endpoint, are retried.
      return socketCodeOf(err) === "ECONNREFUSED" ? "CONNECTION_REFUSED" : "TERMINAL";
  }
}

/** Fields of an {@link ApiGatewayError}. */
export interface ApiGatewayErrorDetails {
  readonly code: ApiGatewayErrorCode;
  readonly classification: ErrorClass;
  /** The SDK operation, e.g. `PutMethodResponse`. */
  readonly operation: string;
  readonly method?: MethodKey;
  /** The method's resource path, when known: messages name the method by it. */
  readonly path?: string;
  /** What the call was about when it is not a method, for messages (e.g. `gateway response THROTTLED (rest api a)`). */
  readonly subject?: string;
  readonly statusCode?: string;
  /** The AWS request id of the last attempt, when the service answered. */
  readonly requestId?: string;
  /** Attempts made (1 = not retried). */
  readonly attempts?: number;
  /** Why retrying stopped, for retryable classes (e.g. "deadline of 120000 ms reached"). */
  readonly gaveUp?: string;
  readonly cause?: unknown;
  /** Replace the generated message. */
  readonly message?: string;
}

/**
 * A failed API Gateway call, with a stable `code`, the operation, the method and
 * the AWS request id in the message:
 * `PutMethodResponse failed for GET r1 (rest api a, resource r1) status 200 [TERMINAL]: BadRequestException: … (request id 1234, 1 attempt)`.
 */
export class ApiGatewayError extends Error {
  override readonly name = "ApiGatewayError";
  /** Stable, machine-readable code. */
  readonly code: ApiGatewayErrorCode;
  /** The classifier's answer for the underlying error. */
  readonly classification: ErrorClass;
  /** The SDK operation, e.g. `PutMethodResponse`. */
  readonly operation: string;
  /** The method the call was about. */
  readonly method?: MethodKey;
  /** The status code the call was about. */
  readonly statusCode?: string;
  /** The AWS request id of the last attempt (absent when no answer came). */
  readonly requestId?: string;
  /** Attempts made (1 = not retried). */
  readonly attempts: number;
  /** The AWS error name (`NotFoundException`, …) of the underlying error. */
  readonly awsErrorName?: string;
  /** The HTTP status of the underlying error. */
  readonly httpStatusCode?: number;

  constructor(details: ApiGatewayErrorDetails) {
    const attempts = details.attempts ?? 1;
    const awsName = errorName(details.cause) || undefined;
    const where = details.method ? ` for ${describeMethod(details.method, details.path)}` : details.subject ? ` for ${details.subject}` : "";
    const code = details.statusCode ? ` status ${details.statusCode}` : "";
    const underlying = `${awsName ? `${awsName}: ` : ""}${errorMessage(details.cause) || "unknown error"}`;
    const tail = [
      `request id ${details.requestId ?? "none (no answer from the service)"}`,
      `${attempts} attempt${attempts === 1 ? "" : "s"}`,
      ...(details.gaveUp ? [details.gaveUp] : []),
    ].join(", ");
    super(details.message ?? `${details.operation} failed${where}${code} [${details.code}]: ${underlying} (${tail})`, { cause: details.cause });
    this.code = details.code;
    this.classification = details.classification;
    this.operation = details.operation;
    this.method = details.method;
    this.statusCode = details.statusCode;
    this.requestId = details.requestId;
    this.attempts = attempts;
    this.awsErrorName = awsName;
    this.httpStatusCode = httpStatusOf(details.cause);
  }
}

/**
 * Wrap an SDK error as an {@link ApiGatewayError} (classification, code and
 * request id taken from the error; `stop`, why retrying stopped, refines the
 * code). An `ApiGatewayError` is returned unchanged.
 */
export function toApiGatewayError(
  err: unknown,
  context: { operation: string; method?: MethodKey; path?: string; subject?: string; statusCode?: string; attempts?: number; gaveUp?: string; stop?: RetryStop },
): ApiGatewayError {
  if (err instanceof ApiGatewayError) return err;
  const c = classifyError(err).class;
  return new ApiGatewayError({
    code: codeFor(c, context.operation, err, context.stop),
    classification: c,
    operation: context.operation,
    method: context.method,
    path: context.path,
    subject: context.subject,
    statusCode: context.statusCode,
    requestId: requestIdOf(err),
    attempts: context.attempts,
    gaveUp: context.gaveUp,
    cause: err,
  });
}
