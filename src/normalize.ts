/**
 * The ONE normalizer (architecture rule 3): desired specs and live AWS reads are
 * brought to the same canonical shape before they are compared, so that forms
 * AWS treats as equal never show as changes, and real differences (drift) always do.
 *
 * Canonical shape ({@link NormalizedResponses}):
 * - templates sent as `""` are returned by AWS as `null` (AWS-16): both become `""`;
 * - an absent `selectionPattern` and `""` both mean "default" (AWS-17): both become `""`;
 * - absent, `null` and `{}` maps are the same (AWS-15, AWS-18): all become `{}`;
 * - `contentHandling` absent, `null` or `""` means pass-through (AWS-27): the key is left out;
 * - every map has its keys sorted (code-point order), and the fields of every object are in
 *   alphabetical order too, so plain `JSON.stringify` is stable.
 *
 * Gateway responses ({@link NormalizedGatewayResponse}): a put stores the type's defaults for
 * the fields it leaves out (AWS-35), so a desired customization is compared with those
 * defaults filled in, never with "unset" (AWS-36, the perpetual diff on `statusCode`).
 *
 * Everything here is pure: no client, no I/O, inputs are never modified.
 */
import type {
  ContentHandling,
  IntegrationResponseSpec,
  MethodResponseSpec,
  NormalizedIntegrationResponse,
  NormalizedMethodResponse,
  NormalizedResponse,
  NormalizedResponses,
  ResponseSpec,
} from "./model";
import {
  DEFAULT_GATEWAY_RESPONSE_TEMPLATES,
  GATEWAY_RESPONSE_DEFAULT_STATUS,
  isGatewayResponseType,
  type GatewayResponseSpec,
  type GatewayResponseType,
  type NormalizedGatewayResponse,
  type ObservedGatewayResponse,
  type ObservedGatewayResponses,
} from "./gateway-responses";

/**
 * A method response as the AWS SDK v3 returns it (`GetMethodResponse`, or an entry
 * of `Method.methodResponses`), tolerant of the `null`s emulators and older SDKs emit.
 */
export interface LiveMethodResponse {
  readonly statusCode?: string | null;
  readonly responseParameters?: Readonly<Record<string, boolean | string | null | undefined>> | null;
  readonly responseModels?: Readonly<Record<string, string | null | undefined>> | null;
}

/**
 * An integration response as the AWS SDK v3 returns it (`GetIntegrationResponse`, or an
 * entry of `Method.methodIntegration.integrationResponses`), tolerant of `null`s.
 */
export interface LiveIntegrationResponse {
  readonly statusCode?: string | null;
  readonly selectionPattern?: string | null;
  readonly responseParameters?: Readonly<Record<string, string | null | undefined>> | null;
  readonly responseTemplates?: Readonly<Record<string, string | null | undefined>> | null;
  readonly contentHandling?: string | null;
}

/**
 * A method as the AWS SDK v3 returns it from `GetMethod`, or embedded in a
 * `GetResources` (`embed=methods`) resource (AWS-15, AWS-30). Fields other than the
 * ones read here are ignored, so the SDK's `GetMethodCommandOutput` can be passed as it is.
 */
export interface LiveMethod {
  readonly httpMethod?: string | null;
  readonly methodResponses?: Readonly<Record<string, LiveMethodResponse | null | undefined>> | null;
  readonly methodIntegration?: {
    readonly type?: string | null;
    readonly integrationResponses?: Readonly<Record<string, LiveIntegrationResponse | null | undefined>> | null;
  } | null;
}

/** The normalized content of a live method: the integration type and both kinds of responses. */
export interface NormalizedLiveMethod {
  /** `AWS_PROXY`, `HTTP`, `MOCK`, …; absent when the method has no integration. */
  readonly integrationType?: string;
  readonly responses: NormalizedResponses;
}

type Loose<T> = Readonly<Record<string, T | null | undefined>> | null | undefined;

