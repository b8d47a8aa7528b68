/**
 * GetExport of a stage (AWS-58..AWS-61): an OpenAPI 3.0 (`oas30`) or Swagger 2.0
 * (`swagger`) document built from the stage's deployment snapshot, never from the live
 * API (AWS-52, AWS-58). Pure: takes a {@link ApiSnapshot} and the call's options.
 *
 * What is recorded is reproduced literally (the method response entries of AWS-59, the
 * `x-amazon-apigateway-integration.responses` of AWS-60, the root keys, the headers of
 * AWS-58); what is not recorded is built the way the recorded samples suggest and is
 * marked "inferred" in docs/aws-behaviors.md.
 */
import { stringify as toYaml } from "yaml";
import { DEFAULT_GATEWAY_RESPONSE_TEMPLATE, type StoredGatewayResponse } from "./gateway-responses";
import type { Json } from "./shapes";

/** A resource of the snapshot: its path and its methods as GetMethod returns them (AWS-15 shapes). */
export interface SnapshotResource {
  readonly id: string;
  readonly path: string;
  readonly methods: Readonly<Record<string, Json>>;
}

/** A model of the snapshot. */
export interface SnapshotModel {
  readonly name: string;
  readonly contentType?: string;
  readonly schema?: string;
}

/** What a deployment froze of its REST API (AWS-45, AWS-52). */
export interface ApiSnapshot {
  readonly restApiId: string;
  readonly name: string;
  readonly description?: string;
  readonly version?: string;
  readonly binaryMediaTypes: readonly string[];
  /** Sorted by path. */
  readonly resources: readonly SnapshotResource[];
  readonly models: readonly SnapshotModel[];
  /** The customized gateway response types, as stored (AWS-35), by type. */
  readonly gatewayResponses: Readonly<Record<string, StoredGatewayResponse>>;
}

/** The options of one GetExport call. */
export interface ExportRequest {
  readonly exportType: "oas30" | "swagger";
  readonly stageName: string;
  readonly region: string;
  /** The deployment's creation time (epoch seconds): `info.version` of an API without a version. */
  readonly deployedAt: number;
  /** The `extensions` parameter, split on commas. */
  readonly extensions: readonly string[];
  /** The `Accept` header, if any. */
  readonly accept?: string;
}

