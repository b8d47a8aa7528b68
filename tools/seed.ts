/**
 * Seeding of REST APIs on the local API Gateway (or moto behind it): an SDK client
 * with dummy credentials, and the skeleton of an existing API (REST API,
 * resources, methods, integrations, no responses), as the bench, the demo and the
 * tests need it.
 */
import { APIGatewayClient, type PutIntegrationCommandInput } from "@aws-sdk/client-api-gateway";
import { send, type SendOptions } from "../src/aws/call";
import { clientTransport, type OperationInput, type OperationName, type OperationOutput } from "../src/aws/transport";
import type { Runtime } from "../src/runtime";
import pMap from "p-map";
import type { MethodKey } from "../src/model";

/** Options of {@link localClient}. */
export interface LocalClientOptions {
  /** The SDK's attempts per call. Default 3 (the SDK's default); 1 shows raw errors. */
  readonly maxAttempts?: number;
  /** Time limit of one request, in ms; when given, a request over it fails. Default: the SDK's (none). */
  readonly requestTimeoutMs?: number;
}

/** A plain SDK client for a local endpoint: `us-east-1`, dummy credentials, none of our retry policy. */
export function localClient(endpoint: string, options: LocalClientOptions = {}): APIGatewayClient {
  return new APIGatewayClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: options.maxAttempts ?? 3,
    ...(options.requestTimeoutMs !== undefined ? { requestHandler: { requestTimeout: options.requestTimeoutMs, throwOnRequestTimeout: true } } : {}),
  });
}

/**
 * Where seeding calls go: a plain SDK client, or a {@link Runtime} (each call then
 * goes through {@link send}: its token buckets, write queue and retries).
 */
export type SeedTarget = APIGatewayClient | Runtime;

/** An integration, without the method it belongs to. */
export type IntegrationInput = Omit<PutIntegrationCommandInput, "restApiId" | "resourceId" | "httpMethod">;

/** A MOCK integration that answers 200. */
export const MOCK_200: IntegrationInput = { type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } };

function call<K extends OperationName>(target: SeedTarget, operation: K, input: OperationInput<K>, options: SendOptions = {}): Promise<OperationOutput<K>> {
  return "bucket" in target ? send(target, operation, input, options) : clientTransport(target)(operation, input);
}

/** Create a REST API; returns its id and the id of its root resource `/`. */
export async function createRestApi(target: SeedTarget, name: string, description?: string): Promise<{ restApiId: string; rootId: string }> {
  const api = await call(target, "CreateRestApi", { name, ...(description !== undefined ? { description } : {}) });
  const restApiId = api.id!;
  const resources = await call(target, "GetResources", { restApiId });
  return { restApiId, rootId: resources.items!.find((r) => r.path === "/")!.id! };
}

/** Create the resource `pathPart` under `parentId`; returns its id. */
export async function createResource(target: SeedTarget, restApiId: string, parentId: string, pathPart: string): Promise<string> {
  return (await call(target, "CreateResource", { restApiId, parentId, pathPart }, { write: true, restApiId })).id!;
}

/** Put a method (authorization NONE) and, unless `integration` is false, its integration. */
export async function putMethod(target: SeedTarget, key: MethodKey, integration: IntegrationInput | false): Promise<void> {
  await call(target, "PutMethod", { ...key, authorizationType: "NONE" }, { write: true, method: key });
  if (integration !== false) await call(target, "PutIntegration", { ...key, ...integration }, { write: true, method: key });
}

/** Options of {@link seedRestApi}. */
export interface SeedOptions {
  /** The REST API's name. */
  readonly name: string;
  /** How many resources to create under the root. */
  readonly resources: number;
  /** How many of them (the first ones) get a method. Default: all. */
  readonly methods?: number;
  /** The path part of resource `i`. Default `r${i}`. */
  readonly pathPart?: (i: number) => string;
  /** The HTTP method of each method. Default `GET`. */
  readonly httpMethod?: string;
  /** The integration of each method, or false for none. Default {@link MOCK_200}. */
  readonly integration?: IntegrationInput | false;
  /** Resources seeded at a time (each with its method). Default 1; more only where the target does not enforce AWS-9 (moto directly). */
  readonly concurrency?: number;
}

/** A seeded REST API. */
export interface SeededRestApi {
  readonly restApiId: string;
  readonly rootId: string;
  /** Resources created under the root, in order. */
  readonly resources: readonly { readonly id: string; readonly path: string }[];
  /** Methods created, in the order of their resources. */
  readonly methods: readonly MethodKey[];
}

/**
 * Create a REST API with `resources` resources under the root, the first
 * `methods` of them with a method and an integration, and no responses. Each
 * resource is created, then its method and integration, before the next one
 * (`concurrency` of them at a time).
 */
export async function seedRestApi(target: SeedTarget, options: SeedOptions): Promise<SeededRestApi> {
  const { restApiId, rootId } = await createRestApi(target, options.name);
  const methods = options.methods ?? options.resources;
  const pathPart = options.pathPart ?? ((i: number) => `r${i}`);
  const seeded = await pMap(
    Array.from({ length: options.resources }, (_, i) => i),
    async (i) => {
      const path = pathPart(i);
      const id = await createResource(target, restApiId, rootId, path);
      let method: MethodKey | undefined;
      if (i < methods) {
        method = { restApiId, resourceId: id, httpMethod: options.httpMethod ?? "GET" };
        await putMethod(target, method, options.integration ?? MOCK_200);
      }
      return { resource: { id, path: `/${path}` }, method };
    },
    { concurrency: options.concurrency ?? 1 },
  );
  return {
    restApiId,
    rootId,
    resources: seeded.map((s) => s.resource),
    methods: seeded.flatMap((s) => (s.method ? [s.method] : [])),
  };
}
