/**
 * The parity layer: answers API Gateway calls the way real AWS does, using moto as
 * the store. Each behaviour cites its AWS-n id from `docs/aws-behaviors.md`.
 *
 * Method-scoped calls first read the method from moto (`GetMethod`, one call that
 * holds its method responses, integration and integration responses), check the
 * parents and the AWS rules on that live state, then write to moto. Mutating calls
 * run holding their REST API's lock alone, reads holding it shared, so a
 * read-modify-write is never seen half done.
 *
 * The rules checked on the live state are in `rules.ts`, the PATCH semantics in
 * `patch.ts`, the memory of empty selection patterns (AWS-17) in
 * `selection-patterns.ts`, the connection to moto in `moto-client.ts`, gateway responses in `gateway-responses.ts`,
 * deployments, stages and exports in `deployments.ts` and `exports.ts`.
 */
import type { IncomingHttpHeaders } from "node:http";
import { AwsError, LayerError, MESSAGES, conflict, notFound, pageOf, type LayerAnswer } from "./errors";
import { Deployments, type DeployedView } from "./deployments";
import { GatewayResponses } from "./gateway-responses";
import type { RestApiLocks } from "./locks";
import { forwardedHeaders, isObject, motoCallHeaders, motoErrorAnswer, parseJson, passThrough, type MotoAnswer, type MotoClient } from "./moto-client";
import type { IdentifiedOperation } from "./operations";
import { patchIntegrationResponse, patchMethodResponse, readPatchOperations } from "./patch";
import { AWS_1_MESSAGE, checkDefaultPattern, checkMappings, checkStatusCode, integrationOf, isDefaultPattern, methodResponseOf } from "./rules";
import { EmptyPatterns } from "./selection-patterns";
import { shapeIntegration, shapeIntegrationResponse, shapeMethod, shapeMethodResponse, shapeResource, type IntegrationResponseShape, type Json } from "./shapes";

/** One call as the layer received it. */
export interface CallContext {
  readonly op: IdentifiedOperation;
  readonly method: string;
  /** Path and query as received (percent-encoded). */
  readonly url: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

const enc = encodeURIComponent;

/** The parity layer in front of moto. */
export class ParityLayer {
  /** AWS-17: integration responses written with `selectionPattern: ""` (moto drops the empty string). */
  private readonly emptyPatterns = new EmptyPatterns();
  /** AWS-31..AWS-44: the customized gateway responses (moto's are wrong in every respect). */
  private readonly gatewayResponses: GatewayResponses;
  /** AWS-49..AWS-61: deployments (with their snapshots) and stages (moto's differ in every respect). */
  private readonly deployments: Deployments;

  constructor(
    private readonly moto: MotoClient,
    private readonly locks: RestApiLocks,
  ) {
    this.gatewayResponses = new GatewayResponses(moto);
    this.deployments = new Deployments(moto, this.gatewayResponses, this.emptyPatterns);
  }

  /** Forget the layer's own state (after a moto reset). */
  reset(): void {
    this.emptyPatterns.clear();
    this.gatewayResponses.clear();
    this.deployments.clear();
  }

  /** AWS-52: what a stage serves (its deployment's snapshot), for the control call; undefined for an unknown stage. */
  deployed(headers: IncomingHttpHeaders, restApiId: string, stageName: string): Promise<DeployedView | undefined> {
    return this.locks.read(restApiId, () => Promise.resolve(this.deployments.deployed(headers, restApiId, stageName)));
  }

  private async motoJson(ctx: CallContext, method: string, url: string, body?: unknown): Promise<MotoAnswer> {
    return this.moto.send(method, url, motoCallHeaders(ctx.headers), body === undefined ? undefined : Buffer.from(JSON.stringify(body)));
  }

  /** Forward the call to moto as it came. */
  private forwardRaw(ctx: CallContext): Promise<MotoAnswer> {
    return this.moto.send(ctx.method, ctx.url, forwardedHeaders(ctx.headers), ctx.body);
  }

