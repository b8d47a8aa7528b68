/**
 * The desired-state model and the shared domain types of the pipeline
 * (validate → normalize → observe → plan → apply → report).
 *
 * Field names are the API Gateway API names, so anything copied from the AWS
 * documentation works as it is.
 *
 * The spec types (`MethodSpec`, `ResponseSpec`, `MethodResponseSpec`,
 * `IntegrationResponseSpec`, `SpecFile`, `SpecFileMethod`) are the zod schemas of
 * `spec-model.ts` written out with their documentation; `spec-model.ts` asserts at
 * compile time that they are exactly what the schemas infer.
 */

import type { GatewayResponseOperation, GatewayResponseSpec, GatewayResponsesPlan, GatewayResponseType } from "./gateway-responses";
import { escapeUnsafe } from "./text";

/** `contentHandling` values accepted by API Gateway (AWS-27): `CONVERT_TO_BINARY` or `CONVERT_TO_TEXT`. Absent means pass-through. */
export type ContentHandling = (typeof CONTENT_HANDLING_VALUES)[number];

/** The `contentHandling` values API Gateway accepts (AWS-27), for the schema and the messages. */
export const CONTENT_HANDLING_VALUES = ["CONVERT_TO_BINARY", "CONVERT_TO_TEXT"] as const;

/** Desired method response of one status code (as `PutMethodResponse` takes it). */
export interface MethodResponseSpec {
  /** `method.response.header.{name}` → required (AWS-24: booleans). */
  readonly responseParameters?: Record<string, boolean>;
  /** Content type → model name, e.g. `{"application/json": "Empty"}`. */
  readonly responseModels?: Record<string, string>;
}

/** Desired integration response of one status code (as `PutIntegrationResponse` takes it). */
export interface IntegrationResponseSpec {
  /** Java regular expression; absent or `""` is the default response (AWS-17, AWS-29). */
  readonly selectionPattern?: string;
  /** `method.response.header.{name}` → mapping expression (AWS-28). */
  readonly responseParameters?: Record<string, string>;
  /** Content type → mapping template; `""` means "pass through" and is stored as null (AWS-16). */
  readonly responseTemplates?: Record<string, string>;
  readonly contentHandling?: ContentHandling;
}

/** The desired method response and/or integration response of one status code. */
export interface ResponseSpec {
  readonly methodResponse?: MethodResponseSpec;
  readonly integrationResponse?: IntegrationResponseSpec;
}

/**
 * The desired responses of one method, as users write them (YAML/JSON spec or
 * Pulumi inputs). Either `resourceId` or `path` names the resource.
 */
export interface MethodSpec {
  readonly restApiId: string;
  /** The API Gateway resource id. Exactly one of `resourceId` and `path` is given. */
  readonly resourceId?: string;
  /** The resource path, e.g. `/users/{id}`, resolved with `GetResources`. */
  readonly path?: string;
  /** `GET`, `POST`, … or `ANY`. */
  readonly httpMethod: string;
  /** Status code (`[1-5]\d\d`) → desired responses. */
  readonly responses: Record<string, ResponseSpec>;
  /**
   * Default true: status codes (and response kinds) live on the method but absent
   * from `responses` are deleted. False: they are left alone.
   */
  readonly exclusive?: boolean;
}

/** The identity of a method. */
export interface MethodKey {
  readonly restApiId: string;
  readonly resourceId: string;
  readonly httpMethod: string;
}

/**
 * A method's identity as one string, for maps and sets: the one way the code
 * keys methods. `httpMethod` is upper-cased (validation admits upper case only;
 * a read's answer is keyed the same way whatever its case).
 */
export function methodId(key: MethodKey): string {
  return JSON.stringify([key.restApiId, key.resourceId, key.httpMethod.toUpperCase()]);
}

/** Render a method key for messages: `GET /users/{id} (api abc123, resource r1)`. */
export function describeMethod(key: MethodKey, path?: string): string {
  return escapeUnsafe(`${key.httpMethod} ${path ?? key.resourceId} (rest api ${key.restApiId}, resource ${key.resourceId})`);
}

/** The two kinds of response a status code can have. */
export type ResponseKind = "methodResponse" | "integrationResponse";

/**
 * Normalized method response: maps always present (empty when absent, AWS-18),
 * keys sorted.
 */
export interface NormalizedMethodResponse {
  readonly responseParameters: Record<string, boolean>;
  readonly responseModels: Record<string, string>;
}

/**
 * Normalized integration response: `selectionPattern` is `""` for the default
 * (AWS-17), templates `null`/`""` → `""` (AWS-16), maps always present (AWS-18),
 * `contentHandling` absent when pass-through.
 */
export interface NormalizedIntegrationResponse {
  readonly selectionPattern: string;
  readonly responseParameters: Record<string, string>;
  readonly responseTemplates: Record<string, string>;
  readonly contentHandling?: ContentHandling;
}

/** Normalized responses of one status code: a kind is absent when it does not exist / is not wanted. */
export interface NormalizedResponse {
  readonly methodResponse?: NormalizedMethodResponse;
  readonly integrationResponse?: NormalizedIntegrationResponse;
}

/** Status code → normalized responses, keys sorted. */
export type NormalizedResponses = Record<string, NormalizedResponse>;

/** One explicit removal: a kind of response of a status code that must not exist afterwards. */
export interface Removal {
  readonly statusCode: string;
  /** Both kinds when absent. */
  readonly kind?: ResponseKind;
}

/**
 * What the planner is asked to reach for one method: normalized desired
 * responses, the `exclusive` switch, and explicit removals (used when a
 * resource is deleted or a single resource changes its status code).
 */
