/**
 * Pulumi resources for API Gateway method responses, integration responses and
 * gateway responses.
 *
 * - {@link ResponseSet}: every response of one method, authoritative by default.
 * - {@link MethodResponse} / {@link IntegrationResponse}: one response each, with the
 *   fields of `aws.apigateway.MethodResponse` / `aws.apigateway.IntegrationResponse`.
 * - {@link GatewayResponseSet}: the gateway responses of one REST API, authoritative by
 *   default; {@link GatewayResponse}: one response type, with the fields of
 *   `aws.apigateway.Response`.
 *
 * `restApi`, `resource` and `method` also take `@pulumi/aws` objects. Their types are
 * structural (a resource with an `id`; an object with `restApi`, `resourceId` and
 * `httpMethod`), so neither a program nor its type check needs `@pulumi/aws`.
 *
 * Connection: stack config `aws:region`, `aws:profile`, `apigw-responses:endpoint`
 * (e.g. the local API Gateway), `apigw-responses:rate` (`RPS:BURST`, default `10:40`)
 * and `apigw-responses:deadline` (default `2m`), else the environment.
 */
import * as pulumi from "@pulumi/pulumi";
import type {
  ContentHandling,
  NormalizedIntegrationResponse,
  NormalizedMethodResponse,
  NormalizedResponses,
  ResponseSpec,
} from "../model";
import { fieldNamesOf, gatewayResponseSchema, integrationResponseSchema, methodResponseSchema } from "../spec-model";
import type { GatewayResponseSpec, GatewayResponseType, NormalizedGatewayResponse } from "../gateway-responses";
import type { GatewayResourceKind, ProviderKind, ResourceKind, StageResourceKind } from "./inputs";
import { importAdvice } from "./kinds";
import { makeProvider } from "./provider";

/** A REST API: its id, or the resource that defines it (an `aws.apigateway.RestApi`; its `id` is used). */
export type RestApiRef = pulumi.Input<string> | pulumi.CustomResource;
/** A resource: its id, or the resource that defines it (an `aws.apigateway.Resource`; its `id` is used). */
export type ResourceRef = pulumi.Input<string> | pulumi.CustomResource;
/**
 * A method, named by what defines it: an `aws.apigateway.Method` or
 * `aws.apigateway.Integration`, or any object with these three.
 */
export interface MethodRef {
  /** The REST API id. */
  readonly restApi: pulumi.Input<string>;
  /** The resource id. */
  readonly resourceId: pulumi.Input<string>;
  /** `GET`, `POST`, …, `ANY`. */
  readonly httpMethod: pulumi.Input<string>;
}

/** How a resource names its method; give `method`, or `restApi` + (`resource` or `path`) + `httpMethod`. */
export interface MethodTarget {
  /** The REST API (id or `aws.apigateway.RestApi`). Not needed with `method`. */
  readonly restApi?: RestApiRef;
  /** The API Gateway resource (id or `aws.apigateway.Resource`). Not needed with `method` or `path`. */
  readonly resource?: ResourceRef;
  /** The resource path, e.g. `/users/{id}`, resolved with one `GetResources` per REST API and run. */
  readonly path?: pulumi.Input<string>;
  /** `GET`, `POST`, …, `ANY`. Not needed with `method`. */
  readonly httpMethod?: pulumi.Input<string>;
  /** The `aws.apigateway.Method` or `aws.apigateway.Integration` of the method: gives the three above. */
  readonly method?: MethodRef;
}

/** Arguments of {@link ResponseSet}. */
export interface ResponseSetArgs extends MethodTarget {
  /** Status code (`[1-5]\d\d`) → its method response and/or integration response. */
  readonly responses: pulumi.Input<Record<string, pulumi.Input<ResponseSpec>>>;
  /**
   * Default true: responses live on the method but absent from `responses` are deleted
   * (and adopted ones converged). False: they are left alone.
   */
  readonly exclusive?: pulumi.Input<boolean>;
}