/** The answer: body, content type, content disposition. */
export interface ExportAnswer {
  readonly body: Buffer;
  readonly contentType: string;
  readonly contentDisposition: string;
}

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** `info.version`: the API's version, else the deployment's time as `2021-08-06T20:25:11Z` (AWS-58, AWS-61 sample). */
function versionOf(snapshot: ApiSnapshot, deployedAt: number): string {
  return snapshot.version ?? new Date(deployedAt * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Request parameters of a method as OpenAPI parameters (path ones always required). */
function parametersOf(method: Json, oas30: boolean): Json[] {
  const rp = isObject(method.requestParameters) ? method.requestParameters : {};
  const out: Json[] = [];
  for (const [key, required] of Object.entries(rp)) {
    const m = /^method\.request\.(path|querystring|header)\.(.+)$/.exec(key);
    if (!m) continue;
    const where = m[1] === "querystring" ? "query" : m[1]!;
    const req = where === "path" ? true : required === true;
    out.push(oas30 ? { name: m[2]!, in: where, required: req, schema: { type: "string" } } : { name: m[2]!, in: where, required: req, type: "string" });
  }
  return out;
}

/** AWS-59: one method response entry. */
function methodResponseEntry(code: string, mr: Json, oas30: boolean, modelNames: ReadonlySet<string>): Json {
  const entry: Json = { description: `${code} response` };
  const params = isObject(mr.responseParameters) ? Object.keys(mr.responseParameters) : [];
  const headers: Json = {};
  for (const p of params) {
    const m = /^method\.response\.header\.(.+)$/.exec(p);
    if (m) headers[m[1]!] = oas30 ? { schema: { type: "string" } } : { type: "string" };
  }
  const models = isObject(mr.responseModels) ? (mr.responseModels as Record<string, string>) : {};
  if (oas30) {
    if (Object.keys(headers).length > 0) entry.headers = headers;
    const content: Json = {};
    for (const [ct, model] of Object.entries(models)) content[ct] = modelNames.has(model) ? { schema: { $ref: `#/components/schemas/${model}` } } : {};
    entry.content = content;
  } else {
    const json = models["application/json"] ?? Object.values(models)[0];
    if (json !== undefined && modelNames.has(json)) entry.schema = { $ref: `#/definitions/${json}` };
    if (Object.keys(headers).length > 0) entry.headers = headers;
  }
  return entry;
}

/** AWS-60: one integration response entry: only the fields that are set. */
function integrationResponseEntry(ir: Json): Json {
  const out: Json = { statusCode: String(ir.statusCode) };
  if (isObject(ir.responseParameters) && Object.keys(ir.responseParameters).length > 0) out.responseParameters = ir.responseParameters;
  if (isObject(ir.responseTemplates) && Object.keys(ir.responseTemplates).length > 0) out.responseTemplates = ir.responseTemplates;
  if (typeof ir.contentHandling === "string") out.contentHandling = ir.contentHandling;
  return out;
}

/** AWS-60: `x-amazon-apigateway-integration` of a method. */
export function integrationExtension(integration: Json): Json {
  const out: Json = {};
  if (typeof integration.type === "string") out.type = integration.type.toLowerCase();
  if (typeof integration.httpMethod === "string" && integration.type !== "MOCK") out.httpMethod = integration.httpMethod;
  if (typeof integration.uri === "string" && integration.uri !== "") out.uri = integration.uri;
  for (const k of ["connectionType", "connectionId", "credentials"]) if (typeof integration[k] === "string" && integration[k] !== "") out[k] = integration[k];
  if (isObject(integration.integrationResponses) && Object.keys(integration.integrationResponses).length > 0) {
    const responses: Json = {};
    for (const ir of Object.values(integration.integrationResponses)) {
      if (!isObject(ir)) continue;
      // Keyed by selection pattern; "default" for the response without one (AWS-17: "" is default too).
      const pattern = typeof ir.selectionPattern === "string" && ir.selectionPattern !== "" ? ir.selectionPattern : "default";
      responses[pattern] = integrationResponseEntry(ir);
    }
    out.responses = responses;
  }
  if (isObject(integration.requestParameters) && Object.keys(integration.requestParameters).length > 0) out.requestParameters = integration.requestParameters;
  if (isObject(integration.requestTemplates) && Object.keys(integration.requestTemplates).length > 0) out.requestTemplates = integration.requestTemplates;
  // AWS's default is WHEN_NO_MATCH (moto stores none when none is sent).
  out.passthroughBehavior = (typeof integration.passthroughBehavior === "string" ? integration.passthroughBehavior : "WHEN_NO_MATCH").toLowerCase();
  if (typeof integration.contentHandling === "string") out.contentHandling = integration.contentHandling;
  if (typeof integration.timeoutInMillis === "number" && integration.timeoutInMillis !== 29000) out.timeoutInMillis = integration.timeoutInMillis;
  return out;
}

/**
 * AWS-61: `x-amazon-apigateway-gateway-responses`: the customized types only, with their
 * stored fields and `statusCode` as a JSON number. (inferred from the one sample) the two
 * fallbacks leave out a template that is AWS-32's default, and empty maps are left out.
 */
export function gatewayResponsesExtension(stored: Readonly<Record<string, StoredGatewayResponse>>): Json | undefined {
  const types = Object.keys(stored).sort();
  if (types.length === 0) return undefined;
  const out: Json = {};
  for (const type of types) {
    const gr = stored[type]!;
    const entry: Json = {};
    if (gr.statusCode !== undefined) entry.statusCode = Number(gr.statusCode);
    if (Object.keys(gr.responseParameters).length > 0) entry.responseParameters = { ...gr.responseParameters };
    const templates = { ...gr.responseTemplates };
    const fallback = type === "DEFAULT_4XX" || type === "DEFAULT_5XX";
    const onlyDefault = Object.keys(templates).length === 1 && templates["application/json"] === DEFAULT_GATEWAY_RESPONSE_TEMPLATE;
    if (Object.keys(templates).length > 0 && !(fallback && onlyDefault)) entry.responseTemplates = templates;
    out[type] = entry;
  }
  return out;
}

function parseSchema(text: string | undefined): Json {
  if (!text) return { type: "object" };
  try {
    const parsed: unknown = JSON.parse(text);
    if (isObject(parsed)) {
      const { $schema: _ignored, ...rest } = parsed;
      return rest;
    }
  } catch {
    /* a schema that is not JSON is exported as an object */
  }
  return { type: "object" };
}

/** The export document of a snapshot, as a JSON value. */
export function exportDocument(snapshot: ApiSnapshot, request: ExportRequest): Json {
  const oas30 = request.exportType === "oas30";
  const withIntegrations = request.extensions.includes("integrations") || request.extensions.includes("apigateway");
  const withApigateway = request.extensions.includes("apigateway");
  const jsonModels = snapshot.models.filter((m) => m.contentType === undefined || m.contentType === "application/json");
  const modelNames = new Set(jsonModels.map((m) => m.name));

  const paths: Json = {};
  for (const resource of snapshot.resources) {
    const ops: Json = {};
    for (const [httpMethod, method] of Object.entries(resource.methods)) {
      const op: Json = {};
      const mrs = isObject(method.methodResponses) ? method.methodResponses : {};
      if (!oas30) {
        const produces = [
          ...new Set(
            Object.values(mrs).flatMap((mr) => (isObject(mr) && isObject(mr.responseModels) ? Object.keys(mr.responseModels) : [])),
          ),
        ];
        if (produces.length > 0) op.produces = produces;
      }
      const params = parametersOf(method, oas30);
      if (params.length > 0) op.parameters = params;
      const responses: Json = {};
      for (const [code, mr] of Object.entries(mrs)) if (isObject(mr)) responses[code] = methodResponseEntry(code, mr, oas30, modelNames);
      op.responses = responses;
      if (withIntegrations && isObject(method.methodIntegration)) op["x-amazon-apigateway-integration"] = integrationExtension(method.methodIntegration);
      ops[httpMethod === "ANY" ? "x-amazon-apigateway-any-method" : httpMethod.toLowerCase()] = op;
    }
    if (Object.keys(ops).length > 0) paths[resource.path] = ops;
  }

  const version = versionOf(snapshot, request.deployedAt);
  const schemas: Json = {};
  for (const m of jsonModels) schemas[m.name] = parseSchema(m.schema);
  const host = `${snapshot.restApiId}.execute-api.${request.region}.amazonaws.com`;
  const doc: Json = oas30
    ? {
        openapi: "3.0.1",
        info: { title: snapshot.name, ...(snapshot.description ? { description: snapshot.description } : {}), version },
        servers: [{ url: `https://${host}/{basePath}`, variables: { basePath: { default: request.stageName } } }],
        paths,
        components: Object.keys(schemas).length > 0 ? { schemas } : {},
      }
    : {
        swagger: "2.0",
        info: { ...(snapshot.description ? { description: snapshot.description } : {}), version, title: snapshot.name },
        host,
        basePath: `/${request.stageName}`,
        schemes: ["https"],
        paths,
        ...(Object.keys(schemas).length > 0 ? { definitions: schemas } : {}),
      };
  if (withIntegrations) {
    const grs = gatewayResponsesExtension(snapshot.gatewayResponses);
    if (grs) doc["x-amazon-apigateway-gateway-responses"] = grs;
  }
  if (withApigateway && snapshot.binaryMediaTypes.length > 0) doc["x-amazon-apigateway-binary-media-types"] = [...snapshot.binaryMediaTypes];
  return doc;
}

/**
 * AWS-58: the answer of GetExport. `Accept: application/yaml` gives YAML; otherwise JSON,
 * sent as `application/octet-stream` when no `Accept` names JSON (the recorded boto3 call
 * sent none), with `Content-Disposition: attachment; filename="<type>_<version>.json"`.
 */
export function exportAnswer(snapshot: ApiSnapshot, request: ExportRequest): ExportAnswer {
  const doc = exportDocument(snapshot, request);
  const accept = (request.accept ?? "").toLowerCase();
  const yaml = accept.includes("application/yaml") || accept.includes("application/x-yaml");
  const version = versionOf(snapshot, request.deployedAt);
  const file = `${request.exportType}_${version}.${yaml ? "yaml" : "json"}`;
  return {
    body: Buffer.from(yaml ? toYaml(doc) : JSON.stringify(doc, null, 2)),
    contentType: yaml ? "application/yaml" : accept.includes("application/json") ? "application/json" : "application/octet-stream",
    contentDisposition: `attachment; filename="${file}"`,
  };
}
