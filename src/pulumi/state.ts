/**
 * The shapes the providers hand to Pulumi, which Pulumi persists in the stack's state:
 * the outputs of each resource kind, the inputs `read` reports, the ids, and what each
 * provider verb returns. State written by earlier versions is read back through these
 * same shapes (test/pulumi/legacy-state.pulumi.test.ts), so a field is never renamed or removed.
 */
import { createHash } from "node:crypto";
import type { GatewayResponseType, NormalizedGatewayResponse } from "../gateway-responses";
import type { GatewayResponseField } from "./gateway-adapter";
import type { MethodKey, NormalizedMethodResponse, NormalizedResponses, Removal, ResponseSpec } from "../model";
import { stableStringify } from "../normalize";
import type { LEFT_ALONE } from "./inputs";

// ------------------------------------------------------------------ outputs

/** The outputs every resource kind shares. */
export interface CommonOutputs {
  /** The REST API id. */
  readonly restApiId: string;
  /** The resolved resource id (also when the method is named by `path`). */
  readonly resourceId: string;
  /** The resource path, when the inputs named the method by path. */
  readonly path?: string;
  /** `GET`, `POST`, … or `ANY`. */
  readonly httpMethod: string;
  /** Content hash of the live responses (AWS-25): use it in `aws.apigateway.Deployment` `triggers`. */
  readonly revision: string;
}

/** Outputs of a `ResponseSet`: the normalized live responses it manages. */
export interface ResponseSetOutputs extends CommonOutputs {
  /** As given; absent means true. */
  readonly exclusive?: boolean;
  /** The managed part of the live responses, normalized. */
  readonly responses: NormalizedResponses;
  /**
   * Hidden: the status codes and kinds the inputs declared at the last create or
   * update (refresh keeps it), so that what a non-exclusive set stops declaring is
   * computed from declarations, never from refreshed live responses. Absent in
   * state written before it existed.
   */
  readonly __declared?: readonly Required<Removal>[];
}

/** Outputs of a `MethodResponse`. */
export interface MethodResponseOutputs extends CommonOutputs, NormalizedMethodResponse {
  /** The status code of the response (identity: changing it replaces the resource). */
  readonly statusCode: string;
  /** As given. */
  readonly adoptExisting?: boolean;
}

/** Outputs of an `IntegrationResponse`. */
export interface IntegrationResponseOutputs extends CommonOutputs {
  /** The status code of the response (identity: changing it replaces the resource). */
  readonly statusCode: string;
  /** `""` for the default response (AWS-17). */
  readonly selectionPattern: string;
  /** Method response header → mapping expression. */
  readonly responseParameters: Record<string, string>;
  /** Content type → template (`""` for pass-through, AWS-16). */
  readonly responseTemplates: Record<string, string>;
  /** Absent when pass-through. */
  readonly contentHandling?: string;
  /** As given. */
  readonly adoptExisting?: boolean;
}

/** The outputs every gateway-response kind shares. */
export interface GatewayCommonOutputs {
  /** The REST API id. */
  readonly restApiId: string;
  /** Content hash of the managed live customizations: use it in deployment triggers (AWS-45). */
  readonly revision: string;
}

/** Outputs of a `GatewayResponseSet`: the live customizations it manages, normalized. */
export interface GatewayResponseSetOutputs extends GatewayCommonOutputs {
  /** As given; absent means true. */
  readonly exclusive?: boolean;
  /** Response type → the live customization (only customized types, AWS-32). */
  readonly responses: Readonly<Partial<Record<GatewayResponseType, NormalizedGatewayResponse>>>;
  /**
   * Hidden: the types the inputs declared at the last create or update, each with the
   * names of the fields it spelled out (refresh keeps it; never values).
   */
  readonly __declared: Readonly<Partial<Record<GatewayResponseType, readonly GatewayResponseField[]>>>;
}

/** Outputs of a `GatewayResponse`: its live customization, normalized. */
export interface GatewayResponseOutputs extends GatewayCommonOutputs, NormalizedGatewayResponse {
  /** The response type (identity: changing it replaces the resource). */
  readonly responseType: GatewayResponseType;
  /** As given. */
  readonly adoptExisting?: boolean;
  /** Hidden: the names of the fields the inputs spelled out (never values). */
  readonly __given: readonly GatewayResponseField[];
}

/** The outputs of any gateway-response kind. */
export type AnyGatewayOutputs = GatewayResponseSetOutputs | GatewayResponseOutputs;

