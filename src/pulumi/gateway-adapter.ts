/**
 * A gateway-response resource kind is an adapter too (docs: architecture rule 12), over
 * the target those kinds share: the gateway responses of one REST API, read all at once
 * (AWS-32). The lifecycle of that target (./gateway-lifecycle.ts) is written once over
 * this interface; each kind (./kinds/gateway-response-set.ts, ./kinds/gateway-response.ts)
 * supplies what differs. Every member is pure.
 */
import type { GatewayResponseSpec, GatewayResponseType, NormalizedGatewayResponse } from "../gateway-responses";
import type { ValidationFailure } from "../model";
import { compactGatewayResponse } from "../normalize";
import type { AnyGatewayInputs, GatewayResourceKind } from "./inputs";
import type { AnyGatewayOutputs } from "./state";

/** Customizations by response type, normalized. */
export type GatewayCustomizations = Readonly<Partial<Record<GatewayResponseType, NormalizedGatewayResponse>>>;

/** What a resource manages of its REST API's gateway responses. */
export interface GatewayScope {
  /** Every customization of the REST API (an exclusive `GatewayResponseSet`). */
  readonly wholeApi: boolean;
  /** The types it declares (also when `wholeApi`). */
  readonly types: readonly GatewayResponseType[];
}

/** The desired customizations of a resource's inputs, as given (normalized by the lifecycle). */
export interface GatewayDesire {
  readonly responses: Readonly<Partial<Record<GatewayResponseType, GatewayResponseSpec>>>;
  /** Customized types not in `responses` are reset (within the resource's scope). */
  readonly exclusive: boolean;
}

/**
 * What one gateway-response kind supplies to the shared lifecycle (members are methods,
 * so that a kind's adapter, typed with its own inputs and outputs, serves where the
 * lifecycle holds any kind's values).
 */
export interface GatewayAdapter<I extends AnyGatewayInputs = AnyGatewayInputs, O extends AnyGatewayOutputs = AnyGatewayOutputs> {
  /** The kind's name: the last part of the Pulumi type token, and the ownership claim's type. */
  readonly kind: GatewayResourceKind;
  /** The input properties a program may set besides `restApiId`. */
  readonly inputFields: readonly string[];
  /** Properties besides `restApiId` whose change replaces the resource. */
  readonly replacingFields: readonly string[];
  /** The property a failure of ownership (two owners of a type) is reported on. */
  readonly ownershipProperty: string;
  /** How a resource of this kind takes over what exists (instead of `pulumi import`, pulumi/pulumi #3550). */
  readonly adoptionAdvice: string;

  /** The validation failures of the known inputs (`restApiId`, hidden inputs and `adoptExisting` already removed). */
  validate(news: Record<string, unknown>, known: Record<string, unknown>, hideValues: boolean): ValidationFailure[];
  /** What the program's inputs (unknowns included) say the resource manages, or undefined while it cannot be told. */
  claimedScope(news: Record<string, unknown>): GatewayScope | undefined;

  /** The desired customizations of (validated) inputs. */
  desiredOf(inputs: I): GatewayDesire;
  /** The type a create refuses to take over when it is customized (unless adopting), or undefined. */
  mustNotBeCustomized(inputs: I): GatewayResponseType | undefined;
  /** The outputs for the managed live customizations. */
  outputsOf(inputs: I, managed: GatewayCustomizations): O;
  /** The managed live customizations the outputs describe. */
  managedOf(outputs: O): GatewayCustomizations;
  /** The resource id of inputs or outputs. */
  idOf(state: I | O): string;
  /** A change of inputs that the customizations do not show (a set's `exclusive`). */
  modeChanged(olds: O, news: I): boolean;
  /** What the resource manages according to its outputs (read and delete). */
  scopeOf(outputs: O): GatewayScope;
  /** The refreshed outputs and inputs from the managed live part; undefined when what the resource manages is gone. */
  readBack(props: O, managed: GatewayCustomizations): { readonly props: O; readonly inputs: Record<string, unknown> } | undefined;
}

/** The part of the observed customizations within `scope`: every customized type when `wholeApi`. */
export function managedCustomizations(
  customized: Readonly<Partial<Record<GatewayResponseType, NormalizedGatewayResponse>>>,
  scope: GatewayScope,
): GatewayCustomizations {
  const out: Partial<Record<GatewayResponseType, NormalizedGatewayResponse>> = {};
  for (const [type, r] of Object.entries(customized) as [GatewayResponseType, NormalizedGatewayResponse][]) {
    if (scope.wholeApi || scope.types.includes(type)) out[type] = r;
  }
  return out;
}

/** The fields of a customization (those `PutGatewayResponse` takes). */
export const GATEWAY_RESPONSE_FIELDS = ["statusCode", "responseParameters", "responseTemplates"] as const;

/** A field of a customization. */
export type GatewayResponseField = (typeof GATEWAY_RESPONSE_FIELDS)[number];

/** The fields a customization spells out (kept in the outputs: names only, never values, which may be secret). */
export function givenFields(spec: object | undefined): GatewayResponseField[] {
  return GATEWAY_RESPONSE_FIELDS.filter((f) => spec !== undefined && (spec as Record<string, unknown>)[f] !== undefined);
}

/**
 * A live customization in the shape a program spelled it (for the inputs `read`
 * reports): the fields the program gave, plus any field whose live value is not what
 * leaving it out means (AWS-35). So refreshed inputs differ from the program's only
 * where the live values do.
 */
export function spelledLike(type: GatewayResponseType, live: NormalizedGatewayResponse, given: readonly GatewayResponseField[] | undefined): GatewayResponseSpec {
  const out: Record<string, unknown> = { ...compactGatewayResponse(type, live) };
  for (const f of given ?? []) if (live[f] !== undefined) out[f] = live[f];
  return out as GatewayResponseSpec;
}
