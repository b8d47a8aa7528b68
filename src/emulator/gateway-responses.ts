/**
 * Gateway responses in the local API Gateway (AWS-31..AWS-44).
 *
 * moto 5.2 is wrong here in every respect: it lists only what was put, knows no types,
 * defaults or inheritance, stores a put as sent, has no UpdateGatewayResponse (500) and
 * other error texts. So the layer keeps gateway responses itself, per REST API: only the
 * customized types are stored (the rest are computed from AWS's defaults on every read),
 * and moto is asked nothing but whether the REST API exists. The store is forgotten with
 * the REST API (DeleteRestApi) and on a reset, like the layer's other state.
 *
 * The pure part (types, defaults, reads, the put and patch rules) is at the top; the
 * handler of the five operations, {@link GatewayResponses}, at the bottom. The server
 * has applied the quota, the fault rules and the AWS-9 gate before, and the parity
 * layer holds the REST API's lock (alone for writes) around {@link GatewayResponses.handle}.
 */
import type { IncomingHttpHeaders } from "node:http";
import { LayerError, badRequest, notFound, validation, type LayerAnswer } from "./errors";
import { isObject, motoCallHeaders, motoErrorAnswer, parseJson, type MotoClient } from "./moto-client";
import { MISSING_CONTENT_TYPE, MISSING_PARAMETER, checkOps, readPatchOperations, type RawPatchOperation } from "./patch";
import { checkStatusCode } from "./rules";
import { unescapePathSegment } from "../patch";
import type { IdentifiedOperation } from "./operations";

/**
 * AWS-31: the 21 response types and their default status codes (none for the two
 * fallbacks), in the order of the enum in AWS's AWS-37 message.
 */
export const GATEWAY_RESPONSE_DEFAULT_CODES: Readonly<Record<string, string | undefined>> = {
  REQUEST_TOO_LARGE: "413",
  RESOURCE_NOT_FOUND: "404",
  AUTHORIZER_CONFIGURATION_ERROR: "500",
  MISSING_AUTHENTICATION_TOKEN: "403",
  BAD_REQUEST_BODY: "400",
  INVALID_SIGNATURE: "403",
  INVALID_API_KEY: "403",
  BAD_REQUEST_PARAMETERS: "400",
  AUTHORIZER_FAILURE: "500",
  UNAUTHORIZED: "401",
  INTEGRATION_TIMEOUT: "504",
  ACCESS_DENIED: "403",
  DEFAULT_4XX: undefined,
  DEFAULT_5XX: undefined,
  WAF_FILTERED: "403",
  QUOTA_EXCEEDED: "429",
  THROTTLED: "429",
  API_CONFIGURATION_ERROR: "500",
  UNSUPPORTED_MEDIA_TYPE: "415",
  INTEGRATION_FAILURE: "504",
  EXPIRED_TOKEN: "403",
};

/** AWS-31: the type names in the enum's order. */
export const GATEWAY_RESPONSE_TYPES: readonly string[] = Object.keys(GATEWAY_RESPONSE_DEFAULT_CODES);

/** AWS-32: the template of every type that was not given one. */
export const DEFAULT_GATEWAY_RESPONSE_TEMPLATE = '{"message":$context.error.messageString}';

/** A customized type as the layer stores it (AWS-35: omitted fields already filled with the type's defaults). */
export interface StoredGatewayResponse {
  readonly statusCode?: string;
  readonly responseParameters: Readonly<Record<string, string>>;
  readonly responseTemplates: Readonly<Record<string, string>>;
}

/** A GatewayResponse as AWS returns it. */
export interface GatewayResponseShape {
  readonly defaultResponse: boolean;
  readonly responseParameters: Readonly<Record<string, string>>;
  readonly responseTemplates: Readonly<Record<string, string>>;
  readonly responseType: string;
  readonly statusCode?: string;
}

/** AWS-37: an unknown type is a 400 ValidationException naming the enum. */
export function checkResponseType(type: string): void {
  if (Object.prototype.hasOwnProperty.call(GATEWAY_RESPONSE_DEFAULT_CODES, type)) return;
  throw validation(
    `1 validation error detected: Value '${type}' at 'responseType' failed to satisfy constraint: Member must satisfy enum value set: [${GATEWAY_RESPONSE_TYPES.join(", ")}]`,
  );
}