/** Arguments of {@link MethodResponse} (the fields of `aws.apigateway.MethodResponse`). */
export interface MethodResponseArgs extends MethodTarget {
  /** The HTTP status code of the response, `[1-5]\d\d` (AWS-7). Changing it replaces the resource. */
  readonly statusCode: pulumi.Input<string>;
  /** `method.response.header.{name}` → required. */
  readonly responseParameters?: pulumi.Input<Record<string, pulumi.Input<boolean>>>;
  /** Content type → model name. */
  readonly responseModels?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Take over a method response that already exists instead of failing. Default false. */
  readonly adoptExisting?: pulumi.Input<boolean>;
}

/** Arguments of {@link IntegrationResponse} (the fields of `aws.apigateway.IntegrationResponse`). */
export interface IntegrationResponseArgs extends MethodTarget {
  /** The method response status code this integration response maps to, `[1-5]\d\d` (AWS-7). Changing it replaces the resource. */
  readonly statusCode: pulumi.Input<string>;
  /** Java regular expression; omitted or `""` = the default response. */
  readonly selectionPattern?: pulumi.Input<string>;
  /** `method.response.header.{name}` → `integration.response.header.X`, `integration.response.body.X` or `'static'`. */
  readonly responseParameters?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Content type → mapping template (`""` = pass through). */
  readonly responseTemplates?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** `CONVERT_TO_TEXT` or `CONVERT_TO_BINARY`; omitted = pass the payload through unchanged (AWS-27). */
  readonly contentHandling?: pulumi.Input<ContentHandling>;
  /** Take over an integration response that already exists instead of failing. Default false. */
  readonly adoptExisting?: pulumi.Input<boolean>;
}


function idOf(ref: RestApiRef | ResourceRef | undefined): pulumi.Input<string> | undefined {
  return ref !== undefined && pulumi.CustomResource.isInstance(ref) ? ref.id : (ref as pulumi.Input<string> | undefined);
}

/** The identity inputs of a method target, validated for completeness at construction. */
function targetInputs(type: string, name: string, args: MethodTarget): Record<string, pulumi.Input<string> | undefined> {
  const restApiId = args.method ? args.method.restApi : idOf(args.restApi);
  const resourceId = args.method ? args.method.resourceId : idOf(args.resource);
  const httpMethod = args.method ? args.method.httpMethod : args.httpMethod;
  const missing = [
    restApiId === undefined ? "restApi" : undefined,
    resourceId === undefined && args.path === undefined ? "resource or path" : undefined,
    httpMethod === undefined ? "httpMethod" : undefined,
  ].filter((x): x is string => x !== undefined);
  if (missing.length > 0) {
    throw new Error(`${type} "${name}": missing ${missing.join(", ")} (or give method: an aws.apigateway.Method or Integration)`);
  }
  if (resourceId !== undefined && args.path !== undefined && !args.method) {
    throw new Error(`${type} "${name}": give either resource or path, not both`);
  }
  return {
    restApiId: restApiId as pulumi.Input<string>,
    ...(args.path !== undefined && !args.method ? { path: args.path } : { resourceId }),
    httpMethod,
  };
}

function withoutTarget<T extends MethodTarget>(args: T): Omit<T, keyof MethodTarget> {
  const { restApi: _a, resource: _r, path: _p, httpMethod: _h, method: _m, ...rest } = args;
  return rest;
}

/** Does a value hold an Output or a Promise anywhere (so that it may be, or become, secret)? */
function holdsOutputs(value: unknown, seen = new Set<unknown>()): boolean {
  if (pulumi.Output.isInstance(value) || value instanceof Promise) return true;
  if (value === null || typeof value !== "object" || seen.has(value)) return false;
  seen.add(value);
  return Object.values(value).some((v) => holdsOutputs(v, seen));
}

/**
 * The options a resource registers with: `revision` is a hash of the responses, so it is
 * secret whenever they may hold a secret (any Output or Promise in the content inputs:
 * whether it is secret is only known later). The engine already keeps outputs secret
 * whose input of the same name is.
 */
