/**
 * The benchmark's workload: a REST API with M methods, each with
 * {@link CODES_PER_METHOD} status codes that have both a method response and an
 * integration response, so N responses = M × 2 × CODES_PER_METHOD. Seeding
 * (REST API, resources, methods, MOCK integrations) goes to moto directly, so it
 * neither costs quota nor shows in the local API Gateway's stats.
 */
import type { MethodKey, MethodSpec, NormalizedResponses, ResponseSpec } from "../../src/model";
import { normalizeDesiredResponses } from "../../src/normalize";
import { localClient, seedRestApi } from "../seed";

/** Status codes per method; each has a method response and an integration response. */
export const CODES_PER_METHOD = 5;

/** Responses (method + integration) per method. */
export const RESPONSES_PER_METHOD = CODES_PER_METHOD * 2;

const H = (name: string) => `method.response.header.${name}`;

/**
 * The desired responses of method number `i`: a CORS-style 200 with a mapped
 * header and a template, and four error codes selected by pattern.
 */
export function responsesOf(i: number): Record<string, ResponseSpec> {
  return {
    "200": {
      methodResponse: { responseParameters: { [H("Access-Control-Allow-Origin")]: true }, responseModels: { "application/json": "Empty" } },
      integrationResponse: {
        responseParameters: { [H("Access-Control-Allow-Origin")]: "'*'" },
        responseTemplates: { "application/json": `{"method": ${i}, "ok": true}` },
      },
    },
    "400": { methodResponse: {}, integrationResponse: { selectionPattern: ".*\\[BadRequest\\].*", responseTemplates: { "application/json": '{"error": "bad request"}' } } },
    "404": { methodResponse: {}, integrationResponse: { selectionPattern: ".*\\[NotFound\\].*" } },
    "500": { methodResponse: {}, integrationResponse: { selectionPattern: "5\\d{2}" } },
    "504": { methodResponse: { responseParameters: { [H("Retry-After")]: false } }, integrationResponse: { selectionPattern: ".*Task timed out.*" } },
  };
}

/** A seeded REST API: its id and its methods (`GET` with a MOCK integration on `/m0`, `/m1`, …). */
export interface SeededApi {
  readonly restApiId: string;
  readonly methods: readonly MethodKey[];
}

/**
 * Create a REST API with `methods` resources `/m0…`, each with a `GET` method and a
 * MOCK integration, and no responses. `endpoint` should be moto's own endpoint.
 */
export async function seedApi(endpoint: string, methods: number, name = "bench"): Promise<SeededApi> {
  const client = localClient(endpoint);
  try {
    const api = await seedRestApi(client, { name, resources: methods, pathPart: (i) => `m${i}`, concurrency: 4 });
    return { restApiId: api.restApiId, methods: api.methods };
  } finally {
    client.destroy();
  }
}

/** The method specs of a seeded API (method `i` gets {@link responsesOf}(i)). */
export function specsOf(api: SeededApi): MethodSpec[] {
  return api.methods.map((key, i) => ({ ...key, responses: responsesOf(i) }));
}

/** The normalized desired responses of every method, by resource id. */
export function desiredByResource(api: SeededApi): Map<string, NormalizedResponses> {
  return new Map(api.methods.map((k, i) => [k.resourceId, normalizeDesiredResponses(responsesOf(i))]));
}
