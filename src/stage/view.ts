/**
 * What a stage serves, compared with the live API. Pure: no client, no I/O, inputs are
 * never modified.
 *
 * A stage serves its deployment, an immutable snapshot, not the live API (AWS-52), and no
 * read call returns a deployment's responses (AWS-53) except `GetExport` of a stage
 * (AWS-58), requested as `oas30` with `extensions=apigateway` (or `integrations`; without
 * them the document has no integration or gateway responses, AWS-60, AWS-61). This module
 * turns such an export document, and the live API as read (`GetResources?embed=methods`,
 * AWS-30, and `GetGatewayResponses`, AWS-32), into one comparable shape, the
 * {@link StageView}, and names what differs per method and status code and per gateway
 * response type.
 *
 * What an export shows, and so what is compared:
 * - method responses (AWS-59): the status code, the header names (`headers`), and per
 *   content type the model name, which OpenAPI 3.0 gives as a `$ref` only for a JSON model.
 *   The live read has no model list, so model NAMES are compared only under
 *   `application/json`; under any other content type only the content type is compared
 *   (its name is `""` on both sides). Not visible: whether a header is `required`
 *   (AWS-59), and non-JSON models (AWS-62). Swagger 2.0 gives one schema per status code
 *   and the content types only per operation (`produces`), so neither can be attributed
 *   to a content type: a Swagger view keeps header names only (`models` always `{}`);
 * - integration responses (AWS-60): everything the product manages (selection pattern,
 *   parameters, templates, content handling), keyed by selection pattern (`"default"` for
 *   none, AWS-17), mapped back to their status code. A pattern that is literally
 *   `default` cannot be told from no pattern, and two responses with the same pattern
 *   (AWS-6 refuses two defaults) show as one;
 * - gateway responses (AWS-61): the customized types only, their absent fields being the
 *   AWS-35 defaults.
 *
 * Both sides go through the project's normalizers (`src/normalize.ts`), so that forms AWS
 * treats as equal compare equal: `null` and `""` templates (AWS-16), absent and empty maps
 * (AWS-18), absent `contentHandling` (pass-through).
 */
import type { ApiSnapshot } from "../observe/reads";
import {
  isGatewayResponseType,
  type GatewayResponseSpec,
  type GatewayResponseType,
  type NormalizedGatewayResponse,
  type ObservedGatewayResponses,
} from "../gateway-responses";
import type { IntegrationResponseSpec, NormalizedIntegrationResponse, NormalizedMethodResponse } from "../model";
import { compareKeys, normalizeGatewayResponse, normalizeIntegrationResponse, normalizeLiveMethod, stableStringify } from "../normalize";
import { escapeUnsafe } from "../text";

/** The two export types of GetExport (AWS-58): OpenAPI 3.0 and Swagger 2.0. */
export type ExportFormat = "oas30" | "swagger";

/**
 * What an export can show of a method response (AWS-59): header names, and content type
 * → model name (`""` when the export does not name one; names are kept only under
 * `application/json`, and a Swagger view keeps no content types at all). The `required`
 * flag of a header and non-JSON models are not visible (AWS-59, AWS-62).
 */
export interface VisibleMethodResponse {
  /** Header names (`X` of `method.response.header.X`), sorted. */
  readonly headers: readonly string[];
  /** Content type → model name or `""`, sorted by content type. */
  readonly models: Readonly<Record<string, string>>;
}

/** One status code of a method as a stage can show it: each kind present exactly when it exists. */
export interface VisibleResponse {
  readonly methodResponse?: VisibleMethodResponse;
  readonly integrationResponse?: NormalizedIntegrationResponse;
}

/** Everything a stage serves that this project manages, keyed for comparison. */
export interface StageView {
  /** How much a method response shows: an OpenAPI 3.0 export or a Swagger 2.0 one (coarser). */
  readonly format: ExportFormat;
  /**
   * `"GET /pets/{id}"` (HTTP method, space, resource path; `ANY` for
   * `x-amazon-apigateway-any-method`) → status code → responses. A method without any
   * response is left out.
   */
  readonly methods: Readonly<Record<string, Readonly<Record<string, VisibleResponse>>>>;
  /** Customized gateway response types only → normalized (`normalizeGatewayResponse` fills the AWS-35 defaults). */
  readonly gatewayResponses: Readonly<Partial<Record<GatewayResponseType, NormalizedGatewayResponse>>>;
}