/** AWS-32, AWS-35: a type's own defaults (no statusCode for DEFAULT_4XX / DEFAULT_5XX). */
export function ownDefaults(type: string): StoredGatewayResponse {
  const code = GATEWAY_RESPONSE_DEFAULT_CODES[type];
  return {
    ...(code !== undefined ? { statusCode: code } : {}),
    responseParameters: {},
    responseTemplates: { "application/json": DEFAULT_GATEWAY_RESPONSE_TEMPLATE },
  };
}

/** AWS-31: the fallback a type inherits from: DEFAULT_4XX for a 4xx default, DEFAULT_5XX for a 5xx one. */
export function fallbackOf(type: string): "DEFAULT_4XX" | "DEFAULT_5XX" | undefined {
  const code = GATEWAY_RESPONSE_DEFAULT_CODES[type];
  if (code === undefined) return undefined;
  return code.startsWith("4") ? "DEFAULT_4XX" : "DEFAULT_5XX";
}

function shape(type: string, stored: StoredGatewayResponse, defaultResponse: boolean): GatewayResponseShape {
  return {
    defaultResponse,
    responseParameters: { ...stored.responseParameters },
    responseTemplates: { ...stored.responseTemplates },
    responseType: type,
    ...(stored.statusCode !== undefined ? { statusCode: stored.statusCode } : {}),
  };
}

/**
 * How `type` reads on an API whose customized types are `customized`: a customized type
 * as stored (`defaultResponse: false`); otherwise its defaults (AWS-32, AWS-34), except
 * that a customized fallback lends it its status code (when it has one), parameters and
 * templates (AWS-33), still with `defaultResponse: true`.
 */
export function readGatewayResponse(type: string, customized: ReadonlyMap<string, StoredGatewayResponse>): GatewayResponseShape {
  const own = customized.get(type);
  if (own) return shape(type, own, false);
  const defaults = ownDefaults(type);
  const fallbackType = fallbackOf(type);
  const fallback = fallbackType ? customized.get(fallbackType) : undefined;
  if (!fallback) return shape(type, defaults, true);
  return shape(type, { ...fallback, statusCode: fallback.statusCode ?? defaults.statusCode }, true);
}

/**
 * AWS-32: all 21 types, one page. The recorded list was sorted by the test that recorded
 * it, so AWS's own order is not known: the layer sorts by type name.
 */
export function listGatewayResponses(customized: ReadonlyMap<string, StoredGatewayResponse>): GatewayResponseShape[] {
  return [...GATEWAY_RESPONSE_TYPES].sort().map((t) => readGatewayResponse(t, customized));
}

const PARAMETER_KEY = /^gatewayresponse\.(header|path|querystring)\.\S+$/;
const PARAMETER_VALUE = /^('[^]*'|method\.request\.(header|querystring|path)\.\S+)$/;

function invalidMapping(expression: string): never {
  throw badRequest(
    `Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping expression specified: ${expression}]`,
  );
}

/**
 * AWS-40: keys `gatewayresponse.{header|path|querystring}.{name}`; values a static string
 * in single quotes or `method.request.{header|querystring|path}.{name}`. Anything else is
 * the recorded 400, naming the key (bad key) or the value (bad value).
 */
export function checkResponseParameters(params: Readonly<Record<string, unknown>>): void {
  for (const [key, value] of Object.entries(params)) {
    if (!PARAMETER_KEY.test(key)) invalidMapping(key);
    if (typeof value !== "string" || !PARAMETER_VALUE.test(value)) invalidMapping(String(value));
  }
}

function stringMap(v: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) out[k] = typeof x === "string" ? x : String(x);
  return out;
}

/** AWS-39: a status code sent to PutGatewayResponse must match `[1-5]\d\d` (AWS-7's error). */
export function checkPutStatusCode(body: unknown): void {
  const code = isObject(body) ? body.statusCode : undefined;
  if (code !== undefined && code !== null) checkStatusCode(String(code));
}

/**
 * AWS-35: what PutGatewayResponse stores: a full overwrite where every field left out
 * (or `null`) takes the type's own default, never the previous put's value nor the
 * fallback's (AWS-33). An explicit `{}` is stored as `{}` (not recorded). AWS-40 is checked.
 */