  /**
   * AWS-8: read the method; a missing REST API or resource is "Invalid Resource
   * identifier specified", a missing method "Invalid Method identifier specified".
   */
  private async loadMethod(ctx: CallContext): Promise<Json> {
    const { restApiId, resourceId, httpMethod } = ctx.op.params as Record<string, string>;
    const answer = await this.motoJson(ctx, "GET", `/restapis/${enc(restApiId!)}/resources/${enc(resourceId!)}/methods/${enc(httpMethod!)}`);
    if (answer.status === 200) {
      const json = parseJson(answer.body);
      if (isObject(json)) return json;
    }
    if (answer.status === 404) {
      const msg = String((parseJson(answer.body) as Json | undefined)?.message ?? "");
      throw notFound(/method/i.test(msg) ? MESSAGES.method : MESSAGES.resource);
    }
    throw new LayerError(motoErrorAnswer(answer));
  }

  /** AWS-8: the resource must exist (a wrong REST API id gives the same message). */
  private async checkResource(ctx: CallContext, resourceId: string): Promise<void> {
    const { restApiId } = ctx.op.params as Record<string, string>;
    const answer = await this.motoJson(ctx, "GET", `/restapis/${enc(restApiId!)}/resources/${enc(resourceId)}`);
    if (answer.status === 404) throw notFound(MESSAGES.resource);
    if (answer.status >= 400) throw new LayerError(motoErrorAnswer(answer));
  }

  private emptyPatternLookup(ctx: CallContext): (code: string) => boolean {
    const { restApiId, resourceId, httpMethod } = ctx.op.params as Record<string, string>;
    return (code) => this.emptyPatterns.has(restApiId!, resourceId!, httpMethod!, code);
  }

  /** Handle one call (quota, faults and the AWS-9 gate are done by the server before). */
  async handle(ctx: CallContext): Promise<LayerAnswer> {
    const restApiId = ctx.op.params.restApiId;
    const run = () => this.dispatch(ctx).catch((e: unknown) => {
      if (e instanceof AwsError) return e.toAnswer();
      if (e instanceof LayerError) return e.answer;
      throw e;
    });
    if (!restApiId) return run();
    return ctx.op.mutating ? this.locks.write(restApiId, run) : this.locks.read(restApiId, run);
  }

  private async dispatch(ctx: CallContext): Promise<LayerAnswer> {
    if (GatewayResponses.handles(ctx.op.name)) return this.gatewayResponses.handle(ctx);
    if (Deployments.handles(ctx.op.name)) return this.deployments.handle(ctx);
    switch (ctx.op.name) {
      case "PutMethodResponse":
        return this.putMethodResponse(ctx);
      case "GetMethodResponse":
        return this.getMethodResponse(ctx);
      case "DeleteMethodResponse":
        return this.deleteMethodResponse(ctx);
      case "UpdateMethodResponse":
        return this.updateMethodResponse(ctx);
      case "PutIntegrationResponse":
        return this.putIntegrationResponse(ctx);
      case "GetIntegrationResponse":
        return this.getIntegrationResponse(ctx);
      case "DeleteIntegrationResponse":
        return this.deleteIntegrationResponse(ctx);
      case "UpdateIntegrationResponse":
        return this.updateIntegrationResponse(ctx);
      case "GetMethod":
        return { status: 200, json: shapeMethod(await this.loadMethod(ctx), this.emptyPatternLookup(ctx)) };
      case "PutMethod":
        return this.putMethod(ctx);
      case "DeleteMethod":
        return this.deleteMethodOrIntegration(ctx, false);
      case "GetIntegration":
        return this.getIntegration(ctx);
      case "PutIntegration":
        return this.putIntegration(ctx);
      case "DeleteIntegration":
        return this.deleteMethodOrIntegration(ctx, true);
      case "GetResources":
        return this.getResources(ctx);
      case "GetResource":
        return this.getResource(ctx);
      case "CreateResource":
        await this.checkResource(ctx, ctx.op.params.parentId!);
        return passThrough(await this.forwardRaw(ctx));
      case "DeleteResource":
        return this.deleteResource(ctx);
      case "CreateRestApi": {
        const answer = await this.forwardRaw(ctx);
        const created = parseJson(answer.body);
        const input = parseJson(ctx.body);
        // AWS-58: moto drops `version`; the export names its file after it.
        if (answer.status < 300 && isObject(created) && isObject(input)) this.deployments.rememberVersion(ctx.headers, String(created.id), input.version);
        return passThrough(answer);
      }
      case "DeleteRestApi": {
        const answer = await this.forwardRaw(ctx);
        if (answer.status >= 400) return motoErrorAnswer(answer);
        this.emptyPatterns.forget(ctx.op.params.restApiId!);
        this.gatewayResponses.forget(ctx.headers, ctx.op.params.restApiId!); // a deleted API takes its gateway responses along
        this.deployments.forget(ctx.headers, ctx.op.params.restApiId!); // and its deployments and stages
        return { status: 202 };
      }
      default:
        return passThrough(await this.forwardRaw(ctx));
    }
  }

