/**
 * AWS-shaped error answers of the local API Gateway.
 *
 * The AWS SDK v3 REST-JSON deserializer for API Gateway takes the error code from
 * the `x-amzn-errortype` header (then the body's `code`, then `__type`) and the
 * message from the body's `message` (or `Message`). We send all of them, so the SDK
 * raises the typed exception (`ConflictException`, `NotFoundException`, …).
 */

/** An answer the layer sends instead of (or after) asking moto. */
export interface LayerAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** A JSON value (serialized), a raw body, or nothing (e.g. 204). */
  readonly json?: unknown;
  readonly raw?: Buffer;
}

/** An AWS error the parity layer raises: code (the SDK exception name), HTTP status, message. */
export class AwsError extends Error {
  /**
   * @param code the error type, e.g. `NotFoundException`; becomes `x-amzn-errortype` and `__type`.
   * @param status HTTP status.
   * @param message the AWS message text.
   * @param headers extra headers, e.g. `Retry-After`.
   */
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = code;
  }

  /** The answer to send for this error. */
  toAnswer(): LayerAnswer {
    return errorAnswer(this.code, this.status, this.message, this.headers);
  }
}

/** An AWS-shaped error answer: `{"__type", "message"}` body and `x-amzn-errortype` header. */
export function errorAnswer(
  code: string,
  status: number,
  message: string,
  headers: Readonly<Record<string, string>> = {},
): LayerAnswer {
  return {
    status,
    headers: { "x-amzn-errortype": code, ...headers },
    json: { __type: code, message },
  };
}

/** A ready answer (e.g. moto's error made AWS-shaped) thrown from deep inside a handler. */
export class LayerError extends Error {
  constructor(readonly answer: LayerAnswer) {
    super(`layer answer ${answer.status}`);
  }
}

/** 404 `NotFoundException`. */
export const notFound = (message: string): AwsError => new AwsError("NotFoundException", 404, message);
/** 400 `BadRequestException`. */
export const badRequest = (message: string): AwsError => new AwsError("BadRequestException", 400, message);
/** 409 `ConflictException`. */
export const conflict = (message: string): AwsError => new AwsError("ConflictException", 409, message);
/** 400 `ValidationException` (not modelled by the SDK: it raises a generic service exception with this name). */
export const validation = (message: string): AwsError => new AwsError("ValidationException", 400, message);

/** AWS-63: the message of a hard limit, as real AWS sent it (PutRestApi / ImportRestApi, two spaces included). */
export const HARD_LIMIT_MESSAGE = "Maximum number of Resources for this API has been reached.  Please contact AWS if you need additional Resources.";

/**
 * AWS-63: a hard limit as AWS answers it: 429 with `x-amzn-errortype:
 * LimitExceededException`, a body of `message` and `retryAfterSeconds: null`, no
 * `Retry-After`. The SDK raises a `LimitExceededException` with `retryAfterSeconds: null`.
 */
export function hardLimitAnswer(message: string = HARD_LIMIT_MESSAGE): LayerAnswer {
  return { status: 429, headers: { "x-amzn-errortype": "LimitExceededException" }, json: { message, retryAfterSeconds: null } };
}

/**
 * AWS-64: a 429 with no error code (no `x-amzn-errortype`, no `__type`), a
 * `Retry-After` only when asked for. The SDK raises a service exception named
 * `Unknown` with HTTP status 429.
 */
export function uncodedThrottleAnswer(message = "Too Many Requests", retryAfterSeconds?: number): LayerAnswer {
  return { status: 429, headers: retryAfterSeconds !== undefined ? { "retry-after": String(retryAfterSeconds) } : {}, json: { message } };
}

/** AWS-9: the message of a concurrent-modification conflict. */
export const CONCURRENT_MODIFICATION = "Unable to complete operation due to concurrent modification. Please try again later.";

/** AWS-8 messages for a missing parent. */
export const MESSAGES = {
  /** Also sent for a wrong REST API id (AWS-8). */
  resource: "Invalid Resource identifier specified",
  method: "Invalid Method identifier specified",
  integration: "Invalid Integration identifier specified",
  /** AWS-13 / AWS-14. */
  statusCode: "Invalid Response status code specified",
} as const;

/**
 * One page of a listing, as AWS pages them (`GetResources` AWS-30, `GetDeployments`
 * AWS-55): `limit` default 25, at most 500; `position` the id of the first item of the
 * next page. A bad `limit` or an unknown `position` is a 400.
 */
export function pageOf<T>(items: readonly T[], query: URLSearchParams, idOf: (item: T) => string): { items: T[]; position?: string } {
  const limitText = query.get("limit");
  let limit = 25;
  if (limitText !== null) {
    limit = Number(limitText);
    if (!Number.isInteger(limit) || limit < 1) throw badRequest(`Invalid limit specified: ${limitText}`);
    limit = Math.min(limit, 500);
  }
  let start = 0;
  const position = query.get("position");
  if (position !== null && position !== "") {
    start = items.findIndex((item) => idOf(item) === position);
    if (start < 0) throw badRequest(`Invalid position specified: ${position}`);
  }
  const next = items[start + limit];
  return { items: items.slice(start, start + limit), ...(next !== undefined ? { position: idOf(next) } : {}) };
}
