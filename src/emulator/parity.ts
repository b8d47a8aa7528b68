/**
 * The parity layer: answers API Gateway calls the way real AWS does, using moto as
 * the store. Each behaviour cites its AWS-n id from `docs/aws-behaviors.md`.
 *
 * Method-scoped calls first read the method from moto (`GetMethod`, one call that
 * holds its method responses, integration and integration responses), check the
 * parents and the AWS rules on that live state, then write to moto. Mutating calls
 * run holding their REST API's lock alone, reads holding it shared, so a
 * read-modify-write is never seen half done.
 */
import * as http from "node:http";
import type { IncomingHttpHeaders } from "node:http";
import { AwsError, MESSAGES, badRequest, conflict, errorAnswer, notFound, validation, type LayerAnswer } from "./errors";
import type { RestApiLocks } from "./locks";
import type { IdentifiedOperation } from "./operations";
import { patchIntegrationResponse, patchMethodResponse, readPatchOperations } from "./patch";
import {
  shapeIntegration,
  shapeIntegrationResponse,
  shapeMethod,
  shapeMethodResponse,
  shapeResource,
  type IntegrationResponseShape,
  type Json,
  type MethodResponseShape,
} from "./shapes";

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

/** An answer from moto. */
export interface MotoAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** Sends requests to moto over a keep-alive connection pool. */
export class MotoClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  private readonly target: URL;

  constructor(endpoint: string) {
    this.target = new URL(endpoint);
  }

  /** Send one request to moto. */
  send(method: string, url: string, headers: Record<string, string>, body?: Buffer): Promise<MotoAnswer> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: this.target.hostname,
          port: this.target.port,
          method,
          path: url,
          agent: this.agent,
          headers: { ...headers, host: this.target.host, "content-length": String(body?.length ?? 0) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 500, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }

  /** Close the pooled connections. */
  close(): void {
    this.agent.destroy();
  }
}

const AWS_6_MESSAGE = "Integration response with selection pattern default already exists";
const AWS_1_MESSAGE = "Response already exists for this resource";
const AWS_4_MESSAGE =
  "Invalid mapping expression specified: Validation Result: warnings : [], errors : [No method response exists for method.]";