export function putGatewayResponse(type: string, body: unknown): StoredGatewayResponse {
  const input = isObject(body) ? body : {};
  const defaults = ownDefaults(type);
  if (isObject(input.responseParameters)) checkResponseParameters(input.responseParameters);
  const code = input.statusCode;
  return {
    ...(code !== undefined && code !== null ? { statusCode: String(code) } : defaults.statusCode !== undefined ? { statusCode: defaults.statusCode } : {}),
    responseParameters: isObject(input.responseParameters) ? stringMap(input.responseParameters) : defaults.responseParameters,
    responseTemplates: isObject(input.responseTemplates) ? stringMap(input.responseTemplates) : defaults.responseTemplates,
  };
}

const MAPS = ["responseParameters", "responseTemplates"] as const;

/**
 * AWS-42, AWS-43: apply an UpdateGatewayResponse patch to `base` (the stored type, or the
 * type's own defaults when it was never customized). All or nothing: an error leaves
 * the stored state as it was. `checkOps` (the op enum) has run before.
 */
export function patchGatewayResponse(base: StoredGatewayResponse, ops: readonly RawPatchOperation[]): StoredGatewayResponse {
  let statusCode = base.statusCode;
  const maps = { responseParameters: { ...base.responseParameters }, responseTemplates: { ...base.responseTemplates } };
  for (const o of ops) {
    const path = o.path === undefined || o.path === null ? "null" : String(o.path);
    if (path === "/statusCode") {
      // AWS-43: `/statusCode` is replace-only (add and remove: "Invalid patch path /statusCode").
      if (o.op !== "replace") throw badRequest(`Invalid patch path ${path}`);
      if (o.value === undefined || o.value === null || o.value === "") throw badRequest("Invalid null or empty value in statusCode");
      if (!/^[1-5]\d\d$/.test(String(o.value))) throw badRequest(`Invalid status code specified: ${String(o.value)}`);
      statusCode = String(o.value);
      continue;
    }
    const map = MAPS.find((m) => path.startsWith(`/${m}/`) && path.length > m.length + 2);
    if (!map) throw badRequest(`Invalid patch path ${path}`); // AWS-43
    if (o.op !== "add" && o.op !== "replace" && o.op !== "remove") {
      throw badRequest(`Invalid patch operation specified. Must be 'add'|'remove'|'replace'`);
    }
    // AWS-42: parameter keys are not escaped, content types are (`application~1xml`).
    const raw = path.slice(map.length + 2);
    const key = map === "responseTemplates" ? unescapePathSegment(raw) : raw;
    const target: Record<string, string> = maps[map];
    if (o.op !== "add" && !Object.prototype.hasOwnProperty.call(target, key)) {
      throw notFound(map === "responseParameters" ? MISSING_PARAMETER : MISSING_CONTENT_TYPE); // AWS-43
    }
    if (o.op === "remove") {
      delete target[key];
      continue;
    }
    if (o.value === undefined || o.value === null || o.value === "") throw badRequest(`Invalid null or empty value in ${map}`); // AWS-43
    if (map === "responseParameters") checkResponseParameters({ [key]: o.value }); // AWS-40
    target[key] = String(o.value);
  }
  return { ...(statusCode !== undefined ? { statusCode } : {}), ...maps };
}

/** The account moto answers for: `MOTO_ACCOUNT_ID`, else the `x-moto-account-id` header, else moto's default. */
export function motoAccountId(headers: IncomingHttpHeaders): string {
  const header = headers["x-moto-account-id"];
  return process.env.MOTO_ACCOUNT_ID ?? (typeof header === "string" && header !== "" ? header : "123456789012");
}

/** The region of a call, from its signature's credential scope (moto's rule); us-east-1 without one. */
export function regionOf(headers: IncomingHttpHeaders): string {
  const m = /Credential=[^/,\s]+\/\d+\/([^/,\s]+)\//.exec(String(headers.authorization ?? ""));
  return m ? m[1]! : "us-east-1";
}

