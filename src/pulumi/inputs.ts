/**
 * The inputs of the resource kinds as the provider receives them, and what all kinds
 * share about them (each kind's own meaning is its adapter's: ./kinds/). Values not
 * known yet (preview) arrive as {@link UNKNOWN}.
 */
import type { GatewayResponseSpec, GatewayResponseType } from "../gateway-responses";
import type { MethodSpec } from "../model";

/** The resource kinds served by the providers (each has its adapter: ./kinds/index.ts). */
export const RESOURCE_KINDS = ["ResponseSet", "MethodResponse", "IntegrationResponse"] as const;

/** A resource kind served by the providers that manages responses of one method. */
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/**
 * The resource kinds that manage a REST API's gateway responses (each has its adapter:
 * ./kinds/index.ts). Their target is the REST API, not a method: ./gateway-lifecycle.ts.
 */
export const GATEWAY_RESOURCE_KINDS = ["GatewayResponseSet", "GatewayResponse"] as const;

/** A resource kind that manages gateway responses. */
export type GatewayResourceKind = (typeof GATEWAY_RESOURCE_KINDS)[number];

/** The resource kind that deploys a REST API to a stage; its target is a stage: ./stage-lifecycle.ts. */
export const STAGE_RESOURCE_KIND = "StageDeployment";

/** The stage-deployment kind. */
export type StageResourceKind = typeof STAGE_RESOURCE_KIND;

/** Any resource kind served by the providers. */
export type ProviderKind = ResourceKind | GatewayResourceKind | StageResourceKind;

/** Is `kind` the stage-deployment kind? */
export function isStageKind(kind: ProviderKind): kind is StageResourceKind {
  return kind === STAGE_RESOURCE_KIND;
}

/** Is `kind` one of the gateway-response kinds? */
export function isGatewayKind(kind: ProviderKind): kind is GatewayResourceKind {
  return (GATEWAY_RESOURCE_KINDS as readonly string[]).includes(kind);
}

/**
 * The input under which `read` lists the live responses a non-exclusive `ResponseSet`
 * leaves alone. Programs never set it; `check` carries it over while the set stays
 * non-exclusive, so that the preview of `exclusive` false → true shows them removed.
 */
export const LEFT_ALONE = "responsesLeftAlone";

/** The value Pulumi passes for a not-yet-known input during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

// ------------------------------------------------------------------ inputs

/** Inputs of a `ResponseSet` as the provider receives them: the reconciler's method spec. */
export type ResponseSetInputs = MethodSpec;

/** Inputs of a `MethodResponse`. */
export interface MethodResponseInputs {
  readonly restApiId: string;
  readonly resourceId?: string;
  readonly path?: string;
  readonly httpMethod: string;
  readonly statusCode: string;
  readonly responseParameters?: Record<string, boolean>;
  readonly responseModels?: Record<string, string>;
  readonly adoptExisting?: boolean;
}

/** Inputs of an `IntegrationResponse`. */
export interface IntegrationResponseInputs {
  readonly restApiId: string;
  readonly resourceId?: string;
  readonly path?: string;
  readonly httpMethod: string;
  readonly statusCode: string;
  readonly selectionPattern?: string;
  readonly responseParameters?: Record<string, string>;
  readonly responseTemplates?: Record<string, string>;
  readonly contentHandling?: string;
  readonly adoptExisting?: boolean;
}

/** Inputs of a `GatewayResponseSet`. */
export interface GatewayResponseSetInputs {
  readonly restApiId: string;
  /** Response type → customization (validated: the keys are response types). */
  readonly responses?: Readonly<Partial<Record<GatewayResponseType, GatewayResponseSpec>>>;
  readonly exclusive?: boolean;
}

/** Inputs of a `GatewayResponse`. */
export interface GatewayResponseInputs extends GatewayResponseSpec {
  readonly restApiId: string;
  readonly responseType: GatewayResponseType;
  readonly adoptExisting?: boolean;
}

/** The inputs of any gateway-response kind. */
export type AnyGatewayInputs = GatewayResponseSetInputs | GatewayResponseInputs;

/** The inputs of any resource kind. */
export type AnyInputs = ResponseSetInputs | MethodResponseInputs | IntegrationResponseInputs;

/** The fields naming a resource's method: a change replaces the resource. */
export const IDENTITY_FIELDS = ["restApiId", "resourceId", "path", "httpMethod"] as const;

/** A field naming a resource's method. */
export type IdentityField = (typeof IDENTITY_FIELDS)[number];

/** The inputs of a single-response kind that are not fields of its response: its method, status code and `adoptExisting`. */
export type SingleResponseTargetField = IdentityField | "statusCode" | "adoptExisting";

/** Whether a value holds a value not known yet (preview), at any depth. */
export function containsUnknown(v: unknown): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v && typeof v === "object") return Object.values(v).some(containsUnknown);
  return false;
}

/** Drop entries whose value is not known yet (preview), so that validation checks what is known. */
export function withoutUnknowns(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((x) => x !== UNKNOWN).map(withoutUnknowns);
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== UNKNOWN) out[k] = withoutUnknowns(x);
    return out;
  }
  return v;
}

/** The method a resource's inputs name, as the start of its method spec. */
export function methodTargetOf(inputs: { readonly restApiId: string; readonly httpMethod: string; readonly resourceId?: string; readonly path?: string }) {
  return {
    restApiId: inputs.restApiId,
    httpMethod: inputs.httpMethod,
    ...(inputs.resourceId !== undefined ? { resourceId: inputs.resourceId } : {}),
    ...(inputs.path !== undefined ? { path: inputs.path } : {}),
  };
}

/** The owner (URN) the resource class passes as the hidden `__owner` input. */
export function ownerOf(inputs: object): string | undefined {
  const owner = (inputs as { __owner?: unknown }).__owner;
  return typeof owner === "string" && owner !== UNKNOWN ? owner : undefined;
}