  // ---- method responses -------------------------------------------------------

  private async putMethodResponse(ctx: CallContext): Promise<LayerAnswer> {
    const code = ctx.op.params.statusCode!;
    checkStatusCode(code); // AWS-7
    const method = await this.loadMethod(ctx); // AWS-8
    // AWS-1: a second PutMethodResponse for the same status code is a 409 (moto overwrites).
    if (methodResponseOf(method, code)) throw conflict(AWS_1_MESSAGE);
    const answer = await this.forwardRaw(ctx);
    if (answer.status >= 400) return motoErrorAnswer(answer);
    // AWS-18: maps sent as {} echo {}, maps never sent are absent (moto: null).
    return { status: 201, json: shapeMethodResponse(parseJson(answer.body) as Json) };
  }

  private async getMethodResponse(ctx: CallContext): Promise<LayerAnswer> {
    const code = ctx.op.params.statusCode!;
    checkStatusCode(code); // AWS-7
    const method = await this.loadMethod(ctx); // AWS-8
    const mr = methodResponseOf(method, code);
    // AWS-13: absent status code is a 404 (moto: 500).
    if (!mr) throw notFound(MESSAGES.statusCode);
    return { status: 200, json: mr };
  }

  private async deleteMethodResponse(ctx: CallContext): Promise<LayerAnswer> {
    const code = ctx.op.params.statusCode!;
    checkStatusCode(code); // AWS-7
    const method = await this.loadMethod(ctx); // AWS-8
    // AWS-14: deleting an absent method response is a 404 (moto: 500).
    if (!methodResponseOf(method, code)) throw notFound(MESSAGES.statusCode);
    const answer = await this.forwardRaw(ctx);
    if (answer.status >= 400) return motoErrorAnswer(answer);
    return { status: 204 }; // AWS-14
  }

  /** AWS-20..AWS-24: read-modify-write over moto, which has no UpdateMethodResponse. */
  private async updateMethodResponse(ctx: CallContext): Promise<LayerAnswer> {
    const { restApiId, resourceId, httpMethod, statusCode } = ctx.op.params as Record<string, string>;
    checkStatusCode(statusCode!); // AWS-7
    const method = await this.loadMethod(ctx); // AWS-8
    const live = methodResponseOf(method, statusCode!);
    if (!live) throw notFound(MESSAGES.statusCode); // AWS-13
    // AWS-21..AWS-24: patch the LIVE state.
    const next = patchMethodResponse(live, readPatchOperations(parseJson(ctx.body)));
    // moto's PutMethodResponse is a full overwrite, so writing the whole object back
    // is the update. We hold the REST API's lock alone (see handle()).
    const url = `/restapis/${enc(restApiId!)}/resources/${enc(resourceId!)}/methods/${enc(httpMethod!)}/responses/${enc(statusCode!)}`;
    const answer = await this.motoJson(ctx, "PUT", url, {
      responseParameters: next.responseParameters ?? null,
      responseModels: next.responseModels ?? null,
    });
    if (answer.status >= 400) return motoErrorAnswer(answer);
    // AWS-20: UpdateMethodResponse answers 201. AWS-18: emptied maps are absent.
    return { status: 201, json: shapeMethodResponse(parseJson(answer.body) as Json) };
  }

  // ---- integration responses --------------------------------------------------

  private integrationResponseOf(ctx: CallContext, integration: Json, code: string): IntegrationResponseShape | undefined {
    const irs = integration.integrationResponses;
    if (isObject(irs) && isObject(irs[code])) return shapeIntegrationResponse(irs[code] as Json, this.emptyPatternLookup(ctx)(code));
    return undefined;
  }

  /** AWS-17: "" is echoed as "", never sent is absent; moto cannot tell them apart. */
  private rememberPattern(ctx: CallContext, pattern: unknown): void {
    const { restApiId, resourceId, httpMethod, statusCode } = ctx.op.params as Record<string, string>;
    this.emptyPatterns.remember(restApiId!, resourceId!, httpMethod!, statusCode!, pattern);
  }