/** How to project the live API onto what an export shows. */
export interface LiveViewOptions {
  /** The export the live view is compared with; default `oas30`. */
  readonly format?: ExportFormat;
  /**
   * The names of the REST API's JSON models, when known (GetModels). An OpenAPI 3.0 export
   * names a model only when it is a JSON model (AWS-59, AWS-62), so with this set an
   * `application/json` model outside it is shown without a name, as the export shows it.
   * Without it every `application/json` model name is shown.
   */
  readonly jsonModels?: ReadonlySet<string>;
}

/** The key of a method in a {@link StageView}: `"GET /pets/{id}"`. */
export function methodKey(httpMethod: string, path: string): string {
  return `${httpMethod.toUpperCase()} ${path}`;
}

const HEADER_PREFIX = "method.response.header.";
const JSON_CONTENT_TYPE = "application/json";

/** A record built from entries sorted by key (`Object.fromEntries` defines every key as an own property, `__proto__` included). */
function sortedRecord<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  return Object.fromEntries([...entries].sort((a, b) => compareKeys(a[0], b[0])));
}

/** AWS-59: the live method response projected onto what an export of `format` shows. */
function visibleLiveMethodResponse(mr: NormalizedMethodResponse, options: LiveViewOptions): VisibleMethodResponse {
  const headers = Object.keys(mr.responseParameters)
    .filter((k) => k.startsWith(HEADER_PREFIX))
    .map((k) => k.slice(HEADER_PREFIX.length))
    .sort(compareKeys);
  if ((options.format ?? "oas30") === "swagger") return { headers, models: {} };
  const models = sortedRecord(
    Object.entries(mr.responseModels).map(([ct, name]): [string, string] => [
      ct,
      ct === JSON_CONTENT_TYPE && (options.jsonModels === undefined || options.jsonModels.has(name)) ? name : "",
    ]),
  );
  return { headers, models };
}

/**
 * The live API as a stage would show it once deployed: the methods of a
 * `GetResources?embed=methods` snapshot (AWS-30) and the customized gateway responses of
 * a `GetGatewayResponses` read (AWS-32; a type merely inheriting from a fallback is not
 * customized, AWS-33). `gateway` undefined: no gateway responses (then restrict
 * {@link compareViews} with an empty `gatewayTypes`). A REST API that does not exist shows
 * nothing.
 *
 * @throws {Error} when a resource has no path, or two resources have the same path
 */
export function viewOfLive(api: ApiSnapshot, gateway: ObservedGatewayResponses | undefined, options: LiveViewOptions = {}): StageView {
  const methods = new Map<string, Record<string, VisibleResponse>>();
  const paths = new Set<string>();
  for (const resource of api.exists ? api.resources : []) {
    const path = resource.path;
    if (path === undefined) throw new Error(`live API ${api.restApiId}: resource ${resource.id} has no path`);
    if (paths.has(path)) throw new Error(`live API ${api.restApiId}: two resources have the path ${JSON.stringify(path)}`);
    paths.add(path);
    for (const [httpMethod, live] of Object.entries(resource.methods)) {
      if (live === null || live === undefined) continue;
      const { responses } = normalizeLiveMethod(live);
      const codes: [string, VisibleResponse][] = [];
      for (const [code, r] of Object.entries(responses)) {
        const visible: { methodResponse?: VisibleMethodResponse; integrationResponse?: NormalizedIntegrationResponse } = {};
        if (r.methodResponse !== undefined) visible.methodResponse = visibleLiveMethodResponse(r.methodResponse, options);
        if (r.integrationResponse !== undefined) visible.integrationResponse = r.integrationResponse;
        codes.push([code, visible]);
      }
      if (codes.length > 0) methods.set(methodKey(httpMethod, path), sortedRecord(codes));
    }
  }
  const gatewayResponses: [GatewayResponseType, NormalizedGatewayResponse][] = [];
  for (const [type, observed] of Object.entries(gateway?.responses ?? {})) {
    if (!isGatewayResponseType(type) || observed === undefined || !observed.customized) continue;
    gatewayResponses.push([type, normalizeGatewayResponse(type, observed.response)]);
  }
  return { format: options.format ?? "oas30", methods: sortedRecord(methods), gatewayResponses: sortedRecord(gatewayResponses) };
}

