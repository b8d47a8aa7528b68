/**
 * What the pipeline takes (`reconcile.ts`): the library's two input shapes
 * ({@link ReconcileInput}), told apart once, where they are validated, and the tagged
 * {@link DesiredInput} that every road hands on once it has validated.
 */
import type { DesiredGatewayResponses, GatewayResponseSpec, GatewayResponseType, NormalizedGatewayResponse } from "../gateway-responses";
import type { DesiredMethod, MethodKey, MethodSpec } from "../model";
import { normalizeDesiredResponses, normalizeGatewayResponse } from "../normalize";
import { validSpecs, type ValidateOptions, type ValidMethodSpec } from "../validate";

/** Either input shape of `reconcile` and `planSpecs`. */
export type ReconcileInput = MethodSpec | DesiredMethod;

/**
 * One target as the pipeline takes it, once validated: a method spec that passed
 * validation (its `path` still to resolve), a desired method built from inputs that
 * did (the Pulumi resources validate theirs; a deleted resource's removals have nothing
 * to validate), or the desired gateway responses of a REST API. Tagged, so that nothing
 * downstream guesses which one it holds.
 */
export type DesiredInput =
  | { readonly spec: ValidMethodSpec }
  | { readonly desired: DesiredMethod }
  /** The gateway responses of one REST API (normalized; validated where they came from). */
  | { readonly gatewayResponses: DesiredGatewayResponses };

/**
 * The one validation of the library's entry points (`planSpecs`, `reconcile`),
 * before any AWS call: the method specs among `inputs` are validated (every failure at
 * once), desired methods are taken as they are. The only place that tells the two
 * shapes of {@link ReconcileInput} apart.
 *
 * @throws {ValidationError} when a spec is invalid
 */
export function validatedInputs(inputs: readonly ReconcileInput[], options?: ValidateOptions): DesiredInput[] {
  const isDesired = (x: ReconcileInput): x is DesiredMethod => typeof x === "object" && x !== null && "key" in x && typeof (x as DesiredMethod).key === "object";
  const specs = validSpecs(
    inputs.filter((x) => !isDesired(x)),
    options,
  );
  let next = 0;
  return inputs.map((x) => (isDesired(x) ? { desired: x } : { spec: specs[next++]! }));
}

/**
 * The desired state of one method from its spec: responses normalized
 * (`normalizeDesiredResponses`), `exclusive` defaulting to true.
 *
 * @param spec the method spec
 * @param resourceId the resource id (required when the spec names a `path`)
 */
export function toDesiredMethod(spec: MethodSpec, resourceId?: string): DesiredMethod {
  const id = resourceId ?? spec.resourceId;
  if (id === undefined) throw new TypeError(`toDesiredMethod: ${spec.httpMethod} ${spec.path ?? "?"} has no resourceId; resolve its path first`);
  const key: MethodKey = { restApiId: spec.restApiId, resourceId: id, httpMethod: spec.httpMethod };
  const base = { key, responses: normalizeDesiredResponses(spec.responses), exclusive: spec.exclusive ?? true };
  return spec.path !== undefined ? { ...base, path: spec.path } : base;
}

/**
 * The desired gateway responses of a REST API from their spec (a spec file's
 * `gatewayResponses`): each customization normalized (`normalizeGatewayResponse`: what a
 * put stores for the fields left out, AWS-35), `exclusive` defaulting to true.
 */
export function toDesiredGatewayResponses(spec: {
  readonly restApiId: string;
  readonly responses: Readonly<Partial<Record<GatewayResponseType, GatewayResponseSpec>>>;
  readonly exclusive?: boolean;
}): DesiredGatewayResponses {
  const responses: Partial<Record<GatewayResponseType, NormalizedGatewayResponse>> = {};
  for (const type of Object.keys(spec.responses).sort() as GatewayResponseType[]) responses[type] = normalizeGatewayResponse(type, spec.responses[type]);
  return { restApiId: spec.restApiId, responses, exclusive: spec.exclusive ?? true };
}