/** The outputs of any resource kind. */
export type AnyOutputs = ResponseSetOutputs | MethodResponseOutputs | IntegrationResponseOutputs;

// ------------------------------------------------------------------ read inputs

/** How `read` names the method in the inputs it reports: by path when the program did. */
export interface ReadTarget {
  readonly restApiId: string;
  readonly httpMethod: string;
  /** Given when the outputs name a path; else {@link resourceId}. */
  readonly path?: string;
  readonly resourceId?: string;
}

/** The inputs `read` reports for a `ResponseSet`: its live responses in compact spec form. */
export type ResponseSetReadInputs = ReadTarget & {
  /** Only when the program gave it, so that refreshed inputs show no spurious difference. */
  readonly exclusive?: boolean;
  readonly responses: Record<string, ResponseSpec>;
} & {
  /** A non-exclusive set: the live responses it leaves alone (see {@link LEFT_ALONE}). */
  readonly [K in typeof LEFT_ALONE]?: Record<string, ResponseSpec>;
};

/** The inputs `read` reports for a single response: its status code and live fields in compact form. */
export type SingleReadInputs = ReadTarget & {
  readonly statusCode: string;
  readonly adoptExisting?: boolean;
  readonly [field: string]: unknown;
};

/** The inputs `read` reports, any kind. */
export type ReadInputs = ResponseSetReadInputs | SingleReadInputs;

// ------------------------------------------------------------------ verb results

/** What `diff` returns (a `pulumi.dynamic.DiffResult`). */
export interface DiffOutcome {
  /** Whether anything differs. */
  readonly changes: boolean;
  /** Identity fields that changed: the resource is replaced. */
  readonly replaces?: string[];
  /** Replace by deleting the old resource first. */
  readonly deleteBeforeReplace?: boolean;
}

/** What `create` returns: the resource id ({@link resourceIdOf}) and the outputs. */
export interface CreateOutcome {
  readonly id: string;
  readonly outs: AnyOutputs;
}

/** What `update` returns. */
export interface UpdateOutcome {
  readonly outs: AnyOutputs;
}

/** What `read` returns: empty when the method (or a single resource's response) is gone. */
export interface ReadOutcome {
  readonly id?: string;
  readonly props?: AnyOutputs;
  readonly inputs?: ReadInputs;
}

/** What `create` of a gateway-response kind returns. */
export interface GatewayCreateOutcome {
  readonly id: string;
  readonly outs: AnyGatewayOutputs;
}

/** What `update` of a gateway-response kind returns. */
export interface GatewayUpdateOutcome {
  readonly outs: AnyGatewayOutputs;
}

/** What `read` of a gateway-response kind returns: empty when the REST API (or a single resource's customization) is gone. */
export interface GatewayReadOutcome {
  readonly id?: string;
  readonly props?: AnyGatewayOutputs;
  /** The refreshed inputs, in the shape the program gives them. */
  readonly inputs?: Record<string, unknown>;
}

// ------------------------------------------------------------------ ids and revisions

/** `sha256:` + hex of the stable JSON of a method key and its responses. */
export function revisionOf(key: MethodKey, responses: NormalizedResponses): string {
  return "sha256:" + createHash("sha256").update(stableStringify({ key, responses })).digest("hex");
}

/** `sha256:` + hex of the stable JSON of a REST API id and its gateway-response customizations. */
export function gatewayRevisionOf(restApiId: string, responses: Readonly<Partial<Record<GatewayResponseType, NormalizedGatewayResponse>>>): string {
  return "sha256:" + createHash("sha256").update(stableStringify({ restApiId, gatewayResponses: responses })).digest("hex");
}

/** The resource id: `restApiId/resourceId/httpMethod[/statusCode]`. */
export function resourceIdOf(key: MethodKey, statusCode?: string): string {
  return [key.restApiId, key.resourceId, key.httpMethod, ...(statusCode !== undefined ? [statusCode] : [])].join("/");
}

/** The outputs every kind shares, for the managed part of a method's live responses. */
export function commonOutputsOf(inputs: { readonly path?: string }, key: MethodKey, managed: NormalizedResponses): CommonOutputs {
  return {
    restApiId: key.restApiId,
    resourceId: key.resourceId,
    ...(inputs.path !== undefined ? { path: inputs.path } : {}),
    httpMethod: key.httpMethod,
    revision: revisionOf(key, managed),
  };
}
