/**
 * An in-memory API Gateway behind the product's seam (`Transport`, src/aws/transport.ts):
 * REST APIs, resources and methods held in memory, reads answered in the SDK's shapes,
 * and the five response writes applied by the pure model of `aws-model.ts` (AWS-1,
 * AWS-2..7, AWS-13, AWS-14, AWS-21..24), its refusals thrown as SDK-shaped errors (`name`,
 * `$fault`, `$metadata.httpStatusCode`, `$metadata.requestId`) for the product's
 * classifier. A runtime created with `{ transport: api.transport }` runs apply's and
 * observe's real code against it, in milliseconds.
 *
 * Closer to AWS than the model where the product depends on it:
 * - a missing REST API, resource or method is a 404 `NotFoundException`, `GetMethod`
 *   answering both with "Invalid Method identifier specified" (AWS-8);
 * - `GetResources` pages by `limit` (default 25, at most 500) and `position` (AWS-30);
 *   without `embed=methods`, each method is `{}`.
 *
 * Every call is recorded in {@link InMemoryApiGateway.calls}, in the order received,
 * so tests assert exact call sequences; {@link InMemoryApiGateway.beforeCall} lets a
 * test play another writer between two calls.
 */
import type { Transport } from "../../src/aws/transport";
import { methodId, type MethodKey, type NormalizedResponses, type Operation, type PatchOperation, type ResponseSpec } from "../../src/model";
import { normalizeIntegrationResponse, normalizeMethodResponse, normalizeResponses } from "../../src/normalize";
import { AwsModelError, applyOperation } from "./aws-model";

/** One call the transport received. */
export interface RecordedCall {
  readonly operation: string;
  readonly input: Readonly<Record<string, unknown>>;
  /** The AWS error name when the call failed (`ConflictException`, …). */
  error?: string;
}

interface StoredMethod {
  integrationType?: string;
  responses: NormalizedResponses;
}

interface StoredResource {
  readonly id: string;
  readonly path: string;
  readonly methods: Map<string, StoredMethod>;
}

/** What a method starts with in {@link InMemoryApiGateway.addMethod}. */
export interface MethodSeed {
  /** The integration type; `null` for a method without integration. Default `MOCK`. */
  readonly integrationType?: string | null;
  /** The method's responses (normalized on the way in). Default none. */
  readonly responses?: Readonly<Record<string, ResponseSpec>>;
}

const STATUS: Record<string, number> = { ConflictException: 409, NotFoundException: 404, BadRequestException: 400, ValidationException: 400 };

/** An API Gateway in memory; its {@link transport} is the seam a runtime is given. */
export class InMemoryApiGateway {
  /** Every call received, in order. */
  readonly calls: RecordedCall[] = [];
  /** Called before each call is handled (after it is recorded): play another writer here. */
  beforeCall?: (call: RecordedCall) => void;
  private readonly apis = new Map<string, Map<string, StoredResource>>();
  private nextRequestId = 1;

  /** The seam: give it to `createRuntime({ transport })`. */
  readonly transport: Transport = ((operation: string, input: Readonly<Record<string, unknown>>) => this.receive(operation, input)) as Transport;

  /** Create a REST API with its root resource `/` (id `root`). */
  addRestApi(restApiId: string): this {
    this.apis.set(restApiId, new Map([["root", { id: "root", path: "/", methods: new Map() }]]));
    return this;
  }

  /** Add a resource (its REST API must exist). */
  addResource(restApiId: string, resourceId: string, path: string): this {
    this.api(restApiId).set(resourceId, { id: resourceId, path, methods: new Map() });
    return this;
  }

  /** Add a method on an existing resource. */
  addMethod(key: MethodKey, seed: MethodSeed = {}): this {
    const resource = this.api(key.restApiId).get(key.resourceId);
    if (!resource) throw new Error(`no resource ${key.resourceId}`);
    const integrationType = seed.integrationType === undefined ? "MOCK" : (seed.integrationType ?? undefined);
    resource.methods.set(key.httpMethod, { ...(integrationType ? { integrationType } : {}), responses: normalizeResponses(seed.responses ?? {}) });
    return this;
  }

  /** Delete a method (another writer, outside the seam). */
  removeMethod(key: MethodKey): void {
    this.api(key.restApiId).get(key.resourceId)?.methods.delete(key.httpMethod);
  }

  /** The live responses of a method (normalized). */
  responses(key: MethodKey): NormalizedResponses {
    return this.method(key).responses;
  }

  /** Replace the live responses of a method (another writer, outside the seam). */
  setResponses(key: MethodKey, responses: Readonly<Record<string, ResponseSpec>>): void {
    this.method(key).responses = normalizeResponses(responses);
  }

  /** The operations received, in order (`PutMethodResponse`, `GetMethod`, …). */
  operations(): string[] {
    return this.calls.map((c) => c.operation);
  }

  private api(restApiId: string): Map<string, StoredResource> {
    const api = this.apis.get(restApiId);
    if (!api) throw new Error(`no REST API ${restApiId}`);
    return api;
  }

  private method(key: MethodKey): StoredMethod {
    const m = this.apis.get(key.restApiId)?.get(key.resourceId)?.methods.get(key.httpMethod);
    if (!m) throw new Error(`no method ${methodId(key)}`);
    return m;
  }

  private metadata(status = 200) {
    return { httpStatusCode: status, requestId: `mem-${this.nextRequestId++}` };
  }

  /** An error shaped like the SDK's service exceptions. */
  private error(name: string, message: string): Error {
    const err = new Error(message);
    err.name = name;
    return Object.assign(err, { $fault: "client", $metadata: this.metadata(STATUS[name] ?? 400) });
  }

