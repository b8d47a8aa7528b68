/**
 * Pulumi resources for API Gateway method responses and integration responses.
 *
 * - {@link ResponseSet}: every response of one method, authoritative by default.
 * - {@link MethodResponse} / {@link IntegrationResponse}: one response each, with the
 *   fields of `aws.apigateway.MethodResponse` / `aws.apigateway.IntegrationResponse`.
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
import { fieldNamesOf, integrationResponseSchema, methodResponseSchema } from "../spec-model";
import type { ResourceKind } from "./inputs";
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
function optionsOf(args: MethodTarget, opts?: pulumi.CustomResourceOptions): pulumi.CustomResourceOptions | undefined {
  if (!holdsOutputs({ ...withoutTarget(args), path: args.path })) return opts;
  return { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "revision"] };
}

/** The type token of a resource kind (as `pulumi.dynamic.Resource` builds it). */
const typeOf = (kind: string) => `pulumi-nodejs:dynamic/apigw-responses:${kind}`;

/**
 * The property bag of a resource: its inputs, plus the output-only properties declared
 * as `undefined` so that the engine exposes them (the resolved `resourceId`, `revision`, …),
 * plus two hidden inputs (`__` keys are not shown in diffs):
 * - `__owner`: the resource's URN, so that the provider process knows which resource of
 *   the stack manages which responses (a delete never removes what another one manages);
 * - `__secretInputs`: whether any input is secret, so that no check message quotes a value
 *   (the engine hands a dynamic provider secrets as plain values).
 */
function resourceProps(kind: string, name: string, args: MethodTarget, outputOnly: readonly string[], opts?: pulumi.CustomResourceOptions): pulumi.Inputs {
  if (opts?.import !== undefined) {
    throw new Error(`${kind} "${name}": ${importAdvice(kind as ResourceKind)}`);
  }
  const values = withoutTarget(args);
  return {
    resourceId: undefined,
    revision: undefined,
    ...Object.fromEntries(outputOnly.map((k) => [k, undefined])),
    ...values,
    ...targetInputs(kind, name, args),
    __owner: pulumi.createUrn(name, typeOf(kind), opts?.parent),
    __secretInputs: pulumi.isSecret(pulumi.output({ ...values, path: args.path })),
  };
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
    super(
      makeProvider("ResponseSet"),
      name,
      resourceProps("ResponseSet", name, args, [], opts),
      optionsOf(args, opts),
      "apigw-responses",
      "ResponseSet",
    );
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
    super(
      makeProvider("MethodResponse"),
      name,
      resourceProps("MethodResponse", name, args, fieldNamesOf(methodResponseSchema), opts),
      optionsOf(args, opts),
      "apigw-responses",
      "MethodResponse",
    );
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
    super(
      makeProvider("IntegrationResponse"),
      name,
      resourceProps("IntegrationResponse", name, args, fieldNamesOf(integrationResponseSchema), opts),
      optionsOf(args, opts),
      "apigw-responses",
      "IntegrationResponse",
    );
  }
}