function optionsOf(content: object, opts?: pulumi.CustomResourceOptions): pulumi.CustomResourceOptions | undefined {
  if (!holdsOutputs(content)) return opts;
  return { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "revision"] };
}

/** The type token of a resource kind (as `pulumi.dynamic.Resource` builds it). */
const typeOf = (kind: string) => `pulumi-nodejs:dynamic/apigw-responses:${kind}`;

/**
 * The property bag of a resource: its content inputs and the inputs naming its target,
 * plus the output-only properties declared as `undefined` so that the engine exposes
 * them (the resolved `resourceId`, `revision`, …), plus two hidden inputs (`__` keys are
 * not shown in diffs):
 * - `__owner`: the resource's URN, so that the provider process knows which resource of
 *   the stack manages which responses (a delete never removes what another one manages);
 * - `__secretInputs`: whether any input is secret, so that no check message quotes a value
 *   (the engine hands a dynamic provider secrets as plain values).
 */
function resourceProps(
  kind: ProviderKind,
  name: string,
  content: Record<string, unknown>,
  target: Record<string, unknown>,
  outputOnly: readonly string[],
  opts?: pulumi.CustomResourceOptions,
): pulumi.Inputs {
  if (opts?.import !== undefined) {
    throw new Error(`${kind} "${name}": ${importAdvice(kind)}`);
  }
  return {
    revision: undefined,
    ...Object.fromEntries(outputOnly.map((k) => [k, undefined])),
    ...content,
    ...target,
    __owner: pulumi.createUrn(name, typeOf(kind), opts?.parent),
    __secretInputs: pulumi.isSecret(pulumi.output({ ...content, ...("path" in target ? { path: target.path } : {}) })),
  };
}

/** The property bag and options of a method-level resource. */
function methodResource(kind: ResourceKind, name: string, args: MethodTarget, outputOnly: readonly string[], opts?: pulumi.CustomResourceOptions) {
  const content = withoutTarget(args);
  const props = resourceProps(kind, name, content, targetInputs(kind, name, args), ["resourceId", ...outputOnly], opts);
  return { props, opts: optionsOf({ ...content, path: args.path }, opts) };
}

/** The property bag and options of a gateway-response resource (its target: `restApi`). */
function gatewayResource(kind: GatewayResourceKind, name: string, args: { readonly restApi: RestApiRef }, outputOnly: readonly string[], opts?: pulumi.CustomResourceOptions) {
  const { restApi, ...content } = args;
  if (restApi === undefined) throw new Error(`${kind} "${name}": missing restApi (the REST API id, or an aws.apigateway.RestApi)`);
  const props = resourceProps(kind, name, content, { restApiId: idOf(restApi) }, outputOnly, opts);
  return { props, opts: optionsOf(content, opts) };
}

/**
 * Every method response and integration response of one API Gateway method.
 *
 * Authoritative by default (`exclusive: true`): creating it over a method that already
 * has responses adopts them and converges, and responses added out of band are removed
 * on the next `pulumi up --refresh`. Outputs the live responses and a `revision` hash
 * for `aws.apigateway.Deployment` `triggers` (AWS-25).
 *
 * @example
 * ```ts
 * new ResponseSet("users-get", {
 *   restApi: api, path: "/users/{id}", httpMethod: "GET",
 *   responses: {
 *     "200": { methodResponse: { responseParameters: { "method.response.header.Access-Control-Allow-Origin": true } },
 *              integrationResponse: { responseParameters: { "method.response.header.Access-Control-Allow-Origin": "'*'" } } },
 *     "404": { methodResponse: {}, integrationResponse: { selectionPattern: ".*Not found.*" } },
 *   },
 * });
 * ```
 */
export class ResponseSet extends pulumi.dynamic.Resource {
  declare public readonly restApiId: pulumi.Output<string>;
  /** The resolved resource id (also when the method was named by `path`). */
  declare public readonly resourceId: pulumi.Output<string>;
  declare public readonly httpMethod: pulumi.Output<string>;
  /** As given (absent means true). */
  declare public readonly exclusive: pulumi.Output<boolean | undefined>;
  /** The live responses this set manages, normalized (empty maps present, `""` default selection pattern). */
  declare public readonly responses: pulumi.Output<NormalizedResponses>;
  /** `sha256:…` of the live responses: changes exactly when their content does. */
  declare public readonly revision: pulumi.Output<string>;