  private async receive(operation: string, input: Readonly<Record<string, unknown>>): Promise<never> {
    const call: RecordedCall = { operation, input: structuredClone(input) };
    this.calls.push(call);
    this.beforeCall?.(call);
    try {
      return this.handle(operation, input) as never;
    } catch (err) {
      call.error = (err as Error).name;
      throw err;
    }
  }

  private handle(operation: string, input: Readonly<Record<string, unknown>>): unknown {
    const str = (k: string) => String(input[k] ?? "");
    switch (operation) {
      case "GetRestApi":
        if (!this.apis.has(str("restApiId"))) throw this.error("NotFoundException", "Invalid REST API identifier specified");
        return { id: str("restApiId"), $metadata: this.metadata() };
      case "GetResources":
        return this.getResources(str("restApiId"), input);
      case "GetMethod":
        return { ...this.liveMethod(this.found(input)), $metadata: this.metadata() };
      case "PutMethodResponse":
      case "UpdateMethodResponse":
      case "DeleteMethodResponse":
      case "PutIntegrationResponse":
      case "DeleteIntegrationResponse":
        // A put or update answers with the stored object (AWS-70); a delete with no body.
        return { ...this.write(operation, input), $metadata: this.metadata(operation.startsWith("Delete") ? 202 : 201) };
      default:
        throw new Error(`the in-memory API Gateway does not model ${operation}`);
    }
  }

  private found(input: Readonly<Record<string, unknown>>): { key: MethodKey; method: StoredMethod } {
    const key = { restApiId: String(input.restApiId), resourceId: String(input.resourceId), httpMethod: String(input.httpMethod) };
    const method = this.apis.get(key.restApiId)?.get(key.resourceId)?.methods.get(key.httpMethod);
    if (!method) throw this.error("NotFoundException", "Invalid Method identifier specified");
    return { key, method };
  }

  private liveMethod({ key, method }: { key: MethodKey; method: StoredMethod }): Record<string, unknown> {
    const methodResponses: Record<string, unknown> = {};
    const integrationResponses: Record<string, unknown> = {};
    for (const [statusCode, r] of Object.entries(method.responses)) {
      if (r.methodResponse) methodResponses[statusCode] = { statusCode, ...structuredClone(r.methodResponse) };
      if (r.integrationResponse) {
        const { selectionPattern, ...rest } = structuredClone(r.integrationResponse);
        integrationResponses[statusCode] = { statusCode, ...(selectionPattern !== "" ? { selectionPattern } : {}), ...rest };
      }
    }
    return {
      httpMethod: key.httpMethod,
      ...(Object.keys(methodResponses).length > 0 ? { methodResponses } : {}),
      ...(method.integrationType
        ? { methodIntegration: { type: method.integrationType, ...(Object.keys(integrationResponses).length > 0 ? { integrationResponses } : {}) } }
        : {}),
    };
  }

  private getResources(restApiId: string, input: Readonly<Record<string, unknown>>): unknown {
    const api = this.apis.get(restApiId);
    if (!api) throw this.error("NotFoundException", "Invalid REST API identifier specified");
    const limit = typeof input.limit === "number" ? input.limit : 25;
    if (limit > 500) throw this.error("BadRequestException", "limit must be at most 500");
    const all = [...api.values()];
    const start = input.position === undefined ? 0 : all.findIndex((r) => r.id === input.position);
    if (start < 0) throw this.error("BadRequestException", "Invalid position");
    const embed = Array.isArray(input.embed) && input.embed.includes("methods");
    const items = all.slice(start, start + limit).map((r) => ({
      id: r.id,
      path: r.path,
      ...(r.methods.size > 0
        ? {
            resourceMethods: Object.fromEntries(
              [...r.methods].map(([httpMethod, method]) => [
                httpMethod,
                embed ? this.liveMethod({ key: { restApiId, resourceId: r.id, httpMethod }, method }) : {},
              ]),
            ),
          }
        : {}),
    }));
    const next = all[start + limit];
    return { items, ...(next ? { position: next.id } : {}), $metadata: this.metadata() };
  }

  /** A response write: the model's decision, with AWS's 404s around it; returns what a put or update answers. */
  private write(kind: Operation["kind"], input: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const { key, method } = this.found(input);
    const statusCode = String(input.statusCode);
    if ((kind === "PutIntegrationResponse" || kind === "DeleteIntegrationResponse") && !method.integrationType) {
      throw this.error("NotFoundException", "Invalid Integration identifier specified");
    }
    const base = { key, statusCode, changes: [] };
    const op: Operation =
      kind === "PutMethodResponse"
        ? { ...base, kind, methodResponse: normalizeMethodResponse(input as never) }
        : kind === "UpdateMethodResponse"
          ? { ...base, kind, patch: ((input.patchOperations ?? []) as PatchOperation[]).map((p) => ({ ...p })) }
          : kind === "PutIntegrationResponse"
            ? { ...base, kind, integrationResponse: normalizeIntegrationResponse(input as never) }
            : ({ ...base, kind } as Operation);
    try {
      method.responses = applyOperation(method.responses, op);
      if (kind.startsWith("Delete")) return {};
      const stored = this.liveMethod({ key, method });
      const answers = (kind === "PutIntegrationResponse" ? (stored.methodIntegration as { integrationResponses?: Record<string, unknown> }).integrationResponses : stored.methodResponses) as Record<string, Record<string, unknown>>;
      return answers[statusCode]!;
    } catch (err) {
      if (!(err instanceof AwsModelError)) throw err;
      // The SDK error carries the AWS text alone.
      throw this.error(err.code, err.awsMessage);
    }
  }
}