/** Compare two strings by code points (locale-independent, stable everywhere). */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A copy of `map` with its keys sorted and each value passed through `value`;
 * `null`/`undefined` maps give `{}` (AWS-18). Entries for which `value` returns
 * `undefined` are dropped.
 */
function sortedMap<T, U>(map: Loose<T>, value: (v: T | null | undefined) => U | undefined): Record<string, U> {
  const out: Record<string, U> = {};
  if (map === null || map === undefined) return out;
  for (const k of Object.keys(map).sort(compareKeys)) {
    const v = value(map[k]);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** `true` for `true` and `"true"` (AWS-24 sends booleans as strings in patches); `false` otherwise. */
function toRequired(v: boolean | string | null | undefined): boolean {
  return v === true || v === "true";
}

/** `contentHandling`: absent, `null` and `""` mean pass-through (AWS-27); anything else is kept as it is, so unknown live values show as drift. */
function toContentHandling(v: string | null | undefined): ContentHandling | undefined {
  return v === undefined || v === null || v === "" ? undefined : (v as ContentHandling);
}

/**
 * Normalize one method response, desired ({@link MethodResponseSpec}) or live
 * ({@link LiveMethodResponse}): maps present and sorted, parameter values booleans.
 */
export function normalizeMethodResponse(
  response: MethodResponseSpec | LiveMethodResponse | NormalizedMethodResponse | null | undefined,
): NormalizedMethodResponse {
  return {
    responseModels: sortedMap<string, string>(response?.responseModels, (v) => v ?? ""),
    responseParameters: sortedMap<boolean | string, boolean>(response?.responseParameters, (v) => toRequired(v)),
  };
}

/**
 * Normalize one integration response, desired ({@link IntegrationResponseSpec}) or
 * live ({@link LiveIntegrationResponse}): `selectionPattern` `""` for the default
 * (AWS-17), `null` templates `""` (AWS-16), maps present and sorted (AWS-18),
 * `contentHandling` left out for pass-through (AWS-27).
 */
export function normalizeIntegrationResponse(
  response: IntegrationResponseSpec | LiveIntegrationResponse | NormalizedIntegrationResponse | null | undefined,
): NormalizedIntegrationResponse {
  const contentHandling = toContentHandling(response?.contentHandling);
  const base = {
    responseParameters: sortedMap<string, string>(response?.responseParameters, (v) => v ?? ""),
    responseTemplates: sortedMap<string, string>(response?.responseTemplates, (v) => v ?? ""),
    selectionPattern: response?.selectionPattern ?? "",
  };
  // Fields in alphabetical order too, so that plain JSON.stringify is stable.
  return contentHandling === undefined ? base : { contentHandling, ...base };
}

/**
 * Normalize the responses of one status code. A kind is present exactly when it is
 * given (a `null` kind counts as absent).
 */
export function normalizeResponse(response: ResponseSpec | NormalizedResponse | null | undefined): NormalizedResponse {
  const out: { methodResponse?: NormalizedMethodResponse; integrationResponse?: NormalizedIntegrationResponse } = {};
  if (response?.integrationResponse !== undefined && response.integrationResponse !== null) {
    out.integrationResponse = normalizeIntegrationResponse(response.integrationResponse);
  }
  if (response?.methodResponse !== undefined && response.methodResponse !== null) {
    out.methodResponse = normalizeMethodResponse(response.methodResponse);
  }
  return out;
}

/**
 * Normalize the desired responses of a method (the `responses` of a {@link MethodSpec}).
 * Status codes are sorted; a status code that names neither kind is dropped (it asks
 * for nothing, exactly as if it were absent). Idempotent: normalized input is returned
 * equal to itself.
 */
export function normalizeDesiredResponses(responses: Readonly<Record<string, ResponseSpec>>): NormalizedResponses {
  const out: Record<string, NormalizedResponse> = {};
  for (const code of Object.keys(responses).sort(compareKeys)) {
    const r = normalizeResponse(responses[code]);
    if (r.methodResponse !== undefined || r.integrationResponse !== undefined) out[code] = r;
  }
  return out;
}

/**
 * Normalize a live method as `GetMethod` returns it, or as embedded in `GetResources`
 * with `embed=methods` (AWS-15, AWS-30). Method responses are read from
 * `methodResponses` (absent when there are none), integration responses from
 * `methodIntegration.integrationResponses`. The map key is the status code (the
 * `statusCode` field inside an entry is not trusted over it). `null` entries are absent.
 */
export function normalizeLiveMethod(method: LiveMethod | null | undefined): NormalizedLiveMethod {
  const codes = new Set<string>();
  const mrs = method?.methodResponses ?? {};
  const irs = method?.methodIntegration?.integrationResponses ?? {};
  for (const c of Object.keys(mrs)) if (mrs[c] !== null && mrs[c] !== undefined) codes.add(c);
  for (const c of Object.keys(irs)) if (irs[c] !== null && irs[c] !== undefined) codes.add(c);
  const responses: Record<string, NormalizedResponse> = {};
  for (const code of [...codes].sort(compareKeys)) {
    const mr = mrs[code];
    const ir = irs[code];
    const r: { methodResponse?: NormalizedMethodResponse; integrationResponse?: NormalizedIntegrationResponse } = {};
    if (ir !== null && ir !== undefined) r.integrationResponse = normalizeIntegrationResponse(ir);
    if (mr !== null && mr !== undefined) r.methodResponse = normalizeMethodResponse(mr);
    responses[code] = r;
  }
  const type = method?.methodIntegration?.type;
  const hasIntegration = method?.methodIntegration !== null && method?.methodIntegration !== undefined;
  return hasIntegration && typeof type === "string" && type !== "" ? { integrationType: type, responses } : { responses };
}

/**
 * Re-normalize already normalized responses (sorting keys, dropping empty status
 * codes). Useful after building {@link NormalizedResponses} by hand; idempotent.
 */
export function normalizeResponses(responses: Readonly<Record<string, NormalizedResponse | ResponseSpec>>): NormalizedResponses {
  return normalizeDesiredResponses(responses);
}

/**
 * JSON with object keys sorted at every level (arrays keep their order), so that two
 * equal values always give the same text. `undefined` properties are left out, as
 * `JSON.stringify` does.
 */
export function stableStringify(value: unknown, indent?: number): string {
  return JSON.stringify(sortDeep(value), null, indent) ?? "undefined";
}

/** A deep copy of `value` with object keys sorted (for {@link stableStringify} and JSON renderings). */
export function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    const obj = value as Record<string, unknown>;
    for (const k of Object.keys(obj).sort(compareKeys)) {
      if (obj[k] !== undefined) out[k] = sortDeep(obj[k]);
    }
    return out;
  }
  return value;
}