  constructor(name: string, args: ResponseSetArgs, opts?: pulumi.CustomResourceOptions) {
    const r = methodResource("ResponseSet", name, args, [], opts);
    super(makeProvider("ResponseSet"), name, r.props, r.opts, "apigw-responses", "ResponseSet");
  }
}

/**
 * One method response, like `aws.apigateway.MethodResponse`, but: existing responses
 * fail clearly (or are adopted with `adoptExisting`), changes are PATCHes computed
 * from the live state, and drift is visible on refresh.
 */
export class MethodResponse extends pulumi.dynamic.Resource {
  declare public readonly restApiId: pulumi.Output<string>;
  declare public readonly resourceId: pulumi.Output<string>;
  declare public readonly httpMethod: pulumi.Output<string>;
  declare public readonly statusCode: pulumi.Output<string>;
  declare public readonly responseParameters: pulumi.Output<NormalizedMethodResponse["responseParameters"]>;
  declare public readonly responseModels: pulumi.Output<NormalizedMethodResponse["responseModels"]>;
  /** `sha256:…` of the live response. */
  declare public readonly revision: pulumi.Output<string>;

  constructor(name: string, args: MethodResponseArgs, opts?: pulumi.CustomResourceOptions) {
    const r = methodResource("MethodResponse", name, args, fieldNamesOf(methodResponseSchema), opts);
    super(makeProvider("MethodResponse"), name, r.props, r.opts, "apigw-responses", "MethodResponse");
  }
}

/**
 * One integration response, like `aws.apigateway.IntegrationResponse`, but: one full
 * PUT per change (never a partial one that clears fields), `null`/`""` templates and the
 * default selection pattern never show as perpetual diffs, and drift is visible on refresh.
 */
export class IntegrationResponse extends pulumi.dynamic.Resource {
  declare public readonly restApiId: pulumi.Output<string>;
  declare public readonly resourceId: pulumi.Output<string>;
  declare public readonly httpMethod: pulumi.Output<string>;
  declare public readonly statusCode: pulumi.Output<string>;
  declare public readonly selectionPattern: pulumi.Output<NormalizedIntegrationResponse["selectionPattern"]>;
  declare public readonly responseParameters: pulumi.Output<NormalizedIntegrationResponse["responseParameters"]>;
  declare public readonly responseTemplates: pulumi.Output<NormalizedIntegrationResponse["responseTemplates"]>;
  declare public readonly contentHandling: pulumi.Output<ContentHandling | undefined>;
  /** `sha256:…` of the live response. */
  declare public readonly revision: pulumi.Output<string>;

  constructor(name: string, args: IntegrationResponseArgs, opts?: pulumi.CustomResourceOptions) {
    const r = methodResource("IntegrationResponse", name, args, fieldNamesOf(integrationResponseSchema), opts);
    super(makeProvider("IntegrationResponse"), name, r.props, r.opts, "apigw-responses", "IntegrationResponse");
  }
}


/** Arguments of {@link GatewayResponseSet}. */
export interface GatewayResponseSetArgs {
  /** The REST API (id or `aws.apigateway.RestApi`). Changing it replaces the resource. */
  readonly restApi: RestApiRef;
  /**
   * Response type (one of the 21, AWS-31) → its customization. A field left out takes
   * the type's default (AWS-35): a put overwrites the whole customization.
   */
  readonly responses: pulumi.Input<Partial<Record<GatewayResponseType, pulumi.Input<GatewayResponseSpec>>>>;
  /**
   * Default true: customizations of types not in `responses` are reset to their defaults
   * (and adopted ones converged). False: they are left alone.
   */
  readonly exclusive?: pulumi.Input<boolean>;
}