  private async putIntegrationResponse(ctx: CallContext): Promise<LayerAnswer> {
    const code = ctx.op.params.statusCode!;
    checkStatusCode(code); // AWS-7
    const method = await this.loadMethod(ctx); // AWS-8
    const integration = integrationOf(method); // AWS-8
    const body = parseJson(ctx.body);
    const input: Json = isObject(body) ? body : {};
    checkMappings(method, code, input.responseParameters); // AWS-4, AWS-5
    checkDefaultPattern(integration, code, input.selectionPattern, this.emptyPatternLookup(ctx)); // AWS-6
    // AWS-2: an upsert and full overwrite; moto does the same.
    const answer = await this.forwardRaw(ctx);
    if (answer.status >= 400) return motoErrorAnswer(answer);
    this.rememberPattern(ctx, input.selectionPattern);
    const json = parseJson(answer.body);
    // AWS-16, AWS-17, AWS-18
    return { status: 201, json: shapeIntegrationResponse(isObject(json) ? json : { statusCode: code }, input.selectionPattern === "") };
  }

  private async getIntegrationResponse(ctx: CallContext): Promise<LayerAnswer> {
    const code = ctx.op.params.statusCode!;
    checkStatusCode(code); // AWS-7
    const method = await this.loadMethod(ctx);
    const integration = integrationOf(method); // AWS-13: no integration (moto: 500)
    const ir = this.integrationResponseOf(ctx, integration, code);
    if (!ir) throw notFound(MESSAGES.statusCode); // AWS-13
    return { status: 200, json: ir };
  }

  private async deleteIntegrationResponse(ctx: CallContext): Promise<LayerAnswer> {
    const code = ctx.op.params.statusCode!;
    checkStatusCode(code); // AWS-7
    const method = await this.loadMethod(ctx);
    const integration = integrationOf(method); // AWS-14
    if (!this.integrationResponseOf(ctx, integration, code)) throw notFound(MESSAGES.statusCode); // AWS-14 (moto: 500)
    const answer = await this.forwardRaw(ctx);
    if (answer.status >= 400) return motoErrorAnswer(answer);
    this.rememberPattern(ctx, undefined);
    return { status: 204 }; // AWS-14
  }

  /** AWS-20..AWS-23: read-modify-write over moto, which has no UpdateIntegrationResponse. */
  private async updateIntegrationResponse(ctx: CallContext): Promise<LayerAnswer> {
    const { restApiId, resourceId, httpMethod, statusCode } = ctx.op.params as Record<string, string>;
    checkStatusCode(statusCode!); // AWS-7
    const method = await this.loadMethod(ctx); // AWS-8
    const integration = integrationOf(method);
    const live = this.integrationResponseOf(ctx, integration, statusCode!);
    if (!live) throw notFound(MESSAGES.statusCode); // AWS-13
    const next = patchIntegrationResponse(live, readPatchOperations(parseJson(ctx.body)));
    checkMappings(method, statusCode!, next.responseParameters); // AWS-4, AWS-5 hold for updates too
    if (!isDefaultPattern(live.selectionPattern) && isDefaultPattern(next.selectionPattern)) {
      checkDefaultPattern(integration, statusCode!, next.selectionPattern, this.emptyPatternLookup(ctx)); // AWS-6
    }
    // moto's PutIntegrationResponse replaces the whole object: writing it back is the
    // update, done holding the REST API's lock alone (see handle()).
    const url = `/restapis/${enc(restApiId!)}/resources/${enc(resourceId!)}/methods/${enc(httpMethod!)}/integration/responses/${enc(statusCode!)}`;
    const answer = await this.motoJson(ctx, "PUT", url, {
      ...(next.selectionPattern !== undefined ? { selectionPattern: next.selectionPattern } : {}),
      ...(next.responseParameters ? { responseParameters: next.responseParameters } : {}),
      ...(next.responseTemplates ? { responseTemplates: next.responseTemplates } : {}),
      ...(next.contentHandling ? { contentHandling: next.contentHandling } : {}),
    });
    if (answer.status >= 400) return motoErrorAnswer(answer);
    this.rememberPattern(ctx, next.selectionPattern);
    const json = parseJson(answer.body);
    // AWS-20: UpdateIntegrationResponse answers 200.
    return { status: 200, json: shapeIntegrationResponse(isObject(json) ? json : { statusCode }, next.selectionPattern === "") };
  }

  // ---- methods and integrations -------------------------------------------------