/** True when two normalized values are equal (compared by their stable JSON). */
export function normalizedEqual(a: unknown, b: unknown): boolean {
  return stableStringify(a) === stableStringify(b);
}

/**
 * A gateway response as the AWS SDK v3 returns it (`GetGatewayResponse`, or an entry of
 * `GetGatewayResponses` `items`), tolerant of `null`s.
 */
export interface LiveGatewayResponse {
  readonly responseType?: string | null;
  readonly statusCode?: string | null;
  readonly responseParameters?: Readonly<Record<string, string | null | undefined>> | null;
  readonly responseTemplates?: Readonly<Record<string, string | null | undefined>> | null;
  /** True for a type that is not customized (AWS-32). */
  readonly defaultResponse?: boolean | null;
}

/** `null` and `""` template values are the same (as for integration responses, AWS-16): `""`. */
const templateValue = (v: string | null | undefined): string => v ?? "";

/**
 * Normalize a desired customization of `type`: the fields a put leaves out are filled
 * with what AWS stores for them (AWS-35): the type's own status code (none for
 * `DEFAULT_4XX` / `DEFAULT_5XX`), no parameters, the default template. An empty
 * `responseTemplates` map also means the default template: the project never asks AWS
 * to store an empty one (whether it would is not recorded, AWS-35). Idempotent.
 */