/** Arguments of {@link GatewayResponse} (the fields of `aws.apigateway.Response`). */
export interface GatewayResponseArgs {
  /** The REST API (id or `aws.apigateway.RestApi`). Changing it replaces the resource. */
  readonly restApi: RestApiRef;
  /** One of the 21 response types (AWS-31), e.g. `DEFAULT_4XX`, `UNAUTHORIZED`. Changing it replaces the resource. */
  readonly responseType: pulumi.Input<GatewayResponseType>;
  /** `[1-5]\d\d` (AWS-39). Absent: the type's default (`DEFAULT_4XX` / `DEFAULT_5XX`: the status of the error). */
  readonly statusCode?: pulumi.Input<string>;
  /** `gatewayresponse.header.{name}` (or `.path.`, `.querystring.`) → `'static'` or `method.request.{header|querystring|path}.{name}` (AWS-40). */
  readonly responseParameters?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Content type → template (not VTL, AWS-41). Absent: the default JSON message template (AWS-35). */
  readonly responseTemplates?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Take over a customization that already exists instead of failing. Default false. */
  readonly adoptExisting?: pulumi.Input<boolean>;
}

/**
 * The gateway responses of one REST API: what API Gateway answers by itself (a missing
 * route, a failed authorizer, a throttle, a timeout), e.g. CORS headers on `DEFAULT_4XX`
 * and `DEFAULT_5XX`.
 *
 * Authoritative by default (`exclusive: true`): customizations of types not listed are
 * reset to their defaults, also when made out of band (on the next
 * `pulumi up --refresh`); `pulumi destroy` resets what it manages. A field left out
 * equals the type's default, never a perpetual diff (AWS-35, AWS-36). Gateway responses
 * reach clients after a deployment (AWS-45): `revision` changes with them.
 *
 * @example
 * ```ts
 * new GatewayResponseSet("errors", {
 *   restApi: api,
 *   responses: {
 *     DEFAULT_4XX: { responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" } },
 *     DEFAULT_5XX: { responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" } },
 *     UNAUTHORIZED: { statusCode: "401", responseTemplates: { "application/json": '{"error":"sign in"}' } },
 *   },
 * });
 * ```
 */
export class GatewayResponseSet extends pulumi.dynamic.Resource {
  declare public readonly restApiId: pulumi.Output<string>;
  /** As given (absent means true). */
  declare public readonly exclusive: pulumi.Output<boolean | undefined>;
  /** The live customizations this set manages, normalized (fields a put left out filled with the defaults). */
  declare public readonly responses: pulumi.Output<Partial<Record<GatewayResponseType, NormalizedGatewayResponse>>>;
  /** `sha256:…` of the live customizations: changes exactly when their content does. */
  declare public readonly revision: pulumi.Output<string>;

  constructor(name: string, args: GatewayResponseSetArgs, opts?: pulumi.CustomResourceOptions) {
    const r = gatewayResource("GatewayResponseSet", name, args, [], opts);
    super(makeProvider("GatewayResponseSet"), name, r.props, r.opts, "apigw-responses", "GatewayResponseSet");
  }
}

/**
 * One gateway response type, like `aws.apigateway.Response`, but: a customization that
 * already exists fails clearly (or is adopted with `adoptExisting`), a status code left
 * out is the type's default and never a perpetual diff (terraform-provider-aws #48260),
 * and drift is visible on refresh. `pulumi destroy` resets the type to its default.
 */
export class GatewayResponse extends pulumi.dynamic.Resource {
  declare public readonly restApiId: pulumi.Output<string>;
  declare public readonly responseType: pulumi.Output<GatewayResponseType>;
  /** The live status code (the type's default when none was given; absent for `DEFAULT_4XX` / `DEFAULT_5XX` without one). */
  declare public readonly statusCode: pulumi.Output<string | undefined>;
  declare public readonly responseParameters: pulumi.Output<Record<string, string>>;
  declare public readonly responseTemplates: pulumi.Output<Record<string, string>>;
  /** `sha256:…` of the live customization. */
  declare public readonly revision: pulumi.Output<string>;

