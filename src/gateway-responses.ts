/**
 * Gateway responses: what API Gateway answers by itself (a missing route, a failed
 * authorizer, a throttle, a timeout), one per response type of a REST API. The 21 types
 * and their defaults (AWS-31, AWS-32), and the values the pipeline passes along for them:
 * desired, observed, planned. Field names are the API Gateway API's.
 */
import type { FieldChange } from "./model";

/**
 * The 21 response types (AWS-31) and the status code each answers with when not
 * customized. `DEFAULT_4XX` and `DEFAULT_5XX` have none: they are the fallbacks of the
 * other 4xx and 5xx types (AWS-33).
 */
export const GATEWAY_RESPONSE_DEFAULT_STATUS = {
  ACCESS_DENIED: "403",
  API_CONFIGURATION_ERROR: "500",
  AUTHORIZER_CONFIGURATION_ERROR: "500",
  AUTHORIZER_FAILURE: "500",
  BAD_REQUEST_BODY: "400",
  BAD_REQUEST_PARAMETERS: "400",
  DEFAULT_4XX: undefined,
  DEFAULT_5XX: undefined,
  EXPIRED_TOKEN: "403",
  INTEGRATION_FAILURE: "504",
  INTEGRATION_TIMEOUT: "504",
  INVALID_API_KEY: "403",
  INVALID_SIGNATURE: "403",
  MISSING_AUTHENTICATION_TOKEN: "403",
  QUOTA_EXCEEDED: "429",
  REQUEST_TOO_LARGE: "413",
  RESOURCE_NOT_FOUND: "404",
  THROTTLED: "429",
  UNAUTHORIZED: "401",
  UNSUPPORTED_MEDIA_TYPE: "415",
  WAF_FILTERED: "403",
} as const satisfies Record<string, string | undefined>;

/** A gateway response type (`GatewayResponseType`), one of the 21 (AWS-31). */
export type GatewayResponseType = keyof typeof GATEWAY_RESPONSE_DEFAULT_STATUS;

/** The 21 response types, sorted. */
export const GATEWAY_RESPONSE_TYPES = Object.keys(GATEWAY_RESPONSE_DEFAULT_STATUS).sort() as readonly GatewayResponseType[];

/** Is `s` one of the 21 response types? */
export function isGatewayResponseType(s: unknown): s is GatewayResponseType {
  return typeof s === "string" && Object.prototype.hasOwnProperty.call(GATEWAY_RESPONSE_DEFAULT_STATUS, s);
}

/**
 * The templates of a type that was never customized, and of a customization put without
 * `responseTemplates` (AWS-32, AWS-35).
 */
export const DEFAULT_GATEWAY_RESPONSE_TEMPLATES: Readonly<Record<string, string>> = Object.freeze({
  "application/json": '{"message":$context.error.messageString}',
});

/** The desired customization of one response type, as `PutGatewayResponse` takes it. */
export interface GatewayResponseSpec {
  /**
   * `[1-5]\d\d` (AWS-39). Absent: the type's own default (AWS-35; `DEFAULT_4XX` and
   * `DEFAULT_5XX` then answer with the status of the error that caused them).
   */
  readonly statusCode?: string;
  /**
   * `gatewayresponse.header.{name}` (or `.path.`, `.querystring.`) → a static value in
   * single quotes or `method.request.{header|querystring|path}.{name}` (AWS-40).
   */
  readonly responseParameters?: Record<string, string>;
  /**
   * Content type → template. Absent: the default template (AWS-35). These templates are
   * not VTL: only `$context`, `$stageVariables` and method request parameters are
   * substituted (AWS-41).
   */
  readonly responseTemplates?: Record<string, string>;
}

/**
 * A customization in canonical form (see `normalizeGatewayResponse`): the status code
 * the type answers with (absent only for `DEFAULT_4XX` / `DEFAULT_5XX` without one),
 * maps present and sorted, fields left out by a put filled with what AWS stores for them.
 */
export interface NormalizedGatewayResponse {
  readonly responseParameters: Record<string, string>;
  readonly responseTemplates: Record<string, string>;
  readonly statusCode?: string;
}

/** What one response type of a REST API answers with, as read. */
export interface ObservedGatewayResponse {
  /**
   * `defaultResponse: false` in the read: customized by someone. Only customizations
   * are managed; the values of a type not customized may be inherited from
   * `DEFAULT_4XX` / `DEFAULT_5XX` and are never compared (AWS-33).
   */
  readonly customized: boolean;
  /** The values the type answers with now (customized, default or inherited). */
  readonly response: NormalizedGatewayResponse;
}

/** The gateway responses of one REST API, read with one `GetGatewayResponses` (AWS-32). */
export interface ObservedGatewayResponses {
  readonly restApiId: string;
  /** Every type the read listed (all 21 on AWS), by type. */
  readonly responses: Readonly<Partial<Record<GatewayResponseType, ObservedGatewayResponse>>>;
}

/**
 * What the planner is asked to reach for the gateway responses of one REST API:
 * the desired customizations (normalized), the `exclusive` switch (customizations of
 * types not listed are reset), explicit resets (a deleted resource) and the types
 * another resource manages (never reset on behalf of this one).
 */
export interface DesiredGatewayResponses {
  readonly restApiId: string;
  readonly responses: Readonly<Partial<Record<GatewayResponseType, NormalizedGatewayResponse>>>;
  readonly exclusive: boolean;
  readonly resets?: readonly GatewayResponseType[];
  readonly keep?: readonly GatewayResponseType[];
}

/** A planned mutating call on a gateway response. */
export type GatewayResponseOperation =
  | {
      readonly kind: "PutGatewayResponse";
      readonly restApiId: string;
      readonly responseType: GatewayResponseType;
      /** The whole customization: a put overwrites every field (AWS-35). */
      readonly gatewayResponse: NormalizedGatewayResponse;
      /** From what the type answers with now (customized, default or inherited) to the customization. */
      readonly changes: readonly FieldChange[];
      /** True when the type is customized live and the put overwrites that customization. */
      readonly overwrites: boolean;
    }
  | {
      readonly kind: "DeleteGatewayResponse";
      readonly restApiId: string;
      readonly responseType: GatewayResponseType;
      /** From the customization to the type's default values (what the type answers with after the reset, unless it inherits). */
      readonly changes: readonly FieldChange[];
    };

/** The plan for the gateway responses of one REST API: ordered operations (empty = in sync). */
export interface GatewayResponsesPlan {
  readonly restApiId: string;
  readonly operations: readonly GatewayResponseOperation[];
}