  private async putMethod(ctx: CallContext): Promise<LayerAnswer> {
    const { restApiId, resourceId, httpMethod } = ctx.op.params as Record<string, string>;
    await this.checkResource(ctx, resourceId!); // AWS-8
    const answer = await this.forwardRaw(ctx);
    if (answer.status >= 400) return motoErrorAnswer(answer);
    this.emptyPatterns.forget(restApiId!, resourceId!, httpMethod!);
    return { status: 201, json: shapeMethod(parseJson(answer.body) as Json, () => false) };
  }

  private async getIntegration(ctx: CallContext): Promise<LayerAnswer> {
    const method = await this.loadMethod(ctx); // AWS-8
    // AWS-13: no integration is a 404 (moto answers 200 with {}).
    const integration = integrationOf(method);
    return { status: 200, json: shapeIntegration(integration, this.emptyPatternLookup(ctx)) };
  }

  private async putIntegration(ctx: CallContext): Promise<LayerAnswer> {
    const { restApiId, resourceId, httpMethod } = ctx.op.params as Record<string, string>;
    await this.loadMethod(ctx); // AWS-8 (moto: 500 for a missing method)
    const answer = await this.forwardRaw(ctx);
    if (answer.status >= 400) return motoErrorAnswer(answer);
    // AWS-19: a new integration has no integration responses.
    this.emptyPatterns.forget(restApiId!, resourceId!, httpMethod!);
    return { status: 201, json: shapeIntegration(parseJson(answer.body) as Json, () => false) };
  }

  private async deleteMethodOrIntegration(ctx: CallContext, integrationOnly: boolean): Promise<LayerAnswer> {
    const { restApiId, resourceId, httpMethod } = ctx.op.params as Record<string, string>;
    const method = await this.loadMethod(ctx); // AWS-8
    if (integrationOnly) integrationOf(method); // AWS-8: "Invalid Integration identifier specified"
    const answer = await this.forwardRaw(ctx);
    if (answer.status >= 400) return motoErrorAnswer(answer);
    this.emptyPatterns.forget(restApiId!, resourceId!, httpMethod!);
    return { status: 204 };
  }

  // ---- resources ------------------------------------------------------------------

  private embedsMethods(ctx: CallContext): boolean {
    return ctx.query
      .getAll("embed")
      .flatMap((v) => v.split(","))
      .some((v) => v.trim() === "methods");
  }

  private resourcePatternLookup(ctx: CallContext, resourceId: string): (httpMethod: string, code: string) => boolean {
    const restApiId = ctx.op.params.restApiId!;
    return (m, code) => this.emptyPatterns.has(restApiId, resourceId, m, code);
  }

  /** AWS-30: `embed=methods`, `limit` (default 25, at most 500) and `position` paging. */
  private async getResources(ctx: CallContext): Promise<LayerAnswer> {
    const restApiId = ctx.op.params.restApiId!;
    const answer = await this.motoJson(ctx, "GET", `/restapis/${enc(restApiId)}/resources`);
    if (answer.status >= 400) return motoErrorAnswer(answer);
    const json = parseJson(answer.body);
    const items = isObject(json) && Array.isArray(json.item) ? (json.item as Json[]) : [];

    const embed = this.embedsMethods(ctx);
    const page = pageOf(items, ctx.query, (r) => String(r.id));
    const out: Json = { item: page.items.map((r) => shapeResource(r, embed, this.resourcePatternLookup(ctx, String(r.id)))) };
    if (page.position !== undefined) out.position = page.position;
    return { status: 200, json: out };
  }

  private async getResource(ctx: CallContext): Promise<LayerAnswer> {
    const answer = await this.forwardRaw(ctx);
    if (answer.status === 404) throw notFound(MESSAGES.resource);
    if (answer.status >= 400) return motoErrorAnswer(answer);
    const json = parseJson(answer.body) as Json;
    return { status: 200, json: shapeResource(json, this.embedsMethods(ctx), this.resourcePatternLookup(ctx, String(json.id))) };
  }

  private async deleteResource(ctx: CallContext): Promise<LayerAnswer> {
    const { restApiId, resourceId } = ctx.op.params as Record<string, string>;
    await this.checkResource(ctx, resourceId!); // AWS-8 (moto: 500)
    const answer = await this.forwardRaw(ctx);
    if (answer.status >= 400) return motoErrorAnswer(answer);
    this.emptyPatterns.forget(restApiId!, resourceId!);
    return { status: 202 };
  }
}