/** The document given to {@link viewOfExport} is not an export: `path` (JSONPath, `$` the root) says where. */
export class ExportDocumentError extends Error {
  constructor(
    /** Where the document is wrong, e.g. `$.paths["/pets"].get.responses`. */
    readonly path: string,
    /** What was expected there, and what was found. */
    readonly problem: string,
  ) {
    super(escapeUnsafe(`not a stage export: ${path}: ${problem}`));
    this.name = "ExportDocumentError";
  }
}

type JsonObject = Readonly<Record<string, unknown>>;

const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/** `$.a["b c"]`: a JSONPath step, bracketed unless the key is an identifier. */
function child(path: string, key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function kindOf(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object") return "an object";
  const text = JSON.stringify(v) ?? String(v);
  return `a ${typeof v} (${text.length > 60 ? `${text.slice(0, 57)}...` : text})`;
}

function expectObject(v: unknown, path: string, what = "an object"): JsonObject {
  if (!isObject(v)) throw new ExportDocumentError(path, `expected ${what}, got ${kindOf(v)}`);
  return v;
}

/** An optional object: absent (or `null`) is `{}` (AWS-18). */
function optionalObject(v: unknown, path: string): JsonObject {
  return v === undefined || v === null ? {} : expectObject(v, path);
}

/** An optional map of strings (`null` values allowed when `nulls`, AWS-16). */
function stringMap(v: unknown, path: string, nulls: boolean): Record<string, string | null> {
  const out: [string, string | null][] = [];
  for (const [k, x] of Object.entries(optionalObject(v, path))) {
    if (typeof x === "string" || (nulls && x === null)) out.push([k, x]);
    else throw new ExportDocumentError(child(path, k), `expected a string${nulls ? " or null" : ""}, got ${kindOf(x)}`);
  }
  return Object.fromEntries(out);
}

/** A status code written as a string or (AWS-61) as a JSON integer. */
function statusCodeOf(v: unknown, path: string): string {
  if (typeof v === "string" && v !== "") return v;
  if (typeof v === "number" && Number.isInteger(v)) return String(v);
  throw new ExportDocumentError(path, `expected a status code (a string or an integer), got ${kindOf(v)}`);
}

/** The model a `$ref` names, `#/components/schemas/Name` (oas30) or `#/definitions/Name` (swagger); a JSON pointer (`~1`, `~0`). */
function refName(schema: unknown, path: string, prefix: string): string {
  if (schema === undefined || schema === null) return "";
  const s = expectObject(schema, path);
  const ref = s.$ref;
  if (ref === undefined) return ""; // an inline schema names no model
  if (typeof ref !== "string" || !ref.startsWith(prefix) || ref.length === prefix.length) {
    throw new ExportDocumentError(child(path, "$ref"), `expected "${prefix}<model name>", got ${kindOf(ref)}`);
  }
  return ref.slice(prefix.length).replace(/~1/g, "/").replace(/~0/g, "~");
}

/** AWS-59: one method response entry of an export. */
function visibleExportMethodResponse(entry: unknown, path: string, format: ExportFormat): VisibleMethodResponse {
  const e = expectObject(entry, path);
  const headers = Object.keys(optionalObject(e.headers, child(path, "headers"))).sort(compareKeys);
  if (format === "swagger") {
    refName(e.schema, child(path, "schema"), "#/definitions/"); // checked, not kept: Swagger cannot say which content type it is for
    return { headers, models: {} };
  }
  const contentPath = child(path, "content");
  const models: [string, string][] = [];
  for (const [ct, media] of Object.entries(optionalObject(e.content, contentPath))) {
    const mediaPath = child(contentPath, ct);
    const name = refName(expectObject(media, mediaPath).schema, child(mediaPath, "schema"), "#/components/schemas/");
    models.push([ct, ct === JSON_CONTENT_TYPE ? name : ""]);
  }
  return { headers, models: sortedRecord(models) };
}

/** AWS-60: the integration responses of an operation, by status code. */
function exportIntegrationResponses(integration: unknown, path: string): Map<string, NormalizedIntegrationResponse> {
  const out = new Map<string, NormalizedIntegrationResponse>();
  const fromPattern = new Map<string, string>();
  if (integration === undefined || integration === null) return out;
  const responsesPath = child(path, "responses");
  const responses = optionalObject(expectObject(integration, path).responses, responsesPath);
  for (const [pattern, entry] of Object.entries(responses)) {
    const at = child(responsesPath, pattern);
    const e = expectObject(entry, at);
    const statusCode = statusCodeOf(e.statusCode, child(at, "statusCode"));
    const earlier = fromPattern.get(statusCode);
    if (earlier !== undefined) throw new ExportDocumentError(at, `status code ${statusCode} is already the one of ${child(responsesPath, earlier)}`);
    fromPattern.set(statusCode, pattern);
    const contentHandling = e.contentHandling;
    if (contentHandling !== undefined && contentHandling !== null && typeof contentHandling !== "string") {
      throw new ExportDocumentError(child(at, "contentHandling"), `expected a string, got ${kindOf(contentHandling)}`);
    }
    const spec = {
      // AWS-17: "default" is the response without a pattern, i.e. "".
      selectionPattern: pattern === "default" ? "" : pattern,
      responseParameters: stringMap(e.responseParameters, child(at, "responseParameters"), false),
      responseTemplates: stringMap(e.responseTemplates, child(at, "responseTemplates"), true),
      contentHandling,
    } as IntegrationResponseSpec;
    out.set(statusCode, normalizeIntegrationResponse(spec));
  }
  return out;
}

/** The HTTP methods of an OpenAPI path item; every other key (`parameters`, `summary`, other `x-` keys) is ignored. */
const OPERATION_KEYS: ReadonlyMap<string, string> = new Map([
  ["get", "GET"],
  ["put", "PUT"],
  ["post", "POST"],
  ["delete", "DELETE"],
  ["options", "OPTIONS"],
  ["head", "HEAD"],
  ["patch", "PATCH"],
  ["trace", "TRACE"],
  ["x-amazon-apigateway-any-method", "ANY"],
]);

/** AWS-61: `x-amazon-apigateway-gateway-responses`; types this version does not know are left out, as in a live read. */
function exportGatewayResponses(value: unknown, path: string): [GatewayResponseType, NormalizedGatewayResponse][] {
  const out: [GatewayResponseType, NormalizedGatewayResponse][] = [];
  for (const [type, entry] of Object.entries(optionalObject(value, path))) {
    if (!isGatewayResponseType(type)) continue;
    const at = child(path, type);
    const e = expectObject(entry, at);
    const spec: { statusCode?: string; responseParameters?: Record<string, string>; responseTemplates?: Record<string, string> } = {};
    // AWS-61: a JSON number in the one sample; absent (DEFAULT_4XX / DEFAULT_5XX) means the type's default (AWS-35).
    if (e.statusCode !== undefined && e.statusCode !== null) spec.statusCode = statusCodeOf(e.statusCode, child(at, "statusCode"));
    if (e.responseParameters !== undefined && e.responseParameters !== null) {
      spec.responseParameters = stringMap(e.responseParameters, child(at, "responseParameters"), false) as Record<string, string>;
    }
    if (e.responseTemplates !== undefined && e.responseTemplates !== null) {
      // AWS-16: a null template is "".
      const templates = stringMap(e.responseTemplates, child(at, "responseTemplates"), true);
      spec.responseTemplates = Object.fromEntries(Object.entries(templates).map(([k, v]) => [k, v ?? ""]));
    }
    // Fields left out are the AWS-35 defaults: the same normalizer as the live side.
    out.push([type, normalizeGatewayResponse(type, spec as GatewayResponseSpec)]);
  }
  return out;
}

/**
 * What a stage serves, from its export: the parsed JSON of `GetExport` (AWS-58), OpenAPI
 * 3.0 (`openapi: "3.0.x"`) or Swagger 2.0 (`swagger: "2.0"`). Ask for
 * `extensions=apigateway`: without it the document holds no integration responses
 * (AWS-60) and no gateway responses (AWS-61), and they would all compare as not deployed.
 * Absent maps read as empty (AWS-18); keys this module does not use are ignored.
 *
 * @throws {ExportDocumentError} naming the JSON path, when the document is not such an export
 */
export function viewOfExport(document: unknown): StageView {
  const doc = expectObject(document, "$", "the export document as a JSON object (parse GetExport's body first)");
  let format: ExportFormat;
  if (typeof doc.openapi === "string" && doc.openapi.startsWith("3.")) format = "oas30";
  else if (doc.swagger === "2.0") format = "swagger";
  else throw new ExportDocumentError("$", `expected "openapi": "3.0.x" or "swagger": "2.0", got ${doc.openapi !== undefined ? `openapi ${kindOf(doc.openapi)}` : `swagger ${kindOf(doc.swagger)}`}`);

  const methods = new Map<string, Record<string, VisibleResponse>>();
  const pathsAt = "$.paths";
  for (const [path, item] of Object.entries(expectObject(doc.paths, pathsAt))) {
    const itemAt = child(pathsAt, path);
    for (const [key, operation] of Object.entries(expectObject(item, itemAt))) {
      const httpMethod = OPERATION_KEYS.get(key);
      if (httpMethod === undefined) continue;
      const opAt = child(itemAt, key);
      const op = expectObject(operation, opAt);
      const codes = new Map<string, { methodResponse?: VisibleMethodResponse; integrationResponse?: NormalizedIntegrationResponse }>();
      const responsesAt = child(opAt, "responses");
      for (const [code, entry] of Object.entries(optionalObject(op.responses, responsesAt))) {
        codes.set(code, { methodResponse: visibleExportMethodResponse(entry, child(responsesAt, code), format) });
      }
      for (const [code, ir] of exportIntegrationResponses(op["x-amazon-apigateway-integration"], child(opAt, "x-amazon-apigateway-integration"))) {
        codes.set(code, { ...codes.get(code), integrationResponse: ir });
      }
      if (codes.size > 0) methods.set(methodKey(httpMethod, path), sortedRecord(codes));
    }
  }
  const gatewayResponses = exportGatewayResponses(doc["x-amazon-apigateway-gateway-responses"], child("$", "x-amazon-apigateway-gateway-responses"));
  return { format, methods: sortedRecord(methods), gatewayResponses: sortedRecord(gatewayResponses) };
}

/** One thing the stage serves differently from the live API. */
export interface StageDifference {
  /** The method, `"GET /pets"` (method and integration responses). */
  readonly method?: string;
  /** The status code (method and integration responses). */
  readonly statusCode?: string;
  /** The type (gateway responses). */
  readonly responseType?: GatewayResponseType;
  readonly kind: "methodResponse" | "integrationResponse" | "gatewayResponse";
  /**
   * `changed`: live differs from what the stage serves (an undeployed change);
   * `not-deployed`: live has it, the stage does not; `deployed-only`: the stage serves it,
   * live no longer has it.
   */
  readonly state: "changed" | "not-deployed" | "deployed-only";
}

/** Which methods and gateway response types {@link compareViews} compares; an absent set means all. */
export interface ComparisonScope {
  /** Method keys, `"GET /pets"` (see {@link methodKey}). */
  readonly methods?: ReadonlySet<string>;
  readonly gatewayTypes?: ReadonlySet<GatewayResponseType>;
}

function stateOf(deployed: unknown, live: unknown): StageDifference["state"] | undefined {
  if (deployed === undefined) return live === undefined ? undefined : "not-deployed";
  if (live === undefined) return "deployed-only";
  return stableStringify(deployed) === stableStringify(live) ? undefined : "changed";
}

/** Sort method keys by resource path, then HTTP method. */
function compareMethodKeys(a: string, b: string): number {
  const [ma, pa] = [a.slice(0, a.indexOf(" ")), a.slice(a.indexOf(" ") + 1)];
  const [mb, pb] = [b.slice(0, b.indexOf(" ")), b.slice(b.indexOf(" ") + 1)];
  return compareKeys(pa, pb) || compareKeys(ma, mb);
}

/**
 * What the stage serves differently from the live API (AWS-52): per method and status
 * code, the method response and the integration response; per customized gateway
 * response type, the gateway response. Sorted: methods by resource path then HTTP
 * method, status codes, method response before integration response; then gateway
 * response types. Empty when the stage serves the live API.
 *
 * @param deployed the view of the stage's export ({@link viewOfExport})
 * @param live the view of the live API ({@link viewOfLive}), of the same format
 * @param scope restricts the methods and types compared (absent: all)
 * @throws {Error} when the two views are of different formats
 */
export function compareViews(deployed: StageView, live: StageView, scope: ComparisonScope = {}): StageDifference[] {
  if (deployed.format !== live.format) {
    throw new Error(`cannot compare a ${deployed.format} view with a ${live.format} view: project the live API with viewOfLive(…, { format: "${deployed.format}" })`);
  }
  const out: StageDifference[] = [];
  const methodKeys = [...new Set([...Object.keys(deployed.methods), ...Object.keys(live.methods)])]
    .filter((m) => scope.methods === undefined || scope.methods.has(m))
    .sort(compareMethodKeys);
  for (const method of methodKeys) {
    const d = deployed.methods[method] ?? {};
    const l = live.methods[method] ?? {};
    const codes = [...new Set([...Object.keys(d), ...Object.keys(l)])].sort(compareKeys);
    for (const statusCode of codes) {
      for (const kind of ["methodResponse", "integrationResponse"] as const) {
        const state = stateOf(d[statusCode]?.[kind], l[statusCode]?.[kind]);
        if (state !== undefined) out.push({ method, statusCode, kind, state });
      }
    }
  }
  const types = [...new Set([...Object.keys(deployed.gatewayResponses), ...Object.keys(live.gatewayResponses)] as GatewayResponseType[])]
    .filter((t) => scope.gatewayTypes === undefined || scope.gatewayTypes.has(t))
    .sort(compareKeys);
  for (const responseType of types) {
    const state = stateOf(deployed.gatewayResponses[responseType], live.gatewayResponses[responseType]);
    if (state !== undefined) out.push({ responseType, kind: "gatewayResponse", state });
  }
  return out;
}

/** How each kind of response is named in messages. */
export const DIFFERENCE_KIND_TEXT: Readonly<Record<StageDifference["kind"], string>> = {
  methodResponse: "method response",
  integrationResponse: "integration response",
  gatewayResponse: "gateway response",
};

/** How each state of a difference is said in messages. */
export const DIFFERENCE_STATE_TEXT: Readonly<Record<StageDifference["state"], string>> = {
  changed: "changed since the deployment",
  "not-deployed": "not deployed",
  "deployed-only": "deployed, no longer in the live API",
};

/**
 * One line for a difference, unsafe characters escaped:
 * `GET /pets 404: integration response changed since the deployment`,
 * `gateway response DEFAULT_4XX: not deployed`.
 */
export function describeDifference(d: StageDifference): string {
  const subject = d.kind === "gatewayResponse" ? `gateway response ${d.responseType ?? "?"}` : `${d.method ?? "?"} ${d.statusCode ?? "?"}: ${DIFFERENCE_KIND_TEXT[d.kind]}`;
  return escapeUnsafe(`${subject}${d.kind === "gatewayResponse" ? ":" : ""} ${DIFFERENCE_STATE_TEXT[d.state]}`);
}

/**
 * What is wrong with a stage itself, before any difference of responses: it does not
 * exist, serves no deployment, or serves one this project did not make (someone else deployed).
 */
export type StageCondition = "stage-missing" | "no-deployment" | "foreign";

/** The {@link StageCondition} of an inspection; undefined when the stage serves a deployment of this project. */
export function stageConditionOf(i: { readonly exists: boolean; readonly deploymentId?: string; readonly foreign: boolean }): StageCondition | undefined {
  if (!i.exists) return "stage-missing";
  if (i.deploymentId === undefined) return "no-deployment";
  return i.foreign ? "foreign" : undefined;
}

/** A condition in words, after the stage's name: `does not exist`, `serves deployment d1, which apigw-responses did not make`. */
export function describeStageCondition(condition: StageCondition, deploymentId?: string): string {
  if (condition === "stage-missing") return "does not exist";
  if (condition === "no-deployment") return "serves no deployment";
  return `serves deployment ${deploymentId ?? "?"}, which apigw-responses did not make`;
}