export interface DesiredMethod {
  readonly key: MethodKey;
  /** For messages only. */
  readonly path?: string;
  readonly responses: NormalizedResponses;
  readonly exclusive: boolean;
  readonly removals?: readonly Removal[];
  /**
   * Responses that an exclusive desired state leaves as they are, because another
   * resource manages them (a deleted resource must not remove those).
   */
  readonly keep?: readonly Removal[];
}

/** The live state of one method, read by observe (read only). */
export interface ObservedMethod {
  readonly key: MethodKey;
  /** False when `GetMethod` (or the embedded read) found no such method (AWS-8, AWS-13). */
  readonly exists: boolean;
  /** The integration type (`AWS_PROXY`, `HTTP`, `MOCK`, …), absent when no integration exists. */
  readonly integrationType?: string;
  readonly responses: NormalizedResponses;
}

/** A JSON-Patch-like operation as API Gateway's Update* calls take it (AWS-21..AWS-24). */
export interface PatchOperation {
  readonly op: "add" | "replace" | "remove";
  readonly path: string;
  readonly value?: string;
}

/** One field-level difference, for the human, markdown and JSON renderings. */
export interface FieldChange {
  /** e.g. `responseParameters.method.response.header.X`, `responseTemplates.application/json`, `selectionPattern`. */
  readonly field: string;
  /** Live value (undefined = absent). */
  readonly live?: unknown;
  /** Desired value (undefined = absent). */
  readonly desired?: unknown;
}

/** The mutating calls the planner can emit. */
export type OperationKind =
  | "PutMethodResponse"
  | "UpdateMethodResponse"
  | "DeleteMethodResponse"
  | "PutIntegrationResponse"
  | "DeleteIntegrationResponse";

/**
 * One planned mutating call. Operations carry everything the writer needs; the writer
 * re-plans only on AWS-1 adoption and, once, on an AWS-22 404 to a patch (see apply.ts).
 */
export type Operation =
  | {
      readonly kind: "PutMethodResponse";
      readonly key: MethodKey;
      readonly statusCode: string;
      readonly methodResponse: NormalizedMethodResponse;
      readonly changes: readonly FieldChange[];
    }
  | {
      readonly kind: "UpdateMethodResponse";
      readonly key: MethodKey;
      readonly statusCode: string;
      readonly patch: readonly PatchOperation[];
      readonly changes: readonly FieldChange[];
    }
  | {
      readonly kind: "DeleteMethodResponse";
      readonly key: MethodKey;
      readonly statusCode: string;
      readonly changes: readonly FieldChange[];
    }
  | {
      readonly kind: "PutIntegrationResponse";
      readonly key: MethodKey;
      readonly statusCode: string;
      readonly integrationResponse: NormalizedIntegrationResponse;
      readonly changes: readonly FieldChange[];
      /** True when an integration response of this code exists live and the put overwrites it (AWS-2). */
      readonly overwrites?: boolean;
    }
  | {
      readonly kind: "DeleteIntegrationResponse";
      readonly key: MethodKey;
      readonly statusCode: string;
      readonly changes: readonly FieldChange[];
    };

/** The plan for one method: ordered operations (empty = in sync). */
export interface MethodPlan {
  readonly key: MethodKey;
  readonly path?: string;
  readonly operations: readonly Operation[];
}

/** A whole plan: one entry per method, in input order. */
export interface Plan {
  readonly methods: readonly MethodPlan[];
  /** The gateway responses of the REST APIs whose gateway responses are desired, one entry per REST API. */
  readonly gatewayResponses?: readonly GatewayResponsesPlan[];
}

/** One validation failure: the property path and a message naming the value and the rule. */
export interface ValidationFailure {
  /** e.g. `responses.200.integrationResponse.responseParameters.method.response.header.X`. */
  readonly property: string;
  readonly reason: string;
}

/** Why a call was retried. */
export type RetryCause = "throttled" | "conflict" | "server" | "network" | "timeout";

/** The result of an apply. */
export interface ApplyReport {
  /** Operations completed, in the order they were done. */
  readonly operations: readonly Operation[];
  /** API calls sent by operation name (reads included), retries included. */
  readonly calls: Record<string, number>;
  /** Retries by cause. */
  readonly retries: Record<RetryCause, number>;
  /** Objects that already existed on create (AWS-1) and were adopted and patched. */
  readonly adopted: readonly { readonly key: MethodKey; readonly statusCode: string; readonly kind: ResponseKind }[];
  readonly durationMs: number;
  /** Gateway-response operations completed, in the order they were done (absent when none were planned). */
  readonly gatewayResponseOperations?: readonly GatewayResponseOperation[];
}

/** One entry of a spec file's `methods`: a {@link MethodSpec} whose `restApiId` defaults to the file's. */
export type SpecFileMethod = Omit<MethodSpec, "restApiId"> & { readonly restApiId?: string };

/**
 * A spec file (YAML or JSON) as the command line reads it: the REST API, an
 * optional region and the methods. Its JSON Schema is `schema/spec.schema.json`.
 */
export interface SpecFile {
  readonly restApiId: string;
  readonly region?: string;
  /** The methods whose responses the file manages (may be empty when it manages gateway responses). */
  readonly methods: readonly SpecFileMethod[];
  /**
   * Response type → the customization the file wants for it (AWS-31). Present: the file
   * manages the REST API's gateway responses; absent: it leaves them alone.
   */
  readonly gatewayResponses?: Readonly<Partial<Record<GatewayResponseType, GatewayResponseSpec>>>;
  /**
   * Default true: customizations of response types that `gatewayResponses` does not list
   * are reset to their defaults. False: they are left alone.
   */
  readonly gatewayResponsesExclusive?: boolean;
}