  constructor(name: string, args: GatewayResponseArgs, opts?: pulumi.CustomResourceOptions) {
    const r = gatewayResource("GatewayResponse", name, args, fieldNamesOf(gatewayResponseSchema), opts);
    super(makeProvider("GatewayResponse"), name, r.props, r.opts, "apigw-responses", "GatewayResponse");
  }
}

/** Arguments of {@link StageDeployment}. */
export interface StageDeploymentArgs {
  /** The REST API (id or `aws.apigateway.RestApi`). Changing it replaces the resource. */
  readonly restApi: RestApiRef;
  /** The stage: 1 to 128 letters, digits, hyphens or underscores (AWS-68). Created when missing. Changing it replaces the resource. */
  readonly stageName: pulumi.Input<string>;
  /**
   * Any strings whose change must redeploy, typically the `revision` outputs of the
   * response resources of the API: the stage is redeployed when one changes, and the
   * deployment then also waits for their writes.
   */
  readonly triggers?: pulumi.Input<pulumi.Input<string>[]>;
  /** The description of the deployments this resource makes (a mark with the content revision is appended). */
  readonly description?: pulumi.Input<string>;
  /** Stage variables (names: letters, digits, `_`; values: letters, digits, `-._~:/?#&=,`, AWS-69). Absent: left as they are. */
  readonly variables?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Delete the stage when this resource is deleted. Default false: the stage keeps serving its last deployment. */
  readonly destroyStage?: pulumi.Input<boolean>;
}

/**
 * A REST API deployed to a stage, and kept deployed: responses reach clients only once
 * a deployment holds them and the stage serves it (AWS-25, AWS-52).
 *
 * - `pulumi up` deploys when a trigger, `description` or `variables` changed, or when the
 *   last refresh found the stage behind: one `CreateDeployment` per stage and run, after
 *   the last response write of the API in the run (the provider process waits for them),
 *   paced at 1 every 5.5 s across APIs (AWS-51). The stage is moved in place, or created.
 * - `pulumi refresh` compares what the stage serves with the live API (the stage export,
 *   AWS-58..61) and lists every method, status code and gateway response that differs in
 *   `stageDrift`; a deployment someone else made is named there too.
 * - `pulumi destroy` leaves the stage serving its last deployment (unless `destroyStage`);
 *   deployments are kept.
 *
 * @example
 * ```ts
 * const users = new ResponseSet("users-get", { restApi: api, path: "/users", httpMethod: "GET", responses: { … } });
 * const errors = new GatewayResponseSet("errors", { restApi: api, responses: { … } });
 * new StageDeployment("prod", { restApi: api, stageName: "prod", triggers: [users.revision, errors.revision] });
 * ```
 */
export class StageDeployment extends pulumi.dynamic.Resource {
  declare public readonly restApiId: pulumi.Output<string>;
  declare public readonly stageName: pulumi.Output<string>;
  /** The deployment this resource last pointed the stage to. */
  declare public readonly deploymentId: pulumi.Output<string>;
  /** What the stage serves that differs from the live API, one line each (as of the last refresh; `[]` after a deployment). */
  declare public readonly stageDrift: pulumi.Output<string[]>;

  constructor(name: string, args: StageDeploymentArgs, opts?: pulumi.CustomResourceOptions) {
    const kind: StageResourceKind = "StageDeployment";
    if (opts?.import !== undefined) throw new Error(`${kind} "${name}": ${importAdvice(kind)}`);
    if (args.restApi === undefined) throw new Error(`${kind} "${name}": missing restApi (the REST API id, or an aws.apigateway.RestApi)`);
    if (args.stageName === undefined) throw new Error(`${kind} "${name}": missing stageName`);
    const { restApi, ...given } = args;
    const props: pulumi.Inputs = {
      deploymentId: undefined,
      stageDrift: undefined,
      ...given,
      restApiId: idOf(restApi),
      __owner: pulumi.createUrn(name, typeOf(kind), opts?.parent),
      __secretInputs: pulumi.isSecret(pulumi.output(given)),
    };
    super(makeProvider(kind), name, props, opts, "apigw-responses", kind);
  }
}