function parseJson(buf: Buffer): unknown {
  if (buf.length === 0) return undefined;
  try {
    return JSON.parse(buf.toString("utf8"));
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Turn a moto error into an AWS-shaped one: moto's JSON errors keep their type and
 * message; its HTML 404s and Python tracebacks (500) become JSON errors.
 */
export function motoErrorAnswer(answer: MotoAnswer): LayerAnswer {
  const json = parseJson(answer.body);
  const header = answer.headers["x-amzn-errortype"];
  if (isObject(json) && (typeof json.message === "string" || typeof json.Message === "string")) {
    const code = String(header ?? json.__type ?? json.code ?? (answer.status === 404 ? "NotFoundException" : "BadRequestException")).split(":")[0]!;
    return errorAnswer(code, answer.status, String(json.message ?? json.Message));
  }
  if (answer.status === 404) return errorAnswer("NotFoundException", 404, "Invalid request path");
  if (answer.status >= 500) return errorAnswer("InternalFailure", answer.status, "Internal server error (moto failed on this request)");
  return errorAnswer(String(header ?? "BadRequestException"), answer.status, answer.body.toString("utf8").slice(0, 300) || "Bad request");
}

function passThrough(answer: MotoAnswer): LayerAnswer {
  if (answer.status >= 400) return motoErrorAnswer(answer);
  const contentType = answer.headers["content-type"];
  return { status: answer.status, headers: contentType ? { "content-type": String(contentType) } : {}, raw: answer.body };
}

const enc = encodeURIComponent;

/** AWS-7: status codes must match `[1-5]\d\d`. */
function checkStatusCode(code: string): void {
  if (!/^[1-5]\d\d$/.test(code)) {
    throw validation(
      `1 validation error detected: Value '${code}' at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d`,
    );
  }
}

function isDefaultPattern(p: unknown): boolean {
  return p === undefined || p === null || p === "";
}

/** The parity layer in front of moto. */
export class ParityLayer {
  /** AWS-17: integration responses written with `selectionPattern: ""` (moto drops the empty string). */
  private readonly emptyPatterns = new Set<string>();

  constructor(
    private readonly moto: MotoClient,
    private readonly locks: RestApiLocks,
  ) {}

  /** Forget the layer's own state (after a moto reset). */
  reset(): void {
    this.emptyPatterns.clear();
  }

  private key(api: string, resource: string, method: string, code: string): string {
    return [api, resource, method, code].join("\u0000");
  }

  private forgetPatterns(...prefix: string[]): void {
    const p = prefix.join("\u0000") + "\u0000";
    for (const k of this.emptyPatterns) if (k.startsWith(p)) this.emptyPatterns.delete(k);
  }

  /** Headers for the layer's own calls to moto: the caller's credentials pick moto's account and region. */
  private motoHeaders(ctx: CallContext): Record<string, string> {
    const out: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
    for (const h of ["authorization", "x-amz-date", "x-amz-security-token", "user-agent"]) {
      const v = ctx.headers[h];
      if (typeof v === "string") out[h] = v;
    }
    return out;
  }

  private async motoJson(ctx: CallContext, method: string, url: string, body?: unknown): Promise<MotoAnswer> {
    return this.moto.send(method, url, this.motoHeaders(ctx), body === undefined ? undefined : Buffer.from(JSON.stringify(body)));
  }

  /** Forward the call to moto as it came. */
  private forwardRaw(ctx: CallContext): Promise<MotoAnswer> {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(ctx.headers)) {
      if (v === undefined || k === "host" || k === "content-length" || k === "connection" || k === "transfer-encoding") continue;
      headers[k] = Array.isArray(v) ? v.join(", ") : v;
    }
    return this.moto.send(ctx.method, ctx.url, headers, ctx.body);
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
    return (code) => this.emptyPatterns.has(this.key(restApiId!, resourceId!, httpMethod!, code));
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
      case "DeleteRestApi": {
        const answer = await this.forwardRaw(ctx);
        if (answer.status < 400) this.forgetPatterns(ctx.op.params.restApiId!);
        return answer.status < 400 ? { status: 202 } : motoErrorAnswer(answer);
      }
      default:
        return passThrough(await this.forwardRaw(ctx));
    }
  }

  // ---- method responses -------------------------------------------------------

  private methodResponseOf(method: Json, code: string): MethodResponseShape | undefined {
    const mrs = method.methodResponses;
    if (isObject(mrs) && isObject(mrs[code])) return shapeMethodResponse(mrs[code] as Json);
    return undefined;
  }

  private async putMethodResponse(ctx: CallContext): Promise<LayerAnswer> {
    const code = ctx.op.params.statusCode!;
    checkStatusCode(code); // AWS-7
    const method = await this.loadMethod(ctx); // AWS-8
    // AWS-1: a second PutMethodResponse for the same status code is a 409 (moto overwrites).
    if (this.methodResponseOf(method, code)) throw conflict(AWS_1_MESSAGE);
    const answer = await this.forwardRaw(ctx);
    if (answer.status >= 400) return motoErrorAnswer(answer);
    // AWS-18: maps sent as {} echo {}, maps never sent are absent (moto: null).
    return { status: 201, json: shapeMethodResponse(parseJson(answer.body) as Json) };
  }

  private async getMethodResponse(ctx: CallContext): Promise<LayerAnswer> {
    const code = ctx.op.params.statusCode!;
    checkStatusCode(code); // AWS-7
    const method = await this.loadMethod(ctx); // AWS-8
    const mr = this.methodResponseOf(method, code);
    // AWS-13: absent status code is a 404 (moto: 500).
    if (!mr) throw notFound(MESSAGES.statusCode);
    return { status: 200, json: mr };
  }

  private async deleteMethodResponse(ctx: CallContext): Promise<LayerAnswer> {
    const code = ctx.op.params.statusCode!;
    checkStatusCode(code); // AWS-7
    const method = await this.loadMethod(ctx); // AWS-8
    // AWS-14: deleting an absent method response is a 404 (moto: 500).
    if (!this.methodResponseOf(method, code)) throw notFound(MESSAGES.statusCode);
    const answer = await this.forwardRaw(ctx);
    if (answer.status >= 400) return motoErrorAnswer(answer);
    return { status: 204 }; // AWS-14
  }

  /** AWS-20..AWS-24: read-modify-write over moto, which has no UpdateMethodResponse. */
  private async updateMethodResponse(ctx: CallContext): Promise<LayerAnswer> {
    const { restApiId, resourceId, httpMethod, statusCode } = ctx.op.params as Record<string, string>;
    checkStatusCode(statusCode!); // AWS-7
    const method = await this.loadMethod(ctx); // AWS-8
    const live = this.methodResponseOf(method, statusCode!);
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

  private integrationOf(method: Json): Json {
    // AWS-8 / AWS-13: no integration on the method.
    if (!isObject(method.methodIntegration)) throw notFound(MESSAGES.integration);
    return method.methodIntegration;
  }

  private integrationResponseOf(ctx: CallContext, integration: Json, code: string): IntegrationResponseShape | undefined {
    const irs = integration.integrationResponses;
    if (isObject(irs) && isObject(irs[code])) return shapeIntegrationResponse(irs[code] as Json, this.emptyPatternLookup(ctx)(code));
    return undefined;
  }

  /** AWS-4, AWS-5: response parameter mappings need a method response that declares each header. */
  private checkMappings(method: Json, code: string, params: unknown): void {
    if (!isObject(params) || Object.keys(params).length === 0) return; // AWS-3
    const mr = this.methodResponseOf(method, code);
    if (!mr) throw badRequest(AWS_4_MESSAGE); // AWS-4
    const declared = mr.responseParameters ?? {};
    for (const key of Object.keys(params)) {
      if (!Object.prototype.hasOwnProperty.call(declared, key)) {
        throw badRequest(`Invalid mapping expression parameter specified: ${key}`); // AWS-5
      }
    }
  }

  /** AWS-6: only one default (no / empty selection pattern) integration response per integration. */
  private checkDefaultPattern(ctx: CallContext, integration: Json, code: string, pattern: unknown): void {
    if (!isDefaultPattern(pattern)) return;
    const irs = integration.integrationResponses;
    if (!isObject(irs)) return;
    for (const [other, ir] of Object.entries(irs)) {
      if (other === code || !isObject(ir)) continue;
      const shaped = shapeIntegrationResponse(ir, this.emptyPatternLookup(ctx)(other));
      if (isDefaultPattern(shaped.selectionPattern)) throw conflict(AWS_6_MESSAGE);
    }
  }

  private rememberPattern(ctx: CallContext, pattern: unknown): void {
    const { restApiId, resourceId, httpMethod, statusCode } = ctx.op.params as Record<string, string>;
    const k = this.key(restApiId!, resourceId!, httpMethod!, statusCode!);
    // AWS-17: "" is echoed as "", never sent is absent; moto cannot tell them apart.
    if (pattern === "") this.emptyPatterns.add(k);
    else this.emptyPatterns.delete(k);
  }

  private async putIntegrationResponse(ctx: CallContext): Promise<LayerAnswer> {
    const code = ctx.op.params.statusCode!;
    checkStatusCode(code); // AWS-7
    const method = await this.loadMethod(ctx); // AWS-8
    const integration = this.integrationOf(method); // AWS-8
    const body = parseJson(ctx.body);
    const input: Json = isObject(body) ? body : {};
    this.checkMappings(method, code, input.responseParameters); // AWS-4, AWS-5
    this.checkDefaultPattern(ctx, integration, code, input.selectionPattern); // AWS-6
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
    const integration = this.integrationOf(method); // AWS-13: no integration (moto: 500)
    const ir = this.integrationResponseOf(ctx, integration, code);
    if (!ir) throw notFound(MESSAGES.statusCode); // AWS-13
    return { status: 200, json: ir };
  }

  private async deleteIntegrationResponse(ctx: CallContext): Promise<LayerAnswer> {
    const code = ctx.op.params.statusCode!;
    checkStatusCode(code); // AWS-7
    const method = await this.loadMethod(ctx);
    const integration = this.integrationOf(method); // AWS-14
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
    const integration = this.integrationOf(method);
    const live = this.integrationResponseOf(ctx, integration, statusCode!);
    if (!live) throw notFound(MESSAGES.statusCode); // AWS-13
    const next = patchIntegrationResponse(live, readPatchOperations(parseJson(ctx.body)));
    this.checkMappings(method, statusCode!, next.responseParameters); // AWS-4, AWS-5 hold for updates too
    if (!isDefaultPattern(live.selectionPattern) && isDefaultPattern(next.selectionPattern)) {
      this.checkDefaultPattern(ctx, integration, statusCode!, next.selectionPattern); // AWS-6
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
    this.forgetPatterns(restApiId!, resourceId!, httpMethod!);
    return { status: 201, json: shapeMethod(parseJson(answer.body) as Json, () => false) };
  }

  private async getIntegration(ctx: CallContext): Promise<LayerAnswer> {
    const method = await this.loadMethod(ctx); // AWS-8
    // AWS-13: no integration is a 404 (moto answers 200 with {}).
    const integration = this.integrationOf(method);
    return { status: 200, json: shapeIntegration(integration, this.emptyPatternLookup(ctx)) };
  }

  private async putIntegration(ctx: CallContext): Promise<LayerAnswer> {
    const { restApiId, resourceId, httpMethod } = ctx.op.params as Record<string, string>;
    await this.loadMethod(ctx); // AWS-8 (moto: 500 for a missing method)
    const answer = await this.forwardRaw(ctx);
    if (answer.status >= 400) return motoErrorAnswer(answer);
    // AWS-19: a new integration has no integration responses.
    this.forgetPatterns(restApiId!, resourceId!, httpMethod!);
    return { status: 201, json: shapeIntegration(parseJson(answer.body) as Json, () => false) };
  }

  private async deleteMethodOrIntegration(ctx: CallContext, integrationOnly: boolean): Promise<LayerAnswer> {
    const { restApiId, resourceId, httpMethod } = ctx.op.params as Record<string, string>;
    const method = await this.loadMethod(ctx); // AWS-8
    if (integrationOnly) this.integrationOf(method); // AWS-8: "Invalid Integration identifier specified"
    const answer = await this.forwardRaw(ctx);
    if (answer.status >= 400) return motoErrorAnswer(answer);
    this.forgetPatterns(restApiId!, resourceId!, httpMethod!);
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
    return (m, code) => this.emptyPatterns.has(this.key(restApiId, resourceId, m, code));
  }

  /** AWS-30: `embed=methods`, `limit` (default 25, at most 500) and `position` paging. */
  private async getResources(ctx: CallContext): Promise<LayerAnswer> {
    const restApiId = ctx.op.params.restApiId!;
    const answer = await this.motoJson(ctx, "GET", `/restapis/${enc(restApiId)}/resources`);
    if (answer.status >= 400) return motoErrorAnswer(answer);
    const json = parseJson(answer.body);
    const items = isObject(json) && Array.isArray(json.item) ? (json.item as Json[]) : [];

    const limitText = ctx.query.get("limit");
    let limit = 25;
    if (limitText !== null) {
      limit = Number(limitText);
      if (!Number.isInteger(limit) || limit < 1) throw badRequest(`Invalid limit specified: ${limitText}`);
      limit = Math.min(limit, 500);
    }
    let start = 0;
    const position = ctx.query.get("position");
    if (position !== null && position !== "") {
      start = items.findIndex((r) => r.id === position);
      if (start < 0) throw badRequest(`Invalid position specified: ${position}`);
    }
    const embed = this.embedsMethods(ctx);
    const page = items.slice(start, start + limit);
    const next = items[start + limit];
    const out: Json = { item: page.map((r) => shapeResource(r, embed, this.resourcePatternLookup(ctx, String(r.id)))) };
    if (next) out.position = String(next.id);
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
    this.forgetPatterns(restApiId!, resourceId!);
    return { status: 202 };
  }
}

/** A ready answer thrown from deep inside a handler. */
class LayerError extends Error {
  constructor(readonly answer: LayerAnswer) {
    super(`layer answer ${answer.status}`);
  }
}