export function normalizeGatewayResponse(type: GatewayResponseType, spec: GatewayResponseSpec | NormalizedGatewayResponse | null | undefined): NormalizedGatewayResponse {
  const templates = spec?.responseTemplates;
  const statusCode = spec?.statusCode ?? GATEWAY_RESPONSE_DEFAULT_STATUS[type];
  const base = {
    responseParameters: sortedMap<string, string>(spec?.responseParameters, (v) => v ?? ""),
    responseTemplates: sortedMap<string, string>(templates === undefined || templates === null || Object.keys(templates).length === 0 ? DEFAULT_GATEWAY_RESPONSE_TEMPLATES : templates, templateValue),
  };
  return statusCode === undefined ? base : { ...base, statusCode };
}

/**
 * Normalize one live gateway response of `type`. Fields absent from the read are what
 * AWS stores for them (AWS-35) and are filled in as for a desired one; an empty
 * `responseTemplates` map is kept empty (it is not what the default template serves).
 */
export function normalizeLiveGatewayResponse(type: GatewayResponseType, live: LiveGatewayResponse): ObservedGatewayResponse {
  const templates = live.responseTemplates;
  const statusCode = live.statusCode === null || live.statusCode === undefined || live.statusCode === "" ? GATEWAY_RESPONSE_DEFAULT_STATUS[type] : live.statusCode;
  const base = {
    responseParameters: sortedMap<string, string>(live.responseParameters, (v) => v ?? ""),
    responseTemplates: sortedMap<string, string>(templates === undefined || templates === null ? DEFAULT_GATEWAY_RESPONSE_TEMPLATES : templates, templateValue),
  };
  // Only `defaultResponse: true` says "not customized" (an emulator that lists only what was put omits it).
  return { customized: live.defaultResponse !== true, response: statusCode === undefined ? base : { ...base, statusCode } };
}

/**
 * Normalize the read of a REST API's gateway responses (`GetGatewayResponses` `items`,
 * AWS-32). Entries of a type this version does not know are left out: nothing can
 * desire them, and they are never reset.
 */
export function normalizeLiveGatewayResponses(restApiId: string, items: readonly (LiveGatewayResponse | null | undefined)[] | null | undefined): ObservedGatewayResponses {
  const responses: Partial<Record<GatewayResponseType, ObservedGatewayResponse>> = {};
  for (const item of items ?? []) {
    const type = item?.responseType;
    if (item === null || item === undefined || !isGatewayResponseType(type)) continue;
    responses[type] = normalizeLiveGatewayResponse(type, item);
  }
  const sorted: Partial<Record<GatewayResponseType, ObservedGatewayResponse>> = {};
  for (const t of (Object.keys(responses) as GatewayResponseType[]).sort(compareKeys)) sorted[t] = responses[t]!;
  return { restApiId, responses: sorted };
}

/**
 * The shortest customization that normalizes to `response` (for the inputs `read`
 * reports): the status code, parameters and templates are left out where leaving them
 * out means the same (AWS-35), so that refreshed inputs differ from a program's only
 * where the live values do.
 */
export function compactGatewayResponse(type: GatewayResponseType, response: NormalizedGatewayResponse): GatewayResponseSpec {
  const defaults = normalizeGatewayResponse(type, undefined);
  return {
    ...(response.statusCode !== undefined && response.statusCode !== defaults.statusCode ? { statusCode: response.statusCode } : {}),
    ...(Object.keys(response.responseParameters).length > 0 ? { responseParameters: { ...response.responseParameters } } : {}),
    ...(!normalizedEqual(response.responseTemplates, defaults.responseTemplates) ? { responseTemplates: { ...response.responseTemplates } } : {}),
  };
}