/** A call of one of the five gateway-response operations. */
export interface GatewayResponseCall {
  readonly op: IdentifiedOperation;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

const OPERATIONS = new Set(["GetGatewayResponses", "GetGatewayResponse", "PutGatewayResponse", "UpdateGatewayResponse", "DeleteGatewayResponse"]);

/** The layer's gateway responses: the customized types of every REST API, and the five operations on them. */
export class GatewayResponses {
  /** `account/region/restApiId` → type → what was customized. */
  private readonly apis = new Map<string, Map<string, StoredGatewayResponse>>();

  constructor(private readonly moto: MotoClient) {}

  /** True for the operations {@link handle} answers. */
  static handles(operation: string): boolean {
    return OPERATIONS.has(operation);
  }

  private scope(headers: IncomingHttpHeaders, restApiId: string): string {
    return `${motoAccountId(headers)}/${regionOf(headers)}/${restApiId}`;
  }

  /** Forget a deleted REST API's gateway responses. */
  forget(headers: IncomingHttpHeaders, restApiId: string): void {
    this.apis.delete(this.scope(headers, restApiId));
  }

  /** Forget everything (reset). */
  clear(): void {
    this.apis.clear();
  }

  /** AWS-45: a copy of a REST API's customized types, as stored: what a deployment freezes. */
  snapshot(headers: IncomingHttpHeaders, restApiId: string): Record<string, StoredGatewayResponse> {
    const out: Record<string, StoredGatewayResponse> = {};
    for (const [type, gr] of this.apis.get(this.scope(headers, restApiId)) ?? []) {
      out[type] = { ...gr, responseParameters: { ...gr.responseParameters }, responseTemplates: { ...gr.responseTemplates } };
    }
    return out;
  }

  /** AWS-38: the REST API must exist in moto; the 404 names the account. */
  private async checkRestApi(call: GatewayResponseCall, restApiId: string): Promise<void> {
    const answer = await this.moto.send("GET", `/restapis/${encodeURIComponent(restApiId)}`, motoCallHeaders(call.headers));
    if (answer.status === 404) throw notFound(`Invalid API identifier specified ${motoAccountId(call.headers)}:${restApiId}`);
    if (answer.status >= 400) throw new LayerError(motoErrorAnswer(answer));
  }

  /**
   * Answer one gateway-response call. Checks run in this order: the type (AWS-37), the
   * input's shape (AWS-39 status code, the patch op enum of AWS-43), the REST API
   * (AWS-38), then the rules of the operation.
   */
  async handle(call: GatewayResponseCall): Promise<LayerAnswer> {
    const { restApiId, responseType: type } = call.op.params as Record<string, string>;
    const name = call.op.name;
    if (name !== "GetGatewayResponses") checkResponseType(type!); // AWS-37
    const body = parseJson(call.body);
    if (name === "PutGatewayResponse") checkPutStatusCode(body); // AWS-39
    const ops = name === "UpdateGatewayResponse" ? readPatchOperations(body) : [];
    checkOps(ops, "updateGatewayResponseInput"); // AWS-43
    await this.checkRestApi(call, restApiId!); // AWS-38
    const scope = this.scope(call.headers, restApiId!);
    const customized = this.apis.get(scope) ?? new Map<string, StoredGatewayResponse>();
    const store = (next: StoredGatewayResponse): GatewayResponseShape => {
      customized.set(type!, next);
      this.apis.set(scope, customized);
      return shape(type!, next, false);
    };
    switch (name) {
      case "GetGatewayResponses":
        return { status: 200, json: { item: listGatewayResponses(customized) } }; // AWS-32: limit, position ignored
      case "GetGatewayResponse":
        return { status: 200, json: readGatewayResponse(type!, customized) }; // AWS-33, AWS-34
      case "PutGatewayResponse":
        return { status: 201, json: store(putGatewayResponse(type!, body)) }; // AWS-35
      case "UpdateGatewayResponse":
        // AWS-42: a type never customized starts from its own defaults and becomes customized.
        return { status: 200, json: store(patchGatewayResponse(customized.get(type!) ?? ownDefaults(type!), ops)) };
      default: {
        // AWS-44: DeleteGatewayResponse.
        if (!customized.delete(type!)) throw notFound("Gateway response type not defined on api");
        if (customized.size === 0) this.apis.delete(scope);
        return { status: 202 };
      }
    }
  }
}
